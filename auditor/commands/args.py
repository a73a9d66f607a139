"""Checks of command-line values that more than one command takes."""

from __future__ import annotations

from urllib.parse import urlsplit

from auditor.errors import UsageError


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"'{url}' is not a web address (expected a URL starting http:// or https://)")
    return url
