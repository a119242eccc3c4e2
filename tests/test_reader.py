"""The reader: the sample holds the whole seed, odd-but-valid input is tolerated, every value keeps its cell."""

from __future__ import annotations

import datetime as dt
import sys
import threading

import openpyxl
import pytest

from shuzhi_xl import schema
from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.model import Location, Metric, Point, Section
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx import reader
from shuzhi_xl.xlsx.reader import read_workbook, report_from_grids
from shuzhi_xl.xlsx.sniff import open_grids
from shuzhi_xl.xlsx.template import write_workbook

from checks_support import body_cell
from support import normalise, seed_paragraphs


def test_the_sample_holds_every_paragraph_of_the_seed(sample_xlsx):
    report = read_workbook(sample_xlsx)
    rebuilt = [normalise(p.text) for p in report_paragraphs(report) if p.role not in ("title", "author")]
    assert rebuilt == seed_paragraphs()


def test_the_sample_keeps_the_seeds_placeholder_marks(sample_xlsx):
    ws = openpyxl.load_workbook(sample_xlsx)[schema.BODY.name]
    body = next(c.value for c in ws[schema.BODY.column_letter("body")] if c.value and "计划总投资X亿元" in c.value)
    assert "X6%" in body


def test_reading_back_a_written_report_gives_the_same_model(sample_xlsx):
    assert read_workbook(sample_xlsx) == sample_report()


def test_every_value_knows_its_cell(sample_xlsx):
    report = read_workbook(sample_xlsx)
    assert report.info.where["year"] == Location(schema.INFO.name, schema.INFO.form_cell("year"))
    central = report.parts[0].sections[3]
    body = schema.BODY.name
    assert central.points[2].where["body"] == Location(body, body_cell(sample_xlsx, central.points[2].body, "body"))
    assert central.where["heading"] == Location(body, body_cell(sample_xlsx, central.heading, "heading"))
    assert central.where["name"] == Location(body, body_cell(sample_xlsx, "中心工作", "name"))
    problem = report.parts[1].sections[1]
    assert problem.where["lead"] == Location(body, body_cell(sample_xlsx, problem.lead, "body"))
    assert report.parts[2].where["heading"] == Location(body, body_cell(sample_xlsx, "下步工作打算", "heading"))


def _edit(path, edit):
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return read_workbook(path)


def test_whitespace_and_numbers_typed_as_text_are_tolerated(template_xlsx):
    def edit(wb):
        info = wb[schema.INFO.name]
        info[schema.INFO.form_cell("branch")] = "  机关第一党支部\u3000 "
        info[schema.INFO.form_cell("year")] = "２０２４年"
        ledger = wb[schema.LEDGER.name]
        row = schema.LEDGER.first_data_row
        ledger[f"A{row}"], ledger[f"B{row}"], ledger[f"D{row}"] = "2024年3月5日", " 党课 ", "12"
        metrics = wb[schema.METRICS.name]
        metrics[f"A{row}"], metrics[f"B{row}"] = "签约总投资", "1,234.5"

    report = _edit(template_xlsx, edit)
    assert report.info.branch == "机关第一党支部"
    assert report.info.year == 2024
    assert report.ledger[0].date == dt.date(2024, 3, 5)
    assert (report.ledger[0].kind, report.ledger[0].participants) == ("党课", 12)
    assert report.metrics == [Metric("签约总投资", 1234.5)]


def test_rows_are_read_in_their_order_and_empty_rows_skipped(template_xlsx):
    # The template's rows 4 to 6 are the three point rows under 政治学习 (row 3); the labels typed are stale.
    def edit(wb):
        ws = wb[schema.BODY.name]
        body, numbering = schema.BODY.column_letter("body"), schema.BODY.column_letter("numbering")
        assert ws[f"B3"].value == "政治学习" and [ws[f"A{r}"].value for r in (4, 5, 6)] == [schema.POINT] * 3
        for row, (label, text) in zip((4, 5, 6), [("三是", "第三条"), ("二是", None), ("一是", "第一条")]):
            ws[f"{numbering}{row}"], ws[f"{body}{row}"] = label, text

    report = _edit(template_xlsx, edit)
    points = report.parts[0].sections[0].points
    assert [p.body for p in points] == ["第三条", "第一条"]
    assert [p.text for p in report_paragraphs(report) if "条" in p.text] == ["一是第三条二是第一条"]


def test_grids_from_a_live_workbook_with_short_rows_and_none_for_empty_cells(sample_xlsx):
    # The Excel door hands over rows as long as their last value, with None where a cell is empty: a short row
    # is read with its missing cells empty, and rows holding nothing (None, or only spaces) are no records.
    grids = open_grids(sample_xlsx)
    ledger = grids[schema.LEDGER.name]
    before = len(read_workbook(sample_xlsx).ledger)
    row = len(ledger) + 1
    grids[schema.LEDGER.name] = [*ledger, [None] * 5, [" ", "\u3000", "\n", None, ""], [dt.date(2024, 5, 6), "党员大会"]]
    entries = report_from_grids(grids).ledger
    assert len(entries) == before + 1
    last = entries[-1]
    assert (last.date, last.kind, last.topic, last.participants, last.note) == (dt.date(2024, 5, 6), "党员大会", "",
                                                                                   None, "")
    assert last.where["note"] == Location(schema.LEDGER.name, f"{schema.LEDGER.column_letter('note')}{row + 2}")


def test_a_tables_text_is_cleaned_as_every_text_is(sample_xlsx):
    # A table's text is cleaned a column at a time: one column holding a character no file can hold (a vertical tab
    # is Word's line break, \x01 nothing) is cleaned in full, the others are stripped and keep their line breaks.
    grids = open_grids(sample_xlsx)
    before = len(read_workbook(sample_xlsx).ledger)
    grids[schema.LEDGER.name] = [*grids[schema.LEDGER.name], [dt.date(2024, 5, 6), " 党课\u3000", "学习\x0b党章\x01", 12, "甲\r\n乙\xa0"],
                                 [None, "\x01", "\x0c ", None, None]]
    grids[schema.METRICS.name] = [*grids[schema.METRICS.name], ["\t新指标 ", 3, " 个", "一\r\n二"]]
    report = report_from_grids(grids)
    assert len(report.ledger) == before + 1  # a row of nothing but such characters is empty
    last = report.ledger[-1]
    assert (last.kind, last.topic, last.participants, last.note) == ("党课", "学习\n党章", 12, "甲\n乙")
    assert report.metrics[-1] == Metric("新指标", 3.0, "个", "一\n二")


def test_a_part_label_typed_in_financial_numerals_makes_a_part(sample_xlsx):
    # 编号 贰、 on a row without 层级: a part (numbered 一、 like every part), not an unknown label.
    grids = open_grids(sample_xlsx)
    row = {"numbering": "贰、", "heading": "新的部分"}
    grids[schema.BODY.name] = [*grids[schema.BODY.name], [row.get(f.key, "") for f in schema.BODY.columns]]
    report = report_from_grids(grids)
    assert (report.parts[-1].heading, report.parts[-1].numbering, report.ignored) == ("新的部分", "", [])


def _ledger_rows(count: int, order: tuple[int, ...] = (0, 1, 2, 3, 4)) -> list[list[object]]:
    """Return a ledger grid with *count* filled rows, its columns (date, kind, topic, participants, note) in *order*."""
    header = [f.label for f in schema.LEDGER.columns]
    rows = [header] + [[dt.date(2024, 1, 1), "党课", f"第{n}次", n, f"备注{n}"] for n in range(1, count + 1)]
    return [[row[i] for i in order] for row in rows]


@pytest.mark.parametrize("count", [3, 600])  # within the rows a process keeps the cells of, and past them
def test_each_ledger_row_knows_its_cells_in_any_column_order(sample_xlsx, count):
    grids = open_grids(sample_xlsx)
    for order, letters in [((4, 3, 2, 1, 0), "EDCBA"), ((0, 1, 2, 3, 4), "ABCDE"), ((2, 0, 1, 4, 3), "BCAED")]:
        grids[schema.LEDGER.name] = _ledger_rows(count, order)
        ledger = report_from_grids(grids).ledger
        last = ledger[-1]
        assert (len(ledger), last.topic, last.participants, last.note) == (count, f"第{count}次", count, f"备注{count}")
        cells = {key: f"{letter}{count + 1}" for key, letter in zip(("date", "kind", "topic", "participants", "note"),
                                                                     letters)}
        assert {key: last.where[key] for key in cells} == {key: Location(schema.LEDGER.name, cell)
                                                           for key, cell in cells.items()}
        with pytest.raises(TypeError):  # shared between the workbooks a process reads: nobody may change them
            last.where["topic"] = Location()


def test_in_a_fresh_process_each_row_is_where_it_is(sample_xlsx):
    # A process keeps the rows' locations it has made (reader._rows_where), the headers and forms it has read
    # (SheetReader._table, form_values): a fresh one (as every test: conftest.fresh_reader) has none, so the first
    # read makes them, the next reuse them or make more.
    grids = open_grids(sample_xlsx)
    for count in (3, 3, 4, 2):
        grids[schema.LEDGER.name] = _ledger_rows(count)
        last = report_from_grids(grids).ledger[-1]
        assert (last.topic, last.where["topic"]) == (f"第{count}次", Location(schema.LEDGER.name, f"C{count + 1}"))


def test_a_header_read_before_is_still_checked_and_a_moved_one_followed(sample_xlsx):
    # SheetReader._table keeps what each header row a process met says: a header differing in any label is read
    # afresh (checked, its columns found), whatever was read before.
    grids = open_grids(sample_xlsx)
    header = [f.label for f in schema.METRICS.columns]
    first = ["党员人数", 9.0, "人", "在册"]
    metrics = grids[schema.METRICS.name] = [header, first]
    assert report_from_grids(grids).metrics == [Metric("党员人数", 9.0, "人", "在册")]
    for changed, cell in (([header[0], header[1], header[2], "说明文字"], "D1"),
                          ([header[0], header[1], header[2], header[3], header[1]], "E1")):
        grids[schema.METRICS.name] = [changed] + metrics[1:]
        with pytest.raises(WorkbookError) as info:
            report_from_grids(grids)
        assert (info.value.sheet, info.value.cell) == (schema.METRICS.name, cell)
    grids[schema.METRICS.name] = [[header[3], header[2], header[1], header[0]]] + [row[::-1] for row in metrics[1:]]
    moved = report_from_grids(grids).metrics[0]
    assert (moved.name, moved.unit, moved.where["name"].cell, moved.where["note"].cell) == (first[0], first[2],
                                                                                           "D2", "A2")


def test_a_form_read_before_is_still_checked_and_moved_rows_followed(sample_xlsx):
    # form_values keeps where each label of a column A it met stands: another column A is read afresh.
    grids = open_grids(sample_xlsx)
    form = grids[schema.INFO.name]
    branch_row = schema.INFO.form_row("branch")
    assert report_from_grids(grids).info.branch == form[branch_row - 1][1]
    committee_row = schema.INFO.form_row("committee")  # two labels swapped, the values left: read by the labels
    swapped = [list(row) for row in form]
    swapped[branch_row - 1][0], swapped[committee_row - 1][0] = form[committee_row - 1][0], form[branch_row - 1][0]
    grids[schema.INFO.name] = swapped
    info = report_from_grids(grids).info
    assert (info.branch, info.committee) == (form[committee_row - 1][1], form[branch_row - 1][1])
    grids[schema.INFO.name] = form[:1] + [[], ["我加的一行", "无关"]] + form[1:]  # an empty row: a live workbook's
    info = report_from_grids(grids).info
    assert (info.branch, info.where["branch"]) == (form[branch_row - 1][1],
                                                   Location(schema.INFO.name, f"B{branch_row + 2}"))
    grids[schema.INFO.name] = form + [[form[branch_row - 1][0], "另一个支部"]]
    with pytest.raises(WorkbookError) as info:
        report_from_grids(grids)
    assert (info.value.sheet, info.value.cell) == (schema.INFO.name, f"A{len(form) + 1}")


@pytest.mark.parametrize("sheet", [schema.BODY, schema.LEDGER, schema.METRICS], ids=lambda s: s.key)
def test_a_table_sheet_without_any_row_names_its_empty_header(sample_xlsx, sheet):
    grids = open_grids(sample_xlsx)
    grids[sheet.name] = []
    with pytest.raises(WorkbookError) as info:
        report_from_grids(grids)
    assert (info.value.sheet, info.value.cell) == (sheet.name, "A1")
    assert f"表头应为“{sheet.columns[0].label}”，现在是空的" in str(info.value)


def test_a_process_keeps_no_long_labels_of_the_files_it_read(sample_xlsx):
    # What a header row or column A says is kept per process only when its labels are short (a template's are):
    # a file of long ones is read the same and leaves nothing behind.
    grids = open_grids(sample_xlsx)
    expected = report_from_grids(grids)
    assert len(reader._tables) == 3 and len(reader._forms) == 1
    long = "长" * reader._KEPT_LABEL_CHARS
    reader.forget()
    grids[schema.INFO.name] = grids[schema.INFO.name] + [[long, "x"]]
    grids[schema.LEDGER.name] = [grids[schema.LEDGER.name][0] + [long]] + grids[schema.LEDGER.name][1:]
    assert report_from_grids(grids) == expected
    assert len(reader._tables) == 2 and not reader._forms


def test_a_process_keeps_a_forms_labels_not_its_empty_rows(sample_xlsx):
    # Column A's empty rows say nothing of where the labels are: the same form after 20,000 empty rows, or a few,
    # is kept once, by its filled cells only.
    grids = open_grids(sample_xlsx)
    expected, info = report_from_grids(grids), grids[schema.INFO.name]
    for empty in ([[]] * 3, [[None, None]] * 5, [[""]] * 20_000):
        assert report_from_grids({**grids, schema.INFO.name: info + empty + [[None, "x"]]}) == expected
    ((sheet, labels),) = reader._forms
    assert sheet == schema.INFO.name and labels == tuple((r, row[0]) for r, row in enumerate(info, start=1) if row[0])


def test_a_memo_keeps_at_most_its_layouts_and_lets_the_least_recently_used_go():
    memo = reader._Memo(largest=10)
    try:
        for n in range(reader._KEPT_LAYOUTS):
            memo.keep(("layout", n), n, 10)  # as large as it may be
        memo.keep(("layout", 0), "again", 1)  # a kept layout is replaced, the others stay
        assert len(memo) == reader._KEPT_LAYOUTS and memo.recall(("layout", 0)) == "again"
        memo.keep(("too large",), "x", 11)
        assert ("too large",) not in memo and len(memo) == reader._KEPT_LAYOUTS
        assert memo.recall(("layout", 1)) == 1 and memo.recall(("unknown",), "none") == "none"
        memo.keep(("new",), "y", 0)  # full: layout 2 goes (0 and 1 were just used)
        assert set(memo) == {*(("layout", n) for n in range(reader._KEPT_LAYOUTS) if n != 2), ("new",)}
        assert [memo.recall(("layout", n)) for n in (3, 2)] == [3, None]
        reader.forget()
        assert not memo and memo.recall(("new",)) is None
    finally:
        reader._memos.remove(memo)


def test_a_process_reading_many_layouts_between_the_templates_files_keeps_the_templates(sample_xlsx, monkeypatch):
    # A folder where three times as many layouts as a memo keeps come between files of the template: the
    # template's form is worked out once, each other layout's once (a memo emptied when full redid the template's),
    # and each table (the same in all of them) once.
    grids, info = open_grids(sample_xlsx), open_grids(sample_xlsx)[schema.INFO.name]
    forms, tables = [], []
    places, columns = reader.SheetReader._places, reader.SheetReader._columns
    monkeypatch.setattr(reader.SheetReader, "_places",
                        lambda self, sheet, grid: forms.append(len(grid)) or places(self, sheet, grid))
    monkeypatch.setattr(reader.SheetReader, "_columns",
                        lambda self, sheet, labels: tables.append(sheet.name) or columns(self, sheet, labels))
    expected = report_from_grids(grids)
    for n in range(3 * reader._KEPT_LAYOUTS):
        report_from_grids({**grids, schema.INFO.name: info + [[f"备注{n}", "x"]]})
        assert report_from_grids(grids) == expected
    assert forms == [len(info)] + [len(info) + 1] * 3 * reader._KEPT_LAYOUTS
    assert tables and len(set(tables)) == len(tables)


def test_threads_reading_many_layouts_at_once_read_each_as_a_fresh_process_does(sample_xlsx):
    # The web server reads workbooks in threads: four of them each read the template and 48 other layouts, threads
    # switched as often as Python can. Without the memo's lock its least-recent search met a dict changing size
    # (RuntimeError) or a key another thread had just let go (KeyError): this test failed 4 runs of 4.
    grids = open_grids(sample_xlsx)
    info = grids[schema.INFO.name]
    layouts = [grids] + [{**grids, schema.INFO.name: info + [[f"备注{n}", "x"]]} for n in range(48)]
    expected = []
    for layout in layouts:
        reader.forget()
        expected.append(report_from_grids(layout))
    failures = []

    def read(step: int) -> None:
        try:
            for n in range(8 * len(layouts)):
                k = n * step % len(layouts)
                assert report_from_grids(layouts[k]) == expected[k] and report_from_grids(grids) == expected[0]
        except Exception as exc:  # noqa: BLE001 - any failure in a thread is the test's
            failures.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=read, args=(step,)) for step in (1, 5, 11, 13)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == [] and all(len(memo) <= reader._KEPT_LAYOUTS for memo in reader._memos)


def test_a_process_that_met_odd_layouts_first_still_keeps_the_templates(sample_xlsx):
    # A worker whose first files all had a column moved or a row added to 基本信息 must still keep what the
    # template's layout works out (~0.3 ms a file): a memo full of first comers would never take it in.
    grids = {**open_grids(sample_xlsx), schema.LEDGER.name: _ledger_rows(3)}
    info = grids[schema.INFO.name]
    memos = ("_row_cells", "_tables", "_forms")
    expected = report_from_grids(grids)
    templates = {name: set(getattr(reader, name)) for name in memos}
    reader.forget()
    for n in range(reader._KEPT_LAYOUTS):
        report_from_grids({**grids, schema.INFO.name: info + [[f"备注{n}", "x"]],
                           schema.LEDGER.name: _ledger_rows(3, (*range(n % 5, 5), *range(n % 5)))})
    assert report_from_grids(grids) == expected
    for name in memos:
        assert templates[name] <= getattr(reader, name).keys() and len(getattr(reader, name)) <= reader._KEPT_LAYOUTS


def _read_with_cells(grids) -> tuple:
    """Return what *grids* read to: the report with every record's cells and the values set aside (which its
    equality leaves out), or the refusal."""
    try:
        report = report_from_grids(grids, "甲.xlsx")
    except WorkbookError as refused:
        return "refused", str(refused)
    records = [report.info, *report.parts, *(s for p in report.parts for s in p.sections),
               *(point for part in report.parts for s in part.sections for point in s.points), *report.ledger,
               *report.metrics]
    return report, [dict(r.where) for r in records], report.ignored


def test_a_workbook_reads_the_same_whatever_the_process_read_before(sample_xlsx, template_xlsx):
    # A worker reads thousands of files and keeps what their headers and column A say (reader._tables, _forms,
    # _row_cells): whatever it met before, each file must read as it does in a fresh process.
    sample, template = open_grids(sample_xlsx), open_grids(template_xlsx)
    info, metrics, ledger = sample[schema.INFO.name], sample[schema.METRICS.name], _ledger_rows(3)

    def edited(sheet: schema.Sheet, rows: list) -> dict:
        return {**sample, sheet.name: rows}

    branch, committee = schema.INFO.form_row("branch") - 1, schema.INFO.form_row("committee") - 1
    swapped = [list(row) for row in info]
    swapped[branch][0], swapped[committee][0] = info[committee][0], info[branch][0]
    long = "长" * (reader._KEPT_LABEL_CHARS + 1)
    variants = [
        sample, template, edited(schema.LEDGER, ledger),
        edited(schema.LEDGER, [row[::-1] for row in ledger]),  # columns in another order
        edited(schema.LEDGER, [list(ledger[0]) + [long]] + ledger[1:]),  # a long header kept by no process
        edited(schema.LEDGER, _ledger_rows(600, (4, 3, 2, 1, 0))),  # past the rows a process keeps the cells of
        edited(schema.METRICS, [["名称"] + list(metrics[0][1:])] + metrics[1:]),  # a header renamed: refused
        edited(schema.INFO, swapped),  # two labels swapped, the values left
        edited(schema.INFO, [info[0], ["我加的一行", "无关"], *info[1:]]),  # the form moved down a row
        edited(schema.INFO, [*info, [info[branch][0], "另一个支部"]]),  # a label twice: refused
        edited(schema.INFO, [*info, [long, "x"]]),
    ]
    fresh = []
    for grids in variants:
        reader.forget()  # as conftest.fresh_reader does before each test
        fresh.append(_read_with_cells(grids))
    assert sum(read[0] == "refused" for read in fresh) == 2
    for order in (list(range(len(variants))), [n for n in reversed(range(len(variants))) for _ in (1, 2)]):
        for n in order:
            assert _read_with_cells(variants[n]) == fresh[n], n


def test_a_row_with_only_a_date_a_count_or_a_figure_is_a_record(sample_xlsx):
    grids = open_grids(sample_xlsx)
    header = [f.label for f in schema.LEDGER.columns]
    grids[schema.LEDGER.name] = [header, [dt.date(2024, 5, 6), "", " ", None, ""], ["", "", "", "", ""],
                                 [None, "", "", 12, None]]
    grids[schema.METRICS.name] = [[f.label for f in schema.METRICS.columns], ["", 0, "", ""], ["", "", "", ""]]
    report = report_from_grids(grids)
    assert [(e.date, e.participants, e.where["date"].cell) for e in report.ledger] == [(dt.date(2024, 5, 6), None, "A2"),
                                                                                      (None, 12, "A4")]
    assert [(m.value, m.where["value"].cell) for m in report.metrics] == [(0.0, "B2")]


def test_extra_columns_and_merged_cells_are_tolerated(template_xlsx):
    def edit(wb):
        ws = wb[schema.BODY.name]
        ws.protection.sheet = False
        ws["J1"], ws["J2"] = "我的备注", "不属于报告"
        row = next(c.row for c in ws["D"] if c.value == "存在的问题") + 1  # the first empty problem row
        ws[f"D{row}"], ws[f"E{row}"] = "思想认识不够", "具体表现。"
        ws.merge_cells(f"E{row}:F{row}")

    sections = _edit(template_xlsx, edit).parts[1].sections
    assert [(s.heading, s.lead) for s in sections] == [("思想认识不够", "具体表现。")]


def test_a_renamed_sheet_is_an_error_naming_it_not_an_empty_sheet(template_xlsx):
    def edit(wb):
        wb[schema.LEDGER.name].title = "台帐"

    with pytest.raises(WorkbookError) as info:
        _edit(template_xlsx, edit)
    message = str(info.value)
    assert template_xlsx.name in message and f"缺少工作表“{schema.LEDGER.name}”" in message
    assert "名称不能修改" in message


def test_inserted_form_rows_do_not_shift_values(template_xlsx):
    def edit(wb):
        ws = wb[schema.INFO.name]
        ws.insert_rows(3)
        ws["A3"] = "我加的一行"
        ws[f"B{schema.INFO.form_row('secretary') + 1}"] = "张三"

    assert _edit(template_xlsx, edit).info.secretary == "张三"


def test_extra_sections_and_parts_land_where_the_sheet_says(tmp_path):
    report = sample_report()
    report.parts[0].sections.append(Section("加强作风建设", "全年开展作风建设专项行动。"))
    from shuzhi_xl.model import Part

    report.parts.insert(2, Part("原因分析", [Section("主观原因", "学习不够深入。"), Section("", "另一段。")]))
    report.parts.append(Part("履行全面从严治党责任情况", [Section("", "认真履行责任。")]))
    back = read_workbook(write_workbook(tmp_path / "extras.xlsx", report))
    assert back == report
    assert [p.heading for p in back.parts] == ["主要工作情况", "存在的问题", "原因分析", "下步工作打算",
                                               "履行全面从严治党责任情况"]


@pytest.mark.parametrize("layout", schema.LAYOUTS)
def test_layouts_and_points_survive_the_workbook(tmp_path, layout):
    report = sample_report()
    report.info.layout = layout
    report.parts[0].sections[0].points.append(Point("新增引语", "新增正文。"))
    assert read_workbook(write_workbook(tmp_path / "l.xlsx", report)) == report


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    report = sample_report()
    texts = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)"]
    report.parts[0].sections[0].points = [Point("", text) for text in texts]
    path = write_workbook(tmp_path / "f.xlsx", report)
    ws = openpyxl.load_workbook(path)[schema.BODY.name]
    cells = [ws[body_cell(path, text, "body")] for text in texts]
    assert [(c.value, c.data_type) for c in cells] == [(t, "s") for t in texts]
    assert read_workbook(path) == report
