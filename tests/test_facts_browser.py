"""What a reader sees of a fact's standing, in a real browser (Debian's chromium) over real HTTP
with the real Pagefind index: a status past the threshold reads "Last reported …" on the case
page, on a card and in a search result, and sorting by budget compares US dollar equivalents,
so a USD 5 million programme comes before a KRW 3 billion one (about USD 2.6 million)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import MINI_CASE, ROOT, Project, run_cli
from httpserver import SiteServer, netlify_headers
from searchui import SearchPage

pytestmark = pytest.mark.browser

BUILT_ON = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"


def case(title: str, extra: str) -> str:
    return (MINI_CASE.replace('title: "Test case"', f'title: "{title}"')
            .replace("published: 2024-01-01", "published: 2024-01-01\n" + extra.strip("\n")))


CASES = {
    "dollars": case("Dollar programme", "budget: {total: 5000000, currency: USD}"),
    "won": case("Won programme", """
reported: "2021-03"
period: {start: 2019, status: ongoing}
budget: {total: 3000000000, currency: KRW}
"""),
    "fresh": case("Fresh programme", "reported: 2025-09-01\nperiod: {start: 2024, status: ongoing}"),
    "nothing": case("Programme without a budget", ""),
}


@pytest.fixture(scope="module")
def facts_site(tmp_path_factory) -> Path:
    project = Project(tmp_path_factory.mktemp("facts") / "site")
    for slug, text in CASES.items():
        project.case(slug, text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(BUILT_ON.timestamp())))
        result = run_cli("build", "--root", str(project.root))
    assert result.code == 0, result.err
    return project.public


@pytest.fixture(scope="module")
def server(facts_site):
    with SiteServer(facts_site, headers=netlify_headers()) as running:
        yield running


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"facts-{name}.png"), full_page=True)


def test_the_case_page_says_last_reported(page, server):
    page.goto(server.url("cases/won/"))
    status = page.locator(".facts .status")
    assert status.inner_text() == "Last reported as ongoing, in March 2021"
    assert "status-stale" in status.get_attribute("class")
    assert page.locator(".facts .reported dd").inner_text() == "March 2021"
    assert page.locator(".facts .status + .note").inner_text() == ("Reported more than two years ago: the programme "
                                                                     "may have changed since.")
    assert page.locator("svg.timeline line.reported").count() == 1
    page.goto(server.url("cases/fresh/"))
    assert page.locator(".facts .status").inner_text() == "Ongoing, as reported in September 2025"
    shot(page, "case-fresh")


def test_a_card_says_last_reported(page, server):
    page.goto(server.url("cases/"))
    card = page.locator(".card", has_text="Won programme")
    assert card.locator(".status").inner_text() == "Last reported as ongoing, in March 2021"
    fresh = page.locator(".card", has_text="Fresh programme")
    assert fresh.locator(".status").inner_text() == "Ongoing, as reported in September 2025"
    shot(page, "cards")


def test_a_search_result_and_its_facet_say_last_reported(page, server):
    search = SearchPage(page, server).open()
    search.search("Won programme")
    result = page.locator("#search .result").first
    assert result.locator(".result-title").inner_text() == "Won programme"
    assert result.locator(".result-status").inner_text() == "Last reported as ongoing, in March 2021"
    search.search("")
    assert search.counts("status") == {"Last reported as ongoing": 1, "Ongoing": 1}
    assert search.tick("status", "Last reported as ongoing") == ["won"]


def test_sorting_by_budget_compares_dollars_across_currencies(page, server):
    search = SearchPage(page, server).open()
    by_budget = search.sort("budget")
    # KRW 3,000,000,000 is the larger raw number; at the 2021 rate it is about USD 2.6 million.
    assert by_budget[:2] == ["dollars", "won"]
    assert sorted(by_budget) == sorted(CASES)  # the cases without a budget are still listed, last
    budgets = page.eval_on_selector_all("#search .result", "items => items.map(i => "
                                        "(i.querySelector('.result-budget') || {}).textContent || '')")
    assert budgets[:2] == ["USD 5 million", "KRW 3,000 million (about USD 2.62 million)"]
    assert budgets[2:] == ["", ""]
    shot(page, "search-sorted-by-budget")
