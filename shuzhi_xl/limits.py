"""The largest input the program reads, in one place: the README's 限制 section and the messages quote these.

They keep every command's time and memory bounded by the input's size, far above any real branch's workbook
(a year's ledger is a few hundred rows) or report (a few thousand characters).
"""

from __future__ import annotations

#: Rows of a data sheet (a cell with content below is named in a “too large” message).
MAX_ROWS = 20_000
#: Columns of a data sheet (AX); the template uses fewer than ten.
MAX_COLUMNS = 50
#: Uncompressed size of all parts of a workbook or .docx package, and of any one part.
MAX_PACKAGE_BYTES = 200 * 2**20
MAX_PART_BYTES = 64 * 2**20
#: Tags of a part parsed into a tree whole (a workbook's directory and relationships, a sheet's notes): real ones
#: have tens to thousands; a tree takes ~100 bytes a tag, and 64 MB of empty tags deflate to a few hundred KB.
MAX_TREE_TAGS = 100_000
#: Attributes of such a part (each has an "=", counted): ~350 bytes each in a tree, and 64 MB of them (5 million on
#: one tag) took 1.9 GB; real parts have a few a tag.
MAX_TREE_ATTRIBUTES = 4 * MAX_TREE_TAGS
#: Both, as the readers take them (sizes=: all parts, any one part).
WORKBOOK_SIZES = (MAX_PACKAGE_BYTES, MAX_PART_BYTES)
#: Last year's summary (shuzhi consolidate --previous): as large as this program writes one (a zip without ZIP64
#: extensions holds 4 GiB; its ledger sheet alone is ~2 GB at 100,000 branches), but each part read from it (its
#: 问题汇总 pages, the workbook's own parts) at most MAX_SUMMARY_PART_BYTES (a full page of 1,048,575 rows ~650 MB).
MAX_SUMMARY_BYTES = 2**32 - 1
MAX_SUMMARY_PART_BYTES = 2**30
#: Characters of one cell, as Excel keeps them: a longer text in last year's summary is refused.
MAX_CELL_CHARS = 32_767
#: Characters of a document to import or proofread, each paragraph's end counted as one (a report is 3,000–10,000).
MAX_IMPORT_CHARS = 500_000
#: Characters of a workbook's texts checked (report and ledger): 20,000 ledger rows of 100 characters fit.
MAX_CHECKED_CHARS = 2_000_000
#: Tags ("<") in all parts of a Word document: what an XML parser builds from them (~130 bytes an element in lxml)
#: stays bounded. A report of MAX_IMPORT_CHARS characters formatted run by run needs about half as many.
MAX_MARKUP = 1_000_000
#: Size of a committee's rules file (规则.toml: a few KB; 1 MB holds ~40,000 phrases, proofread in ~3 s).
MAX_RULES_BYTES = 2**20
#: Size of the list of 编号 ignored kept beside a file (〈文件名〉.忽略.txt: a line of ~40 bytes a finding).
MAX_LIST_BYTES = 2**20


def megabytes(size: int) -> str:
    """Return *size* in bytes as the MB figure the messages quote: one decimal below 10 MB (so 0.4 MB is not 0 MB)."""
    return f"{size / 2**20:.1f} MB" if size < 10 * 2**20 else f"{size / 2**20:.0f} MB"
