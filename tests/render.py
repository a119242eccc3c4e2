"""Render a .docx with LibreOffice under substitute fonts confined to the render, and measure the PDF.

The fonts a report names (仿宋_GB2312, 方正小标宋简体 …) are Windows/commercial fonts absent on Linux. A private
fontconfig file, passed only to the LibreOffice process, maps each to a free font of similar metrics, so line and
page breaks are meaningful. A render with substitutes never proves the real fonts. Reused by the volume tests.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

from shuzhi_xl.report.pdf import to_pdf
from shuzhi_xl.soffice import find_soffice

#: Font named in the document → (substitute family, bold), and where the substitute comes from.
SUBSTITUTES = {
    "仿宋_GB2312": ("FandolFang", False), "仿宋": ("FandolFang", False),
    "楷体_GB2312": ("AR PL KaitiM GB", False), "楷体": ("AR PL KaitiM GB", False),
    "黑体": ("Noto Sans CJK SC", False),
    "方正小标宋简体": ("Noto Serif CJK SC", True),
    "宋体": ("Noto Serif CJK SC", False),
    "Times New Roman": ("Liberation Serif", False),
}
FONT_DIRS = (
    "/usr/local/share/fonts/shuzhi-test",           # FandolFang-Regular.otf out of texlive-lang-chinese (.ci/run)
    "/usr/share/fonts/truetype/arphic-gkai00mp",     # fonts-arphic-gkai00mp
    "/usr/share/fonts/opentype/noto",                # fonts-noto-cjk
    "/usr/share/fonts/truetype/liberation2",         # fonts-liberation2
)
CACHE_DIR = Path(tempfile.gettempdir()) / "shuzhi-test-fontconfig-cache"


def fontconfig_file(folder: Path) -> Path:
    """Write a fonts.conf that sees only the substitute fonts and maps the report's fonts onto them."""
    rules = []
    for name, (family, bold) in SUBSTITUTES.items():
        weight = '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' if bold else ""
        rules.append(f'<match target="pattern"><test name="family"><string>{escape(name)}</string></test>'
                     f'<edit name="family" mode="assign" binding="strong"><string>{escape(family)}</string>'
                     f'</edit>{weight}</match>')
    dirs = "".join(f"<dir>{d}</dir>" for d in FONT_DIRS)
    # Synthetic bold for faces without a bold file (FandolFang): fontconfig's own rule, as on a normal system.
    dirs += '<include ignore_missing="yes">/etc/fonts/conf.d/90-synthetic.conf</include>'
    path = folder / "fonts.conf"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>{dirs}'
                    f'<cachedir>{CACHE_DIR}</cachedir>{"".join(rules)}</fontconfig>', encoding="utf-8")
    return path


def missing_substitutes(conf: Path) -> list[str]:
    """Return the substitute families fontconfig cannot find under *conf* (empty when all are installed)."""
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, env=env).stdout
    families = {f.strip() for line in listed.splitlines() for f in line.split(",")}
    return sorted({family for family, _ in SUBSTITUTES.values()} - families)


@functools.cache
def can_render() -> str:
    """Return why a render test cannot run here, or "" when it can (probed once per test run)."""
    if find_soffice() is None:
        return "LibreOffice (soffice) is not installed"
    if shutil.which("fc-list") is None:
        return "fontconfig tools are not installed"
    with tempfile.TemporaryDirectory() as tmp:
        missing = missing_substitutes(fontconfig_file(Path(tmp)))
    return f"substitute fonts missing: {', '.join(missing)} (see .ci/run)" if missing else ""


def render_pdf(docx_path: Path, folder: Path) -> Path:
    """Return the PDF LibreOffice makes of *docx_path* with the substitute fonts only."""
    conf = fontconfig_file(folder)
    return to_pdf(docx_path, folder / f"{docx_path.stem}.pdf", env={**os.environ, "FONTCONFIG_FILE": str(conf)})


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
            pages.append([Line(b, min(c["x0"] for c in cs), max(c["x1"] for c in cs),
                               "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])),
                               max(c["size"] for c in cs))
                          for b, cs in sorted(rows.items())])
    return pages
