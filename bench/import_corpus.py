"""Print, over the import corpus (tests/corpus), how much of each report survives import → workbook → report:
the share of its paragraphs printed exactly (whitespace aside) and in order, and the headings printed empty.

Run: python bench/import_corpus.py [-v]     (-v: the paragraphs of each report that did not come out)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from corpus_support import entries, round_trip  # noqa: E402


def main(verbose: bool) -> None:
    total = exact = empty = 0
    with tempfile.TemporaryDirectory() as folder:
        for entry in entries():
            outcome = round_trip(entry, Path(folder))
            total, exact, empty = total + len(outcome.expected), exact + outcome.in_order, \
                empty + len(outcome.empty_headings)
            print(f"{entry.name:32} {outcome.in_order:3}/{len(outcome.expected):<3} exact and in order, "
                  f"{len(outcome.empty_headings)} empty headings")
            if verbose:
                for text in outcome.expected:
                    if text not in outcome.printed:
                        print(f"    missing: {text[:60]}")
                for text in outcome.empty_headings:
                    print(f"    empty heading: {text}")
    print(f"\n{len(entries())} reports, {total} paragraphs: {exact / total:.1%} exact and in order, "
          f"{empty} empty headings")


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
