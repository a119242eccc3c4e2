"""The documents every door reads besides workbooks, on hostile input: Word and text reports (check, check
--annotate, import), a committee's rules file, and the names outputs are written under. Each must end as the
program promises (tests/fuzz_support.assert_behaved): a result, or a Chinese refusal, in bounded time and memory."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import hostile
from fuzz_support import assert_behaved, shuzhi, temp_leftovers
from hostile import DOCUMENTS, TOO_LONG
from shuzhi_xl.checks.rules import load_rules
from shuzhi_xl.errors import DocumentError, ShuzhiError
from shuzhi_xl.fileio import write_atomically
from shuzhi_xl.importer import sources
from shuzhi_xl.importer.numbering import Counters
from shuzhi_xl.importer.wordxml import decimal
from shuzhi_xl.limits import MAX_RULES_BYTES
from shuzhi_xl.checks.document import read_paragraphs

#: Documents every door refuses alike, for their size: other refusals are the importer's own wording (a damaged
#: part's XML…), and `check` reads the runs' text as python-docx does (a numbering label is not among it).
EVERY_DOOR = {"huge-paragraph.docx", "long-line.txt", "empty-lines.txt", "empty-paragraphs.docx"}


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, Path]:
    return {path.name: path for path in hostile.write_corpus(tmp_path_factory.mktemp("documents"), DOCUMENTS)}


@pytest.mark.parametrize("entry", DOCUMENTS, ids=lambda e: e.name)
def test_check_of_a_hostile_document(documents, tmp_path, entry):
    """`check` proofreads a report as it is (python-docx for a .docx): it reads within the importer's limits."""
    path = documents[entry.name]
    refused = entry.name in EVERY_DOOR
    commands = [["check", path]] + ([["check", path, "--annotate", tmp_path / "标注.docx"]]
                                    if path.suffix == ".docx" else [])
    for args in commands:
        assert_behaved(shuzhi(*args), {2} if refused else {0, 1, 2}, entry.says if refused else "", entry.name)
    assert not temp_leftovers(tmp_path, path.parent)


def test_a_numbering_label_past_the_limit_stops_the_reading_there(documents, monkeypatch):
    """The length is counted paragraph by paragraph, labels included: a document does not grow to many times the
    limit in memory before it is refused (~250 labels of 3 million characters: 1.3 GB)."""
    labelled = []
    label = Counters.label
    monkeypatch.setattr(Counters, "label", lambda self, *a: labelled.append(a) or label(self, *a))
    with pytest.raises(DocumentError) as caught:
        sources.document_paragraphs(documents["long-numbering-label.docx"])
    assert TOO_LONG in caught.value.message and len(labelled) == 1


@pytest.mark.parametrize("text, number", [("0", 0), ("8", 8), (" 3 ", 3), ("9", None), ("x", None), ("-1", None),
                                          ("²", None), ("9" * 5000, None), (None, None), ("", None)])
def test_a_list_level_is_a_number_word_writes_or_absent(text, number):
    assert decimal(text, 8) == number


def test_a_word_document_of_more_parts_than_a_zip_holds_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MOST_PARTS", 3)  # the seed report has more
    path = tmp_path / "报告.docx"
    path.write_bytes(hostile.seed_docx())
    with pytest.raises(DocumentError) as caught:
        read_paragraphs(path)
    assert "Word 文档最多 3 个" in caught.value.message


def test_check_reads_the_parts_as_the_importer_checked_them(documents):
    """python-docx inflated the lying part whole (1 GiB); it now reads the declared part, as the importer does."""
    read = read_paragraphs(documents["lying-document-size.docx"])
    assert [t for t in read if t.strip()] == [t for t in hostile.seed_text().splitlines() if t.strip()]


# --- a committee's rules file -----------------------------------------------------------------------------------

RULES = {
    "nested-lists.toml": "disable = " + "[" * 100_000 + "]" * 100_000 + "\n",
    "nested-tables.toml": "length = " + "{a=" * 50_000 + "1" + "}" * 50_000 + "\n",
    "long-integer.toml": "[length]\ntotal = " + "9" * 5000 + "\n",
    "nested-groups.toml": '[[proofreading.formulations]]\npattern = "' + "(" * 5000 + "a" + ")" * 5000 + '"\nright = "b"\n',
    "repeat-count.toml": '[[proofreading.formulations]]\npattern = "a{4294967295}"\nright = "b"\n',
    "too-large.toml": "# " + "注" * MAX_RULES_BYTES + "\n",
}


@pytest.mark.parametrize("name", RULES)
def test_a_hostile_rules_file_is_refused_in_chinese(tmp_path, name):
    path = tmp_path / name
    path.write_text(RULES[name], encoding="utf-8")
    with pytest.raises(ShuzhiError) as caught:
        load_rules(path)
    assert name in str(caught.value) and ("格式有误" in str(caught.value) or "过于复杂" in str(caught.value)
                                          or "过大" in str(caught.value))


def test_a_hostile_rules_file_through_the_command(tmp_path):
    rules, workbook = tmp_path / "规则.toml", tmp_path / "支部.xlsx"
    rules.write_text(RULES["nested-lists.toml"], encoding="utf-8")
    workbook.write_bytes(hostile.sample_bytes())
    assert_behaved(shuzhi("check", workbook), {2}, "规则.toml", "rules beside the workbook")


# --- names outputs are written under ----------------------------------------------------------------------------

#: A name longer than a file system allows (255 bytes: 100 Chinese characters are 300 in UTF-8).
TOO_LONG_NAME = "长" * 100


@pytest.mark.parametrize("command", ["report", "import", "annotate"])
def test_an_output_name_too_long_is_refused_and_leaves_nothing(tmp_path, command):
    """The Office owner-file names checked beside a target (~$名称) are longer still: asking for one raised."""
    workbook, document = tmp_path / "支部.xlsx", tmp_path / "报告.docx"
    workbook.write_bytes(hostile.sample_bytes())
    document.write_bytes(hostile.seed_docx())
    args = {"report": ["report", "--force", workbook, "-o", tmp_path / f"{TOO_LONG_NAME}.docx"],
            "import": ["import", document, "-o", tmp_path / f"{TOO_LONG_NAME}.xlsx"],
            "annotate": ["check", workbook, "--annotate", tmp_path / f"{TOO_LONG_NAME}.xlsx"]}[command]
    assert_behaved(shuzhi(*args), {2}, "无法写入文件", command)
    assert not temp_leftovers(tmp_path)


def test_a_write_that_fails_on_the_name_removes_its_temporary_file(tmp_path):
    with pytest.raises(ShuzhiError):
        write_atomically(tmp_path / f"{TOO_LONG_NAME}.docx", lambda tmp: tmp.write_bytes(b"x"), keep_existing=True)
    assert not temp_leftovers(tmp_path)


# --- a workbook's texts ---------------------------------------------------------------------------------------

def test_a_workbook_of_more_text_than_is_checked_is_refused_naming_the_sheet(tmp_path):
    from shuzhi_xl import schema
    from shuzhi_xl.limits import MAX_CHECKED_CHARS, MAX_CELL_CHARS

    path = tmp_path / "支部.xlsx"
    path.write_bytes(hostile.texts_filling_cells(MAX_CHECKED_CHARS // MAX_CELL_CHARS + 1)())
    run = shuzhi("check", path)
    assert_behaved(run, {2}, f"超过 {MAX_CHECKED_CHARS} 字", "full cells")
    assert f"工作表“{schema.BODY.name}”" in run.stderr and run.seconds < 10
    path.write_bytes(hostile.texts_filling_cells(MAX_CHECKED_CHARS // MAX_CELL_CHARS - 5)())  # within: checked
    assert_behaved(shuzhi("check", path), {0, 1}, label="within the limit")


@pytest.mark.parametrize("zip64", [False, True])
def test_the_zip_directory_size_is_read_as_zipfile_finds_it(tmp_path, zip64):
    path = tmp_path / "报告.docx"
    with zipfile.ZipFile(path, "w") as package:
        for info, data in hostile.parts_of(hostile.seed_docx()):
            with package.open(info.filename, "w", force_zip64=zip64) as part:
                part.write(data)
    with zipfile.ZipFile(path) as package:  # each directory entry: 46 bytes and its name, extra field, comment
        size = sum(46 + len(i.filename.encode()) + len(i.extra) + len(i.comment) for i in package.infolist())
    assert sources.directory_bytes(path.read_bytes()) == size


def test_a_zip_directory_past_the_limit_is_refused_before_zipfile_reads_it(tmp_path, monkeypatch):
    """zipfile reads a directory whole: 2 million entries in 167 MB took 1.2 GB and 16 s before any check."""
    path = tmp_path / "报告.docx"
    path.write_bytes(hostile.seed_docx())
    size = sources.directory_bytes(path.read_bytes())
    monkeypatch.setattr(sources, "MOST_DIRECTORY_BYTES", size)
    assert read_paragraphs(path)
    monkeypatch.setattr(sources, "MOST_DIRECTORY_BYTES", size - 1)
    monkeypatch.setattr(zipfile, "ZipFile", None)  # never reached
    with pytest.raises(DocumentError, match="压缩包的目录超过"):
        sources.document_paragraphs(path)
