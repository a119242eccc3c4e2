"""Per-file cost of consolidation on reports whose text nobody else wrote, beside the synthetic bench workbooks.

The synthetic branches of bench/consolidate_speed.py draw their sentences from small phrase pools, so most of a
folder's cells recur, and what the checks remember about a text already seen (proofreading remembers what each
two-character piece may start and what each four-character window may be a near miss of: scan.Index.kinds and
.near) pays off more there than in a real folder. This script measures the same per-file step on workbooks made by
importing the test corpora's reports (tests/proof_corpus, tests/corpus: each written in its own author's style,
no sentence shared), against the calamine floor read on the same files, and the same number of synthetic
workbooks beside it. Each set runs in a fresh interpreter, warmed by checking the bundled sample once (as a
worker is after its first file), so nothing one set leaves in memory helps the other; the least of --runs runs.

With --files N beyond the corpora's reports, the first reports are the corpora's as written and each later one a
rewrite of one of them: about one word in three of its paragraphs (jieba's segmentation) replaced by a word of the
same length and part of speech drawn by frequency from jieba's dictionary, so no two reports share a sentence (the
40 rewrites hold a third more distinct two-character pieces than the 40 reports as written: more varied than a real
folder, where the memories help least). Printed per set: CPU per file over the first FIRST files and over all, and
the measuring process's peak memory after the first FIRST files and at the end: bounded memories stay flat.

Run: python bench/varied_speed.py [--runs 3] [--files 10000]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import inspect
import itertools
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from consolidate_speed import workbooks

from shuzhi_xl.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("tests/proof_corpus", "tests/corpus")
SAMPLE = ROOT / "workbook" / "示例-述职报告.xlsx"
#: The share of a rewritten paragraph's words replaced, and the least jieba frequency of a word put in.
REWRITTEN, COMMON = 0.35, 50
#: Paragraphs shorter than this (titles, most headings) are kept as written: the import places the text by them (4
#: of the first 80 rewrites still differ in parts or items from the report they rewrite).
SHORTEST_REWRITTEN = 16
#: Files measured alone at the start of a set (the memories still filling).
FIRST = 100
#: One set in a fresh interpreter: the per-file CPU of collect_many (over the first FIRST files and over all) and
#: of the floor, the process's peak memory after the first files and at the end, the memories' entries, and how
#: much of the 报告正文 sheet's text recurs.
RUN_ONE = """
import json, os, resource, sys, time
from python_calamine import CalamineWorkbook
from shuzhi_xl.checks.rules import load_rules
from shuzhi_xl.consolidate.collect import Branch, collect_many
from shuzhi_xl.proof.engine import index_for
from shuzhi_xl.schema import BODY
BODY = BODY.name
folder, warm, first = sys.argv[1], sys.argv[2], int(sys.argv[3])

def peak_mib():  # as consolidate_speed's: this process's own peak (VmHWM), ru_maxrss where /proc does not exist
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

files = sorted(name for name in os.listdir(folder) if name.endswith(".xlsx"))
collect_many([os.path.basename(warm)], os.path.dirname(warm))
branches, cpu = 0, []
for start in range(0, len(files), first):  # a block's results let go: only the memories kept in the process grow
    started = time.process_time()
    results = collect_many(files[start:start + first], folder)
    cpu.append(time.process_time() - started)
    branches += sum(isinstance(r, Branch) for r in results)
    peak_first = peak_first if start else peak_mib()
peak = peak_mib()
started = time.process_time()
for name in files:  # the floor: every sheet read, nothing else (as consolidate_speed.calamine_floor)
    book = CalamineWorkbook.from_path(os.path.join(folder, name))
    for sheet in book.sheet_names:
        book.get_sheet_by_name(sheet).to_python()
floor = (time.process_time() - started) / len(files)
texts = [v for name in files for row in CalamineWorkbook.from_path(os.path.join(folder, name))
         .get_sheet_by_name(BODY).to_python() for v in row if isinstance(v, str) and v]
index = index_for(load_rules())
print(json.dumps({"first": cpu[0] / min(first, len(files)), "step": sum(cpu) / len(files), "floor": floor,
                  "files": len(files), "cells": len(texts), "distinct": len(set(texts)), "branches": branches,
                  "peak_first": peak_first, "peak": peak, "kinds": len(index.kinds), "near": len(index.near)}))
"""


def corpus_files() -> list[Path]:
    """Return the reports of the test corpora, in the order the varied workbooks take them."""
    return sorted(p for c in CORPORA for p in (ROOT / c).glob("*.txt"))


def corpus_paragraphs() -> list[list]:
    """Return the paragraphs of each report of the test corpora, as the importer reads them."""
    from shuzhi_xl.importer.sources import document_paragraphs

    return [document_paragraphs(path)[0] for path in corpus_files()]


def rewriter():
    """Return rewrite(text, chance): *text* with about REWRITTEN of its words (jieba's segmentation) replaced by words
    of the same length and part of speech, drawn by frequency from jieba's dictionary (those at least COMMON)."""
    import jieba

    from shuzhi_xl.proof.derive import jieba_rows

    jieba.setLogLevel(60)  # its dictionary's loading times, printed on first use
    rows = jieba_rows()
    tags = {word: tag for word, _, tag in rows}
    pools: dict[tuple[int, str], list[tuple[str, int]]] = {}
    for word, freq, tag in rows:
        if 2 <= len(word) <= 4 and freq >= COMMON:
            pools.setdefault((len(word), tag), []).append((word, freq))
    drawn = {kind: ([w for w, _ in pool], list(itertools.accumulate(f for _, f in pool))) for kind, pool in pools.items()}

    def rewrite(text: str, chance: random.Random) -> str:
        out = []
        for word in jieba.lcut(text, HMM=False):
            kind = (len(word), tags.get(word))
            if kind in drawn and chance.random() < REWRITTEN:
                word = chance.choices(drawn[kind][0], cum_weights=drawn[kind][1])[0]
            out.append(word)
        return "".join(out)
    return rewrite


def varied_workbooks(count: int) -> Path:
    """Return a folder of *count* workbooks: the corpora's reports imported as written, then rewrites of them (see
    the module's docstring), generated once into the temporary folder and reused while what they are made from is
    the same (recipe_key)."""
    reports = corpus_paragraphs()
    rewritten = count > len(reports)
    folder = Path(tempfile.gettempdir()) / f"shuzhi-varied-{count}-{recipe_key(count, rewritten)}"
    if folder.is_dir():  # only ever a whole set: it is renamed into place when complete
        return folder
    started = time.perf_counter()
    made = Path(tempfile.mkdtemp(prefix=f"{folder.name}-making-", dir=folder.parent))
    try:
        _write_varied(made, count, reports, rewriter() if rewritten else None)
        made.rename(folder)
    except OSError:
        if not folder.is_dir():  # not another run's set renamed into place first: a real failure
            raise
    finally:
        shutil.rmtree(made, ignore_errors=True)  # interrupted, or another run's set is in place
    print(f"（已生成 {count} 个工作簿，用时 {time.perf_counter() - started:.0f} 秒：{folder}）")
    return folder


def recipe_key(count: int, rewritten: bool) -> str:
    """Return a digest of what *count* varied workbooks are made from: the corpora's files, the rewrite's settings
    and code and jieba's version (when any report is rewritten), and the workbook's schema version (an earlier one
    would be read by the legacy reader). The importer and the workbook writer are not in it, so that two trees of
    one schema measured side by side read the same files."""
    digest = hashlib.sha256(repr((count, SCHEMA_VERSION, SHORTEST_REWRITTEN)).encode())
    for path in corpus_files():
        digest.update(f"{path.relative_to(ROOT).as_posix()}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    if rewritten:
        digest.update(repr((REWRITTEN, COMMON, metadata.version("jieba"))).encode())
        digest.update(inspect.getsource(rewriter).encode())
    return digest.hexdigest()[:16]


def _write_varied(folder: Path, count: int, reports: list[list], rewrite) -> None:
    from shuzhi_xl.importer.parse import parse_paragraphs
    from shuzhi_xl.xlsx.fill import filled_workbook_bytes

    for n in range(count):
        paragraphs = reports[n % len(reports)]
        if n >= len(reports):
            chance = random.Random(n)
            paragraphs = [dataclasses.replace(p, text=rewrite(p.text, chance)) if len(p.text) >= SHORTEST_REWRITTEN
                          else p for p in paragraphs]
        (folder / f"{n:05d}.xlsx").write_bytes(filled_workbook_bytes(parse_paragraphs(paragraphs, year=2024).report))


def measured(folder: Path, runs: int) -> dict:
    """Return the run of RUN_ONE over *folder* with the least per-file CPU, of *runs*."""
    outs = [json.loads(subprocess.run([sys.executable, "-c", RUN_ONE, str(folder), str(SAMPLE), str(FIRST)],
                                      capture_output=True, text=True, check=True).stdout.splitlines()[-1])
            for _ in range(runs)]
    return min(outs, key=lambda out: out["step"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each set; the least is printed")
    parser.add_argument("--files", type=int, default=len(corpus_paragraphs()),
                        help="reports in each set (default: the corpora's, as written)")
    args = parser.parse_args()
    varied = varied_workbooks(args.files)
    with tempfile.TemporaryDirectory(prefix="shuzhi-varied-") as tmp:
        synthetic = Path(tmp) / "synthetic"
        synthetic.mkdir()
        for path in sorted(workbooks(max(1000, args.files)).glob("*.xlsx"))[:args.files]:
            (synthetic / path.name).symlink_to(path)
        made = "导入" if args.files <= len(corpus_paragraphs()) else "导入及改写"
        sets = [(f"测试语料{made}的 {args.files} 份报告（句子互不重复）", measured(varied, args.runs)),
                (f"合成工作簿的前 {args.files} 个（短语库抽取，文字多有重复）", measured(synthetic, args.runs))]
    first = min(FIRST, args.files)
    print(f"{'毫秒/文件':>9} {'前' + str(first) + '个':>8} {'下限':>6} {'÷下限':>6} {'峰值MiB 前/全部':>14}"
          f" {'记住的二字/四字':>14} {'正文不同格/文字格':>16}  工作簿")
    for label, out in sets:
        print(f"{out['step'] * 1000:9.2f} {out['first'] * 1000:8.2f} {out['floor'] * 1000:6.2f}"
              f" {out['step'] / out['floor']:6.2f} {out['peak_first']:7.0f}/{out['peak']:<6.0f}"
              f" {out['kinds']:>7}/{out['near']:<6} {out['distinct']:>7}/{out['cells']:<8}"
              f"  {label}（汇总为支部 {out['branches']} 个）")


if __name__ == "__main__":
    main()
