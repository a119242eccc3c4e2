"""Consolidation at 1,000 and 10,000 workbooks (100,000 with --huge), beside the pandas baselines and the calamine floor.

Run: python bench/consolidate_speed.py [--sizes 1000,10000] [--huge] [--baseline-files 100] [--no-volume]

For each size, each consolidation runs in a fresh process (so its peak memory is its own): --jobs 1 and --jobs 2,
each without and with --volume. Printed for each: wall and CPU time (parent and workers), CPU per file and its
ratio to the calamine floor, the parent's peak memory (VmHWM) and its own CPU per file. Beside them, on
--baseline-files of the same workbooks, scaled to the size: a pandas loop (read_excel, all sheets) on openpyxl and
on calamine, and the floor itself, python-calamine reading every sheet of each file. Then the verdicts against
issue 17's targets. Workbooks are generated once into the temporary folder and reused (per schema version).
On a quiet 2-core machine the default run takes about 8 minutes. The machine may be shared: wall times then move
with the load (the load average is printed), CPU times and the ratios within one run much less.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shuzhi_xl.schema import SCHEMA_VERSION
from shuzhi_xl.synthetic import sample_file_name, write_samples

SEED = 2024
#: Issue 17's targets on 2 cores.
VOLUME_SECONDS, FLOOR_RATIO, PEAK_MIB, PEAK_GROWTH = 4.0, 2.5, 400, 1.25
#: One consolidation in a fresh interpreter: prints its times and the parent's peak memory as JSON.
RUN_ONE = """
import json, os, resource, sys, tempfile, time
from pathlib import Path
from shuzhi_xl.consolidate import consolidate
folder, jobs, volume = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"

def peak_mib():
    # VmHWM is this process's own peak; Linux carries ru_maxrss over from the forked bench process (pandas and
    # all) into the program it executes, so ru_maxrss is only the fallback where /proc does not exist.
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

with tempfile.TemporaryDirectory(prefix="shuzhi-bench-out-") as out:
    before, started = os.times(), time.perf_counter()
    summary = consolidate(folder, Path(out) / "汇总.xlsx", jobs=jobs, volume=Path(out) / "汇编.docx" if volume else None)
    wall, after = time.perf_counter() - started, os.times()
print(json.dumps({"wall": wall, "parent_cpu": after.user + after.system - before.user - before.system,
                  "workers_cpu": after.children_user + after.children_system - before.children_user
                  - before.children_system, "files": summary.files,
                  "peak_mib": peak_mib(), "load": os.getloadavg()[0]}))
"""


def workbooks(count: int) -> Path:
    """Return a folder of *count* synthetic workbooks, generating the missing ones (seed SEED)."""
    # The schema version in the name: workbooks of an earlier schema would be read by the legacy reader.
    folder = Path(tempfile.gettempdir()) / f"shuzhi-bench-{count}-seed{SEED}-v{SCHEMA_VERSION}"
    names = {sample_file_name(i) for i in range(count)}
    if not (folder.is_dir() and names <= {p.name for p in folder.iterdir()}):
        started = time.perf_counter()
        shutil.rmtree(folder, ignore_errors=True)  # a partial folder from an interrupted run
        write_samples(folder, count, seed=SEED)
        print(f"（已生成 {count} 个工作簿，用时 {time.perf_counter() - started:.0f} 秒：{folder}）")
    return folder


def consolidation(folder: Path, jobs: int, volume: bool) -> dict:
    # As an installed program runs: with bytecode caches, even where PYTHONDONTWRITEBYTECODE is set.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "shuzhi-bench-pycache")
    out = subprocess.run([sys.executable, "-c", RUN_ONE, str(folder), str(jobs), "1" if volume else "0"],
                         capture_output=True, text=True, check=True, env=env).stdout
    return json.loads(out.splitlines()[-1])


def per_file_seconds(files: list[Path], read) -> float:
    """Return the CPU seconds per file *read* takes over *files* (process time: the load of others counts less)."""
    started = time.process_time()
    for path in files:
        read(path)
    return (time.process_time() - started) / len(files)


def calamine_floor(path: Path) -> None:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()


def pandas_reader(engine: str):
    import pandas as pd

    return lambda path: pd.read_excel(path, sheet_name=None, engine=engine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="numbers of workbooks, comma-separated")
    parser.add_argument("--huge", action="store_true", help="also 100,000 workbooks (generating them takes long)")
    parser.add_argument("--baseline-files", type=int, default=100, help="files the baselines and the floor read")
    parser.add_argument("--no-volume", action="store_true", help="skip the runs with --volume")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] + ([100_000] if args.huge else [])
    started = time.perf_counter()

    print(f"CPU 核数：{os.cpu_count()}；负载（1 分钟）：{os.getloadavg()[0]:.1f}")
    sample = sorted(workbooks(min(sizes)).glob("*.xlsx"))[: args.baseline_files]
    floor = per_file_seconds(sample, calamine_floor)
    baselines = [("pandas.read_excel（openpyxl，全部工作表）", per_file_seconds(sample, pandas_reader("openpyxl"))),
                 ("pandas.read_excel（calamine，全部工作表）", per_file_seconds(sample, pandas_reader("calamine")))]
    print(f"下限：python-calamine 读出每个文件的全部工作表，CPU {floor * 1000:.2f} 毫秒/文件（{len(sample)} 个文件）")
    print(f"{'墙钟 秒':>8} {'CPU 秒':>8} {'毫秒/文件':>9} {'÷下限':>6} {'主进程峰值 MiB':>14} {'主进程 毫秒/文件':>12}  项目")
    results = {}
    for size in sizes:
        folder = workbooks(size)
        for volume in (False,) if args.no_volume else (False, True):
            for jobs in (1, 2):
                r = results[size, jobs, volume] = consolidation(folder, jobs, volume)
                cpu = r["parent_cpu"] + r["workers_cpu"]
                label = f"{size} 个文件：shuzhi consolidate --jobs {jobs}" + (" --volume" if volume else "")
                print(f"{r['wall']:8.1f} {cpu:8.1f} {cpu / r['files'] * 1000:9.2f} {cpu / r['files'] / floor:6.2f}"
                      f" {r['peak_mib']:14.0f} {r['parent_cpu'] / r['files'] * 1000:12.2f}  {label}"
                      f"（负载 {r['load']:.1f}）", flush=True)
        for name, seconds in baselines:
            print(f"{seconds * size:8.1f} {seconds * size:8.1f} {seconds * 1000:9.2f} {seconds / floor:6.2f}"
                  f" {'':>14} {'':>12}  {size} 个文件：{name}（按 {len(sample)} 个文件推算，单进程）")
    print("\n".join(verdicts(results, sizes, floor)))
    print(f"（本次共用时 {(time.perf_counter() - started) / 60:.1f} 分钟）")


def verdicts(results: dict, sizes: list[int], floor: float) -> list[str]:
    """Return a line per target of issue 17, with the figures it is judged on."""
    lines = []
    for size in sizes:
        for volume in (False, True):
            if (size, 1, volume) not in results:
                continue
            one, two = results[size, 1, volume], results[size, 2, volume]
            what = f"{size} 个文件{'含汇编' if volume else ''}"
            lines.append(f"{what}：--jobs 2 {'不慢于' if two['wall'] <= one['wall'] else '慢于'} --jobs 1"
                         f"（墙钟 {two['wall']:.1f} / {one['wall']:.1f} 秒）")
        two = results[size, 2, False]
        per_file = (two["parent_cpu"] + two["workers_cpu"]) / two["files"]
        lines.append(f"{size} 个文件：每文件 CPU {per_file * 1000:.2f} 毫秒 = {per_file / floor:.2f}× 下限"
                     f"（目标 ≤ {FLOOR_RATIO}×，即 {floor * FLOOR_RATIO * 1000:.2f} 毫秒）")
    if (1000, 2, True) in results:
        wall = results[1000, 2, True]["wall"]
        lines.append(f"1000 个文件含汇编 --jobs 2：墙钟 {wall:.1f} 秒（目标 < {VOLUME_SECONDS} 秒，需在空闲的 2 核机器上测）")
    small = min(sizes)
    for size in sizes[1:]:
        peak, base = results[size, 2, False]["peak_mib"], results[small, 2, False]["peak_mib"]
        lines.append(f"主进程峰值 {size} 个文件 {peak:.0f} MiB（目标 < {PEAK_MIB} MiB，且 ≤ {small} 个文件的"
                     f" {PEAK_GROWTH:.2f} 倍 = {base * PEAK_GROWTH:.0f} MiB：{'达到' if peak <= base * PEAK_GROWTH else '未达到'}）")
    return lines


if __name__ == "__main__":
    main()
