"""The bound volume: cover, a TOC field with its entries written out, one odd-page section per branch, page
numbers running on through the whole volume."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree

from shuzhi_xl.consolidate import consolidate
from shuzhi_xl.xlsx.reader import read_workbook

from consolidate_support import build_folder
from render import can_render, page_lines, render_pdf

W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


@pytest.fixture(scope="module")
def volume(tmp_path_factory) -> tuple[Path, list[Path]]:
    """Return the volume of the office's folder and its good workbooks, in the volume's order."""
    root = tmp_path_factory.mktemp("volume")
    folder = root / "各支部"
    folder.mkdir()
    good = build_folder(folder)
    summary = consolidate(folder, root / "汇总.xlsx", volume=root / "汇编.docx", jobs=2)
    return summary.volume, sorted(good, key=lambda p: p.relative_to(folder).as_posix())


def _text(paragraph) -> str:
    """Return a paragraph's shown text, tabs included (instruction text left out)."""
    return "".join("\t" if e.tag.endswith("}tab") else e.text or ""
                   for e in paragraph.iterfind(".//w:r/*", W) if e.tag.endswith(("}t", "}tab")))


def _part(path: Path, name: str):
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def test_one_odd_page_section_per_branch_after_the_front_matter(volume):
    path, good = volume
    body = _part(path, "word/document.xml").find("w:body", W)
    sections = body.findall(".//w:sectPr", W)
    assert len(sections) == 1 + len(good)
    types = [s.find("w:type", W) for s in sections]
    # A section's w:type says how it begins; sections 2… are the reports, each from an odd page.
    assert all(t is not None and t.get(f"{{{W['w']}}}val") == "oddPage" for t in types[1:])
    titles = [p for p in body.iterfind(".//w:p", W)
              if (s := p.find("w:pPr/w:pStyle", W)) is not None and s.get(f"{{{W['w']}}}val") == "ShuzhiTitle"]
    assert [re.sub(r"\s", "", _text(p)) for p in titles] == \
        [re.sub(r"\s", "", read_workbook(g).info.display_title) for g in good]


def test_page_numbers_never_restart_after_the_first_section(volume):
    path, _ = volume
    sections = _part(path, "word/document.xml").findall(".//w:sectPr", W)
    for section in sections[1:]:
        number = section.find("w:pgNumType", W)
        assert number is None or number.get(f"{{{W['w']}}}start") is None


def test_toc_field_is_updated_on_open_and_its_entries_are_written_out(volume):
    path, good = volume
    body = _part(path, "word/document.xml").find("w:body", W)
    instructions = [t.text for t in body.iterfind(".//w:instrText", W)]
    assert any(i.strip().startswith("TOC") for i in instructions)
    settings = _part(path, "word/settings.xml")
    update = settings.find("w:updateFields", W)
    assert update is not None and update.get(f"{{{W['w']}}}val") == "true"
    paragraphs = list(body.iterfind("w:p", W))
    begin = next(i for i, p in enumerate(paragraphs) if p.find(".//w:instrText", W) is not None)
    end = next(i for i, p in enumerate(paragraphs) if i >= begin and
               p.find(".//w:fldChar[@w:fldCharType='end']", W) is not None)
    entries = [_text(p) for p in paragraphs[begin:end + 1]]
    pages = [int(e.rsplit("\t", 1)[1]) for e in entries]
    assert [e.rsplit("\t", 1)[0] for e in entries] == [read_workbook(g).info.display_title for g in good]
    assert all(p % 2 == 1 for p in pages) and pages == sorted(set(pages))


def test_the_volume_is_the_same_for_one_job_and_two(volume, tmp_path):
    path, _ = volume
    one = consolidate(path.parent / "各支部", tmp_path / "汇总.xlsx", volume=tmp_path / "汇编.docx", jobs=1).volume
    assert one.read_bytes() == path.read_bytes()  # byte for byte: workers lay the reports out, the parent joins


def test_the_reports_are_deflated_fast_as_the_summary_rows_are(volume):
    # Thousands of reports, deflated by the parent alone: ISA-L's level 1 (a few bytes more than zlib's level 1), not
    # the default level 6, which takes four times as long
    with zipfile.ZipFile(volume[0]) as package:
        assert package.testzip() is None  # every CRC right
        document = package.getinfo("word/document.xml")
        data = package.read(document)
    isal_zlib = pytest.importorskip("isal.isal_zlib", reason="no isal wheel here (Windows on ARM)")
    fast, default = isal_zlib.compressobj(1, zlib.DEFLATED, -15), zlib.compressobj(6, zlib.DEFLATED, -15)
    assert document.compress_size == pytest.approx(len(fast.compress(data) + fast.flush()), abs=16)
    assert document.compress_size > len(default.compress(data) + default.flush())


@pytest.mark.skipif(bool(can_render()), reason=can_render() or "renders")
def test_rendered_page_numbers_run_on_through_the_volume(volume, tmp_path):
    path, good = volume
    pages = page_lines(render_pdf(path, tmp_path))
    numbers, starts = [], []
    for lines in pages:
        found = [int(m.group(1)) for line in lines[-1:] if (m := re.fullmatch(r"—\s*(\d+)\s*—", line.text))]
        numbers.append(found[0] if found else None)
        starts.append(any(line.text.endswith("述职报告") for line in lines[:3]))
    assert numbers[0] is None and None not in numbers[1:]  # only the cover is unnumbered
    report_starts = [n for n, start in zip(numbers, starts) if start and n > 2]
    assert len(report_starts) == len(good) and all(n % 2 == 1 for n in report_starts)
    # LibreOffice leaves the blank pages before odd-page starts out of the PDF: there the number jumps by 2.
    for previous, (number, start) in zip(numbers[1:], list(zip(numbers, starts))[2:]):
        assert number - previous == 1 or (start and number - previous == 2), numbers


def test_a_volume_of_no_reports_says_so(tmp_path):
    from shuzhi_xl.consolidate.volume import VolumeWriter

    with VolumeWriter() as writer:
        path = writer.write(tmp_path / "汇编.docx", [])
    body = _part(path, "word/document.xml").find("w:body", W)
    assert "（未收录报告）" in "".join(_text(p) for p in body.iterfind("w:p", W))
    assert len(body.findall(".//w:sectPr", W)) == 1
