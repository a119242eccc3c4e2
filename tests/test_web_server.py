"""``shuzhi web`` refuses what does not come from its own page, stays on loopback, cleans up after itself,
and keeps uploads inside its private folder. Plain HTTP requests here; the page itself is in test_web_page."""

from __future__ import annotations

import configparser
import http.client
import io
import json
import os
import shlex
import shutil
import signal
import stat
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.synthetic import write_samples
from shuzhi_xl.web.launcher import install_launcher
from shuzhi_xl.web.uploads import Inbox, Limits, safe_relative
from support import REPO
from web_support import shuzhi_web

LIMIT = 100 * 1024 * 1024  # the shipped limit of one file, as the README states it


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with shuzhi_web(tmp_path_factory.mktemp("web")) as running:
        yield running


def test_the_page_answers_only_with_its_token(server):
    assert server.request("GET", f"/{server.token}/")[0] == 200
    for path in ("/", "/static/app.js", f"/{server.token[:-1]}/", f"/x{server.token}/", "/api/jobs"):
        status, body = server.request("GET", path)
        assert (status, body) == (403, "拒绝访问：地址中缺少访问口令或口令不对。请使用启动“shuzhi web”时显示的完整地址。")
    assert server.request("POST", "/api/jobs")[0] == 403


def test_a_foreign_host_or_origin_is_refused(server):
    page = f"/{server.token}/"
    for host in ("evil.example", f"evil.example:{server.port}", f"127.0.0.1:{server.port + 1}", "127.0.0.1"):
        assert server.request("GET", page, headers={"Host": host}) == (403, "拒绝访问：只接受本机地址 127.0.0.1 的请求。")
    assert server.request("GET", page, headers={"Host": f"localhost:{server.port}"})[0] == 200
    status, _ = server.request("POST", f"{page}api/jobs", headers={"Origin": "http://evil.example"})
    assert status == 403


def test_a_file_above_the_size_limit_is_refused_unread(server):
    _, answer = server.api("api/jobs")
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest("POST", f"/{server.token}/api/jobs/{answer['job']}/files?role=workbook&name=big.xlsx")
    connection.putheader("Content-Length", str(LIMIT + 1))
    connection.endheaders()  # not one byte of the body is sent: the answer must come from the header alone
    response = connection.getresponse()
    assert response.status == 413
    assert "超过了单个文件 100 MB 的上限" in response.read().decode("utf-8")
    connection.close()
    status, refused = server.api(f"api/jobs/{answer['job']}/files?role=workbook&name=big.xlsx&size={LIMIT + 1}")
    assert status == 413 and "big.xlsx" in refused["error"]
    assert server.api(f"api/jobs/{answer['job']}/files?role=workbook&name=ok.xlsx&size={LIMIT}") == (200, {})


def test_the_server_listens_on_loopback_only(server):
    listening = _listening(server.port)
    if listening is None:
        pytest.skip("/proc/net/tcp is Linux's")
    assert listening == ["127.0.0.1"]


def _listening(port: int) -> list[str] | None:
    """Return the local addresses of the sockets listening on *port*, as the kernel lists them."""
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    if not tables[0].is_file():
        return None
    found = []
    for table in tables:
        if not table.is_file():
            continue
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                found.append(".".join(str(b) for b in reversed(bytes.fromhex(address))) if len(address) == 8
                             else address)
    return found


def test_errors_are_the_commands_messages_and_downloads_stay_in_the_job(server, tmp_path):
    _, job = server.api("api/jobs")
    broken = b"PK\x03\x04 broken"
    server.api(f"api/jobs/{job['job']}/files?role=workbook&name=坏.xlsx", broken)
    status, answer = server.api(f"api/jobs/{job['job']}/check")
    (tmp_path / "坏.xlsx").write_bytes(broken)
    cli = subprocess.run([sys.executable, "-c", "from shuzhi_xl.cli import main; main()", "check", tmp_path / "坏.xlsx"],
                         capture_output=True, text=True, encoding="utf-8")
    assert (status, f"错误：{answer['error']}") == (400, cli.stderr.strip())
    for name in ("..%2F..%2Fin%2Fworkbook%2F坏.xlsx", "..", "%2Fetc%2Fpasswd"):
        assert server.request("GET", f"/{server.token}/files/{job['job']}/{name}")[0] == 404
    assert server.request("GET", f"/{server.token}/files/nojob/x.docx")[0] == 404


def test_a_zip_of_workbooks_is_consolidated_and_cannot_write_outside(server, tmp_path):
    folder = tmp_path / "支部"
    workbooks = write_samples(folder, 3, seed=2, jobs=1)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        for path in workbooks:
            zf.write(path, f"一组/{path.name}")
        zf.writestr("../../逃逸.xlsx", workbooks[0].read_bytes())
        zf.writestr("说明.txt", "不是工作簿")
    _, job = server.api("api/jobs")
    server.api(f"api/jobs/{job['job']}/files?role=branches&name=各支部.zip", archive.getvalue())
    server.api(f"api/jobs/{job['job']}/consolidate")
    deadline = time.monotonic() + 120
    while (state := _status(server, job["job"]))["state"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert state["state"] == "done", state["error"]
    line = state["result"]["line"]  # the escaping entry, a copy of the first workbook, was kept inside
    assert line.startswith("共 4 个文件，汇总 3 个支部") and "重复 1 组" in line
    [escaped] = server.tmpdir.parent.rglob("逃逸.xlsx")
    assert escaped.parent.name == "branches" and escaped.parent.parent.name == "in"


def _status(server, job: str) -> dict:
    status, text = server.request("GET", f"/{server.token}/api/jobs/{job}/status")
    assert status == 200
    return json.loads(text)


def test_uploads_keep_to_the_limits_and_the_folder(tmp_path):
    inbox = Inbox(tmp_path / "in", Limits(file_bytes=10, files=2, job_bytes=15))
    inbox.receive("branches", "../../a.xlsx", 8, io.BytesIO(b"12345678"))
    with pytest.raises(ShuzhiError, match="合计超过"):
        inbox.receive("branches", "b.xlsx", 8, io.BytesIO(b"12345678"))
    inbox.receive("branches", "a.xlsx", 2, io.BytesIO(b"12"))
    with pytest.raises(ShuzhiError, match="一次最多处理 2 个文件"):
        inbox.receive("branches", "c.xlsx", 1, io.BytesIO(b"1"))
    with pytest.raises(ShuzhiError, match="单个文件"):
        inbox.admit("d.xlsx", 11)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in inbox.files("branches")) == [
        "in/branches/a(2).xlsx", "in/branches/a.xlsx"]
    assert safe_relative("C:\\Users\\x\\..\\报告?.xlsx") == Path("C_", "Users", "x", "报告_.xlsx")


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM", "SIGHUP"])  # Ctrl+C, a polite kill, the window closed
def test_stopping_the_server_removes_its_private_folder(tmp_path, stop):
    with shuzhi_web(tmp_path) as running:
        private = [p for p in running.tmpdir.iterdir() if p.name.startswith("shuzhi-web-")]
        assert len(private) == 1
        assert stat.S_IMODE(private[0].stat().st_mode) == 0o700
        _, job = running.api("api/jobs")
        running.api(f"api/jobs/{job['job']}/files?role=workbook&name=a.xlsx", b"x")
        assert list(private[0].rglob("a.xlsx"))
        running.process.send_signal(getattr(signal, stop))
        running.process.wait(timeout=60)
    assert running.process.returncode == 0
    assert "已停止" in running.process.stdout.read()
    assert not private[0].exists()


def test_the_linux_launcher_starts_the_server_and_opens_the_browser(tmp_path):
    desktop = tmp_path / "桌面"
    desktop.mkdir()
    [entry] = install_launcher(desktop, platform="linux")
    parsed = configparser.ConfigParser(interpolation=None)
    parsed.read(entry, encoding="utf-8")
    section = parsed["Desktop Entry"]
    assert (section["Type"], section["Terminal"], section["Name"]) == ("Application", "true", "述职报告助手")
    assert os.access(entry, os.X_OK)
    command = shlex.split(section["Exec"])
    assert command == [sys.executable, "-m", "shuzhi_xl.web"]

    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.py"  # stands in for the default browser: records the address it is given
    browser.write_text(f"import sys, pathlib; pathlib.Path({str(opened)!r}).write_text(sys.argv[1])\n")
    env = {**os.environ, "BROWSER": f"{sys.executable} {browser} %s", "TMPDIR": str(tmp_path)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while not opened.exists() or not opened.read_text():
            assert time.monotonic() < deadline and process.poll() is None, process.stderr.read()
            time.sleep(0.1)
        url = opened.read_text()
        assert url in process.stdout.readline() + process.stdout.readline()
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    assert process.returncode == 0


@pytest.mark.parametrize("platform, name, line", [
    ("win32", "述职报告助手.bat", '"{python}" -m shuzhi_xl.web'),
    ("darwin", "述职报告助手.command", "exec '{python}' -m shuzhi_xl.web"),
])
def test_windows_and_mac_launchers_run_this_python(tmp_path, platform, name, line):
    python = "C:\\Users\\张三\\Python311\\python.exe" if platform == "win32" else "/Users/张三/venv/bin/python"
    [written] = install_launcher(tmp_path, platform=platform, python=python)
    assert written.name == name
    assert line.format(python=python) in written.read_text(encoding="utf-8").splitlines()



def _cli(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from shuzhi_xl.cli import main; main()", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd)


def test_a_rules_file_sent_with_the_workbook_is_applied_as_the_command_applies_it(server, tmp_path):
    sample = REPO / "workbook" / "示例-述职报告.xlsx"
    (tmp_path / "规则.toml").write_text('disable = ["PH001"]\n', encoding="utf-8")
    (tmp_path / "坏规则.toml").write_text('disable = "PH001"\n', encoding="utf-8")
    shutil.copy(sample, tmp_path / sample.name)
    for rules, expected in (("规则.toml", 200), ("坏规则.toml", 400)):
        _, job = server.api("api/jobs")
        server.api(f"api/jobs/{job['job']}/files?role=workbook&name={sample.name}", sample.read_bytes())
        server.api(f"api/jobs/{job['job']}/files?role=rules&name={rules}", (tmp_path / rules).read_bytes())
        status, answer = server.api(f"api/jobs/{job['job']}/check")
        cli = _cli("check", "--json", sample.name, "--rules", rules, cwd=tmp_path)
        assert status == expected
        if status == 200:
            shown = [(f["cell"], f["code"], f["message"]) for g in answer["groups"] for f in g["findings"]]
            assert shown == [(f["cell"], f["code"], f["message"]) for f in json.loads(cli.stdout)]
            assert "PH001" not in {code for _, code, _ in shown} and answer["rules"] == "检查规则：规则.toml"
        else:  # the message the command prints for the same file given by its name
            assert f"错误：{answer['error']}" == cli.stderr.strip()


def test_messages_name_the_uploaded_files_never_the_private_folder(server):
    _, job = server.api("api/jobs")
    server.api(f"api/jobs/{job['job']}/files?role=branches&name=说明.txt", "不是工作簿".encode())
    server.api(f"api/jobs/{job['job']}/consolidate")
    while (state := _status(server, job["job"]))["state"] == "running":
        time.sleep(0.1)
    assert state["state"] == "failed"
    assert state["error"].startswith("文件夹“上传的文件”（含子文件夹）中没有找到支部的填报工作簿")
    assert str(server.tmpdir) not in state["error"]


def test_ctrl_c_as_soon_as_the_address_is_shown_stops_cleanly(tmp_path):
    with shuzhi_web(tmp_path) as running:
        running.process.send_signal(signal.SIGINT)  # before serving may even have begun
        out, err = running.process.communicate(timeout=60)
    assert (running.process.returncode, out.strip().splitlines()[-1], err) == (0, "已停止，临时文件已删除。", "")
    assert not [p for p in running.tmpdir.iterdir() if p.name.startswith("shuzhi-web-")]


def test_the_folder_of_a_killed_server_goes_at_the_next_start_and_a_running_ones_stays(tmp_path):
    def private() -> set[Path]:
        return {p for p in (tmp_path / "server-tmp").iterdir() if p.name.startswith("shuzhi-web-")}

    with shuzhi_web(tmp_path) as running:
        [running_folder] = private()
        with shuzhi_web(tmp_path) as killed:
            [killed_folder] = private() - {running_folder}
            killed.process.kill()  # SIGKILL: no chance to clean up
            killed.process.wait(timeout=60)
        assert killed_folder.exists()
        with shuzhi_web(tmp_path):
            assert killed_folder not in private() and running_folder in private()


def test_a_zip_whose_entry_name_is_not_utf8_is_refused_in_chinese(tmp_path):
    archive = tmp_path / "in" / "各支部.zip"
    archive.parent.mkdir()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("支部.xlsx", b"PK")  # a non-ASCII name: zipfile sets the UTF-8 flag
    archive.write_bytes(archive.read_bytes().replace("支部".encode(), b"\xff\xfe\xfd\xfc\xfb\xfa"))
    with pytest.raises(ShuzhiError, match="已损坏或不是 zip 格式"):
        Inbox(tmp_path / "in", Limits()).unpack(archive, "workbooks", (".xlsx",))


def test_a_zip_entry_without_a_name_is_passed_over(tmp_path):
    # zipfile lists it as "", on which ZipInfo.is_dir fails (IndexError: an internal error, not a refusal)
    archive = tmp_path / "in" / "各支部.zip"
    archive.parent.mkdir()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("!", b"x")
        zf.writestr("支部.xlsx", b"PK")
    data = bytearray(archive.read_bytes())
    for at in (0, data.find(b"PK\x01\x02")):  # the first entry's local and central headers
        struct.pack_into("<HH", data, at + (26 if at == 0 else 28), 0, 1)  # no name; its byte read as an extra field
    archive.write_bytes(data)
    with zipfile.ZipFile(archive) as zf:
        assert zf.namelist() == ["", "支部.xlsx"]
    unpacked = Inbox(tmp_path / "in", Limits()).unpack(archive, "workbooks", (".xlsx",))
    assert [p.name for p in unpacked] == ["支部.xlsx"]


def test_sizes_and_years_that_are_no_whole_numbers_are_refused_in_chinese(server):
    """int() took them: "²" passes str.isdigit, 5,000 digits pass int()'s length limit no more (internal errors)."""
    _, answer = server.api("api/jobs")
    files = f"/{server.token}/api/jobs/{answer['job']}/files?role=workbook&name=a.xlsx"
    for length in ("abc", "-5", "9" * 5000):
        status, body = server.request("GET", f"/{server.token}/", headers={"Content-Length": length})
        assert status == 400 and "请求的文件大小无效" in body, length
    for announced in ("%C2%B2", "9" * 5000, "-1"):
        status, body = server.request("POST", f"{files}&size={announced}")
        assert status == 400 and "请求的文件大小无效" in json.loads(body)["error"], announced
    status, body = server.request("POST", f"/{server.token}/api/jobs/{answer['job']}/import?year=%C2%B2")
    assert status == 400 and "年度“²”无效" in json.loads(body)["error"]


@pytest.mark.parametrize("name", ["长" * 150 + ".xlsx", "/".join(["文件夹"] * 300) + "/报告.xlsx"])
def test_a_name_longer_than_a_file_system_takes_is_cut_to_fit(tmp_path, name):
    """Linux takes 255 bytes a name (85 Chinese characters): a longer upload name, or the folders past MAX_DEPTH
    joined into one, failed to be created (an internal error)."""
    inbox = Inbox(tmp_path / "in", Limits())
    stored = inbox.receive("branches", name, 2, io.BytesIO(b"12"))
    assert stored.suffix == ".xlsx" and all(len(part.encode()) <= 180 for part in stored.relative_to(tmp_path).parts)
    assert stored.read_bytes() == b"12"
