"""The ribbon's Python entry points: the only module that imports xlwings.

Each button's VBA calls one function here with a fixed command string. A function reads the live workbook
(one bulk read per sheet), runs the same core functions as the command line and shows the outcome. Any
failure ends in a Chinese message box naming what to do and the log file, never in a traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import xlwings as xw

from .. import __version__, schema
from ..checks.rules import rules_file, rules_for, rules_line
from ..errors import ShuzhiError
from ..xlsx import legacy
from . import live

if TYPE_CHECKING:
    from ..checks.workbook import Checked
    from ..model import Report

TITLE = "述职报告"
NO_WORKBOOK = ("没有打开的工作簿。请先打开用模板填写的述职报告工作簿，再点击按钮；"
               "新建请用“述职报告模板.xlsm”或 shuzhi template。")
OLD_WORKBOOK = ("这是旧版工作簿（结构版本 1）。检查和生成报告照常可用；清空前请先在命令行运行 "
                "shuzhi upgrade 本工作簿.xlsx 转成新版，再打开新版工作簿清空。")
NOT_A_REPORT = ("当前工作簿不是述职报告填报工作簿（缺少“{sheet}”等工作表）。"
                "请先打开用模板填写的工作簿，再点击按钮；新建请用“述职报告模板.xlsm”或 shuzhi template。")


def _entry(job: Callable[[xw.App], None]) -> Callable[[], None]:
    """Return *job* wrapped as a ribbon entry point: finds Excel, resets the status bar, shows any failure."""

    @functools.wraps(job)
    def run() -> None:
        try:
            app = xw.Book.caller().app
        except Exception:  # not started from Excel: xlwings shows stderr, so say it in Chinese there
            print("请在 Excel 中点击“述职报告”选项卡上的按钮运行。", file=sys.stderr)
            raise SystemExit(1) from None
        try:
            job(app)
        except ShuzhiError as exc:
            app.alert(str(exc), title=TITLE, mode="critical")
        except Exception:
            from ..crashlog import log_exception  # only on failure: keeps the click path light

            app.alert(f"程序内部错误，操作未完成。请把日志文件发给技术支持人员：\n{log_exception()}",
                      title=TITLE, mode="critical")
        finally:
            app.status_bar = False

    return run


def active_book(app: xw.App) -> xw.Book:
    """Return the workbook the user is working on (never the add-in), or raise when there is none or it is
    not a report."""
    # With no workbook open xlwings still returns a Book: on Windows it wraps ActiveWorkbook = Nothing (api is
    # None and any use raises AttributeError), which is also the case when only hidden workbooks such as
    # PERSONAL.XLSB are open; on macOS asking for it fails, so the count comes first.
    if len(app.books) == 0 or (book := app.books.active).api is None:
        raise ShuzhiError(NO_WORKBOOK)
    missing = live.missing_report_sheet([s.name for s in book.sheets])
    if missing is not None:
        raise ShuzhiError(NOT_A_REPORT.format(sheet=missing))
    return book


def read_report(app: xw.App, book: xw.Book) -> Report:
    """Return the Report held in the live *book*: one bulk read per data sheet, then the file reader's rules."""
    from ..xlsx.reader import report_from_grids

    names = live.data_sheets([s.name for s in book.sheets])
    grids = {}
    for n, name in enumerate(names, start=1):
        app.status_bar = f"正在读取“{name}”（{n}/{len(names)}）……"
        used = book.sheets[name].used_range
        last = used.last_cell
        live.check_extent(name, last.row, last.column, book.fullname)  # before a block of any size is moved
        grids[name] = live.grid(used.options(ndim=2).value, used.row, used.column)
    return report_from_grids(grids, source=book.fullname)


def run_checks(app: xw.App, book: xw.Book) -> Checked:
    """Return the report in *book* checked under the rules file in its folder, without the findings marked 忽略
    (result sheet, notes, the list kept beside a saved workbook); the findings shown in the book (result sheet,
    highlights, comments)."""
    from ..checks.ignore import Marks
    from ..checks.plan import RESULT_SHEET, annotation_plan
    from ..checks.workbook import checked

    folder = live.workbook_folder(book.fullname)
    rules, rules_file = rules_for(folder)  # a bad file stops before reading
    report = read_report(app, book)
    app.status_bar = f"正在检查（{rules_file.name if rules_file else '内置默认规则'}）……"
    names = [s.name for s in book.sheets]
    rows = book.sheets[RESULT_SHEET].used_range.options(ndim=2).value if RESULT_SHEET in names else None
    result = checked(report, rules, Marks(rows, _Notes(book, set(names))),
                     Path(book.fullname) if folder is not None else None)._replace(rules_file=rules_file)
    plan = annotation_plan(result.findings, set(live.data_sheets(names)), result.ignored, result.covered)
    app.status_bar = "正在标注……"
    with app.properties(screen_updating=False):
        _remove_marks(book, plan.sheet)
        fills = _mark(book, plan)
        _write_results(book, plan, fills)
    return result


class _Notes:
    """The notes of *book*'s cells, read from Excel one cell at a time when asked (a call into Excel each)."""

    def __init__(self, book: xw.Book, sheets: set[str]):
        self.book, self.sheets = book, sheets

    def get(self, place: tuple[str, str]) -> str | None:
        from ..checks.finding import A1

        sheet, cell = place
        if sheet not in self.sheets or not A1.match(cell):
            return None
        note = self.book.sheets[sheet].range(cell).note
        return None if note is None else note.text


def _remove_marks(book: xw.Book, result_sheet: str) -> None:
    """Undo an earlier run: restore fills we painted (if the user kept them), drop our comment text and the
    result sheet."""
    from ..checks.plan import FILLS, MARKER

    names = {s.name for s in book.sheets}  # each name is a call into Excel: asked once, not once per mark
    if result_sheet not in names:
        return
    sheet = book.sheets[result_sheet]
    marks = live.previous_marks(sheet.used_range.options(ndim=2).value)
    ours = {live.rgb(f) for f in FILLS.values()}
    for (name, cell), fill in marks.items():
        if name not in names:
            continue
        rng = book.sheets[name].range(cell)
        if fill != live.UNPAINTED and rng.color in ours:
            rng.color = live.rgb(fill)
        note = rng.note
        if note is not None and MARKER in note.text:
            own = note.text.split(MARKER)[0].rstrip()
            if own:
                note.text = own
            else:
                note.delete()
    sheet.delete()


def _mark(book: xw.Book, plan) -> dict[tuple[str, str], str]:
    """Highlight and comment every marked cell; return the fill each cell had before (the user's own, since
    _remove_marks has put back what an earlier run painted over)."""
    fills = {}
    for mark in plan.marks:
        rng = book.sheets[mark.sheet].range(mark.cell)
        if mark.fill:
            fills[(mark.sheet, mark.cell)] = live.hex_fill(rng.color)
            rng.color = live.rgb(mark.fill)
        else:  # every finding of the cell is ignored: the note only names what its 忽略 covers
            fills[(mark.sheet, mark.cell)] = live.UNPAINTED
        note = rng.note
        if note is not None:
            note.text = f"{note.text}\n\n{mark.comment}"
        else:
            rng.add_note(mark.comment)
    return fills


def _write_results(book: xw.Book, plan, fills: dict[tuple[str, str], str]) -> None:
    sheet = book.sheets.add(plan.sheet, before=book.sheets[0])
    table = live.result_table(plan, fills)
    sheet.range("A1").value = table
    sheet.range((1, 1), (1, len(table[0]))).color = (0xC0, 0x00, 0x00)
    for col, width in enumerate((*plan.widths, 0), start=1):
        sheet.range((1, col)).column_width = width
    sheet.activate()


def _summary(checked: Checked) -> str:
    from ..checks.finding import label_counts
    from ..checks.plan import ignored_line

    ignored = f"\n{ignored_line(len(checked.ignored))}" if checked.ignored else ""
    if not checked.findings:
        return f"检查完毕，没有发现问题。{ignored}"
    counts = "，".join(f"{label} {n} 处" for label, n in label_counts(checked.findings).items())
    return (f"检查完毕：{counts}。{ignored}\n"
            "详见“检查结果”工作表，点击单元格地址可跳转；有问题的单元格已标色并加批注。")


@_entry
def check(app: xw.App) -> None:
    """检查: annotate the active workbook and summarise."""
    checked = run_checks(app, active_book(app))
    app.alert(f"{_summary(checked)}\n{rules_line(checked.rules_file)}", title=TITLE, mode="info")


def _write_docx(app: xw.App) -> tuple[Path, Path | None] | None:
    """Check the active workbook, ask on errors, write the .docx; return its path and the rules file applied
    (None when cancelled)."""
    from ..report import write_report
    from ..report.write import default_output

    book = active_book(app)
    checked = run_checks(app, book)
    report, rules_file, errors = checked.report, checked.rules_file, len(checked.errors)
    if errors:
        answer = app.alert(f"检查发现 {errors} 处错误（见“检查结果”工作表）。仍然生成报告吗？",
                           title=TITLE, buttons="yes_no", mode="critical")
        if answer != "yes":
            return None
    app.status_bar = "正在生成报告……"
    # Named after the title as on the command line; an unsaved workbook's report goes to Documents.
    return write_report(report, live.report_folder(book.fullname) / default_output(report).name), rules_file


def _show_and_open(app: xw.App, message: str, path: Path) -> None:
    """Tell where *path* was written, then open it: the status bar is reset when the click ends, so the
    place is said in a message box."""
    app.alert(message, title=TITLE, mode="info")
    live.open_file(path)


@_entry
def report(app: xw.App) -> None:
    """生成报告: check first, write the .docx beside the workbook and open it."""
    written = _write_docx(app)
    if written is not None:
        docx, rules_file = written
        _show_and_open(app, f"报告已生成：\n{docx}\n{rules_line(rules_file)}", docx)


@_entry
def export_pdf(app: xw.App) -> None:
    """导出PDF: the report as PDF through Word on Windows, LibreOffice elsewhere."""
    written = _write_docx(app)
    if written is None:
        return
    docx, rules_file = written
    app.status_bar = "正在转换为 PDF……"
    pdf, note = _word_pdf(docx) if sys.platform == "win32" else None, ""
    if pdf is None:
        from ..report.pdf import to_pdf
        from ..soffice import find_soffice

        if find_soffice() is None:
            raise ShuzhiError(f"Word 报告已生成：{docx}\n但本机既无法调用 Word 也没有 LibreOffice，无法转换 PDF。"
                              "请用 Word 或 WPS 打开报告，“另存为”PDF。")
        made = to_pdf(docx)
        pdf, note = made.path, made.fonts_note
    _show_and_open(app, f"PDF 已生成：\n{pdf}\nWord 报告：\n{docx}\n{rules_line(rules_file)}"
                        + (f"\n注意：{note}" if note else ""), pdf)


def _word_pdf(docx: Path) -> Path | None:
    """Return the PDF exported by Word through COM, or None when Word cannot be driven."""
    try:
        import win32com.client  # installed with xlwings on Windows
    except ImportError:
        return None
    from ..fileio import write_atomically

    try:
        word = win32com.client.DispatchEx("Word.Application")
    except Exception:
        return None
    try:
        document = word.Documents.Open(str(docx), ReadOnly=True)
        try:
            return write_atomically(docx.with_suffix(".pdf"),
                                    lambda tmp: document.ExportAsFixedFormat(str(tmp), 17))  # 17 = PDF
        finally:
            document.Close(False)
    finally:
        word.Quit()


def _pick(folder: bool, title: str, types: list[tuple[str, str]] | None = None) -> Path | None:
    """Return a file or folder the user picks (None when cancelled); tkinter works on Windows and macOS."""
    import tkinter
    from tkinter import filedialog

    root = tkinter.Tk()
    root.withdraw()
    root.attributes("-topmost", True)
    try:
        chosen = (filedialog.askdirectory(title=title) if folder
                  else filedialog.askopenfilename(title=title, filetypes=types or []))
    finally:
        root.destroy()
    return Path(chosen) if chosen else None


@_entry
def import_report(app: xw.App) -> None:
    """导入往年报告: pick a .docx/.txt, import it into a new workbook and open that."""
    from ..importer import import_document
    from ..xlsx.template import write_workbook

    document = _pick(False, "选择往年的述职报告", [("述职报告", "*.docx *.doc *.wps *.txt"), ("所有文件", "*.*")])
    if document is None:
        return
    app.status_bar = "正在导入……"
    result = import_document(document)
    written = write_workbook(document.with_suffix(".xlsx"), result.report)
    app.books.open(str(written))
    notes = "".join(f"\n· {note}" for note in result.notes[:5])  # a message box shows about 1,000 characters
    more = f"\n……共 {len(result.notes)} 处，运行 shuzhi import 可看到全部。" if len(result.notes) > 5 else ""
    app.alert(f"已导入为新工作簿：\n{written}\n请核对各工作表的内容，并把“述职年度”改为今年。{notes}{more}",
              title=TITLE, mode="info")


SUMMARY_NAME, VOLUME_NAME = "汇总.xlsx", "汇编.docx"


@_entry
def consolidate(app: xw.App) -> None:
    """汇总支部工作簿: pick a folder of branch workbooks, write the summary workbook and the bound volume of
    reports into it under the folder's rules file, open the summary."""
    from ..consolidate.run import consolidate as run

    folder = _pick(True, "选择存放各支部工作簿的文件夹")
    if folder is None:
        return
    rules = rules_file(folder)  # loaded by the run, whose error for a bad file says where it is

    def progress(done: int, total: int, name: str) -> None:
        app.status_bar = f"正在汇总（{done}/{total}）：{name}"

    summary = run(folder, folder / SUMMARY_NAME, volume=folder / VOLUME_NAME, rules=rules, progress=progress)
    app.books.open(str(summary.output))
    app.alert(f"汇总工作簿：\n{summary.output}\n述职报告汇编：\n{summary.volume}\n{summary.line()}\n"
              f"{rules_line(rules)}", title=TITLE, mode="info")


@_entry
def clear_inputs(app: xw.App) -> None:
    """清空填报内容: after confirmation, empty every input cell; labels, headers and formats stay."""
    book = active_book(app)
    if legacy.is_v1([s.name for s in book.sheets]):
        raise ShuzhiError(OLD_WORKBOOK)
    answer = app.alert("将清空本工作簿中所有填写的内容（保留表头、栏目和格式），且无法撤销。确定清空吗？",
                       title=TITLE, buttons="yes_no", mode="critical")
    if answer != "yes":
        return
    names = live.data_sheets([s.name for s in book.sheets])
    last_rows = {name: book.sheets[name].used_range.last_cell.row for name in names}
    levels = _levels(book, last_rows.get(schema.BODY.name, 0))
    for name, address in live.input_ranges(last_rows, levels):
        rng = book.sheets[name].range(address)
        # A user may have merged cells, and Excel refuses to clear part of a merged cell.
        (rng if ":" in address else rng.merge_area).clear_contents()
    app.alert("已清空填报内容。", title=TITLE, mode="info")


def _levels(book: xw.Book, last_row: int) -> list[object]:
    """Return the 层级 column of 报告正文 from its first data row, one bulk read."""
    first, column = schema.BODY.first_data_row, schema.BODY.column_letter("level")
    if last_row < first:
        return []
    values = book.sheets[schema.BODY.name].range(f"{column}{first}:{column}{last_row}").options(ndim=2).value
    return [row[0] for row in values]


@_entry
def about(app: xw.App) -> None:
    """使用说明: version, the steps, and where the log is."""
    from ..crashlog import log_path

    app.alert(f"述职报告工具 shuzhi_xl {__version__}（xlwings {xw.__version__}）\n\n"
              "1. 按“填写说明”工作表填写各工作表；\n2. 点击“检查”，按“检查结果”修改；\n"
              "3. 点击“生成报告”得到 Word 文档，或“导出PDF”。\n\n"
              f"出错时的日志文件：{log_path()}\n命令行用法：shuzhi --help", title=TITLE, mode="info")
