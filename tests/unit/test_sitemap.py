"""sitemaps: in audit.yaml: <urlset> and <sitemapindex> files read into page URLs, bad ones refused clearly."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from auditor.errors import AuditCannotRun, UsageError
from auditor.sitemap import parse_sitemap, urls_from_sitemaps

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def test_urlset_and_index_are_told_apart():
    pages, nested = parse_sitemap(f"<urlset {NS}><url><loc> https://x.gov.uk/a </loc></url>"
                                  f"<url><loc>https://x.gov.uk/b</loc></url></urlset>", "s.xml")
    assert (pages, nested) == (["https://x.gov.uk/a", "https://x.gov.uk/b"], [])
    pages, nested = parse_sitemap(f"<sitemapindex {NS}><sitemap><loc>https://x.gov.uk/s1.xml</loc></sitemap>"
                                  "</sitemapindex>", "i.xml")
    assert (pages, nested) == ([], ["https://x.gov.uk/s1.xml"])


@pytest.mark.parametrize("text, message", [
    ("<urlset><url>", "sitemap s.xml: not valid XML"),
    ("<html><body>hi</body></html>", "sitemap s.xml: the root element is <html> (expected <urlset> or <sitemapindex>)"),
])
def test_bad_sitemaps_say_what_is_wrong(text, message):
    with pytest.raises(UsageError) as err:
        parse_sitemap(text, "s.xml")
    assert str(err.value).startswith(message)


def test_an_index_is_followed_and_pages_come_back_once():
    files = {
        "/index.xml": f"<sitemapindex {NS}><sitemap><loc>{{base}}/one.xml</loc></sitemap>"
                      f"<sitemap><loc>{{base}}/two.xml</loc></sitemap></sitemapindex>",
        "/one.xml": f"<urlset {NS}><url><loc>https://x.gov.uk/a</loc></url><url><loc>https://x.gov.uk/b</loc></url></urlset>",
        "/two.xml": f"<urlset {NS}><url><loc>https://x.gov.uk/b</loc></url><url><loc>mailto:x@y</loc></url></urlset>",
    }

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            if self.path not in files:
                self.send_error(404)
                return
            body = files[self.path].replace("{base}", base).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        assert urls_from_sitemaps([f"{base}/index.xml"]) == ["https://x.gov.uk/a", "https://x.gov.uk/b"]
        with pytest.raises(AuditCannotRun, match="could not be fetched"):
            urls_from_sitemaps([f"{base}/missing.xml"])
    finally:
        httpd.shutdown()
