"""What networks and aggregators rely on: the site works under any base path and as a
`wget --mirror` copy, its feeds, sitemap and data files are valid and complete, renamed
cases keep their old addresses, and mirror.json describes every published file."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from conftest import MINI_CASE, ROOT, run_cli
from htmlpages import html_pages, soup
from httpserver import SiteServer

CASES = sorted(p.stem for p in (ROOT / "content" / "cases").glob("*.md"))
CITIES = sorted(p.stem for p in (ROOT / "content" / "cities").glob("*.md"))


@pytest.fixture(scope="module")
def kb_site(tmp_path_factory) -> Path:
    """The real content built for a host that serves it under /kb/."""
    output = tmp_path_factory.mktemp("kb") / "public"
    result = run_cli("build", "--root", str(ROOT), "--output", str(output), "--base-url", "https://example.org/kb/")
    assert result.code == 0, result.err
    return output


def crawl(start: str) -> tuple[dict[str, int], int]:
    """Fetch every same-site URL reachable from start over HTTP: {url: status}, pages parsed."""
    host = urlsplit(start).netloc
    seen: dict[str, int] = {}
    queue, parsed = [start], 0
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                seen[url], body, kind = response.status, response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            seen[url] = error.code
            continue
        if kind != "text/html":
            continue
        parsed += 1
        for tag in BeautifulSoup(body, "html.parser").find_all(["a", "link", "script", "img", "source", "form"]):
            value = tag.get("href") or tag.get("src") or tag.get("action")
            if not value or value.startswith("#"):
                continue
            target = urljoin(url, value).split("#")[0]
            if urlsplit(target).netloc == host:
                queue.append(target)
    return seen, parsed


def assert_all_found(seen: dict[str, int], parsed: int) -> None:
    missing = sorted(url for url, status in seen.items() if status != 200)
    assert not missing, missing
    assert parsed >= 40  # every page, not only the home page


def test_under_a_base_path_every_link_resolves(kb_site):
    with SiteServer(kb_site, prefix="/kb/") as server:
        seen, parsed = crawl(server.url())
        assert_all_found(seen, parsed)
        assert server.url("search/") in seen and server.url("pagefind/pagefind.js") in seen
        assert server.url("data/cases.json") in seen and server.url("feed.xml") in seen
        # The 404 page is served at any depth: its links lead back into /kb/.
        missing = server.url("cases/no-such-case/deeper/")
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(missing, timeout=10)
        page = BeautifulSoup(error.value.read(), "html.parser")
        for link in page.select("a[href], link[href]"):
            if link["href"].startswith("#"):
                continue
            target = urljoin(missing, link["href"])
            if urlsplit(target).netloc == urlsplit(missing).netloc:
                assert urlsplit(target).path.startswith("/kb/"), link["href"]
                with urllib.request.urlopen(target, timeout=10) as response:
                    assert response.status == 200


def test_a_wget_mirror_works_from_another_folder(kb_site, tmp_path):
    copy = tmp_path / "copy"
    with SiteServer(kb_site, prefix="/kb/") as server:
        subprocess.run(["wget", "--mirror", "--no-parent", "--no-host-directories", "--cut-dirs=1",
                        "--quiet", "--tries=3", "-e", "robots=off", "--directory-prefix", str(copy), server.url()], check=False, timeout=300)
    assert (copy / "index.html").is_file() and (copy / "cases" / CASES[0] / "index.html").is_file()
    with SiteServer(copy, prefix="/partners/cityedu/") as mirror:
        seen, parsed = crawl(mirror.url())
        assert_all_found(seen, parsed)


def test_canonical_urls_and_licence_point_at_the_original(kb_site):
    for url in html_pages(kb_site):
        page = soup(kb_site, url)
        if page.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        assert page.find("link", rel="canonical")["href"] == "https://example.org/kb/" + url, url
        assert page.find("link", rel="license")["href"].startswith("https://creativecommons.org/"), url
        assert page.find("meta", property="og:url")["content"] == "https://example.org/kb/" + url, url


def test_feeds_parse_and_carry_every_case(real_site):
    atom = feedparser.parse((real_site / "feed.xml").read_bytes())
    assert not atom.bozo, atom.bozo_exception
    links = {entry.link for entry in atom.entries}
    assert links == {f"https://cityedu.netlify.app/cases/{slug}/" for slug in CASES}
    for entry in atom.entries:
        assert entry.title and entry.summary and entry.published_parsed and entry.id == entry.link
    feed = json.loads((real_site / "feed.json").read_text("utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert {item["url"] for item in feed["items"]} == links
    for item in feed["items"]:  # what JSON Feed 1.1 requires of an item
        assert item["id"] and (item.get("content_text") or item.get("content_html"))


@pytest.mark.parametrize("folder", ["goals/4-quality-education/", "cities/seoul/", "cities/sejong/"])
def test_goal_and_city_feeds_carry_the_cases_their_page_lists(real_site, folder):
    page = soup(real_site, folder)
    listed = {urljoin("https://cityedu.netlify.app/" + folder, a["href"]) for a in page.select(".card-title a")}
    assert listed
    atom = feedparser.parse((real_site / folder / "feed.xml").read_bytes())
    assert not atom.bozo
    assert {entry.link for entry in atom.entries} == listed
    assert page.find("link", type="application/atom+xml")
    items = json.loads((real_site / folder / "feed.json").read_text("utf-8"))["items"]
    assert {item["url"] for item in items} == listed


def test_sitemap_is_valid_and_lists_every_page(real_site):
    schema = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "data" / "sitemap.xsd")))
    document = etree.parse(str(real_site / "sitemap.xml"))
    assert schema.validate(document), schema.error_log
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in document.findall(".//s:loc", namespace)}
    expected = {"https://cityedu.netlify.app/" + url for url in html_pages(real_site)
                if url != "404.html" and not soup(real_site, url).find("meta", attrs={"name": "robots"})}
    assert listed == expected
    assert "Sitemap: https://cityedu.netlify.app/sitemap.xml" in (real_site / "robots.txt").read_text("utf-8")


def test_case_json_ld_names_the_city_and_its_goals(real_site):
    page = soup(real_site, "cases/songpa-smart-education-model/")
    blocks = page.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    data = json.loads(blocks[0].string)
    assert data["@type"] == "Article" and data["headline"].startswith("Songpa Smart Education Model")
    assert data["spatialCoverage"]["name"] == "Songpa-gu"
    assert data["spatialCoverage"]["containedInPlace"]["name"] == "Seoul"
    assert [goal["termCode"] for goal in data["about"]] == ["4"]
    assert "Quality Education" in data["about"][0]["name"]
    city = json.loads(soup(real_site, "cities/songpa-gu/").find("script", type="application/ld+json").string)
    assert city["name"] == "Songpa-gu" and city["alternateName"] == "송파구"
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert og["og:type"] == "article" and og["og:title"].startswith("Songpa Smart Education Model")


def _json_values(value):
    """Front matter as JSON carries it: dates and bare years as ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_values(v) for v in value]
    return value


def partial_dates(front: dict):
    """(record, key) of every field that holds a partial date (a year, "YYYY-MM" or a day)."""
    yield front, "reported"
    yield front.get("period", {}), "start"
    yield front.get("period", {}), "end"
    for field, keys in (("milestones", ("date", "end")), ("indicators", ("date",)), ("sources", ("date",))):
        for item in front.get(field, ()):
            yield from ((item, key) for key in keys)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---\n")[1])


def test_cases_json_round_trips_the_front_matter(real_site):
    data = json.loads((real_site / "data" / "cases.json").read_text("utf-8"))
    assert data["schema_version"] == 1
    records = {record["slug"]: record for record in data["cases"]}
    assert sorted(records) == CASES
    for slug in CASES:
        expected = _json_values(front_matter(ROOT / "content" / "cases" / f"{slug}.md"))
        for record, key in partial_dates(expected):  # a bare year is a partial date, written as text
            if isinstance(record.get(key), int):
                record[key] = str(record[key])
        record = records[slug]
        for key, value in expected.items():
            assert record[key] == value, (slug, key)
        single = json.loads((real_site / "cases" / slug / "index.json").read_text("utf-8"))
        assert single["case"] == record
        assert single["body_markdown"].lstrip().startswith("## ")


def test_cases_csv_and_cities_json(real_site):
    with (real_site / "data" / "cases.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert sorted(row["slug"] for row in rows) == CASES
    songpa = next(row for row in rows if row["slug"] == "songpa-smart-education-model")
    assert songpa["budget_total"] == "3242000000" and songpa["sdgs"] == "4"
    assert songpa["city_name"] == "Songpa-gu" and songpa["parent_city"] == "seoul"
    assert "National budget: 703000000" in songpa["budget_sources"]
    cities = json.loads((real_site / "data" / "cities.json").read_text("utf-8"))["cities"]
    assert sorted(c["slug"] for c in cities) == CITIES
    seoul = next(c for c in cities if c["slug"] == "seoul")
    assert seoul["case_count"] >= 3 and seoul["country"] == "KR"


def test_mirror_json_lists_every_published_file(real_site):
    listing = json.loads((real_site / "mirror.json").read_text("utf-8"))
    assert listing["site"] == "https://cityedu.netlify.app/" and listing["built"].endswith("Z")
    files = {entry["path"]: entry for entry in listing["files"]}
    on_disk = {p.relative_to(real_site).as_posix() for p in real_site.rglob("*") if p.is_file()}
    assert set(files) == on_disk - {"mirror.json", ".cityedu-site"}
    assert any(path.startswith("pagefind/") for path in files)
    for path, entry in files.items():
        data = (real_site / path).read_bytes()
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest(), path


def test_a_renamed_case_keeps_its_old_address(project):
    project.case("new-name", MINI_CASE.replace("sdgs: [4]", "sdgs: [4]\naliases: [old-name, older-name]"))
    result = project.build("--base-url", "https://example.org/kb/")
    assert result.code == 0, result.err
    page = BeautifulSoup((project.public / "cases" / "old-name" / "index.html").read_text("utf-8"), "html.parser")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh.startswith("0; url=")
    assert urljoin("https://example.org/kb/cases/old-name/", refresh[len("0; url="):]) == \
        "https://example.org/kb/cases/new-name/"
    assert page.find("link", rel="canonical")["href"] == "https://example.org/kb/cases/new-name/"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    redirects = (project.public / "_redirects").read_text("utf-8").splitlines()
    assert "/kb/cases/old-name/ /kb/cases/new-name/ 301!" in redirects
    assert "/kb/cases/older-name/ /kb/cases/new-name/ 301!" in redirects
    sitemap = (project.public / "sitemap.xml").read_text("utf-8")
    assert "cases/new-name/" in sitemap and "old-name" not in sitemap


def test_an_alias_cannot_take_another_cases_address(project):
    project.case("first", MINI_CASE)
    project.case("second", MINI_CASE.replace("sdgs: [4]", "sdgs: [4]\naliases: [first]"))
    project.case("third", MINI_CASE.replace("sdgs: [4]", "sdgs: [4]\naliases: [Old_Name]"))
    result = project.check()
    assert result.code == 1
    assert "content/cases/second.md:6:10: aliases: 'first' is the slug of content/cases/first.md" in result.err
    assert "content/cases/third.md:6:" in result.err and "lowercase letters, digits" in result.err

