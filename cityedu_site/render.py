"""The Jinja environment and the filters templates format values with.

Autoescaping is on for every template. Templates receive `site` (settings), `page` (the
Page) and the page's context; links go through the `rel` filter so they stay relative.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import markdown, urls
from .config import Config
from .model import MONTHS
from .pages import Page


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What every template may know of the site."""

    title: str
    tagline: str
    description: str
    base_url: str
    language: str
    licence_name: str
    licence_url: str
    build_year: int


def site_info(config: Config) -> SiteInfo:
    return SiteInfo(config.title, config.tagline, config.description, config.base_url,
                    config.language, config.licence_name, config.licence_url, config.build_time.year)


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(rel=rel, money=money, amount=amount, date=format_date, number=number,
                       percent=percent, text_colour=text_colour, count_cases=count_cases)
    env.globals.update(absolute=urls.absolute, urls=urls)
    return env


def render_page(env: jinja2.Environment, page: Page, info: SiteInfo) -> str:
    template = env.get_template(page.template)
    # The body is Markdown rendered with raw HTML off; its links were checked in phase 1.
    body_html = markdown.shared_renderer().render(page.body) if page.body is not None else ""
    return template.render(page=page, site=info, body_html=body_html, **page.context)


@jinja2.pass_context
def rel(context, target: str) -> str:
    """A link from the page being rendered to a site URL, relative so mirrors work."""
    page = context["page"]
    if page.link_base is not None:
        return page.link_base + target
    return urls.relative(page.url, target)


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
    on_black = (luminance + 0.05) / 0.05
    return "#ffffff" if on_white >= on_black else "#111111"


def goal_css(goals) -> str:
    """The goal colour classes, derived from the goal data so the stylesheet cannot drift."""
    rules = [f".sdg-{g.number} {{ --sdg: {g.colour}; --sdg-ink: {text_colour(g.colour)}; }}" for g in goals]
    return "\n/* goal colours: generated from cityedu_site/data/sdgs.yaml */\n" + "\n".join(rules) + "\n"
