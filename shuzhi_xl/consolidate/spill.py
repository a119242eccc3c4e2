"""Where the parent keeps what the branches contribute while a consolidation runs: on disk, not in memory.

Each branch's rows arrive rendered (bytes, one block per detail sheet) and are appended to one temporary
file per sheet; the parent keeps only where each block lies. When every file is read and the duplicates are
known, each sheet's rows are read back, block by block, for the branches used, in their order. The branches'
own records (the figures of 总览) are pickled in chunks to a file of their own (Records) and read back in order
for each view: the parent's memory stays flat however many files the folder holds.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Generic, TypeVar

from .details import ROW_END
from .summary import Rendered

T = TypeVar("T")
#: Records pickled together: one pickle of 256 reads back in a third less time than 256 pickles.
CHUNK = 256


class Spill:
    """Temporary files of rendered rows, one per detail sheet; use as a context manager."""

    def __init__(self, sheets: list[str]):
        self._dir = tempfile.TemporaryDirectory(prefix="shuzhi-consolidate-")
        self._files = {name: (Path(self._dir.name) / f"{n}.rows").open("w+b") for n, name in enumerate(sheets)}
        #: file → its number, in the order added; then per sheet, by number, where its block starts and its rows
        self._numbers: dict[str, int] = {}
        self._offsets = {name: array("q", [0]) for name in sheets}  # one more than files: the end of the last
        self._counts = {name: array("l") for name in sheets}
        self.records: Records = Records(Path(self._dir.name) / "records")

    def add(self, file: str, rows: dict[str, tuple[int, bytes]]) -> None:
        """Append the rendered *rows* of *file* (sheet → (count, block))."""
        self._numbers[file] = len(self._numbers)
        for name, (count, block) in rows.items():
            self._files[name].write(block)
            self._offsets[name].append(self._offsets[name][-1] + len(block))
            self._counts[name].append(count)

    def rows(self, sheet: str, files: list[str]) -> Rendered:
        """Return the rendered rows of *sheet* for *files*, in that order, read back as they are written out."""
        counts = self._counts[sheet]
        return Rendered(sum(counts[self._numbers[f]] for f in files), self._read(sheet, files))

    def _read(self, sheet: str, files: list[str]) -> Iterator[str]:
        source, offsets = self._files[sheet], self._offsets[sheet]
        source.flush()
        for file in files:
            n = self._numbers[file]
            if self._counts[sheet][n]:
                source.seek(offsets[n])
                yield from source.read(offsets[n + 1] - offsets[n]).decode("utf-8").split(ROW_END)[:-1]

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc) -> None:
        for out in self._files.values():
            out.close()
        self.records.close()
        self._dir.cleanup()


class Records(Generic[T]):
    """A list that only grows, kept in a temporary file: append, len, and iteration in order (as often as needed,
    also several at once)."""

    def __init__(self, path: Path):
        self._file = path.open("w+b")
        self._ends = array("q", [0])  # where each chunk written ends (after the one before)
        self._pending: list[T] = []
        self._count = 0

    def append(self, item: T) -> None:
        self._pending.append(item)
        self._count += 1
        if len(self._pending) == CHUNK:
            self._file.seek(self._ends[-1])
            self._file.write(pickle.dumps(self._pending, pickle.HIGHEST_PROTOCOL))
            self._ends.append(self._file.tell())
            self._pending = []

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
    """The items of an iterable that *keep* accepts: iterated in order, as often as needed, without a copy."""

    def __init__(self, items: Iterable[T], keep: Callable[[T], bool], count: int):
        self._items, self._keep, self._count = items, keep, count  # count: how many *keep* accepts

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[T]:
        return (item for item in self._items if self._keep(item))
