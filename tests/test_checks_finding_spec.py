"""Findings, their quotes, counts and reading order, and the annotation plan built from them, specified with
hand-written findings and texts whose quotes and orders are worked out by hand."""

from __future__ import annotations

from shuzhi_xl import schema
from shuzhi_xl.checks.finding import Finding, at, first, quote, quotes, severity_counts, sort_key, summary_line
from shuzhi_xl.checks.plan import BY_LIST, FILLS, MARKER, NOTE_STAMP, annotation_plan, ignored_line, link_target
from shuzhi_xl.model import Location

INFO, BODY, LEDGER = schema.INFO.name, schema.BODY.name, schema.LEDGER.name
TEXT = "0123456789ABCDEFGHIJ"  # 20 characters


def _finding(code: str, severity: str, sheet: str = BODY, cell: str = "D3", message: str = "问题", suggestion: str = ""):
    return Finding(code, severity, sheet, cell, message, suggestion)


def test_severities_read_in_chinese():
    assert [_finding("X", s).severity_label for s in ("error", "warning", "info")] == ["错误", "警告", "提示"]


def test_a_proofreading_warning_reads_as_suspected_and_only_that():
    labels = [Finding(code, severity, BODY, "E3", "m").severity_label for code, severity in
              (("PR001", "warning"), ("PR001", "error"), ("PR002", "info"), ("ST008", "warning"), ("XPR01", "warning"))]
    assert labels == ["疑似", "错误", "提示", "警告", "警告"]
    found = [_finding("PR001", "warning"), _finding("ST008", "warning"), _finding("PR007", "error")]
    assert summary_line(found) == "共 3 项：错误 1 项，警告 1 项，疑似 1 项，提示 0 项。"


def test_a_finding_as_json_has_every_field():
    f = Finding("ST001", "error", INFO, "B2", "缺", "填", "甲", 3, "abc")
    assert f.to_dict() == {"code": "ST001", "severity": "error", "sheet": INFO, "cell": "B2", "message": "缺",
                           "suggestion": "填", "found": "甲", "offset": 3, "ref": "abc"}


def test_counts_per_severity_keep_zeros_in_order():
    found = [_finding("A", "info"), _finding("B", "error"), _finding("C", "error")]
    assert list(severity_counts(found).items()) == [("error", 2), ("warning", 0), ("info", 1)]
    assert summary_line(found) == "共 3 项：错误 2 项，警告 0 项，提示 1 项。"
    assert summary_line([]) == "共 0 项：错误 0 项，警告 0 项，提示 0 项。"


def test_at_places_a_finding_at_a_cell_a_paragraph_a_sheet_or_nowhere():
    cell = at(Location(BODY, "E7"), "PR001", "warning", "错字", "改正", "登陆", 4)
    assert (cell.code, cell.severity, cell.sheet, cell.cell, cell.message, cell.suggestion, cell.found, cell.offset,
            cell.ref) == ("PR001", "warning", BODY, "E7", "错字", "改正", "登陆", 4, "")
    paragraph = at(Location(paragraph=0), "PR001", "warning", "错字")
    assert (paragraph.sheet, paragraph.cell, paragraph.found, paragraph.offset) == ("", "第0段", "", -1)
    assert at(Location(paragraph=12), "X", "info", "m").cell == "第12段"
    assert (at(Location(BODY), "ST004", "error", "空").sheet, at(Location(BODY), "ST004", "error", "空").cell) == \
        (BODY, "")
    nowhere = at(None, "LN001", "info", "字数")
    assert (nowhere.sheet, nowhere.cell, nowhere.suggestion) == ("", "", "")


def test_first_is_the_earliest_span():
    assert first(TEXT, [(12, 14), (3, 5), (8, 9)]) == ("34", 3)


def test_a_quote_keeps_six_characters_each_side_and_marks_what_is_cut():
    assert quote(TEXT, 10, 12) == "“…456789ABCDEFGH…”"
    assert quote(TEXT, 6, 14) == "“0123456789ABCDEFGHIJ”"
    assert quote(TEXT, 7, 13) == "“…123456789ABCDEFGHI…”"
    assert quote("上一行\n下一行", 4, 5) == "“上一行 下一行”"


def test_spans_six_or_fewer_characters_apart_share_one_quote():
    # 2-3 and 9-10 are 6 apart: one quote 0..16; 2-3 and 10-11 are 7 apart: two quotes
    assert quotes(TEXT, [(9, 10), (2, 3)]) == "“0123456789ABCDEF…”"
    assert quotes(TEXT, [(2, 3), (10, 11)]) == "“012345678…”、“…456789ABCDEFG…”"


def test_overlapping_spans_merge_to_the_furthest_end():
    assert quotes(TEXT, [(2, 9), (3, 4)]) == quote(TEXT, 2, 9) == "“0123456789ABCDE…”"


def test_more_quotes_than_the_limit_are_cut_and_counted():
    text = "甲" * 10 + "错" + "甲" * 10 + "错" + "甲" * 10 + "错" + "甲" * 10
    spans = [(10, 11), (21, 22), (32, 33)]
    assert quotes(text, spans, limit=3).count("“") == 3 and "等" not in quotes(text, spans, limit=3)
    two = quotes(text, spans, limit=2)
    assert two.count("“") == 2 and two.endswith("等 3 处")
    six = "".join("甲" * 10 + "错" for _ in range(6))
    six_spans = [(11 * i + 10, 11 * i + 11) for i in range(6)]
    assert quotes(six, six_spans).count("“") == 5 and quotes(six, six_spans).endswith("等 6 处")  # five by default
    assert quotes(six, six_spans[:5]).count("“") == 5 and "等" not in quotes(six, six_spans[:5])


def test_a_cell_dense_with_close_spans_is_quoted_in_short_runs_not_whole():
    text = "甲错" * 16_000  # a slip every second character: every span is within CONTEXT of the last
    spans = [(i, i + 1) for i in range(1, len(text), 2)]
    shown = quotes(text, spans)
    assert shown.count("“") == 5 and shown.endswith(f"等 {len(spans)} 处")
    # the first quote: thirty slips (offsets 1 to 59, sixty characters at most from first to last) and six after
    assert shown.startswith("“" + "甲错" * 33 + "…”、")
    assert len(shown) < 500


def test_findings_read_whole_report_first_then_by_sheet_order_row_column_code_message():
    findings = [
        _finding("NU001", "error", "指标数据", "A2"),
        _finding("ST001", "error", INFO, "B5"),
        _finding("ST004", "error", BODY, ""),
        _finding("PR001", "warning", BODY, "AA3"),
        _finding("PR001", "warning", BODY, "E3"),
        _finding("PR002", "warning", BODY, "E3", "甲"),  # 乙 (U+4E59) sorts before 甲 (U+7532)
        _finding("PR002", "warning", BODY, "E3", "乙"),
        _finding("PR001", "warning", BODY, "D12"),
        _finding("PR001", "warning", BODY, "Z3"),
        _finding("LN001", "info", "", ""),
        _finding("XX001", "info", "别的表", "A1"),
        _finding("PR001", "warning", "", "第10段"),
        _finding("PR001", "warning", "", "第2段"),
        _finding("AB001", "warning", "", "第1段"),
        _finding("ST000", "error", "填写说明", "A1"),
    ]
    ordered = sorted(findings, key=sort_key)
    assert [(f.sheet, f.cell, f.code, f.message) for f in ordered] == [
        ("", "", "LN001", "问题"), ("", "第1段", "AB001", "问题"), ("", "第2段", "PR001", "问题"),
        ("", "第10段", "PR001", "问题"),
        ("填写说明", "A1", "ST000", "问题"), (INFO, "B5", "ST001", "问题"),
        (BODY, "", "ST004", "问题"), (BODY, "E3", "PR001", "问题"), (BODY, "E3", "PR002", "乙"),
        (BODY, "E3", "PR002", "甲"), (BODY, "Z3", "PR001", "问题"), (BODY, "AA3", "PR001", "问题"),
        (BODY, "D12", "PR001", "问题"),
        ("指标数据", "A2", "NU001", "问题"),
        ("别的表", "A1", "XX001", "问题"),
    ]


def test_a_link_targets_the_cell_or_the_sheets_first_cell():
    assert link_target(BODY, "E3") == f"'{BODY}'!E3"
    assert link_target("张's", "AB12") == "'张''s'!AB12"
    assert link_target(BODY, "") == f"'{BODY}'!A1"
    assert link_target("", "第3段") == ""


def test_the_plan_lists_every_finding_in_order_with_links_only_to_known_sheets():
    findings = [Finding("LN001", "info", "", "", "字数", "", ref="r1"),
                Finding("ST001", "error", INFO, "B2", "缺", "填写", ref="r2"),
                Finding("XX001", "warning", "别的表", "C4", "外", ref="r3"),
                Finding("ST004", "error", BODY, "", "空", ref="r4")]
    plan = annotation_plan(findings, {INFO, BODY})
    assert [row.values for row in plan.rows] == [
        (1, "提示", "LN001", "", "", "字数", "", "r1", ""),
        (2, "错误", "ST001", INFO, "B2", "缺", "填写", "r2", ""),
        (3, "警告", "XX001", "别的表", "C4", "外", "", "r3", ""),
        (4, "错误", "ST004", BODY, "", "空", "", "r4", ""),
    ]
    assert [row.link for row in plan.rows] == ["", f"'{INFO}'!B2", "", f"'{BODY}'!A1"]
    assert [row.severity for row in plan.rows] == ["info", "error", "warning", "error"]
    assert [(m.sheet, m.cell) for m in plan.marks] == [(INFO, "B2")]


def test_without_a_list_of_sheets_every_sheet_is_known():
    plan = annotation_plan([_finding("XX001", "warning", "别的表", "C4")])
    assert plan.rows[0].link == "'别的表'!C4"
    assert [(m.sheet, m.cell) for m in plan.marks] == [("别的表", "C4")]


def test_a_cell_with_several_findings_gets_one_mark_worst_first_coloured_by_the_worst():
    findings = [_finding("PR005", "info", BODY, "E3", "提示一"), _finding("ST008", "warning", BODY, "E3", "警告一", "改"),
                _finding("ST006", "error", BODY, "E3", "错误一", "补"), _finding("PR002", "info", BODY, "E4", "提示二")]
    plan = annotation_plan(findings)
    assert [(m.cell, m.fill) for m in plan.marks] == [("E3", FILLS["error"]), ("E4", FILLS["info"])]
    assert plan.marks[0].comment == (MARKER + "\n错误 ST006：错误一\n建议：补\n\n警告 ST008：警告一\n建议：改\n\n"
                                     "提示 PR005：提示一")
    assert plan.marks[1].comment == MARKER + "\n提示 PR002：提示二"


def test_a_warning_only_cell_is_yellow():
    assert annotation_plan([_finding("PR001", "warning")]).marks[0].fill == FILLS["warning"] == "FFEB9C"


def test_ignored_findings_follow_unmarked_with_what_their_column_says_then_a_row_counting_them():
    shown = _finding("PR001", "warning", BODY, "E3", "显示")
    hidden = [(_finding("PR002", "warning", BODY, "E4", "隐藏一"), "忽略"), (_finding("PR003", "error", INFO, "B2"), BY_LIST)]
    plan = annotation_plan([shown], ignored=hidden)
    assert [row.values[0] for row in plan.rows] == [1, 2, 3, ""]
    assert [row.values[8] for row in plan.rows] == ["", "忽略", BY_LIST, ""]
    assert [row.link for row in plan.rows] == [f"'{BODY}'!E3", f"'{BODY}'!E4", f"'{INFO}'!B2", ""]
    assert plan.rows[-1].values == ("", "", "", "", "", ignored_line(2), "", "", "") and plan.rows[-1].severity == "info"
    assert ignored_line(2) == "另有 2 项检查结果已标记为“忽略”，不计入问题（单元格文字改动后会重新检查）。"
    assert [(m.sheet, m.cell) for m in plan.marks] == [(BODY, "E3")]  # ignored findings mark no cell
    assert len(annotation_plan([shown]).rows) == 1


def test_a_cell_whose_note_covers_findings_gets_the_refs_stamped_in_its_comment():
    found = _finding("ST008", "warning", BODY, "E3", "显示")
    plan = annotation_plan([found], {BODY}, covered={(BODY, "E3"): {"b2", "a1"}, (BODY, "E9"): {"c3"},
                                                     ("别的表", "A1"): {"d4"}, (BODY, "第2段"): {"e5"},
                                                     ("", "B2"): {"f6"}})
    assert [(m.sheet, m.cell, m.fill) for m in plan.marks] == [(BODY, "E3", FILLS["warning"]), (BODY, "E9", "")]
    assert plan.marks[0].comment == MARKER + "\n警告 ST008：显示\n\n" + NOTE_STAMP + "a1、b2"
    assert plan.marks[1].comment == MARKER + "\n" + NOTE_STAMP + "c3"
    assert annotation_plan([], covered={("", "B2"): {"f6"}}).marks == ()  # a cell of no sheet has no note


def test_a_stretch_longer_than_the_longest_run_is_quoted_by_its_two_halves():
    stretch = "".join(chr(0x4E00 + n) for n in range(100))  # 100 different characters
    text = "前文ABCDEFG" + stretch + "HIJKLMN后文"
    start = len("前文ABCDEFG")
    first, last = "".join(chr(0x4E00 + n) for n in range(30)), "".join(chr(0x4E00 + n) for n in range(70, 100))
    assert quote(text, start, start + 100) == f"“…BCDEFG{first}…{last}HIJKLM…”"
    assert quotes(text, [(start, start + 100)]) == quote(text, start, start + 100)
    sixty = stretch[:60]  # no longer than LONGEST_RUN: whole
    assert quote(sixty, 0, 60) == f"“{sixty}”"
    x_run = "X" * 32_000
    assert quotes(x_run, [(0, 32_000)]) == "“" + "X" * 30 + "…" + "X" * 30 + "”"


def test_close_spans_share_a_quote_up_to_exactly_the_longest_run():
    text = "".join(chr(0x4E00 + n) for n in range(100))
    assert quotes(text, [(0, 55), (58, 60)]) == quote(text, 0, 60)  # 60 from the first's start to the last's end
    assert quotes(text, [(0, 55), (58, 61)]) == quote(text, 0, 55) + "、" + quote(text, 58, 61)
