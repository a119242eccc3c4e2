"""Render a .docx with LibreOffice under the project's font substitution table (report.fonts), confined to the
fonts CI installs (.ci/fonts), and measure the PDF.

The fonts a report names (仿宋_GB2312, 方正小标宋简体 …) are Windows/commercial fonts absent on Linux; the table maps
each to a free font of similar metrics, so line and page breaks are meaningful. Confining the render to the CI
fonts makes it the same on every machine. A render with substitutes never proves the real fonts.
"""

from __future__ import annotations

import functools
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from shuzhi_xl.report import fonts
from shuzhi_xl.report.docx import new_document
from shuzhi_xl.report.pdf import to_pdf
from shuzhi_xl.soffice import find_soffice

FONT_DIRS = (
    "/usr/local/share/fonts/shuzhi-test",           # FandolFang-Regular.otf out of texlive-lang-chinese (.ci/fonts)
    "/usr/share/fonts/truetype/arphic-gkai00mp",     # fonts-arphic-gkai00mp
    "/usr/share/fonts/opentype/noto",                # fonts-noto-cjk
    "/usr/share/fonts/truetype/liberation2",         # fonts-liberation2
)


@functools.cache
def can_render() -> str:
    """Return why a render test cannot run here, or "" when it can (probed once per test run)."""
    if find_soffice() is None:
        return "LibreOffice (soffice) is not installed: run `sudo bash .ci/fonts` (see README)"
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "fonts.docx"
        new_document().save(str(docx))
        plan, env = fonts.render_environment(docx, Path(tmp), FONT_DIRS)
    if env is None:
        return "fontconfig tools are not installed: run `sudo bash .ci/fonts` (see README)"
    return (f"no substitute font for {', '.join(plan.unmatched)}: run `sudo bash .ci/fonts` (see README)"
            if plan.unmatched else "")


def render_pdf(docx_path: Path, folder: Path, *, keep_blank_pages: bool = False) -> Path:
    """Return the PDF LibreOffice makes of *docx_path* with the CI fonts only."""
    return to_pdf(docx_path, folder / f"{docx_path.stem}.pdf", keep_blank_pages=keep_blank_pages,
                  font_dirs=FONT_DIRS).path


def embedded_fonts(pdf: Path) -> list[str]:
    """Return the base font names embedded in *pdf* (pdffonts), to report which substitutes were used."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    return sorted({line.split()[0].split("+", 1)[-1] for line in out if line.strip()})


@dataclass
class Line:
    """One printed line: its baseline (points from the page top), horizontal extent and text."""

    baseline: float
    x0: float
    x1: float
    text: str
    size: float
    faces: tuple[str, ...]  #: the font of each character of text (subset prefix dropped)


def page_lines(pdf: Path) -> list[list[Line]]:
    """Return each page's lines, top to bottom, from the characters' baselines (pdfplumber)."""
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            rows: dict[float, list[dict]] = {}
            for char in page.chars:
                if not char["text"].strip():
                    continue
                baseline = page.height - char["matrix"][5]
                key = next((k for k in rows if abs(k - baseline) < 2), baseline)
                rows.setdefault(key, []).append(char)
            lines = []
            for b, cs in sorted(rows.items()):
                cs.sort(key=lambda c: c["x0"])
                lines.append(Line(b, cs[0]["x0"], max(c["x1"] for c in cs), "".join(c["text"] for c in cs),
                                  max(c["size"] for c in cs), tuple(c["fontname"].split("+")[-1] for c in cs)))
            pages.append(lines)
    return pages
