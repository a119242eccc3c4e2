"""The local server behind ``shuzhi web``: standard library only, safe by construction.

- It listens on 127.0.0.1 alone, at a port the system picks.
- Every path starts with a random token that only the opened address carries, and the Host header
  must name this machine: another local user, or a web page the user visits (even through a DNS name
  pointing at 127.0.0.1), cannot drive it. Requests from another page (Origin) are refused too.
- Uploads are counted against limits before they are read; they and every result live in one private
  temporary folder, removed when the server stops. The user's own files are never opened for writing:
  the browser sends copies.
- The page, its script and style come from the package; the Content-Security-Policy forbids anything else.
"""

from __future__ import annotations

import hmac
import json
import secrets
import shutil
import socketserver
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from ..errors import ShuzhiError, clipped
from . import guard, jobs
from .uploads import Limits

HOST = "127.0.0.1"
#: The page's own files, and the type each is sent as.
STATIC = {"index.html": "text/html", "app.js": "text/javascript", "style.css": "text/css"}
ROLES = {"workbook", "rules", "ignore", "document", "branches", "previous"}
#: Largest body accepted by a request that is not an upload (they carry none).
SMALL_BODY = 64 * 1024
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
NO_TOKEN = "拒绝访问：地址中缺少访问口令或口令不对。请使用启动“shuzhi web”时显示的完整地址。"
FOREIGN_HOST = "拒绝访问：只接受本机地址 127.0.0.1 的请求。"
FOREIGN_ORIGIN = "拒绝访问：请求来自其他网页。"


class WebServer(ThreadingHTTPServer):
    """The server: its token, its private folder, the jobs in it and the upload limits."""

    daemon_threads = True

    def __init__(self, root: Path, limits: Limits = Limits(), port: int = 0):
        self.root, self.limits = root, limits
        self.token = secrets.token_urlsafe(24)
        self.jobs: dict[str, jobs.Job] = {}
        self.jobs_lock = threading.Lock()
        super().__init__((HOST, port), Handler)

    def server_bind(self) -> None:
        # HTTPServer's own looks the host's name up in DNS; the address is all this server needs.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_port}/{self.token}/"

    def new_job(self) -> jobs.Job:
        job = jobs.Job(self.root, self.limits)
        with self.jobs_lock:
            self.jobs[job.id] = job
        return job


class Refused(Exception):
    """A request answered with *status* and *message* before anything is done."""

    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class Handler(BaseHTTPRequestHandler):
    server: WebServer
    error_message_format = "请求无效（%(code)d）。\n"
    error_content_type = "text/plain; charset=utf-8"

    def log_message(self, format: str, *args) -> None:  # noqa: A002  (the paths carry the token: log nothing)
        pass

    def do_GET(self) -> None:
        self._serve(upload=False)

    def do_POST(self) -> None:
        self._serve(upload=True)

    def _serve(self, upload: bool) -> None:
        try:
            route, query = self._admit()
            if not upload:
                self._get(route, query)
            else:
                self._post(route, query)
        except Refused as refused:
            self.close_connection = True  # an unread body must not be taken for the next request
            self._send_error(refused.status, refused.message)
        except jobs.NeedsConfirmation as exc:
            self._json({"error": str(exc), "confirm": True}, HTTPStatus.CONFLICT)
        except Exception as exc:
            status = HTTPStatus.BAD_REQUEST if isinstance(exc, ShuzhiError) else HTTPStatus.INTERNAL_SERVER_ERROR
            self._json({"error": guard.message(exc, self.server.root)}, status)

    def _admit(self) -> tuple[list[str], dict[str, str]]:
        """Return the route below the token and the query, or raise Refused for a request not from the page."""
        port = self.server.server_port
        host = (self.headers.get("Host") or "").lower()
        if host not in (f"{HOST}:{port}", f"localhost:{port}"):
            raise Refused(HTTPStatus.FORBIDDEN, FOREIGN_HOST)
        origin = self.headers.get("Origin")
        if origin is not None and origin.lower() not in (f"http://{HOST}:{port}", f"http://localhost:{port}"):
            raise Refused(HTTPStatus.FORBIDDEN, FOREIGN_ORIGIN)
        parts = urlsplit(self.path)
        segments = parts.path.split("/")
        if len(segments) < 3 or segments[0] or not hmac.compare_digest(segments[1].encode(), self.server.token.encode()):
            raise Refused(HTTPStatus.FORBIDDEN, NO_TOKEN)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        return [unquote(s) for s in segments[2:]], query

    def _get(self, route: list[str], query: dict[str, str]) -> None:
        self._drain(SMALL_BODY)
        match route:
            case [""]:
                self._static("index.html")
            case ["static", name] if name in STATIC:
                self._static(name)
            case ["api", "jobs", job_id, "status"]:
                self._json(self._job(job_id).status())
            case ["files", job_id, name]:
                self._download(self._job(job_id), name)
            case _:
                raise Refused(HTTPStatus.NOT_FOUND, "没有这个页面。")

    def _post(self, route: list[str], query: dict[str, str]) -> None:
        match route:
            case ["api", "jobs"]:
                self._drain(SMALL_BODY)
                self._json({"job": self.server.new_job().id})
            case ["api", "jobs", job_id, "files"]:
                self._upload(self._job(job_id), query)
            case ["api", "jobs", job_id, action]:
                self._drain(SMALL_BODY)
                self._json(self._act(self._job(job_id), action, query))
            case _:
                raise Refused(HTTPStatus.NOT_FOUND, "没有这个页面。")

    def _act(self, job: jobs.Job, action: str, query: dict[str, str]) -> dict:
        flag = lambda name: query.get(name) == "1"  # noqa: E731
        if action == "consolidate":
            if job.state == "running":
                raise ShuzhiError("汇总正在进行中，请等待完成。")
            jobs.start_consolidation(job)
            return job.status()
        with job.lock:
            match action:
                case "check":
                    return jobs.check(job)
                case "report":
                    return jobs.report(job, force=flag("force"), pdf=flag("pdf"))
                case "annotate":
                    return jobs.annotate(job)
                case "import":
                    return jobs.import_report(job, _year(query.get("year", "")))
                case "template":
                    return jobs.template(job, with_sample=flag("sample"))
        raise Refused(HTTPStatus.NOT_FOUND, "没有这个操作。")

    def _job(self, job_id: str) -> jobs.Job:
        job = self.server.jobs.get(job_id)
        if job is None:
            raise Refused(HTTPStatus.NOT_FOUND, "这项操作已失效，请刷新页面后重新选择文件。")
        return job

    def _length(self, absent: int | None = None) -> int:
        """Return the body's length (Content-Length; *absent* when it has none, if given), or raise Refused."""
        given = self.headers.get("Content-Length")
        if given is None and absent is not None:
            return absent
        length = size(given)
        if length is None:
            raise Refused(HTTPStatus.LENGTH_REQUIRED if given is None else HTTPStatus.BAD_REQUEST,
                          "请求缺少文件大小（Content-Length）。" if given is None else "请求的文件大小无效。")
        return length

    def _drain(self, limit: int) -> None:
        """Read the (small) body a request without an upload may carry, refusing a large one unread."""
        length = self._length(absent=0)
        if length > limit:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "请求过大。")
        self.rfile.read(length)

    def _upload(self, job: jobs.Job, query: dict[str, str]) -> None:
        role, name = query.get("role", ""), query.get("name", "")
        if role not in ROLES or not name:
            raise Refused(HTTPStatus.BAD_REQUEST, "上传请求缺少文件名或用途。")
        announced = query.get("size")  # the page asks first, so that a refused file is never sent
        length = size(announced) if announced is not None else self._length()
        if length is None:
            raise Refused(HTTPStatus.BAD_REQUEST, "请求的文件大小无效。")
        try:
            job.inbox.admit(name, length)
        except ShuzhiError as exc:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, str(exc)) from None
        if announced is not None:
            self._drain(SMALL_BODY)
            self._json({})
            return
        with job.lock:
            job.checked = None  # a new file: an earlier check no longer describes what was sent
            stored = job.inbox.receive(role, name, length, self.rfile)
        self._json({"name": stored.name})

    def _static(self, name: str) -> None:
        data = (files(__package__) / "static" / name).read_bytes()
        self._send(HTTPStatus.OK, f"{STATIC[name]}; charset=utf-8", data)

    def _download(self, job: jobs.Job, name: str) -> None:
        path = job.out / name
        if "/" in name or "\\" in name or name not in {p.name for p in job.out.iterdir()}:
            raise Refused(HTTPStatus.NOT_FOUND, "没有这个文件，请重新生成。")
        ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
        disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
        with path.open("rb") as source:
            self._send(HTTPStatus.OK, "application/octet-stream", None, path.stat().st_size,
                       {"Content-Disposition": disposition})
            shutil.copyfileobj(source, self.wfile)

    def _json(self, data: dict, status: HTTPStatus = HTTPStatus.OK) -> None:
        self._send(status, "application/json; charset=utf-8", json.dumps(data, ensure_ascii=False).encode())

    def _send_error(self, status: HTTPStatus, message: str) -> None:
        if urlsplit(self.path).path.split("/")[2:3] == ["api"]:
            self._json({"error": message}, status)
        else:
            self._send(status, "text/plain; charset=utf-8", message.encode())

    def _send(self, status: HTTPStatus, content_type: str, body: bytes | None, length: int | None = None,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in {**HEADERS, **(extra or {}), "Content-Type": content_type}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body) if body is not None else length))
        self.end_headers()
        if body is not None:
            self.wfile.write(body)


def size(text: str | None) -> int | None:
    """Return a whole number as a request writes it (ASCII digits, far fewer than int() refuses), else None."""
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def _year(text: str) -> int | None:
    """Return the year typed on the import page (None when left empty), within the command's range."""
    if not text.strip():
        return None
    year = size(text)  # a whole number as typed: digits only
    if year is None or not 1990 <= year <= 2100:
        raise ShuzhiError(f"年度“{clipped(text)}”无效：应为 1990 到 2100 之间的整数，如 2025。")
    return year
