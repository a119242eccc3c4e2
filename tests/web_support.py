"""Running ``shuzhi web`` for the tests: the real command in a child process, and Debian's chromium to drive it."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

#: The flags a root session needs for a headless chromium that talks to nothing but the page.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STARTUP_LINES = 5


@dataclass
class Running:
    """A started ``shuzhi web``: its address (with the token), its process and its private temporary root."""

    url: str
    process: subprocess.Popen
    tmpdir: Path

    @property
    def port(self) -> int:
        return urlsplit(self.url).port

    @property
    def token(self) -> str:
        return urlsplit(self.url).path.strip("/")

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, str]:
        """Send one request for *path* (below the host; characters beyond ASCII are percent-encoded, as a browser
        does) and return the status and the body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, quote(path, safe="/?&=%"), body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8")
        finally:
            connection.close()

    def api(self, path: str, body: bytes | None = None) -> tuple[int, dict]:
        """POST to the page's *path* (below the token) and return the status and the JSON answer."""
        status, text = self.request("POST", f"/{self.token}/{path}", body)
        return status, json.loads(text)


@contextmanager
def shuzhi_web(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Running]:
    """Run ``shuzhi web --no-browser`` with its temporary folder under *tmp_path*; stop it with Ctrl+C (SIGINT)
    at the end and check that it stopped cleanly."""
    tmpdir = tmp_path / "server-tmp"
    tmpdir.mkdir(exist_ok=True)
    environment = {**os.environ, "TMPDIR": str(tmpdir), **(env or {})}
    process = subprocess.Popen([sys.executable, "-c", "from shuzhi_xl.cli import main; main()", "web", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, text=True,
                               encoding="utf-8")
    try:
        url = _address(process)
        yield Running(url, process, tmpdir)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            raise


def _address(process: subprocess.Popen) -> str:
    lines = []
    for _ in range(STARTUP_LINES):
        line = process.stdout.readline()
        lines.append(line)
        if line.strip().startswith("http://"):
            return line.strip()
    raise AssertionError(f"no address printed: {lines!r} {process.stderr.read() if process.poll() is not None else ''}")


def chromium_path() -> str:
    """Return Debian's chromium, or skip the test with the reason."""
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None)
    if path is None:
        pytest.skip("Debian's chromium is not installed here (.ci/run installs it: apt-get install chromium)")
    return path


@contextmanager
def browser_context(downloads: Path) -> Iterator:
    """Yield a Playwright browser context on the system chromium with a fresh profile; nothing is downloaded."""
    executable = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="shuzhi-chromium-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, accept_downloads=True, downloads_path=str(downloads),
            args=CHROMIUM_FLAGS, locale="zh-CN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(120_000)
        try:
            yield context
        finally:
            context.close()
