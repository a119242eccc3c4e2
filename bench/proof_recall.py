"""Proofreading on the corpus of tests/proof_corpus: recall per family, precision, false alarms on clean text,
and the time it costs, each time beside a baseline from the same run.

Each report is checked as written (clean) and with every slip of 答案.toml planted at once (how a slip counts as
found: tests/proof_corpus_support.py).

Run: python bench/proof_recall.py            (add --runs 20 for steadier times)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from baseline import print_table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from proof_corpus_support import evaluate, missed  # noqa: E402  (the corpus and its answer key live in tests/)
#: The process baseline: the same command with the proofreading engine replaced by one finding nothing.
NO_ENGINE = ("import shuzhi_xl.checks, shuzhi_xl.proof.engine as e; e.hits = lambda text, rules: []; "
             "from shuzhi_xl.cli import main; main()")
WITH_ENGINE = "from shuzhi_xl.cli import main; main()"


def timed(action, runs: int) -> float:
    """Return the least wall time of *runs* calls, in ms (the least is the steadiest on a shared machine)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def speed(runs: int) -> list:
    import shuzhi_xl.proof.engine as engine
    from shuzhi_xl.checks import check_report, load_rules
    from shuzhi_xl.samples import sample_report

    rules, report = load_rules(), sample_report()
    check_report(report, rules)  # the lexicons load once per process, before any timing
    with_engine = timed(lambda: check_report(report, rules), runs)
    real = engine.hits
    engine.hits = lambda text, rules: []
    try:
        without = timed(lambda: check_report(report, rules), runs)
    finally:
        engine.hits = real
    rows = [("检查示例报告（进程内）", with_engine, "不含词表校对的同一检查", without)]
    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "示例.txt"
        sample.write_text((ROOT / "shuzhi_xl" / "data" / "示例-述职报告.txt").read_text(encoding="utf-8"),
                          encoding="utf-8")
        command = [sys.executable, "-c"]
        whole = timed(lambda: subprocess.run(command + [WITH_ENGINE, "check", str(sample)], capture_output=True),
                      max(3, runs // 4))
        bare = timed(lambda: subprocess.run(command + [NO_ENGINE, "check", str(sample)], capture_output=True),
                     max(3, runs // 4))
    rows.append(("shuzhi check 示例.txt（整个进程，含载入词表）", whole, "同一命令，不载入词表", bare))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--missed", action="store_true", help="列出没有查出的差错")
    args = parser.parse_args()
    from shuzhi_xl.checks import load_rules
    from shuzhi_xl.proof.document import check_paragraphs

    rules = load_rules()

    def check(text: str):
        return check_paragraphs(text.split("\n"), rules)

    families, totals = evaluate(check)
    found = sum(f for f, _ in families.values())
    planted = sum(p for _, p in families.values())
    print(f"语料：{totals['reports']} 篇报告，{planted} 处差错")
    for family, (f, p) in sorted(families.items(), key=lambda x: -x[1][1]):
        print(f"  {family}  查出 {f}/{p}  {f / p:.0%}")
    print(f"总查出率 {found / planted:.1%}；准确率 {totals['true'] / max(1, totals['true'] + totals['false']):.1%}"
          f"（命中 {totals['true']} 条，其余 {totals['false']} 条）")
    print(f"干净文本：错误 {totals['clean_error']} 条，疑似（警告）共 {totals['clean_warning']} 条，"
          f"每篇平均 {totals['clean_warning'] / totals['reports']:.2f}、最多 {totals['clean_worst']} 条")
    if args.missed:
        print("\n".join(["未查出："] + missed(check)))
    print()
    print_table(speed(args.runs))


if __name__ == "__main__":
    main()
