"""Front and back matter that sit beside the report proper: a date under the title, lines after the date
(附件…, 联系人…), text left after the last plan. Nothing is moved or dropped without a note."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from shuzhi_xl import schema
from shuzhi_xl.cli import main
from shuzhi_xl.importer.document import numbered
from shuzhi_xl.importer.parse import parse_paragraphs
from shuzhi_xl.report.text import report_paragraphs
from support import SEED, outline_rows, part

TITLE = "XXX党支部书记2021年度抓基层党建工作述职报告"
BACK = ["特此报告，请予评议。", "XXX党支部", "2022年1月10日"]


def seed_lines() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_document(path: Path, lines: list[str]) -> Path:
    """Write *lines* as the paragraphs of a .docx (python-docx) or the lines of a UTF-8 .txt, by *path*'s suffix."""
    if path.suffix == ".docx":
        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(path)
    else:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(document: Path, *args: str):
    """Run ``shuzhi import`` on *document*; return the click result and the workbook path it was told to write."""
    workbook = document.with_name("导入.xlsx")
    return CliRunner().invoke(main, ["import", str(document), "-o", str(workbook), *args]), workbook


def info_value(book, key: str):
    value = book[schema.INFO.name][schema.INFO.form_cell(key)].value
    return value.date() if isinstance(value, dt.datetime) else value


def sheet_rows(book, name: str) -> list[dict[str, object]]:
    """Return the filled rows of a table sheet as {header label: value}, read with openpyxl."""
    rows = list(book[name].iter_rows(values_only=True))
    header = next(k for k, row in enumerate(rows) if row[0] == "序号")
    labels = [str(label).removesuffix("（必填）") for label in rows[header]]
    return [dict(zip(labels, row)) for row in rows[header + 1:] if any(v is not None for v in row)]


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_closing_signature_and_date_followed_by_an_attachment_line(tmp_path: Path, suffix: str):
    path = write_document(tmp_path / f"去年{suffix}", [TITLE, *seed_lines(), *BACK, "附件：2021年党建工作台账"])
    result, workbook = run_import(path)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(workbook)
    assert (info_value(book, "closing"), info_value(book, "signature")) == ("特此报告，请予评议。", "XXX党支部")
    assert info_value(book, "date") == dt.date(2022, 1, 10)
    last_plan = outline_rows(book, "下步工作打算")[-1]
    assert str(last_plan["正文"]).endswith("助力国资国企高质量发展。")
    assert "文末有1段不属于述职报告正文的文字" in result.output and "附件：2021年党建工作台账" in result.output


def test_the_reviewers_paragraphs_parse_with_back_matter_and_a_note():
    result = parse_paragraphs(numbered([TITLE, *seed_lines(), *BACK, "附件：2021年党建工作台账"]))
    info = result.report.info
    assert (info.closing, info.signature, info.date) == ("特此报告，请予评议。", "XXX党支部", dt.date(2022, 1, 10))
    assert part(result.report, "plans").sections[-1].lead.endswith("助力国资国企高质量发展。")
    trailer, = [n for n in result.notes if "附件" in str(n)]
    assert trailer.paragraph == len(seed_lines()) + 5


def test_lines_after_the_date_without_a_mark_are_listed_not_imported(tmp_path: Path):
    path = write_document(tmp_path / "去年.txt", [*seed_lines(), *BACK, "（联系人：张三，电话：12345678）", "抄送：机关党委"])
    result, workbook = run_import(path)
    book = openpyxl.load_workbook(workbook)
    assert info_value(book, "date") == dt.date(2022, 1, 10) and info_value(book, "signature") == "XXX党支部"
    assert "文末有2段" in result.output and "联系人：张三" in result.output and "抄送：机关党委" in result.output
    assert not any("联系人" in str(v) for row in outline_rows(book, "下步工作打算") for v in row.values())


def test_text_after_the_last_plan_stays_in_it_before_the_back_matter(tmp_path: Path):
    path = write_document(tmp_path / "去年.docx", [*seed_lines(), "此外，支部还将认真做好党费收缴工作。", *BACK])
    result, workbook = run_import(path)
    book = openpyxl.load_workbook(workbook)
    assert str(outline_rows(book, "下步工作打算")[-1]["正文"]).endswith("此外，支部还将认真做好党费收缴工作。")
    assert info_value(book, "closing") == "特此报告，请予评议。"


def test_a_lone_short_last_line_stays_text_but_is_named(tmp_path: Path):
    path = write_document(tmp_path / "去年.txt", [*seed_lines(), "XXX党支部"])
    result, workbook = run_import(path)
    book = openpyxl.load_workbook(workbook)
    assert info_value(book, "signature") is None
    assert str(outline_rows(book, "下步工作打算")[-1]["正文"]).endswith("\nXXX党支部")
    assert "文末的“XXX党支部”可能是落款" in result.output


@pytest.mark.parametrize("date_line", ["（2022年1月10日）", "二〇二二年一月十日", "(2022年1月10日)", "二Ｏ二二年一月十日",
                                       "二O二二年一月十日", "二零二二年一月十日", "２０２２年１月１０日"])
def test_a_date_under_the_title_stays_a_title_line_where_the_author_put_it(tmp_path: Path, date_line: str):
    title = "关于2021年度抓基层党建工作情况的述职报告"
    path = write_document(tmp_path / "去年.docx", [title, date_line, *seed_lines()])
    result, workbook = run_import(path)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(workbook)
    # Printed where it stood (the 成文日期 prints at the end); the year is the title's, not the date's.
    assert info_value(book, "title") == f"{title}\n{date_line}"
    assert info_value(book, "date") is None and info_value(book, "year") == 2021
    assert f"第2段：标题下方的日期“{date_line}”作为标题的一行保留" in result.output


def test_a_date_at_the_end_is_the_report_date_beside_one_under_the_title():
    result = parse_paragraphs(numbered([TITLE, "（2022年1月5日）", *seed_lines(), *BACK]))
    assert result.report.info.date == dt.date(2022, 1, 10)
    assert result.report.info.title.endswith("\n（2022年1月5日）")


PLAN_WITH_A_DATE = ["下列任务的完成时间为", "2025年6月30日", "届时全部完成整改任务。", "建立长效机制。"]


def test_a_date_inside_the_last_plan_keeps_the_plan_whole(tmp_path: Path):
    path = write_document(tmp_path / "去年.txt", [*seed_lines(), *PLAN_WITH_A_DATE])
    result, workbook = run_import(path)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(workbook)
    assert str(outline_rows(book, "下步工作打算")[-1]["正文"]).endswith("\n".join(PLAN_WITH_A_DATE))
    assert (info_value(book, "signature"), info_value(book, "date")) == (None, None)
    assert "文末有" not in result.output and "未导入" not in result.output
    date_paragraph = len(seed_lines()) + 2
    assert f"第{date_paragraph}段：“2025年6月30日”单独成段，但前一段话没有说完或其后还有正文" in result.output


def test_a_date_that_ends_an_unfinished_line_is_not_the_report_date():
    result = parse_paragraphs(numbered([*seed_lines(), *PLAN_WITH_A_DATE[:2]]))
    info = result.report.info
    assert (info.signature, info.date) == ("", None)
    assert part(result.report, "plans").sections[-1].lead.endswith("下列任务的完成时间为\n2025年6月30日")
    assert sum("2025年6月30日" in str(n) for n in result.notes) == 1  # one note, not one per guess


def test_a_sentence_after_the_date_is_never_dropped_as_a_trailer():
    lines = [*seed_lines(), *BACK, "附件：2021年党建工作台账", "另附支部党员名册一份。"]
    result = parse_paragraphs(numbered(lines))
    body = part(result.report, "plans").sections[-1].lead
    assert body.endswith("\n".join(lines[len(seed_lines()):]))
    assert not any("未导入" in str(n) for n in result.notes)


def test_short_lines_after_the_date_are_the_trailer():
    result = parse_paragraphs(numbered([*seed_lines(), *BACK, "附件：", "1. 2021年党建工作台账", "2. 支部党员名册"]))
    info = result.report.info
    assert (info.closing, info.signature, info.date) == ("特此报告，请予评议。", "XXX党支部", dt.date(2022, 1, 10))
    assert part(result.report, "plans").sections[-1].lead.endswith("助力国资国企高质量发展。")
    assert any("文末有3段" in str(n) and "2. 支部党员名册" in str(n) for n in result.notes)


def test_a_report_without_a_title_prints_the_standard_title_and_stores_none():
    lines = ["各位领导、同志们：", "2023年，在机关党委的正确领导下，第三党支部认真履职，现将具体情况述职如下：",
             "一、主要工作情况", "（一）加强理论学习。", "一年来，支部坚持学习。", "二、存在的问题", "（一）学习不够深入。",
             "三、下步工作打算", "（一）深化学习。", "特此报告，请予评议。", "机关第三党支部", "2024年1月5日"]
    report = parse_paragraphs(numbered(lines)).report
    assert report.info.title == ""  # nothing invented in the workbook: the title follows what the user fills in
    report.info.year = 2023
    assert [(p.role, p.text) for p in report_paragraphs(report)][:2] == [
        ("title", "机关第三党支部书记2023年度抓基层党建工作述职报告"), ("salutation", "各位领导、同志们：")]
