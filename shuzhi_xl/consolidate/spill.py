"""Where the parent keeps what the branches contribute while a consolidation runs: on disk, not in memory.

Each branch's rows arrive rendered (bytes, one block of row templates per detail sheet) and are appended to one temporary
file per sheet; the parent keeps only where each block ends (an array of numbers). When every file is read and
the duplicates are known, each sheet's rows are read back in order, leaving out the blocks of the files not used.
The branches' own records (the figures of 总览) are pickled in chunks to a file of their own (Records) and read back
in order for each view; the names of the files are one blob (Names): the parent's memory stays flat however many
files the folder holds. A branch is known by its number: the order it was added in.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Collection, Hashable, Iterable, Iterator
from itertools import compress
from pathlib import Path
from typing import Generic, TypeVar

from .summary import Rendered

T = TypeVar("T")
V = TypeVar("V")
#: Records pickled together: one pickle of 256 reads back in a third less time than 256 pickles.
CHUNK = 256
#: Blocks read back at once up to about this many bytes: fewer reads, and memory still flat.
READ_BYTES = 1 << 20
#: Rows of a sheet Excel (and WPS) opens, the header's included.
EXCEL_ROWS = 1_048_576


class Spill:
    """Temporary files of rendered rows, one per detail sheet; use as a context manager."""

    def __init__(self, sheets: list[str]):
        self._dir = tempfile.TemporaryDirectory(prefix="shuzhi-consolidate-")
        self._files = {name: (Path(self._dir.name) / f"{n}.rows").open("w+b") for n, name in enumerate(sheets)}
        #: per sheet, by branch number: where its block ends (after a leading 0) and its rows
        self._ends = {name: array("q", [0]) for name in sheets}
        self._counts = {name: array("q") for name in sheets}
        self.records: Records = Records()

    def add(self, rows: dict[str, tuple[int, bytes]]) -> None:
        """Append the rendered *rows* (sheet → (count, block)) of the next branch."""
        for name, (count, block) in rows.items():
            self._files[name].write(block)
            self._ends[name].append(self._ends[name][-1] + len(block))
            self._counts[name].append(count)

    def pages(self, sheet: str, skip: Collection[int] = ()) -> list[Rendered]:
        """Return the rendered rows of *sheet* of every branch in order but those numbered in *skip*, read back as
        they are written out (runs of blocks, each with the number of its rows), in pages of at most
        ``EXCEL_ROWS - 1`` rows below the header, cut between branches: Excel opens no sheet of more rows (the
        ledger of ~22,000 branches fills one)."""
        counts, limit = self._counts[sheet], EXCEL_ROWS - 1
        pages, first, rows = [], 0, 0
        for n, count in enumerate(counts):
            if n in skip:
                continue
            if rows and rows + count > limit:
                pages.append((first, n, rows))
                first, rows = n, 0
            rows += count
        pages.append((first, len(counts), rows))
        return [Rendered(rows, self._read(sheet, skip, first, stop)) for first, stop, rows in pages]

    def _read(self, sheet: str, skip: Collection[int], first: int, stop: int) -> Iterator[tuple[bytes, int]]:
        source, ends, counts = self._files[sheet], self._ends[sheet], self._counts[sheet]
        source.flush()
        for start, end in _runs(ends, skip, first, stop):
            source.seek(ends[start])
            yield source.read(ends[end] - ends[start]), sum(counts[start:end])

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc) -> None:
        for out in self._files.values():
            out.close()
        self.records.close()
        self._dir.cleanup()


def _runs(ends: array, skip: Collection[int], first: int, stop: int) -> Iterator[tuple[int, int]]:
    """Yield (first, past last) numbers of the blocks from *first* to before *stop* to read together: neighbours
    not skipped, up to READ_BYTES (a single block may be longer), empty ones left out."""
    start = None
    for n in range(first, stop):
        if n in skip or ends[n] == ends[n + 1]:
            if start is not None:
                yield start, n
            start = None
        elif start is None:
            start = n
        elif ends[n + 1] - ends[start] > READ_BYTES:
            yield start, n
            start = n
    if start is not None:
        yield start, stop


class Records(Generic[T]):
    """A list that only grows, kept in a temporary file: append, len, and iteration in order (as often as needed,
    also several at once). Close it when done."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="shuzhi-records-")
        self._ends = array("q", [0])  # where each chunk written ends (after the one before)
        self._pending: list[T] = []
        self._shared: dict = {}
        self._count = 0

    def append(self, item: T) -> None:
        self._pending.append(item)
        self._count += 1
        if len(self._pending) == CHUNK:
            self._file.seek(self._ends[-1])
            self._file.write(pickle.dumps(self._pending, pickle.HIGHEST_PROTOCOL))
            self._ends.append(self._file.tell())
            self._pending = []
            self._shared.clear()

    def shared(self, key: Hashable, value: V) -> V:
        """Return the value an item of the chunk being filled holds under *key* (*value*, kept, when none does):
        items holding one object pickle it once. Kept for one chunk only, so that names every item has its own
        of (a committee typed by hand) do not pile up with the items."""
        return self._shared.setdefault(key, value)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[T]:
        for start, end in zip(self._ends, self._ends[1:]):
            self._file.seek(start)  # each chunk is sought: another iteration may have moved the file between
            yield from pickle.loads(self._file.read(end - start))
        yield from list(self._pending)

    def close(self) -> None:
        self._file.close()


class Selection(Generic[T]):
    """The items of an iterable but those numbered (from 0) in *skip*: iterated in order, as often as needed, without
    a copy."""

    def __init__(self, items: Collection[T], skip: Collection[int] = ()):
        self._items, self.skip = items, skip

    def __len__(self) -> int:
        return len(self._items) - len(self.skip)

    def __iter__(self) -> Iterator[T]:
        if not self.skip:
            return iter(self._items)
        return compress(self._items, (n not in self.skip for n in range(len(self._items))))


class Names:
    """Strings kept as one UTF-8 blob and where each ends: 100,000 file names cost their characters, not 100,000
    objects. Indexing and slicing give str."""

    def __init__(self, names: Iterable[str]):
        self._blob, self._ends = bytearray(), array("q", [0])
        for name in names:
            self._blob += name.encode("utf-8", "surrogatepass")  # any str a file system gives comes back the same
            self._ends.append(len(self._blob))

    def __len__(self) -> int:
        return len(self._ends) - 1

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[n] for n in range(*index.indices(len(self)))]
        n = range(len(self))[index]  # IndexError past either end; negative indices count from the end
        return self._blob[self._ends[n]:self._ends[n + 1]].decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        return map(self.__getitem__, range(len(self)))
