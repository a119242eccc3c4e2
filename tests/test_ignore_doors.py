"""Ignoring a finding the author judges wrong (issue 15 item 4), at every door: the command line, the Excel
button, the web page and the consolidation. Each of the three marks — 忽略 typed in the 检查结果 sheet, a cell note
containing 忽略, ``--ignore 编号`` kept in 〈文件名〉.忽略.txt — holds on the next run while the cell's text is
unchanged, lets the finding show again once the text changes, and the count of ignored findings is stated.

The workbook carries two planted slips in one otherwise clean cell (ignore_support.SLIPS), so the findings of
that cell are known without the checker: one per wrong idiom."""

from __future__ import annotations

import http.client
import shutil
from pathlib import Path

import pytest
import xlwings
from openpyxl import load_workbook

from excel_fake import open_in_excel
from ignore_support import (PLACE, SLIPS, WRONG, add_note, at_place, cell_text, cli_check, mark_in_result_sheet,
                            plant, result_rows, said_ignored, set_cell)
from shuzhi_xl.consolidate import consolidate
from shuzhi_xl.excel import macros
from shuzhi_xl.samples import sample_report
from shuzhi_xl.synthetic import write_samples
from shuzhi_xl.xlsx.template import write_workbook
from web_support import shuzhi_web

MARKS = ("sheet", "note", "list")


def _planted_sample(folder: Path) -> tuple[Path, list[dict]]:
    """Return the sample with the slips planted and its findings before any mark."""
    path = plant(write_workbook(folder / "示例.xlsx", sample_report()))
    findings, _, _ = cli_check(path)
    assert sorted(f["found"] for f in at_place(findings)) == sorted(WRONG)  # the two slips, nothing else there
    return path, findings


def _mark(path: Path, how: str, findings: list[dict]) -> tuple[Path, set[str]]:
    """Mark the first slip's finding (a note: both findings of the cell) 忽略 as a user does; return the
    workbook to check next and the 编号 ignored."""
    first = next(f["ref"] for f in at_place(findings) if f["found"] == WRONG[0])
    if how == "list":
        cli_check(path, "--ignore", first)
        return path, {first}
    if how == "note":
        add_note(path)
        return path, {f["ref"] for f in at_place(findings)}
    copy = path.with_name("标注副本.xlsx")
    cli_check(path, "--annotate", copy)
    mark_in_result_sheet(copy, {first})
    return copy, {first}


def _changed(path: Path) -> None:
    """Change the cell's text, keeping both slips in it."""
    set_cell(path, "（修改）" + cell_text(path))


# --- the command line ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("how", MARKS)
def test_command_line(tmp_path, how):
    source, before = _planted_sample(tmp_path)
    path, ignored = _mark(source, how, before)
    for _ in range(2):  # the run after marking, and the next one
        after, said, _ = cli_check(path)
        assert not {f["ref"] for f in after} & ignored and len(after) == len(before) - len(ignored)
        assert said_ignored(said) == len(ignored)
    if how == "sheet":  # an annotated copy of the copy still lists the finding as 忽略, so it stays ignored
        again = tmp_path / "再次标注.xlsx"
        cli_check(path, "--annotate", again)
        assert {r["编号"] for r in result_rows(again) if r["忽略"] == "忽略"} == ignored
        assert any(said_ignored(str(r["问题"])) == len(ignored) for r in result_rows(again))
        assert said_ignored(cli_check(again)[1]) == len(ignored)
    _changed(path)
    shown, said, _ = cli_check(path)
    assert sorted(f["found"] for f in at_place(shown)) == sorted(WRONG) and said_ignored(said) == 0


def test_an_unknown_number_is_said_and_nothing_is_remembered(tmp_path):
    path, _ = _planted_sample(tmp_path)
    _, said, _ = cli_check(path, "--ignore", "0123456789")
    assert "没有编号为 0123456789" in said and not path.with_name("示例.忽略.txt").exists()


def test_deleting_the_note_brings_its_findings_back(tmp_path):
    path, before = _planted_sample(tmp_path)
    _mark(path, "note", before)
    assert said_ignored(cli_check(path)[1]) == len(WRONG)
    wb = load_workbook(path)
    wb[PLACE[0]][PLACE[1]].comment = None
    wb.save(path)
    shown, said, _ = cli_check(path)
    assert len(at_place(shown)) == len(WRONG) and said_ignored(said) == 0


def test_a_word_report_finding_is_ignored_from_the_command_line(tmp_path):
    from docx import Document

    document = Document()
    for text in ("一年来，支部工作稳步推进。", SLIPS):
        document.add_paragraph(text)
    path = tmp_path / "报告.docx"
    document.save(path)
    before, _, _ = cli_check(path)
    first = next(f for f in before if f["found"] == WRONG[0])
    after, said, _ = cli_check(path, "--ignore", first["ref"])
    assert [f["found"] for f in after if f["cell"] == "第2段"] == [WRONG[1]] and said_ignored(said) == 1
    assert said_ignored(cli_check(path)[1]) == 1


# --- the Excel button --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("how", MARKS)
def test_excel_button(tmp_path, monkeypatch, how):
    source, before = _planted_sample(tmp_path)
    if how == "note":  # typed in Excel: the note lives in the open workbook
        path, ignored = source, {f["ref"] for f in at_place(before)}
    else:
        path, ignored = _mark(source, how, before)
    app, book = open_in_excel(path)
    if how == "note":
        book.sheets[PLACE[0]].range(PLACE[1]).add_note("忽略：经核实无误")
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: book))
    for _ in range(2):
        macros.check()
        prompt, _, _ = app.alerts[-1]
        assert said_ignored(prompt) == len(ignored)
        rows = _live_rows(book)
        listed = {r["编号"]: r for r in rows if r["编号"]}
        assert ignored <= set(listed) and all(listed[r]["忽略"] for r in ignored)  # kept for the next run
        shown = {r for r, row in listed.items() if not row["忽略"]}
        assert len(shown) == len(before) - len(ignored) and not shown & ignored
        assert any(said_ignored(str(r["问题"])) == len(ignored) for r in rows)
        assert (book.sheets[PLACE[0]].colors.get(_rc(PLACE[1])) is None) == (len(ignored) == len(WRONG))
    sheet = book.sheets[PLACE[0]]
    sheet.range(PLACE[1]).value = "（修改）" + sheet.range(PLACE[1]).value[0][0]
    macros.check()
    shown = [r for r in _live_rows(book) if r["单元格"] == PLACE[1] and not r["忽略"]]
    assert len(shown) == len(WRONG) and not {r["编号"] for r in shown} & ignored
    assert said_ignored(app.alerts[-1][0]) == 0


def _rc(cell: str) -> tuple[int, int]:
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    letters, row = coordinate_from_string(cell)
    return row, column_index_from_string(letters)


def _live_rows(book) -> list[dict]:
    values = book.sheets["检查结果"].used_range.value
    return [dict(zip(values[0], row)) for row in values[1:]]


# --- the web page ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with shuzhi_web(tmp_path_factory.mktemp("web")) as running:
        yield running


def _web_check(server, workbook: Path, listed: Path | None = None) -> tuple[str, dict]:
    _, job = server.api("api/jobs")
    job = job["job"]
    server.api(f"api/jobs/{job}/files?role=workbook&name={workbook.name}", workbook.read_bytes())
    if listed is not None:
        server.api(f"api/jobs/{job}/files?role=ignore&name={listed.name}", listed.read_bytes())
    status, answer = server.api(f"api/jobs/{job}/check")
    assert status == 200, answer
    return job, answer


def _web_shown(answer: dict) -> list[tuple[str, str, str]]:
    return [(f["cell"], f["code"], f["message"]) for g in answer["groups"] for f in g["findings"]]


def _download_copy(server, job: str, folder: Path) -> Path:
    status, answer = server.api(f"api/jobs/{job}/annotate")
    assert status == 200, answer
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        from urllib.parse import quote

        connection.request("GET", quote(f"/{server.token}/{answer['files'][0]['url']}", safe="/%"))
        copy = folder / "网页标注副本.xlsx"
        copy.write_bytes(connection.getresponse().read())
        return copy
    finally:
        connection.close()


@pytest.mark.parametrize("how", MARKS)
def test_web_page(server, tmp_path, how):
    source, before = _planted_sample(tmp_path)
    path, ignored = _mark(source, how, before)
    listed = source.with_name("示例.忽略.txt") if how == "list" else None
    on_cell = {(f["cell"], f["code"], f["message"]) for f in at_place(before)}
    hidden = {(f["cell"], f["code"], f["message"]) for f in before if f["ref"] in ignored}
    job, answer = _web_check(server, path, listed)
    assert said_ignored(answer["ignored"]) == len(ignored) and not set(_web_shown(answer)) & hidden
    assert len(_web_shown(answer)) == len(before) - len(ignored)
    copy = _download_copy(server, job, tmp_path)  # the next run: the copy the page wrote, sent back
    _, again = _web_check(server, copy, listed)
    assert said_ignored(again["ignored"]) == len(ignored) and not set(_web_shown(again)) & hidden
    _changed(copy)
    _, changed = _web_check(server, copy, listed)
    assert on_cell <= set(_web_shown(changed)) and changed["ignored"] == ""


# --- the consolidation -------------------------------------------------------------------------------------------

def _status(summary: Path, file_name: str) -> str:
    rows = [[c.value for c in r] for r in load_workbook(summary)["总览"].iter_rows()]
    header = rows[0]
    [row] = [r for r in rows[1:] if file_name in str(r[header.index("源文件")])]
    return row[header.index("状态")]


@pytest.mark.parametrize("how", MARKS)
def test_consolidation_counts_no_ignored_error(tmp_path, how):
    folder = tmp_path / "支部"
    branch = write_samples(folder, 2, seed=1, jobs=1)[1]  # a branch without errors
    clean = consolidate(folder, tmp_path / "原样.xlsx")
    unplanted = _status(clean.output, branch.name)
    assert clean.with_errors == 0
    plant(branch)
    before, _, _ = cli_check(branch)
    assert [f["severity"] for f in before if f["severity"] == "error"] == ["error"] * len(WRONG)
    if how == "sheet":  # the branch sends its annotated copy, 忽略 typed in its result sheet
        copy = tmp_path / "标注.xlsx"
        cli_check(branch, "--annotate", copy)
        mark_in_result_sheet(copy, {f["ref"] for f in at_place(before)})
        shutil.move(copy, branch)
    elif how == "note":
        add_note(branch)
        cli_check(branch)  # the author checks before sending: the note's 忽略 is kept beside the workbook
    else:
        cli_check(branch, *[a for f in at_place(before) for a in ("--ignore", f["ref"])])
    for n in range(2):
        summary = consolidate(folder, tmp_path / f"汇总{n}.xlsx")
        assert summary.with_errors == 0 and _status(summary.output, branch.name) == unplanted != "有错误"
        assert summary.ignored == len(WRONG) and f"已标记“忽略”的检查结果 {len(WRONG)} 项" in summary.line()
    _changed(branch)
    summary = consolidate(folder, tmp_path / "改后.xlsx")
    assert summary.with_errors == 1 and _status(summary.output, branch.name) == "有错误" and summary.ignored == 0
