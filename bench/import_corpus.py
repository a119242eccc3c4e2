"""Print, over the import corpus (tests/corpus), how much of each report survives import → workbook → report:
the share of its paragraphs printed exactly (whitespace aside) and in order, and the headings printed empty; and
how much of its outline the import recovered: parts, sections and points right against the outline a reader sees
(corpus.toml's `outline`, written by hand; corpus_support.Skeleton says what counts as right).

Run: python bench/import_corpus.py [-v] [--pdf]
  -v: the paragraphs that did not come out, the outline that is wrong; --pdf: the plain-text reports printed to PDF by
  LibreOffice (first-line indents, as Word prints them) and imported from the PDF (slow: one conversion each).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from corpus_support import Skeleton, entries, printed_pdfs, round_trip, skeleton  # noqa: E402
from shuzhi_xl.errors import DocumentError  # noqa: E402
from shuzhi_xl.model import Report  # noqa: E402


def main(verbose: bool, pdf: bool) -> None:
    total = exact = empty = 0
    outline = Skeleton()
    with tempfile.TemporaryDirectory() as folder:
        chosen = [e for e in entries() if not pdf or not e.build and e.encoding == "utf-8"]
        sources = printed_pdfs(chosen, Path(folder)) if pdf else {}
        if pdf and not sources:
            raise SystemExit("--pdf 需要 LibreOffice（soffice）把报告打印成 PDF")
        for entry in chosen:
            try:
                outcome = round_trip(entry, Path(folder), sources.get(entry.name))
            except DocumentError as exc:  # refused: nothing of it recovered
                print(f"{entry.name:32} refused: {exc}")
                total += len(entry.paragraphs())
                outline = outline.add(skeleton(entry.outline, Report()))
                continue
            score = skeleton(entry.outline, outcome.report)
            outline = outline.add(score)
            total, exact, empty = total + len(outcome.expected), exact + outcome.in_order, \
                empty + len(outcome.empty_headings)
            print(f"{entry.name:32} {outcome.in_order:3}/{len(outcome.expected):<3} exact and in order, "
                  f"{len(outcome.empty_headings)} empty headings; outline: parts {score.parts_right}/{score.parts}, "
                  f"sections {score.sections_right}/{score.sections}, points {score.points_right}/{score.points}, "
                  f"{score.extra} extra")
            if verbose:
                for text in outcome.expected:
                    if text not in outcome.printed:
                        print(f"    missing: {text[:60]}")
                for text in outcome.empty_headings:
                    print(f"    empty heading: {text}")
                for text in score.wrong:
                    print(f"    outline: {text}")
    print(f"\n{len(chosen)} reports{' printed to PDF' if pdf else ''}, {total} paragraphs: {exact / total:.1%} exact and in order, "
          f"{empty} empty headings")
    print(f"outline: parts {outline.parts_right}/{outline.parts}, sections {outline.sections_right}/"
          f"{outline.sections}, points {outline.points_right}/{outline.points}, {outline.extra} parts or sections "
          "the source does not have")


if __name__ == "__main__":
    main("-v" in sys.argv[1:], "--pdf" in sys.argv[1:])
