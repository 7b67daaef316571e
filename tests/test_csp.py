"""Every kind of page works under the Content-Security-Policy netlify.toml sends: a real
browser loads each one over HTTP with the shipped headers and reports no violation."""

from __future__ import annotations

import pytest

from httpserver import SiteServer, netlify_headers

PAGES = [
    "",
    "cases/songpa-smart-education-model/",
    "cities/seoul/",
    "goals/",
    "goals/4-quality-education/",
    "themes/lifelong-learning/",
    "countries/kr/",
    "search/?q=learning",
    "no-such-page/",  # the 404 page
]


@pytest.fixture(scope="module")
def server(real_site):
    with SiteServer(real_site, headers=netlify_headers()) as running:
        yield running


def test_the_policy_is_strict(server):
    policy = netlify_headers()["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("url", PAGES)
def test_page_loads_without_csp_violations(page, server, url):
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(server.url(url))
    assert response.headers.get("content-security-policy") == netlify_headers()["Content-Security-Policy"]
    page.wait_for_load_state("networkidle")
    if url.startswith("search/"):
        page.wait_for_selector("#search a[href*='cases/']", timeout=10_000)
    # A missing page answers 404 with our page; any other failed load is an error.
    violations = [text for text in problems if "Content Security Policy" in text or "Refused to" in text]
    assert not violations, violations
    unexpected = [text for text in problems if "404" not in text]
    assert not unexpected, unexpected
