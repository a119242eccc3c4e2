"""The ledger against the meeting rules, as specifications: which periods fall short, which rows count, and what
the text may cite. Expected findings are written out by hand from the dates in each test."""

from __future__ import annotations

import datetime as dt

import pytest

from checks_support import MONTHLY, QUARTERLY, YEAR, clean_report
from shuzhi_xl.checks import check_report, load_rules
from shuzhi_xl.checks import ledger as ledger_checks
from shuzhi_xl import schema
from shuzhi_xl.model import IgnoredValue, LedgerEntry, Location

GENERAL_MEETING, PARTY_LECTURE = QUARTERLY  # 支部党员大会 and 党课: at least once a quarter by default


def _report_with(kind: str, *dates: dt.date):
    """Return the clean report with *kind*'s ledger rows replaced by one row per date."""
    report = clean_report()
    report.ledger = [e for e in report.ledger if e.kind != kind]
    report.ledger += [LedgerEntry(d, kind, f"{kind}{i}", 10) for i, d in enumerate(dates)]
    return report


def _messages(report, code: str) -> list[str]:
    return [f.message for f in check_report(report) if f.code == code]


def test_three_general_meetings_in_the_first_quarter_meet_nothing_from_the_second_quarter_on():
    report = _report_with(GENERAL_MEETING, dt.date(YEAR, 1, 9), dt.date(YEAR, 2, 9), dt.date(YEAR, 3, 9))
    assert _messages(report, "LG001") == [
        "“支部党员大会”应每季度至少 1 次，台账中第二季度没有记录、第三季度没有记录、第四季度没有记录。"]


@pytest.mark.parametrize("months", [(1, 4, 7, 10), (2, 5, 8, 11), (3, 6, 9, 12)])
def test_a_meeting_in_any_month_of_each_quarter_meets_the_quarterly_rule(months):
    report = _report_with(GENERAL_MEETING, *(dt.date(YEAR, m, 28) for m in months))
    assert _messages(report, "LG001") == []


@pytest.mark.parametrize("missing, label", [(3, "第一季度"), (6, "第二季度"), (9, "第三季度"), (12, "第四季度")])
def test_a_quarter_whose_only_meeting_is_gone_falls_short(missing, label):
    months = [m for m in (3, 6, 9, 12) if m != missing]
    report = _report_with(PARTY_LECTURE, *(dt.date(YEAR, m, 30) for m in months))
    assert _messages(report, "LG001") == [f"“党课”应每季度至少 1 次，台账中{label}没有记录。"]


def test_a_month_without_a_committee_meeting_is_named(tmp_path):
    committee = MONTHLY[0]
    report = _report_with(committee, *(dt.date(YEAR, m, 1) for m in range(1, 13) if m != 7))
    assert _messages(report, "LG001") == ["“支部委员会会议”应每月至少 1 次，台账中7月没有记录。"]


def test_a_stricter_minimum_counts_each_period(tmp_path):
    rules_path = tmp_path / "规则.toml"
    rules_path.write_text('[ledger.frequency]\n"党课" = { per = "季度", min = 2 }\n', encoding="utf-8")
    # two in Q1, one in Q2, two in Q3 (its first and last month), none in Q4
    report = _report_with(PARTY_LECTURE, dt.date(YEAR, 1, 5), dt.date(YEAR, 3, 5), dt.date(YEAR, 5, 5),
                          dt.date(YEAR, 7, 5), dt.date(YEAR, 9, 30))
    found = [f.message for f in check_report(report, load_rules(rules_path)) if f.code == "LG001"]
    assert found == ["“党课”应每季度至少 2 次，台账中第二季度只有 1 次、第四季度没有记录。"]


def test_yearly_rule_is_met_by_one_row_in_any_month_and_missed_by_none():
    assert _messages(_report_with("谈心谈话", dt.date(YEAR, 1, 1)), "LG001") == []
    assert _messages(_report_with("谈心谈话"), "LG001") == [f"“谈心谈话”应每年至少 1 次，台账中{YEAR}年没有记录。"]


def test_rows_outside_the_report_year_count_for_no_period():
    # The Q4 meeting is dated in the next year, the Q1 one in the previous year: both quarters are short.
    report = _report_with(GENERAL_MEETING, dt.date(YEAR - 1, 2, 1), dt.date(YEAR, 5, 1), dt.date(YEAR, 8, 1),
                          dt.date(YEAR + 1, 11, 1))
    assert _messages(report, "LG001") == [
        "“支部党员大会”应每季度至少 1 次，台账中第一季度没有记录、第四季度没有记录。"]
    assert sorted(_messages(report, "LG002")) == [
        f"台账日期 {YEAR - 1}-02-01 不在述职年度 {YEAR} 年内。", f"台账日期 {YEAR + 1}-11-01 不在述职年度 {YEAR} 年内。"]


def test_rows_without_a_kind_or_date_count_for_nothing():
    report = _report_with(PARTY_LECTURE, dt.date(YEAR, 2, 1), dt.date(YEAR, 5, 1), dt.date(YEAR, 8, 1))
    report.ledger += [LedgerEntry(dt.date(YEAR, 11, 1), "", "无类型", 3), LedgerEntry(None, PARTY_LECTURE, "无日期", 3)]
    assert _messages(report, "LG001") == ["“党课”应每季度至少 1 次，台账中第四季度没有记录。"]
    assert len(ledger_checks.entries_in_year(report)) == len(report.ledger) - 2


def _today_is(monkeypatch, day: dt.date) -> None:
    class Fixed(dt.date):
        @classmethod
        def today(cls):
            return cls(day.year, day.month, day.day)

    monkeypatch.setattr(ledger_checks.dt, "date", Fixed)


@pytest.mark.parametrize("today, expected", [
    (dt.date(YEAR, 3, 31), []),  # only the first quarter has begun, and it has its meeting
    (dt.date(YEAR, 4, 1), ["第二季度没有记录"]),  # the second quarter begins on its first day
    (dt.date(YEAR, 5, 15), ["第二季度没有记录"]),
])
def test_periods_not_yet_begun_are_not_short(monkeypatch, today, expected):
    _today_is(monkeypatch, today)
    report = _report_with(GENERAL_MEETING, dt.date(YEAR, 2, 1))
    assert _messages(report, "LG001") == [f"“支部党员大会”应每季度至少 1 次，台账中{'、'.join(expected)}。"] * bool(expected)


def test_a_month_and_a_year_begin_on_their_first_day(monkeypatch):
    _today_is(monkeypatch, dt.date(YEAR, 1, 1))
    report = _report_with("谈心谈话")
    report.ledger = [e for e in report.ledger if e.kind != MONTHLY[0]]
    found = _messages(report, "LG001")
    assert f"“谈心谈话”应每年至少 1 次，台账中{YEAR}年没有记录。" in found
    assert "“支部委员会会议”应每月至少 1 次，台账中1月没有记录。" in found


def test_january_counts_like_any_month():
    committee = MONTHLY[0]
    report = _report_with(committee, *(dt.date(YEAR, m, 1) for m in range(2, 13)))
    assert _messages(report, "LG001") == ["“支部委员会会议”应每月至少 1 次，台账中1月没有记录。"]


def test_an_empty_ledger_is_one_note_on_the_ledger_sheet_and_nothing_is_counted():
    report = clean_report()
    report.ledger = []
    found = [f for f in check_report(report) if f.code.startswith("LG")]
    assert [(f.code, f.severity, f.sheet, f.cell) for f in found] == [("LG006", "info", "活动台账", "")]
    assert found[0].message == "活动台账是空的，无法核对“三会一课”等活动的频次和正文中的次数。"
    assert found[0].suggestion == "在“活动台账”中逐次登记全年的会议和活动。"


@pytest.mark.parametrize("text, expected", [
    ("全年召开支部党员大会4次。", []),
    ("全年召开支部党员大会3次。", ["正文写“全年召开支部党员大会3次。”，台账中“支部党员大会”共有 4 次。"]),  # under-cited
    ("全年召开支部党员大会5次。", ["正文写“全年召开支部党员大会5次。”，台账中“支部党员大会”共有 4 次。"]),
    ("共召开4次支部党员大会。", []),
    ("共召开14次支部党员大会。", ["正文写“共召开14次支部党员大会。”，台账中“支部党员大会”共有 4 次。"]),
])
def test_counts_cited_in_the_text_must_equal_the_rows_of_the_report_year(text, expected):
    # Four meetings in the year and one the year before: the text must say 4.
    report = _report_with(GENERAL_MEETING, *(dt.date(YEAR, m, 3) for m in (3, 6, 9, 12)), dt.date(YEAR - 1, 12, 3))
    report.parts[0].sections[2].points[-1].body = text
    assert _messages(report, "LG003") == expected


KINDS_LISTED = ("支部党员大会、支部委员会会议、党小组会、党课、主题党日、组织生活会、民主评议党员、谈心谈话、集中学习、"
                "志愿服务、参观学习、其他")


def _row(date, kind, row: int) -> LedgerEntry:
    return LedgerEntry(date, kind, "主题", 5, where={"date": Location("活动台账", f"A{row}"),
                                                     "kind": Location("活动台账", f"B{row}")})


def test_each_ledger_finding_in_full():
    report = _report_with(PARTY_LECTURE, dt.date(YEAR, 2, 1), dt.date(YEAR, 5, 1), dt.date(YEAR, 8, 1))
    report.ledger += [_row(None, PARTY_LECTURE, 60), _row(dt.date(YEAR - 1, 6, 1), PARTY_LECTURE, 61),
                      _row(dt.date(YEAR, 6, 1), "读书会", 62), _row(dt.date(YEAR, 6, 2), "", 63)]
    found = [(f.code, f.severity, f.sheet, f.cell, f.message, f.suggestion)
             for f in check_report(report) if f.code.startswith("LG")]
    assert sorted(found) == sorted([
        ("LG001", "warning", "活动台账", "", "“党课”应每季度至少 1 次，台账中第四季度没有记录。",
         "补登漏记的活动；确未开展的，在报告中说明原因。"),
        ("LG002", "warning", "活动台账", "A61", f"台账日期 {YEAR - 1}-06-01 不在述职年度 {YEAR} 年内。",
         "核对日期，或删除往年的记录。"),
        ("LG004", "warning", "活动台账", "A60", "这一行台账没有日期。", "填写活动日期，如 2024-03-15。"),
        ("LG005", "warning", "活动台账", "B62", "这一行台账“读书会”不是可选的活动类型，不计入频次核对。",
         f"从下拉列表中选择：{KINDS_LISTED}。"),
        ("LG005", "warning", "活动台账", "B63", "这一行台账没有填写活动类型，不计入频次核对。",
         f"从下拉列表中选择：{KINDS_LISTED}。"),
    ])


def test_a_date_the_reader_could_not_read_is_reported_once_not_again_as_missing():
    report = _report_with(PARTY_LECTURE, *(dt.date(YEAR, m, 1) for m in (2, 5, 8, 11)))
    report.ledger.append(_row(None, PARTY_LECTURE, 70))
    report.ignored.append(IgnoredValue(Location("活动台账", "A70"), schema.LEDGER.field("date"), "三月"))
    codes = [(f.code, f.cell) for f in check_report(report) if f.cell == "A70"]
    assert codes == [("ST009", "A70")]


def test_a_wrong_count_in_the_text_is_an_error_at_its_cell():
    report = _report_with(GENERAL_MEETING, *(dt.date(YEAR, m, 3) for m in (3, 6, 9, 12)))
    point = report.parts[0].sections[2].points[-1]
    point.body = "全年召开支部党员大会3次。"
    point.where = {"body": Location("活动开展", "C9")}
    found = [(f.severity, f.sheet, f.cell, f.suggestion) for f in check_report(report) if f.code == "LG003"]
    assert found == [("error", "活动开展", "C9", "核对正文中的次数与活动台账，使两者一致。")]


def test_a_count_cited_under_an_alias_is_checked_against_its_kind():
    report = _report_with(GENERAL_MEETING, *(dt.date(YEAR, m, 3) for m in (3, 6, 9, 12)))
    report.parts[0].sections[2].points[-1].body = "全年召开党员大会3次。"
    assert _messages(report, "LG003") == ["正文写“全年召开党员大会3次。”，台账中“支部党员大会”共有 4 次。"]



def test_a_count_cited_with_leading_zeros_or_thousands_of_digits_is_compared_as_a_number():
    report = _report_with(GENERAL_MEETING, *(dt.date(YEAR, m, 3) for m in (3, 6, 9, 12)))
    point = report.parts[0].sections[2].points[-1]
    point.body = "全年召开党员大会04次。"
    assert _messages(report, "LG003") == []
    point.body = "全年召开党员大会40次。"
    assert _messages(report, "LG003") == ["正文写“全年召开党员大会40次。”，台账中“支部党员大会”共有 4 次。"]
    none_held = _report_with(GENERAL_MEETING)
    for cited, expected in (("0", 0), ("00", 0), ("1", 1)):
        none_held.parts[0].sections[2].points[-1].body = f"全年召开党员大会{cited}次。"
        assert len(_messages(none_held, "LG003")) == expected
    point.body = "全年召开党员大会" + "4" * 5000 + "次。"  # past int()'s 4,300 digits: a finding, not a crash
    [message] = _messages(report, "LG003")
    assert message.startswith("正文写“全年召开党员大会4444") and message.endswith("，台账中“支部党员大会”共有 4 次。")

def test_a_committee_may_add_a_frequency_for_a_kind_without_aliases(tmp_path):
    rules_path = tmp_path / "规则.toml"
    rules_path.write_text('[ledger.frequency]\n"集中学习" = { per = "年", min = 1 }\n', encoding="utf-8")
    report = _report_with("集中学习", dt.date(YEAR, 3, 1), dt.date(YEAR, 9, 1))
    report.parts[0].sections[2].points[-1].body = "开展集中学习3次。"
    found = [f.message for f in check_report(report, load_rules(rules_path)) if f.code == "LG003"]
    assert found == ["正文写“开展集中学习3次。”，台账中“集中学习”共有 2 次。"]


def test_a_report_for_a_year_not_yet_begun_has_no_period_to_fall_short(monkeypatch):
    _today_is(monkeypatch, dt.date(YEAR - 1, 12, 31))
    assert _messages(_report_with(GENERAL_MEETING), "LG001") == []


def test_a_count_in_matches_is_checked_and_a_kind_without_rows_has_none():
    report = _report_with(GENERAL_MEETING, dt.date(YEAR, 3, 3), dt.date(YEAR, 3, 20))  # two in one month count two
    report.ledger = [e for e in report.ledger if e.kind != PARTY_LECTURE]
    report.parts[0].sections[2].points[-1].body = "召开支部党员大会2场，讲党课1场"
    assert _messages(report, "LG003") == ["正文写“…大会2场，讲党课1场”，台账中“党课”共有 0 次。"]
    report.parts[0].sections[2].points[-1].body = "召开支部党员大会3场，讲党课0场"
    assert _messages(report, "LG003") == ["正文写“召开支部党员大会3场，讲党课0场”，台账中“支部党员大会”共有 2 次。"]


def test_the_cited_count_pattern_knows_each_kind_by_its_aliases():
    pattern, kinds = ledger_checks.count_pattern(load_rules())
    assert kinds["支委会"] == kinds["支部委员会"] == kinds["支部委员会会议"] == "支部委员会会议"
    assert kinds["党员大会"] == "支部党员大会" and "集中学习" not in kinds  # no frequency rule, no count to check
    assert [m.group(0) for m in pattern.finditer("召开支委会10次，党员大会 共 4 场")] == ["支委会10次", "党员大会 共 4 场"]
