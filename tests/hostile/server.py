"""A small threaded test server for the hostile-page corpus, on 127.0.0.1 only.

Static pages come from ``tests/hostile/pages/``; the routes in :data:`ROUTES` misbehave on purpose (a body
that streams forever, an answer after 60 s, a redirect loop, HTTP errors, a reset connection, non-HTML
answers, a strict Content-Security-Policy, a 50,000-node DOM). Every endless route checks the server's stop
event, so ``close()`` ends them at once. Run it by hand to try a page::

    .venv/bin/python tests/hostile/server.py      # prints http://127.0.0.1:PORT/ and serves until Ctrl+C

:data:`CORPUS` lists every hostile page with what a user should get: ``"findings"`` (the page is audited and
has failing findings), ``"ok"`` (the page is audited; findings may be empty), ``"error"`` (the page is reported as
that page's error), or ``"either"`` when both are fair (a huge page may or may not finish within a short time
limit; a page that reloads itself every 200 ms may leave no check a moment to finish).
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

PAGES = Path(__file__).with_name("pages")
NORMAL = ["normal-form.html", "normal-info.html"]

# path -> (what the page does, what the audit should give it)
CORPUS: dict[str, tuple[str, str]] = {
    "loop-before-load.html": ("an infinite loop in a script in <head>", "error"),
    "loop-after-load.html": ("an infinite loop 100 ms after load", "error"),
    "dialogs.html": ("alert/confirm/prompt before load and every 20 ms, onbeforeunload", "findings"),
    "popups.html": ("window.open 20 times, then every 50 ms and on every focus", "findings"),
    "big-dom": ("a 50,000-element DOM", "either"),
    "stream-forever": ("an HTML body that streams forever", "error"),
    "stalled-image": ("an image whose answer never completes (load never fires)", "error"),
    "slow-60s": ("a server that answers after 60 s", "error"),
    "redirect-loop": ("a redirect to itself, forever", "error"),
    "status-404": ("HTTP 404", "error"),
    "status-500": ("HTTP 500", "error"),
    "reset": ("the connection is reset before any answer", "error"),
    "file.pdf": ("a PDF (application/pdf)", "error"),
    "image.png": ("a PNG image", "error"),
    "ten-mb.txt": ("10 MB of text/plain", "error"),
    "attachment.html": ("an HTML page sent as a download (Content-Disposition: attachment)", "error"),
    "starts-download.html": ("sends itself to a download while it loads (\"your download will start\")", "findings"),
    "csp.html": ("CSP: default-src 'none', no inline or eval'd script", "findings"),
    "overrides.html": ("Array.prototype, JSON, Promise and querySelectorAll overridden", "findings"),
    "navigates-away.html": ("goes to another page 300 ms after load", "findings"),
    "reloads.html": ("reloads itself 200 ms after every load", "either"),
    "focus-jump.html": ("focus jumps back to the first button on every Tab", "findings"),
    # (either: the renderer dies 3-7 s after the load, 12 ticks in, and on a fast machine the audit of so small a
    # page can be done before that: main 6611c52 gave "ok" in 1 of 2 runs on 7 December, the Tab walk's calm rule
    # in 2 of 2; when it dies first, the error must still say so)
    "memory-hog.html": ("allocates 320 MB every tick until the renderer dies", "either"),
    "payloads.html": ("<script> and \"><img onerror=...> in text, title and attributes", "findings"),
}

STRICT_CSP = "default-src 'none'; img-src 'self'; style-src 'self'; script-src 'none'; frame-ancestors 'none'"
MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
               b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


class Handler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass

    # -- plumbing -------------------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _endless(self, first: bytes, chunk: bytes, every: float, ctype: str) -> None:
        """Send ``first``, then ``chunk`` every ``every`` seconds until the server stops."""
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            data = first
            while not self.server.stopping.is_set():
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                self.wfile.flush()
                data = chunk
                self.server.stopping.wait(every)
        except OSError:
            pass
        self.close_connection = True

    # -- routes ---------------------------------------------------------------------------------------
    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].lstrip("/")
        route = ROUTES.get(path)
        if route is not None:
            self.server.hits[path] = self.server.hits.get(path, 0) + 1
            route(self)
            return
        file = PAGES / path
        if path and "/" not in path and file.is_file():
            ctype = "image/png" if path.endswith(".png") else "text/html; charset=utf-8"
            headers = {"Content-Security-Policy": STRICT_CSP} if path == "csp.html" else None
            self._send(200, file.read_bytes(), ctype, headers)
            return
        self._send(404, b"<!doctype html><title>Not found</title><h1>Not found</h1>")

    do_HEAD = do_GET


def _big_dom(h: Handler) -> None:
    rows = "".join(f'<li><a href="#i{i}">Item {i}</a> <span>detail {i}</span></li>\n' for i in range(16_700))
    body = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>50,000 elements</title></head>'
            f'<body><main><h1>50,000 elements</h1><img src="/pixel.png"><ul>{rows}</ul></main></body></html>')
    h._send(200, body.encode())


def _stream_forever(h: Handler) -> None:
    h._endless(b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Streams forever</title></head>'
               b"<body><main><h1>Streams forever</h1>", b"<p>more</p>\n", 0.1, "text/html; charset=utf-8")


def _stalled_image(h: Handler) -> None:
    h._send(200, b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stalled image</title></head>'
                 b'<body><main><h1>An image that never arrives</h1><img src="/never-ends.png"></main></body></html>')


def _never_ends(h: Handler) -> None:
    h._endless(b"\x89PNG\r\n\x1a\n", b"\x00", 0.5, "image/png")


def _slow(h: Handler) -> None:
    if h.server.stopping.wait(60):
        return
    h._send(200, b'<!doctype html><html lang="en"><title>At last</title><h1>Sixty seconds later</h1>')


def _redirect_loop(h: Handler) -> None:
    h.send_response(302)
    h.send_header("Location", "/redirect-loop?again")
    h.send_header("Content-Length", "0")
    h.end_headers()


def _status(code: int) -> Callable[[Handler], None]:
    return lambda h: h._send(code, f"<!doctype html><title>{code}</title><h1>Error {code}</h1>".encode())


def _reset(h: Handler) -> None:
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.close_connection = True


def _pdf(h: Handler) -> None:
    h._send(200, MINIMAL_PDF, "application/pdf")


def _image(h: Handler) -> None:
    h._send(200, (PAGES / "pixel.png").read_bytes(), "image/png")


def _attachment(h: Handler) -> None:
    h._send(200, b"<!doctype html><title>Saved</title><h1>Save me</h1>",
            headers={"Content-Disposition": 'attachment; filename="page.html"'})


def _ten_mb(h: Handler) -> None:
    line = b"All work and no play makes a very long text file. <script>alert(1)</script>\n"
    h._send(200, line * (10_000_000 // len(line)), "text/plain; charset=utf-8")


ROUTES: dict[str, Callable[[Handler], None]] = {
    "big-dom": _big_dom,
    "stream-forever": _stream_forever,
    "stalled-image": _stalled_image,
    "never-ends.png": _never_ends,
    "slow-60s": _slow,
    "redirect-loop": _redirect_loop,
    "status-404": _status(404),
    "status-500": _status(500),
    "reset": _reset,
    "file.pdf": _pdf,
    "image.png": _image,
    "ten-mb.txt": _ten_mb,
    "attachment.html": _attachment,
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.stopping = threading.Event()
        self.hits: dict[str, int] = {}

    def handle_error(self, request, client_address) -> None:  # browsers hang up on endless answers: expected
        pass


class HostileServer:
    """``with HostileServer() as s: s.url("loop-after-load.html")``; stops every endless answer on exit."""

    def __init__(self) -> None:
        self._server = _Server()
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True, name="hostile-server")

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def hits(self) -> dict[str, int]:
        return self._server.hits

    def __enter__(self) -> "HostileServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()


if __name__ == "__main__":  # pragma: no cover - for trying pages by hand
    with HostileServer() as server:
        print(server.base, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
