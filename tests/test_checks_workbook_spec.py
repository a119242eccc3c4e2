"""Checking a whole report and a workbook file: codes switched off, reading order, each finding's 编号 following its
cell's text, the rules file that applies and the findings marked 忽略 beside the file."""

from __future__ import annotations

import zlib

import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment

from checks_support import clean_report
from shuzhi_xl import schema
from shuzhi_xl.checks import check_facts, check_report
from shuzhi_xl.checks.facts import Facts
from shuzhi_xl.checks.ignore import IgnoredFinding, list_file
from shuzhi_xl.checks.plan import BY_LIST, BY_NOTE, HEADER, RESULT_SHEET
from shuzhi_xl.checks.rules import RULES_FILE, load_rules
from shuzhi_xl.checks.workbook import check_document, check_workbook, checked, read_marked
from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.model import Location, Metric, Point
from shuzhi_xl.xlsx.template import write_workbook

BODY, INFO = schema.BODY.name, schema.INFO.name


def _cited(text: str):
    report = clean_report()
    report.parts[0].sections[0].points.append(Point("", text, where={"body": Location(BODY, "E9")}))
    return report


def test_the_clean_report_has_only_the_length_information():
    assert [f.code for f in check_report(clean_report())] == ["LN001"]


def test_switched_off_codes_are_left_out(tmp_path):
    path = tmp_path / RULES_FILE
    path.write_text('disable = ["ln001", "NU001"]\n', encoding="utf-8")
    assert check_report(_cited("全年{甲}次。"), load_rules(path)) == []
    assert [f.code for f in check_report(_cited("全年{甲}次。"))] == ["LN001", "NU001"]


def test_findings_come_whole_report_first_then_sheet_by_sheet_in_reading_order():
    report = _cited("全年{甲}次。")
    report.info.branch = ""
    report.info.where = {"branch": Location(INFO, "B2")}
    report.metrics.append(Metric("", 3.0, where={"name": Location(schema.METRICS.name, "A5")}))
    assert [(f.code, f.sheet, f.cell) for f in check_report(report)] == [
        ("LN001", "", ""), ("ST001", INFO, "B2"), ("NU001", BODY, "E9"), ("NU002", schema.METRICS.name, "A5")]


def test_each_finding_has_a_ref_that_changes_with_the_text_of_its_cell():
    first, = [f for f in check_report(_cited("全年{甲}次。")) if f.code == "NU001"]
    again, = [f for f in check_report(_cited("全年{甲}次。")) if f.code == "NU001"]
    edited, = [f for f in check_report(_cited("一年{甲}次。")) if f.code == "NU001"]
    assert first.message == edited.message and len(first.ref) == 10
    assert first.ref == again.ref
    assert first.ref[:6] == edited.ref[:6] and first.ref[6:] != edited.ref[6:]


def _book(tmp_path, report=None):
    report = report or clean_report()
    report.info.branch = ""  # ST001, an error
    return write_workbook(tmp_path / "述职.xlsx", report)


def test_a_workbook_is_checked_under_the_defaults_when_no_rules_file_is_beside_it(tmp_path):
    checked = check_workbook(_book(tmp_path))
    assert checked.rules_file is None and checked.ignored == ()
    assert [f.code for f in checked.findings] == ["LN001", "ST001"]
    assert [f.code for f in checked.errors] == ["ST001"]
    assert checked.report.info.committee == "机关党委"


def test_the_rules_file_beside_the_workbook_applies_unless_another_is_named(tmp_path):
    book = _book(tmp_path)
    beside = tmp_path / RULES_FILE
    beside.write_text('disable = ["LN001"]\n', encoding="utf-8")
    named = tmp_path / "另一个.toml"
    named.write_text('disable = ["ST001"]\n', encoding="utf-8")
    checked = check_workbook(book)
    assert checked.rules_file == beside and [f.code for f in checked.findings] == ["ST001"]
    checked = check_workbook(book, named)
    assert checked.rules_file == named and [f.code for f in checked.findings] == ["LN001"]
    assert checked.errors == []


def test_findings_listed_as_ignored_beside_the_workbook_are_left_out_and_counted(tmp_path):
    book = _book(tmp_path)
    error, = check_workbook(book).errors
    list_file(book).write_text(f"# 已忽略\n{error.ref} ST001 {INFO}!{error.cell}\n", encoding="utf-8")
    checked = check_workbook(book)
    assert [f.code for f in checked.findings] == ["LN001"] and checked.errors == []
    assert checked.ignored == (IgnoredFinding(error, BY_LIST),)


def test_a_bad_rules_file_stops_before_the_workbook_is_read(tmp_path):
    bad = tmp_path / "坏.toml"
    bad.write_text("colour = 1\n", encoding="utf-8")
    with pytest.raises(ShuzhiError) as error:
        check_workbook(tmp_path / "没有这个文件.xlsx", bad)
    assert "colour" in str(error.value)


def _branch_cell() -> tuple[str, str]:
    return INFO, schema.INFO.form_cell("branch")


def _with_result_sheet(book, ref: str, mark: str):
    wb = load_workbook(book)
    sheet = wb.create_sheet(RESULT_SHEET)
    sheet.append(list(HEADER))
    sheet.append([1, "错误", "ST001", INFO, "B2", "缺", "", ref, mark])
    wb.save(book)


def _with_note(book, text: str):
    wb = load_workbook(book)
    sheet, cell = _branch_cell()
    wb[sheet][cell].comment = Comment(text, "张三")
    wb.save(book)


def test_refs_given_are_ignored_kept_beside_the_workbook_or_where_asked_and_unknown_ones_returned(tmp_path):
    book = _book(tmp_path)
    error, = check_workbook(book).errors
    elsewhere = tmp_path / "网页" / "上传.xlsx"
    elsewhere.parent.mkdir()
    checked = check_workbook(book, None, (error.ref, "0123456789"), beside=elsewhere)
    assert checked.ignored == (IgnoredFinding(error, BY_LIST),) and checked.unknown == ("0123456789",)
    assert list_file(elsewhere).is_file() and not list_file(book).exists()
    checked = check_workbook(book, None, (error.ref,))
    assert list_file(book).read_text(encoding="utf-8").splitlines()[1:] == [f"{error.ref} ST001 {INFO}!{error.cell}"]
    assert check_workbook(book).ignored == (IgnoredFinding(error, BY_LIST),)


def test_ignore_typed_in_the_workbooks_result_sheet_is_honoured(tmp_path):
    book = _book(tmp_path)
    error, = check_workbook(book).errors
    _with_result_sheet(book, error.ref, "忽略")
    checked = check_workbook(book)
    assert checked.ignored == (IgnoredFinding(error, "忽略"),) and checked.errors == []
    marks = read_marked(book)[1]
    assert marks.result_rows[0] == list(HEADER) and marks.result_rows[1][7] == error.ref


def test_a_note_saying_ignore_is_honoured_and_recorded_by_the_door_that_checks_the_file(tmp_path):
    book = _book(tmp_path)
    error, = check_workbook(book).errors
    _with_note(book, "忽略：本支部名称待上级确定")
    report, marks = read_marked(book)
    assert report.source == str(book) and marks.notes.get(_branch_cell()) == "忽略：本支部名称待上级确定"
    quiet = checked(report, load_rules(), marks, book)  # a door that does not record
    assert quiet.ignored == (IgnoredFinding(error, BY_NOTE),) and quiet.covered == {_branch_cell(): {error.ref}}
    assert quiet.unknown == () and quiet.rules_file is None and quiet.report is report
    assert not list_file(book).exists()
    loud = check_workbook(book)
    assert loud.ignored == (IgnoredFinding(error, BY_NOTE),) and loud.covered == {_branch_cell(): {error.ref}}
    assert list_file(book).read_text(encoding="utf-8").splitlines()[1:] == \
        [f"{error.ref} ST001 {INFO}!{error.cell} 批注"]


def test_refs_given_to_checked_are_kept_beside_the_file_named(tmp_path):
    book = _book(tmp_path)
    report, marks = read_marked(book)
    error, = checked(report, load_rules(), marks, book).errors
    result = checked(report, load_rules(), marks, book, (error.ref,))
    assert result.ignored == (IgnoredFinding(error, BY_LIST),) and list_file(book).is_file()


def test_a_text_report_is_proofread_under_the_rules_beside_it_and_its_findings_can_be_ignored(tmp_path):
    text = tmp_path / "述职.txt"
    text.write_text("我们将再接再励，推进各项工作。\n", encoding="utf-8")
    found = check_document(text)
    slip, = [f for f in found.findings if f.found == "再接再励"]
    assert (found.report, found.rules_file, slip.cell) == (None, None, "第1段")
    (tmp_path / RULES_FILE).write_text(f'disable = ["{slip.code}"]\n', encoding="utf-8")
    quiet = check_document(text)
    assert quiet.rules_file == tmp_path / RULES_FILE and slip.code not in {f.code for f in quiet.findings}
    other = tmp_path / "另.toml"
    other.write_text("disable = []\n", encoding="utf-8")
    ignored = check_document(text, other, (slip.ref, "0123456789"))
    assert ignored.rules_file == other and ignored.unknown == ("0123456789",)
    assert ignored.ignored == (IgnoredFinding(slip, BY_LIST),) and slip not in ignored.findings


def test_without_refs_findings_get_their_numbers_only_to_leave_some_out(tmp_path):
    book = _book(tmp_path)
    report, marks = read_marked(book)
    full = checked(report, load_rules(), marks, book)
    bare = checked(report, load_rules(), marks, book, refs=False)  # nothing marked: no 编号 worked out
    assert bare.findings == [f._replace(ref="") for f in full.findings] and full.findings[0].ref
    assert bare.report is report and check_workbook(book, refs=False).findings == bare.findings
    (tmp_path / RULES_FILE).write_text('disable = ["ST001"]\n', encoding="utf-8")  # the rules given are applied
    assert checked(report, load_rules(tmp_path / RULES_FILE), marks, book, refs=False).findings == [
        f for f in bare.findings if f.code != "ST001"] != bare.findings
    assert (bare.ignored, bare.unknown, bare.covered) == ((), (), {})
    ref = full.findings[0].ref
    assert checked(report, load_rules(), marks, book, (ref,), refs=False).ignored == ((full.findings[0], BY_LIST),)
    assert checked(report, load_rules(), marks, book, refs=False).findings == full.findings[1:]  # the list beside


def test_the_list_beside_the_workbook_is_read_once_a_check(tmp_path, monkeypatch):
    book = _book(tmp_path)
    report, marks = read_marked(book)
    list_file(book).write_text("# 说明\n", encoding="utf-8")
    reads = []
    read_text = type(book).read_text
    monkeypatch.setattr(type(book), "read_text", lambda self, *a, **k: reads.append(self) or read_text(self, *a, **k))
    for refs in (False, True):
        reads.clear()
        checked(report, load_rules(), marks, book, refs=refs)
        assert reads == [list_file(book)]


def test_checked_hands_back_the_facts_the_checks_worked_out(tmp_path):
    book = _book(tmp_path)
    report, marks = read_marked(book)
    rules = load_rules()
    for refs in (False, True):
        facts = checked(report, rules, marks, book, refs=refs).facts
        assert facts.report is report and facts.rules is rules
        assert {"matched", "held", "shortfalls"} <= vars(facts).keys()  # worked out by the checks, there to read again


def test_the_facts_every_reader_shares_cannot_be_changed_by_one_of_them(tmp_path):
    # the rule families and the consolidation's rows read the same facts: an append, a sort or a new key would
    # reach them all
    report, _ = read_marked(_book(tmp_path))
    facts = Facts(report, load_rules())
    shared = [facts.printed, facts.every, facts.paragraphs, facts.matched, *facts.held.values(),
              *(periods for _, periods in facts.shortfalls.values())]
    assert facts.printed and facts.matched and facts.held and all(type(value) is tuple for value in shared)
    for mapping in (facts.held, facts.shortfalls):
        with pytest.raises(TypeError):
            mapping["党员大会"] = ()


def test_check_facts_checks_the_report_the_facts_hold_under_their_rules(tmp_path):
    report, _ = read_marked(_book(tmp_path))
    found = check_report(report, load_rules())
    code = found[0].code
    quieter = load_rules()._replace(disable=frozenset({code}))
    assert check_facts(Facts(report, load_rules())) == found
    assert check_facts(Facts(report, quieter)) == [f for f in found if f.code != code]
    assert check_facts(Facts(clean_report(), load_rules()), refs=False) == check_report(clean_report(), refs=False)


def test_a_workbook_is_read_with_the_inflating_codec_it_is_handed(tmp_path):
    # consolidation hands ISA-L's zlib interface down this way (collect_many); zlib otherwise
    inflated = []

    class Recording:
        """zlib, noting each inflation."""
        error, crc32 = zlib.error, zlib.crc32

        @staticmethod
        def decompressobj(*args):
            inflated.append(args)
            return zlib.decompressobj(*args)

    book = _book(tmp_path)
    assert read_marked(book, Recording) == read_marked(book) and inflated
