"""The add-in and macro template: VBA project read back by independent readers, package parts, reproducibility."""

from __future__ import annotations

import io
import re
import struct
import zipfile

import olefile
import pytest
from click.testing import CliRunner
from oletools.olevba import VBA_Parser, VBA_Project

from shuzhi_xl import build, data_path
from shuzhi_xl.cli import main
from shuzhi_xl.excel.build import sources
from shuzhi_xl.excel.build.ovba import VBA_PROJECT_STREAM, project_id
from shuzhi_xl.excel.build.package import CONTENT_TYPES, RIBBON_PART, UI_REL, VBA_REL
from shuzhi_xl.fields_doc import README_END, README_START, markdown_field_table
from shuzhi_xl.report.docx import skeletons

KINDS = {"xlam": build.ADDIN_NAME, "xlsm": build.MACRO_TEMPLATE_NAME}


def decrypt(blob: bytes) -> bytes:
    """Return the data hidden in an MS-OVBA 2.4.3 encrypted structure: the spec's decryption, kept here to check
    the package's ``encrypt`` (the package itself never decrypts)."""
    seed, version_enc, key_enc = blob[:3]
    plain1, enc1, enc2 = seed ^ key_enc, key_enc, version_enc
    plain = bytearray()
    for byte_enc in blob[3:]:
        byte = byte_enc ^ ((enc2 + plain1) & 0xFF)
        plain.append(byte)
        enc2, enc1, plain1 = enc1, byte_enc, byte
    skip = (seed & 6) // 2
    length = struct.unpack("<I", plain[skip:skip + 4])[0]
    return bytes(plain[skip + 4:skip + 4 + length])


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return build.artifacts()


def _vba_bin(package: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(package)).read("xl/vbaProject.bin")


def _ole(package: bytes) -> olefile.OleFileIO:
    return olefile.OleFileIO(io.BytesIO(_vba_bin(package)), raise_defects=olefile.DEFECT_INCORRECT)


@pytest.mark.parametrize("kind", KINDS)
def test_olevba_returns_the_repo_source_of_every_module(built, kind, tmp_path):
    path = tmp_path / f"x.{kind}"
    path.write_bytes(built[KINDS[kind]])
    code = {name.rsplit(".", 1)[0]: text for _, _, name, text in VBA_Parser(str(path)).extract_macros()}
    for bas in sources.VBA_DIR.glob("*.bas"):
        expected = bas.read_bytes().decode("ascii").splitlines()
        assert code[bas.stem].splitlines() == expected
    wheel = (sources.xlwings_dir() / "xlwings.bas").read_text("ascii").splitlines()
    got = code["xlwings"].splitlines()
    changed = [(a, b) for a, b in zip(wheel, got) if a != b]
    assert len(got) == len(wheel) and len(changed) == 2
    assert all('"false"' in b and "ADD_WORKBOOK_TO_PYTHONPATH" in a for a, b in changed)
    assert "Drop-in replacement for Scripting.Dictionary" in code["Dictionary"]
    assert not code["Dictionary"].startswith("VERSION")
    with zipfile.ZipFile(path) as z:  # one document module per worksheet of the package
        sheets = sum(name.startswith("xl/worksheets/sheet") for name in z.namelist())
    assert sheets == 5 and {f"Sheet{n}" for n in range(1, sheets + 1)} | {"ThisWorkbook"} <= set(code)


@pytest.mark.parametrize("kind", KINDS)
def test_vba_project_parses_strictly_and_is_source_only(built, kind):
    ole = _ole(built[KINDS[kind]])
    assert ole.openstream("VBA/_VBA_PROJECT").read() == VBA_PROJECT_STREAM == bytes.fromhex("CC61FFFF000100")
    assert not any(e[-1].startswith("__SRP_") for e in ole.listdir())
    project = VBA_Project(ole, "", "PROJECT", "VBA/dir", relaxed=False)
    project.parse_project_stream()
    list(project.parse_modules())
    assert project.codepage == 1252
    assert [m.textoffset for m in project.modules] == [0] * len(project.modules)
    kinds = {m.name: m.type for m in project.modules}
    assert kinds["ShuzhiRibbon"] == kinds["xlwings"] == 0x21
    assert kinds["ThisWorkbook"] == kinds["Sheet1"] == kinds["Dictionary"] == 0x22
    dir_text = ole.openstream("VBA/dir").read()
    assert dir_text  # compressed; the strict parse above checked every record id
    raw = _decompressed_dir(ole)
    assert b"{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0" in raw and b"{00020430-" in raw


def _decompressed_dir(ole) -> bytes:
    from oletools.olevba import decompress_stream

    return bytes(decompress_stream(bytearray(ole.openstream("VBA/dir").read())))


@pytest.mark.parametrize("kind", KINDS)
def test_project_stream_protection_fields_decrypt_to_an_unprotected_visible_project(built, kind):
    text = _ole(built[KINDS[kind]]).openstream("PROJECT").read().decode("cp1252")
    fields = dict(re.findall(r'^(\w+)="([^"]*)"\r$', text, re.M))
    assert fields["ID"] == project_id(kind)
    assert decrypt(bytes.fromhex(fields["CMG"])) == b"\0\0\0\0"
    assert decrypt(bytes.fromhex(fields["DPB"])) == b"\0"
    assert decrypt(bytes.fromhex(fields["GC"])) == b"\xff"
    assert re.search(r"^Module=ShuzhiRibbon\r$", text, re.M) and re.search(r"^Class=Dictionary\r$", text, re.M)
    assert "Document=ThisWorkbook/&H00000000" in text


def test_decrypt_reads_a_third_party_vector():
    # From the ms-ovba-crypto README: seed 0x41, no ignored bytes, four zero bytes of data.
    assert decrypt(bytes.fromhex("41435A5A5E5A5E5A5E5A5E")) == b"\0\0\0\0"


@pytest.mark.parametrize("kind", KINDS)
def test_package_declares_macros_ribbon_and_code_names(built, kind):
    z = zipfile.ZipFile(io.BytesIO(built[KINDS[kind]]))
    types = z.read("[Content_Types].xml").decode()
    assert f'PartName="/xl/workbook.xml" ContentType="{CONTENT_TYPES[kind]}"' in types
    assert 'Extension="bin" ContentType="application/vnd.ms-office.vbaProject"' in types
    assert f'Type="{UI_REL}" Target="{RIBBON_PART}"' in z.read("_rels/.rels").decode()
    assert f'Type="{VBA_REL}" Target="vbaProject.bin"' in z.read("xl/_rels/workbook.xml.rels").decode()
    assert z.read(RIBBON_PART) == sources.RIBBON_XML.read_bytes()
    assert '<workbookPr codeName="ThisWorkbook"' in z.read("xl/workbook.xml").decode()
    modules = {m.name for m in sources.modules() if m.kind == "document"}
    for name in z.namelist():
        match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", name)
        if match:
            code_name = re.search(r'<sheetPr codeName="([^"]+)"', z.read(name).decode()).group(1)
            assert code_name in modules
    assert len(modules) == 1 + sum(1 for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))


def test_two_builds_are_byte_identical(built):
    again = build.artifacts()
    assert again.keys() == built.keys()
    for name, data in built.items():
        assert again[name] == data, name


def test_committed_files_equal_a_fresh_build(built):
    folder = sources.SOURCE_DIR
    stale = [name for name, data in built.items() if (folder / name).read_bytes() != data]
    stale += [name for name in build.PACKAGED if data_path(name).read_bytes() != built[name]]
    assert not stale, f"rebuild with `shuzhi build-excel` and commit: {stale}"


def test_only_a_build_into_the_repositorys_workbook_folder_refreshes_the_packaged_copies(monkeypatch, tmp_path):
    fake = {name: name.encode() for name in (build.ADDIN_NAME, build.MACRO_TEMPLATE_NAME)}
    monkeypatch.setattr(build, "artifacts", lambda: fake)
    monkeypatch.setattr(sources, "SOURCE_DIR", tmp_path / "repo" / "workbook")
    package = tmp_path / "package"
    for folder in (package, tmp_path / "repo"):
        folder.mkdir()
    readme = tmp_path / "repo" / "README.md"
    stale = f"# 说明\n{README_START}| 旧表 |\n{README_END}\n结尾\n"
    readme.write_text(stale, encoding="utf-8")
    monkeypatch.setattr(build, "data_path", lambda name: package / name)
    runner = CliRunner()
    result = runner.invoke(main, ["build-excel", "--out", str(tmp_path / "elsewhere")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == sorted(fake)
    assert not any(package.iterdir()) and readme.read_text(encoding="utf-8") == stale
    monkeypatch.chdir(tmp_path / "repo")
    assert runner.invoke(main, ["build-excel"]).exit_code == 0  # the default --out: workbook/
    assert sorted(p.name for p in package.iterdir()) == sorted([build.ADDIN_NAME, *skeletons()])
    assert (package / build.ADDIN_NAME).read_bytes() == fake[build.ADDIN_NAME]
    assert readme.read_text(encoding="utf-8") == \
        f"# 说明\n{README_START}{markdown_field_table()}{README_END}\n结尾\n"


def test_build_refuses_another_xlwings_version(monkeypatch):
    monkeypatch.setattr(sources, "XLWINGS_VERSION", "0.0.1")
    with pytest.raises(RuntimeError, match="0.0.1"):
        sources.modules()


def test_vba_sources_are_ascii_and_start_with_their_name():
    for bas in sources.VBA_DIR.glob("*.bas"):
        text = bas.read_bytes().decode("ascii")
        assert sources.vb_name(text) == bas.stem
