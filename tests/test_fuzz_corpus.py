"""Every command on the fixed hostile corpus (tests/hostile.py), as a user runs it (a subprocess) and in-process:
exit 0/1 for a workbook it can check, 2 with a Chinese message for one it cannot use, never a traceback, Rust
text, a hang or unbounded memory; consolidation lists every bad file and loses no good one."""

from __future__ import annotations

import json
import resource
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from fuzz_support import FORBIDDEN, LONG, PEAK_MB, assert_behaved, shuzhi, temp_leftovers
from hostile import CHECKED, DOCUMENTS, EITHER, UNUSABLE, WORKBOOKS, Hostile
from shuzhi_xl.cli import main
from shuzhi_xl.consolidate.summary import OVERVIEW_SHEET, UNREADABLE_SHEET

#: How each command must end on each kind of workbook.
XLSX_CODES = {CHECKED: {0, 1}, UNUSABLE: {2}, EITHER: {0, 1, 2}}
ENTRIES = [e for e in WORKBOOKS if LONG or not e.heavy]
#: Commands run as a process on every entry; the in-process run covers all four (check and --json read as
#: --annotate does, so as processes they would add time, not coverage).
AS_PROCESS = ("check --annotate", "report --force")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for entry in ENTRIES + DOCUMENTS:
        paths[entry.name] = folder / entry.name
        paths[entry.name].write_bytes(entry.make())
    return paths


def xlsx_commands(path: Path, out: Path) -> list[tuple[str, list, set[int] | None]]:
    """(label, arguments, exit codes or None for "as the entry expects") of each command reading a workbook."""
    return [("check", ["check", path], None),
            ("check --json", ["check", "--json", path], None),
            ("check --annotate", ["check", path, "--annotate", out / f"{path.stem}-标注.xlsx"], None),
            ("report --force", ["report", "--force", path, "-o", out / f"{path.stem}.docx"], {0})]


def expected(entry: Hostile, codes: set[int] | None) -> set[int]:
    if codes is None or entry.expect == UNUSABLE:
        return XLSX_CODES[entry.expect]
    return codes | ({2} if entry.expect == EITHER else set())


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_every_command_on_a_hostile_workbook_as_a_process(corpus, tmp_path, entry):
    for label, args, codes in xlsx_commands(corpus[entry.name], tmp_path):
        if label not in AS_PROCESS and not LONG:
            continue
        # RUST_BACKTRACE makes a panic print a whole backtrace: none may reach the terminal
        run = shuzhi(*args, env={"RUST_BACKTRACE": "full"})
        assert_behaved(run, expected(entry, codes), entry.says, f"{entry.name} {label}")
    assert not temp_leftovers(tmp_path, corpus[entry.name].parent)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_every_command_on_a_hostile_workbook_in_process(corpus, tmp_path, capfd, entry):
    for label, args, codes in xlsx_commands(corpus[entry.name], tmp_path):
        result = CliRunner().invoke(main, [str(a) for a in args])
        captured = capfd.readouterr()  # what reached the file descriptors (Rust writes to fd 2 directly)
        text = result.output + captured.out + captured.err
        where = f"{entry.name} {label}: exit {result.exit_code}\n{text[-2000:]}"
        assert result.exit_code in expected(entry, codes), where
        assert not any(bad in text for bad in FORBIDDEN), where
        if label == "check --json":
            json.loads(result.stdout)  # the JSON is whole even when the file is refused
        if result.exit_code == 2:
            assert entry.says in text, where
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 < PEAK_MB


@pytest.mark.parametrize("entry", DOCUMENTS, ids=lambda e: e.name)
def test_import_of_a_hostile_document(corpus, tmp_path, entry):
    workbook = tmp_path / "导入.xlsx"
    run = shuzhi("import", corpus[entry.name], "-o", workbook)
    assert_behaved(run, {0} if entry.expect == CHECKED else {2}, entry.says, entry.name)
    if run.code == 0:  # what was written is a workbook the program and openpyxl read back
        load_workbook(workbook)
        assert shuzhi("check", workbook).code in (0, 1)
    else:
        assert not workbook.exists()
    result = CliRunner().invoke(main, ["import", str(corpus[entry.name]), "-o", str(tmp_path / "再导入.xlsx")])
    assert result.exit_code == run.code and not any(bad in result.output for bad in FORBIDDEN)


def test_consolidation_of_the_whole_corpus_lists_each_bad_file_and_loses_no_good_one(corpus, tmp_path):
    folder = tmp_path / "各支部"
    folder.mkdir()
    for name, path in corpus.items():
        if name.endswith(".xlsx"):
            (folder / name).write_bytes(path.read_bytes())
    summary, volume = tmp_path / "汇总.xlsx", tmp_path / "汇编.docx"
    run = shuzhi("consolidate", folder, "-o", summary, "--volume", volume, "--jobs", "2", timeout=120)
    assert_behaved(run, {0}, label="consolidate")
    wb = load_workbook(summary, read_only=True)
    unreadable = {v for row in wb[UNREADABLE_SHEET].iter_rows(values_only=True) for v in row}
    seen = {v for sheet in wb.sheetnames if sheet != UNREADABLE_SHEET
            for row in wb[sheet].iter_rows(values_only=True) for v in row}
    for entry in ENTRIES:
        if entry.expect == UNUSABLE:
            assert entry.name in unreadable, entry.name
        elif entry.expect == CHECKED:  # a branch (in 总览, or in 重复文件 when the same branch and year came twice)
            assert entry.name in seen and entry.name not in unreadable, entry.name
        else:  # listed somewhere, whichever it turned out to be
            assert entry.name in seen | unreadable, entry.name
    assert OVERVIEW_SHEET in wb.sheetnames
    assert docx.Document(str(volume)).paragraphs
    assert not temp_leftovers(tmp_path)
