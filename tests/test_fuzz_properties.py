"""Generated hostile input (hypothesis), in-process: mutated workbooks and .docx, random and control-character text,
far cells, random titles. SHUZHI_FUZZ_EXAMPLES sets the number of examples per property (12 in CI)."""

from __future__ import annotations

import re
import resource
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import hostile
from fuzz_support import EXAMPLES, FORBIDDEN, PEAK_MB
from shuzhi_xl import schema
from shuzhi_xl.cli import main
from shuzhi_xl.report.lines import text_width, title_lines
from shuzhi_xl.report.styles import TITLE_MAX_CHARS
from shuzhi_xl.storable import UNSTORABLE, storable

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 12,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
#: Text as hostile as a cell or a document can hold: every control character, surrogates' neighbours,
#: non-characters, wide and combining characters, and plain Chinese.
NASTY = st.text(st.one_of(st.characters(codec="utf-8"), st.sampled_from(hostile.CONTROL + "\u3000\u00a0\u200b\ufeff")),
                max_size=300)


def invoke(capfd, *args) -> tuple[int, str]:
    """Run the command in-process; return its exit status and everything it wrote (click's streams and fds)."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    captured = capfd.readouterr()
    text = result.output + captured.out + captured.err
    assert not any(bad in text for bad in FORBIDDEN), text[-2000:]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, text


def workbook_commands(capfd, data: bytes, checked: set[int]) -> None:
    """Run check, check --annotate and report --force on *data*; each ends in *checked* or refuses it (2)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "支部.xlsx"
        path.write_bytes(data)
        for args, codes in ((["check", path, "--annotate", Path(folder) / "标注.xlsx"], checked),
                            (["report", "--force", path, "-o", Path(folder) / "报告.docx"], {0})):
            code, text = invoke(capfd, *args)
            assert code in codes | {2}, text[-2000:]
            if code == 2:
                assert "错误：" in text
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 < PEAK_MB


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 40_000), st.integers(1, 255)), min_size=1, max_size=8))
def test_a_workbook_with_flipped_bytes(capfd, flips):
    data = bytearray(hostile.sample_bytes())
    for at, mask in flips:
        data[at % len(data)] ^= mask
    workbook_commands(capfd, bytes(data), {0, 1})


@FUZZ
@given(text=NASTY, raw=st.booleans())
def test_a_workbook_with_hostile_cell_text(capfd, text, raw):
    """Text put into every inline string of the sheets, escaped as XML or raw (then often not well-formed)."""
    inserted = text.encode("utf-8", "surrogatepass") if raw else escape(text).encode("utf-8", "surrogatepass")
    data = hostile.sheet_xml_edited(lambda xml: re.sub(rb"(<t[^>]*>)", lambda m: m[1] + inserted, xml, count=40))()
    workbook_commands(capfd, data, {0, 1})


@FUZZ
@given(row=st.integers(1, 2 ** 40), column=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=6))
def test_a_workbook_with_a_value_in_any_cell(capfd, row, column):
    data = hostile.sheet_xml_edited(hostile.far_reference(f"{column}{row}".encode()))()
    workbook_commands(capfd, data, {0, 1})


@FUZZ
@given(name=NASTY)
def test_a_workbook_with_any_branch_name(capfd, name):
    data = hostile.edited(hostile.branch_named(storable(name) or None))()
    workbook_commands(capfd, data, {0, 1})


@FUZZ
@given(text=NASTY, lines=st.integers(1, 40))
def test_import_of_any_text(capfd, text, lines):
    with tempfile.TemporaryDirectory() as folder:
        path, out = Path(folder) / "报告.txt", Path(folder) / "导入.xlsx"
        path.write_bytes("\n".join([text] * lines).encode("utf-8", "surrogatepass"))
        code, message = invoke(capfd, "import", path, "-o", out)
        assert code in (0, 2), message
        if code == 0:
            wb = load_workbook(out)
            assert not any(UNSTORABLE.search(c.value) for ws in wb for row in ws.iter_rows() for c in row
                           if isinstance(c.value, str))
        else:
            assert "错误：" in message and not out.exists()


@FUZZ
@given(text=NASTY, flips=st.lists(st.tuples(st.integers(0, 40_000), st.integers(1, 255)), max_size=4))
def test_import_of_a_mutated_docx(capfd, text, flips):
    data = bytearray(hostile.docx_xml_edited(hostile.in_document_text(escape(text).encode("utf-8", "surrogatepass")))())
    for at, mask in flips:
        data[at % len(data)] ^= mask
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "报告.docx"
        path.write_bytes(bytes(data))
        code, message = invoke(capfd, "import", path, "-o", Path(folder) / "导入.xlsx")
        assert code in (0, 2), message


@FUZZ
@given(title=st.text(st.one_of(st.sampled_from("党支部书记年度抓基层党建工作述职报告，。（）《》“”"),
                               st.characters(codec="utf-8")), max_size=400))
def test_any_title_breaks_into_lines_within_the_limit(title):
    lines = title_lines(title)
    assert "".join(lines) == title.strip()
    assert all(text_width(line) <= TITLE_MAX_CHARS for line in lines)


def test_numerous_cells_in_every_table(capfd):
    """Hundreds of rows in every table sheet at once: read, checked, annotated and printed."""
    def fill(wb) -> None:
        for sheet in schema.SHEETS:
            if sheet.columns:
                hostile.rows(sheet, 300)(wb)
    workbook_commands(capfd, hostile.edited(fill)(), {0, 1})
