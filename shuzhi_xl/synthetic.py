"""Synthetic branch workbooks for demos and benchmarks: varied, realistic, some with defects, reproducible.

Each branch draws from its own ``random.Random(f"{seed}-{index}")``, so a branch is the same whatever
else is generated and files can be written by parallel workers; the same seed gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tomllib
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache, partial
from pathlib import Path

from . import data_path, schema
from .fileio import write_atomically
from .model import Info, LedgerEntry, Metric, Part, Point, Report, Section
from .numerals import chinese_numeral
from .xlsx.fill import filled_workbook_bytes

#: Share of branches reporting on the year before (a stale file: consolidation flags mixed years).
STALE_YEAR_RATE = 0.03
#: Chance of each defect a real, unfinished workbook shows.
DEFECT_RATES = {"marks": 0.15, "no_secretary": 0.05, "undated_entry": 0.06, "missing_metric": 0.05, "typo": 0.04,
                "count_mismatch": 0.05}
#: The default 提纲's sections of part 一: their pool in data/synthetic.toml and their name (栏目).
SECTIONS = (("study", "政治学习"), ("tasks", "重点任务"), ("activities", "支部活动"), ("central", "中心工作"))
#: Ledger completeness: share of the required meetings a branch actually recorded, and how often it occurs.
COMPLETENESS = ((1.0, 0.45), (0.85, 0.3), (0.6, 0.15), (0.3, 0.1))


@lru_cache(maxsize=1)
def _pools() -> dict:
    """Return the phrase pools of data/synthetic.toml."""
    return tomllib.loads(data_path("synthetic.toml").read_text(encoding="utf-8"))


def branch_name(index: int) -> str:
    """Return the unique name of the *index*-th synthetic branch (0-based)."""
    pools = _pools()
    units, ordinals = pools["units"], pools["ordinals"]
    block, rest = divmod(index, len(units) * len(ordinals))
    ordinal, unit = divmod(rest, len(units))
    prefix = f"{chinese_numeral(block)}分公司" if block else ""
    return f"{prefix}{units[unit]}{ordinals[ordinal]}党支部"


def branch_report(seed: int, index: int, year: int) -> Report:
    """Return the *index*-th synthetic branch report of the set drawn with *seed*."""
    rng = random.Random(f"{seed}-{index}")
    pools = _pools()
    defects = {name for name, rate in DEFECT_RATES.items() if rng.random() < rate}
    if rng.random() < STALE_YEAR_RATE:
        year -= 1
    branch = branch_name(index)
    committee = rng.choice(pools["committees"])
    secretary = "" if "no_secretary" in defects else rng.choice(pools["surnames"]) + rng.choice(pools["given"])
    info = Info(branch=branch, committee=committee, secretary=secretary, year=year,
                opening=rng.choice(pools["openings"]).format(year=year, branch=branch, committee=committee),
                closing=rng.choice(pools["closings"]),
                signature=branch, date=dt.date(year + 1, 1, rng.randint(5, 20)),
                layout=rng.choice(schema.LAYOUTS[:2]))
    sections = [_section(rng, name, pools["sections"][key]) for key, name in SECTIONS]
    problems = rng.sample(pools["problems"], rng.randint(2, 4))
    answered = problems if rng.random() < 0.8 else problems[:-1]
    report = Report(info=info, parts=[
        Part("主要工作情况", sections, name="主要工作情况"),
        Part("存在的问题", [Section(p["heading"], p["body"]) for p in problems], name="存在问题"),
        Part("下步工作打算", [Section(p["plan"][0], p["plan"][1]) for p in answered], name="下步打算"),
    ], ledger=_ledger(rng, year, pools["ledger"]))
    report.metrics = _metrics(rng, pools["metrics"], report.ledger)
    _add_defects(rng, report, defects)
    return report


def _section(rng: random.Random, name: str, pool: dict) -> Section:
    points = [Point(lead, body) for lead, body in rng.sample(pool["points"], rng.randint(2, min(5, len(pool["points"]))))]
    return Section(rng.choice(pool["headings"]), rng.choice(pool["leads"]), points, name=name)


def _ledger(rng: random.Random, year: int, kinds: dict) -> list[LedgerEntry]:
    """Return a year's ledger: each kind's required meetings spread over the year, some left out."""
    completeness = rng.choices([c for c, _ in COMPLETENESS], [w for _, w in COMPLETENESS])[0]
    members = rng.randint(8, 60)
    entries = []
    for kind, (count, topics) in kinds.items():
        for i in range(count):
            if rng.random() > completeness:
                continue
            month = 1 + i * 12 // count + rng.randrange(max(1, 12 // count))
            entries.append(LedgerEntry(dt.date(year, month, rng.randint(1, 28)), kind, rng.choice(topics),
                                       rng.randint(members // 2, members)))
    entries.sort(key=lambda e: (e.date, e.kind))
    return entries


def _metrics(rng: random.Random, pool: list[dict], ledger: list[LedgerEntry]) -> list[Metric]:
    metrics = []
    for m in pool:
        value = rng.randint(*m["range"])
        if "ledger_kind" in m:
            value = sum(e.kind == m["ledger_kind"] for e in ledger)
        metrics.append(Metric(m["name"], float(value), m["unit"]))
    return metrics


def _add_defects(rng: random.Random, report: Report, defects: set[str]) -> None:
    """Leave the unfinished work real workbooks show: X marks, a typo, an undated meeting, a missing figure."""
    points = [p for s in report.parts[0].sections for p in s.points]
    if "marks" in defects:
        point = rng.choice(points)
        point.body = point.body.rstrip("。") + "，参加人员XX名。"
        report.info.opening = report.info.opening.replace(report.info.committee, "X党委", 1)
    if "typo" in defects:
        point = rng.choice(points)
        point.body += "支部党员己经全部完成年度学习任务。"
    if "undated_entry" in defects and report.ledger:
        rng.choice(report.ledger).date = None
    if "count_mismatch" in defects:
        rng.choice(report.metrics).value += rng.choice((1, 2))
    if "missing_metric" in defects:
        report.metrics.pop(rng.randrange(len(report.metrics)))


def sample_file_name(index: int) -> str:
    """Return the file name of the *index*-th synthetic workbook."""
    return f"{index + 1:04d}-{branch_name(index)}.xlsx"


def write_sample(folder: Path, seed: int, year: int, index: int) -> Path:
    """Write the *index*-th synthetic workbook into *folder*; return the path written (a new name beside an
    existing file, which may be a workbook someone filled in)."""
    data = filled_workbook_bytes(branch_report(seed, index, year))
    return write_atomically(folder / sample_file_name(index), lambda tmp: tmp.write_bytes(data), keep_existing=True)


def write_samples(folder: str | Path, count: int, *, seed: int = 0, year: int = 2024,
                  jobs: int | None = None, progress=None) -> list[Path]:
    """Write *count* synthetic branch workbooks into *folder* (in parallel); return their paths in order.

    *progress*, when given, is called after each file with (files written, files in all, file name).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    jobs = max(1, min(jobs or os.cpu_count() or 1, count))
    write = partial(write_sample, folder, seed, year)
    if jobs == 1:
        return [_report_progress(progress, n, count, p) for n, p in enumerate(map(write, range(count)), 1)]
    with ProcessPoolExecutor(jobs) as pool:
        written = pool.map(write, range(count), chunksize=16)
        return [_report_progress(progress, n, count, p) for n, p in enumerate(written, 1)]


def _report_progress(progress, done: int, total: int, path: Path) -> Path:
    if progress:
        progress(done, total, path.name)
    return path
