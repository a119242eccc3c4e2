"""Compare the reader's engine (python-calamine) with openpyxl on the sample workbook.

Run: python bench/read_engines.py [N]. Prints the median time per read for each engine and the ratio.
Both read every sheet's values; the model assembly on top (reader.report_from_grids) is timed apart.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.reader import report_from_grids
from shuzhi_xl.xlsx.sniff import open_grids
from shuzhi_xl.xlsx.template import write_workbook


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def openpyxl_grids(path: Path) -> dict:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def main(runs: int = 20) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(Path(tmp) / "sample.xlsx", sample_report())
        grids = open_grids(path)
        calamine = median_time(lambda: open_grids(path), runs)
        baseline = median_time(lambda: openpyxl_grids(path), runs)
        assemble = median_time(lambda: report_from_grids(grids), runs)
    print(f"sample workbook, median of {runs} runs")
    print(f"  python-calamine read : {calamine * 1000:8.1f} ms")
    print(f"  openpyxl read (ro)   : {baseline * 1000:8.1f} ms")
    print(f"  ratio openpyxl/calamine: {baseline / calamine:6.1f}x")
    print(f"  model assembly       : {assemble * 1000:8.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
