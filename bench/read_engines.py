"""Compare the reader's engine (python-calamine) with openpyxl on the sample workbook.

Run: python bench/read_engines.py [N]. Prints the median time per read of each engine side by side (N runs).
Both read every sheet's values; the model assembly on top (reader.report_from_grids) is timed apart, against
the same openpyxl read. Last, the reader's whole work on a file (its checks of the package, the read and the
model, as every door does) beside the floor of issue 17: python-calamine reading every sheet.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from baseline import median_ms, openpyxl_grids, print_table
from consolidate_speed import calamine_floor
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.reader import report_from_grids
from shuzhi_xl.xlsx.sniff import open_grids, open_sheets
from shuzhi_xl.xlsx.template import write_workbook

BASELINE = "openpyxl 只读读取"
FLOOR = "python-calamine 读出全部工作表"


def main(runs: int = 20) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(Path(tmp) / "sample.xlsx", sample_report())
        grids = open_grids(path)
        baseline = median_ms(lambda: openpyxl_grids(path), runs)
        rows = [("python-calamine 读取", median_ms(lambda: open_grids(path), runs), BASELINE, baseline),
                ("由表格数据组装模型", median_ms(lambda: report_from_grids(grids), runs), BASELINE, baseline),
                ("检查、读取并组装模型", median_ms(lambda: report_from_grids(open_sheets(path).grids), runs), FLOOR,
                 median_ms(lambda: calamine_floor(path), runs))]
    print(f"示例工作簿，{runs} 次取中位数")
    print_table(rows)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
