"""Consolidation of a folder of branch workbooks into one summary workbook and one bound volume."""

from .run import Progress, Summary, consolidate

__all__ = ["Progress", "Summary", "consolidate"]
