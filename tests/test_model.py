"""The model's records: equal when their values are, whatever cells the values came from; shown by their values."""

from __future__ import annotations

import datetime as dt

import pytest

from shuzhi_xl.model import Info, LedgerEntry, Location, Metric, Part, Point, Report, Section


def test_records_are_equal_by_their_values_not_their_cells():
    here, there = {"lead": Location("报告正文", "D3")}, {"lead": Location(paragraph=4)}
    assert Point("抓学习", "正文。", where=here) == Point("抓学习", "正文。", where=there)
    assert Section("抓学习", points=[Point("甲")]) == Section("抓学习", points=[Point("甲")])
    assert Report(source="a.xlsx", version="2") == Report(source="b.docx")  # nor where a report was read


@pytest.mark.parametrize("one, other", [
    (Point("抓学习", "正文。"), Point("抓学习", "正文")),
    (Point("甲"), Section("甲")),  # another kind of record with the same first value
    (Section("抓学习", points=[Point("甲")]), Section("抓学习", points=[Point("乙")])),
    (Part("工作", numbering="1."), Part("工作")),
    (Info(year=2024), Info(year=2025)),
    (LedgerEntry(dt.date(2024, 3, 5), "党课"), LedgerEntry(dt.date(2024, 3, 6), "党课")),
    (Metric("项目数", 12.0), Metric("项目数", 12.5)),
    (Report(ledger=[LedgerEntry()]), Report()),
])
def test_records_differing_in_a_value_are_not_equal(one, other):
    assert one != other and other != one


def test_a_record_is_mutable_so_not_hashable_and_shows_its_values_not_its_cells():
    point = Point("抓学习", "正文。", where={"lead": Location("报告正文", "D3")})
    with pytest.raises(TypeError):
        hash(point)
    assert repr(point) == "Point(lead='抓学习', body='正文。')"
    assert repr(Metric("项目数", 12.0, "个")) == "Metric(name='项目数', value=12.0, unit='个', note='')"
