"""整改跟踪 as a specification: last year's problems read from a small summary written here with openpyxl (marked
as a summary the way this program marks one: the custom document property shuzhi_summary), matched by hand-counted
character pairs against this year's problems."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.packaging.custom import BoolProperty

from consolidate_support import assert_columns_fit
from shuzhi_xl.consolidate.collect import Branch
from shuzhi_xl.consolidate import followup
from shuzhi_xl.consolidate.followup import _same_problem, followup_sheet, previous_problems
from shuzhi_xl.errors import WorkbookError


def summary(path: Path, header: list[str], rows: list[tuple], *, marked: bool = True, sheet: str = "问题汇总",
            overview: list[tuple] | None = None, pages: tuple[list[tuple], ...] = ()) -> Path:
    """Write a summary of 问题汇总 (*sheet*), its continued *pages* (问题汇总（2）…, each under the same header) and,
    given its rows (header first), 总览."""
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in [header, *rows]:
        book.active.append(row)
    for n, page in enumerate(pages, start=2):
        continued = book.create_sheet(f"{sheet}（{n}）")
        for row in [header, *page]:
            continued.append(row)
    if overview is not None:
        sheet = book.create_sheet("总览")
        for row in overview:
            sheet.append(row)
    if marked:
        book.custom_doc_props.append(BoolProperty("shuzhi_summary", True))
    book.save(path)
    return path


def branch(name: str, *problems: str, committee: str = "") -> Branch:
    return Branch(file=f"{name}.xlsx", mtime=0.0, branch=name, committee=committee, secretary="", year=2024, errors=0,
                  warnings=0, ledger_counts={}, ledger_total=0, compliance={}, metrics={}, problems=problems, rows={})


def test_last_years_problems_are_read_by_header_in_any_column_order(tmp_path):
    path = summary(tmp_path / "去年.xlsx", ["具体表现", "支部名称", "备注", "问题标题", "序号"], [
        ("学得不深", "甲", None, "理论学习不深入", 1),
        ("活动少", "乙", None, "组织生活松散", "2"),
        ("无", None, None, "没有支部的一行", 3),
        ("会议少", "甲", None, "组织生活不规范", None),
    ])
    # without 总览 the committees are not known (None): 整改跟踪 then finds this year's branch by its name alone
    assert previous_problems(path) == {(None, "甲"): [(1, "理论学习不深入", "学得不深"), (None, "组织生活不规范", "会议少")],
                                       (None, "乙"): [(2, "组织生活松散", "活动少")]}


OVERVIEW_HEADER = ("支部名称", "上级党组织", "源文件", "状态")


def test_each_problems_committee_is_its_source_files_in_the_overview(tmp_path):
    rows = [("第一党支部", "a/1.xlsx", 1, "学得少", "学习不深"), ("第一党支部", "b/1.xlsx", 1, "会少", "组织生活松散"),
            ("第一党支部", "c/1.xlsx", 1, "钱乱", "经费不规范")]
    overview = [OVERVIEW_HEADER, ("第一党支部", "机关党委", "a/1.xlsx", "完整"), (None, None, "坏.xlsx", "无法读取"),
                ("第一党支部", "后勤党委", "b/1.xlsx", "完整"), ("第一党支部", "", "c/1.xlsx", "完整")]
    path = summary(tmp_path / "去年.xlsx", ["支部名称", "源文件", "序号", "具体表现", "问题标题"], rows, overview=overview)
    assert previous_problems(path) == {("机关党委", "第一党支部"): [(1, "学习不深", "学得少")],
                                       ("后勤党委", "第一党支部"): [(1, "组织生活松散", "会少")],
                                       ("", "第一党支部"): [(1, "经费不规范", "钱乱")]}  # a branch without one


def test_an_overview_of_just_the_three_columns_is_enough(tmp_path):
    overview = [("源文件", "上级党组织", "支部名称"), ("a.xlsx", "机关党委", "第一党支部")]
    path = summary(tmp_path / "去年.xlsx", ["支部名称", "源文件", "序号", "问题标题", "具体表现"],
                   [("第一党支部", "a.xlsx", 1, "学习不深", "学得少")], overview=overview)
    assert previous_problems(path) == {("机关党委", "第一党支部"): [(1, "学习不深", "学得少")]}


@pytest.mark.parametrize("overview, problems_header", [
    ([("支部名称", "党组织", "源文件"), ("第一党支部", "机关党委", "a.xlsx")], ["支部名称", "源文件"]),  # 总览 lacks it
    ([OVERVIEW_HEADER, ("第一党支部", "机关党委", "a.xlsx", "完整")], ["支部名称"]),  # 问题汇总 has no 源文件
    ([OVERVIEW_HEADER], ["支部名称", "源文件"]),  # the file is not in 总览
    ([], ["支部名称", "源文件"]),  # an empty 总览
])
def test_a_problem_whose_committee_the_summary_does_not_say_is_kept_by_name(tmp_path, overview, problems_header):
    header = [*problems_header, "序号", "问题标题", "具体表现"]
    row = ("第一党支部", "a.xlsx", 1, "学习不深", "学得少")[:len(problems_header)] + (1, "学习不深", "学得少")
    path = summary(tmp_path / "去年.xlsx", header, [row], overview=overview)
    assert previous_problems(path) == {(None, "第一党支部"): [(1, "学习不深", "学得少")]}


def test_a_header_only_sheet_has_no_problems_and_an_empty_one_no_header(tmp_path):
    assert previous_problems(summary(tmp_path / "a.xlsx", ["支部名称", "序号", "问题标题", "具体表现"], [])) == {}
    with pytest.raises(WorkbookError) as raised:
        previous_problems(summary(tmp_path / "b.xlsx", [], []))
    assert raised.value.message.startswith("表头缺少“支部名称”“序号”“问题标题”“具体表现”。")


@pytest.mark.parametrize("case, message", [
    ("missing", "找不到上年度汇总工作簿。请检查路径。"),
    ("unmarked", "这不是本程序生成的汇总工作簿。请选择上年度用 shuzhi consolidate 生成的汇总.xlsx。"),
    ("no sheet", "找不到工作表“问题汇总”。请使用本程序生成的汇总工作簿，不要改动工作表名称。"),
    ("header", "表头缺少“问题标题”“具体表现”。请使用本程序生成的汇总工作簿，不要改动表头。"),
])
def test_a_file_that_is_not_last_years_summary_is_refused_with_the_reason(tmp_path, case, message):
    path = tmp_path / "去年.xlsx"
    full = ["支部名称", "序号", "问题标题", "具体表现"]
    if case == "unmarked":
        summary(path, full, [], marked=False)
    elif case == "no sheet":
        summary(path, full, [], sheet="总览")
    elif case == "header":
        summary(path, ["支部名称", "序号", "标题", "表现"], [])
    with pytest.raises(WorkbookError) as raised:
        previous_problems(path)
    assert raised.value.message == message
    assert Path(raised.value.file).name == "去年.xlsx"
    if case == "header":
        assert (raised.value.sheet, raised.value.cell) == ("问题汇总", "第1行")


def test_followup_rows_say_for_each_old_problem_whether_it_came_back():
    previous = {("机关", "甲"): [(1, "组织生活松散", "活动少"), (2, "理论学习不深入", "学得不深"), (3, "", "学_习")],
                ("机关", "丙"): [(1, "作风不实", ""), (2, "纪律松弛", "迟到早退")]}
    sheet = followup_sheet([branch("甲", "经费使用不规范", "组织生活不够", "学习", committee="机关"),
                            branch("乙", "组织生活松散", committee="机关")], previous)
    assert [c.label for c in sheet.columns] == \
        ["支部名称", "上级党组织", "上年序号", "上年问题", "上年具体表现", "今年情况", "今年相同的问题"]
    assert sheet.rows == [
        ("甲", "机关", 1, "组织生活松散", "活动少", "今年仍列为问题", "组织生活不够"),  # 3 of 5 pairs each: 0.6
        ("甲", "机关", 2, "理论学习不深入", "学得不深", "今年未再列出", None),
        ("甲", "机关", 3, "", "学_习", "今年仍列为问题", "学习"),  # no heading: its text is compared
        ("丙", "机关", 1, "作风不实", "", "今年未汇总", None),
        ("丙", "机关", 2, "纪律松弛", "迟到早退", "今年未汇总", None),
    ]
    assert_columns_fit(sheet.name, sheet.columns, sheet.rows + [
        ("丁", "市直机关工委", 4, "意识形态工作责任制落实不到位", "对网络舆情研判不够，" * 4, "今年仍列为问题",
         "意识形态工作责任制落实还不到位")])


def test_a_branch_is_matched_by_committee_and_name_or_by_name_where_last_year_does_not_say():
    previous = {("机关", "第一党支部"): [(1, "学习不深", "")], ("后勤", "第一党支部"): [(1, "组织生活松散", "")],
                ("工会", "第一党支部"): [(1, "作风不实", "")], (None, "第二党支部"): [(1, "纪律松弛", "")]}
    sheet = followup_sheet([branch("第一党支部", "组织生活松散了", committee="后勤"),
                            branch("第一党支部", "学习不深入", committee="机关"),
                            branch("第二党支部", "纪律松弛", committee="机关")], previous)
    assert sheet.rows == [
        ("第一党支部", "机关", 1, "学习不深", "", "今年仍列为问题", "学习不深入"),
        ("第一党支部", "后勤", 1, "组织生活松散", "", "今年仍列为问题", "组织生活松散了"),
        ("第一党支部", "工会", 1, "作风不实", "", "今年未汇总", None),  # another committee's 第一党支部 is not it
        ("第二党支部", None, 1, "纪律松弛", "", "今年仍列为问题", "纪律松弛"),
    ]
    assert (sheet.name, sheet.table, sheet.freeze_columns) == ("整改跟踪", "tbl_followup", 1)


def test_a_branch_whose_committee_is_written_otherwise_this_year_is_found_where_its_name_is_the_only_one():
    previous = {("机关党委", "财务部支部"): [(1, "学习不深", "")], ("机关党委", "第一党支部"): [(1, "作风不实", "")],
                ("后勤党委", "第一党支部"): [(1, "纪律松弛", "")], ("机关党委", "第二党支部"): [(1, "会少", "")]}
    sheet = followup_sheet([branch("财务部支部", "学习不深入", committee="中共某某机关委员会"),
                            branch("第一党支部", "作风不实", committee="工会"),  # which of last year's two: neither
                            branch("第二党支部", "会少", committee="机关"),
                            branch("第二党支部", "会少", committee="后勤")], previous)  # which of this year's two: neither
    assert [row[5:] for row in sheet.rows] == [("今年仍列为问题", "学习不深入"), ("今年未汇总", None),
                                               ("今年未汇总", None), ("今年未汇总", None)]


def test_a_committee_retyped_with_spaces_or_full_width_forms_still_tells_same_named_branches_apart():
    # 第一党支部 under two committees last year: the committee says which, as duplicates compare it (branch_key)
    previous = {("机关党委（本部）", "第一党支部"): [(1, "学习不深", "")], ("后勤党委", "第一党支部"): [(1, "纪律松弛", "")]}
    sheet = followup_sheet([branch("第一 党支部", "学习不深入", committee="机关 党委(本部)"),
                            branch("第一党支部", "纪律松弛", committee="后勤党委")], previous)
    assert [row[:2] + row[5:] for row in sheet.rows] == [  # last year's names as last year wrote them
        ("第一党支部", "机关党委（本部）", "今年仍列为问题", "学习不深入"), ("第一党支部", "后勤党委", "今年仍列为问题", "纪律松弛")]


@pytest.mark.parametrize("a, b, same", [
    ("组织生活松散", "组织生活不够", True),  # pairs 组织 织生 生活 shared of 5 and 5: 2·3/10 = 0.6
    ("组织生活松散", "组织生活欠缺规范", False),  # 3 shared of 5 and 7: 6/12 = 0.5
    ("组织生活、松散。", "组织生活松散", True),  # punctuation is not text
    ("学_习", "学习", True),  # nor is the underscore
    ("作风", "纪律", False),
    ("学", "学", False),  # one character has no pair
    ("", "学习", False),
    ("学习", "", False),
])
def test_the_same_problem_shares_at_least_six_tenths_of_its_character_pairs(a, b, same):
    assert _same_problem(a, b) is same


def _with_sheet_xml(path: Path, edit, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """Rewrite *path* with its sheet *part*'s XML (问题汇总's unless told) edited by *edit* (as a hostile or damaged
    summary would hold it)."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, edit(data) if name == part else data)
    return path


def test_last_years_summary_is_read_through_the_readers_guards(tmp_path, monkeypatch):
    # calamine would allocate a grid as far as the cell (here 16,384 columns × 1,048,576 rows) and abort the process
    header = ["支部名称", "序号", "问题标题", "具体表现"]
    far = _with_sheet_xml(summary(tmp_path / "远.xlsx", header, [("甲", 1, "学习不深", "学得少")]), lambda xml: xml.replace(
        b"</row></sheetData>", b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    with pytest.raises(WorkbookError) as raised:
        previous_problems(far)
    assert (Path(raised.value.file).name, raised.value.sheet, raised.value.cell) == ("远.xlsx", "问题汇总", "XFD1048576")
    assert "超出本程序读取的范围（每张表最多 1048576 行、50 列" in raised.value.message
    # a page is inflated only up to a summary's limit (a few hundred KB can declare gigabytes)
    big = summary(tmp_path / "大.xlsx", header, [("甲", n, "问题" * 20, "表现" * 20) for n in range(100)])
    assert len(previous_problems(big)[None, "甲"]) == 100
    monkeypatch.setattr(followup, "MAX_SUMMARY_PART_BYTES", 5_000)  # below the page, above the workbook's own parts
    with pytest.raises(WorkbookError) as raised:
        previous_problems(big)
    assert Path(raised.value.file).name == "大.xlsx" and raised.value.message.startswith("文件过大：")
    assert "“xl/worksheets/sheet1.xml”" in raised.value.message  # the page, not the summary as a whole


def _with_text(path: Path, text: bytes) -> Path:
    """Rewrite the summary at *path* with one more cell in 问题汇总 holding *text* as XML writes it (inline)."""
    return _with_sheet_xml(path, lambda xml: xml.replace(
        b"</row></sheetData>", b'<c r="E2" t="inlineStr"><is><t>' + text + b"</t></is></c></row></sheetData>"))


@pytest.mark.parametrize("text", [b"A" * (32_767 * 10 + 1_100), b"A" * 40_000 + b"<![CDATA[<]]>" + b"A" * 40_000],
                         ids=["longer-than-a-cell", "cdata"])
def test_a_text_longer_than_a_cell_in_last_years_summary_is_refused_before_calamine_reads_it(tmp_path, text):
    # a summary of a few hundred KB may hold one text of 900 M characters: calamine would make it one string
    header = ["支部名称", "序号", "问题标题", "具体表现"]
    path = _with_text(summary(tmp_path / "长.xlsx", header, [("甲", 1, "学习不深", "学得少")]), text)
    with pytest.raises(WorkbookError) as raised:
        previous_problems(path)
    assert (Path(raised.value.file).name, raised.value.sheet) == ("长.xlsx", "问题汇总")
    assert raised.value.message == ("上年度汇总工作簿中有超长的单元格文字（Excel 每个单元格最多 32,767 个字符）或异常的写法，"
                                    "不是本程序生成的汇总工作簿，无法读取。请选择完好的上年度汇总工作簿。")


def test_a_stretch_longer_than_a_cell_in_a_part_the_sheets_share_is_refused_naming_no_sheet(tmp_path):
    # the styles (as the shared strings) belong to no one sheet: the refusal names the file alone
    header = ["支部名称", "序号", "问题标题", "具体表现"]
    path = _with_sheet_xml(summary(tmp_path / "长.xlsx", header, [("甲", 1, "学习不深", "学得少")]),
                           lambda xml: xml.replace(b"</styleSheet>", b"<!--" + b"A" * (32_767 * 10 + 1_100) + b"-->"
                                                   b"</styleSheet>"), "xl/styles.xml")
    with pytest.raises(WorkbookError) as raised:
        previous_problems(path)
    assert (Path(raised.value.file).name, raised.value.sheet) == ("长.xlsx", "")
    assert "超长的单元格文字" in raised.value.message


def test_the_longest_text_a_cell_holds_is_read(tmp_path):
    # 32,767 characters, each as long as XML can write one (&#1114111;: 10 bytes), are not refused
    header = ["支部名称", "序号", "问题标题", "具体表现"]
    path = _with_text(summary(tmp_path / "满.xlsx", header, [("甲", 1, "学习不深", "学得少")]), b"&#1114111;" * 32_767)
    assert previous_problems(path)[None, "甲"] == [(1, "学习不深", "学得少")]


def test_problems_continued_on_further_pages_follow_the_first_pages_without_their_headers(tmp_path):
    # a 问题汇总 past what Excel opens goes on 问题汇总（2）…, each page under the header again (run._detail_sheets)
    header = ["支部名称", "序号", "问题标题", "具体表现"]
    path = summary(tmp_path / "去年.xlsx", header, [("甲", 1, "学习不深", "学得少")],
                   pages=([("乙", 1, "作风不实", "迟到"), ("甲", 2, "纪律松弛", "")], [("丙", 1, "会少", "")]))
    assert previous_problems(path) == {(None, "甲"): [(1, "学习不深", "学得少"), (2, "纪律松弛", "")],
                                       (None, "乙"): [(1, "作风不实", "迟到")], (None, "丙"): [(1, "会少", "")]}


def test_a_summary_whose_list_of_sheets_is_damaged_is_refused_naming_the_file(tmp_path):
    header = ["支部名称", "序号", "问题标题", "具体表现"]
    path = _with_sheet_xml(summary(tmp_path / "坏.xlsx", header, [("甲", 1, "学习不深", "学得少")]),
                           lambda xml: xml.replace(b"</workbook>", b""), "xl/workbook.xml")
    with pytest.raises(WorkbookError) as raised:
        previous_problems(path)
    assert Path(raised.value.file).name == "坏.xlsx" and "工作簿的目录无法解析" in raised.value.message


def test_a_summary_larger_than_a_branchs_workbook_may_be_is_read(tmp_path):
    # a whole system's summary holds parts far past a branch's workbook limits (its 台账汇总: ~2 GB at 100,000
    # branches); here a part of 65 MiB of spaces the reader never needs, in ~65 KB
    import zipfile

    header = ["支部名称", "序号", "问题标题", "具体表现"]
    path = summary(tmp_path / "全系统.xlsx", header, [("甲", 1, "学习不深", "学得少")])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/media/large.bin", b" " * (65 * 2**20))
    assert previous_problems(path) == {(None, "甲"): [(1, "学习不深", "学得少")]}


def test_last_years_overview_is_read_through_the_readers_guards_too(tmp_path):
    overview = [OVERVIEW_HEADER, ("甲", "机关党委", "甲.xlsx", "完整")]
    far = _with_sheet_xml(summary(tmp_path / "远.xlsx", ["支部名称", "源文件", "序号", "问题标题", "具体表现"],
                                  [("甲", "甲.xlsx", 1, "学习不深", "学得少")], overview=overview), lambda xml: xml.replace(
        b"</row></sheetData>", b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'),
        "xl/worksheets/sheet2.xml")
    with pytest.raises(WorkbookError) as raised:
        previous_problems(far)
    assert (Path(raised.value.file).name, raised.value.sheet, raised.value.cell) == ("远.xlsx", "总览", "XFD1048576")


def test_a_damaged_overview_is_refused_naming_it(tmp_path):
    overview = [OVERVIEW_HEADER, ("甲", "机关党委", "甲.xlsx", "完整")]
    damaged = _with_sheet_xml(summary(tmp_path / "坏.xlsx", ["支部名称", "源文件", "序号", "问题标题", "具体表现"],
                                      [("甲", "甲.xlsx", 1, "学习不深", "学得少")], overview=overview), lambda xml: xml.replace(
        b"</sheetData>", b'<row r="3"><c r="A3" t="s"><v>999</v></c></row></sheetData>'), "xl/worksheets/sheet2.xml")
    with pytest.raises(WorkbookError) as raised:  # a shared string the workbook does not have: calamine's error
        previous_problems(damaged)
    assert (Path(raised.value.file).name, raised.value.sheet) == ("坏.xlsx", "总览")
    assert raised.value.message.startswith("上年度汇总工作簿已损坏，无法读取（")


@pytest.mark.parametrize("damaged", [False, True])
def test_the_checked_copy_calamine_reads_is_removed_read_or_refused(tmp_path, monkeypatch, damaged):
    # calamine reads the checked pages from a temporary file (a copy of the bytes would cost it their size again)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    path = summary(tmp_path / "去年.xlsx", ["支部名称", "序号", "问题标题", "具体表现"], [("甲", 1, "学习不深", "学得少")])
    if damaged:  # calamine's own error, raised while the file is open
        path = _with_sheet_xml(path, lambda xml: xml.replace(
            b"</sheetData>", b'<row r="3"><c r="A3" t="s"><v>999</v></c></row></sheetData>'))
        with pytest.raises(WorkbookError, match="上年度汇总工作簿已损坏"):
            previous_problems(path)
    else:
        assert previous_problems(path) == {(None, "甲"): [(1, "学习不深", "学得少")]}
    assert [p.name for p in tmp_path.iterdir()] == ["去年.xlsx"]
