"""Print the in-process time to check the sample and a workbook with a 2,000-row ledger (median of several runs).

Run: python bench/check_speed.py
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

from shuzhi_xl import schema
from shuzhi_xl.checks import check_report, load_rules
from shuzhi_xl.model import LedgerEntry
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook

RUNS = 7
LEDGER_ROWS = 2000


def big_ledger_report():
    """Return the sample with LEDGER_ROWS ledger entries spread over its year."""
    report = sample_report()
    rng = random.Random(2000)
    start = dt.date(report.info.year, 1, 1)
    report.ledger = [LedgerEntry(start + dt.timedelta(days=rng.randrange(365)), rng.choice(schema.LEDGER_KINDS),
                                 f"第{i + 1}次活动", rng.randrange(5, 40)) for i in range(LEDGER_ROWS)]
    return report


def median_ms(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    load_rules()  # parsed once per process; not part of a check
    with tempfile.TemporaryDirectory() as folder:
        for label, report in (("示例工作簿", sample_report()), (f"{LEDGER_ROWS} 行台账", big_ledger_report())):
            path = write_workbook(Path(folder) / f"{label}.xlsx", report)
            read = read_workbook(path)
            findings = check_report(read)
            print(f"{label}: 检查 {median_ms(lambda: check_report(read)):.1f} ms，"
                  f"读取 {median_ms(lambda: read_workbook(path)):.1f} ms，"
                  f"{len(read.ledger)} 行台账，{len(findings)} 项结果（{RUNS} 次取中位数）")


if __name__ == "__main__":
    main()
