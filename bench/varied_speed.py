"""Per-file cost of consolidation on reports whose text nobody else wrote, beside the synthetic bench workbooks.

The synthetic branches of bench/consolidate_speed.py draw their sentences from small phrase pools, so most of a
folder's cells recur, and what the checks remember about a text already seen (proofreading remembers what each
two-character piece may start and what each four-character window may be a near miss of: scan.Index.kinds and
.near) pays off more there than in a real folder. This script measures the same per-file step on workbooks made by
importing the test corpora's reports (tests/proof_corpus, tests/corpus: each written in its own author's style,
no sentence shared), against the calamine floor read on the same files, and the same number of synthetic
workbooks beside it. Each set runs in a fresh interpreter, warmed by checking the bundled sample once (as a
worker is after its first file), so nothing one set leaves in memory helps the other; the least of --runs runs.

Run: python bench/varied_speed.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from consolidate_speed import workbooks

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("tests/proof_corpus", "tests/corpus")
SAMPLE = ROOT / "workbook" / "示例-述职报告.xlsx"
#: One set in a fresh interpreter: the per-file CPU of collect_many and of the floor, and how much of the 报告正文
#: sheet's text recurs.
RUN_ONE = """
import json, os, sys, time
from python_calamine import CalamineWorkbook
from shuzhi_xl.consolidate.collect import collect_many
from shuzhi_xl.schema import BODY
BODY = BODY.name
folder, warm = sys.argv[1], sys.argv[2]
files = sorted(name for name in os.listdir(folder) if name.endswith(".xlsx"))
collect_many([os.path.basename(warm)], os.path.dirname(warm))
started = time.process_time()
results = collect_many(files, folder)
step = (time.process_time() - started) / len(files)
started = time.process_time()
for name in files:  # the floor: every sheet read, nothing else (as consolidate_speed.calamine_floor)
    book = CalamineWorkbook.from_path(os.path.join(folder, name))
    for sheet in book.sheet_names:
        book.get_sheet_by_name(sheet).to_python()
floor = (time.process_time() - started) / len(files)
texts = [v for name in files for row in CalamineWorkbook.from_path(os.path.join(folder, name))
         .get_sheet_by_name(BODY).to_python() for v in row if isinstance(v, str) and v]
print(json.dumps({"step": step, "floor": floor, "files": len(files), "cells": len(texts),
                  "distinct": len(set(texts)), "branches": sum(type(r).__name__ == "Branch" for r in results)}))
"""


def imported_workbooks(folder: Path) -> Path:
    """Write a workbook for each report of the test corpora into *folder* (imported as a user would); return it."""
    from shuzhi_xl.importer import import_document
    from shuzhi_xl.xlsx.fill import filled_workbook_bytes

    folder.mkdir()
    texts = sorted(p for corpus in CORPORA for p in (ROOT / corpus).glob("*.txt"))
    for n, text in enumerate(texts):
        (folder / f"{n:03d}.xlsx").write_bytes(filled_workbook_bytes(import_document(text, year=2024).report))
    return folder


def measured(folder: Path, runs: int) -> dict:
    """Return the run of RUN_ONE over *folder* with the least per-file CPU, of *runs*."""
    outs = [json.loads(subprocess.run([sys.executable, "-c", RUN_ONE, str(folder), str(SAMPLE)], capture_output=True, text=True,
                                      check=True).stdout.splitlines()[-1]) for _ in range(runs)]
    return min(outs, key=lambda out: out["step"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each set; the least is printed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shuzhi-varied-") as tmp:
        varied = imported_workbooks(Path(tmp) / "varied")
        count = len(list(varied.glob("*.xlsx")))
        synthetic = Path(tmp) / "synthetic"
        synthetic.mkdir()
        for path in sorted(workbooks(1000).glob("*.xlsx"))[:count]:
            (synthetic / path.name).symlink_to(path)
        sets = [(f"测试语料导入的 {count} 份报告（文字互不重复）", measured(varied, args.runs)),
                (f"合成工作簿的前 {count} 个（短语库抽取，文字多有重复）", measured(synthetic, args.runs))]
    print(f"{'毫秒/文件':>9} {'下限':>6} {'÷下限':>6} {'正文不同格/文字格':>16}  工作簿")
    for label, out in sets:
        print(f"{out['step'] * 1000:9.2f} {out['floor'] * 1000:6.2f} {out['step'] / out['floor']:6.2f}"
              f" {out['distinct']:>7}/{out['cells']:<8}  {label}（汇总为支部 {out['branches']} 个）")


if __name__ == "__main__":
    main()
