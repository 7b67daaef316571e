"""Every kind of page works under the Content-Security-Policy netlify.toml sends: a real
browser loads each one over HTTP with the shipped headers and reports no violation. The
form at /admin/ has a policy of its own, which no other page gets."""

from __future__ import annotations

import pytest

from cmstools import DecapServer, project_copy
from httpserver import SiteServer, netlify_headers, netlify_headers_for

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


# ---- /admin/: the form has a policy of its own, and only it ----------------------------------

def test_only_admin_gets_the_forms_policy():
    """netlify.toml's rules as Netlify merges them (a later rule's header replaces an
    earlier one's): /admin/ gets the form's policy, every other page the site-wide one."""
    site_wide = netlify_headers()["Content-Security-Policy"]
    for url in [*PAGES, "assets/style.css", "pagefind/pagefind.js", "data/cases.json"]:
        assert netlify_headers_for("/" + url.split("?")[0])["Content-Security-Policy"] == site_wide, url
    admin = netlify_headers_for("/admin/")
    assert admin["Content-Security-Policy"] != site_wide
    assert netlify_headers_for("/admin/config.yml") == netlify_headers_for("/admin/decap-cms.js") == admin
    policy = admin["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy and "base-uri 'self'" in policy
    assert admin["Cross-Origin-Opener-Policy"] == "same-origin-allow-popups"  # GitHub's sign-in popup


def test_the_form_loads_under_its_policy(browser, real_site, tmp_path):
    """The real site's /admin/ as Netlify serves it, with decap-server as the backend on a
    copy of the project: the form comes up with no console error and no CSP violation."""
    problems: list[str] = []
    with SiteServer(real_site, headers_for=netlify_headers_for) as server, \
            DecapServer(project_copy(tmp_path / "site")) as backend:
        context = browser.new_context()
        page = context.new_page()
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        backend.serve_to(page)
        response = page.goto(server.url("admin/"))
        assert response.headers["content-security-policy"] == netlify_headers_for("/admin/")["Content-Security-Policy"]
        page.get_by_role("button", name="Login").click()
        page.get_by_text("Songpa Smart Education Model (SSEM)").wait_for()
        with page.expect_response(lambda r: r.url == server.url("assets/style.css")) as stylesheet:
            page.goto(server.url("admin/#/collections/cases/entries/songpa-smart-education-model"))
        assert stylesheet.value.ok  # the preview pane shows the entry in the site's own stylesheet
        page.get_by_text("Human Library").first.wait_for()
        context.close()
    assert problems == []
