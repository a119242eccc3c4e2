"""Where the parent keeps the branches' detail rows while a consolidation runs: on disk, not in memory.

Each branch's rows arrive rendered (bytes, one block per detail sheet) and are appended to one temporary
file per sheet; the parent keeps only where each block lies. When every file is read and the duplicates are
known, each sheet's rows are read back, block by block, for the branches used, in their order.
"""

from __future__ import annotations

import tempfile
from array import array
from collections.abc import Iterator
from pathlib import Path

from .details import ROW_END
from .summary import Rendered


class Spill:
    """Temporary files of rendered rows, one per detail sheet; use as a context manager."""

    def __init__(self, sheets: list[str]):
        self._dir = tempfile.TemporaryDirectory(prefix="shuzhi-consolidate-")
        self._files = {name: (Path(self._dir.name) / f"{n}.rows").open("w+b") for n, name in enumerate(sheets)}
        #: file → its number, in the order added; then per sheet, by number, where its block starts and its rows
        self._numbers: dict[str, int] = {}
        self._offsets = {name: array("q", [0]) for name in sheets}  # one more than files: the end of the last
        self._counts = {name: array("l") for name in sheets}

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
        self._dir.cleanup()
