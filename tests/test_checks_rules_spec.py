"""The rules file specified entry by entry: which file applies, how each table overrides or extends the defaults
(defaults.toml as shipped), how every value is cleaned, and the message naming each mistake."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shuzhi_xl.checks.rules import (RULES_FILE, Frequency, Relation, load_rules, rules_file, rules_for,
                                    rules_line)
from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.outline import Heading, Outline


def _write(folder: Path, text: str, name: str = RULES_FILE, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_text(text, encoding=encoding)
    return path


def _load(tmp_path: Path, text: str):
    return load_rules(_write(tmp_path, text))


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ShuzhiError) as error:
        _load(tmp_path, text)
    return str(error.value)


def test_the_named_file_applies_else_the_one_beside_else_none(tmp_path):
    assert rules_file(tmp_path) is None
    assert rules_file(None) is None
    (tmp_path / RULES_FILE).mkdir()  # a folder of that name is not a rules file
    assert rules_file(tmp_path) is None
    other = tmp_path / "other"
    other.mkdir()
    beside = _write(other, "")
    assert rules_file(other) == beside
    assert rules_file(other, "委员会.toml") == Path("委员会.toml")
    assert rules_file(None, str(beside)) == beside


def test_rules_for_a_folder_without_a_file_are_the_defaults(tmp_path):
    rules, used = rules_for(tmp_path)
    assert used is None and rules is load_rules()
    assert rules_line(None) == "检查规则：内置默认规则（文件夹中没有“规则.toml”）。"


def test_rules_for_a_folder_with_a_file_are_its_rules_and_name_it(tmp_path):
    path = _write(tmp_path, "disable = [\"LN001\"]\n")
    rules, used = rules_for(tmp_path)
    assert used == path and rules.disable == frozenset({"LN001"})
    assert rules_line(path) == f"检查规则：{path}"


def test_a_bad_file_beside_is_an_error_ending_with_where_it_is(tmp_path):
    path = _write(tmp_path, "colour = 1\n")
    with pytest.raises(ShuzhiError) as error:
        rules_for(tmp_path)
    assert str(error.value).endswith(f"\n规则文件位置：{path}")
    assert "未知的设置项“colour”" in str(error.value)


def test_a_named_file_that_does_not_exist_is_one_message_without_a_location_line(tmp_path):
    missing = tmp_path / "没有.toml"
    with pytest.raises(ShuzhiError) as error:
        rules_for(tmp_path, missing)
    assert str(error.value) == f"规则文件“{missing}”不存在。请检查路径和文件名。"


def test_a_file_that_cannot_be_read_is_an_error_not_a_traceback(tmp_path, monkeypatch):
    path = _write(tmp_path, "")

    def locked(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_text", locked)
    with pytest.raises(ShuzhiError) as error:
        rules_for(tmp_path)
    assert str(error.value) == f"无法读取规则文件“{path}”（Permission denied）。请关闭占用它的程序后重试。"


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    assert _load(tmp_path, "disable = [\"PR001\"]\n".encode("utf-8-sig").decode("utf-8")).disable == {"PR001"}
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbfdisable = [\"PR002\"]\n")
    assert load_rules(path).disable == {"PR002"}


def test_bad_toml_and_bad_encoding_name_the_file(tmp_path):
    assert _error(tmp_path, "[length\n").startswith("规则文件“规则.toml”格式有误（")
    path = tmp_path / RULES_FILE
    path.write_bytes("disable = [\"甲\"]\n".encode("gbk"))
    with pytest.raises(ShuzhiError) as error:
        load_rules(path)
    assert str(error.value).startswith("规则文件“规则.toml”格式有误（") and "请按 TOML 格式书写。" in str(error.value)


@pytest.mark.parametrize("text, message", [
    ("length = 3\n", "规则文件“规则.toml”中“length”应为一个表（[length]）。"),
    ("disable = \"PR001\"\n", "规则文件“规则.toml”中“disable”应为一个列表（[...]）。"),
    ("disable = [1]\n", "规则文件“规则.toml”中“disable[1]”应为文字（加英文双引号）。"),
    ("[length]\ntotal = \"多\"\n", "规则文件“规则.toml”中“length.total”应为整数。"),
    ("[length]\ntotal = true\n", "规则文件“规则.toml”中“length.total”应为整数。"),
    ("[[outline.parts]]\nname = \"甲\"\nrequired = 1\n", "规则文件“规则.toml”中“outline.parts[1].required”应为true 或 false。"),
    ("[metrics]\nunits = []\n", "规则文件“规则.toml”中有未知的设置项“metrics.units”。此处可用的设置项：relations、count_units。"),
    ("[ledger.aliases]\n\"读书会\" = []\n",
     "规则文件“规则.toml”中有未知的设置项“ledger.aliases.读书会”。此处可用的设置项：活动类型名称。"),
])
def test_each_wrong_type_or_key_is_named_with_its_path(tmp_path, text, message):
    assert _error(tmp_path, text) == message


def test_a_boolean_is_accepted_where_true_or_false_is_asked(tmp_path):
    rules = _load(tmp_path, "[[outline.parts]]\nname = \"甲\"\nrequired = false\n")
    assert rules.outline.parts[0].required is False


def test_disabled_codes_are_trimmed_upper_cased_and_added_to_the_defaults(tmp_path):
    assert load_rules().disable == frozenset()
    assert _load(tmp_path, 'disable = [" pr001 ", "LN001"]\n').disable == frozenset({"PR001", "LN001"})


def test_a_frequency_overrides_only_its_kind_and_per_is_read_in_chinese_or_english(tmp_path):
    defaults = load_rules().frequency
    assert defaults["支部党员大会"] == Frequency("quarter", 1) and defaults["谈心谈话"] == Frequency("year", 1)
    rules = _load(tmp_path, '[ledger.frequency]\n"党课" = { per = " month ", min = 2 }\n"集中学习" = { per = "季度" }\n'
                            '"谈心谈话" = { per = "year", min = 0 }\n')
    assert rules.frequency["党课"] == Frequency("month", 2)
    assert rules.frequency["集中学习"] == Frequency("quarter", 1)  # min defaults to 1
    assert rules.frequency["支部党员大会"] == Frequency("quarter", 1)  # untouched default
    assert rules.required_kinds == ["支部党员大会", "支部委员会会议", "党小组会", "党课", "主题党日", "组织生活会",
                                    "民主评议党员", "集中学习"]  # 谈心谈话 off, in the schema's order


@pytest.mark.parametrize("value", ['{ per = "周", min = 1 }', '{ min = 1 }', '{ per = "月", min = -1 }'])
def test_a_frequency_needs_a_known_period_and_a_minimum_of_zero_or_more(tmp_path, value):
    assert _error(tmp_path, f'[ledger.frequency]\n"党课" = {value}\n') == (
        "规则文件“规则.toml”中“ledger.frequency.党课”应写成 { per = \"月\"、\"季度\" 或 \"年\", min = 不小于 0 的整数 }。")


def test_a_minimum_of_zero_is_allowed(tmp_path):
    assert _load(tmp_path, '[ledger.frequency]\n"党课" = { per = "月", min = 0 }\n').frequency["党课"] == \
        Frequency("month", 0)


def test_aliases_replace_a_kinds_defaults_trimmed(tmp_path):
    assert load_rules().aliases["支部委员会会议"] == ("支委会", "支部委员会")
    rules = _load(tmp_path, '[ledger.aliases]\n"支部委员会会议" = [" 支委 ", "委员会"]\n')
    assert rules.aliases["支部委员会会议"] == ("支委", "委员会")
    assert rules.aliases["党课"] == ("专题党课",)


def test_an_empty_alias_is_an_error_naming_the_kind(tmp_path):
    assert _error(tmp_path, '[ledger.aliases]\n"党课" = ["专题党课", " "]\n') == \
        "规则文件“规则.toml”中“ledger.aliases.党课”有空的名称。请删去空的 \"\"。"


def test_relations_are_parsed_into_sides_and_an_operator_and_add_to_the_defaults(tmp_path):
    assert load_rules().relations == (Relation(("已到位资金",), "<=", ("签约总投资",), "已到位资金 <= 签约总投资"),
                                      Relation(("全年完成投资",), "<=", ("计划总投资",), "全年完成投资 <= 计划总投资"))
    rules = _load(tmp_path, '[metrics]\nrelations = [" 内资 + 外资==总数 ", "甲≤乙", "甲≥乙", "甲>乙", "甲<乙", "甲=乙",'
                            ' "甲 >= 乙 + 丙", "已到位资金 <= 签约总投资"]\n')
    assert rules.relations[2:] == (
        Relation(("内资", "外资"), "=", ("总数",), "内资 + 外资==总数"),
        Relation(("甲",), "<=", ("乙",), "甲≤乙"), Relation(("甲",), ">=", ("乙",), "甲≥乙"),
        Relation(("甲",), ">", ("乙",), "甲>乙"), Relation(("甲",), "<", ("乙",), "甲<乙"),
        Relation(("甲",), "=", ("乙",), "甲=乙"), Relation(("甲",), ">=", ("乙", "丙"), "甲 >= 乙 + 丙"),
    )
    assert len(rules.relations) == 9  # the default written again is not counted twice


@pytest.mark.parametrize("relation", ["甲 大于 乙", "甲 + <= 乙", "+ 甲 <= 乙", "甲 <= 乙 +", "<= 乙", "甲 <=", "甲 < = 乙", "甲 <= 乙 <= 丙"])
def test_a_relation_that_cannot_be_read_is_an_error_showing_how_to_write_it(tmp_path, relation):
    assert _error(tmp_path, f'[metrics]\nrelations = ["{relation}"]\n') == (
        f"规则文件“规则.toml”中的关系“{relation}”无法识别。请写成“已到位资金 <= 签约总投资”"
        "或“内资项目数 + 外资项目数 = 招商引资项目数”。")


def test_count_units_replace_the_defaults(tmp_path):
    assert "人" in load_rules().count_units and len(load_rules().count_units) == 12
    assert _load(tmp_path, '[metrics]\ncount_units = ["户"]\n').count_units == frozenset({"户"})
    assert _load(tmp_path, 'disable = []\n').count_units == load_rules().count_units


def test_words_are_literal_and_formulations_are_patterns_with_their_default_severities(tmp_path):
    rules = _load(tmp_path, '[[proofreading.words]]\nwrong = "a.b"\nright = "ab"\nreason = "因"\n'
                            '[[proofreading.formulations]]\npattern = "c.d"\nright = "cd"\n')
    (word,), (formulation,) = rules.words, rules.formulations
    assert (word.pattern.pattern, word.right, word.reason, word.severity) == (re.escape("a.b"), "ab", "因", "error")
    assert word.pattern.search("axb") is None
    assert (formulation.pattern.pattern, formulation.right, formulation.reason, formulation.severity) == \
        ("c.d", "cd", "", "warning")


def test_a_later_entry_with_the_same_wrong_form_replaces_the_earlier(tmp_path):
    rules = _load(tmp_path, '[[proofreading.words]]\nwrong = "甲"\nright = "乙"\n'
                            '[[proofreading.words]]\nwrong = "甲"\nright = "丙"\nseverity = "提示"\n')
    assert [(w.right, w.severity) for w in rules.words] == [("丙", "info")]


@pytest.mark.parametrize("severity, expected", [("错误", "error"), ("疑似", "warning"), ("提示", "info")])
def test_severities_in_chinese(tmp_path, severity, expected):
    rules = _load(tmp_path, f'[[proofreading.formulations]]\npattern = "甲"\nright = "乙"\nseverity = "{severity}"\n')
    assert rules.formulations[0].severity == expected


@pytest.mark.parametrize("entry, key", [('wrong = "甲"', "right"), ('right = "乙"', "wrong"), ('wrong = ""\nright = "乙"', "")])
def test_a_word_entry_without_its_wrong_form_or_right_form_is_an_error(tmp_path, entry, key):
    message = _error(tmp_path, f"[[proofreading.words]]\n{entry}\n")
    assert message.startswith("规则文件“规则.toml”中的校对条目缺少“wrong”或“right”：")


def test_a_formulation_without_pattern_names_pattern(tmp_path):
    assert _error(tmp_path, '[[proofreading.formulations]]\nright = "乙"\n').startswith(
        "规则文件“规则.toml”中的校对条目缺少“pattern”或“right”：")


def test_an_unknown_severity_is_an_error(tmp_path):
    assert _error(tmp_path, '[[proofreading.words]]\nwrong = "甲"\nright = "乙"\nseverity = "严重"\n').startswith(
        "规则文件“规则.toml”中校对条目的 severity 应为“错误”“疑似”或“提示”：")


def test_a_bad_pattern_is_an_error_quoting_it(tmp_path):
    assert _error(tmp_path, '[[proofreading.formulations]]\npattern = "(甲"\nright = "乙"\n').startswith(
        "规则文件“规则.toml”中的表达式“(甲”有误（")


def test_a_words_right_form_is_not_a_template(tmp_path):
    # a literal right form may hold a backslash; only a formulation's right is expanded against its pattern
    assert _load(tmp_path, "[[proofreading.words]]\nwrong = '甲'\nright = '\\1'\n").words[0].right == "\\1"


def test_named_groups_may_be_used_in_a_formulations_right(tmp_path):
    text = "[[proofreading.formulations]]\npattern = '(?P<a>甲)(乙)'\nright = '\\g<a>\\2'\n"
    assert _load(tmp_path, text).formulations[0].right == "\\g<a>\\2"


def test_phrases_and_removals_are_trimmed_deduplicated_and_blank_ones_dropped(tmp_path):
    rules = _load(tmp_path, '[proofreading]\nphrases = [" 两个维护 ", "", "两个维护", "四个意识"]\n'
                            'remove = ["登陆系统 ", " "]\n')
    assert rules.phrases == ("两个维护", "四个意识")
    assert rules.remove == ("登陆系统",)


def test_lengths_override_by_key(tmp_path):
    assert load_rules().length == {"total": 0, "work": 0, "problems": 0, "plans": 0}
    assert _load(tmp_path, "[length]\nwork = 1500\n").length == {"total": 0, "work": 1500, "problems": 0, "plans": 0}


def test_a_committees_outline_replaces_the_default_whole_and_is_required_unless_marked(tmp_path):
    default = load_rules().outline
    assert not default.committee and [p.name for p in default.parts] == ["主要工作情况", "存在问题", "下步打算"]
    assert not any(p.required for p in default.parts)
    rules = _load(tmp_path, '[[outline.parts]]\nname = " 工作 "\ntitle = " 主要工作 "\nvariants = [" 履职 ", " "]\n'
                            'limit = 800\nnumbering = "第一，"\n'
                            '[[outline.parts.sections]]\nname = "学习"\nrequired = false\n'
                            '[[outline.parts]]\nname = "问题"\n')
    assert rules.outline.committee
    assert rules.outline.parts == (
        Heading("工作", "主要工作", ("履职",), True, 800, "第一，", (Heading("学习", required=False),)),
        Heading("问题", required=True),
    )


def test_an_outline_of_no_parts_is_a_committees_empty_outline(tmp_path):
    rules = _load(tmp_path, "[outline]\n")
    assert rules.outline.parts == () and rules.outline.committee


def test_an_outline_item_needs_a_name_and_a_known_numbering(tmp_path):
    assert _error(tmp_path, '[[outline.parts]]\ntitle = "甲"\n') == \
        "规则文件“规则.toml”中“outline.parts”有一项没有 name（栏目名称），如 name = \"存在问题\"。"
    assert _error(tmp_path, '[[outline.parts]]\nname = "甲"\n[[outline.parts.sections]]\nname = " "\n') == \
        "规则文件“规则.toml”中“outline.parts.sections”有一项没有 name（栏目名称），如 name = \"存在问题\"。"
    assert _error(tmp_path, '[[outline.parts]]\nname = "甲"\nnumbering = "A."\n') == (
        "规则文件“规则.toml”中“甲”的 numbering = \"A.\" 不是可用的编号样式。"
        "可用：一、、（一）、一是、第一，、1.、1、、（1）、①、无。")


def test_rules_without_an_outline_keep_the_defaults_which_is_not_a_committees(tmp_path):
    rules = _load(tmp_path, 'disable = ["LN001"]\n')
    assert not rules.outline.committee and rules.outline == load_rules().outline
    assert not any(p.required or any(s.required for s in p.sections) for p in rules.outline.parts)


def test_a_committees_sub_sections_are_required_unless_marked(tmp_path):
    rules = _load(tmp_path, '[[outline.parts]]\nname = "工作"\n[[outline.parts.sections]]\nname = "学习"\n')
    assert rules.outline.parts[0].sections == (Heading("学习", required=True),)


def test_each_layer_adds_to_what_the_defaults_switch_off_and_nothing_is_assumed_beyond_them(tmp_path, monkeypatch):
    import shuzhi_xl.checks.rules as rules_module

    monkeypatch.setattr(rules_module, "_default_data", lambda: {"disable": ["PR001"]})
    rules = _load(tmp_path, 'disable = ["LN001"]\n')
    assert rules.disable == frozenset({"PR001", "LN001"})
    assert (rules.frequency, rules.aliases, rules.relations, rules.count_units) == ({}, {}, (), frozenset())
    assert (rules.words, rules.formulations, rules.length, rules.phrases, rules.remove) == ((), (), {}, (), ())
    assert rules.outline == Outline(())


def test_words_with_different_wrong_forms_are_all_kept(tmp_path):
    rules = _load(tmp_path, '[[proofreading.words]]\nwrong = "甲"\nright = "乙"\n'
                            '[[proofreading.words]]\nwrong = "丙"\nright = "丁"\n'
                            '[[proofreading.formulations]]\npattern = "戊+"\nright = "戊"\n'
                            '[[proofreading.formulations]]\npattern = "己+"\nright = "己"\n'
                            '[[proofreading.formulations]]\npattern = "戊+"\nright = "庚"\n')
    assert [w.right for w in rules.words] == ["乙", "丁"]
    assert [f.right for f in rules.formulations] == ["庚", "己"]  # the later 戊+ replaces the earlier in place


def test_a_pattern_is_refused_only_when_it_matches_empty_text(tmp_path):
    rules = _load(tmp_path, '[[proofreading.formulations]]\npattern = "X+"\nright = "x"\n')
    assert rules.formulations[0].pattern.pattern == "X+"
    assert _error(tmp_path, '[[proofreading.formulations]]\npattern = "X*"\nright = "x"\n') == (
        "规则文件“规则.toml”中的表达式“X*”能匹配空文字，会在每一段都报错。请检查是否多写了“|”或漏写了内容。")


@pytest.mark.parametrize("pattern", ["(党+)+建$", "(\\w+\\s?)*。", "((学习)?教育+)+", "(?:学+){2,}", "(一[^，]*)+",
                                     "((党+)建)+", "((党)+建)+"])
def test_a_pattern_repeating_a_group_that_holds_a_repeat_is_refused(tmp_path, pattern):
    # (党+)+建$ on 30 党 and no 建 takes re ~40 s (x3 every two characters more): a check would never end
    message = _error(tmp_path, f"[[proofreading.formulations]]\npattern = '{pattern}'\nright = 'x'\n")
    assert message == (f"规则文件“规则.toml”中的表达式“{pattern}”把含有重复的分组再重复（如 (党+)+），遇到相近的文字时"
                       "可能很久都查不完。请去掉其中一层重复，如写成“党+”。")


@pytest.mark.parametrize("pattern", ["(党+){2,5}", "(党+)?建", "(一是|二是)+", "(两学一做)(学习)?教育", "[(+]+党",
                                     "\\(党+\\)+", "(党{,3})+建", "(\\+党)+", "(党)[)+]+",
                                     # a repeat sign inside a class, in a group repeated: no repeat
                                     "([(+]党)+", "([+]党)+", "([]+]党)+", "([^]+]党)+", "([\\]+]党)+",
                                     "([\\]]党)+"])
def test_a_bounded_or_single_repeat_is_kept(tmp_path, pattern):
    rules = _load(tmp_path, f"[[proofreading.formulations]]\npattern = '{pattern}'\nright = 'x'\n")
    assert rules.formulations[0].pattern.pattern == pattern


def test_a_bad_template_names_the_pattern_the_right_form_and_how_to_write_it(tmp_path):
    message = _error(tmp_path, "[[proofreading.formulations]]\npattern = '甲'\nright = '\\1'\n")
    assert message.startswith("规则文件“规则.toml”中表达式“甲”的替换写法 right = “\\1”有误（")
    assert message.endswith("）。只能引用表达式中已有的分组，如 \"\\\\g<0>\" 表示找到的文字（双引号中的反斜杠要写两个）。")


def test_the_shipped_outline_requires_only_what_it_marks_required(tmp_path, monkeypatch):
    import shuzhi_xl.checks.rules as rules_module

    monkeypatch.setattr(rules_module, "_default_data", lambda: {"outline": {"parts": [{"name": "甲"}]}})
    assert _load(tmp_path, "").outline == Outline((Heading("甲"),), committee=False)


def test_what_a_check_derives_from_the_rules_is_worked_out_once_and_afresh_for_changed_rules():
    made = []

    def names(rules):
        made.append(rules)
        return sorted(rules.frequency)

    rules = load_rules()
    assert rules.derived(names) == sorted(rules.frequency) and rules.derived(names) is rules.derived(names)
    assert made == [rules]
    fewer = rules._replace(frequency={"党课": Frequency("quarter", 1)})
    assert fewer.derived(names) == ["党课"] and len(made) == 2
    assert fewer.required_kinds == ["党课"] and rules.required_kinds != ["党课"]
    assert fewer == load_rules()._replace(frequency={"党课": Frequency("quarter", 1)})  # equal as values still


def test_rules_are_pickled_and_copied_as_their_values_without_what_was_derived():
    import copy
    import pickle

    from shuzhi_xl.checks.ledger import count_pattern

    rules = load_rules()
    pattern = rules.derived(count_pattern)
    assert rules.required_kinds
    for again in (pickle.loads(pickle.dumps(rules)), copy.copy(rules), copy.deepcopy(rules)):
        assert type(again) is type(rules) and again == rules and not vars(again)
        assert again.derived(count_pattern)[0].pattern == pattern[0].pattern and again.required_kinds == rules.required_kinds
    assert b"count_pattern" not in pickle.dumps(rules)
