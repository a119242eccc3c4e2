"""Consolidation speed on 1,000 synthetic branch workbooks, against a plain pandas read_excel loop.

Run: python bench/consolidate_speed.py [--branches 1000] [--jobs N] [--baseline-files K]
The workbooks are generated once into a temporary folder and reused. Prints the consolidation time and the
time per file beside the pandas baseline (engine="openpyxl", all sheets) over the same files, with the ratio;
the CPU time; and peak memory (this process, and the largest worker process).
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from baseline import print_table
from shuzhi_xl.consolidate import consolidate
from shuzhi_xl.synthetic import sample_file_name, write_samples

SEED = 2024
#: Issue 7's targets: 1,000 files in under 10 seconds, at least 5 times faster than the pandas loop.
TARGET_FILES, TARGET_SECONDS, TARGET_RATIO = 1000, 10, 5


def workbooks(count: int, jobs: int) -> tuple[Path, float | None]:
    """Return the folder holding *count* synthetic workbooks, generating them unless present; and the time taken."""
    folder = Path(tempfile.gettempdir()) / f"shuzhi-bench-{count}-seed{SEED}"
    names = {sample_file_name(i) for i in range(count)}
    if folder.is_dir() and names <= {p.name for p in folder.iterdir()}:
        return folder, None
    started = time.perf_counter()
    write_samples(folder, count, seed=SEED, jobs=jobs)
    return folder, time.perf_counter() - started


def pandas_baseline(files: list[Path]) -> float:
    """Return the seconds a plain pandas loop takes to read every sheet of *files* with openpyxl."""
    import pandas as pd

    started = time.perf_counter()
    for path in files:
        pd.read_excel(path, sheet_name=None, engine="openpyxl")
    return time.perf_counter() - started


def peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--branches", type=int, default=TARGET_FILES)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--baseline-files", type=int, default=0,
                        help="time pandas on only this many files and scale up (0: all files)")
    parser.add_argument("--volume", action="store_true", help="also write the bound volume")
    args = parser.parse_args()

    folder, generated = workbooks(args.branches, args.jobs)
    files = sorted(folder.glob("*.xlsx"))
    print(f"工作簿：{len(files)} 个，位于 {folder}" + (f"（生成用时 {generated:.1f} 秒）" if generated else "（复用）"))
    print(f"CPU 核数：{os.cpu_count()}，并行进程：{args.jobs}")

    with tempfile.TemporaryDirectory(prefix="shuzhi-bench-out-") as tmp:
        out = Path(tmp)
        started = time.perf_counter()
        cpu = os.times()
        summary = consolidate(folder, out / "汇总.xlsx", jobs=args.jobs,
                              volume=out / "汇编.docx" if args.volume else None)
        elapsed = time.perf_counter() - started
        used = os.times()
    cpu_seconds = (used.user - cpu.user) + (used.system - cpu.system) + (used.children_user - cpu.children_user) \
        + (used.children_system - cpu.children_system)
    parent_peak, child_peak = peak_mib(resource.RUSAGE_SELF), peak_mib(resource.RUSAGE_CHILDREN)
    print(summary.line())
    print(f"CPU 合计 {cpu_seconds:.1f} 秒，每个文件 {cpu_seconds / len(files) * 1000:.1f} 毫秒")
    workers = "最大的工作进程" + ("（含本次生成工作簿的进程）" if generated else "")
    print(f"峰值内存：主进程 {parent_peak:.0f} MiB，{workers} {child_peak:.0f} MiB")

    sample = files[: args.baseline_files] if args.baseline_files else files
    baseline = pandas_baseline(sample) * len(files) / len(sample)
    scaled = f"，按 {len(sample)} 个文件推算" if len(sample) < len(files) else ""
    name = f"pandas.read_excel(engine=\"openpyxl\", sheet_name=None) 逐个读取{scaled}"
    what = "汇总" + ("并生成汇编" if args.volume else "")
    print_table([(f"{what}，秒（墙钟）", elapsed, name, baseline),
                 (f"{what}，每个文件毫秒（墙钟）", elapsed / len(files) * 1000, name, baseline / len(files) * 1000)],
                unit="")
    print(f"目标：基线/用时 ≥ {TARGET_RATIO}×（本次 {baseline / elapsed:.1f}×）", end="")
    if len(files) == TARGET_FILES:
        print(f"；{TARGET_FILES} 个文件 < {TARGET_SECONDS} 秒：{'达到' if elapsed < TARGET_SECONDS else '未达到'}")
    else:
        print(f"；“{TARGET_FILES} 个文件 < {TARGET_SECONDS} 秒”只按 {TARGET_FILES} 个文件判断")


if __name__ == "__main__":
    main()
