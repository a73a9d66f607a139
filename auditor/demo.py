"""The bundled demo council service, "Report a missed bin collection", and its local HTTP server.

Two versions of the same multi-page transaction are served side by side: ``/accessible/`` (built the way the
GOV.UK Design System builds services) and ``/inaccessible/`` (the same task with the barriers listed in
``scenarios/demo/barriers.yaml``). Both use the same data, steps and validation; only the HTML differs.

The flow, for each version ``V``::

    /V/start -> /V/postcode -> /V/address -> /V/missed -> /V/date -> /V/contact -> /V/check -> /V/confirmation

Forms POST to their own path; a valid answer redirects (303) to the next page, an invalid one stores the
errors for one showing and redirects back to the same page (so every error state can be reached with a GET).
Answers live in a server-side session named by a cookie. A page whose earlier answers are missing redirects
to the first page still to be answered. The inaccessible version sends visitors to ``/inaccessible/session-
expired`` after ``timeout_s`` seconds with no warning (a JS timer; 0 turns it off).

Pure stdlib plus Jinja2. Templates, static files and the fake address list live in ``scenarios/demo/``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import mimetypes
import re
import secrets
import signal
import sys
import threading
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from auditor.errors import UsageError
from auditor.paths import demo_dir

VERSIONS = ("accessible", "inaccessible")
DEFAULT_TIMEOUT_S = 120.0
COOKIE = "demo_session"

BIN_TYPES = {
    "general": "General waste",
    "recycling": "Recycling",
    "garden": "Garden waste",
    "food": "Food waste",
}
DETAILS = {
    "out-by-7am": "My bin was out by 7am on collection day",
    "lid-closed": "The lid was closed",
    "happened-before": "This has happened before",
    "crew-tag": "The crew left a tag or sticker on the bin",
}

# Pages in journey order; FORM_PAGES are the ones that ask something.
PAGES = ("start", "postcode", "address", "missed", "date", "contact", "check", "confirmation")
FORM_PAGES = ("postcode", "address", "missed", "date", "contact")
EXTRA_PAGES = {"inaccessible": ("session-expired",), "accessible": ()}

_POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9 ()-]{10,20}$")


# -- data and validation (pure) ------------------------------------------------------------------------------

def load_addresses(folder: Path | None = None) -> dict[str, list[str]]:
    """The fake address list: normalised postcode -> addresses."""
    path = (folder or demo_dir()) / "addresses.json"
    raw = json.loads(path.read_text("utf-8"))
    return {normalise_postcode(code): list(lines) for code, lines in raw.items()}


def normalise_postcode(text: str) -> str:
    """Upper case with one space before the inward code: ' e81dy ' -> 'E8 1DY'."""
    squashed = re.sub(r"\s+", "", text or "").upper()
    return f"{squashed[:-3]} {squashed[-3:]}" if len(squashed) > 3 else squashed


Errors = list[dict[str, str]]   # [{"field": "postcode", "text": "Enter a postcode"}]


def _err(field: str, text: str) -> dict[str, str]:
    return {"field": field, "text": text}


def check_postcode(form: dict[str, str], addresses: dict[str, list[str]]) -> tuple[dict, Errors]:
    raw = form.get("postcode", "").strip()
    code = normalise_postcode(raw)
    if not raw:
        return {}, [_err("postcode", "Enter a postcode")]
    if not _POSTCODE_RE.match(code):
        return {}, [_err("postcode", "Enter a real postcode, like E8 1DY")]
    if code not in addresses:
        return {}, [_err("postcode", f"We cannot find any addresses for {code}. Check the postcode and try again")]
    return {"postcode": code}, []


def check_address(form: dict[str, str], choices: list[str]) -> tuple[dict, Errors]:
    chosen = form.get("address", "")
    if chosen not in choices:
        return {}, [_err("address", "Select your address")]
    return {"address": chosen}, []


def check_missed(form: dict[str, Any]) -> tuple[dict, Errors]:
    bin_type = form.get("bin", "")
    details = [d for d in form.get("details", []) if d in DETAILS]
    if bin_type not in BIN_TYPES:
        return {}, [_err("bin", "Select which bin was not collected")]
    return {"bin": bin_type, "details": details}, []


def check_date(form: dict[str, str], today: _dt.date | None = None) -> tuple[dict, Errors]:
    today = today or _dt.date.today()
    parts = {k: form.get(f"date-{k}", "").strip() for k in ("day", "month", "year")}
    missing = [k for k, v in parts.items() if not v]
    if len(missing) == 3:
        return {}, [_err("date", "Enter the date the collection was missed")]
    if missing:
        return {}, [_err("date", f"The date must include a {missing[0]}")]
    if not all(v.isdigit() for v in parts.values()) or len(parts["year"]) != 4:
        return {}, [_err("date", "The date must be a real date, like 27 3 2025")]
    try:
        when = _dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        return {}, [_err("date", "The date must be a real date, like 27 3 2025")]
    if when > today:
        return {}, [_err("date", "The date must be today or in the past")]
    return {"date": when.isoformat()}, []


def check_contact(form: dict[str, str]) -> tuple[dict, Errors]:
    name = " ".join(form.get("name", "").split())
    email = form.get("email", "").strip()
    phone = form.get("phone", "").strip()
    errors: Errors = []
    if not name:
        errors.append(_err("name", "Enter your full name"))
    if not email:
        errors.append(_err("email", "Enter your email address"))
    elif not _EMAIL_RE.match(email):
        errors.append(_err("email", "Enter an email address in the correct format, like name@example.com"))
    if phone and not _PHONE_RE.match(phone):
        errors.append(_err("phone", "Enter a telephone number, like 01632 960 001"))
    return ({} if errors else {"name": name, "email": email, "phone": phone}), errors


def first_missing(answers: dict[str, Any]) -> str | None:
    """The first form page whose answer is missing, or None when every answer is there."""
    keys = {"postcode": "postcode", "address": "address", "missed": "bin", "date": "date", "contact": "name"}
    for page in FORM_PAGES:
        if keys[page] not in answers:
            return page
    return None


def format_date(iso: str) -> str:
    when = _dt.date.fromisoformat(iso)
    return f"{when.day} {when:%B %Y}"


# -- sessions --------------------------------------------------------------------------------------------------

class Sessions:
    """Server-side session state, keyed by a random cookie value; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[str, dict[str, Any]] = {}

    def get(self, sid: str | None) -> tuple[str, dict[str, Any]]:
        with self._lock:
            if sid and sid in self._data:
                return sid, self._data[sid]
            sid = secrets.token_urlsafe(18)
            self._data[sid] = {version: {"answers": {}, "flash": {}} for version in VERSIONS}
            return sid, self._data[sid]


# -- HTTP -----------------------------------------------------------------------------------------------------

@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str = ""


class DemoApp:
    """Turns (method, path, form, session) into a Reply. No sockets: the handler does the wire part."""

    def __init__(self, folder: Path | None = None, timeout_s: float = DEFAULT_TIMEOUT_S):
        self.folder = (folder or demo_dir()).resolve()
        self.static = (self.folder / "static").resolve()
        self.timeout_s = timeout_s
        self.addresses = load_addresses(self.folder)
        self.env = Environment(
            loader=FileSystemLoader(str(self.folder / "templates")),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["nice_date"] = format_date

    # rendering
    def render(self, template: str, status: int = 200, **context: Any) -> Reply:
        context.setdefault("bin_types", BIN_TYPES)
        context.setdefault("details", DETAILS)
        body = self.env.get_template(template).render(**context)
        return Reply(status=status, body=body.encode("utf-8"))

    def not_found(self) -> Reply:
        return self.render("404.html", status=404)

    @staticmethod
    def redirect(location: str) -> Reply:
        return Reply(status=303, location=location)

    # routing
    def handle(self, method: str, path: str, form: dict[str, Any], session: dict[str, Any]) -> Reply:
        if path == "/":
            return self.render("root.html") if method == "GET" else self.not_found()
        if path.startswith("/static/"):
            return self.static_file(path[len("/static/"):]) if method == "GET" else self.not_found()
        parts = [p for p in path.split("/") if p]
        if not parts or parts[0] not in VERSIONS or len(parts) > 2:
            return self.not_found()
        version = parts[0]
        if len(parts) == 1:
            return self.redirect(f"/{version}/start")
        page = parts[1]
        if page not in PAGES and page not in EXTRA_PAGES[version]:
            return self.not_found()
        state = session[version]
        if method == "POST":
            return self.post(version, page, form, state)
        return self.get(version, page, state)

    def static_file(self, name: str) -> Reply:
        target = (self.static / name).resolve()
        if not target.is_relative_to(self.static) or not target.is_file():
            return self.not_found()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        return Reply(body=target.read_bytes(), content_type=kind)

    def get(self, version: str, page: str, state: dict[str, Any]) -> Reply:
        answers = state["answers"]
        if page == "session-expired":
            state["answers"] = {}
            return self.render(f"{version}/session-expired.html", v=f"/{version}")
        if page == "confirmation":
            if "reference" not in state:
                return self.redirect(f"/{version}/start")
            return self.render(f"{version}/confirmation.html", v=f"/{version}", reference=state["reference"],
                               timeout_s=self.timeout_s)
        missing = first_missing(answers)
        if page in FORM_PAGES and missing and FORM_PAGES.index(missing) < FORM_PAGES.index(page):
            return self.redirect(f"/{version}/{missing}")
        if page == "check" and missing:
            return self.redirect(f"/{version}/{missing}")
        flash = state["flash"].pop(page, {})
        errors = flash.get("errors", [])
        values = flash.get("values") or self.values_from(page, answers)
        return self.render(
            f"{version}/{page}.html",
            v=f"/{version}",
            page=page,
            errors=errors,
            error_for={e["field"]: e["text"] for e in errors},
            values=values,
            answers=answers,
            addresses=self.addresses.get(answers.get("postcode", ""), []),
            chosen_details=[DETAILS[d] for d in answers.get("details", []) if d in DETAILS],
            back=self.back_link(version, page),
            timeout_s=self.timeout_s,
        )

    @staticmethod
    def values_from(page: str, answers: dict[str, Any]) -> dict[str, Any]:
        """What a form shows when it is opened again (to change an answer)."""
        if page == "date" and "date" in answers:
            when = _dt.date.fromisoformat(answers["date"])
            return {"date-day": str(when.day), "date-month": str(when.month), "date-year": str(when.year)}
        return dict(answers)

    @staticmethod
    def back_link(version: str, page: str) -> str:
        index = PAGES.index(page) if page in PAGES else 0
        return f"/{version}/{PAGES[index - 1]}" if 0 < index < PAGES.index("confirmation") else ""

    def post(self, version: str, page: str, form: dict[str, Any], state: dict[str, Any]) -> Reply:
        answers = state["answers"]
        if page == "check":
            if first_missing(answers):
                return self.redirect(f"/{version}/{first_missing(answers)}")
            state["reference"] = "MB-" + "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
            state["submitted"] = dict(answers)
            state["answers"] = {}
            return self.redirect(f"/{version}/confirmation")
        validators: dict[str, Callable[[dict[str, Any]], tuple[dict, Errors]]] = {
            "postcode": lambda f: check_postcode(f, self.addresses),
            "address": lambda f: check_address(f, self.addresses.get(answers.get("postcode", ""), [])),
            "missed": check_missed,
            "date": check_date,
            "contact": check_contact,
        }
        if page not in validators:
            return self.not_found()
        clean, errors = validators[page](form)
        if errors:
            state["flash"][page] = {"errors": errors, "values": form}
            return self.redirect(f"/{version}/{page}")
        if page == "postcode" and clean["postcode"] != answers.get("postcode"):
            answers.pop("address", None)
        answers.update(clean)
        return self.redirect(f"/{version}/{first_missing(answers) or 'check'}")


def parse_form(body: bytes) -> dict[str, Any]:
    """An urlencoded body as {name: value}; ``details`` (checkboxes) keeps every value as a list."""
    raw = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    form: dict[str, Any] = {k: v[-1] for k, v in raw.items()}
    form["details"] = raw.get("details", [])
    return form


class _Handler(BaseHTTPRequestHandler):
    server_version = "EastbrookDemo/1.0"
    app: DemoApp
    sessions: Sessions

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        """Quiet: no request log on stderr."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._serve("GET", {})

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 64 * 1024)) if length > 0 else b""
        self._serve("POST", parse_form(body))

    def _serve(self, method: str, form: dict[str, Any]) -> None:
        path = unquote(urlsplit(self.path).path)
        sid, session = self.sessions.get(self._cookie_sid())
        try:
            reply = self.app.handle(method, path, form, session)
        except Exception as exc:  # a bug in the demo: say so on the page instead of dropping the socket
            reply = Reply(status=500, body=f"Demo service error: {type(exc).__name__}: {exc}".encode(),
                          content_type="text/plain; charset=utf-8")
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Set-Cookie", f"{COOKIE}={sid}; Path=/; HttpOnly; SameSite=Lax")
        if reply.location:
            self.send_header("Location", reply.location)
        self.end_headers()
        self.wfile.write(reply.body)

    def _cookie_sid(self) -> str | None:
        try:
            cookie = SimpleCookie(self.headers.get("Cookie") or "")
        except CookieError:
            return None
        return cookie[COOKIE].value if COOKIE in cookie else None


class DemoServer:
    """The demo service on a local port, in a background thread.

    ``timeout_s``: seconds before the inaccessible version's pages jump to "session expired" (None: 120 s;
    0: never). Use as a context manager, or call ``start()`` and ``stop()``.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, timeout_s: float | None = None,
                 folder: Path | None = None):
        self.host = host
        self.port = port
        self.timeout_s = DEFAULT_TIMEOUT_S if timeout_s is None else float(timeout_s)
        self.folder = folder
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the demo server is not running")
        return f"http://{self.host}:{self._httpd.server_address[1]}/"

    def start(self) -> "DemoServer":
        handler = type("DemoHandler", (_Handler,), {
            "app": DemoApp(self.folder, self.timeout_s),
            "sessions": Sessions(),
        })
        try:
            self._httpd = ThreadingHTTPServer((self.host, self.port), handler)
        except OSError as exc:
            raise UsageError(f"serve-demo: cannot listen on {self.host}:{self.port}: {exc.strerror}") from None
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="demo-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self) -> None:
        """Block until stopped (Ctrl+C raises KeyboardInterrupt here)."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout=0.5)

    def __enter__(self) -> "DemoServer":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


# -- scenario start URLs ------------------------------------------------------------------------------------

def resolve_demo_url(spec: str, base_url: str) -> str:
    """``demo:accessible/start`` -> ``<base_url>accessible/start``; any other spec is returned unchanged."""
    if not spec.startswith("demo:"):
        return spec
    rest = spec[len("demo:"):].lstrip("/")
    first = rest.split("/", 1)[0]
    if first not in VERSIONS or ".." in rest.split("/"):
        raise UsageError(f"start: {spec!r}: a demo start is 'demo:accessible/PAGE' or 'demo:inaccessible/PAGE'")
    return base_url.rstrip("/") + "/" + rest


def with_version(spec: str, version: str) -> str:
    """The same demo start in the other version: ``with_version('demo:accessible/start', 'inaccessible')``."""
    if version not in VERSIONS:
        raise UsageError(f"version: {version!r}: expected one of {', '.join(VERSIONS)}")
    if not spec.startswith("demo:"):
        return spec
    rest = spec[len("demo:"):].lstrip("/")
    _first, _, tail = rest.partition("/")
    return f"demo:{version}/{tail}"


# -- the `audit serve-demo` command ----------------------------------------------------------------------

def serve_demo_main(argv: list[str] | None = None) -> int:
    """``audit serve-demo [--port N] [--host H] [--timeout S]``: serve the demo until Ctrl+C."""
    parser = argparse.ArgumentParser(prog="audit serve-demo",
                                     description="Serve the bundled demo council service on this machine.")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help=f"session timeout of the inaccessible version (default {DEFAULT_TIMEOUT_S:g}; 0: none)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    if not 0 <= args.port <= 65535:
        print(f"serve-demo: --port {args.port}: expected 0-65535", file=sys.stderr)
        return 2
    if args.timeout is not None and args.timeout < 0:
        print(f"serve-demo: --timeout {args.timeout:g}: expected 0 or more seconds", file=sys.stderr)
        return 2
    server = DemoServer(host=args.host, port=args.port, timeout_s=args.timeout)
    try:
        server.start()
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(server.url, flush=True)
    print(f"Serving the demo council service: {server.url}accessible/start and {server.url}inaccessible/start",
          flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    # Ctrl+C (or SIGTERM) only sets a flag: a KeyboardInterrupt raised inside a thread join can leave the
    # interpreter waiting at exit, so the main thread polls the flag and stops the server itself.
    stopping = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stopping.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stopping.wait(0.25) and server.running:
            pass
    except KeyboardInterrupt:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.stop()
    return 0
