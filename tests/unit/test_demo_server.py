"""The demo council service's server, without a browser: paths, 404s, traversal, and the whole form flow."""

from __future__ import annotations

import datetime as dt
import http.client
import http.cookiejar
import re
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from auditor.demo import (
    PAGES,
    VERSIONS,
    DemoServer,
    check_contact,
    check_date,
    check_postcode,
    load_addresses,
    resolve_demo_url,
    with_version,
)
from auditor.errors import UsageError

ADDRESS = "14 Mare Street, London, E8 1DY"


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer(timeout_s=45) as running:
        yield running


class Client:
    """A visitor with their own cookie jar; follows redirects like a browser."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(self.base + path.lstrip("/"), timeout=10) as reply:
            return urlsplit(reply.geturl()).path, reply.read().decode("utf-8")

    def post(self, path: str, form: dict) -> tuple[str, str]:
        data = urllib.parse.urlencode(form, doseq=True).encode()
        with self.opener.open(self.base + path.lstrip("/"), data=data, timeout=10) as reply:
            return urlsplit(reply.geturl()).path, reply.read().decode("utf-8")


def raw_get(server: DemoServer, path: str) -> tuple[int, str, dict[str, str]]:
    """GET a path exactly as written (no client-side normalisation of '..')."""
    parts = urlsplit(server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", path)
        reply = conn.getresponse()
        return reply.status, reply.read().decode("utf-8", "replace"), dict(reply.getheaders())
    finally:
        conn.close()


def fill_until(client: Client, version: str, last: str) -> tuple[str, str]:
    """Answer every form page up to and including ``last``; return the page reached."""
    answers = [
        ("postcode", {"postcode": "e81dy"}),
        ("address", {"address": ADDRESS}),
        ("missed", {"bin": "garden", "details": ["out-by-7am", "lid-closed"]}),
        ("date", {"date-day": "3", "date-month": "3", "date-year": "2025"}),
        ("contact", {"name": "Sam Jones", "email": "sam@example.com", "phone": ""}),
    ]
    reached = ("", "")
    for page, form in answers:
        reached = client.post(f"/{version}/{page}", form)
        if page == last:
            break
    return reached


# -- paths -------------------------------------------------------------------------------------------

def test_url_is_loopback_with_a_real_port(server):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", server.url)
    assert not server.url.endswith(":0/")


def test_url_before_start_is_an_error():
    with pytest.raises(RuntimeError, match="not running"):
        DemoServer().url


def test_root_links_to_both_versions(server):
    status, body, headers = raw_get(server, "/")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert 'href="/accessible/start"' in body and 'href="/inaccessible/start"' in body


@pytest.mark.parametrize("version", VERSIONS)
def test_version_root_redirects_to_start(server, version):
    status, _, headers = raw_get(server, f"/{version}/")
    assert status == 303 and headers["Location"] == f"/{version}/start"


@pytest.mark.parametrize("version", VERSIONS)
def test_pages_before_their_answers_send_you_back(server, version):
    client = Client(server.url)
    assert client.get(f"/{version}/start")[0] == f"/{version}/start"
    assert client.get(f"/{version}/postcode")[0] == f"/{version}/postcode"
    for page in ("address", "missed", "date", "contact", "check"):
        assert client.get(f"/{version}/{page}")[0] == f"/{version}/postcode", page
    assert client.get(f"/{version}/confirmation")[0] == f"/{version}/start"


@pytest.mark.parametrize("path", ["/nope", "/accessible/nope", "/inaccessible/start/extra", "/static/missing.css",
                                  "/accessibleX/start", "/inaccessible/session-expired/x",
                                  "/accessible/session-expired"])
def test_unknown_paths_get_a_404_page(server, path):
    status, body, headers = raw_get(server, path)
    assert status == 404
    assert headers["Content-Type"].startswith("text/html")
    assert "Page not found" in body and '<html lang="en-GB">' in body


@pytest.mark.parametrize("path", [
    "/static/../../auditor/demo.py",
    "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/static/..%2f..%2fpyproject.toml",
    "/static/../addresses.json",
    "/static//etc/passwd",
    "/static/%2Fetc%2Fpasswd",
])
def test_paths_outside_the_static_folder_are_refused(server, path):
    status, body, _ = raw_get(server, path)
    assert status == 404
    assert "import" not in body and "root:" not in body and "Mare Street" not in body


def test_static_files_have_their_types(server):
    status, body, headers = raw_get(server, "/static/accessible.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css") and "--focus" in body
    status, _, headers = raw_get(server, "/static/notice.png")
    assert status == 200 and headers["Content-Type"] == "image/png"


def test_requests_are_not_logged(server, capfd):
    raw_get(server, "/accessible/start")
    raw_get(server, "/nope")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


# -- the flow --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("version", VERSIONS)
def test_postcode_errors(server, version):
    client = Client(server.url)
    path, body = client.post(f"/{version}/postcode", {"postcode": ""})
    assert path == f"/{version}/postcode" and "Enter a postcode" in body
    assert "Enter a real postcode" in client.post(f"/{version}/postcode", {"postcode": "HELLO"})[1]
    path, body = client.post(f"/{version}/postcode", {"postcode": "SW1A 1AA"})
    assert path == f"/{version}/postcode" and "We cannot find any addresses for SW1A 1AA" in body


@pytest.mark.parametrize("version", VERSIONS)
def test_error_is_shown_once_and_keeps_what_was_typed(server, version):
    client = Client(server.url)
    _, body = client.post(f"/{version}/postcode", {"postcode": "SW1A 1AA"})
    assert 'value="SW1A 1AA"' in body
    _, again = client.get(f"/{version}/postcode")
    assert "We cannot find" not in again


def test_accessible_errors_have_prefix_summary_and_links(server):
    client = Client(server.url)
    _, body = client.post("/accessible/postcode", {"postcode": ""})
    assert "<title>Error: " in body
    assert 'class="error-summary"' in body and '<a href="#postcode">Enter a postcode</a>' in body
    assert 'aria-describedby="postcode-hint postcode-error"' in body
    assert '<span class="visually-hidden">Error:</span> Enter a postcode' in body


def test_inaccessible_errors_are_only_red_text(server):
    client = Client(server.url)
    _, body = client.post("/inaccessible/postcode", {"postcode": ""})
    assert "Error:" not in body and "aria-describedby" not in body
    assert '<span class="err" id="err-postcode">Enter a postcode</span>' in body


@pytest.mark.parametrize("version", VERSIONS)
def test_each_step_validates(server, version):
    client = Client(server.url)
    assert fill_until(client, version, "postcode")[0] == f"/{version}/address"
    path, body = client.post(f"/{version}/address", {"address": "1 Nowhere Road"})
    assert path == f"/{version}/address" and "Select your address" in body and ADDRESS in body
    assert client.post(f"/{version}/address", {"address": ADDRESS})[0] == f"/{version}/missed"
    path, body = client.post(f"/{version}/missed", {"details": ["lid-closed"]})
    assert path == f"/{version}/missed" and ("Select which bin was not collected" in body or version == "inaccessible")
    assert client.post(f"/{version}/missed", {"bin": "food"})[0] == f"/{version}/date"
    assert "The date must be a real date" in client.post(f"/{version}/date", {"date-day": "31", "date-month": "2",
                                                                             "date-year": "2025"})[1]
    future = dt.date.today() + dt.timedelta(days=2)
    assert "today or in the past" in client.post(f"/{version}/date", {"date-day": future.day,
                                                                     "date-month": future.month,
                                                                     "date-year": future.year})[1]
    assert client.post(f"/{version}/date", {"date-day": "1", "date-month": "2", "date-year": "2025"})[0] \
        == f"/{version}/contact"
    path, body = client.post(f"/{version}/contact", {"name": " ", "email": "not-an-email"})
    assert path == f"/{version}/contact"
    assert "Enter your full name" in body and "Enter an email address in the correct format" in body


@pytest.mark.parametrize("version", VERSIONS)
def test_check_your_answers_then_confirmation(server, version):
    client = Client(server.url)
    path, body = fill_until(client, version, "contact")
    assert path == f"/{version}/check"
    assert re.search("check your answers", body, re.I)
    for shown in (ADDRESS, "Garden waste", "My bin was out by 7am on collection day", "The lid was closed",
                  "3 March 2025", "Sam Jones", "sam@example.com"):
        assert shown in body, shown
    path, body = client.post(f"/{version}/check", {})
    assert path == f"/{version}/confirmation"
    assert "Your reference number" in body
    assert re.search(r"MB-[A-Z2-9]{6}", body)
    # answers are cleared once sent: starting again begins with the postcode
    assert client.get(f"/{version}/check")[0] == f"/{version}/postcode"


def test_changing_the_postcode_asks_for_the_address_again(server):
    client = Client(server.url)
    fill_until(client, "accessible", "contact")
    path, body = client.post("/accessible/postcode", {"postcode": "N16 7UJ"})
    assert path == "/accessible/address" and "21 Kynaston Road" in body
    path, body = client.post("/accessible/address", {"address": "21 Kynaston Road, London, N16 7UJ"})
    assert path == "/accessible/check" and "Sam Jones" in body


def test_changing_an_answer_goes_back_to_check(server):
    client = Client(server.url)
    fill_until(client, "inaccessible", "contact")
    path, body = client.post("/inaccessible/missed", {"bin": "recycling"})
    assert path == "/inaccessible/check" and "Recycling" in body


def test_sessions_are_per_visitor_and_per_version(server):
    first, second = Client(server.url), Client(server.url)
    fill_until(first, "accessible", "contact")
    assert second.get("/accessible/check")[0] == "/accessible/postcode"
    assert first.get("/inaccessible/check")[0] == "/inaccessible/postcode"


def test_answers_are_escaped(server):
    client = Client(server.url)
    fill_until(client, "accessible", "date")
    _, body = client.post("/accessible/contact", {"name": "<script>alert(1)</script>", "email": "a@b.co"})
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_session_expired_page_loses_the_answers(server):
    client = Client(server.url)
    fill_until(client, "inaccessible", "contact")
    path, body = client.get("/inaccessible/session-expired")
    assert path == "/inaccessible/session-expired" and "Session Expired" in body
    assert client.get("/inaccessible/check")[0] == "/inaccessible/postcode"


def test_timeout_is_on_the_inaccessible_form_pages_only(server):
    client = Client(server.url)
    assert 'data-session-timeout="45.0"' in client.get("/inaccessible/postcode")[1]
    assert "data-session-timeout" not in client.get("/inaccessible/start")[1]
    assert "data-session-timeout" not in client.get("/accessible/postcode")[1]
    with DemoServer(timeout_s=0) as untimed:
        assert "data-session-timeout" not in Client(untimed.url).get("/inaccessible/postcode")[1]


def test_both_versions_ask_the_same_things(server):
    """Same task, same data, same steps: every form field name exists in both versions."""
    names = {}
    for version in VERSIONS:
        client = Client(server.url)
        seen: set[str] = set()
        for page in ("postcode", "address", "missed", "date", "contact"):
            _, body = client.get(f"/{version}/{page}")
            seen |= set(re.findall(r'name="([\w-]+)"', body)) - {"viewport"}
            fill_until(client, version, page)
        names[version] = seen
    assert names["accessible"] == names["inaccessible"]
    assert {"postcode", "address", "bin", "details", "date-day", "date-month", "date-year", "name", "email",
            "phone"} <= names["accessible"]


def test_journey_pages_are_known():
    assert PAGES[0] == "start" and PAGES[-1] == "confirmation"


# -- validation (pure) -----------------------------------------------------------------------------------

def test_postcodes_are_normalised():
    addresses = load_addresses()
    assert check_postcode({"postcode": " e8  1dy "}, addresses) == ({"postcode": "E8 1DY"}, [])
    assert all(3 <= len(lines) <= 5 for lines in addresses.values())


def test_dates():
    today = dt.date(2025, 6, 1)
    assert check_date({"date-day": "1", "date-month": "6", "date-year": "2025"}, today)[0] == {"date": "2025-06-01"}
    assert check_date({"date-day": "2", "date-month": "6", "date-year": "2025"}, today)[1][0]["text"] \
        == "The date must be today or in the past"
    assert check_date({"date-day": "2", "date-year": "2025"}, today)[1][0]["text"] == "The date must include a month"
    assert check_date({"date-day": "x", "date-month": "6", "date-year": "2025"}, today)[1][0]["text"].startswith(
        "The date must be a real date")
    assert check_date({}, today)[1][0]["text"] == "Enter the date the collection was missed"


def test_phone_is_optional_but_checked():
    ok = {"name": "A B", "email": "a@b.co"}
    assert check_contact({**ok, "phone": ""})[1] == []
    assert check_contact({**ok, "phone": "01632 960 001"})[1] == []
    assert check_contact({**ok, "phone": "call me"})[1][0]["field"] == "phone"


# -- start URLs ----------------------------------------------------------------------------------------

def test_resolve_demo_url():
    base = "http://127.0.0.1:8123/"
    assert resolve_demo_url("demo:accessible/start", base) == "http://127.0.0.1:8123/accessible/start"
    assert resolve_demo_url("demo:/inaccessible/postcode", base) == "http://127.0.0.1:8123/inaccessible/postcode"
    assert resolve_demo_url("https://example.org/x", base) == "https://example.org/x"
    for bad in ("demo:", "demo:other/start", "demo:accessible/../x"):
        with pytest.raises(UsageError, match="demo:accessible/PAGE"):
            resolve_demo_url(bad, base)


def test_with_version():
    assert with_version("demo:accessible/start", "inaccessible") == "demo:inaccessible/start"
    assert with_version("https://example.org/", "inaccessible") == "https://example.org/"
    with pytest.raises(UsageError, match="expected one of accessible, inaccessible"):
        with_version("demo:accessible/start", "beta")


# -- `audit serve-demo` ----------------------------------------------------------------------------------

def test_serve_demo_prints_url_first_and_stops_cleanly_on_ctrl_c():
    code = "import sys; from auditor.demo import serve_demo_main; sys.exit(serve_demo_main(['--port', '0']))"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", first)
        assert "Ctrl+C" in proc.stdout.readline() + proc.stdout.readline()
        with urllib.request.urlopen(first + "accessible/start", timeout=10) as reply:
            assert reply.status == 200
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    assert "Traceback" not in err and err == ""


def test_serve_demo_bad_port_is_a_usage_error(capsys):
    from auditor.demo import serve_demo_main

    assert serve_demo_main(["--port", "70000"]) == 2
    assert "--port 70000: expected 0-65535" in capsys.readouterr().err
    assert serve_demo_main(["--port", "x"]) == 2


def test_port_in_use_is_a_usage_error(server):
    busy = urlsplit(server.url).port
    with pytest.raises(UsageError, match=f"cannot listen on 127.0.0.1:{busy}"):
        DemoServer(port=busy).start()
