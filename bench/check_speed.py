"""Print the in-process time to read and to check the sample and a workbook with a 2,000-row ledger (median of
several runs), each beside a plain openpyxl read of the same file.

Run: python bench/check_speed.py
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

from baseline import median_ms, openpyxl_grids, print_table
from shuzhi_xl import schema
from shuzhi_xl.checks import check_report, load_rules
from shuzhi_xl.model import LedgerEntry
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook

RUNS = 7
LEDGER_ROWS = 2000
BASELINE = "openpyxl 只读读取同一文件"


def big_ledger_report():
    """Return the sample with LEDGER_ROWS ledger entries spread over its year."""
    report = sample_report()
    rng = random.Random(2000)
    start = dt.date(report.info.year, 1, 1)
    report.ledger = [LedgerEntry(start + dt.timedelta(days=rng.randrange(365)), rng.choice(schema.LEDGER_KINDS),
                                 f"第{i + 1}次活动", rng.randrange(5, 40)) for i in range(LEDGER_ROWS)]
    return report


def main() -> None:
    load_rules()  # parsed once per process; not part of a check
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, report in (("示例工作簿", sample_report()), (f"{LEDGER_ROWS} 行台账", big_ledger_report())):
            path = write_workbook(Path(folder) / f"{label}.xlsx", report)
            read = read_workbook(path)
            baseline = median_ms(lambda: openpyxl_grids(path), RUNS)
            rows += [(f"{label}：读取", median_ms(lambda: read_workbook(path), RUNS), BASELINE, baseline),
                     (f"{label}：检查（{len(check_report(read))} 项结果）", median_ms(lambda: check_report(read), RUNS),
                      BASELINE, baseline)]
    print(f"{RUNS} 次取中位数")
    print_table(rows)


if __name__ == "__main__":
    main()
