"""What the rule families share about one report beyond its texts: worked out once a report, not once a family.

Consolidation asks for the same after the checks (the ledger's counts, the parts matched to the 提纲 for the
detail rows, the paragraphs for the volume): checks.workbook.checked makes the Facts, the checks fill them, and
Checked.facts hands them on.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType

from ..model import Report
from ..outline import Matched, match
from ..report.text import Paragraph, report_paragraphs
from .cells import Texts
from .ledger import held_by_month, shortfalls
from .rules import Rules


class Facts(Texts):
    """A report's texts (Texts), the report and its rules, and what more than one reader of them works out: each
    on first use, then kept in tuples and read-only mappings: every rule family and the consolidation's rows read
    the same ones, so none may change them. (Not a dataclass: making one costs ~0.3 ms at every check's start-up.)"""

    def __init__(self, report: Report, rules: Rules):
        super().__init__(report)
        self.report, self.rules = report, rules

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The report's paragraphs as printed (report.text.report_paragraphs): counted by length, laid out by a
        consolidation's volume."""
        return tuple(report_paragraphs(self.report))

    @cached_property
    def matched(self) -> tuple[Matched, ...]:
        """The report's parts and sections paired with the 提纲's (outline.match)."""
        return tuple(match(self.report, self.rules.outline))

    @cached_property
    def held(self) -> Mapping[str, tuple[int, ...]]:
        """The activities of each ledger kind held in each month of the report year (ledger.held_by_month)."""
        return MappingProxyType(held_by_month(self.report))

    @cached_property
    def shortfalls(self) -> Mapping[str, tuple[object, tuple[tuple[int, int], ...]]]:
        """The ledger kinds short of their frequency rule, with their short periods (ledger.shortfalls)."""
        return MappingProxyType(shortfalls(self.report, self.rules, self.held))
