"""Search in a real browser: Debian's chromium, the real Pagefind index, over real HTTP."""

from __future__ import annotations

import pytest

from httpserver import SiteServer, netlify_headers

pytestmark = pytest.mark.browser

RESULT = ".pagefind-ui__result-link"


@pytest.fixture(scope="module")
def server(real_site):
    with SiteServer(real_site, headers=netlify_headers()) as running:
        yield running


def search(page, server, query: str) -> list[str]:
    page.goto(server.url("search/"))
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_selector(RESULT, timeout=10_000)
    return result_titles(page)


def result_titles(page) -> list[str]:
    page.wait_for_timeout(300)  # the UI debounces and renders results in batches
    return [link.inner_text() for link in page.query_selector_all(RESULT)]


def test_typing_a_query_shows_the_expected_case(page, server):
    titles = search(page, server, "Human Library")
    assert titles[0] == "Songpa Smart Education Model (SSEM)"


def test_a_query_in_the_address_is_searched(page, server):
    page.goto(server.url("search/?q=Soongsil"))
    page.wait_for_selector(RESULT, timeout=10_000)
    assert any("Seocho" in t or "AI" in t for t in result_titles(page))


def test_filtering_by_a_goal_narrows_the_results(page, server):
    everything = search(page, server, "programme")
    assert len(everything) >= 3
    page.click("label[for^='goal-17.']")  # the goal facet is open; its checkboxes are styled labels
    page.wait_for_timeout(800)
    filtered = result_titles(page)
    assert 0 < len(filtered) < len(everything)


def test_a_korean_word_finds_the_case(page, server):
    titles = search(page, server, "송파구")
    assert "Songpa Smart Education Model (SSEM)" in titles


def test_search_page_runs_under_the_shipped_csp_without_violations(page, server):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    search(page, server, "Sejong")
    violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert not violations, violations
