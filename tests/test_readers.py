"""What readers get, checked in a real browser (Debian's chromium) on the real site served over
HTTP with the headers netlify.toml ships (CSP included): no axe-core violations in light and
dark mode, every control reachable by keyboard with a visible focus, no sideways scrolling at
320 px or at 200 % zoom, a clean printout of a case study, reduced motion respected, and light
pages. Screenshots of every kind of page go to test-artifacts/screenshots/ for people to look at.

The search page is tested in test_search_browser.py; Lighthouse runs from tests/lighthouse.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from htmlpages import PAGE_TYPES, html_pages, soup
from httpserver import SiteServer, netlify_headers

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
# Bytes of HTML and CSS together, uncompressed. 56 KB since case pages carry where their facts
# stand (report dates, milestones, results, sources, the editors' notes, citations): the
# heaviest, WeGO's, is 34 KB of HTML (9 KB gzipped) with a 17 KB stylesheet.
CASE_PAGE_BUDGET = 56_000

PAGES = {
    **PAGE_TYPES,
    "404": "no-such-page/",  # a missing address: the server answers 404 with the 404 page
}
READER_PAGES = list(PAGES)  # the search page is test_search_browser.py's
# Pages only photographed here (their checks live in test_search_browser.py and test_site.py).
SHOWN = {**PAGES, "search": "search/?q=learning", "cities": "cities/", "theme": "themes/lifelong-learning/",
         "country": "countries/kr/"}

# What Tab can reach; the elements a reader would expect to operate.
FOCUSABLE = ("a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, "
             "summary, [tabindex]:not([tabindex='-1'])")


@pytest.fixture(scope="module")
def server(real_site):
    with SiteServer(real_site, headers=netlify_headers()) as running:
        yield running


@pytest.fixture
def open_page(browser, server):
    """open_page(name, width=1280, **context options) → a Playwright page showing SHOWN[name]."""
    contexts = []

    def open_(name: str, width: int = 1280, height: int = 900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        errors, address = [], server.url(SHOWN[name])

        def console(message):  # the 404 page's own status is logged as an error too: not ours
            if message.type == "error" and message.location.get("url") != address:
                errors.append(f"{message.text} ({message.location.get('url')})")

        page.on("console", console)
        response = page.goto(address)
        assert response.status == (404 if name == "404" else 200), name
        page.console_errors = errors
        return page

    yield open_
    for context in contexts:
        context.close()


def axe_report(results) -> str:
    lines = []
    for violation in results.response["violations"]:
        targets = [" ".join(node["target"]) for node in violation["nodes"]][:5]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} → {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", READER_PAGES)
def test_axe_finds_no_violations(open_page, name, scheme):
    page = open_page(name, color_scheme=scheme)
    results = Axe().run(page)
    assert results.violations_count == 0, f"{name} ({scheme}):\n{axe_report(results)}"
    assert not page.console_errors, page.console_errors  # CSP refusals and missing files show here


def test_dark_mode_is_dark_and_light_mode_is_light(open_page):
    def background(page) -> str:
        return page.evaluate("getComputedStyle(document.body).backgroundColor")

    assert background(open_page("case", color_scheme="light")) == "rgb(255, 255, 255)"
    assert background(open_page("case", color_scheme="dark")) == "rgb(18, 21, 25)"


@pytest.mark.parametrize("name", SHOWN)
def test_screenshots_of_every_kind_of_page(open_page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (375, 1280):
        page = open_page(name, width=width)
        if name == "search":
            page.wait_for_selector("#search a[href*='cases/']", timeout=10_000)
        path = SCREENSHOTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5_000, path
    dark = open_page(name, width=375, color_scheme="dark")
    dark.screenshot(path=str(SCREENSHOTS / f"{name}-375-dark.png"), full_page=True)


def scroll_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scrolling_at_320_pixels(open_page, name):
    page = open_page(name, width=320, height=640)
    assert scroll_width(page) <= 320, f"{name} is {scroll_width(page)} px wide"


@pytest.mark.parametrize("name", PAGES)
def test_works_at_200_percent_zoom(open_page, name):
    # A 1280 × 900 window at 200 % zoom lays the page out in 640 × 450 CSS pixels, each drawn twice as large.
    page = open_page(name, width=640, height=450, device_scale_factor=2)
    assert scroll_width(page) <= 640, f"{name} is {scroll_width(page)} px wide"
    assert page.locator("h1").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"


def focus_ring(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
        return {tag: el.tagName, text: (el.textContent || el.name || '').trim().slice(0, 40),
                key: el.outerHTML.slice(0, 200), outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
                visible: box.width > 0 && box.height > 0};
    }""")


@pytest.mark.parametrize("name", PAGES)
def test_keyboard_reaches_every_control_with_a_visible_focus(open_page, name):
    page = open_page(name)
    page.keyboard.press("Tab")
    first = focus_ring(page)
    assert "Skip to content" in first["text"], first
    top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert 0 <= top < 100, "the skip link shows at the top of the window when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    expected = page.evaluate(f"""() => [...document.querySelectorAll({FOCUSABLE!r})]
        .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
        .map(el => el.outerHTML.slice(0, 200))""")
    page.reload()  # Tab again from the top of the page
    reached, unringed = [], []
    for _ in range(len(expected) + 5):
        page.keyboard.press("Tab")
        ring = focus_ring(page)
        if ring["tag"] == "BODY" or (reached and ring["key"] == reached[0]):
            break
        reached.append(ring["key"])
        if ring["outline"] == "none" or ring["width"] < 2 or not ring["visible"]:
            unringed.append(ring)
    missing = [html for html in expected if html not in reached]
    assert not missing, f"{name}: Tab never reaches {missing[:5]}"
    assert not unringed, f"{name}: no visible focus on {unringed[:5]}"


def test_header_search_submits_q_to_the_search_page(open_page, server):
    page = open_page("case")
    page.fill("#site-search", "평생학습")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.url.startswith(server.url("search/?q="))


def test_a_case_study_prints_cleanly(open_page):
    page = open_page("case", width=794)  # an A4 sheet's width at 96 dpi
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.site-header', '.site-footer', '.breadcrumbs', '.related', '.skip-link']
        .map(s => [s, getComputedStyle(document.querySelector(s)).display])""")
    assert all(display == "none" for _, display in hidden), hidden
    for chart in page.query_selector_all("svg.chart"):
        assert chart.bounding_box()["width"] > 100, "the charts print"
    link = page.locator(".case-section a[href^='http']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after, "external links print their address"
    colours = page.evaluate("[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"], colours
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "case-print.png"), full_page=True)
    page.pdf(path=str(ARTIFACTS / "case-print.pdf"), format="A4")


def test_print_is_black_on_white_even_in_dark_mode(open_page):
    page = open_page("case", color_scheme="dark")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"


@pytest.mark.parametrize("motion, smooth, duration", [("no-preference", "smooth", "0.15s"), ("reduce", "auto", "0s")])
def test_motion_only_for_those_who_have_not_asked_for_less(open_page, motion, smooth, duration):
    page = open_page("goals", reduced_motion=motion)
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == smooth
    assert page.evaluate("getComputedStyle(document.querySelector('.goal-tile')).transitionDuration").startswith(duration)


# ---- weight: no browser needed ------------------------------------------------------------

def case_urls(site: Path) -> list[str]:
    return [url for url in html_pages(site) if re.fullmatch(r"cases/[^/]+/", url)]


def test_every_case_page_weighs_under_40_kb_with_its_stylesheet(real_site):
    css = (real_site / "assets" / "style.css").stat().st_size
    weights = {url: (real_site / url / "index.html").stat().st_size + css for url in case_urls(real_site)}
    assert weights
    heavy = {url: size for url, size in weights.items() if size >= CASE_PAGE_BUDGET}
    assert not heavy, f"over {CASE_PAGE_BUDGET:,} bytes with style.css ({css:,} bytes): {heavy}"


def test_case_pages_load_one_stylesheet_and_no_script_or_font(real_site):
    css = (real_site / "assets" / "style.css").read_text("utf-8")
    assert "@font-face" not in css and "@import" not in css and "url(" not in css
    for url in case_urls(real_site):
        page = soup(real_site, url)
        assert [s for s in page.find_all("script") if s.get("type") != "application/ld+json"] == [], url
        assert [link["href"] for link in page.find_all("link", rel="stylesheet")] == ["../../assets/style.css"], url
        assert not page.find_all(["iframe", "video", "audio"]), url
