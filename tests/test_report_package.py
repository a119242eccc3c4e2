"""The single report's .docx is written without python-docx: the skeleton python-docx built (committed in the
package, refreshed by `shuzhi build-excel`), the body's XML text spliced in, core.xml written out. Part for part
it must be the document python-docx builds element by element (docx_reference), for every setting and any text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile

import pytest

from shuzhi_xl import data_path, schema
from shuzhi_xl.report import package
from shuzhi_xl.report.docx import skeletons
from shuzhi_xl.samples import sample_report
from shuzhi_xl.opc import packed_bytes
from docx_reference import VARIED_REPORTS, python_docx_report

SETTINGS = [(font, bold) for font in schema.BODY_FONTS for bold in schema.BOLD_STYLES] + [("方正仿宋", "全部加粗")]


def test_committed_skeletons_equal_a_fresh_build():
    built = skeletons()
    assert len(built) == len(schema.BODY_FONTS) * len(schema.BOLD_STYLES)
    stale = [name for name, data in built.items() if data_path(name).read_bytes() != data]
    assert not stale, f"rebuild with `shuzhi build-excel` and commit: {stale}"


def _with_settings(font: str, bold: str):
    report = sample_report()
    return dataclasses.replace(report, info=dataclasses.replace(report.info, body_font=font, bold=bold))


@pytest.mark.parametrize("report", [_with_settings(*s) for s in SETTINGS] + VARIED_REPORTS,
                         ids=[f"{f}-{b}" for f, b in SETTINGS] + [f"varied{n}" for n in range(len(VARIED_REPORTS))])
def test_the_docx_is_python_docxs_part_for_part(report):
    written = io.BytesIO()
    package.write_docx(report, written)
    with zipfile.ZipFile(written) as ours:
        stamp = re.search(rb"<dcterms:created[^>]*>([^<]+)</", ours.read(package.CORE)).group(1).decode()
        when = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
        assert abs(dt.datetime.now(dt.timezone.utc) - when) < dt.timedelta(minutes=1)
        reference = io.BytesIO()
        python_docx_report(report, when).save(reference)
        with zipfile.ZipFile(reference) as theirs:
            assert ours.namelist() == theirs.namelist()
            for name in theirs.namelist():
                assert ours.read(name) == theirs.read(name), name


def test_the_skeletons_other_parts_are_copied_as_they_are_stored():
    report = sample_report()
    written = io.BytesIO()
    package.write_docx(report, written)
    skeleton = data_path(package.skeleton_name(report.info.body_font, report.info.bold))
    with skeleton.open("rb") as raw, zipfile.ZipFile(raw) as source, zipfile.ZipFile(written) as ours:
        copied = [info for info in source.infolist() if info.filename not in (package.DOCUMENT, package.CORE)]
        assert len(copied) == len(source.infolist()) - 2
        for info in copied:
            out = ours.getinfo(info.filename)
            fields = ("compress_type", "compress_size", "CRC", "file_size")
            assert [getattr(out, f) for f in fields] == [getattr(info, f) for f in fields], info.filename
            assert ours.read(out) == source.read(info)  # zipfile inflates both and checks their CRC
            assert packed_bytes(written, out) == packed_bytes(raw, info), info.filename


def test_a_document_given_as_a_part_takes_the_inserts_too():
    skeleton = data_path(package.skeleton_name(schema.BODY_FONTS[0], schema.BOLD_STYLES[0]))
    written = io.BytesIO()
    package.fill(skeleton, written, {package.MARKER: [b"<w:p/>", b"<w:p/>"]},
                 {package.DOCUMENT: b"<w:body>" + package.MARKER + b"</w:body>"})
    with zipfile.ZipFile(written) as ours:
        assert ours.read(package.DOCUMENT) == b"<w:body><w:p/><w:p/></w:body>"
