"""The Jinja environment and the filters templates format values with.

Autoescaping is on for every template. Templates receive `site` (settings), `page` (the
Page) and the page's context; links go through the `rel` filter so they stay relative.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.meta
from markupsafe import Markup

from . import citation, csvfiles, exports, feeds, korean, markdown, urls
from .config import SiteInfo
from .content import read_body
from .model import MONTHS, Case, fingerprint
from .pages import Page
from .recent import Recent


def template_digests(templates_dir: Path) -> dict[str, str]:
    """Each template's digest, of its text and of every template it extends, includes or
    imports (a page records the one its template has: editing case.html remakes case pages)."""
    sources = {path.relative_to(templates_dir).as_posix(): path.read_text("utf-8")
               for path in sorted(templates_dir.rglob("*")) if path.is_file()} if templates_dir.is_dir() else {}
    env = jinja2.Environment()
    uses: dict[str, set[str]] = {}
    for name, text in sources.items():
        try:
            found = set(jinja2.meta.find_referenced_templates(env.parse(text)))
        except jinja2.TemplateSyntaxError:
            found = {None}
        # A name worked out at render time could be any template.
        uses[name] = set(sources) if None in found else {n for n in found if n in sources}
    digests = {}
    for name in sources:
        seen, todo = {name}, [name]
        while todo:
            for other in uses[todo.pop()] - seen:
                seen.add(other)
                todo.append(other)
        digests[name] = fingerprint(*(f"{n}\x00{sources[n]}" for n in sorted(seen)))
    return digests


def make_environment(templates_dir: Path, cards: Recent[str], used: set[str]) -> jinja2.Environment:
    """used: the templates code (not a template's own extends, include or import) rendered
    for the page being rendered, so that the page can record them."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a change to the templates makes a new environment (see builder.py)
    )
    env.filters.update(rel=rel, money=money, amount=amount, date=format_date, number=number,
                       percent=percent, text_colour=text_colour, count_cases=count_cases)
    env.globals.update(absolute=urls.absolute, urls=urls, card_html=_card_renderer(env, cards, used),
                       json_ld_case=exports.json_ld_case, json_ld_city=exports.json_ld_city)
    env.globals.update(korean_index=korean.index_text, korean_particles=korean.particle_rules,
                       citations=citation.citations)
    return env


CARD_TEMPLATE = "_card.html"
# Stand for the page's way back to the site root, and the card's heading level, in HTML
# rendered once and used on many pages.
_ROOT_MARK = "\x1broot\x1b"
_HEADING_MARK = "\x1bheading\x1b"


def _card_renderer(env: jinja2.Environment, rendered: Recent[str], used: set[str]):
    """A case card appears on many lists: render it once, then reuse it."""

    def card_html(card, heading: str, root: str) -> Markup:
        used.add(CARD_TEMPLATE)
        html = rendered.get(card.digest, lambda: env.get_template(CARD_TEMPLATE).render(
            card=card, heading=_HEADING_MARK, root=_ROOT_MARK))
        # The HTML comes from an autoescaped template; root is "", "../", "../../"…; heading h2 or h3.
        return Markup(html.replace(_ROOT_MARK, root).replace(_HEADING_MARK, heading))

    return card_html


@dataclass(slots=True)
class Renderer:
    """What renders pages in one process: the templates, the cards' HTML and the data-export
    lines already made (serve rewrites cases.json after every edit; only the edited case's
    line is new). What a whole build did not use is forgotten at the next (next_build)."""

    env: jinja2.Environment
    cards: Recent[str]
    records: exports.Records
    used: set[str]  # templates code rendered for the page being rendered (see make_environment)

    def next_build(self) -> None:
        self.cards.next_build()
        self.records.next_build()


def make_renderer(templates_dir: Path) -> Renderer:
    cards: Recent[str] = Recent()
    used: set[str] = set()
    return Renderer(make_environment(templates_dir, cards, used), cards, exports.Records(), used)


def render_page(renderer: Renderer, page: Page, info: SiteInfo, root_dir: Path) -> tuple[str | bytes, set[str]]:
    """The page's text, and the templates it was rendered with (its template's own
    extends, includes and imports aside: template_digests follows those)."""
    renderer.used.clear()
    return _render(renderer, page, info, root_dir), {page.template, *renderer.used} if page.is_html else set()


def _render(renderer: Renderer, page: Page, info: SiteInfo, root_dir: Path) -> str | bytes:
    body = ""
    if page.body_of is not None:
        entity = page.body_of
        body = read_body(root_dir, entity.path, "case" if isinstance(entity, Case) else "city", entity.digest)
    context = page.context
    if not page.is_html:
        return render_data(page.template, context, info, body, renderer.records)
    # Markdown rendered with raw HTML off; its links were checked in phase 1.
    body_html = markdown.shared_renderer().render(body) if page.body_of is not None else ""
    root = page.link_base if page.link_base is not None else urls.root_prefix(page.url)
    return renderer.env.get_template(page.template).render(page=page, site=info, root=root, body_html=body_html,
                                                           **context)


def render_data(template: str, context: dict, info: SiteInfo, body: str, records: exports.Records) -> str | bytes:
    """Feeds, sitemaps and data exports: formatted by code, not templates (the big listings
    come as UTF-8 bytes, joined from lines kept from the previous build)."""
    base = info.base_url
    match template:
        case "atom":
            return feeds.atom(context["feed"], context["entries"], base, info.title, info.language)
        case "jsonfeed":
            return feeds.json_feed(context["feed"], context["entries"], base, info.language)
        case "sitemap":
            return feeds.sitemap(context["rows"], base)
        case "sitemap-index":
            return feeds.sitemap_index(context["parts"], base)
        case "robots":
            return feeds.robots(base)
        case "cases.json":
            return exports.cases_json(records.json_lines(context["cases"], _listing(context, base)), base)
        case "cases.csv":
            return csvfiles.cases_csv(records.csv_lines(context["cases"], _listing(context, base)))
        case "indicators.csv":
            return csvfiles.indicators_csv(context["cases"], _listing(context, base), context["themes"])
        case "cities.json":
            counts = context["counts"]
            return exports.cities_json((exports.city_record(c, counts[c.slug], base)
                                        for c in context["cities"].values()), base)
        case "case.json":
            case = context["case"]
            record = exports.case_record(case, context["cities"], base, context["today"], context["goals"])
            return exports.case_json(record, body, citation.citations(case, info).csl)
        case "netlify-redirects":
            return exports.netlify_redirects(context["moves"], context["base_path"])
    raise ValueError(f"no writer for {template!r}")


def _listing(context: dict, base_url: str) -> exports.Listing:
    return exports.Listing(context["cities"], context["goals"], base_url, context["today"])


def rel(target: str, root: str) -> str:
    """A link to a site URL from the page whose way back to the site root is root
    (`{{ url|rel(root) }}`): relative, so the site works under any base path."""
    return root + target or "./"


def amount(value: float) -> str:
    """3242000000 → "3,242 million"; exact, as budgets are published."""
    if value >= 1_000_000 and value % 1_000_000 == 0:
        return f"{value / 1_000_000:,.0f} million"
    if value >= 1_000_000 and value % 100_000 == 0:
        return f"{value / 1_000_000:,.1f} million"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{value:,.0f}"


def money(value: float, currency: str) -> str:
    return f"{currency} {amount(value)}"


def number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def count_cases(count: int) -> str:
    return f"{count} case stud{'y' if count == 1 else 'ies'}"


def percent(value: float) -> str:
    return f"{value:.1f}%"


def format_date(value: dt.date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on the background (WCAG contrast)."""
    r, g, b = (int(background[i:i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    on_white = 1.05 / (luminance + 0.05)
    on_dark = (luminance + 0.05) / (_DARK_INK_LUMINANCE + 0.05)  # against the dark ink itself, not pure black
    return "#ffffff" if on_white >= on_dark else "#111111"


_DARK_INK_LUMINANCE = 0.0056  # of #111111


def goal_css(goals) -> str:
    """The goal colour classes, derived from the goal data so the stylesheet cannot drift."""
    rules = [f".sdg-{g.number} {{ --sdg: {g.colour}; --sdg-ink: {text_colour(g.colour)}; }}" for g in goals]
    return "\n/* goal colours: generated from cityedu_site/data/sdgs.yaml */\n" + "\n".join(rules) + "\n"
