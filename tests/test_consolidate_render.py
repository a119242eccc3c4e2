"""The bound volume rendered by LibreOffice (CI fonts, blank pages kept as --pdf keeps them) and read with
pdfplumber: every contents entry's number is the page the report's title is printed on, every report starts on an
odd page, and the page numbers printed are the PDF's own. 20 and 60 branches: the contents takes one and two pages."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from shuzhi_xl.cli import main
from shuzhi_xl.consolidate import consolidate
from shuzhi_xl.synthetic import write_samples
from shuzhi_xl.xlsx.reader import read_workbook
from render import can_render, page_lines, render_pdf
from support import normalise

pytestmark = pytest.mark.skipif(bool(can_render()), reason=can_render() or "renders")

BOTTOM = (297 - 35) * 72 / 25.4
ENTRY_END = re.compile(r"^(.*?)\.{2,}\s*(\d+)$")


@pytest.fixture(scope="module", params=[20, 60])
def volume(request, tmp_path_factory):
    """Return (titles in volume order, the volume, pages of printed lines of its PDF with blank pages)."""
    root = tmp_path_factory.mktemp(f"volume{request.param}")
    paths = write_samples(root / "各支部", request.param, jobs=2)
    summary = consolidate(root / "各支部", root / "汇总.xlsx", volume=root / "汇编.docx", jobs=2)
    titles = [read_workbook(p).info.display_title for p in sorted(paths, key=lambda p: p.name)]
    return titles, summary.volume, page_lines(render_pdf(summary.volume, root, keep_blank_pages=True))


def _contents(pages) -> dict[str, int]:
    """Return the contents as printed: entry text (its lines joined) → page number."""
    entries, pending = {}, ""
    for page in pages[1:]:
        lines = [line for line in page if line.baseline < BOTTOM + 1]
        if lines and lines[0].size > 20 and not lines[0].text.startswith("目"):
            break  # the first report's title
        for line in lines:
            if line.text.startswith("目"):
                continue
            pending += line.text
            if match := ENTRY_END.match(pending):
                entries[normalise(match.group(1))] = int(match.group(2))
                pending = ""
    return entries


def _title_pages(pages, titles) -> dict[str, int]:
    """Return each title → the PDF page (1-based) whose first printed lines, in title type, spell it."""
    found = {}
    for number, page in enumerate(pages, start=1):
        heading = "".join(line.text for line in page if line.size > 20 and line.baseline < BOTTOM + 1)
        for title in titles:
            if normalise(heading) == normalise(title):
                found[title] = number
    return found


def test_every_entry_names_the_page_the_report_s_title_is_printed_on(volume):
    titles, _, pages = volume
    entries, printed = _contents(pages), _title_pages(pages, titles)
    assert sorted(entries) == sorted(normalise(t) for t in titles)
    assert len(printed) == len(titles)
    assert {normalise(t): printed[t] for t in titles} == entries


def test_every_report_starts_on_an_odd_page_and_the_footers_are_the_pdf_s_pages(volume):
    titles, _, pages = volume
    printed = _title_pages(pages, titles)
    assert all(page % 2 == 1 for page in printed.values()), printed
    for number, page in enumerate(pages, start=1):
        footer = [line.text for line in page if line.baseline > BOTTOM + 1]
        if number > 1 and page:  # the cover has none; a blank page before an odd start may print none
            assert footer == [f"—{number}—"], (number, footer)


def test_entries_wrap_between_words_with_the_number_on_the_last_line(volume):
    titles, _, pages = volume
    lines = [line.text for page in pages[1:3] for line in page if line.baseline < BOTTOM + 1]
    wrapped = [(a, b) for a, b in zip(lines, lines[1:]) if not ENTRY_END.match(a) and ENTRY_END.match(b)
               and not a.startswith("目")]
    assert wrapped, "no entry wraps: the test titles are too short to show it"
    for first, last in wrapped:
        assert re.match(r"^\S+?\.{2,}\d+$", last)  # dots and number on the last line, never alone
        assert not re.fullmatch(r"\.*\d+", last)
        assert first.endswith(("工作", "年度", "书记")) or last.startswith("述职报告"), (first, last)


def test_the_pdf_option_writes_the_volume_with_its_blank_pages(volume, tmp_path):
    titles, docx, pages = volume
    if len(titles) != 20:
        pytest.skip("one CLI render is enough")
    result = CliRunner().invoke(main, ["consolidate", str(docx.parent / "各支部"), "-o", str(tmp_path / "汇总.xlsx"),
                                       "--volume", str(tmp_path / "汇编.docx"), "--pdf", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "汇编.pdf"
    assert f"汇编 PDF：{pdf}" in result.output
    assert len(page_lines(pdf)) == len(pages)
    assert (tmp_path / "汇编.docx").read_bytes() == docx.read_bytes()  # one job or two: the same volume


def test_pdf_without_a_volume_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["consolidate", str(tmp_path), "--pdf"])
    assert result.exit_code == 2 and "--volume" in result.output
