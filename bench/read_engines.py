"""Compare the reader's engine (python-calamine) with openpyxl on the sample workbook.

Run: python bench/read_engines.py [N]. Prints the median time per read of each engine side by side (N runs).
Both read every sheet's values; the model assembly on top (reader.report_from_grids) is timed apart, against
the same openpyxl read.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from baseline import median_ms, openpyxl_grids, print_table
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.reader import report_from_grids
from shuzhi_xl.xlsx.sniff import open_grids
from shuzhi_xl.xlsx.template import write_workbook

BASELINE = "openpyxl 只读读取"


def main(runs: int = 20) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(Path(tmp) / "sample.xlsx", sample_report())
        grids = open_grids(path)
        baseline = median_ms(lambda: openpyxl_grids(path), runs)
        rows = [("python-calamine 读取", median_ms(lambda: open_grids(path), runs), BASELINE, baseline),
                ("由表格数据组装模型", median_ms(lambda: report_from_grids(grids), runs), BASELINE, baseline)]
    print(f"示例工作簿，{runs} 次取中位数")
    print_table(rows)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
