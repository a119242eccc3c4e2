"""Where the parent keeps detail rows during a run (consolidate/spill.py): blocks of rendered rows written per file
and read back for the files used, in the order asked, with their count."""

from __future__ import annotations

from pathlib import Path

from shuzhi_xl.consolidate.spill import Spill


def block(*rows: str) -> tuple[int, bytes]:
    return len(rows), "".join(f"{row}\x00" for row in rows).encode()


def test_rows_come_back_for_the_files_asked_in_their_order():
    with Spill(["台账", "问题"]) as spill:
        spill.add("甲.xlsx", {"台账": block("<c>甲1</c>", "<c>甲2</c>"), "问题": block("<c>甲问题</c>")})
        spill.add("乙.xlsx", {"台账": block(), "问题": block("<c>乙问题</c>")})
        spill.add("丙.xlsx", {"台账": block("<c>丙1</c>"), "问题": block()})
        ledger = spill.rows("台账", ["丙.xlsx", "甲.xlsx"])
        assert ledger.count == 3 and list(ledger.cells) == ["<c>丙1</c>", "<c>甲1</c>", "<c>甲2</c>"]
        problems = spill.rows("问题", ["甲.xlsx", "乙.xlsx", "丙.xlsx"])
        assert problems.count == 2 and list(problems.cells) == ["<c>甲问题</c>", "<c>乙问题</c>"]
        assert list(spill.rows("台账", ["乙.xlsx"]).cells) == [] and spill.rows("台账", ["乙.xlsx"]).count == 0
        again = spill.rows("台账", ["甲.xlsx"])  # a sheet may be read again
        assert list(again.cells) == ["<c>甲1</c>", "<c>甲2</c>"]
        folder = Path(spill._dir.name)
        assert folder.is_dir()
    assert not folder.exists()  # the temporary files go with the run
