"""GB/T 9704 7.3.5: the signature and date are printed with the text above them, never alone on the last page.

The report is lengthened (a filler paragraph after the opening) until a copy laid out as before the fix (no
keep-with-next in the signature block) puts the page break right above the signature; then the report as written
must carry text over with the signature and date: the closing line, or (LibreOffice moves a paragraph kept with
the next whole) the last body paragraph. Rendered with LibreOffice under substitute fonts (tests/render.py).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from shuzhi_xl.report.write import write_report
from shuzhi_xl.samples import sample_report
from render import can_render, page_lines, render_pdf

pytestmark = pytest.mark.skipif(bool(can_render()), reason=can_render() or "renders")

PITCH, LINES, CHARS = 28.95, 22, 28
BOTTOM = (297 - 35) * 72 / 25.4
SIGNATURE, DATE = "XXX党支部", dt.date(2022, 1, 5)
FILLER = "支部坚持把抓好党建作为最大政绩，推动各项工作落地见效"
#: Renders allowed to find the filler length (each shift usually lands it at once; headings kept with their
#: text can move a page break by a line).
TRIES = 5


def _report(closing: str, filler_lines: int):
    """Return the sample with a closing (or none), signature and date, and a filler paragraph of that many lines."""
    report = sample_report()
    info = report.info
    text = (FILLER * 40)[:CHARS * filler_lines - 3] + "。" if filler_lines else ""  # 2 chars of first-line indent
    # The author line the sample printed before blank values stopped making one: the page geometry this test
    # measures assumes it.
    report.info = replace(info, closing=closing, signature=SIGNATURE, date=DATE, author="XXX党支部书记",
                          opening=info.opening + ("\n" + text if text else ""))
    return report


def _without_keep_with_next(docx: Path, out: Path) -> Path:
    """Write a copy of *docx* laid out as before the fix: no keep-with-next set on paragraphs (headings have theirs
    from their styles)."""
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data, removed = re.subn(rb"<w:keepNext/>", b"", data)
                assert removed == 2  # the paragraph above the signature, and the signature
            dst.writestr(item, data)
    return out


def _body(page):
    return [line for line in page if line.baseline < BOTTOM + 1]


def _render(docx: Path, folder: Path):
    folder.mkdir()
    return [_body(page) for page in page_lines(render_pdf(docx, folder))]


def _closing_slot(pages, text: str) -> tuple[int, int]:
    """Return the page (0-based) and line slot (1-based) of the last line ending *text*."""
    for n in range(len(pages) - 1, -1, -1):
        page = pages[n]
        for line in reversed(page):
            if line.text.endswith(text):
                return n, round((line.baseline - page[0].baseline) / PITCH) + 1
    raise AssertionError(f"{text!r} not printed")


@pytest.mark.parametrize("closing", ["特此报告，请予评议。", ""], ids=["closing", "no-closing"])
def test_signature_and_date_never_stand_alone_on_the_last_page(tmp_path, closing):
    date = f"{DATE.year}年{DATE.month}月{DATE.day}日"
    filler = 0
    for attempt in range(TRIES):
        docx = write_report(_report(closing, filler), tmp_path / f"报告{attempt}.docx")
        before = _render(_without_keep_with_next(docx, tmp_path / f"旧{attempt}.docx"), tmp_path / f"旧{attempt}")
        if [line.text for line in before[-1]] == [SIGNATURE, date]:
            break
        # Move the end of the text above to the last line of its page.
        page, slot = _closing_slot(before, closing or "。")
        filler += LINES - slot
    else:
        pytest.fail(f"no filler length put the page break above the signature in {TRIES} renders")
    print(f"filler of {filler} lines")
    after = _render(docx, tmp_path / "新")
    last = [line.text for line in after[-1]]
    assert last[-2:] == [SIGNATURE, date]
    assert len(last) > 2, "the signature and date stand alone on the last page"
    assert last[-3] == closing if closing else last[-3].endswith("。")
    assert len(after) == len(before)  # text moved over, not a page added
    if closing:
        assert len(after[-2]) == LINES - 1  # only the closing line moved
