"""The texts the rule families read: every printed text in reading order with its cell and what the generator does
with it, then the ledger's and the metrics' texts; empty values are left out."""

from __future__ import annotations

import datetime as dt

from shuzhi_xl import schema
from shuzhi_xl.checks.cells import TextCell, Texts
from shuzhi_xl.model import NO_AUTHOR, Info, LedgerEntry, Location, Metric, Part, Point, Report, Section
from shuzhi_xl.report.text import report_paragraphs

INFO, BODY, LEDGER, METRICS = schema.INFO.name, schema.BODY.name, schema.LEDGER.name, schema.METRICS.name
KEYS = ("branch", "committee", "secretary", "title", "author", "salutation", "opening", "closing", "signature")


def _report() -> Report:
    info = Info(**{key: f"{key}文" for key in KEYS}, year=2023,
                where={key: Location(INFO, f"B{row}") for row, key in enumerate(KEYS, start=2)})
    points = [Point("引语", "有引语的正文。", where={"lead": Location(BODY, "D5"), "body": Location(BODY, "E5")}),
              Point("", "无引语的正文。", where={"body": Location(BODY, "E6")})]
    section = Section("小节标题", "导语。", points, where={"heading": Location(BODY, "D4"), "lead": Location(BODY, "E4")})
    parts = [Part("部分标题", [section, Section()], where={"heading": Location(BODY, "D3")}),
             Part("", [Section("", "无标题部分的段落。")])]
    ledger = [LedgerEntry(dt.date(2023, 3, 1), "党课", "党课主题", 9, "备注文",
                          where={"topic": Location(LEDGER, "C2"), "note": Location(LEDGER, "E2")}),
              LedgerEntry(dt.date(2023, 4, 1), "党课", "", None, "", where={})]
    metrics = [Metric("指标甲", 3.0, "个", "说明文", where={k: Location(METRICS, f"{c}2") for k, c in
                                                      zip(("name", "value", "unit", "note"), "ABCD")}),
               Metric("指标乙", "三个", "", "", where={"name": Location(METRICS, "A3"), "value": Location(METRICS, "B3")})]
    return Report(info, parts, ledger, metrics)


def _info(key: str, **kind: bool) -> TextCell:
    return TextCell(f"{key}文", Location(INFO, f"B{KEYS.index(key) + 2}"), **kind)


def test_printed_texts_come_in_reading_order_with_what_the_generator_adds():
    assert Texts(_report()).printed == (
        *(_info(key) for key in KEYS[:6]),
        _info("opening", paragraph=True),
        TextCell("部分标题", Location(BODY, "D3"), numbered=True),
        TextCell("小节标题", Location(BODY, "D4"), numbered=True),
        TextCell("导语。", Location(BODY, "E4"), paragraph=True),
        TextCell("引语", Location(BODY, "D5"), numbered=True),
        TextCell("有引语的正文。", Location(BODY, "E5"), paragraph=True),  # numbered by its lead, not itself
        TextCell("无引语的正文。", Location(BODY, "E6"), paragraph=True, numbered=True),
        TextCell("无标题部分的段落。", Location(), paragraph=True),  # no cell known: nowhere
        _info("closing", paragraph=True),
        _info("signature"),
    )


def test_every_text_adds_the_ledgers_and_the_metrics_after_the_printed_ones():
    texts = Texts(_report())
    assert texts.every[:len(texts.printed)] == texts.printed
    assert texts.every[len(texts.printed):] == (
        TextCell("党课主题", Location(LEDGER, "C2")), TextCell("备注文", Location(LEDGER, "E2")),
        TextCell("指标甲", Location(METRICS, "A2")), TextCell("个", Location(METRICS, "C2")),
        TextCell("说明文", Location(METRICS, "D2")),
        TextCell("指标乙", Location(METRICS, "A3")), TextCell("三个", Location(METRICS, "B3")),
    )


def test_an_empty_report_has_no_texts():
    texts = Texts(Report())
    assert texts.printed == () and texts.every == ()


def test_an_author_line_of_wu_is_not_printed_so_not_a_printed_text():
    for author, printed in ((NO_AUTHOR, False), ("张三", True)):
        report = Report(Info(author=author, where={"author": Location(INFO, "B6")}))
        assert ("author" in {p.role for p in report_paragraphs(report)}) is printed  # what the report prints
        assert (TextCell(author, Location(INFO, "B6")) in Texts(report).printed) is printed


def test_the_texts_after_an_author_of_wu_are_still_gathered():
    info = Info(author=NO_AUTHOR, salutation="各位领导：", where={"salutation": Location(INFO, "B7")})
    assert Texts(Report(info)).printed == (TextCell("各位领导：", Location(INFO, "B7")),)


def test_table_texts_whose_cell_is_not_known_are_nowhere():
    # as in a report built by hand or imported, not read from a workbook
    report = Report(ledger=[LedgerEntry(topic="主题", note="备注")], metrics=[Metric("指标", "三个", "个", "说明")])
    assert Texts(report).every == tuple(TextCell(text, Location()) for text in ("主题", "备注", "指标", "个", "说明", "三个"))
