"""Form sheets (基本信息, version 1's section sheets): a label in column A, its value in B."""

from __future__ import annotations

from collections.abc import Sequence

from .values import text

REQUIRED_MARK = "（必填）"


def label_rows(grid: Sequence[Sequence[object]]) -> dict[str, list[int]]:
    """Return each label of column A (without its required mark) → the 1-based rows it stands in, in order."""
    labels: dict[str, list[int]] = {}
    for r, row in enumerate(grid, start=1):
        if row and (label := text(row[0])):
            labels.setdefault(label.removesuffix(REQUIRED_MARK), []).append(r)
    return labels


def value_b(grid: Sequence[Sequence[object]], row: int) -> object:
    """Return the value in column B of 1-based *row* (a row label_rows found in *grid*), None when the row stops before B."""
    cells = grid[row - 1]
    return cells[1] if len(cells) > 1 else None
