"""Problems answered by plans (PL…) specified on hand-built parts: the words compared (worked out by hand), the
counts, where each finding points and what it says."""

from __future__ import annotations

from shuzhi_xl import schema
from shuzhi_xl.checks import answers
from shuzhi_xl.checks.cells import Texts
from shuzhi_xl.checks.rules import load_rules
from shuzhi_xl.model import Location, Part, Point, Report, Section

BODY = schema.BODY.name


def _item(row: int, heading: str, lead: str = "", points=()) -> Section:
    return Section(heading, lead, list(points), where={"heading": Location(BODY, f"D{row}")})


def _findings(problems, plans, problem_title="存在的问题", plan_title="下步工作打算", names=("", "")):
    parts = [Part("主要工作情况", [_item(2, "学习扎实", "全年学习二十次。")]),
             Part(problem_title, list(problems), name=names[0], where={"heading": Location(BODY, "D10")}),
             Part(plan_title, list(plans), name=names[1], where={"heading": Location(BODY, "D20")})]
    report = Report(parts=parts)
    return list(answers.check(report, load_rules(), Texts(report)))


def test_words_are_the_two_character_stretches_left_between_stock_words_function_characters_and_punctuation():
    # 加强 党建 工作 提高 are stock words, "，" punctuation: 学习质量 is left, giving three stretches
    assert answers.words("加强党建工作，提高学习质量") == {"学习", "习质", "质量"}
    # 的 and 不 are function characters: 理论 | 学习深入 | 够 (one character gives no stretch)
    assert answers.words("理论的学习深入不够") == {"理论", "学习", "习深", "深入"}


def test_text_of_one_character_or_none_has_no_words():
    assert answers.words("学") == set()
    assert answers.words("abc 123") == set()
    assert answers.words("党建工作进一步加强") == set()


def test_fewer_plans_than_problems_is_a_warning_at_the_plans_title_counting_both():
    problems = [_item(11, "学习不深入"), _item(12, "活动不丰富"), _item(13, "制度不健全")]
    plans = [_item(21, "深入学习"), _item(22, "丰富活动")]
    found = [f for f in _findings(problems, plans) if f.code == "PL001"]
    assert [(f.severity, f.sheet, f.cell) for f in found] == [("warning", BODY, "D20")]
    assert found[0].message == ("“存在的问题”中有 3 条问题，“下步工作打算”中只有 2 条打算：每个问题最好都有相应的改进措施。")
    assert found[0].suggestion == "针对每条问题写一条下步工作打算，或把相近的问题合并为一条。"


def test_as_many_plans_as_problems_is_no_warning():
    found = _findings([_item(11, "学习不深入"), _item(12, "活动不丰富")], [_item(21, "深入学习"), _item(22, "丰富活动")])
    assert found == []


def test_empty_items_are_not_counted_as_problems():
    problems = [_item(11, "学习不深入"), Section(), Section()]
    assert _findings(problems, [_item(21, "深入学习")]) == []


def test_a_problem_sharing_no_word_with_any_plan_is_information_at_its_heading():
    problems = [_item(11, "学习不深入"), _item(12, "制度不健全")]
    plans = [_item(21, "深入学习"), _item(22, "丰富活动")]
    found = _findings(problems, plans)
    assert [(f.code, f.severity, f.sheet, f.cell) for f in found] == [("PL002", "info", BODY, "D12")]
    assert found[0].message == "问题“制度不健全”在“下步工作打算”中找不到对应的打算（没有共同的关键词）。"
    assert found[0].suggestion == "针对这条问题写一条打算，或在相应打算中点明它。"


def test_a_problem_without_heading_is_named_by_the_first_twelve_characters_of_its_lead():
    problem = _item(11, "", "制度建设还存在短板弱项需要补齐完善")
    (found,) = _findings([problem], [_item(21, "深入学习")])
    assert found.message.startswith("问题“制度建设还存在短板弱项需”在")


def test_a_problem_of_stock_words_only_says_nothing_to_compare():
    assert answers.words("党建工作存在问题") == set()
    assert _findings([_item(11, "党建工作存在问题")], [_item(21, "深入学习")]) == []


def test_words_in_the_points_of_a_problem_and_of_a_plan_count():
    problem = _item(11, "", "", [Point("制度", "执行松散。")])  # 执行 松散 are its words
    plan_in_body = _item(21, "健全机制", "", [Point("", "严格执行。")])
    plan_in_lead = _item(21, "健全机制", "", [Point("严格执行", "")])
    plan_elsewhere = _item(21, "健全机制", "", [Point("从严", "抓好落地。")])
    assert _findings([problem], [plan_in_body]) == []
    assert _findings([problem], [plan_in_lead]) == []
    assert [f.code for f in _findings([problem], [plan_elsewhere])] == ["PL002"]


def test_words_of_a_lead_count():
    assert _findings([_item(11, "有差距", "理论武装不够。")], [_item(21, "改进", "强化理论武装。")]) == []


def test_any_plan_may_answer_a_problem():
    problems = [_item(11, "制度不健全"), _item(12, "学习不深入")]
    plans = [_item(21, "深入学习"), _item(22, "健全制度")]
    assert _findings(problems, plans) == []


def test_without_a_problems_part_or_a_plans_part_nothing_is_paired():
    problems = [_item(11, "学习不深入"), _item(12, "制度不健全")]
    assert _findings(problems, [_item(21, "深入学习")], plan_title="特色亮点") == []
    assert _findings(problems, [_item(21, "深入学习")], problem_title="特色亮点") == []


def test_parts_are_recognised_by_their_name_before_their_title():
    problems = [_item(11, "学习不深入"), _item(12, "制度不健全")]
    found = _findings(problems, [_item(21, "深入学习")], problem_title="短板", plan_title="方向",
                      names=("存在问题", "下步打算"))
    assert sorted(f.code for f in found) == ["PL001", "PL002"]
    assert "“短板”中有 2 条问题，“方向”中只有 1 条打算" in next(f.message for f in found if f.code == "PL001")


def test_an_empty_problems_or_plans_part_pairs_nothing():
    assert _findings([], [_item(21, "深入学习")]) == []
    assert _findings([_item(11, "学习不深入")], [Section()]) == []
