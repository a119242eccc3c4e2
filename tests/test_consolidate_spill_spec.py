"""Where the parent keeps detail rows during a run (consolidate/spill.py): blocks of rendered rows written per file
and read back for the files used, in the order asked, with their count."""

from __future__ import annotations

from pathlib import Path

from shuzhi_xl.consolidate.spill import CHUNK, Records, Selection, Spill


def block(*rows: str) -> tuple[int, bytes]:
    return len(rows), "".join(f"{row}\x00" for row in rows).encode()


def test_rows_come_back_for_the_files_asked_in_their_order():
    with Spill(["台账", "问题"]) as spill:
        spill.add("甲.xlsx", {"台账": block("<c>甲1</c>", "<c>甲2</c>"), "问题": block("<c>甲问题</c>")})
        spill.add("乙.xlsx", {"台账": block(), "问题": block("<c>乙问题</c>")})
        spill.add("丙.xlsx", {"台账": block("<c>丙1</c>"), "问题": block()})
        spill.add("丁.xlsx", {"台账": block("<c>丁1</c>", "<c>丁2</c>"), "问题": block()})
        assert list(spill.rows("台账", ["丙.xlsx"]).cells) == ["<c>丙1</c>"]  # its block alone, not 丁's after it
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


def test_records_keep_every_item_in_order_across_chunks_and_iterations(tmp_path):
    records = Records(tmp_path / "records")
    items = [{"file": f"{n}.xlsx", "n": n} for n in range(2 * CHUNK + 5)]  # two whole chunks and five pending
    for n, item in enumerate(items, start=1):
        records.append(item)
        assert len(records) == n
    assert list(records) == items and list(records) == items  # read again
    first, second = iter(records), iter(records)  # two iterations at once: each seeks its own chunk
    pairs = list(zip(first, second))
    assert [a for a, _ in pairs] == items and [b for _, b in pairs] == items
    records.append({"file": "late.xlsx", "n": -1})
    assert list(records)[-2:] == [items[-1], {"file": "late.xlsx", "n": -1}]
    even = Selection(records, lambda item: item["n"] % 2 == 0, CHUNK + 3)
    assert len(even) == CHUNK + 3 and [item["n"] for item in even] == list(range(0, 2 * CHUNK + 5, 2))
    assert list(even) == list(even)
    records.close()


def test_a_selection_of_a_plain_list_iterates_what_it_keeps_as_often_as_asked():
    chosen = Selection([3, 8, 1, 6], lambda n: n > 2, 3)
    assert (len(chosen), list(chosen), list(chosen)) == (3, [3, 8, 6], [3, 8, 6])


def test_the_spill_keeps_records_and_removes_them_with_its_folder():
    with Spill(["台账"]) as spill:
        spill.records.append("甲")
        assert list(spill.records) == ["甲"]
        folder = Path(spill._dir.name)
    assert not folder.exists()
