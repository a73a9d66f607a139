"""Generated council pages of a chosen size for ``make bench`` (issue 23): N focusable elements.

A page of N focusable elements has, as a real council page might: a skip link; a mega-menu (a quarter of the
links, in a flex list in the header); an A-Z of services (the largest share, in lists under letter headings,
set in columns); a table of opening times with a link in each row; a contact form of N/10 labelled fields
(text inputs, selects, checkboxes, text areas); N/50 buttons; a footer of links. Styles are GOV.UK-like, with
a focus style on everything. Words and order are seeded, so a size always gives the same page.

``serve()`` serves ``/n/<N>`` and ``/n/<N>/<seed>`` on 127.0.0.1; ``mixed_sizes(count)`` is the size mix of the
1,000-page site (mostly small pages, some large).
"""

from __future__ import annotations

import random
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

CSS = """
body{font-family:sans-serif;margin:0;color:#0b0c0c} header,footer{background:#0b0c0c;color:#fff;padding:10px}
header a,footer a{color:#fff} a{color:#1d70b8}
a:focus{outline:3px solid transparent;background:#fd0;color:#0b0c0c;box-shadow:0 -2px #fd0,0 4px #0b0c0c;
  text-decoration:none}
.menu{display:flex;flex-wrap:wrap;list-style:none;padding:0}.menu li{margin:4px 10px}
.az{columns:4} main{padding:0 20px}
input,select,textarea{border:2px solid #0b0c0c;padding:4px}
input:focus,select:focus,textarea:focus{outline:3px solid #fd0;box-shadow:inset 0 0 0 2px}
button{background:#00703c;color:#fff;border:0;padding:8px 12px}
button:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}
table{border-collapse:collapse} td,th{border:1px solid #b1b4b6;padding:4px}
"""
WORDS = ("bin collection council tax recycling garden waste permit parking street lighting library planning "
         "application housing repair benefit payment school admission licence noise complaint").split()


def page(n: int, seed: int = 0) -> str:
    """A page with ``n`` focusable elements (links, fields and buttons; the skip link is one more)."""
    rnd = random.Random(seed * 7919 + n)
    fields = max(n // 10, 1)
    buttons = max(n // 50, 1)
    links = max(n - fields - buttons, 4)
    menu, table, footer = links // 4, links // 8, links // 8
    az = links - menu - table - footer

    def word() -> str:
        return rnd.choice(WORDS)

    def link(i: int, kind: str) -> str:
        return f'<a href="/s/{kind}{i}">{word().title()} {word()} {i}</a>'

    out = [f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Services A to Z ({n})</title>'
           f'<style>{CSS}</style></head><body><a href="#main">Skip to main content</a>',
           '<header><nav aria-label="Menu"><ul class="menu">'
           + "".join(f"<li>{link(i, 'm')}</li>" for i in range(menu)) + "</ul></nav></header>",
           '<main id="main"><h1>Services A to Z</h1>']
    per = max(az // 26, 1)
    for letter in range(26):
        start, stop = letter * per, (min((letter + 1) * per, az) if letter < 25 else az)
        if start < stop:
            out.append(f'<h2>{chr(65 + letter)}</h2><ul class="az">'
                       + "".join(f"<li>{link(i, 'az')}</li>" for i in range(start, stop)) + "</ul>")
    out.append("<table><caption>Opening times</caption><tr><th>Service</th><th>Hours</th></tr>"
               + "".join(f"<tr><td>{link(i, 't')}</td><td>{rnd.randint(8, 10)}am to 5pm</td></tr>"
                         for i in range(table)) + "</table>")
    out.append('<form action="/done"><h2>Contact us</h2>')
    for i in range(fields):
        label = f'<label for="f{i}">{word().title()} {i}</label>'
        kind = i % 4
        if kind == 0:
            out.append(f'<div>{label}<input id="f{i}" name="f{i}" type="text"></div>')
        elif kind == 1:
            out.append(f'<div>{label}<select id="f{i}" name="f{i}"><option>One</option><option>Two</option>'
                       "</select></div>")
        elif kind == 2:
            out.append(f'<div><input id="f{i}" name="f{i}" type="checkbox">{label}</div>')
        else:
            out.append(f'<div>{label}<textarea id="f{i}" name="f{i}"></textarea></div>')
    out.append("".join(f'<button type="button">{word().title()} {i}</button> ' for i in range(buttons))
               + "</form></main>")
    out.append('<footer><ul class="menu">' + "".join(f"<li>{link(i, 'f')}</li>" for i in range(footer))
               + "</ul></footer></body></html>")
    return "".join(out)


def mixed_sizes(count: int, seed: int = 23) -> list[int]:
    """Sizes for a site of ``count`` pages: 60% at 50 focusable elements, 25% at 200, 12% at 800, 3% at 2,000."""
    rnd = random.Random(seed)
    return [rnd.choices((50, 200, 800, 2000), weights=(60, 25, 12, 3))[0] for _ in range(count)]


def serve_pages(render: Callable[[str], str | None]) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``render(path)`` as HTML on 127.0.0.1 (None: 404); returns the server and its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            html = render(self.path)
            if html is None:
                self.send_error(404)
                return
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def serve() -> tuple[ThreadingHTTPServer, str]:
    """Serve /n/<size>[/<seed>]; returns the server and its base URL (ending in /n/)."""

    def render(path: str) -> str | None:
        parts = path.strip("/").split("/")
        try:
            return page(int(parts[1]), int(parts[2]) if len(parts) > 2 else 0) if parts[0] == "n" else None
        except (IndexError, ValueError):
            return None

    httpd, base = serve_pages(render)
    return httpd, base + "n/"
