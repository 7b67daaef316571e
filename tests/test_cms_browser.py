"""The form at /admin/, as an editor uses it: the real Decap CMS in Chromium, served as
Netlify serves it (its own Content-Security-Policy), writing files through decap-server
into a copy of the project. A case made in the form passes `check` and builds into a page
that shows what was entered; saving a real case changes only what the editor changed."""

from __future__ import annotations

import re

import pytest

from cityedu_site.cms import fmt
from cmstools import DecapServer, choose, field, project_copy, publish, sign_in
from conftest import ROOT, run_cli
from httpserver import SiteServer, netlify_headers_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = ROOT / "test-artifacts" / "cms"
REAL_CASES = sorted(p.stem for p in (ROOT / "content" / "cases").glob("*.md"))


@pytest.fixture(scope="module")
def cms(tmp_path_factory):
    """(project folder, HTTP server of its build, decap-server writing into it)."""
    root = project_copy(tmp_path_factory.mktemp("cms") / "site")
    with SiteServer(root / "public", headers_for=netlify_headers_for) as server, DecapServer(root) as backend:
        built = run_cli("build", "--root", str(root), "--no-search", "--base-url", server.base)
        assert built.code == 0, built.err
        yield root, server, backend


@pytest.fixture
def editor(browser, cms):
    """A signed-in page of the form, recording console errors and CSP violations."""
    root, server, backend = cms
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    context.set_default_timeout(60_000)  # 7 MB of JavaScript to parse, on a busy 2-core machine
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    backend.serve_to(page)
    sign_in(page, server.url("admin/"))
    yield page
    context.close()


def test_the_form_loads_under_its_policy_without_errors(editor, cms):
    root, server, backend = cms
    response = editor.goto(server.url("admin/"))
    assert response.headers["content-security-policy"] == netlify_headers_for("/admin/")["Content-Security-Policy"]
    editor.get_by_text("Case studies").first.wait_for()
    editor.get_by_text("Songpa Smart Education Model (SSEM)").wait_for()
    editor.goto(server.url("admin/#/collections/cities"))
    editor.get_by_text("Songpa-gu").first.wait_for()
    assert editor.errors == []


def test_a_case_made_in_the_form_passes_check_and_shows_what_was_entered(editor, cms):
    root, server, backend = cms
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    editor.goto(server.url("admin/#/collections/cases/new"))
    field(editor, "Title").fill("Lifelong learning vouchers in Songpa")
    field(editor, "Summary").fill("Songpa-gu gives residents vouchers for courses of their choice.")
    choose(editor, "City", "Songpa")
    choose(editor, "Sustainable Development Goals", "4 ·")
    choose(editor, "Sustainable Development Goals", "10 ·")
    field(editor, "Published").fill("2026-11-20")
    editor.mouse.wheel(0, -5000)
    editor.screenshot(path=ARTIFACTS / "form-case-top.png")  # CONTRIBUTING.md's pictures (docs/images/)
    field(editor, "Total amount").fill("3000000")
    choose(editor, "Currency", "KRW ·")
    editor.get_by_role("button", name="Add sources").first.click()
    field(editor, "Name").fill("District budget")
    field(editor, "Amount").fill("1000000")
    editor.get_by_role("button", name="Add sources").first.click()
    field(editor, "Name").fill("National budget")
    field(editor, "Amount").fill("2000000")
    field(editor, "Total amount").scroll_into_view_if_needed()
    editor.screenshot(path=ARTIFACTS / "form-budget.png")
    editor.get_by_role("button", name="Add contacts").click()
    field(editor, "Name").fill("Kim Min-ji")
    field(editor, "Role").fill("Lifelong learning officer")
    field(editor, "Email").fill("minji@example.org")
    editor.get_by_role("button", name="Add sources").last.click()
    field(editor, "Publisher").fill("Songpa-gu Office")
    editor.screenshot(path=ARTIFACTS / "form-sources.png")
    publish(editor)

    path = root / "content" / "cases" / "lifelong-learning-vouchers-in-songpa.md"
    assert path.exists(), sorted(p.name for p in path.parent.iterdir())
    checked = run_cli("check", "--root", str(root))
    assert checked.code == 0 and path.name not in checked.err, checked.err  # (the real cases may warn)
    assert fmt.format_file(path, "case", root).changed is False, "the form wrote what fmt writes"
    built = run_cli("build", "--root", str(root), "--no-search", "--base-url", server.base)
    assert built.code == 0, built.err
    html = (root / "public" / "cases" / "lifelong-learning-vouchers-in-songpa" / "index.html").read_text("utf-8")
    for shown in ("Lifelong learning vouchers in Songpa", "Songpa-gu gives residents vouchers",
                  "Songpa-gu", "Quality Education", "Reduced Inequalities", "KRW 3 million",
                  "District budget", "National budget", "Kim Min-ji", "minji@example.org",
                  "Songpa-gu Office", "Background"):
        assert shown in html, shown
    assert editor.errors == []


@pytest.mark.parametrize("slug", REAL_CASES)
def test_saving_a_real_case_changes_only_what_was_changed(editor, cms, slug):
    root, server, backend = cms
    path = root / "content" / "cases" / f"{slug}.md"
    before = path.read_text("utf-8")
    editor.goto(server.url(f"admin/#/collections/cases/entries/{slug}"))
    title = field(editor, "Title", 0)  # (sources and links have titles too)
    original = title.input_value()
    title.fill(original + " (edited)")  # a change and its undoing leave nothing to save
    title.fill(original)
    editor.get_by_text("Changes saved").wait_for()
    # Saving writes the whole front matter again: everything but the title comes out as it was.
    title.fill(original + " (edited)")
    publish(editor)
    after = path.read_text("utf-8")
    old_title, rest_before = title_block(before)
    new_title, rest_after = title_block(after)
    assert rest_after == rest_before, "a line other than the title's changed"
    assert new_title != old_title and "(edited)" in new_title
    assert fmt.format_file(path, "case", root).changed is False, "the form wrote what fmt writes"
    path.write_text(before, "utf-8")
    assert editor.errors == []


def title_block(text: str) -> tuple[str, str]:
    """The lines of the `title:` field (a long title folds onto indented lines), and the rest."""
    match = re.search(r"^title: .*\n(?:  .*\n)*", text, re.M)
    return match.group(), text[:match.start()] + text[match.end():]
