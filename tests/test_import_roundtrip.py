"""Our own Word output imported back: the model survives report → .docx → import → workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from shuzhi_xl import schema
from shuzhi_xl.cli import main
from shuzhi_xl.importer import import_document
from shuzhi_xl.model import Info, Part, Point, Report, Section
from shuzhi_xl.report.package import write_docx
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook
from support import SEED, normalise, seed_paragraphs

INLINE, SEPARATE, EACH = schema.LAYOUTS


def rich_report() -> Report:
    """Return a report using every optional piece: salutation, closing, signature and date, each layout, an
    extra sub-section and extra parts. Fields the printed report does not show are those it implies."""
    info = Info(branch="机关第一党支部", committee="机关党委", secretary="张三", year=2024,
                salutation="各位领导、同志们：",
                opening="2024年，在机关党委的正确领导下，机关第一党支部认真落实全面从严治党要求，现将具体情况述职如下：",
                closing="特此报告，请予评议。", signature="机关第一党支部", date=dt.date(2024, 12, 31), layout=EACH)
    work = Part("主要工作情况", name="主要工作情况", sections=[
        Section("加强政治学习，筑牢思想根基", "一年来，支部坚持“第一议题”制度。", name="政治学习", points=[
            Point("做好谋划文章", "制定年度学习计划，明确12个专题。"), Point("做实学习文章", "每周五集中学习。")]),
        Section("落实重点任务，推进标准化建设", "一年来，认真履行第一责任人职责。", layout=INLINE, name="重点任务", points=[
            Point("", "完善“三会一课”制度，全年召开支部委员会会议12次。"), Point("", "配齐配强党务工作力量。")]),
        Section("丰富支部活动，增强组织活力", "", name="支部活动", points=[
            Point("丰富主题党日", "开展主题党日活动12次。"), Point("丰富实地教学", "组织参观纪念馆2次。")]),
        Section("围绕中心工作，发挥战斗堡垒作用", "全年完成重点项目8个。", layout=SEPARATE, name="中心工作", points=[
            Point("抓好项目建设", "完成投资3.5亿元。"), Point("", "服务企业20家次。")]),
        Section("加强作风建设，树立良好形象", "开展作风纪律专项整治，查摆问题5个，均已整改。"),
    ])
    problems = Part("存在的问题", name="存在问题", sections=[
        Section("理论学习不够深入", "学用结合不够紧密。"),
        Section("组织生活形式单一", "创新意识不强。")])
    causes = Part("原因分析", sections=[Section("", "主要是思想重视不够，统筹谋划不足。"),
                                    Section("思想根源", "对党建工作的重要性认识不足。")])
    plans = Part("下步工作打算", name="下步打算", sections=[
        Section("深化理论学习", "推动学习走深走实。"),
        Section("创新活动载体", "丰富组织生活形式。")])
    duty = Part("履行全面从严治党责任情况", sections=[Section("", "严格落实“一岗双责”。")])
    return Report(info=info, parts=[work, problems, causes, plans, duty])


@pytest.mark.parametrize("make", [sample_report, rich_report], ids=["sample", "rich"])
def test_report_docx_imports_back_to_the_same_model(tmp_path: Path, make):
    original = make()
    path = tmp_path / "报告.docx"
    write_docx(original, path)
    result = import_document(path)
    assert shape(result.report) == shape(original)
    # The document prints the same; facts it states nowhere (the committee) are not invented but left blank.
    assert texts(result.report) == texts(original)
    assert result.report.info.committee == ""
    imported = read_workbook(write_workbook(tmp_path / "导入.xlsx", result.report))
    assert texts(imported) == texts(original) and shape(imported) == shape(original)
    # Nothing was moved or dropped: the only notes are about what the document leaves blank or where the year is.
    assert all(any(w in str(note) for w in ("留空", "取自标题")) for note in result.notes)


def texts(report: Report) -> list[str]:
    return [p.text for p in report_paragraphs(report)]


def shape(report: Report) -> list:
    """Return the outline of *report* as the texts compared beside it cannot show it: whether a heading's 。 is
    typed or added, whether a heading without lead is "alone", and the 提纲 names (the import leaves them to the
    checks) are left out."""
    return [(part.heading, part.numbering, [(s.heading.removesuffix("。"), s.numbering, s.lead,
                                             [(p.lead, p.body) for p in s.points]) for s in part.sections])
            for part in report.parts]


def test_workbook_report_import_workbook_through_the_commands(tmp_path: Path):
    original = write_workbook(tmp_path / "原始.xlsx", rich_report())
    runner = CliRunner()
    assert runner.invoke(main, ["report", str(original), "-o", str(tmp_path / "报告.docx")]).exit_code == 0
    result = runner.invoke(main, ["import", str(tmp_path / "报告.docx"), "-o", str(tmp_path / "导入.xlsx")])
    assert result.exit_code == 0, result.output
    imported, before = read_workbook(tmp_path / "导入.xlsx"), read_workbook(original)
    assert shape(imported) == shape(before) and texts(imported) == texts(before)


def test_seed_through_the_report_command_reads_back_as_the_seed(tmp_path: Path):
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(SEED), "-o", str(tmp_path / "导入.xlsx")]).exit_code == 0
    # --force: the seed keeps its X placeholders, which the report command's check counts as errors.
    result = runner.invoke(main, ["report", str(tmp_path / "导入.xlsx"), "-o", str(tmp_path / "报告.docx"), "--force"])
    assert result.exit_code == 0, result.output
    written = docx.Document(str(tmp_path / "报告.docx"))
    texts = [normalise(p.text) for p in written.paragraphs if p.text.strip()]
    # The seed has no title, author line or signature, and none is made up: the document says what the seed says.
    assert texts == seed_paragraphs()
