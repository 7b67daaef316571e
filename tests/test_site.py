"""The real content, built: every page exists and shows the right facts.

Expectations come from the content files, read here with plain PyYAML (not through the
generator), and from a few facts of the sources checked by name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from htmlpages import html_pages, soup, text

CASES = sorted((ROOT / "content" / "cases").glob("*.md"))
CITIES = sorted((ROOT / "content" / "cities").glob("*.md"))
SDGS = yaml.safe_load((ROOT / "cityedu_site" / "data" / "sdgs.yaml").read_text("utf-8"))
THEMES = yaml.safe_load((ROOT / "content" / "themes.yaml").read_text("utf-8"))


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---\n")[1])


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def goal_url(number: int) -> str:
    goal = SDGS[number - 1]
    return f"goals/{number}-{slugify(goal['title'])}/"


def amount_of(text_value: str) -> int:
    """"3,242 million" → 3242000000."""
    number = float(text_value.replace(",", "").split()[0])
    return int(round(number * 1_000_000)) if "million" in text_value else int(number)


def test_the_five_sources_are_all_case_studies():
    assert len(CASES) >= 5
    assert len(CITIES) >= 4


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_page_shows_its_facts(real_site, path):
    fm = front_matter(path)
    page = soup(real_site, f"cases/{path.stem}/")
    assert text(page.h1) == fm["title"]
    assert fm["summary"].split()[0] in text(page.select_one(".lead"))
    facts = page.select_one(".facts")
    city_link = facts.find("a", href=f"../../cities/{fm['city']}/")
    assert city_link is not None, "the facts panel links to the case's city"
    badges = {a["href"] for a in facts.select("a.sdg")}
    assert badges == {f"../../{goal_url(n)}" for n in fm["sdgs"]}
    themes = {a["href"] for a in facts.select(".tag-list a")}
    assert themes == {f"../../themes/{t}/" for t in fm.get("themes", [])}
    if fm.get("budget"):
        total = page.select_one(".budget-total data")
        assert int(float(total["value"])) == fm["budget"]["total"]
        amounts = [int(float(d["value"])) for d in page.select(".budget-sources td data")]
        assert amounts == [s["amount"] for s in fm["budget"].get("sources", [])]
    if fm.get("period", {}).get("status"):  # with the date it was reported ("Last reported as ongoing, in 2017")
        status = text(facts.select_one(".status"))
        assert fm["period"]["status"] in status.lower() and " reported " in f" {status.lower()} "
    sources = text(page.select_one("#sources-heading").parent)
    for source in fm["sources"]:
        assert source["publisher"] in sources
    for contact in fm.get("contacts", []):
        for key in ("email", "phone"):
            if contact.get(key):
                assert contact[key] in text(page), contact[key]


def test_songpa_budget_sources_add_up_to_its_total(real_site):
    page = soup(real_site, "cases/songpa-smart-education-model/")
    assert text(page.select_one(".budget-total")).startswith("KRW 3,242 million")
    rows = page.select(".budget-sources tbody tr")
    names = [text(r.th) for r in rows]
    amounts = [amount_of(text(r.select("td")[0])) for r in rows]
    assert len(rows) == 4 and sum(amounts) == 3_242_000_000
    assert amounts == [1_389_000_000, 703_000_000, 700_000_000, 450_000_000], names
    shares = [float(text(r.select("td")[1]).rstrip("%")) for r in rows]
    assert abs(sum(shares) - 100) < 0.2


def test_seoul_lists_its_districts_and_their_cases(real_site):
    page = soup(real_site, "cities/seoul/")
    links = {a["href"] for a in page.select(".cards .card-title a")}
    assert "../../cases/songpa-smart-education-model/" in links
    assert "../../cases/seocho-ai-masters-and-doctoral-talent/" in links
    assert "../../cases/seoul-masters-degree-for-foreign-civil-servants/" in links
    districts = text(page.select_one(".facts"))
    assert "Songpa-gu" in districts and "Seocho-gu" in districts


@pytest.mark.parametrize("path", CITIES, ids=lambda p: p.stem)
def test_city_page_shows_profile_facts_and_cases(real_site, path):
    fm = front_matter(path)
    page = soup(real_site, f"cities/{path.stem}/")
    assert fm["name"] in text(page.h1)
    if fm.get("name_local"):
        assert fm["name_local"] in text(page.h1)
    facts = text(page.select_one(".facts"))
    if fm.get("population"):
        assert f"{fm['population']:,}" in facts
    if fm.get("area_km2"):
        assert f"{fm['area_km2']} km²" in facts
    own = {c.stem for c in CASES if front_matter(c)["city"] == path.stem}
    listed = {a["href"].split("/")[-2] for a in page.select(".cards .card-title a")}
    assert own <= listed


def test_all_17_goal_pages_exist_with_their_cases(real_site):
    for goal in SDGS:
        page = soup(real_site, goal_url(goal["number"]))
        assert text(page.h1) == f"Goal {goal['number']}: {goal['title']}"
        expected = {c.stem for c in CASES if goal["number"] in front_matter(c)["sdgs"]}
        listed = {a["href"].split("/")[-2] for a in page.select(".cards .card-title a")}
        assert listed == expected, goal["number"]
    grid = soup(real_site, "goals/").select(".goal-tile")
    assert len(grid) == 17


def test_home_shows_latest_cases_goal_grid_cities_and_search(real_site):
    page = soup(real_site, "")
    assert len(page.select(".goal-grid .goal-tile")) == 17
    counts = {t["href"]: int(text(t.select_one(".goal-count")).split()[0]) for t in page.select(".goal-tile")}
    assert counts[goal_url(4)] == sum(1 for c in CASES if 4 in front_matter(c)["sdgs"])
    assert len(page.select("#latest-heading ~ .cards .card")) == min(6, len(CASES))
    assert page.select_one("form[role=search]")["action"] == "search/"
    assert {a["href"] for a in page.select(".city-list a")} == {f"cities/{c.stem}/" for c in CITIES}


def test_theme_and_country_pages(real_site):
    for slug in THEMES:
        page = soup(real_site, f"themes/{slug}/")
        expected = {c.stem for c in CASES if slug in front_matter(c).get("themes", [])}
        listed = {a["href"].split("/")[-2] for a in page.select(".cards .card-title a")}
        assert listed == expected, slug
    korea = soup(real_site, "countries/kr/")
    assert text(korea.h1) == "Republic of Korea"
    assert len(korea.select(".cards .card")) == len(CASES)


def test_every_page_has_lang_title_description_and_canonical(real_site):
    for url in html_pages(real_site):
        page = soup(real_site, url)
        assert page.html.get("lang") == "en", url
        assert page.title and text(page.title), url
        description = page.find("meta", attrs={"name": "description"})
        assert description and description["content"].strip(), url
        canonical = page.find("link", rel="canonical")
        assert canonical and canonical["href"].startswith("https://"), url
        assert canonical["href"].endswith("/" + url) or url == "", url
        assert len(page.find_all("h1")) == 1, url


def test_only_case_content_is_indexed_and_only_search_runs_scripts(real_site):
    for url in html_pages(real_site):
        page = soup(real_site, url)
        bodies = page.select("[data-pagefind-body]")
        if url.startswith("cases/") and url != "cases/":
            assert len(bodies) == 1 and bodies[0].name == "article", url
            assert not bodies[0].find_parent("header") and not bodies[0].select("nav"), url
        else:
            assert not bodies, url
        # Data blocks (JSON-LD) are not scripts a browser runs.
        scripts = [s for s in page.find_all("script") if s.get("type") != "application/ld+json"]
        if url == "search/":
            assert scripts
        else:
            assert not scripts, url


def test_json_schemas_are_published(real_site):
    import json

    case_schema = json.loads((real_site / "schema" / "case-study.json").read_text("utf-8"))
    assert set(case_schema["required"]) == {"title", "summary", "city", "sdgs", "published"}
    assert "songpa-gu" in case_schema["properties"]["city"]["enum"]
