"""The summary's charts stay readable at 20, 200 and 2,000 branches: every category labelled, room for each bar,
and a chart no taller than a printed page."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from lxml import etree

from shuzhi_xl.checks.rules import load_rules
from shuzhi_xl.consolidate import views
from shuzhi_xl.consolidate.collect import Branch
from shuzhi_xl.consolidate.summary import write_summary

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"}
#: Pixels of a row XlsxWriter anchors charts by (15 pt), and of one EMU.
ROW_PIXELS, EMU_PER_PIXEL = 20, 9525
#: A category label in 9 pt needs about 12 pt of height: 16 pixels.
MIN_BAR_PIXELS = 16
#: Printable height of an A4 landscape page (595 pt less ~0.75 in margins), in pixels at 96 dpi.
PAGE_PIXELS = 680


def _branches(count: int) -> list[Branch]:
    rules, rng = load_rules(), random.Random(count)
    kinds = rules.required_kinds
    return [Branch(file=f"{i:04d}.xlsx", mtime=0.0, branch=f"第{i}党支部", committee="机关党委", secretary="",
                   year=2024, errors=0, warnings=0, ledger_counts={k: rng.randint(0, 12) for k in kinds},
                   ledger_total=0, compliance={k: rng.random() < 0.7 for k in kinds}, metrics={}, problems=(), rows={})
            for i in range(count)]


def _charts(count: int) -> list[tuple[int, float, bool]]:
    """Return each chart of the summary of *count* branches: (categories, height in pixels, every label shown)."""
    rules, branches = load_rules(), _branches(count)
    counted = views.tally(branches, rules)
    overview, _ = views.overview(branches, counted, [], rules, {})
    sheets = [overview, views.compliance_table(counted, rules), views.distribution_sheet(counted, rules)]
    out = io.BytesIO()
    write_summary(out, sheets, views.charts(overview, branches, rules))
    charts = []
    with zipfile.ZipFile(out) as package:
        drawing = etree.fromstring(package.read("xl/drawings/drawing1.xml"))
        heights = [(int(a.find("xdr:to/xdr:row", NS).text) - int(a.find("xdr:from/xdr:row", NS).text)) * ROW_PIXELS
                   + (int(a.find("xdr:to/xdr:rowOff", NS).text) - int(a.find("xdr:from/xdr:rowOff", NS).text))
                   / EMU_PER_PIXEL for a in drawing.iterfind("xdr:twoCellAnchor", NS)]
        names = sorted((n for n in package.namelist() if n.startswith("xl/charts/chart")),
                       key=lambda n: int(n.removeprefix("xl/charts/chart").removesuffix(".xml")))
        for name, height in zip(names, heights):
            chart = etree.fromstring(package.read(name))
            first, last = chart.find(".//c:cat//c:f", NS).text.split("!")[1].replace("$", "").split(":")
            categories = int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) - int(first.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
            skip = chart.find(".//c:catAx/c:tickLblSkip", NS)
            charts.append((categories, height, skip is None or skip.get("val") == "1"))
    assert len(charts) == len(heights)
    return charts


@pytest.mark.parametrize("count", [20, 30, 200, 2000])
def test_charts_are_readable_whatever_the_number_of_branches(count):
    charts = _charts(count)
    assert len(charts) >= 2
    for categories, height, every_label in charts:
        assert every_label
        assert categories * MIN_BAR_PIXELS <= height <= PAGE_PIXELS, (categories, height)


def test_a_few_branches_also_get_a_bar_each():
    assert 20 in [categories for categories, _, _ in _charts(20)]
    assert all(categories < 200 for categories, _, _ in _charts(200))
