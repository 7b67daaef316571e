"""Search in a real browser: Debian's chromium, the real Pagefind index, over real HTTP with the
shipped headers, through the search page's own UI (assets/search.js)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from httpserver import SiteServer, netlify_headers
from searchui import SearchPage

pytestmark = pytest.mark.browser

SONGPA = "songpa-smart-education-model"


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---", 2)[1])


CASES = {p.stem: front_matter(p) for p in sorted((ROOT / "content" / "cases").glob("*.md"))}
CITIES = {p.stem: front_matter(p) for p in sorted((ROOT / "content" / "cities").glob("*.md"))}


def cases_where(test) -> set[str]:
    return {slug for slug, case in CASES.items() if test(case)}


def city_names(case: dict) -> set[str]:
    """The city filter values of a case: its city and, for a district, its metropolitan city."""
    city = CITIES[case["city"]]
    return {city["name"]} | ({CITIES[city["parent"]]["name"]} if city.get("parent") else set())


@pytest.fixture(scope="module")
def server(real_site):
    with SiteServer(real_site, headers=netlify_headers()) as running:
        yield running


@pytest.fixture(scope="module")
def reader(browser):
    """One browser tab for the tests that only read: it keeps Pagefind's files in its cache."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def search(reader, server) -> SearchPage:
    return SearchPage(reader, server).open()


def test_typing_a_query_shows_the_expected_case_first(search):
    assert search.search("Human Library", press_enter=False)[0] == SONGPA
    result = search.page.locator("#search .result").first
    assert result.locator(".result-place").inner_text() == "Songpa-gu, Seoul · Republic of Korea"
    # The summary comes from the page's metadata, not from Pagefind's excerpt.
    assert result.locator(".result-summary").inner_text() == CASES[SONGPA]["summary"]
    assert "4. Quality Education" in result.locator(".result-goals").inner_text()
    assert result.locator(".result-status").inner_text() == "Last reported as ongoing, in January 2021"
    assert result.locator(".result-budget").inner_text() == "KRW 3,242 million (about USD 2.83 million)"


def test_a_query_in_the_address_is_searched(reader, server):
    search = SearchPage(reader, server).open("?q=Soongsil")
    assert search.results() == ["seocho-ai-masters-and-doctoral-talent"]
    assert reader.input_value("#search-input") == "Soongsil"
    assert search.status() == "1 result for “Soongsil”"


def test_without_a_query_every_case_is_listed(search):
    assert sorted(search.results()) == sorted(CASES)
    assert search.status() == f"{len(CASES)} results: all case studies"


def test_choices_within_a_facet_are_alternatives(search):
    only_3 = search.tick("goal", "3")
    assert set(only_3) == cases_where(lambda c: 3 in c["sdgs"])
    both = search.tick("goal", "9")
    assert set(both) == cases_where(lambda c: 3 in c["sdgs"] or 9 in c["sdgs"])
    assert len(both) > len(only_3)


def test_choices_across_facets_must_all_hold(search):
    search.tick("goal", "4")
    results = search.tick("city", "Seoul")
    expected = cases_where(lambda c: 4 in c["sdgs"] and "Seoul" in city_names(c))
    assert set(results) == expected and 0 < len(expected) < len(cases_where(lambda c: 4 in c["sdgs"]))


def test_facet_counts_say_what_a_choice_would_give(search):
    search.tick("goal", "4")
    goal_4 = cases_where(lambda c: 4 in c["sdgs"])
    # Another facet counts within the results: goal 4's cases in each city.
    cities = search.counts("city")
    for name in ("Seoul", "Sejong", "Songpa-gu", "Seocho-gu"):
        assert cities[name] == len({s for s in goal_4 if name in city_names(CASES[s])}), name
    # The ticked facet counts without its own choices, so ticking goal 9 as well adds what it says.
    goals = search.counts("goal")
    assert goals["4. Quality Education"] == len(goal_4)
    assert goals["9. Industry, Innovation and Infrastructure"] == len(cases_where(lambda c: 9 in c["sdgs"]))
    # With words: only the cases that match them count.
    search.search("평생학습")
    assert search.counts("goal")["4. Quality Education"] == 2
    assert search.counts("city")["Sejong"] == 1 and search.counts("city")["Seoul"] == 1


def test_sorting_keeps_cases_without_a_budget_or_a_start(search):
    unsorted = search.results()
    by_budget = search.sort("budget")
    assert sorted(by_budget) == sorted(unsorted)  # Pagefind drops pages without the sort key (#259)
    budgets = [CASES[s].get("budget", {}).get("total", 0) for s in by_budget]
    assert budgets == sorted(budgets, reverse=True) and budgets[0] > 0
    newest = search.sort("newest")
    assert sorted(newest) == sorted(unsorted)
    starts = [str((CASES[s].get("period") or {}).get("start") or "0")[:4] for s in newest]
    assert starts == sorted(starts, reverse=True)
    assert not (CASES[newest[-1]].get("period") or {}).get("start")  # the case without a start comes last
    # With words too.
    search.sort("")
    with_words = search.search("learning")
    assert 0 < len(with_words) < len(unsorted)
    assert sorted(search.sort("budget")) == sorted(with_words)


def test_the_address_holds_the_search_and_brings_it_back(reader, server):
    page = reader
    search = SearchPage(page, server).open()
    search.search("education")
    search.tick("goal", "4")
    search.tick("city", "Seoul")
    clicked = search.sort("budget")
    assert search.address() == {"q": ["education"], "goal": ["4"], "city": ["Seoul"], "sort": ["budget"]}

    shared = page.url
    page.goto("about:blank")
    again = SearchPage(page, server)
    page.goto(shared)
    again._wait_for(1)
    assert again.results() == clicked
    assert page.input_value("#search-input") == "education"
    assert page.is_checked("#search input[name='goal'][value='4']")
    assert page.is_checked("#search input[name='city'][value='Seoul']")
    assert page.input_value("#search-sort") == "budget"
    again.tick("goal", "11")
    assert again.address()["goal"] == ["4", "11"]


def test_the_header_search_on_any_page_leads_to_results(reader, server):
    page = reader
    page.goto(server.url(f"cases/{SONGPA}/"))
    page.fill("#site-search", "Soongsil")
    page.press("#site-search", "Enter")
    search = SearchPage(page, server)
    search._wait_for(1)
    assert search.results() == ["seocho-ai-masters-and-doctoral-talent"]


def test_facets_work_from_the_keyboard_with_a_visible_focus(search):
    page = search.page
    page.focus("#search input[name='goal'][value='3']")
    page.keyboard.press("Tab")  # the next goal
    focused = page.evaluate("document.activeElement.name + '=' + document.activeElement.value")
    assert focused == "goal=4"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    done = search.searches()
    page.keyboard.press("Space")
    search._wait_for(done + 1)
    assert search.address()["goal"] == ["4"]
    assert set(search.results()) == cases_where(lambda c: 4 in c["sdgs"])


def test_the_search_page_passes_axe_with_results(search):
    from axe_playwright_python.sync_playwright import Axe

    search.search("learning")
    search.tick("goal", "4")
    results = Axe().run(search.page)
    assert results.violations_count == 0, results.generate_report()


def test_search_page_runs_under_the_shipped_csp_without_violations(page, server):
    messages, violations = [], []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    page.expose_function("reportViolation", lambda directive: violations.append(directive))
    page.add_init_script("document.addEventListener('securitypolicyviolation',"
                         " (event) => window.reportViolation(event.violatedDirective))")
    search = SearchPage(page, server).open("?q=Sejong")
    search.tick("goal", "4")
    search.sort("newest")
    refused = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert not refused and not violations, (refused, violations)
    assert not [m for m in messages if "error" in m.lower()], messages


def test_search_works_under_a_base_path(real_site, browser):
    context = browser.new_context()
    page = context.new_page()
    try:
        with SiteServer(real_site, prefix="/kb/", headers=netlify_headers()) as server:
            search = SearchPage(page, server).open("?q=Soongsil")
            assert search.results() == ["seocho-ai-masters-and-doctoral-talent"]
            link = page.get_attribute("#search .result-title a", "href")
            assert link.startswith("/kb/cases/")
            page.click("#search .result-title a")
            assert page.url == server.url("cases/seocho-ai-masters-and-doctoral-talent/")
    finally:
        context.close()


def test_without_javascript_the_browse_links_remain(real_site, browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server.url("search/"))
        assert not page.is_visible("#search")
        links = page.eval_on_selector_all("noscript a", "links => links.map(a => a.getAttribute('href'))")
        assert links == ["../goals/", "../cities/", "../themes/", "../countries/"]
    finally:
        context.close()
