"""Proofreading on the corpus of tests/proof_corpus: recall per family (the tuning set and the held-out set apart),
precision, false alarms on clean text, and what it costs, each time beside a baseline from the same run.

Each report is checked as written (clean) and with every slip of 答案.toml planted at once (how a slip counts as
found: tests/proof_corpus_support.py). Held-out reports (答案.toml's held_out) were written after the engine was
tuned and are not tuned on: their recall is what an unseen corpus can expect.

Costs are CPU time (user + system; on a shared machine wall time is not the command's cost), the least of the runs:
- `shuzhi check` on the sample workbook as a whole process, with bytecode caches as an installed program runs,
  beside the same command with the proofreading engine replaced by one that imports nothing and finds nothing
  (what loading the lexicons adds), and beside `python -c "import docx, python_calamine, click"`;
- in process, after start-up: checking the sample, with and without the engine; and the proofreading alone of
  one report's text (what consolidation pays per file).

Run: python bench/proof_recall.py            (add --runs 40 for steadier times)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from baseline import children_cpu, installed_env, print_table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from proof_corpus_support import evaluate, held_out, missed  # noqa: E402  (the corpus and its key live in tests/)

SAMPLE = ROOT / "workbook" / "示例-述职报告.xlsx"
WITH_ENGINE = "from shuzhi_xl.cli import main; main()"
#: The process baseline: the engine module replaced, before anything imports it, by one finding nothing.
NO_ENGINE = ("import sys, types; e = types.ModuleType('shuzhi_xl.proof.engine'); e.LABELS = {}; e.Hit = object; "
             "e.hits = lambda text, rules: []; sys.modules[e.__name__] = e; " + WITH_ENGINE)
LIBRARIES = "import docx, python_calamine, click"


def cpu(action, runs: int) -> float:
    """Return the least CPU time of *runs* calls, in ms."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        action()
        best = min(best, time.process_time() - start)
    return best * 1000


def process_cpu(code: str, args: list[str], runs: int, env: dict[str, str]) -> float:
    """Return the least CPU time (user + system) of `python -c code args` as a new process, in ms."""
    def run() -> float:
        before = children_cpu()
        subprocess.run([sys.executable, "-c", code, *args], capture_output=True, check=False, env=env)
        return children_cpu() - before

    run()  # writes the bytecode caches
    return min(run() for _ in range(runs)) * 1000


def speed(runs: int) -> list:
    import shuzhi_xl.checks.proofreading as proofreading
    from shuzhi_xl.checks import check_report, load_rules
    from shuzhi_xl.checks.cells import Texts
    from shuzhi_xl.xlsx.reader import read_workbook

    rules, report = load_rules(), read_workbook(SAMPLE)
    cells = Texts(report).printed
    check_report(report, rules)  # the lexicons load once per process, before any timing
    with_engine = cpu(lambda: check_report(report, rules), runs * 10)
    alone = cpu(lambda: list(proofreading.check_cells(cells, rules, 2024)), runs * 10)
    real = proofreading.hits
    proofreading.hits = lambda text, rules: []
    try:
        without = cpu(lambda: check_report(report, rules), runs * 10)
        others = cpu(lambda: list(proofreading.check_cells(cells, rules, 2024)), runs * 10)
    finally:
        proofreading.hits = real
    size = sum(len(c.text) for c in cells)
    rows = [("检查示例工作簿（进程内，启动后）", with_engine, "不含校对引擎的同一检查", without),
            (f"校对一份报告的文字（{len(cells)} 格，{size} 字）", alone, "同一校对，不含校对引擎（仅格式规则）", others)]
    with tempfile.TemporaryDirectory() as folder:
        env = installed_env(Path(folder) / "pycache")
        args = ["check", str(SAMPLE)]
        whole = process_cpu(WITH_ENGINE, args, max(5, runs), env)
        bare = process_cpu(NO_ENGINE, args, max(5, runs), env)
        libraries = process_cpu(LIBRARIES, [], max(5, runs), env)
    rows += [("shuzhi check 示例工作簿（整个进程，含载入词表）", whole, "同一命令，不载入校对引擎", bare),
             ("shuzhi check 示例工作簿（整个进程）", whole, f'python -c "{LIBRARIES}"', libraries)]
    print(f"载入词表使整个进程多用 {whole - bare:.1f} ms（目标 ≤ 50 ms）；进程内检查示例 {with_engine:.1f} ms（目标 < 20 ms）；"
          f"每份报告的校对引擎 {alone - others:.2f} ms")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-speed", action="store_true", help="只统计查出率")
    parser.add_argument("--missed", action="store_true", help="列出没有查出的差错")
    args = parser.parse_args()
    from shuzhi_xl.checks import load_rules
    from shuzhi_xl.checks.document import check_paragraphs

    rules = load_rules()

    def check(text: str):
        return check_paragraphs(text.split("\n"), rules)

    for title, only in (("调校集", False), ("留出集（未据以调校）", True)):
        families, totals = evaluate(check, lambda name: held_out(name) == only)
        if not totals["reports"]:
            continue
        found = sum(f for f, _ in families.values())
        planted = sum(p for _, p in families.values())
        print(f"{title}：{totals['reports']} 篇报告，{planted} 处差错")
        for family, (f, p) in sorted(families.items(), key=lambda x: -x[1][1]):
            print(f"  {family}  查出 {f}/{p}  {f / p:.0%}")
        print(f"  总查出率 {found / planted:.1%}；准确率 {totals['true'] / max(1, totals['true'] + totals['false']):.1%}"
              f"（命中 {totals['true']} 条，其余 {totals['false']} 条）")
        alarms = totals["clean_error"] + totals["clean_warning"]
        print(f"  干净文本：错误 {totals['clean_error']} 条，疑似共 {totals['clean_warning']} 条，"
              f"每篇平均 {totals['clean_warning'] / totals['reports']:.2f}、最多 {totals['clean_worst']} 条；"
              f"共 {totals['clean_chars']} 字，每万字误报 {alarms / totals['clean_chars'] * 10000:.1f} 条")
    if args.missed:
        print("\n".join(["未查出："] + missed(check)))
    if not args.no_speed:
        print()
        print_table(speed(args.runs))


if __name__ == "__main__":
    main()
