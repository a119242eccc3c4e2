"""Where the parent keeps the branches' detail rows while a consolidation runs: on disk, not in memory.

Each branch's rows arrive rendered (bytes, one block per detail sheet) and are appended to one temporary
file per sheet; the parent keeps only where each block lies. When every file is read and the duplicates are
known, each sheet's rows are read back, block by block, for the branches used, in their order.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

from .details import ROW_END
from .summary import Rendered


class Spill:
    """Temporary files of rendered rows, one per detail sheet; use as a context manager."""

    def __init__(self, sheets: list[str]):
        self._dir = tempfile.TemporaryDirectory(prefix="shuzhi-consolidate-")
        self._files = {name: (Path(self._dir.name) / f"{n}.rows").open("w+b") for n, name in enumerate(sheets)}
        #: file → sheet → (offset, length, rows)
        self._blocks: dict[str, dict[str, tuple[int, int, int]]] = {}

    def add(self, file: str, rows: dict[str, tuple[int, bytes]]) -> None:
        """Append the rendered *rows* of *file* (sheet → (count, block))."""
        blocks = {}
        for name, (count, block) in rows.items():
            out = self._files[name]
            blocks[name] = (out.tell(), len(block), count)
            out.write(block)
        self._blocks[file] = blocks

    def rows(self, sheet: str, files: list[str]) -> Rendered:
        """Return the rendered rows of *sheet* for *files*, in that order, read back as they are written out."""
        return Rendered(sum(self._blocks[f][sheet][2] for f in files), self._read(sheet, files))

    def _read(self, sheet: str, files: list[str]) -> Iterator[str]:
        source = self._files[sheet]
        source.flush()
        for file in files:
            offset, length, count = self._blocks[file][sheet]
            if count:
                source.seek(offset)
                yield from source.read(length).decode("utf-8").split(ROW_END)[:-1]

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc) -> None:
        for out in self._files.values():
            out.close()
        self._dir.cleanup()
