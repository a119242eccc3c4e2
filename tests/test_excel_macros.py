"""The ribbon entry points against a fake workbook at the xlwings boundary, and the fake against xlwings."""

from __future__ import annotations

import inspect
from pathlib import Path
from types import SimpleNamespace

import pytest
import xlwings

from excel_fake import REAL, App, Book, open_in_excel
from shuzhi_xl import schema
from shuzhi_xl.checks import check_report
from shuzhi_xl.checks.plan import FILLS, MARKER, RESULT_SHEET, annotation_plan
from shuzhi_xl.excel import live, macros
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    return write_workbook(tmp_path_factory.mktemp("wb") / "支部.xlsx", sample_report())


@pytest.fixture
def excel(sample_file, monkeypatch):
    """Return (app, book): the sample workbook open and active in a fake Excel, called from the ribbon."""
    app, book = open_in_excel(sample_file)
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: book))
    return app, book


def called_from(app: App, monkeypatch) -> None:
    """Make the ribbon's caller the add-in running in *app*: ThisWorkbook of xlwings' VBA, which is not among
    Excel's Workbooks; the entry points use only its app."""
    addin = SimpleNamespace(app=app, name="shuzhi_xl.xlam")
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: addin))


def test_no_open_workbook_gets_a_kind_message_not_an_internal_error(monkeypatch):
    app = App()
    called_from(app, monkeypatch)
    assert app.books.active.api is None  # what xlwings returns for ActiveWorkbook = Nothing
    macros.check()
    (prompt, _, mode), = app.alerts
    assert prompt == macros.NO_WORKBOOK and mode == "critical" and app.status_bar is False


def test_only_a_hidden_workbook_open_counts_as_no_workbook(monkeypatch, sample_file):
    # PERSONAL.XLSB is in Excel's Workbooks but hidden, so ActiveWorkbook is Nothing.
    app = App()
    Book(app, "PERSONAL.XLSB", "PERSONAL.XLSB", {"Sheet1": [[1]]}, hidden=True)
    called_from(app, monkeypatch)
    assert len(app.books) == 1
    macros.report()
    assert [prompt for prompt, _, _ in app.alerts] == [macros.NO_WORKBOOK]


def test_live_read_equals_the_file_reader(excel, sample_file):
    app, book = excel
    assert macros.read_report(app, book) == read_workbook(sample_file)


def test_grid_pads_a_used_range_that_does_not_start_at_a1():
    assert live.grid([[1.0, "x"], [None, 2.5]], 2, 3) == [[], [None, None, 1, "x"], [None, None, None, 2.5]]
    assert live.grid("only", 1, 2) == [[None, "only"]]


def test_check_writes_results_marks_cells_and_resets_the_status_bar(excel, sample_file):
    app, book = excel
    book.sheets[schema.INFO.name].range("A1").color = (1, 2, 3)  # the user's own formatting
    macros.check()
    findings = check_report(read_workbook(sample_file))
    result = book.sheets[0]
    assert result.name == RESULT_SHEET and result.active
    table = result.used_range.value
    assert len(table) == len(findings) + 1
    links = {r: f for (r, c), f in result.formulas.items()}
    assert len(links) == len([f for f in findings if f.sheet])
    for r, formula in links.items():
        sheet, cell = table[r - 1][3:5]
        assert formula.startswith(f"=HYPERLINK(\"#'{sheet}'!{cell or 'A1'}\"")
    marked = [(s.name, k) for s in book.sheets for k, text in s.notes.items() if text.startswith(MARKER)]
    assert marked and all(book.sheets[name].colors[key] in {live.rgb(f) for f in FILLS.values()}
                          for name, key in marked)
    prompt, _, _ = app.alerts[-1]
    assert f"错误 {sum(f.severity == 'error' for f in findings)} 处" in prompt
    assert app.status_bar is False

    # A second run replaces the first: one result sheet, the user's fill kept, no doubled marks.
    macros.check()
    assert [s.name for s in book.sheets].count(RESULT_SHEET) == 1
    assert book.sheets[schema.INFO.name].colors[(1, 1)] == (1, 2, 3)
    assert all(text.count(MARKER) == 1 for s in book.sheets for text in s.notes.values())


def test_removing_marks_restores_fills_and_keeps_the_users_own_notes(excel):
    app, book = excel
    sheet = book.sheets[schema.INFO.name]
    sheet.colors[(1, 2)] = (9, 9, 9)
    macros.check()
    (name, key), = [(s.name, k) for s in book.sheets if s.name != RESULT_SHEET for k in list(s.notes)][:1]
    sheet = book.sheets[name]
    sheet.notes[key] = "我的批注\n\n" + sheet.notes[key]
    macros._remove_marks(book, RESULT_SHEET)
    assert RESULT_SHEET not in [s.name for s in book.sheets]
    assert sheet.notes[key] == "我的批注"
    assert all(MARKER not in text for s in book.sheets for text in s.notes.values())
    assert all(c not in {live.rgb(f) for f in FILLS.values()} for s in book.sheets for c in s.colors.values())


def test_a_marked_cells_own_fill_survives_repeated_checks(excel, sample_file):
    app, book = excel
    mark = annotation_plan(check_report(read_workbook(sample_file))).marks[0]
    sheet, key = book.sheets[mark.sheet], live_cell(mark.cell)
    sheet.colors[key] = (9, 9, 9)  # the user's own fill on a cell the check paints
    macros.check()
    assert sheet.colors[key] == live.rgb(mark.fill)
    macros.check()  # the second run must remember the user's fill, not the first run's paint
    assert sheet.colors[key] == live.rgb(mark.fill)
    macros._remove_marks(book, RESULT_SHEET)
    assert sheet.colors[key] == (9, 9, 9)


def test_a_workbook_that_is_not_a_report_gets_a_kind_message(excel):
    app, book = excel
    book.sheets[schema.INFO.name].delete()
    macros.check()
    prompt, _, mode = app.alerts[-1]
    assert "不是述职报告填报工作簿" in prompt and schema.INFO.name in prompt and mode == "critical"


def test_an_unexpected_failure_shows_the_log_path_not_a_traceback(excel, monkeypatch, tmp_path):
    app, book = excel
    from shuzhi_xl import crashlog

    log = tmp_path / "shuzhi_xl.log"
    monkeypatch.setattr(macros, "read_report", lambda *a: 1 / 0)
    monkeypatch.setattr(crashlog, "log_path", lambda: log)
    macros.check()
    prompt, _, _ = app.alerts[-1]
    assert str(log) in prompt and "Traceback" not in prompt and app.status_bar is False
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")


@pytest.mark.parametrize("answer", ["no", "yes"])
def test_report_asks_before_writing_when_there_are_errors(excel, monkeypatch, tmp_path, answer):
    app, book = excel
    app.answers = [answer]
    written, opened = [], []
    import shuzhi_xl.report as report_module

    monkeypatch.setattr(report_module, "write_report", lambda r, out: written.append(out) or out, raising=False)
    monkeypatch.setattr(live, "open_file", opened.append)
    report = read_workbook(book.fullname)
    assert [f for f in check_report(report) if f.severity == "error"]  # the sample's X marks: the question comes
    macros.report()
    assert app.alerts[0][1] == "yes_no"
    if answer == "yes":  # beside the workbook, named after the title as on the command line
        expected = Path(book.fullname).parent / f"{report.info.display_title}.docx"
        assert written == [expected] and opened == written
    else:
        assert written == [] and opened == []


def test_clear_inputs_asks_then_empties_values_and_keeps_labels(excel):
    app, book = excel
    app.answers = ["yes"]
    macros.clear_inputs()
    info = book.sheets[schema.INFO.name]
    row, col = live_cell(schema.INFO.form_cell("branch"))
    assert (row, col) not in info.values
    assert info.values[(row, 1)].startswith(schema.INFO.field("branch").label)
    # 报告正文 keeps its outline (levels, 栏目, 编号, part titles) and loses the year's text.
    body = book.sheets[schema.BODY.name]
    column = {f.key: i for i, f in enumerate(schema.BODY.columns, start=1)}
    rows = range(schema.BODY.first_data_row, 60)
    levels = [body.values.get((r, column["level"])) for r in rows]
    assert levels.count(schema.PART) == 3 and levels.count(schema.POINT) > 10
    assert [body.values.get((r, column["heading"])) for r, level in zip(rows, levels) if level == schema.PART] == \
        ["主要工作情况", "存在的问题", "下步工作打算"]
    assert "政治学习" in [body.values.get((r, column["name"])) for r in rows]
    assert not [r for r, level in zip(rows, levels) if level != schema.PART and (
        body.values.get((r, column["heading"])) or body.values.get((r, column["body"])))]


def test_clear_inputs_does_nothing_when_not_confirmed(excel):
    app, book = excel
    before = dict(book.sheets[schema.INFO.name].values)
    app.answers = ["no"]
    macros.clear_inputs()
    assert book.sheets[schema.INFO.name].values == before


def live_cell(ref: str) -> tuple[int, int]:
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    letter, row = coordinate_from_string(ref)
    return row, column_index_from_string(letter)


def test_about_names_the_version_and_the_log(excel):
    app, _ = excel
    macros.about()
    from shuzhi_xl import __version__
    from shuzhi_xl.crashlog import log_path

    assert __version__ in app.alerts[-1][0] and str(log_path()) in app.alerts[-1][0]


def _public(cls) -> dict[str, object]:
    return {n: v for n, v in vars(cls).items() if not n.startswith("_")}


@pytest.mark.parametrize("fake_name", sorted(REAL))
def test_the_fake_only_uses_what_real_xlwings_offers(fake_name):
    import excel_fake

    fake, real = getattr(excel_fake, fake_name), getattr(xlwings.main, REAL[fake_name])
    for dunder in ("__len__", "__iter__", "__getitem__"):
        if dunder in vars(fake):
            assert hasattr(real, dunder), f"xlwings.{REAL[fake_name]} has no {dunder}"
    for name, member in _public(fake).items():
        assert hasattr(real, name), f"xlwings.{REAL[fake_name]} has no {name}"
        real_member = inspect.getattr_static(real, name)
        if isinstance(member, property):
            assert isinstance(real_member, property), name
            assert (member.fset is None) or real_member.fset is not None, f"{name} is read-only in xlwings"
        elif callable(member):
            fake_params = list(inspect.signature(member).parameters)
            real_params = inspect.signature(getattr(real, name)).parameters
            for param in fake_params[1:]:
                if param not in ("kwargs", "options"):
                    assert param in real_params, f"{REAL[fake_name]}.{name} has no parameter {param}"


def test_instance_attributes_of_the_fake_exist_on_xlwings():
    # Attributes the fakes set in __init__ and macros.py reads (not test bookkeeping).
    for cls, names in {"App": ["books", "status_bar", "screen_updating"], "Book": ["name", "fullname", "sheets", "app"],
                       "Books": ["active"], "Range": ["row", "column"], "Sheet": ["name", "book"]}.items():
        for name in names:
            assert hasattr(getattr(xlwings.main, cls), name), f"{cls}.{name}"
