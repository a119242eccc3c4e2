"""The font substitution table (report.fonts): stand-ins chosen from what is installed, the four faces of the
hierarchy kept apart, every substitution named in the message; the render of it is in test_report_render.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checks_support import clean_report
from shuzhi_xl.cli import main
from shuzhi_xl.report import fonts
from shuzhi_xl.report.docx import new_document
from shuzhi_xl.report.fonts import Face, choose, document_fonts, font_key
from shuzhi_xl.soffice import find_soffice
from shuzhi_xl.xlsx.template import write_workbook

#: What each style of a report prints in, as GB/T 9704 asks (docs/gongwen-format.md), per body-font setting.
HIERARCHY = {"仿宋_GB2312": ["仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"],
             "仿宋": ["仿宋", "黑体", "楷体", "方正小标宋简体"]}
CI_FONTS = ["FandolFang", "AR PL KaitiM GB,文鼎ＰＬ简中楷", "Noto Sans CJK SC", "Noto Serif CJK SC",
            "Liberation Serif"]


def _installed(*lines: str) -> set[str]:
    return {font_key(name) for line in lines for name in line.split(",")}


@pytest.mark.parametrize("body_font", list(HIERARCHY))
def test_the_document_names_the_hierarchy_s_fonts_in_order(tmp_path, body_font):
    docx = tmp_path / "r.docx"
    new_document(body_font=body_font).save(str(docx))
    distinct, others = document_fonts(docx)
    assert distinct == HIERARCHY[body_font]
    assert {"宋体", "Times New Roman"} <= set(others) and not set(others) & set(distinct)


def test_on_the_ci_fonts_each_style_gets_its_own_face():
    plan = choose(HIERARCHY["仿宋_GB2312"], ["宋体", "Times New Roman"], _installed(*CI_FONTS))
    assert plan.substitutes == {"仿宋_GB2312": Face("FandolFang"), "黑体": Face("Noto Sans CJK SC"),
                                "楷体_GB2312": Face("AR PL KaitiM GB"),
                                "方正小标宋简体": Face("Noto Serif CJK SC", bold=True),
                                "宋体": Face("Noto Serif CJK SC"), "Times New Roman": Face("Liberation Serif")}
    assert plan.unmatched == []


def test_a_face_one_style_took_is_not_given_to_another():
    # AR PL UMing CN stands in for both 仿宋 and 小标宋: the title gets it bold, so the two stay apart; with
    # Noto Serif also there the title takes that instead of repeating the body's face in bold.
    plan = choose(HIERARCHY["仿宋"], [], _installed("AR PL UMing CN", "WenQuanYi Zen Hei"))
    assert plan.substitutes == {"仿宋": Face("AR PL UMing CN"), "黑体": Face("WenQuanYi Zen Hei"),
                                "方正小标宋简体": Face("AR PL UMing CN", bold=True)}
    assert plan.unmatched == ["楷体"]
    faces = list(plan.substitutes.values())
    assert len(set(faces)) == len(faces)


def test_installed_real_fonts_are_left_alone_and_not_reused():
    installed = _installed("FangSong,仿宋", "SimHei,黑体", "AR PL KaitiM GB", "Noto Serif CJK SC")
    plan = choose(HIERARCHY["仿宋"], [], installed)
    assert plan.substitutes == {"楷体": Face("AR PL KaitiM GB"), "方正小标宋简体": Face("Noto Serif CJK SC", bold=True)}
    assert choose(["黑体"], [], _installed("SimHei,黑体")).note() == ""


def test_the_note_names_every_substitution_and_what_is_left_to_libreoffice():
    note = choose(HIERARCHY["仿宋_GB2312"], [], _installed("Noto Serif CJK SC", "Noto Sans CJK SC")).note()
    assert "黑体 → Noto Sans CJK SC" in note and "方正小标宋简体 → Noto Serif CJK SC（加粗）" in note
    assert "本机没有可代替 仿宋_GB2312、楷体_GB2312 的字体" in note and "Word/WPS" in note


def _fake_fc_list(folder: Path, families: list[str], monkeypatch) -> None:
    """Put an fc-list first on PATH that lists *families* as fontconfig does (all names of a family on a line)."""
    folder.mkdir()
    script = folder / "fc-list"
    script.write_text("#!/bin/sh\ncat <<'EOF'\n" + "\n".join(families) + "\nEOF\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig picks LibreOffice's fonts on Linux")
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_report_pdf_names_each_substitution(tmp_path, monkeypatch):
    workbook = write_workbook(tmp_path / "完整.xlsx", clean_report())
    _fake_fc_list(tmp_path / "bin", ["SimHei,黑体", *CI_FONTS], monkeypatch)
    result = CliRunner().invoke(main, ["report", str(workbook), "--pdf"])
    assert result.exit_code == 0, result.output
    note = next(line for line in result.output.splitlines() if line.startswith("注意："))
    for pair in ("仿宋_GB2312 → FandolFang", "楷体_GB2312 → AR PL KaitiM GB", "宋体 → Noto Serif CJK SC",
                 "方正小标宋简体 → Noto Serif CJK SC（加粗）"):
        assert pair in note
    assert "黑体 →" not in note  # installed: printed in itself


def test_without_fontconfig_nothing_is_substituted(tmp_path, monkeypatch):
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    docx = tmp_path / "r.docx"
    new_document().save(str(docx))
    plan, env = fonts.render_environment(docx, tmp_path)
    assert env is None and plan.note() == ""
