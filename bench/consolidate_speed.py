"""Consolidation speed on 1,000 synthetic branch workbooks, against a plain pandas read_excel loop.

Run: python bench/consolidate_speed.py [--branches 1000] [--jobs N] [--baseline-files K]
The workbooks are generated once into a temporary folder and reused. Prints the consolidation time, the
cost per file, the pandas baseline (engine="openpyxl", all sheets) over the same files, the ratio, and
peak memory (this process, and the largest worker process).
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from shuzhi_xl.consolidate import consolidate
from shuzhi_xl.synthetic import sample_file_name, write_samples

SEED = 2024


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
    parser.add_argument("--branches", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--baseline-files", type=int, default=0,
                        help="time pandas on only this many files and scale up (0: all files)")
    parser.add_argument("--volume", action="store_true", help="also write the bound volume")
    args = parser.parse_args()

    folder, generated = workbooks(args.branches, args.jobs)
    files = sorted(folder.glob("*.xlsx"))
    print(f"工作簿：{len(files)} 个，位于 {folder}" + (f"（生成用时 {generated:.1f} 秒）" if generated else "（复用）"))
    print(f"CPU 核数：{os.cpu_count()}，并行进程：{args.jobs}")

    out = Path(tempfile.mkdtemp(prefix="shuzhi-bench-out-"))
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
    print(f"汇总用时：{elapsed:.2f} 秒，每个文件 {elapsed / len(files) * 1000:.1f} 毫秒（墙钟）；"
          f"CPU 合计 {cpu_seconds:.1f} 秒，每个文件 {cpu_seconds / len(files) * 1000:.1f} 毫秒")
    print(f"峰值内存：主进程 {parent_peak:.0f} MiB，最大的工作进程 {child_peak:.0f} MiB")

    sample = files[: args.baseline_files] if args.baseline_files else files
    baseline = pandas_baseline(sample) * len(files) / len(sample)
    scaled = f"（按 {len(sample)} 个文件推算）" if len(sample) < len(files) else ""
    print(f"基线 pandas.read_excel(engine=\"openpyxl\", sheet_name=None)：{baseline:.1f} 秒{scaled}，"
          f"每个文件 {baseline / len(files) * 1000:.1f} 毫秒")
    print(f"倍数：{baseline / elapsed:.1f}×（目标 ≥ 5×）；目标 1000 个 < 10 秒：{'达到' if elapsed < 10 else '未达到'}")


if __name__ == "__main__":
    main()
