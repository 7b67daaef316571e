"""Feeds and the files crawlers read: Atom, JSON Feed, sitemap.xml and robots.txt.

URLs in feeds and sitemaps are absolute, against the site's base URL: readers and
crawlers fetch them from anywhere. An entry is formatted once per process and reused by
every feed that carries it (the all-cases feed, its goals', its city's).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from . import urls

SITEMAP_LIMIT = 50_000  # URLs in one sitemap file, by the protocol


@dataclass(frozen=True, slots=True)
class Entry:
    """A case as a feed shows it."""

    url: str  # site-relative
    title: str
    summary: str
    published: dt.date
    updated: dt.date
    place: str
    categories: tuple[str, ...]  # goals, then themes
    status: str | None = None  # as reported, with its date: "Last reported as ongoing, in January 2021"

    @property
    def text(self) -> str:
        """The summary, then the status as reported: a feed reader shows no other field."""
        return self.summary + (f"\n\nStatus: {self.status}." if self.status else "")


@dataclass(frozen=True, slots=True)
class Feed:
    title: str
    description: str
    page_url: str  # the HTML page the feed follows
    atom_url: str
    json_url: str


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(feed: Feed, entries: Sequence[Entry], base_url: str, site_title: str, language: str) -> str:
    updated = max((e.updated for e in entries), default=dt.date(2000, 1, 1))
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(language)}>\n'
        f"<title>{escape(feed.title)}</title>\n"
        f"<subtitle>{escape(feed.description)}</subtitle>\n"
        f"<id>{escape(base_url + feed.atom_url)}</id>\n"
        f'<link rel="self" type="application/atom+xml" href={quoteattr(base_url + feed.atom_url)}/>\n'
        f'<link rel="alternate" type="text/html" href={quoteattr(base_url + feed.page_url)}/>\n'
        f"<updated>{_stamp(updated)}</updated>\n"
        f"<author><name>{escape(site_title)}</name><uri>{escape(base_url)}</uri></author>\n"
    )
    return head + "".join(_atom_entry(e, base_url) for e in entries) + "</feed>\n"


@functools.lru_cache(maxsize=65536)
def _atom_entry(entry: Entry, base_url: str) -> str:
    link = base_url + entry.url
    categories = "".join(f"<category term={quoteattr(c)}/>" for c in entry.categories)
    return (
        f"<entry><title>{escape(entry.title)}</title>"
        f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>'
        f"<id>{escape(link)}</id>"
        f"<published>{_stamp(entry.published)}</published><updated>{_stamp(entry.updated)}</updated>"
        f"<summary>{escape(entry.summary)}</summary>"
        + (f'<content type="text">{escape(entry.text)}</content>' if entry.status else "")
        + f"{categories}</entry>\n"
    )


def json_feed(feed: Feed, entries: Sequence[Entry], base_url: str, language: str) -> str:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    head = json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "description": feed.description,
        "home_page_url": base_url + feed.page_url,
        "feed_url": base_url + feed.json_url,
        "language": language,
    }, ensure_ascii=False, indent=1)
    items = ",\n".join(_json_item(e, base_url) for e in entries)
    return head[:-2] + ',\n "items": [\n' + items + "\n ]\n}\n"


@functools.lru_cache(maxsize=65536)
def _json_item(entry: Entry, base_url: str) -> str:
    link = base_url + entry.url
    return json.dumps({
        "id": link, "url": link, "title": entry.title, "summary": entry.summary,
        "content_text": entry.text, "date_published": _stamp(entry.published),
        "date_modified": _stamp(entry.updated), "tags": list(entry.categories),
    }, ensure_ascii=False)


def sitemap(rows: Sequence[tuple[str, dt.date | None]], base_url: str) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, modified in rows:
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        lines.append(f"<url><loc>{escape(base_url + url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_index(parts: Iterable[str], base_url: str) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<sitemap><loc>{escape(base_url + url)}</loc></sitemap>" for url in parts]
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def robots(base_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}{urls.SITEMAP}\n"
