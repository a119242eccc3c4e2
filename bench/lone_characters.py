"""Count the paragraphs of a generated volume whose last line holds one lone character (“务。”), before and after
the typesetting rule that tightens them (report.layout), from the layout model and, with --render, from the PDFs
LibreOffice makes of both volumes (CI fonts; needs tests/render.py beside this folder).

Run: python bench/lone_characters.py [--branches 200] [--render]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path
from unittest import mock

from shuzhi_xl.consolidate import consolidate
from shuzhi_xl.report import layout
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.synthetic import write_samples
from shuzhi_xl.xlsx.reader import read_workbook

BOTTOM = (297 - 35) * 72 / 25.4


def modelled(reports, tighten: bool) -> tuple[int, int]:
    """Return (paragraphs with a lone last line, paragraphs) in the layout model."""
    laid = [p for r in reports for p in layout.lay_out_report(report_paragraphs(r), tighten=tighten)]
    return sum(layout.lone_last_line(p.lines) for p in laid), len(laid)


def rendered(reports, folder: Path, tighten: bool) -> tuple[int, int]:
    """Return (paragraphs whose last printed line is a lone character, paragraphs printed with other line breaks
    than the model's) for the volume built as *tighten*."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from render import page_lines, render_pdf

    original = layout.lay_out_report
    with mock.patch("shuzhi_xl.report.docx.lay_out_report",
                    lambda paragraphs, tighten_=tighten: original(paragraphs, tighten=tighten_)):
        volume = consolidate(folder / "in", folder / f"汇总{tighten}.xlsx", volume=folder / f"汇编{tighten}.docx",
                             jobs=1).volume  # one job: the patch holds in this process only
    lines = [re.sub(r"\s", "", line.text) for page in page_lines(render_pdf(volume, folder)) for line in page
             if line.baseline < BOTTOM + 1]
    lone = mismatched = 0
    first = [re.sub(r"\s", "", line) for line in original(report_paragraphs(reports[0]))[0].lines][0]
    position = lines.index(first)
    for report in reports:
        paragraphs = report_paragraphs(report)
        for paragraph, laid in zip(paragraphs, original(paragraphs, tighten=tighten)):
            # The paragraph's printed lines: as many as it takes to spell its text (not the model's count).
            target, got = len(re.sub(r"\s", "", paragraph.text)), []
            while sum(map(len, got)) < target:
                got.append(lines[position])
                position += 1
            mismatched += got != [re.sub(r"\s", "", line) for line in laid.lines]
            lone += layout.lone_last_line(got)
    return lone, mismatched


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--branches", type=int, default=200)
    parser.add_argument("--render", action="store_true", help="also count in LibreOffice renders (slow)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_samples(folder / "in", args.branches)
        reports = [read_workbook(p) for p in sorted(paths, key=lambda p: p.relative_to(folder / "in").as_posix())]
        for tighten in (False, True):
            lone, total = modelled(reports, tighten)
            line = f"{'after ' if tighten else 'before'}: model {lone} of {total} paragraphs end with a lone character"
            if args.render:
                pdf_lone, mismatched = rendered(reports, folder, tighten)
                line += f"; LibreOffice {pdf_lone} ({mismatched} paragraphs laid out unlike the model)"
            print(line)


if __name__ == "__main__":
    main()
