"""The web page proofreads a Word or text report as ``shuzhi check`` does (the same core check_document), and
gives a Word report's copy with one comment per finding; the report buttons are not offered for it."""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from docx import Document

from shuzhi_xl.cli import main
from test_proof_docx import _anchored_texts, _report
from web_support import browser_context, chromium_path, shuzhi_web


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with shuzhi_web(tmp_path_factory.mktemp("web")) as running:
        yield running


def _check(server, path: Path) -> tuple[str, int, dict]:
    _, job = server.api("api/jobs")
    server.api(f"api/jobs/{job['job']}/files?role=workbook&name={path.name}", path.read_bytes())
    status, answer = server.api(f"api/jobs/{job['job']}/check")
    return job["job"], status, answer


def _cli(path: Path) -> list[dict]:
    return json.loads(CliRunner().invoke(main, ["check", str(path), "--json"]).stdout)


def test_a_word_report_is_proofread_and_its_commented_copy_downloaded(server, tmp_path):
    source = tmp_path / "报告.docx"
    _report(source)
    job, status, answer = _check(server, source)
    expected = _cli(source)
    assert status == 200 and answer["document"] and answer["annotate"]
    assert [(f["cell"], f["code"], f["message"]) for g in answer["groups"] for f in g["findings"]] == \
        [(f["cell"], f["code"], f["message"]) for f in expected]
    status, refused = server.api(f"api/jobs/{job}/report?pdf=0")
    assert status == 400 and "只做校对" in refused["error"]
    status, made = server.api(f"api/jobs/{job}/annotate")
    assert status == 200, made
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    connection.request("GET", quote(f"/{server.token}/{made['files'][0]['url']}", safe="/%"))
    copy = tmp_path / "网页批注.docx"
    copy.write_bytes(connection.getresponse().read())
    connection.close()
    assert len(list(Document(copy).comments)) == len(expected)
    assert sorted(_anchored_texts(copy).values()) == sorted(f["found"] for f in expected)


def test_a_text_report_is_proofread_but_gets_no_commented_copy(server, tmp_path):
    source = tmp_path / "报告.txt"
    source.write_text("一、主要工作情况\n坚持深人学习，扎实做好工作布署。\n", encoding="utf-8")
    job, status, answer = _check(server, source)
    assert status == 200 and answer["document"] and not answer["annotate"]
    assert [f["code"] for g in answer["groups"] for f in g["findings"]] == [f["code"] for f in _cli(source)]
    status, refused = server.api(f"api/jobs/{job}/annotate")
    assert status == 400 and refused["error"] == "只有 Word 文档 (.docx) 可以生成带批注的副本。"


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    chromium_path()  # skips when there is no browser
    with browser_context(tmp_path_factory.mktemp("downloads")) as ctx:
        yield ctx


def test_in_the_browser_a_word_report_shows_its_findings_and_offers_only_the_commented_copy(server, context,
                                                                                         tmp_path):
    source = tmp_path / "报告.docx"
    _report(source)
    expected = _cli(source)
    page = context.new_page()
    try:
        page.goto(server.url)
        page.set_input_files("#check-input", str(source))
        page.wait_for_selector("#check-result", state="visible")
        assert page.locator("#check-findings td:nth-child(3)").all_inner_texts() == [
            f"{f['message']}（{f['code']}）" for f in expected]
        assert page.is_hidden("#report-docx") and page.is_hidden("#report-pdf") and page.is_visible("#annotate")
        page.screenshot(path=str(tmp_path / "校对Word报告.png"), full_page=True)
        with page.expect_download() as info:
            page.click("#annotate")
        info.value.save_as(tmp_path / "批注副本.docx")
        assert len(list(Document(tmp_path / "批注副本.docx").comments)) == len(expected)
    finally:
        page.close()
