"""Marks of 忽略 applied to plain findings: the 编号 each finding gets, and which findings each mark (the result
sheet's 忽略 column, a cell note, the list kept beside the file) leaves out, with every list file written and read
as the text a user sees. Findings and marks are written out here by hand."""

from __future__ import annotations

import hashlib

import pytest

from shuzhi_xl import schema
from shuzhi_xl.checks.finding import Finding
from shuzhi_xl.checks.ignore import (IgnoredFinding, Marks, leave_out, list_file, marked_in_result_rows, read_list,
                                     remember, says_ignore, stamped, with_refs)
from shuzhi_xl.checks.plan import BY_LIST, BY_NOTE, HEADER, MARKER, NOTE_STAMP
from shuzhi_xl.errors import ShuzhiError

BODY, INFO = schema.BODY.name, schema.INFO.name
E3, E4 = (BODY, "E3"), (BODY, "E4")


def _finding(code: str, place: tuple[str, str], ref: str, found: str = "", message: str = "问题") -> Finding:
    return Finding(code, "warning", place[0], place[1], message, found=found, ref=ref)


#: Two findings in E3, one in E4, one about the whole report; refs are plain labels here.
FINDINGS = [_finding("PR001", E3, "aaaaaa0001"), _finding("PR002", E3, "bbbbbb0001"),
            _finding("PR001", E4, "cccccc0001"), _finding("LN001", ("", ""), "dddddd0001")]


def _refs(findings) -> list[str]:
    return [f.ref for f in findings]


def _blake(text: str, n: int) -> str:
    return hashlib.blake2s(text.encode("utf-8"), digest_size=8).hexdigest()[:n]


def test_a_ref_is_six_characters_naming_the_finding_and_four_naming_its_cells_text():
    # The list files users keep depend on this form: blake2s (8 bytes) of "code|sheet|cell|found|message-if-no-found"
    # cut to six hex digits, then of the cell's text cut to four.
    found = Finding("PR001", "error", BODY, "E3", "错字", found="登陆")
    whole = Finding("LN001", "info", "", "", "全文约 10 字")
    (a, b) = with_refs([found, whole], {E3: "请登陆系统。"})
    assert a.ref == _blake(f"PR001|{BODY}|E3|登陆|", 6) + _blake("请登陆系统。", 4)
    assert b.ref == _blake("LN001||||全文约 10 字", 6) + _blake("", 4)
    assert (a.code, a.message, a.found) == ("PR001", "错字", "登陆")


def test_a_ref_follows_the_cells_text_and_names_a_found_text_without_its_message():
    base = Finding("PR001", "error", BODY, "E3", "错字甲", found="登陆")
    one, = with_refs([base], {E3: "甲"})
    edited, = with_refs([base], {E3: "乙"})
    reworded, = with_refs([Finding("PR001", "error", BODY, "E3", "错字乙", found="登陆")], {E3: "甲"})
    assert one.ref[:6] == edited.ref[:6] and one.ref[6:] != edited.ref[6:]
    assert reworded.ref == one.ref
    plain = [Finding("ST001", "error", INFO, "B2", m) for m in ("缺甲", "缺乙")]
    assert len({f.ref for f in with_refs(plain, {})}) == 2


def test_without_marks_every_finding_is_shown(tmp_path):
    outcome = leave_out(FINDINGS, Marks(), tmp_path / "述职.xlsx")
    assert outcome == (FINDINGS, [], [], {})
    assert not list_file(tmp_path / "述职.xlsx").exists()


def test_the_list_file_is_named_after_the_workbook(tmp_path):
    assert list_file(tmp_path / "一支部.xlsx") == tmp_path / "一支部.忽略.txt"
    assert list_file(tmp_path / "报告.v2.docx") == tmp_path / "报告.v2.忽略.txt"


def _rows(*marked: tuple[str, object]) -> list[list[object]]:
    return [list(HEADER)] + [[n, "警告", "PR001", BODY, "E3", "问题", "", ref, mark]
                             for n, (ref, mark) in enumerate(marked, start=1)]


def test_any_text_of_the_authors_in_the_result_sheets_column_marks_that_ref():
    rows = _rows(("aaaaaa0001", "是"), ("bbbbbb0001", " "), ("cccccc0001", None), ("dddddd0001", BY_NOTE),
                 ("eeeeee0001", BY_LIST), ("  ffffff0001 ", "x"), ("", "忽略"), (None, "忽略"))
    assert marked_in_result_rows(rows) == frozenset({"aaaaaa0001", "ffffff0001"})


def test_result_rows_without_both_columns_or_too_short_mark_nothing():
    assert marked_in_result_rows(None) == frozenset()
    assert marked_in_result_rows([]) == frozenset()
    assert marked_in_result_rows([list(HEADER[:-1]), [1, "警告", "PR001", BODY, "E3", "问题", "", "aaaaaa0001"]]) == \
        frozenset()
    assert marked_in_result_rows([["忽略", "编号"], ["是", "aaaaaa0001"], ["是"]]) == frozenset({"aaaaaa0001"})
    assert marked_in_result_rows([["编号", "x", "忽略"], ["aaaaaa0001", "", "是"], ["bbbbbb0001", ""]]) == \
        frozenset({"aaaaaa0001"})


def test_a_ref_marked_in_the_result_sheet_is_left_out_saying_ignore(tmp_path):
    outcome = leave_out(FINDINGS, Marks(_rows(("bbbbbb0001", "忽略"))), tmp_path / "述职.xlsx")
    assert _refs(outcome.findings) == ["aaaaaa0001", "cccccc0001", "dddddd0001"]
    assert outcome.ignored == [IgnoredFinding(FINDINGS[1], "忽略")]


def test_a_note_saying_ignore_before_the_tools_marker_is_the_users():
    assert says_ignore("忽略")
    assert says_ignore("经核实，忽略此提示")
    assert not says_ignore("经核实无误")
    assert not says_ignore(f"{MARKER}\n提示 PR001：不要忽略")
    assert says_ignore(f"忽略{MARKER}\n提示")
    assert says_ignore("经核实 可以忽略")


def test_the_refs_stamped_in_a_note_are_read_from_the_tools_part_only():
    assert stamped("忽略") == frozenset()
    assert stamped(f"{NOTE_STAMP}aaaaaa0001") == frozenset()  # before the marker: the user's text
    note = f"忽略\n{MARKER}\n警告 PR001：问题\n\n{NOTE_STAMP}aaaaaa0001、 bbbbbb0001 、\n{NOTE_STAMP}cccccc0001"
    assert stamped(note) == frozenset({"aaaaaa0001", "bbbbbb0001", "cccccc0001"})
    assert stamped(f"忽略\n{MARKER}\n说明：{NOTE_STAMP}aaaaaa0001") == frozenset()  # not at a line's start


def test_a_note_never_honoured_covers_every_finding_its_cell_has(tmp_path):
    outcome = leave_out(FINDINGS, Marks(notes={E3: "忽略：已核实"}), tmp_path / "述职.xlsx")
    assert _refs(outcome.findings) == ["cccccc0001", "dddddd0001"]
    assert outcome.ignored == [IgnoredFinding(FINDINGS[0], BY_NOTE), IgnoredFinding(FINDINGS[1], BY_NOTE)]
    assert outcome.covered == {E3: frozenset({"aaaaaa0001", "bbbbbb0001"})}
    assert not list_file(tmp_path / "述职.xlsx").exists()  # not recorded unless asked


def test_a_note_not_saying_ignore_and_a_note_of_no_sheet_cover_nothing(tmp_path):
    paragraph = _finding("PR001", ("", "第1段"), "eeeeee0001")
    notes = {E3: "请核实", ("", ""): "忽略", ("", "第1段"): "忽略"}
    outcome = leave_out(FINDINGS + [paragraph], Marks(notes=notes), tmp_path / "述职.xlsx")
    assert outcome.findings == FINDINGS + [paragraph] and outcome.covered == {}


def test_a_note_on_a_whole_sheet_covers_the_findings_about_that_sheet(tmp_path):
    sheet = _finding("ST004", (BODY, ""), "ffffff0001")
    outcome = leave_out([sheet], Marks(notes={(BODY, ""): "忽略"}), tmp_path / "述职.xlsx")
    assert outcome.ignored == [IgnoredFinding(sheet, BY_NOTE)]


def test_a_stamped_note_covers_only_the_refs_stamped(tmp_path):
    note = f"忽略\n{MARKER}\n{NOTE_STAMP}aaaaaa0001"
    outcome = leave_out(FINDINGS, Marks(notes={E3: note}), tmp_path / "述职.xlsx", record=True)
    assert _refs(outcome.findings) == ["bbbbbb0001", "cccccc0001", "dddddd0001"]
    assert outcome.covered == {E3: frozenset({"aaaaaa0001"})}
    assert not list_file(tmp_path / "述职.xlsx").exists()  # already honoured: nothing to record


def test_recording_a_first_honoured_note_keeps_its_refs_beside_the_file_tagged_as_the_notes(tmp_path):
    book = tmp_path / "述职.xlsx"
    leave_out(FINDINGS, Marks(notes={E3: "忽略"}), book, record=True)
    assert list_file(book).read_text(encoding="utf-8") == (
        "# “述职.xlsx”中已忽略的检查结果（编号 代码 位置）。删去一行即恢复提示。\n"
        f"aaaaaa0001 PR001 {BODY}!E3 批注\nbbbbbb0001 PR002 {BODY}!E3 批注\n")
    # a new finding in that cell later is not covered: the note covers what it covered when first honoured
    later = FINDINGS + [_finding("PR003", E3, "eeeeee0001")]
    outcome = leave_out(later, Marks(notes={E3: "忽略"}), book)
    assert _refs(outcome.findings) == ["cccccc0001", "dddddd0001", "eeeeee0001"]
    assert outcome.covered == {E3: frozenset({"aaaaaa0001", "bbbbbb0001"})}
    # and once the note no longer says 忽略, the tagged lines do nothing
    assert leave_out(later, Marks(notes={E3: "已改"}), book).findings == later


def test_refs_given_now_are_kept_beside_the_file_and_left_out_unknown_ones_returned(tmp_path):
    book = tmp_path / "述职.xlsx"
    outcome = leave_out(FINDINGS, Marks(), book, ["cccccc0001", "0123456789", "cccccc0001"])
    assert outcome.unknown == ["0123456789"]
    assert outcome.ignored == [IgnoredFinding(FINDINGS[2], BY_LIST)]
    assert list_file(book).read_text(encoding="utf-8").splitlines()[1:] == [f"cccccc0001 PR001 {BODY}!E4"]
    again = leave_out(FINDINGS, Marks(), book)  # the next run remembers
    assert _refs(again.findings) == ["aaaaaa0001", "bbbbbb0001", "dddddd0001"]


def test_refs_given_for_a_workbook_never_saved_are_all_unknown():
    outcome = leave_out(FINDINGS, Marks(), None, ["cccccc0001"])
    assert outcome.unknown == ["cccccc0001"] and outcome.findings == FINDINGS


def test_a_finding_marked_several_ways_says_the_sheet_first_then_the_note_then_the_list(tmp_path):
    book = tmp_path / "述职.xlsx"
    remember(book, read_list(book), ["aaaaaa0001", "bbbbbb0001", "cccccc0001"], FINDINGS)
    marks = Marks(_rows(("aaaaaa0001", "是")), {E3: "忽略"})
    outcome = leave_out(FINDINGS, marks, book)
    assert outcome.ignored == [IgnoredFinding(FINDINGS[0], "忽略"), IgnoredFinding(FINDINGS[1], BY_NOTE),
                               IgnoredFinding(FINDINGS[2], BY_LIST)]
    assert outcome.findings == [FINDINGS[3]]


def test_the_list_file_is_read_skipping_comments_and_blank_lines(tmp_path):
    book = tmp_path / "述职.xlsx"
    assert read_list(book) == (None, frozenset(), {}) == read_list(None)
    list_file(book).write_text("\ufeff# 说明\n\naaaaaa0001 PR001 报告正文!E3\n  bbbbbb0001\n"
                               "cccccc0001 PR002 报告正文!E4 批注\ndddddd0001 LN001  批注\n"
                               "eeeeee0001 PR002 别的!表!B2 批注\n", encoding="utf-8")
    _, listed, bound = read_list(book)
    assert listed == frozenset({"aaaaaa0001", "bbbbbb0001", "dddddd0001"})
    assert bound == {(BODY, "E4"): frozenset({"cccccc0001"}), ("别的!表", "B2"): frozenset({"eeeeee0001"})}


def test_remember_adds_each_known_ref_once_keeping_what_the_file_had(tmp_path):
    book = tmp_path / "述职.xlsx"
    list_file(book).write_text("# 我的说明\nzzzzzz0001 PR009 报告正文!E9\n\n\n", encoding="utf-8")
    written = remember(book, read_list(book), ["dddddd0001", "zzzzzz0001", "aaaaaa0001", "dddddd0001", "9"],
                       FINDINGS)
    assert list_file(book).read_text(encoding="utf-8") == written.text == (
        "# 我的说明\nzzzzzz0001 PR009 报告正文!E9\ndddddd0001 LN001 \n"
        f"aaaaaa0001 PR001 {BODY}!E3\n")
    assert written.listed == frozenset({"zzzzzz0001", "dddddd0001", "aaaaaa0001"}) and written.bound == {}
    list_file(book).unlink()
    assert remember(book, written, ["aaaaaa0001"], FINDINGS) == written  # already there: not written twice
    assert not list_file(book).exists()


def test_remember_keeps_the_files_last_line_as_it_was_and_reads_a_byte_order_mark(tmp_path):
    book = tmp_path / "述职.xlsx"
    list_file(book).write_text("aaaaaa0001 PR001 \n# 备注X\n", encoding="utf-8-sig")
    remember(book, read_list(book), ["aaaaaa0001", "bbbbbb0001"], FINDINGS)
    assert list_file(book).read_text(encoding="utf-8-sig") == (
        f"aaaaaa0001 PR001 \n# 备注X\nbbbbbb0001 PR002 {BODY}!E3\n")
    list_file(book).write_text("aaaaaa0001 PR001 \n", encoding="utf-8")
    remember(book, read_list(book), ["cccccc0001"], FINDINGS)
    assert list_file(book).read_text(encoding="utf-8") == f"aaaaaa0001 PR001 \ncccccc0001 PR001 {BODY}!E4\n"


def test_remember_nothing_known_writes_no_file(tmp_path):
    book = tmp_path / "述职.xlsx"
    assert remember(book, read_list(book), ["9"], FINDINGS) == (None, frozenset(), {})
    assert not list_file(book).exists()


def test_a_ref_ignored_from_the_command_line_outlasts_the_note_that_covered_it(tmp_path):
    book = tmp_path / "述职.xlsx"
    leave_out(FINDINGS, Marks(notes={E3: "忽略"}), book, record=True)  # kept tagged as the note's
    leave_out(FINDINGS, Marks(notes={E3: "忽略"}), book, ["aaaaaa0001"])  # and now ignored by the user as well
    assert list_file(book).read_text(encoding="utf-8").splitlines()[1:] == [
        f"aaaaaa0001 PR001 {BODY}!E3 批注", f"bbbbbb0001 PR002 {BODY}!E3 批注", f"aaaaaa0001 PR001 {BODY}!E3"]
    outcome = leave_out(FINDINGS, Marks(notes={E3: "已改"}), book)
    assert outcome.ignored == [IgnoredFinding(FINDINGS[0], BY_LIST)]


def test_the_list_file_is_read_once_when_refs_are_added_and_a_note_recorded(tmp_path, monkeypatch):
    book = tmp_path / "述职.xlsx"
    list_file(book).write_text("# 说明\n", encoding="utf-8")
    reads = []
    read_text = type(book).read_text
    monkeypatch.setattr(type(book), "read_text", lambda self, *a, **k: reads.append(self) or read_text(self, *a, **k))
    outcome = leave_out(FINDINGS, Marks(notes={E3: "忽略"}), book, ["cccccc0001"], record=True)
    assert reads == [list_file(book)]
    assert [i.finding.ref for i in outcome.ignored] == ["aaaaaa0001", "bbbbbb0001", "cccccc0001"]
    assert list_file(book).read_text(encoding="utf-8").splitlines()[1:] == [
        f"cccccc0001 PR001 {BODY}!E4", f"aaaaaa0001 PR001 {BODY}!E3 批注", f"bbbbbb0001 PR002 {BODY}!E3 批注"]


def test_remember_adds_a_notes_ref_once_and_a_listed_ref_not_again_for_a_note(tmp_path):
    book = tmp_path / "述职.xlsx"
    list_file(book).write_text(f"aaaaaa0001 PR001 {BODY}!E3 批注\ncccccc0001 PR001 {BODY}!E4\n", encoding="utf-8")
    before = read_list(book)
    assert remember(book, before, ["aaaaaa0001", "cccccc0001"], FINDINGS, "批注") == before
    assert list_file(book).read_text(encoding="utf-8").count("\n") == 2  # nothing written


def test_anything_marked_is_a_result_sheet_a_cell_note_or_a_list_beside_the_file(tmp_path):
    from shuzhi_xl.checks.ignore import anything_marked

    book = tmp_path / "述职.xlsx"
    assert not anything_marked(Marks(), read_list(book)) and not anything_marked(Marks(), read_list(None))
    assert anything_marked(Marks([list(HEADER)]), read_list(book))
    assert anything_marked(Marks(notes={E3: "已核实"}), read_list(book))
    list_file(book).write_text("", encoding="utf-8")  # a list, even an empty one
    assert anything_marked(Marks(), read_list(book))


def test_a_list_file_not_in_utf8_is_refused_in_chinese_naming_it(tmp_path):
    book = tmp_path / "述职.xlsx"
    list_file(book).write_bytes("# 已忽略\naaaaaa0001 PR001 报告正文!E3\n".encode("gbk"))  # an old Notepad's ANSI
    with pytest.raises(ShuzhiError) as refused:
        read_list(book)
    assert str(refused.value) == ("忽略清单“述职.忽略.txt”不是 UTF-8 编码的文本，无法读取。请用记事本打开，另存为 UTF-8 "
                                  "编码；或删除这个文件（其中忽略的检查结果会重新显示）。")
    with pytest.raises(ShuzhiError):
        leave_out(FINDINGS, Marks(), book)


def test_leave_out_applies_a_list_already_read_without_reading_it_again(tmp_path):
    book = tmp_path / "述职.xlsx"  # no list beside it: what is left out comes from the list handed over
    listed = read_list(book)._replace(text="cccccc0001\n", listed=frozenset({"cccccc0001"}))
    outcome = leave_out(FINDINGS, Marks(), book, ignore_list=listed)
    assert outcome.ignored == [IgnoredFinding(FINDINGS[2], BY_LIST)] and not list_file(book).exists()


def test_a_list_file_too_large_or_unreadable_is_refused_in_chinese_naming_it(tmp_path, monkeypatch):
    from shuzhi_xl.limits import MAX_LIST_BYTES

    book = tmp_path / "述职.xlsx"
    list_file(book).write_bytes(b"#" * MAX_LIST_BYTES)  # the largest list is read
    assert read_list(book) == ("#" * MAX_LIST_BYTES, frozenset(), {})
    list_file(book).write_bytes(b"#" * (MAX_LIST_BYTES + 1))
    with pytest.raises(ShuzhiError, match="过大"):
        read_list(book)
    list_file(book).write_bytes(b"#" * 3 * 2**20)
    with pytest.raises(ShuzhiError) as refused:
        read_list(book)
    assert str(refused.value) == ("忽略清单“述职.忽略.txt”过大（3.0 MB，上限 1.0 MB），不是本程序写的清单。"
                                  "请删除这个文件（其中忽略的检查结果会重新显示）。")
    list_file(book).write_text("aaaaaa0001\n", encoding="utf-8")
    monkeypatch.setattr(type(book), "read_text", lambda *a, **k: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    with pytest.raises(ShuzhiError) as refused:
        leave_out(FINDINGS, Marks(), book)
    assert str(refused.value) == ("忽略清单“述职.忽略.txt”无法读取（Permission denied）。请检查文件权限，"
                                  "或删除这个文件（其中忽略的检查结果会重新显示）。")
    monkeypatch.setattr(type(book), "read_text", lambda *a, **k: (_ for _ in ()).throw(TimeoutError()))
    with pytest.raises(ShuzhiError, match="^忽略清单“述职.忽略.txt”无法读取（TimeoutError）。"):
        read_list(book)  # an error without a system message is named by its kind
