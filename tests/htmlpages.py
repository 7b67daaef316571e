"""Reading built pages in tests: parse, find links, map URLs to files."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

# One page of each type readers meet, in the real site (the 404 page aside: how to reach it
# depends on the tool). The accessibility tests and the Lighthouse audit both go through these.
PAGE_TYPES = {
    "home": "",
    "case": "cases/songpa-smart-education-model/",
    "city": "cities/seoul/",
    "goal": "goals/4-quality-education/",
    "goals": "goals/",
}


@cache
def _parse(path: Path, mtime: float) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def soup(site: Path, url: str) -> BeautifulSoup:
    """The parsed page at a site URL like "cases/x/"."""
    path = file_for(site, url)
    assert path.is_file(), f"no page at /{url} ({path})"
    return _parse(path, path.stat().st_mtime)


def file_for(site: Path, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return site / path


def html_pages(site: Path) -> list[str]:
    """Site URLs of every reader's HTML page ("", "cases/x/", "404.html"): not the search
    index's files, nor the editors' form at admin/ (tests/test_cms*.py, test_csp.py)."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "admin/")):
            continue
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


def internal_links(site: Path, url: str) -> list[tuple[str, str]]:
    """(attribute value, resolved site URL) for every same-site href/src on a page."""
    page = soup(site, url)
    base = "http://site.invalid/" + url
    links = []
    for tag in page.find_all(["a", "link", "script", "img", "form", "source"]):
        value = tag.get("href") or tag.get("src") or tag.get("action")
        if not value or value.startswith("#"):
            continue  # a fragment stays on the same page
        absolute = urljoin(base, value)
        parts = urlsplit(absolute)
        if parts.netloc != "site.invalid":
            continue
        links.append((value, parts.path.lstrip("/")))
    return links


def text(node) -> str:
    return " ".join(node.get_text(" ").split())
