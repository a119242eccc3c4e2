"""The font substitution table: which installed face prints each font a document names but the computer lacks,
in every PDF LibreOffice makes for the project.

Without it LibreOffice prints every missing Chinese font in one fallback face, so 小标宋, 黑体, 楷体 and 仿宋 look
alike. The table lists free faces, closest first; the first candidate of each is what CI installs (.ci/fonts).
The four faces that tell the hierarchy apart (title, 一级标题, 二级标题, body) are chosen distinct. The choice goes
to LibreOffice alone, in a private fontconfig file (``FONTCONFIG_FILE``); the .docx keeps the real names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from xml.etree import ElementTree

from . import styles as S

#: Seconds for listing the installed fonts (one fc-list call).
FONT_LIST_TIMEOUT = 30
#: fontconfig's cache for a render confined to some folders, kept between renders (scanning CJK fonts is slow).
CACHE_DIR = Path(tempfile.gettempdir()) / "shuzhi-fontconfig-cache"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Styles whose faces must stay distinct in print, in the order they choose: body first, title last.
DISTINCT_STYLES = (S.BODY.style_id, "ShuzhiPart", "ShuzhiHeading2", "ShuzhiTitle")


@dataclass(frozen=True)
class Face:
    """An installed family, and whether LibreOffice is to print it bold."""

    family: str
    bold: bool = False

    def __str__(self) -> str:
        return f"{self.family}（加粗）" if self.bold else self.family


_FANG = (Face("仿宋"), Face("FangSong"), Face("FandolFang"), Face("AR PL UMing CN"))
_KAI = (Face("楷体"), Face("KaiTi"), Face("AR PL KaitiM GB"), Face("AR PL UKai CN"), Face("FandolKai"))
_SONG = (Face("宋体"), Face("SimSun"), Face("Noto Serif CJK SC"), Face("Source Han Serif SC"),
         Face("AR PL UMing CN"), Face("FandolSong"))
#: Document font → stand-ins, closest first (the CI font of each is in .ci/fonts).
CANDIDATES: dict[str, tuple[Face, ...]] = {
    "仿宋_GB2312": _FANG, "仿宋": _FANG[1:],
    "楷体_GB2312": _KAI, "楷体": _KAI[1:],
    "黑体": (Face("SimHei"), Face("Noto Sans CJK SC"), Face("Source Han Sans SC"), Face("WenQuanYi Zen Hei"),
           Face("WenQuanYi Micro Hei"), Face("FandolHei"), Face("Droid Sans Fallback")),
    "方正小标宋简体": (Face("方正小标宋_GBK"), Face("Noto Serif CJK SC", bold=True),
                Face("Source Han Serif SC", bold=True), Face("AR PL UMing CN", bold=True),
                Face("FandolSong", bold=True)),
    "宋体": _SONG[1:],
    "Times New Roman": (Face("Liberation Serif"), Face("Tinos"), Face("DejaVu Serif")),
}


@dataclass
class FontPlan:
    """The stand-in for each missing font (*substitutes*), and the missing fonts nothing installed stands in for."""

    substitutes: dict[str, Face] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)

    def note(self) -> str:
        """Return the Chinese note naming each substitution ("" when the document's own fonts are all there)."""
        if not self.substitutes and not self.unmatched:
            return ""
        said = []
        if self.substitutes:
            pairs = "；".join(f"{name} → {face}" for name, face in self.substitutes.items())
            said.append(f"本机没有安装报告使用的部分字体，PDF 中用本机字体代替：{pairs}。")
        if self.unmatched:
            said.append(f"本机没有可代替 {'、'.join(self.unmatched)} 的字体，由 LibreOffice 自选。")
        said.append("Word 报告中的字体设置无误；PDF 的字形、字宽和分行分页可能与装有这些字体的电脑不同。"
                    "请安装这些字体后重新生成 PDF，或用 Word/WPS 打开报告“另存为”PDF。")
        return "".join(said)


def document_fonts(docx: Path) -> tuple[list[str], list[str]]:
    """Return the East Asian faces of DISTINCT_STYLES in *docx* (in that order), and every other font its styles
    name (Latin fonts, page numbers)."""
    with zipfile.ZipFile(docx) as package:
        root = ElementTree.fromstring(package.read("word/styles.xml"))
    distinct = []
    for style_id in DISTINCT_STYLES:
        fonts = root.find(f"{_W}style[@{_W}styleId='{style_id}']/{_W}rPr/{_W}rFonts")
        if fonts is not None and fonts.get(f"{_W}eastAsia"):
            distinct.append(fonts.get(f"{_W}eastAsia"))
    named = [value for fonts in root.iter(f"{_W}rFonts") for slot in ("eastAsia", "ascii")
             if (value := fonts.get(f"{_W}{slot}"))]
    return list(dict.fromkeys(distinct)), [f for f in dict.fromkeys(named) if f not in distinct]


def choose(distinct: Sequence[str], others: Sequence[str], installed: set[str]) -> FontPlan:
    """Return the stand-ins for the fonts not *installed* (family keys, see ``font_key``). Fonts of *distinct* get
    faces no other of them prints with; *others* take their first installed candidate."""
    plan = FontPlan()
    taken = {Face(name) for name in distinct if font_key(name) in installed}
    for name, unique in [(n, True) for n in distinct] + [(n, False) for n in others]:
        if font_key(name) in installed:
            continue
        face = next((f for f in CANDIDATES.get(name, ()) if font_key(f.family) in installed
                     and not (unique and f in taken)), None)
        if face is None:
            plan.unmatched.append(name)
            continue
        plan.substitutes[name] = face
        if unique:
            taken.add(face)
    return plan


def font_key(family: str) -> str:
    """Return a family name as fontconfig compares them: case and spaces ignored."""
    return "".join(family.split()).casefold()


def installed_families(env: Mapping[str, str] | None = None) -> set[str] | None:
    """Return the keys of every installed family under all its names (fc-list), or None where fontconfig does not
    pick LibreOffice's fonts (Windows, macOS) or its tools are missing: there is no telling."""
    fc_list = shutil.which("fc-list") if sys.platform.startswith("linux") else None
    if fc_list is None:
        return None
    try:
        listed = subprocess.run([fc_list, ":", "family"], capture_output=True, timeout=FONT_LIST_TIMEOUT,
                                check=True, env=env).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return None
    return {font_key(name) for line in listed.splitlines() for name in line.split(",")}


def render_environment(docx: Path, folder: Path,
                       font_dirs: Sequence[str] | None = None) -> tuple[FontPlan, dict[str, str] | None]:
    """Return the font plan for *docx* and the environment that makes LibreOffice follow it (None: unchanged).

    The fontconfig file written in *folder* sees the system's fonts, or only *font_dirs* (tests, for a render
    that does not depend on what else is installed)."""
    base = _fontconfig(folder / "fonts-base.conf", font_dirs, FontPlan())
    env = {**os.environ, "FONTCONFIG_FILE": str(base)}
    installed = installed_families(env)
    if installed is None:
        return FontPlan(), None
    try:
        fonts = document_fonts(docx)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):  # LibreOffice will say what is wrong
        return FontPlan(), None
    plan = choose(*fonts, installed)
    env["FONTCONFIG_FILE"] = str(_fontconfig(folder / "fonts.conf", font_dirs, plan))
    return plan, env


def _fontconfig(path: Path, font_dirs: Sequence[str] | None, plan: FontPlan) -> Path:
    """Write a fonts.conf mapping each substituted font onto its face, ahead of the system's rules."""
    rules = []
    for name, face in plan.substitutes.items():
        weight = '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' if face.bold else ""
        rules.append(f'<match target="pattern"><test name="family"><string>{escape(name)}</string></test>'
                     f'<edit name="family" mode="assign" binding="strong"><string>{escape(face.family)}</string>'
                     f'</edit>{weight}</match>')
    if font_dirs is None:
        fonts = '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
    else:  # only these folders; fontconfig's synthetic bold for faces without a bold file, as on a normal system
        fonts = "".join(f"<dir>{escape(d)}</dir>" for d in font_dirs)
        fonts += ('<include ignore_missing="yes">/etc/fonts/conf.d/90-synthetic.conf</include>'
                  f'<cachedir>{escape(str(CACHE_DIR))}</cachedir>')
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>{"".join(rules)}'
                    f'{fonts}</fontconfig>', encoding="utf-8")
    return path
