"""The proofreading corpus of tests/proof_corpus: reports, the slips of 答案.toml planted into them, and how many a
check finds. Shared by test_proof_corpus.py and bench/proof_recall.py.

A slip is found when a finding's text overlaps the changed characters (a character of slack either side) or lies
inside the slipped stretch; findings on slipped text that touch no slip count against precision.
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "proof_corpus"


@dataclass(frozen=True)
class Slip:
    report: str
    family: str
    clean: str
    slip: str


@functools.cache
def _key() -> dict:
    return tomllib.loads((CORPUS / "答案.toml").read_text(encoding="utf-8"))


def load_slips() -> list[Slip]:
    return [Slip(**item) for item in _key()["slip"]]


def held_out(report: str) -> bool:
    """Whether *report* is held out: added after the engine was tuned, and not tuned on."""
    return report in _key().get("held_out", [])


def reports() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))}


def plant(text: str, slips: list[Slip]) -> tuple[str, list[tuple[Slip, int, int, int, int]]]:
    """Return *text* with every slip planted and, per slip, (slip, stretch start, stretch end, changed start,
    changed end) as offsets in the slipped text."""
    for s in slips:
        if text.count(s.clean) != 1:
            raise SystemExit(f"{s.report}：“{s.clean}”应在原文中恰好出现一次（出现 {text.count(s.clean)} 次）")
    placed = sorted(((text.index(s.clean), s) for s in slips), key=lambda x: x[0])
    out, where, cursor, shift = [], [], 0, 0
    for start, s in placed:
        if start < cursor:
            raise SystemExit(f"{s.report}：差错“{s.clean}”与前一处重叠")
        out.append(text[cursor:start] + s.slip)
        head = len(os.path.commonprefix([s.clean, s.slip]))
        tail = len(os.path.commonprefix([s.clean[head:][::-1], s.slip[head:][::-1]]))
        begin = start + shift
        where.append((s, begin, begin + len(s.slip), begin + head, begin + len(s.slip) - tail))
        cursor, shift = start + len(s.clean), shift + len(s.slip) - len(s.clean)
    out.append(text[cursor:])
    return "".join(out), where


def absolute(findings, text: str) -> list[tuple[object, int, int]]:
    """Return each finding with its span in the whole text (paragraphs joined by newlines)."""
    starts, position = {}, 0
    for number, line in enumerate(text.split("\n"), start=1):
        starts[f"第{number}段"] = position
        position += len(line) + 1
    return [(f, starts[f.cell] + max(f.offset, 0), starts[f.cell] + max(f.offset, 0) + max(len(f.found), 1))
            for f in findings]


def evaluate(check, which=lambda report: True) -> tuple[dict, dict]:
    """Return per family (found, planted) and the totals: true and false findings, clean-text alarms, over the
    reports *which* accepts."""
    by_report = defaultdict(list)
    for s in load_slips():
        by_report[s.report].append(s)
    families: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    totals = Counter()
    for name, text in reports().items():
        if not which(name):
            continue
        clean = check(text)
        totals["reports"] += 1
        totals["clean_error"] += sum(f.severity == "error" for f in clean)
        totals["clean_warning"] += sum(f.severity == "warning" for f in clean)
        totals["clean_worst"] = max(totals["clean_worst"], sum(f.severity == "warning" for f in clean))
        totals["clean_chars"] += sum(len(line.strip()) for line in text.split("\n"))
        slipped, where = plant(text, by_report[name])
        spans = absolute(check(slipped), slipped)
        used = set()
        for slip, begin, end, changed_start, changed_end in where:
            hit = [i for i, (f, s, e) in enumerate(spans)
                   if (s < changed_end + 1 and changed_start - 1 < e) or (begin <= s and e <= end)]
            families[slip.family][1] += 1
            families[slip.family][0] += bool(hit)
            used.update(hit)
        totals["true"] += len(used)
        totals["false"] += len(spans) - len(used)
    return families, totals


def missed(check) -> list[str]:
    """Return the slips no finding touched, for the --missed listing."""
    out = []
    by_report = defaultdict(list)
    for s in load_slips():
        by_report[s.report].append(s)
    for name, text in reports().items():
        slipped, where = plant(text, by_report[name])
        spans = absolute(check(slipped), slipped)
        for slip, begin, end, cs, ce in where:
            if not any((s < ce + 1 and cs - 1 < e) or (begin <= s and e <= end) for _, s, e in spans):
                out.append(f"{slip.report} {slip.family}：{slip.slip}")
    return out
