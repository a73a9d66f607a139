"""100 pages with --concurrency 4 lose nothing and give the same findings as --concurrency 1 (no cross-talk)."""

from __future__ import annotations

import random

import pytest

from auditor.cli import main
from auditor.reporters.json_report import read_report
from benchmarks.sized_pages import serve_pages

pytestmark = pytest.mark.browser

BARRIERS = [
    '<img src="/photo.png">',                                      # no alt
    '<input type="text" name="q">',                                 # no label
    '<a href="/more">click here</a>',                              # ambiguous link
    '<p style="color:#aaa;background:#fff">Faint text</p>',        # low contrast
    '<button></button>',                                           # unnamed button
    '',                                                            # a clean page
]


def page_html(n: int) -> str:
    rnd = random.Random(n)
    barrier = BARRIERS[n % len(BARRIERS)]
    words = " ".join(rnd.choice(["bins", "council", "tax", "parking", "library", "planning"]) for _ in range(30))
    return (f'<!doctype html><html lang="en"><head><title>Page {n}</title></head><body><main>'
            f'<h1>Page {n}</h1><p>{words}</p><p id="marker-{n}">Marker {n}</p>{barrier}</main></body></html>')


@pytest.fixture(scope="module")
def site():
    def render(path: str) -> str | None:
        last = path.strip("/").split("/")[-1]
        return page_html(int(last)) if last.isdigit() else None      # the photo, the favicon: 404

    httpd, base = serve_pages(render)
    yield f"{base}p/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def personas_dir(tmp_path_factory):
    """Ashleigh with a short list of checks, so that 200 page audits stay cheap in CI."""
    import yaml

    from auditor.paths import personas_dir as shipped

    data = yaml.safe_load((shipped() / "ashleigh.yaml").read_text("utf-8"))
    data["audit"]["probes"] = ["axe", "control_name", "link_purpose"]
    folder = tmp_path_factory.mktemp("personas")
    (folder / "ashleigh.yaml").write_text(yaml.safe_dump(data), "utf-8")
    return folder


def run(urls, out, concurrency, personas_dir) -> dict:
    code = main([*urls, "--personas-dir", str(personas_dir), "--format", "json", "--out", str(out),
                 "--no-screenshots", "--concurrency", str(concurrency), "--fail-on", "none"])
    assert code == 0
    return read_report(out)


def test_100_pages_with_4_workers_match_one_worker(site, tmp_path, personas_dir):
    urls = [f"{site}{n}" for n in range(100)]
    one = run(urls, tmp_path / "one", 1, personas_dir)
    four = run(urls, tmp_path / "four", 4, personas_dir)
    for report in (one, four):
        assert [p["url"] for p in report["pages"]] == urls            # nothing lost, input order kept
        assert all(p["status"] == "ok" for p in report["pages"])
    for a, b in zip(one["pages"], four["pages"]):
        assert sorted(f["id"] for f in a["findings"]) == sorted(f["id"] for f in b["findings"]), a["url"]
        assert a["title"] == b["title"]
    # No cross-talk: every page's findings are about that page
    for page in four["pages"]:
        n = int(page["url"].rsplit("/", 1)[-1])
        assert page["title"] == f"Page {n}"
        assert all(f["url"].rstrip("/").endswith(f"/p/{n}") for f in page["findings"])
    rules = {f["rule"] for p in one["pages"] for f in p["findings"]}
    assert {"image-alt", "label", "button-name", "link_purpose"} <= rules
