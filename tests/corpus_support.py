"""The import corpus (tests/corpus/corpus.toml): each report built into the file a user imports, taken through
import → workbook → report, and measured against its own paragraphs. Used by test_import_corpus and by
bench/import_corpus.py."""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
#: Marks a PDF never starts a line with (避头): they hang at the end of the line before.
_NO_LINE_START = "，。、；：！？”’）》」』…"
#: Roles of the report's heading paragraphs, and of those that close it.
HEADINGS, CLOSING = ("part", "section"), ("closing", "signature", "date")


@dataclass(frozen=True)
class Entry:
    """One report of the corpus: its file, how the imported file is built from it, and what the import must say."""

    file: str
    shape: str
    info: dict
    blank: list[str]
    notes: list[str] = field(default_factory=list)
    build: str = ""
    wrap: dict = field(default_factory=dict)
    encoding: str = "utf-8"
    #: the parts, sections and points a reader sees, one string per part (see Skeleton)
    outline: list[str] = field(default_factory=list)
    #: word-form: the form's cells above the one holding the report (rows of cells)
    form: list[list[str]] = field(default_factory=list)
    #: word-table: a table put after the paragraph beginning with `after` (its `rows`)
    table: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return Path(self.file).stem

    def paragraphs(self) -> list[str]:
        """Return the report's own paragraphs: the file's non-empty lines."""
        text = (CORPUS / self.file).read_bytes().decode(self.encoding)
        return [line.strip() for line in text.splitlines() if line.strip()]


def entries() -> list[Entry]:
    with open(CORPUS / "corpus.toml", "rb") as f:
        return [Entry(**item) for item in tomllib.load(f)["report"]]


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pdf_lines(paragraphs: list[str], width: int, page: int, marker: str, indent: bool) -> list[str]:
    """Return *paragraphs* as text copied from a PDF: lines broken at *width* columns (punctuation hangs at a
    line's end, as typesetters do), a page marker after every *page* lines, first-line indents if *indent*."""
    lines: list[str] = []
    for k, paragraph in enumerate(paragraphs):
        line = "\u3000\u3000" if indent and k else ""
        for char in paragraph:
            if columns(line + char) > width and char not in _NO_LINE_START:
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
    out: list[str] = []
    for start in range(0, len(lines), page):
        out += lines[start:start + page]
        if start + page < len(lines):
            out.append(marker.format(start // page + 1))
    return out


def build_input(entry: Entry, folder: Path) -> Path:
    """Write the file a user would import for *entry* into *folder* and return its path."""
    paragraphs = entry.paragraphs()
    if entry.build == "wrap":
        path = folder / f"{entry.name}.txt"
        path.write_text("\n".join(pdf_lines(paragraphs, **entry.wrap)) + "\n", encoding="utf-8")
    elif entry.build.startswith("word-"):
        path = folder / f"{entry.name}.docx"
        _WORD[entry.build](paragraphs, entry).save(path)
    else:
        path = folder / entry.file
        path.write_bytes((CORPUS / entry.file).read_bytes())
    return path


_PART = re.compile(r"^[一二三四五六七八九十]+、")
_SECTION = re.compile(r"^（[一二三四五六七八九十]+）")


def _styled_docx(paragraphs: list[str], entry: Entry):
    """Return a Word document of *paragraphs* whose 一、 and （一） are Word's automatic numbering (removed from
    the text) on Heading 1 / Heading 2 paragraphs, the first line in the Title style."""
    import docx
    from test_import_docx import add_list, numbered

    document = docx.Document()
    outline = add_list(document, 77, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    document.add_paragraph(paragraphs[0], style="Title")
    for text in paragraphs[1:]:
        for pattern, level in ((_PART, 0), (_SECTION, 1)):
            if match := pattern.match(text):
                numbered(document.add_paragraph(text[match.end():], style=f"Heading {level + 1}"), outline, level)
                break
        else:
            document.add_paragraph(text)
    return document


def _bold_docx(paragraphs: list[str], entry: Entry):
    """Return a Word document of *paragraphs* in which every line without a full stop is set in bold."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph().add_run(text).bold = "。" not in text
    return document


#: A numbered line's label and heading clause: up to its first full stop, or the whole line without one.
_RUN_IN = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)[^。]{0,25}(?:。|$)")


def _bold_run_docx(paragraphs: list[str], entry: Entry):
    """Return a Word document of *paragraphs* whose numbered lines begin with their label and heading clause in a
    bold run (the rest of the line plain), as authors mark headings without heading styles."""
    import docx

    document = docx.Document()
    document.add_paragraph().add_run(paragraphs[0]).bold = True
    for text in paragraphs[1:]:
        paragraph = document.add_paragraph()
        match = _RUN_IN.match(text)
        if match:
            paragraph.add_run(match.group()).bold = True
        if text[match.end() if match else 0:]:
            paragraph.add_run(text[match.end() if match else 0:])
    return document


def _form_docx(paragraphs: list[str], entry: Entry):
    """Return a Word document of a 述职评议表: the title, then a table of the form's cells (entry.form) above a
    row whose label cell says 述职内容 and whose merged cell holds the report's other paragraphs."""
    import docx

    document = docx.Document()
    document.add_paragraph(paragraphs[0])
    width = max(len(row) for row in entry.form)
    table = document.add_table(rows=len(entry.form) + 1, cols=width)
    for r, row in enumerate(entry.form):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(len(entry.form), 0).text = "述职内容"
    report = table.cell(len(entry.form), 1).merge(table.cell(len(entry.form), width - 1))
    report.text = paragraphs[1]
    for text in paragraphs[2:]:
        report.add_paragraph(text)
    return document


def _table_docx(paragraphs: list[str], entry: Entry):
    """Return a Word document of *paragraphs* with a table (entry.table's rows) after the paragraph beginning
    with entry.table's `after`."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
        if text.startswith(entry.table["after"]):
            rows = entry.table["rows"]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    return document


_WORD = {"word-styles": _styled_docx, "word-bold": _bold_docx, "word-boldrun": _bold_run_docx,
         "word-form": _form_docx, "word-table": _table_docx}


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_back(path: Path) -> list[str]:
    """Return the paragraphs the importer reads from *path*, reassembled from its reading (title block, opening,
    outline tree, back matter) without the model or the workbook, normalised."""
    from shuzhi_xl.importer.parse import read_outline
    from shuzhi_xl.importer.sources import document_paragraphs

    reading = read_outline(document_paragraphs(path)[0], [])
    info = reading.info
    read = [*info.title.split("\n"), info.display_author, info.salutation, *(p.text for p in reading.preamble),
            *(line for node in reading.roots for line in node.lines()), *info.closing.split("\n"),
            *info.signature.split("\n")]
    if info.date:
        read.append(next(p.text for p in reading.items if p.number == info.where["date"].paragraph))
    return [normalise(t) for t in read if t]


def variant(entry: Entry, kind: str, folder: Path) -> Path:
    """Write *entry*'s paragraphs laid out another way a user's file may be: every paragraph indented with two
    full-width spaces, blank lines between paragraphs with Windows line ends, or one Word paragraph per line."""
    paragraphs = entry.paragraphs()
    if kind == "docx":
        import docx

        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        path = folder / f"{entry.name}-plain.docx"
        document.save(path)
        return path
    path = folder / f"{entry.name}-{kind}.txt"
    text = "\n".join("\u3000\u3000" + p for p in paragraphs) if kind == "indented" else "\r\n\r\n".join(paragraphs)
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Outcome:
    """What one report came out as: the paragraphs printed (normalised) with their roles, and the import notes."""

    expected: list[str]
    printed: list[str]
    roles: list[str]
    notes: list[str]
    report: object

    @property
    def in_order(self) -> int:
        """Return how many expected paragraphs were printed exactly and in order (longest common subsequence)."""
        matcher = difflib.SequenceMatcher(a=self.expected, b=self.printed, autojunk=False)
        return sum(block.size for block in matcher.get_matching_blocks())

    @property
    def empty_headings(self) -> list[str]:
        """Return the printed headings that head nothing: followed by a heading of their level or above, or by
        the end, and not a heading without body in the source (the source has them as its own)."""
        empty = []
        for k, (role, text) in enumerate(zip(self.roles, self.printed)):
            if role not in HEADINGS:
                continue
            after = self.roles[k + 1] if k + 1 < len(self.roles) else "end"
            closes = after in ("part", "end", *CLOSING) or (role == "section" and after == "section")
            if closes and text not in self.expected:
                empty.append(text)
        return empty


def round_trip(entry: Entry, folder: Path, source: Path | None = None) -> Outcome:
    """Import *entry*'s file (or *source*, another form of it), write the workbook, read it back and return what
    the report prints."""
    from shuzhi_xl.importer import import_document
    from shuzhi_xl.report.text import report_paragraphs
    from shuzhi_xl.xlsx.reader import read_workbook
    from shuzhi_xl.xlsx.template import write_workbook

    result = import_document(source or build_input(entry, folder))
    report = read_workbook(write_workbook(folder / f"{entry.name}.xlsx", result.report))
    printed = [p for p in report_paragraphs(report) if normalise(p.text)]
    return Outcome([normalise(p) for p in entry.paragraphs()], [normalise(p.text) for p in printed],
                   [p.role for p in printed], [str(n) for n in result.notes], report)


@dataclass
class Skeleton:
    """How much of a report's outline the import recovered, against the outline a reader sees in the source.

    The expected outline is one string per part, written by hand from the text: "HEADING | S1 / S2 …", where
    HEADING is a fragment of the part's heading and each section is "FRAGMENT:N" (a heading beginning with
    FRAGMENT and N points), "*:N" (any heading) or ":N" (text standing directly under the part, no heading).
    A part is right when a part holding its fragment comes next (in order); a section when it stands in its
    right part at its place with a matching heading; its points when their number is N as well.
    """

    parts: int = 0
    parts_right: int = 0
    sections: int = 0
    sections_right: int = 0
    points: int = 0
    points_right: int = 0
    #: parts and sections the import made that the source does not have
    extra: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: "Skeleton") -> "Skeleton":
        return Skeleton(*(getattr(self, f) + getattr(other, f) for f in
                          ("parts", "parts_right", "sections", "sections_right", "points", "points_right", "extra")),
                        self.wrong + other.wrong)


def _section_spec(text: str) -> tuple[str | None, int]:
    heading, _, count = text.strip().rpartition(":")
    return (None if heading == "*" else heading), int(count)


def _fits(wanted: str | None, heading: str) -> bool:
    """Return whether a section's *heading* is the one *wanted*: any (None), none (""), or one beginning so."""
    if wanted is None:
        return bool(heading)
    return normalise(heading).startswith(normalise(wanted)) if wanted else not heading


def skeleton(expected: list[str], report) -> Skeleton:
    """Return how much of the *expected* outline (Entry.outline) the imported *report* (model.Report) has."""
    score = Skeleton()
    got = list(report.parts)
    position = 0
    for spec in expected:
        fragment, _, sections = spec.partition("|")
        wanted = [_section_spec(s) for s in sections.split("/") if s.strip()]
        score.parts += 1
        score.sections += len(wanted)
        score.points += sum(n for _, n in wanted)
        found = next((k for k in range(position, len(got)) if normalise(fragment) in normalise(got[k].heading)), None)
        if found is None:
            score.wrong.append(f"part {fragment.strip()} not found")
            continue
        score.extra += found - position
        part, position = got[found], found + 1
        score.parts_right += 1
        score.extra += max(0, len(part.sections) - len(wanted))
        for k, (heading, count) in enumerate(wanted):
            section = part.sections[k] if k < len(part.sections) else None
            shown = f"{fragment.strip()} section {k + 1}"
            if section is None or not _fits(heading, section.heading):
                score.wrong.append(f"{shown}: {section.heading if section else 'missing'!r}")
                continue
            score.sections_right += 1
            if len(section.points) == count:
                score.points_right += count
            else:
                score.wrong.append(f"{shown}: {len(section.points)} points, not {count}")
    score.extra += len(got) - position
    return score


def printed_pdfs(chosen: list[Entry], folder: Path) -> dict[str, Path]:
    """Return, per report of *chosen*, a PDF of it as Word prints it (first-line indents), made by LibreOffice in
    one run; {} when LibreOffice is not installed."""
    import docx

    from shuzhi_xl.soffice import convert, find_soffice

    soffice = find_soffice()
    if soffice is None:
        return {}
    made = {}
    for entry in chosen:
        document = docx.Document()
        for text in entry.paragraphs():
            document.add_paragraph(text).paragraph_format.first_line_indent = docx.shared.Pt(24)
        document.save(folder / f"{entry.name}.docx")
        made[entry.name] = convert(soffice, folder / f"{entry.name}.docx", "pdf", folder)
    return made
