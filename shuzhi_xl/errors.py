"""Errors a person can act on. Their text is Chinese and is shown as is by both doors (CLI, Excel)."""

from __future__ import annotations

from pathlib import Path


class ShuzhiError(Exception):
    """Base of every error the user sees as a message rather than a traceback."""


class WorkbookError(ShuzhiError):
    """A workbook cannot be used; names the file and, where known, the sheet and cell."""

    def __init__(self, message: str, file: str | Path = "", sheet: str = "", cell: str = ""):
        self.message, self.file, self.sheet, self.cell = message, str(file), sheet, cell
        super().__init__(str(self))

    def __str__(self) -> str:
        return self._located([f"文件“{Path(self.file).name}”"] if self.file else [])

    @property
    def in_file(self) -> str:
        """The message with the sheet and cell it names but not the file: for a list whose rows name the file."""
        return self._located([])

    def _located(self, where: list[str]) -> str:
        if self.sheet:
            where.append(f"工作表“{self.sheet}”")
        if self.cell:
            where.append(f"单元格 {self.cell}")
        return f"{'，'.join(where)}：{self.message}" if where else self.message


def clipped(text: str, most: int = 40) -> str:
    """Return *text* as a message quotes it: cut after *most* characters, marked "…" (a hostile file's name for a
    sheet or a cell can run to megabytes)."""
    return text if len(text) <= most else f"{text[:most]}…"


class DocumentError(ShuzhiError):
    """A document (Word or text) cannot be imported."""

    def __init__(self, message: str, file: str | Path = "", paragraph: int | None = None):
        self.message, self.file, self.paragraph = message, str(file), paragraph
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [f"文件“{Path(self.file).name}”"] if self.file else []
        if self.paragraph is not None:
            where.append(f"第{self.paragraph}段")
        return f"{'，'.join(where)}：{self.message}" if where else self.message
