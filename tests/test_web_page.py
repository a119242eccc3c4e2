"""The page in a real browser (Debian's chromium through Playwright): each job gives what the command gives.

Expected values come from the ``shuzhi`` command run on the same files and from independent readers
(python-docx, openpyxl), never from the page's own code. A screenshot of every page is saved in the test's
temporary folder for a reviewer.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import docx
import openpyxl
import pdfplumber
import pytest

from shuzhi_xl.synthetic import write_samples
from shuzhi_xl.xlsx.reader import read_workbook
from support import REPO, SEED, normalise
from web_support import browser_context, chromium_path, shuzhi_web

SAMPLE = REPO / "workbook" / "示例-述职报告.xlsx"
SHARED_SEED = REPO.parent / "shared" / "seed" / "000_8f638ed69713351b.txt"
BROKEN = "损坏的工作簿.xlsx"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chromium_path()  # skip before starting anything when there is no browser
    with shuzhi_web(tmp_path_factory.mktemp("web")) as running:
        yield running


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    with browser_context(tmp_path_factory.mktemp("downloads")) as ctx:
        yield ctx


@pytest.fixture
def page(context, server):
    """A page on the server; every request it makes is recorded in ``page.requested``."""
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    page.goto(server.url)
    yield page
    page.close()


def shuzhi(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from shuzhi_xl.cli import main; main()", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd)


def download(page, selector: str, target: Path) -> Path:
    """Click *selector*, wait for the file it downloads and save it as *target*."""
    with page.expect_download() as info:
        page.click(selector)
    info.value.save_as(target)
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def docx_text(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def cell_values(path: Path) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(path)
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}


def test_check_page_shows_the_commands_findings_and_writes_its_report(page, tmp_path):
    cli = json.loads(shuzhi("check", "--json", SAMPLE).stdout)
    errors = sum(f["severity"] == "error" for f in cli)
    assert errors > 0  # the sample keeps the seed's X marks: the confirmation below is exercised
    before = digest(SAMPLE)

    page.set_input_files("#check-input", str(SAMPLE))
    page.wait_for_selector("#check-result", state="visible")
    assert page.get_attribute("#check-counts li[data-severity=error]", "data-count") == str(errors)
    warnings = [f for f in cli if f["severity"] == "warning"]
    suspected = sum(f["code"].startswith("PR") for f in warnings)  # issue 15: proofreading's warnings read 疑似
    assert suspected > 0
    assert page.inner_text("#check-counts li[data-severity=warning]") == f"警告 {len(warnings)}（含疑似 {suspected}）"
    assert page.inner_text("#check-counts li[data-severity=info]") == f"提示 {sum(f['severity'] == 'info' for f in cli)}"
    assert f"错误 {errors} 项" in page.inner_text("#check-summary")
    assert page.locator("#check-findings tr.error").count() == errors
    assert page.locator("#check-findings td:nth-child(3)").all_inner_texts() == [
        f"{f['message']}（{f['code']}）" for f in cli]
    page.screenshot(path=str(tmp_path / "检查与生成.png"), full_page=True)

    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("#report-docx")
    page.wait_for_function("() => document.getElementById('check-status').textContent === ''")
    assert asked == [f"检查发现 {errors} 处错误。仍然生成报告吗？"]
    assert page.locator("#check-files a").count() == 0  # refused, as the command without --force

    page.once("dialog", lambda dialog: dialog.accept())
    report = download(page, "#report-docx", tmp_path / "网页.docx")
    expected = shuzhi("report", SAMPLE, "-o", tmp_path / "命令行.docx", "--force")
    assert expected.returncode == 0, expected.stderr
    assert docx_text(report) == docx_text(tmp_path / "命令行.docx")
    assert "抓基层党建工作述职报告" in docx_text(report)[0]

    if shutil.which("soffice") or shutil.which("libreoffice"):  # the PDF button is there only with LibreOffice
        page.once("dialog", lambda dialog: dialog.accept())
        pdf = download(page, "#report-pdf", tmp_path / "网页.pdf")
        with pdfplumber.open(pdf) as document:
            assert normalise(docx_text(report)[0]) in normalise(document.pages[0].extract_text())
    else:
        assert page.is_disabled("#report-pdf") and page.is_visible("#pdf-hint")

    annotated = download(page, "#annotate", tmp_path / "标注.xlsx")
    assert openpyxl.load_workbook(annotated).sheetnames[0] == "检查结果"
    assert digest(SAMPLE) == before  # the user's file is only ever read
    assert all(url.startswith(page.url.split("#")[0]) for url in page.requested)


def test_import_page_gives_the_workbook_the_command_gives(page, tmp_path):
    seed = SHARED_SEED if SHARED_SEED.is_file() else SEED
    page.click("nav a[data-page=import]")
    page.fill("#import-year", "2025")
    page.set_input_files("#import-input", str(seed))
    page.wait_for_selector("#import-result", state="visible")
    page.screenshot(path=str(tmp_path / "导入往年报告.png"), full_page=True)
    imported = download(page, "#import-files a", tmp_path / "网页.xlsx")

    cli = shuzhi("import", seed, "-o", tmp_path / "命令行.xlsx", "--year", "2025")
    assert cli.returncode == 0, cli.stderr
    assert page.inner_text("#import-line").split("（")[1] == cli.stdout.splitlines()[0].split("（")[1]
    assert page.locator("#import-notes li").all_inner_texts() == [
        line.split(". ", 1)[1] for line in cli.stdout.splitlines()[2:]]
    assert cell_values(imported) == cell_values(tmp_path / "命令行.xlsx")
    assert read_workbook(imported).info.year == 2025
    cells = normalise("".join(str(v) for rows in cell_values(imported).values() for row in rows for v in row if v))
    opening = next(line for line in seed.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 60)
    assert normalise(opening) in cells


def test_consolidate_page_lists_the_broken_file(page, tmp_path):
    folder = tmp_path / "支部"
    workbooks = write_samples(folder, 20, seed=7, jobs=1)
    (folder / BROKEN).write_bytes(b"PK\x03\x04 not really a workbook")
    page.click("nav a[data-page=consolidate]")
    page.set_input_files("#branches-input", [str(p) for p in [*workbooks, folder / BROKEN]])
    assert page.inner_text("#branches-chosen") == "已选择 21 个文件。"
    page.click("#consolidate-start")
    page.wait_for_selector("#consolidate-result", state="visible")
    page.screenshot(path=str(tmp_path / "汇总.png"), full_page=True)

    cli = shuzhi("consolidate", folder, "-o", tmp_path / "命令行汇总.xlsx", "--jobs", "1")
    assert cli.returncode == 0, cli.stderr
    listed = [tuple(row) for row in cell_values(tmp_path / "命令行汇总.xlsx")["未能读取"][1:] if any(row)]
    assert [name for name, _ in listed] == [BROKEN]
    shown = [tuple(row.locator("td").all_inner_texts()) for row in page.locator("#unreadable tbody tr").all()]
    assert shown == listed
    line = page.inner_text("#consolidate-line")
    assert line.split("；")[0] == cli.stdout.splitlines()[-1].split("；")[0]  # all but the time taken

    summary = download(page, "#consolidate-files li:nth-child(1) a", tmp_path / "汇总.xlsx")
    assert [row[0] for row in cell_values(summary)["未能读取"][1:] if any(row)] == [BROKEN]
    volume = download(page, "#consolidate-files li:nth-child(2) a", tmp_path / "汇编.docx")
    assert len(docx.Document(str(volume)).paragraphs) > 20 * 10

    # Again, with that summary as last year's and a committee's rules file: the optional inputs reach the run.
    rules = tmp_path / "规则.toml"
    rules.write_text('disable = ["PR005"]\n', encoding="utf-8")
    page.set_input_files("#previous-input", str(summary))
    page.set_input_files("#rules-input", str(rules))
    page.click("#consolidate-start")
    page.wait_for_function("() => document.getElementById('consolidate-status').textContent === '汇总完成。'")
    assert page.inner_text("#consolidate-rules") == "检查规则：规则.toml"
    followed = download(page, "#consolidate-files li:nth-child(1) a", tmp_path / "汇总2.xlsx")
    assert "整改跟踪" in openpyxl.load_workbook(followed).sheetnames


def test_template_page_and_every_page_from_the_package_alone(page, tmp_path):
    from playwright.sync_api import expect  # installed whenever the page fixture did not skip

    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(page.url))
    for name in ("check", "import", "consolidate", "template"):
        page.click(f"nav a[data-page={name}]")
        # the page is switched on hashchange, after the click returns: an assertion that waits for it
        expect(page.locator(f"#page-{name}")).to_be_visible()
        page.screenshot(path=str(tmp_path / f"page-{name}.png"), full_page=True)
    template = download(page, "#template-blank", tmp_path / "模板.xlsx")
    assert openpyxl.load_workbook(template).sheetnames == openpyxl.load_workbook(
        REPO / "workbook" / "述职报告模板.xlsx").sheetnames
    assert page.requested and all(url.startswith(origin) for url in page.requested)


def test_a_file_above_the_limit_is_refused_with_a_message_before_it_is_sent(page, tmp_path):
    big = tmp_path / "太大的工作簿.xlsx"
    with big.open("wb") as sparse:
        sparse.truncate(101 * 1024 * 1024)
    page.set_input_files("#check-input", str(big))
    page.wait_for_selector("#check-error", state="visible")
    assert page.inner_text("#check-error") == ("错误：文件“太大的工作簿.xlsx”有 101 MB，超过了单个文件 100 MB 的上限，"
                                               "未上传。请确认选对了文件；汇总大量工作簿时可分几次进行。")
    page.screenshot(path=str(tmp_path / "文件过大.png"), full_page=True)


def test_a_workbook_dropped_on_the_page_is_checked(page, tmp_path):
    cli = json.loads(shuzhi("check", "--json", SAMPLE).stdout)
    dropped = page.evaluate_handle(
        """([name, data]) => { const transfer = new DataTransfer();
             const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
             transfer.items.add(new File([bytes], name)); return transfer; }""",
        [SAMPLE.name, base64.b64encode(SAMPLE.read_bytes()).decode()])
    page.dispatch_event("#check-drop", "drop", {"dataTransfer": dropped})
    page.wait_for_selector("#check-result", state="visible")
    assert page.locator("#check-findings td:nth-child(3)").count() == len(cli)
    assert page.get_attribute("#check-counts li[data-severity=warning]", "data-count") == str(
        sum(f["severity"] == "warning" for f in cli))


def test_a_broken_workbook_shows_the_commands_message(page, tmp_path):
    broken = tmp_path / BROKEN
    broken.write_bytes(b"not a workbook at all")
    cli = shuzhi("check", broken)
    assert cli.returncode == 2
    page.set_input_files("#check-input", str(broken))
    page.wait_for_selector("#check-error", state="visible")
    assert page.inner_text("#check-error") == cli.stderr.strip()
    assert "Traceback" not in page.content()
