"""Form sheets (基本信息) as users leave them: a label in column A, its value in B, whatever else the sheet
holds beside them. Read back from real workbooks edited with openpyxl."""

from __future__ import annotations

import openpyxl

from shuzhi_xl import schema
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.sniff import open_grids


def _without_columns(path, first: int, count: int):
    wb = openpyxl.load_workbook(path)
    wb[schema.INFO.name].delete_cols(first, count)
    wb.save(path)
    return path


def test_a_form_sheet_without_its_hint_column_reads_the_same(sample_xlsx):
    before = read_workbook(sample_xlsx).info
    _without_columns(sample_xlsx, 3, 1)
    assert {len(row) for row in open_grids(sample_xlsx)[schema.INFO.name]} == {2}  # labels and values only
    after = read_workbook(sample_xlsx).info
    assert after == before and (after.branch, after.committee, after.year) == ("XXX党支部", "X党委", 2021)


def test_a_form_sheet_left_with_only_its_labels_has_every_value_empty(sample_xlsx):
    _without_columns(sample_xlsx, 2, 2)
    assert {len(row) for row in open_grids(sample_xlsx)[schema.INFO.name]} == {1}
    info = read_workbook(sample_xlsx).info
    typed = ("branch", "committee", "secretary", "title", "author", "salutation", "opening", "closing", "signature")
    assert [getattr(info, key) for key in typed] == [""] * len(typed)
    assert (info.year, info.date) == (None, None)
