"""Where the parent keeps detail rows during a run (consolidate/spill.py): blocks of rendered rows written per file
and read back for the files used, in the order asked, with their count."""

from __future__ import annotations

import itertools
from array import array
from pathlib import Path

import pytest

from shuzhi_xl.consolidate import spill as spill_module
from shuzhi_xl.consolidate.spill import CHUNK, Names, Records, Selection, Spill, _runs


def block(*rows: str) -> tuple[int, bytes]:
    return len(rows), "".join(f"{row}\x00" for row in rows).encode()


def cells(rendered) -> list[str]:
    """Return the rows of rendered blocks, each block whole rows ended by NUL and read with their number."""
    blocks = list(rendered.blocks)
    assert all(b.endswith(b"\x00") and b.count(b"\x00") == count for b, count in blocks)
    return b"".join(b for b, _ in blocks).decode().split("\x00")[:-1]


def one_page(spill: Spill, sheet: str, skip=()):
    """Return *sheet*'s rows, asserting they make one page (far below Excel's rows)."""
    [page] = spill.pages(sheet, skip)
    return page


def test_rows_come_back_in_order_without_the_branches_skipped():
    with Spill(["台账", "问题"]) as spill:
        spill.add({"台账": block("<c>甲1</c>", "<c>甲2</c>"), "问题": block("<c>甲问题</c>")})  # 0
        spill.add({"台账": block(), "问题": block("<c>乙问题</c>")})  # 1
        spill.add({"台账": block("<c>丙1</c>"), "问题": block()})  # 2
        spill.add({"台账": block("<c>丁1</c>", "<c>丁2</c>"), "问题": block("<c>丁问题</c>")})  # 3
        ledger = one_page(spill, "台账")
        assert ledger.count == 5 and cells(ledger) == ["<c>甲1</c>", "<c>甲2</c>", "<c>丙1</c>", "<c>丁1</c>",
                                                            "<c>丁2</c>"]
        ledger = one_page(spill, "台账", {0, 3})
        assert ledger.count == 1 and cells(ledger) == ["<c>丙1</c>"]  # its block alone, not 丁's after it
        problems = one_page(spill, "问题", {3})
        assert problems.count == 2 and cells(problems) == ["<c>甲问题</c>", "<c>乙问题</c>"]
        assert cells(one_page(spill, "台账", {0, 2, 3})) == [] and one_page(spill, "台账", {0, 2, 3}).count == 0
        again = one_page(spill, "台账", {2})  # a sheet may be read again
        assert again.count == 4 and cells(again) == ["<c>甲1</c>", "<c>甲2</c>", "<c>丁1</c>", "<c>丁2</c>"]
        folder = Path(spill._dir.name)
        assert folder.is_dir()
    assert not folder.exists()  # the temporary files go with the run


def test_blocks_are_read_together_up_to_a_limit_and_a_longer_one_alone(monkeypatch):
    monkeypatch.setattr(spill_module, "READ_BYTES", 10)
    sizes = [4, 4, 4, 0, 30, 2, 2]  # bytes of each branch's block
    ends = array("q", itertools.accumulate(sizes, initial=0))
    # 0-1 make 8 bytes, 2 would make 12; 3 is empty; 4 is longer than the limit; 5-6 again together
    assert list(_runs(ends, (), 0, len(sizes))) == [(0, 2), (2, 3), (4, 5), (5, 7)]
    assert list(_runs(ends, {1, 5}, 0, len(sizes))) == [(0, 1), (2, 3), (4, 5), (6, 7)]
    assert list(_runs(array("q", [0, 4, 10, 12]), (), 0, 3)) == [(0, 2), (2, 3)]  # exactly the limit still goes together
    rows = [f"<c>{'x' * (n - 1)}</c>"[:n - 1] if n else None for n in sizes]
    with Spill(["台账"]) as spill:
        for text in rows:
            spill.add({"台账": block(text) if text is not None else block()})
        assert cells(one_page(spill, "台账", {1})) == [r for n, r in enumerate(rows) if r is not None and n != 1]
        assert [len(b) for b, _ in one_page(spill, "台账").blocks] == [8, 4, 30, 4]  # one read a run


def test_records_keep_every_item_in_order_across_chunks_and_iterations():
    records = Records()
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
    odd = Selection(records, set(range(1, 2 * CHUNK + 5, 2)) | {2 * CHUNK + 5})
    assert len(odd) == CHUNK + 3 and [item["n"] for item in odd] == list(range(0, 2 * CHUNK + 5, 2))
    assert list(odd) == list(odd)
    records.close()


def test_a_selection_of_a_plain_list_iterates_what_it_keeps_as_often_as_asked():
    chosen = Selection([3, 8, 1, 6], {2})
    assert (len(chosen), list(chosen), list(chosen)) == (3, [3, 8, 6], [3, 8, 6])
    whole = Selection([3, 8], set())
    assert (len(whole), list(whole)) == (2, [3, 8])


def test_names_give_back_each_string_by_index_and_slice():
    texts = ["a.xlsx", "子/乙.xlsx", "", "\udcff坏.xlsx", "z"]  # a name the file system could not decode too
    names = Names(texts)
    assert len(names) == 5 and list(names) == texts and [names[n] for n in range(-5, 5)] == texts * 2
    assert names[1:3] == texts[1:3] and names[3:] == texts[3:] and names[:0] == []
    with pytest.raises(IndexError):
        names[5]
    assert len(Names([])) == 0 and list(Names([])) == []


def test_the_spill_keeps_records_and_removes_them_with_its_folder():
    with Spill(["台账"]) as spill:
        spill.records.append("甲")
        assert list(spill.records) == ["甲"]
        folder = Path(spill._dir.name)
    assert not folder.exists()


def test_pages_hold_at_most_excel_rows_and_are_cut_between_branches(monkeypatch):
    monkeypatch.setattr(spill_module, "EXCEL_ROWS", 4)  # a header and 3 rows
    with Spill(["台账"]) as spill:
        for name, rows in [("甲", 2), ("乙", 1), ("丙", 2), ("丁", 0), ("戊", 3), ("己", 1)]:
            spill.add({"台账": block(*(f"<c>{name}{n}</c>" for n in range(rows)))})
        pages = spill.pages("台账")
        # 甲 and 乙 fill a page; 丙 with them would pass 3 rows, so it starts the next (丁 adds none to it); 戊's 3
        # rows fill one; 己 follows
        assert [page.count for page in pages] == [3, 2, 3, 1]
        assert [cells(page) for page in pages] == [["<c>甲0</c>", "<c>甲1</c>", "<c>乙0</c>"],
                                                   ["<c>丙0</c>", "<c>丙1</c>"],
                                                   ["<c>戊0</c>", "<c>戊1</c>", "<c>戊2</c>"], ["<c>己0</c>"]]
        skipped = spill.pages("台账", {0, 4})  # without 甲 and 戊: 乙 and 丙 fit one page, 己 with them is 4
        assert [cells(page) for page in skipped] == [["<c>乙0</c>", "<c>丙0</c>", "<c>丙1</c>"], ["<c>己0</c>"]]


def test_records_share_an_equal_value_within_the_chunk_being_filled_only():
    records = Records()
    first = records.shared("机关党委", "".join(["机关", "党委"]))
    assert records.shared("机关党委", "".join(["机关", "党委"])) is first  # the one kept
    assert records.shared(("党课", True), {"党课": True}) == {"党课": True}  # another key, its own value
    for n in range(CHUNK):
        records.append(n)
    again = "".join(["机关", "党委"])
    assert records.shared("机关党委", again) is again  # a chunk written: its values are no longer kept
    records.close()
