"""Paths and helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

from shuzhi_xl.samples import seed_path

REPO = Path(__file__).resolve().parents[1]
#: The seed report as packaged (test_import_seed checks it still equals the shared original).
SEED = seed_path()


def normalise(text: str) -> str:
    """Return *text* with all white space removed (the seed has stray spaces)."""
    return re.sub(r"\s+", "", text)


def seed_paragraphs() -> list[str]:
    """Return the seed report's non-empty paragraphs, whitespace-normalised."""
    return [normalise(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def part(report, role: str):
    """Return the first part of *report* whose role (outline.part_role: work, problems, plans) is *role*, or None."""
    from shuzhi_xl.outline import part_role

    return next((p for p in report.parts if part_role(p) == role), None)


def outline_rows(book, name: str) -> list[dict]:
    """Return the rows of 报告正文 (an openpyxl workbook *book*) under the part or section whose 栏目 or 标题 is
    *name*: a part's 小节 and 段落 rows, a section's 要点 rows; each as {header label: value}."""
    rows = list(book["报告正文"].iter_rows(values_only=True))
    records = [dict(zip(rows[0], row)) for row in rows[1:] if any(v is not None for v in row)]
    out, collecting = [], None
    for record in records:
        level = record["层级"]
        if (collecting == "part" and level == "部分") or (collecting == "section" and level != "要点"):
            collecting = None
        if (collecting == "part" and level in ("小节", "段落")) or collecting == "section":
            out.append(record)
        elif collecting is None and name in (record["栏目"], record["标题"]):
            collecting = "part" if level == "部分" else "section"
    return out
