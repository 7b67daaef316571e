"""The one URL authority. Every page, link, feed entry and canonical URL comes from here.

URLs are site-relative paths without a leading slash ("cases/x/"); a page links to
another through `relative()`, so the built site works under any base path and as a
static copy. Only canonical URLs and feeds are absolute, against the configured base URL.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

HOME = ""
SEARCH = "search/"
NOT_FOUND = "404.html"
CASES = "cases/"
CITIES = "cities/"
GOALS = "goals/"
THEMES = "themes/"
COUNTRIES = "countries/"
ATOM_FEED = "feed.xml"
JSON_FEED = "feed.json"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
MIRROR = "mirror.json"
SEARCH_INDEX = "pagefind"  # the folder of the search index (written by Pagefind)
NETLIFY_REDIRECTS = "_redirects"
CASES_JSON = "data/cases.json"
CASES_CSV = "data/cases.csv"
CITIES_JSON = "data/cities.json"
INDICATORS_CSV = "data/indicators.csv"


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def case(slug: str) -> str:
    return f"{CASES}{slug}/"


def city(slug: str) -> str:
    return f"{CITIES}{slug}/"


def goal(slug: str) -> str:
    return f"{GOALS}{slug}/"


def theme(slug: str) -> str:
    return f"{THEMES}{slug}/"


def country(code: str) -> str:
    return f"{COUNTRIES}{code.lower()}/"


def case_data(slug: str) -> str:
    return f"{case(slug)}index.json"


def atom_feed(page_url: str) -> str:
    """The Atom feed that follows a page's list of cases: "feed.xml", "goals/4-quality-education/feed.xml"."""
    return page_url + ATOM_FEED


def json_feed(page_url: str) -> str:
    return page_url + JSON_FEED


def sitemap_part(number: int) -> str:
    return f"sitemaps/{number}.xml"


def asset(name: str) -> str:
    return f"assets/{name}"


def schema(name: str) -> str:
    return f"schema/{name}.json"


def media(name: str) -> str:
    return f"media/{name}"


def output_file(url: str) -> str:
    """The file a URL is written to, relative to the output folder."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def root_prefix(url: str) -> str:
    """The relative path from the page at url back to the site root: "", "../", "../../"."""
    depth = url.count("/")
    return "../" * depth


def relative(from_url: str, to_url: str) -> str:
    """A link from one page to another that works under any base path."""
    target = root_prefix(from_url) + to_url
    return target or "./"


def absolute(base_url: str, url: str) -> str:
    return base_url + url


def base_path(base_url: str) -> str:
    """The path of the site's root on its original host: "/" or "/kb/"."""
    return urlsplit(base_url).path or "/"
