"""Print the in-process time to build and save the sample's Word report (median of several runs), the import
time of the report path (python -X importtime, summed), and whether pandas is imported on that path.

Run: python bench/report_speed.py
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shuzhi_xl.report.docx import build_document
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.samples import sample_report

RUNS = 15
REPORT_PATH = "import shuzhi_xl.report.write, shuzhi_xl.report.pdf, shuzhi_xl.xlsx.reader"
#: In a fresh interpreter: read the sample workbook, write its report, list what got imported.
BUILD_IN_SUBPROCESS = """
import sys
from shuzhi_xl.report.write import write_report
from shuzhi_xl.xlsx.reader import read_workbook
write_report(read_workbook(sys.argv[1]), sys.argv[2])
print("pandas" in sys.modules)
"""


def median_ms(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def import_ms(statement: str) -> float:
    """Return the import time of *statement*: the cumulative times of the top-level imports, from -X importtime."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", statement], capture_output=True, text=True,
                         check=True).stderr
    rows = [line[len("import time:"):].split("|") for line in err.splitlines() if line.startswith("import time:")]
    return sum(int(cumulative) for _, cumulative, name in rows[1:] if not name.startswith("  ")) / 1000


def main() -> None:
    report = sample_report()

    def build() -> None:
        build_document(report).save(io.BytesIO())

    print(f"report text (paragraphs)          {median_ms(lambda: report_paragraphs(report)):8.2f} ms")
    print(f"report .docx build + save          {median_ms(build):8.2f} ms   (median of {RUNS})")
    print(f"import time of the report path     {import_ms(REPORT_PATH):8.1f} ms   ({REPORT_PATH})")
    with tempfile.TemporaryDirectory() as tmp:
        from shuzhi_xl.xlsx.template import write_workbook

        workbook = write_workbook(Path(tmp) / "示例.xlsx", report)
        out = subprocess.run([sys.executable, "-c", BUILD_IN_SUBPROCESS, str(workbook), str(Path(tmp) / "r.docx")],
                             capture_output=True, text=True, check=True).stdout.split()
    pandas_loaded = out[-1] == "True"
    print(f"pandas imported on the report path: {'YES (must not be)' if pandas_loaded else 'no'}")
    if pandas_loaded:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
