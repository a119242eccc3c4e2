"""Print the in-process time to lay out the sample's report text and to build and save its Word report (median of
several runs), beside python-docx writing the same paragraphs unstyled; the import time of the report path
(python -X importtime, summed) beside that of the libraries it needs; `shuzhi report` and `shuzhi check` on the
sample as whole processes beside a process that only imports the libraries they need (issue 17: at most 1.4×);
and whether pandas is imported on the report path.

Run: python bench/report_speed.py
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import docx

from baseline import children_cpu, installed_env, median_ms, print_table
from shuzhi_xl.report.package import write_docx
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.samples import sample_report

RUNS = 15
IMPORT_RUNS = 3
PROCESS_RUNS = 11
#: The whole-process target: each command at most this many times the bare import of its libraries.
PROCESS_TARGET = 1.4
REPORT_PATH = "import shuzhi_xl.report.write, shuzhi_xl.report.pdf, shuzhi_xl.xlsx.reader"
#: What the report path cannot do without.
LIBRARIES = "import docx, python_calamine"
#: In a fresh interpreter: read the sample workbook, write its report, list what got imported.
BUILD_IN_SUBPROCESS = """
import sys
from shuzhi_xl.report.write import write_report
from shuzhi_xl.xlsx.reader import read_workbook
write_report(read_workbook(sys.argv[1]), sys.argv[2])
print("pandas" in sys.modules)
"""


def import_ms(statement: str) -> float:
    """Return the import time of *statement* (median of IMPORT_RUNS fresh interpreters)."""
    return statistics.median(_import_once(statement) for _ in range(IMPORT_RUNS))


def _import_once(statement: str) -> float:
    """Return the import time of *statement*: the cumulative times of the top-level imports, from -X importtime."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", statement], capture_output=True, text=True,
                         check=True).stderr
    rows = [line[len("import time:"):].split("|") for line in err.splitlines() if line.startswith("import time:")]
    return sum(int(cumulative) for _, cumulative, name in rows[1:] if not name.startswith("  ")) / 1000


def process_ms(commands: list[list[str]], env: dict[str, str]) -> list[float]:
    """Return the CPU time (user + system) of running each of *commands* as a new process in *env*, in ms: the
    median of PROCESS_RUNS rounds, each running every command once (so that a change of load between them falls on
    all alike), after one round that writes the bytecode caches. CPU time, not wall: on an idle machine the two are
    the same for these single-threaded commands, on a shared one only the CPU time still says what a command costs
    (though a loaded machine inflates it too: compare figures of one run, and see the load printed)."""
    def run(command: list[str]) -> float:
        before = children_cpu()
        subprocess.run(command, capture_output=True, check=False, env=env)
        return children_cpu() - before

    for command in commands:
        run(command)
    rounds = [[run(command) for command in commands] for _ in range(PROCESS_RUNS)]
    return [statistics.median(times) * 1000 for times in zip(*rounds)]


def whole_processes(workbook: Path, out: Path, env: dict[str, str]) -> list:
    """Return the table rows of `shuzhi report` and `shuzhi check` on *workbook*, each beside the bare import."""
    shuzhi = str(Path(sys.executable).with_name("shuzhi"))
    bare_name = f'python -c "{LIBRARIES}, click"'
    bare, report, check = process_ms([[sys.executable, "-c", f"{LIBRARIES}, click"],
                                      [shuzhi, "report", str(workbook), "--force", "-o", str(out)],
                                      [shuzhi, "check", str(workbook)]], env)
    return [(f"shuzhi report（整个进程 CPU，{PROCESS_RUNS} 轮中位数）", report, bare_name, bare),
            (f"shuzhi check（整个进程 CPU，{PROCESS_RUNS} 轮中位数）", check, bare_name, bare)]


def main() -> None:
    report = sample_report()
    texts = [p.text for p in report_paragraphs(report)]

    def build() -> None:
        write_docx(report, io.BytesIO())

    def plain() -> None:
        document = docx.Document()
        for text in texts:
            document.add_paragraph(text)
        document.save(io.BytesIO())

    baseline, unstyled = median_ms(plain, RUNS), f"python-docx 写入同样 {len(texts)} 段，不排版"
    print(f"示例报告，{RUNS} 次取中位数；导入用时为 {IMPORT_RUNS} 个新进程的中位数")
    print_table([("报告文字（段落）", median_ms(lambda: report_paragraphs(report), RUNS), unstyled, baseline),
                 ("排版生成 .docx 并保存", median_ms(build, RUNS), unstyled, baseline),
                 (f"导入报告路径（{REPORT_PATH}）", import_ms(REPORT_PATH), LIBRARIES, import_ms(LIBRARIES))])
    with tempfile.TemporaryDirectory() as tmp:
        from shuzhi_xl.xlsx.template import write_workbook

        workbook = write_workbook(Path(tmp) / "示例.xlsx", report)
        load = os.getloadavg()[0]
        processes = whole_processes(workbook, Path(tmp) / "整个进程.docx", installed_env(Path(tmp) / "pycache"))
        print_table(processes)
        print(f"系统负载（1 分钟平均）：开始时 {load:.1f}，结束时 {os.getloadavg()[0]:.1f}（负载会改变比值：以空闲机器上的为准）")
        worst = max(value / baseline for _, value, _, baseline in processes)
        print(f"目标：整个进程 ≤ {PROCESS_TARGET}× 只导入所需库的进程（本次最慢为 {worst:.2f}×："
              f"{'达到' if worst <= PROCESS_TARGET else '未达到'}）")
        out = subprocess.run([sys.executable, "-c", BUILD_IN_SUBPROCESS, str(workbook), str(Path(tmp) / "r.docx")],
                             capture_output=True, text=True, check=True).stdout.split()
    pandas_loaded = out[-1] == "True"
    print(f"报告路径是否导入 pandas：{'是（不应导入）' if pandas_loaded else '否'}")
    if pandas_loaded:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
