"""Proofreading, one family at a time: each case must be found with the right replacement, each look-alike (correct
规范表述, legitimate Chinese numerals, sound figures) must not be."""

from __future__ import annotations

import pytest

from shuzhi_xl.checks import load_rules
from shuzhi_xl.checks.document import check_paragraphs

RULES = load_rules()


def findings(text: str):
    return check_paragraphs([text], RULES)


# (family, text, the offending text, what the suggestion must contain)
FOUND = [
    ("错别字", "扎实做好各项工作布署，迫不急待。", "布署", "部署"),
    ("错别字", "各支部要再接再励，争创佳绩。", "再接再励", "再接再厉"),
    ("错别字", "对历史问题既往不究。", "既往不究", "既往不咎"),
    ("错别字", "面对难题一愁莫展的情况有所改观。", "一愁莫展", "一筹莫展"),
    ("错别字", "党员先锋模范做用发挥明显。", "做用", "作用"),
    ("错别字", "持续深人开展学习教育。", "深人", "深入"),
    ("错别字", "党员要任劳任冤，甘于奉献。", "任劳任冤", "任劳任怨"),  # an idiom not in the list: near miss
    ("错别字", "各项工作要于时俱进。", "于时俱进", "与时俱进"),  # its first two characters wrong: found from its end
    ("错别字", "他早已出入头地。", "出入头地", "出人头地"),  # 入 looks like 人 (shape stand-ins, not sound)
    ("错别字", "全面落实工作要球。", "要球", "要求"),  # a non-word one sound from a frequent word
    ("错别字", "开展专项检差工作。", "检差", "检查"),  # 差 cha1 for 查 cha2: pinyin input ignores the tone
    ("规范表述", "牢固树立“两个确力”。", "两个确力", "两个确立"),
    ("规范表述", "坚持不忘出心、牢记使命。", "不忘出心、牢记使命", "不忘初心、牢记使命"),
    ("规范表述", "在以习近平总书记为核心的党中央坚强领导下。", "以习近平总书记为核心的党中央", "以习近平同志为核心的党中央"),
    ("规范表述", "认真学习二十届三中全会精神。", "二十届三中全会", "党的二十届三中全会"),
    ("规范表述", "深入学习习总书记重要讲话。", "习总书记", "习近平总书记"),
    ("规范表述", "推进中国式现代华。", "中国式现代华", "中国式现代化"),
    ("规范表述", "推进钟国式现代化建设。", "钟国式现代化", "中国式现代化"),  # found from its last four characters
    ("规范表述", "坚持民王集中制。", "民王集中制", "民主集中制"),  # its last four by shape (王 looks like 主)
    ("数字", "全年开展活动十二次。", "十二次", "12次"),
    ("数字", "覆盖全市三十二个社区。", "三十二个", "32个"),
    ("数字", "成立志愿服务队二支。", "二支", "2支"),  # 个 from 20 on (十个明确 is a fixed expression)
    ("数字", "落实第1责任人职责。", "第1", "第一"),
    ("数字", "学习党的20大精神。", "党的20大", "党的二十大"),
    ("数字", "严守中央8项规定。", "中央8项规定", "中央八项规定"),
    ("数字", "2024.1.10召开支部大会。", "2024.1.10", "2024年1月10日"),
    ("数字", "于12月12号召开组织生活会。", "12号", "12日"),
    ("单位", "新建活动室120㎡。", "㎡", "平方米"),
    ("单位", "室外气温零下5℃。", "℃", "摄氏度"),
    ("单位", "投资总额1.2亿元，其中财政资金3000万元。", "万元", "亿元"),
    ("标点", "组织观看\"灯塔大课堂\"。", "\"灯塔大课堂\"", "“灯塔大课堂”"),
    ("标点", "学习了很多内容...", "...", "……"),
    ("标点", "开展《主题党日活动》。", "《主题党日活动》", "“主题党日活动”"),
    ("标点", "擦亮《红色引擎》服务品牌。", "《红色引擎》", "“红色引擎”"),  # the word after it names a brand
    ("标点", "学习“中国共产党纪律处分条例”。", "“中国共产党纪律处分条例”", "《中国共产党纪律处分条例》"),
    ("算术", "收集意见31条，办结29条，办结率95.2%。", "95.2%", "93.5%"),
    ("算术", "全年开展活动12次，其中主题党日8次、党课6次。", "12次", "14次"),
    ("算术", "支部有党员30名，其中正式党员26名、预备党员3名。", "预备党员3名", "29名"),  # the finding covers the parts
    ("数字", "坚决做到2个维护，践行3个代表重要思想。", "2个维护", "两个维护"),
    ("规范表述", "开展“我为群众办事实”实践活动。", "我为群众办事实", "我为群众办实事"),  # two characters swapped
    ("数字", "23年，支部认真履职。", "23年", "2023年"),
    ("单位", "累计服务时长320h。", "h", "小时"),
    ("单位", "销售化肥1800万kg。", "kg", "千克"),
    ("冗余", "支部党员均全部参加。", "均全部", "删去"),
    ("算术", "全年受理申报142个，已办结136个，办结率97.8%。", "97.8%", "95.8%"),  # a rate of the figures before it
    ("冗余", "参加人数约50人左右。", "约50人左右", "约50人"),
    ("冗余", "代表队凯旋而归。", "凯旋而归", "凯旋"),
    ("冗余", "开展的的活动。", "的的", "删去"),
    ("占位", "由（姓名）同志负责。", "（姓名）", "占位"),
    ("占位", "发展党员**个。", "**", "占位"),
    ("占位", "*书记讲授党课。", "*", "占位"),
    ("占位", "数据（数据待补充）。", "（数据待补充）", "占位"),
]

CLEAN = [
    "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的十九届六中全会精神。",
    "严格落实“三会一课”制度，落实“一岗双责”，开展“两学一做”学习教育。",
    "在以习近平同志为核心的党中央坚强领导下，增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "认真学习党的二十届三中全会精神，深刻领悟“两个确立”的决定性意义。",
    "全年召开支部党员大会4次、支委会12次，讲授党课4次。",
    "十九届中央委员会，第一议题，三个方面，两次，十几次，二十余人，一年来，第十二次。",
    "收集意见31条，办结29条，办结率93.5%。",
    "全年开展活动12次，其中主题党日8次、党课4次。",
    "截至2024年12月31日，共发展党员2名。",
    "实实在在地把工作一条一条落到实处。",
    "学习《中国共产党纪律处分条例》，观看“灯塔大课堂”……",
    "活动室面积约320平方米，服务群众2300余人次。",
    "不忘初心、牢记使命，全面从严治党永远在路上。",
    "全年发展会员250人，较上年增加50人，增长25%。",  # the change over the figure before it: 50 ÷ (250 - 50)
    "支部有党员30名，其中女党员12名、少数民族党员3名。",  # parts that are subsets need not add up
    "党员由20人增加到25人（3A、5A级），增长25%。",  # a figure with a Latin unit is no figure: 25% is of 20 and 25
    "做到件件有着落，以学促干，服务“三农”工作。",  # a doubling, a preposition, a numeral: not typos
    "引导党员学纪、知纪、明纪、守纪，服务群众120余人。",  # coined parallel items; a measure after a number
    "深刻理解“十个明确”“十四个坚持”的丰富内涵。",
    "推动学习往深里走、往实里走，把责任压实、做实。",  # a preposition; a verb and its result
    "马伟",  # a name alone in a cell
    "机关一支部、二支部联合开展《党章》学习活动。",  # 二支部 names a branch; a book before 学习活动
    # Real reports' wording (rev2, s9): an A?A? phrase, a verb with 不 and its result, words of the genre, counts
    # that share a word with a numbered formulation.
    "书记级别有大有小，推动理论入脑入心，党建工作摆不上位置。",
    "支部建设提质增效，开展思政课和师德师风教育，评选抗疫先锋。",
    "设立领办代办等8个服务平台，建成12个服务站，选出5个代表。",
    # a coined name in quotes, genre words, a rate of no figure before it, a duration of 23 years
    "开展“研途领航”朋辈互助活动，坚持正风肃纪，学习体会在微信公众号刊发。",
    "召开支部党员大会4次、支委会12次，开展主题党日12次，党员参加组织生活率达到97%。",
    "他在村里工作了23年，从未间断。",
    "深入学习党的二十大和二十届三中全会精神、党的二十大及二十届四中全会精神。",  # 党的 governs both names
]


@pytest.mark.parametrize("family, text, offending, suggestion", FOUND, ids=[f"{c[0]}-{c[2]}" for c in FOUND])
def test_each_family_finds_its_slips(family, text, offending, suggestion):
    found = findings(text)
    named = [f for f in found if offending in f.found or f.found in offending and f.found]
    assert named, f"{family}：“{text}”中没有查出“{offending}”：{[f.message for f in found]}"
    said = " ".join(f.message + f.suggestion for f in named)
    assert suggestion in said or family == "占位"
    assert not any(f.suggestion.startswith("改为““") for f in named)  # a replacement in quotes is not quoted again
    assert all(f.cell == "第1段" and text[f.offset:f.offset + len(f.found)] == f.found for f in named)


@pytest.mark.parametrize("text", CLEAN)
def test_correct_text_is_left_alone(text):
    assert [f.message for f in findings(text) if f.severity in ("error", "warning")] == []


def test_a_committee_adds_overrides_and_removes_entries(tmp_path):
    path = tmp_path / "规则.toml"
    path.write_text('[proofreading]\nphrases = ["强基铸魂工程"]\nremove = ["布署"]\n'
                    '[[proofreading.words]]\nwrong = "不到未"\nright = "不到位"\nreason = "“位”误作“未”。"\n'
                    '[[proofreading.words]]\nwrong = "再接再励"\nright = "再接再厉"\nseverity = "提示"\n',
                    encoding="utf-8")
    rules = load_rules(path)
    text = "工作布署不到未，再接再励，推进强基铸魂公程。"
    found = {f.found: f for f in check_paragraphs([text], rules)}
    assert "布署" not in found  # removed
    assert found["不到未"].severity == "error" and "不到位" in found["不到未"].message
    assert found["再接再励"].severity == "info"  # overridden
    assert "强基铸魂工程" in found["强基铸魂公程"].message  # a committee's phrase is found written one character wrong
    assert "布署" in {f.found for f in findings(text)}  # the defaults are untouched


def test_shipped_lists_are_large_enough_and_say_their_source():
    from shuzhi_xl.proof import lexicon

    assert len(lexicon.confused()) >= 1000 and len(lexicon.formulations()[0]) >= 300
    for name in ("易错词.txt", "规范表述.toml", "搭配.toml", "形近字.txt", "补充词.txt", "词表.txt", "成语.txt", "读音.txt",
                 "疑似词.txt"):
        head = lexicon._text(name)[:300]
        assert "许可" in head and ("来源" in head or "导出" in head), name


def test_derived_lists_equal_a_fresh_derivation():
    pytest.importorskip("jieba")
    pytest.importorskip("pypinyin")
    from shuzhi_xl.proof import derive, lexicon

    for name, text in derive.derive().items():
        assert lexicon._text(name) == text, f"{name} 与重新导出的不同：运行 python -m shuzhi_xl.proof.derive"


def test_a_committee_correction_of_four_characters_is_a_near_miss_target(tmp_path):
    """A committee's correction of four characters or more is searched for written one character wrong too; two
    rules files that differ only there must not share an index."""
    text = "推进固本培源行动。"  # 固本培元行动 with 元 written 源
    for right in ("强基铸魂行动", "固本培元行动"):
        path = tmp_path / f"{right}.toml"
        path.write_text(f'[[proofreading.words]]\nwrong = "{right[:2]}错写"\nright = "{right}"\n', encoding="utf-8")
        found = [f for f in check_paragraphs([text], load_rules(path)) if "固本培元行动" in f.message + f.suggestion]
        assert bool(found) == (right == "固本培元行动"), right


def test_the_engine_imports_on_its_own():
    """The engine is plain data in and out: importing it first (before the checks) works."""
    import subprocess
    import sys

    code = "import shuzhi_xl.proof.engine as e, shuzhi_xl.checks; print(len(e.hits('工作布署。', shuzhi_xl.checks.load_rules())))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "1", done.stderr


@pytest.mark.parametrize("pattern, chars", [
    ("凯旋而归|凯旋归来", "凯"), ("(?:大约|约)(?P<n>[0-9]+)左右", "大约"), ("(?<![一不])了了|的的", "了的"),
    ("(?:其|的)?原因是由于", "其的原"), ("[0-2]月", "012"), ('\\"[^"]+\\"', '"'), ("第(?=[0-9])", "第"),
])
def test_the_first_characters_of_a_pattern_are_read_from_its_text(pattern, chars):
    from shuzhi_xl.patterns import first_chars

    assert first_chars(pattern) == chars


@pytest.mark.parametrize("pattern", ["\\d年", "[^，]余", "a|", "[一-龥]", "(?i)x", ".x"])
def test_a_pattern_whose_first_characters_are_not_plain_gets_no_lookahead(pattern):
    from shuzhi_xl.patterns import behind_lookahead, first_chars

    assert first_chars(pattern) is None and behind_lookahead([pattern], pattern) == pattern


def test_the_lookahead_changes_no_match_of_the_joined_rules():
    """Every joined pattern finds the same matches on the corpus (clean and slipped) with and without it."""
    import re

    from proof_corpus_support import load_slips, plant, reports
    from shuzhi_xl.proof import scan, standards

    texts = [text for text in reports().values()]
    texts += [plant(text, [s for s in load_slips() if s.report == name])[0] for name, text in reports().items()]
    rules = scan.build().rules
    joined = [(scan.joined(rules)[0], "|".join(f"(?P<r{n}>{scan._renamed(p, n)})" for n, (p, _) in enumerate(rules))),
              (standards._joined(), "|".join(f"(?P<{r[0]}>{r[3]})" for r in standards._RULES))]
    for fast, plain in joined:
        # the lookahead is there: one rule whose first characters are not plain to see (a ^) drops it, and every
        # position of every text then tries every rule (proofreading took twice as long)
        assert fast.pattern.startswith("(?=[") and fast.pattern != plain
        for text in texts:
            assert [(m.span(), m.lastgroup) for m in fast.finditer(text)] == \
                   [(m.span(), m.lastgroup) for m in re.finditer(plain, text)]


def test_proofreading_levels_read_error_suspicion_hint_and_the_others_keep_warning(tmp_path):
    """Issue 15: proofreading findings are 错误 / 疑似 / 提示; the summary counts 疑似 apart from the other checks'
    警告; the table of `shuzhi check` and the Word comments say the same."""
    from click.testing import CliRunner
    from docx import Document

    from shuzhi_xl.checks.finding import Finding, summary_line
    from shuzhi_xl.cli import main

    text = "党员要任劳任冤，扎实做好工作布署"  # an idiom near miss (疑似), a listed wrong form (错误), no full stop
    found = findings(text)
    labels = {f.found: f.severity_label for f in found}
    assert labels["任劳任冤"] == "疑似" and labels["布署"] == "错误"
    assert Finding("ST001", "warning", "", "", "").severity_label == "警告"
    assert Finding("PR004", "warning", "", "", "").severity_label == "疑似"
    mixed = [Finding("ST001", "warning", "", "", ""), *found]
    suspected = sum(f.severity_label == "疑似" for f in found)
    assert summary_line(mixed) == (f"共 {len(mixed)} 项：错误 {sum(f.severity == 'error' for f in found)} 项，警告 1 项，"
                                   f"疑似 {suspected} 项，提示 0 项。")
    assert "疑似" not in summary_line(mixed[:1])
    source, document = tmp_path / "报告.docx", Document()
    document.add_paragraph(text)
    document.save(source)
    result = CliRunner().invoke(main, ["check", str(source), "--annotate", str(tmp_path / "副本.docx")])
    rows = [line for line in result.output.splitlines() if "任劳任冤" in line and "PR012" in line]
    assert rows and "疑似" in rows[0] and "警告" not in rows[0]
    comments = [c.text for c in Document(tmp_path / "副本.docx").comments]
    assert any(c.startswith("疑似 PR012") for c in comments) and any(c.startswith("错误 PR007") for c in comments)


def test_what_a_piece_may_start_is_remembered_per_index_and_a_full_memory_starts_over(monkeypatch):
    """The kinds of a text's pieces are judged once and remembered; remembered, forgotten or judged afresh, the
    hits are the same."""
    from shuzhi_xl.proof import scan

    text = "工作布署不到位，再接再励，一愁莫展，要球严格，任劳任冤，党员先锋模范做用发挥明显。"
    fresh = scan.scan(text, scan.construct())
    index = scan.construct()
    assert scan.scan(text, index) == fresh and len(fresh) >= 3
    assert index.kinds["布署"] & scan.LITERAL and index.kinds["再接"] & scan.HEAD and index.kinds["莫展"] & scan.TAIL
    assert index.kinds["要球"] & scan.SUSPECT and not index.kinds["工作"] & (scan.LITERAL | scan.SUSPECT)
    assert index.near["任劳任冤"] and () in index.near.values()  # a phrase's window, and one of none
    index.kinds["布署"] = 0  # a wrong memory is used as it is: the memory alone decides
    index.near["任劳任冤"] = ()
    assert [h.found for h in scan.scan(text, index)] == [h.found for h in fresh if h.found not in ("布署", "任劳任冤")]
    monkeypatch.setattr(scan, "KINDS_KEPT", 3)
    scan.scan("另一段文字", index)  # a new piece and a full memory: all is forgotten
    assert set(index.kinds) == {"另一", "一段", "段文", "文字"}
    assert scan.scan("文字工作布署", index)[0].found == "布署"  # remembered and new pieces, the memory full again
    assert set(index.kinds) == {"文字", "字工", "工作", "作布", "布署"}
    assert scan.scan(text, index) == fresh and index.kinds["布署"] == scan.LITERAL  # judged again


def test_of_overlapping_hits_the_first_and_longest_is_kept():
    """Hits by start, the longest first, each left out when it overlaps any hit kept before it (compared here with
    every kept hit; the scan compares with one): random hits of every length, empty ones and equal starts."""
    import random

    from shuzhi_xl.proof.scan import Hit, _without_overlaps

    def kept_by_every_pair(hits):
        kept = []
        for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
            if not any(h.start < hit.end and hit.start < h.end for h in kept):
                kept.append(hit)
        return kept

    def hit(start, end, n=0):
        return Hit(f"PR{n:03d}", start, end, "", "", "", "warning")

    assert _without_overlaps([hit(5, 7), hit(0, 4), hit(2, 6), hit(0, 2)]) == [hit(0, 4), hit(5, 7)]
    assert _without_overlaps([hit(1, 4), hit(1, 1), hit(2, 3)]) == [hit(1, 4), hit(1, 1)]  # an empty hit at a start
    rnd = random.Random(17)
    for _ in range(20_000):
        hits = [hit(start, start + rnd.choice((0, 1, 2, 3, 4, 7)), n)
                for n, start in enumerate(rnd.randint(0, 12) for _ in range(rnd.randint(0, 10)))]
        assert _without_overlaps(hits) == kept_by_every_pair(hits), hits


def test_a_long_phrase_is_found_with_one_slip_anywhere_and_of_two_at_one_place_the_first_listed_wins():
    """A phrase longer than six characters whose one slip is between its first four and its last two is left by the
    heads to the tails: found all the same, whichever character slipped. Two phrases one slip from the same
    writing (己 looks like 已, 以 sounds like it: the tails try the one by sound first) keep the order of the
    lists: the first wins."""
    from shuzhi_xl.proof import lexicon, scan

    first, second = "甲乙丙丁戊己庚辛", "甲乙丙丁戊以庚辛"
    index = scan.construct(phrases=(first,))
    for k, ch in enumerate(first):
        slip = next(c for c in lexicon.variants(ch) if "\u4e00" <= c <= "\u9fff")
        written = first[:k] + slip + first[k + 1:]
        assert [(h.code, h.found, h.right) for h in scan.scan(f"写着{written}。", index)] == \
            [("PR012", written, first)], k
    written = "甲乙丙丁戊已庚辛"
    for phrases in ((first, second), (second, first)):
        hits = scan.scan(f"写着{written}。", scan.construct(phrases=phrases))
        assert [(h.found, h.right) for h in hits] == [(written, phrases[0])]


def test_a_list_of_pairs_is_read_within_the_pairs_line():
    """A suspect pair before a 、 ending its line (a cell) is judged within the line: 要 on the next line makes no
    list of pairs sharing a character (学纪、知纪) of it."""
    from shuzhi_xl.proof import scan

    assert [h.found for h in scan.scan("大家要球、\n要紧", scan.construct())] == ["要球"]
    assert [h.found for h in scan.scan("大家要球、要紧", scan.construct())] == []


def test_the_prebuilt_index_equals_a_fresh_build_of_the_lists():
    """The shipped file is what the lists build today (else: python -m shuzhi_xl.proof.prebuilt)."""
    from shuzhi_xl.proof import lexicon, prebuilt, scan

    alike = lexicon.build_alike()
    loaded = prebuilt._load()
    assert loaded is not None, "预建索引无法读取"
    # (what the pieces of texts scanned so far may start is remembered in it: not part of the build)
    assert loaded[0]._replace(**scan.memories()) == scan.construct(alike=alike), "预建索引与词表不符：运行 python -m shuzhi_xl.proof.prebuilt"
    assert loaded[1] == alike and scan.build() is loaded[0] and lexicon.alike() is loaded[1]
    assert loaded[2] == lexicon.build_homophones() and lexicon.homophones() is loaded[2]
    for name in prebuilt.BY_FIRST:
        assert loaded[3][name] == lexicon.line_offsets((lexicon.DATA / name).read_bytes()), name  # (str, array)


@pytest.mark.parametrize("name", ["疑似词.txt", "词表.txt"])
def test_a_list_read_by_first_character_gives_each_line_as_written(name):
    """Every line of the file (read here with splitlines) comes back whole after its first character, decoded
    when asked for; a character without a line gives ""."""
    from shuzhi_xl.proof import lexicon

    lines = [line for line in (lexicon.DATA / name).read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    table = lexicon.by_first(name)
    assert len(lines) > 1000 and not table  # nothing decoded yet
    for line in lines:
        first, _, rest = line.partition(" ")
        assert table[first] == rest, first
    assert table["a"] == table["。"] == "" and len(table) == len(lines) + 2


@pytest.mark.parametrize("content", [b"", b"\x00garbage", None])
def test_an_unreadable_or_missing_prebuilt_index_is_built_instead(tmp_path, monkeypatch, content):
    import marshal

    from shuzhi_xl.proof import prebuilt, scan

    path = tmp_path / "index"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setattr(prebuilt, "FILE", path)
    prebuilt._load.cache_clear()
    try:
        assert prebuilt.shipped() is None and prebuilt.shipped_alike() is None and prebuilt.shipped_homophones() is None
        path.write_bytes(marshal.dumps((prebuilt.FORMAT + 1,)))  # a file of another layout
        prebuilt._load.cache_clear()
        assert prebuilt.shipped() is None
        scan.build.cache_clear()
        assert [h.found for h in scan.scan("工作布署。", scan.build())] == ["布署"]
    finally:
        prebuilt._load.cache_clear()
        scan.build.cache_clear()


def test_a_pair_judged_alone_from_its_window_is_judged_as_in_the_whole_text():
    """_alone reads three characters before a pair to four after it: judged (and remembered) from that window, at
    every position of every corpus report, near both ends included, it says what the whole text says."""
    from proof_corpus_support import reports
    from shuzhi_xl.proof import lexicon, scan

    words, judged = lexicon.words(), 0
    for text in reports().values():
        for i in range(len(text) - 1):
            alone = scan._alone(text, i, words)
            assert scan._alone_in(text[max(0, i - 3):i + 5], min(i, 3)) == alone, (text[max(0, i - 3):i + 5], i)
            judged += alone
    assert 0 < judged < sum(map(len, reports().values())) // 2  # both answers occur


def test_lines_by_first_character_without_a_rest_or_a_last_line_break():
    from shuzhi_xl.proof.lexicon import ByFirst, line_offsets

    data = "# 注释 说明\n甲 乙丙 丁\n\n戊\n𠀀 己".encode("utf-8")  # a comment, a blank line, a four-byte character
    firsts, at = line_offsets(data)
    assert firsts == "甲戊𠀀" and list(at) == [len("# 注释 说明\n甲 ".encode()), len("# 注释 说明\n甲 乙丙 丁\n\n戊".encode()),
                                             len(data) - len("己".encode())]
    table = ByFirst(data, firsts, at)
    assert (table["甲"], table["戊"], table["𠀀"], table["乙"], table[""]) == ("乙丙 丁", "", "己", "", "")


def test_the_standards_pattern_skips_only_characters_that_start_no_rule():
    """standards._GOES_ON says which characters a match starting with 党, 中, 第, 。, “ or 一 goes on with: on random
    strings of the characters the rules read, the joined pattern matches exactly what the rules joined plainly
    do."""
    import random
    import re

    from shuzhi_xl.proof import standards

    plain = re.compile("|".join(f"(?P<{r[0]}>{r[3]})" for r in standards._RULES))
    pieces = list("党的中央第0123456789。…“”国共产关于一二三四五六七八九两十百千次个名届年月.-/\"'《》动㎡mkK 号\n") + [
        "党的20大", "中央8项规定", "第1责任人", "“中国共产党章程”", "“关于", "十二次", "二十届三中全会", "2024.1.10", "24年度"]
    rng, matched = random.Random(5), 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14)))
        expected = [(m.span(), m.lastgroup) for m in plain.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in standards._joined().finditer(text)] == expected, text
        matched += bool(expected)
    assert matched > 2000


def test_line_offsets_are_kept_four_byte_little_endian_whatever_the_machine(monkeypatch):
    import types
    from array import array

    from shuzhi_xl.proof import prebuilt

    kept = prebuilt._little_endian(array("I", [1, 258])).tobytes()
    assert kept == bytes([1, 0, 0, 0, 2, 1, 0, 0]) and prebuilt._little_endian(array("I", kept)).tolist() == [1, 258]
    monkeypatch.setattr(prebuilt, "sys", types.SimpleNamespace(byteorder="big"))
    assert prebuilt._little_endian(array("I", [1])).tolist() == [1 << 24]  # a big-endian machine swaps
