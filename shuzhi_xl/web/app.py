"""Start and stop the page: a private folder, the server, the browser; everything removed on the way out."""

from __future__ import annotations

import shutil
import signal
import tempfile
import threading
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ShuzhiError
from . import leftovers
from .server import WebServer
from .uploads import Limits


def serve(port: int = 0, *, open_browser: bool = True, say: Callable[[str], None] = print,
          limits: Limits = Limits()) -> None:
    """Serve the page until Ctrl+C (or its window is closed); *say* tells the user the address. The private
    folder holding uploads and results is removed when the server stops, or by the next start if it was killed."""
    leftovers.remove_abandoned(Path(tempfile.gettempdir()))
    root = Path(tempfile.mkdtemp(prefix=leftovers.PREFIX))  # readable by this user only
    lock = leftovers.hold(root)
    try:
        try:
            server = WebServer(root, limits, port)
        except OSError as exc:
            raise ShuzhiError(f"无法在本机端口 {port} 上启动（{exc.strerror}）。请换一个端口，或不指定端口。") from None
        with server, _stop_on_signals():
            try:  # from the moment the address is shown, Ctrl+C is the normal way out
                say(f"述职报告助手已启动，请在浏览器中打开：\n  {server.url}\n"
                    "（地址中含访问口令，只在本机有效。）关闭本窗口或按 Ctrl+C 停止。")
                if open_browser:  # a browser that does not come back must not hold up the server
                    threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()
                server.serve_forever()
            except KeyboardInterrupt:
                pass
    finally:
        lock.close()
        shutil.rmtree(root, ignore_errors=True)
    say("已停止，临时文件已删除。")


#: A polite kill, the terminal window closed (Linux: SIGHUP; Windows delivers closing the console as SIGBREAK).
STOP_SIGNALS = ("SIGTERM", "SIGHUP", "SIGBREAK")


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Let a polite kill or a closed window end the server as Ctrl+C does, so the private folder is removed; the
    handlers before are put back when the server stops (a caller such as a test goes on running)."""
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for name in STOP_SIGNALS:
            if hasattr(signal, name):
                signum = getattr(signal, name)
                previous[signum] = signal.signal(signum, _interrupt)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
