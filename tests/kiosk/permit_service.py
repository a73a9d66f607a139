"""A second local service for the lab flow tests, not the demo: a council's "renew a parking permit" in three
plain, accessible pages (start, the permit number, done). ``with PermitService() as s: s.url`` ->
``http://127.0.0.1:PORT/permits/start``."""

from __future__ import annotations

import html
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

_HEAD = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} - Northfield Council</title>
<style>body{{font:19px/1.5 sans-serif;margin:0;color:#0b0c0c}} header{{background:#0b0c0c;color:#fff;padding:10px 20px}}
main{{max-width:40rem;padding:0 20px}} a{{color:#1d5fa0}} .button{{display:inline-block;background:#00703c;color:#fff;
padding:8px 14px;border:0;font:inherit;text-decoration:none;box-shadow:0 2px #002d18}}
:focus-visible{{outline:3px solid #fd0;box-shadow:0 4px #0b0c0c}} input{{font:inherit;border:2px solid #0b0c0c;padding:4px}}
label{{display:block;font-weight:bold}} .hint{{color:#484949}}</style></head>
<body><header><p>Northfield Council</p></header><main>"""
_TAIL = "</main></body></html>"

PAGES = {
    "/permits/start": ("Renew a parking permit", """<h1>Renew your parking permit</h1>
<p>Use this service to renew a resident's parking permit. It takes about 2 minutes.</p>
<p><a class="button" href="/permits/number">Start now</a></p>"""),
    "/permits/number": ("Your permit number", """<h1>What is your permit number?</h1>
<form action="/permits/done" method="get"><label for="number">Permit number</label>
<p class="hint" id="number-hint">It is on your permit, for example NP 40213.</p>
<p><input id="number" name="number" autocomplete="off" aria-describedby="number-hint"></p>
<p><button class="button">Continue</button></p></form>"""),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        parts = urlsplit(self.path)
        if parts.path == "/permits/done":
            number = html.escape(parse_qs(parts.query).get("number", [""])[0])
            title, body = "Permit renewed", f"<h1>Permit renewed</h1><p>Permit {number} now runs for another year.</p>"
        elif parts.path in PAGES:
            title, body = PAGES[parts.path]
        else:
            self.send_error(404)
            return
        data = (_HEAD.format(title=title) + body + _TAIL).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


class PermitService:
    def __enter__(self) -> "PermitService":
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.url = f"{self.origin}/permits/start"
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
