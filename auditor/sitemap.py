"""Reading sitemap.xml files (and sitemap indexes) into page URLs for ``sitemaps:`` in audit.yaml."""

from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

from auditor.errors import AuditCannotRun, UsageError

MAX_BYTES = 20_000_000
MAX_URLS = 50_000


def parse_sitemap(text: bytes | str, where: str) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) from one sitemap document."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise UsageError(f"sitemap {where}: not valid XML ({exc})") from None
    tag = root.tag.rsplit("}", 1)[-1]
    locs = [el.text.strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "loc" and el.text and el.text.strip()]
    if tag == "sitemapindex":
        return [], locs
    if tag != "urlset":
        raise UsageError(f"sitemap {where}: the root element is <{tag}> (expected <urlset> or <sitemapindex>)")
    return locs, []


def urls_from_sitemaps(sitemaps: list[str], timeout_s: float = 30) -> list[str]:
    urls: list[str] = []
    queue, seen = list(sitemaps), set()
    while queue and len(urls) < MAX_URLS:
        where = queue.pop(0)
        if where in seen:
            continue
        seen.add(where)
        try:
            with urllib.request.urlopen(where, timeout=timeout_s) as response:  # noqa: S310 - http(s) only, checked
                body = response.read(MAX_BYTES + 1)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise AuditCannotRun(f"sitemap {where}: could not be fetched ({getattr(exc, 'reason', exc)})") from None
        pages, nested = parse_sitemap(body[:MAX_BYTES], where)
        urls += [u for u in pages if u.startswith(("http://", "https://"))]
        queue += nested
    return list(dict.fromkeys(urls))[:MAX_URLS]
