"""The model's records: equal when their values are, whatever cells the values came from; shown by their values."""

from __future__ import annotations

import datetime as dt
from dataclasses import field, fields, is_dataclass

import pytest

from shuzhi_xl import model
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


def test_a_record_is_declared_one_way_and_every_record_has_the_same_equality_and_repr():
    # Deriving from model._Record makes a class a dataclass with these; nothing else to add, nothing to forget.
    class Extra(model._Record):
        name: str = ""
        where: dict = field(default_factory=dict, compare=False, repr=False)

    assert Extra("甲", {"name": Location("报告正文", "B2")}) == Extra("甲") != Extra("乙")
    assert repr(Extra("甲")) == "Extra(name='甲')" and [f.name for f in fields(Extra)] == ["name", "where"]
    for record in (Point, Section, Part, Info, LedgerEntry, Metric, Report, Extra):
        assert is_dataclass(record) and (record.__eq__, record.__repr__) == (Point.__eq__, Point.__repr__)
