"""Which pages exist, and how each one is made.

plan() lists every output file of the site as a Recipe: its URL and the maker that makes
it, with the few arguments that say which page it is (a slug, a page number). Planning
is cheap and runs on every build. A maker gets a Reads (reads.py), its only way to the
site, and returns the Page: what the page shows, worked out here so that templates only
format it. The builder runs a maker only when something it read last time has changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import charts, feeds, urls
from .config import Config
from .feeds import Feed
from .model import Case, City, Site
from .reads import Reads
from .views import (
    Pagination,
    case_view,
    entry_of,
    search_filters,
    search_sort,
    search_terms,
)

LATEST_ON_HOME = 6
PER_PAGE = 50  # cases on one listing page: a goal with 2,000 cases is 40 light pages


@dataclass(frozen=True, slots=True)
class Page:
    """What a maker made: the template (or data format) and everything it shows."""

    url: str
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)
    body_of: Case | City | None = None  # whose Markdown body to render into `body_html`
    indexable: bool = True  # search engines may index it
    # Links are relative to the page, except on pages served at any depth (the 404 page):
    # those link from the site's root path on its original host.
    link_base: str | None = None
    is_html: bool = field(init=False)  # a page for readers (a template renders it), not a feed or data file

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_html", self.template.endswith(".html"))


@dataclass(frozen=True, slots=True)
class Recipe:
    """One output file of the site, and how to make it: make(reads, *args)."""

    url: str
    make: Callable[..., Page]
    args: tuple = ()
    listed: bool = False  # in the sitemap: a page for readers that search engines may index
    modified: dt.date | None = None  # for the sitemap: when what it shows last changed
    searchable: bool = False  # its main content goes into the search index
    # A listing of every case, megabytes long, that no page links a reader to in passing:
    # serve may leave it for the build that follows the browser's reload (Builder.build's `later`).
    bulk: bool = False
    file: str = field(init=False)  # its output file, relative to the output folder
    key: str = field(init=False)  # which page it is: the same file made another way is another page

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", urls.output_file(self.url))
        object.__setattr__(self, "key", f"{self.make.__name__}:{':'.join(map(str, self.args))}")


@dataclass(frozen=True, slots=True)
class Plan:
    recipes: list[Recipe]
    sitemap_parts: list[tuple[tuple[str, dt.date | None], ...]]  # the sitemap's rows, in files of 50,000

    def sitemap_rows(self, part: int) -> tuple[tuple[str, dt.date | None], ...]:
        return self.sitemap_parts[part - 1]


def plan(site: Site, config: Config) -> Plan:
    """Every page and data file of the site, in a stable order."""
    recipes = [*_pages(site), *_data_pages(site)]
    listed = tuple((r.url, r.modified) for r in recipes if r.listed)
    limit = feeds.SITEMAP_LIMIT
    parts = [listed[i:i + limit] for i in range(0, len(listed), limit)] or [()]
    if len(parts) == 1:
        recipes.append(Recipe(urls.SITEMAP, sitemap, (1, urls.SITEMAP)))
    else:
        recipes.extend(Recipe(urls.sitemap_part(n), sitemap, (n, urls.sitemap_part(n)))
                       for n in range(1, len(parts) + 1))
        recipes.append(Recipe(urls.SITEMAP, sitemap_index, (len(parts),)))
    recipes.append(Recipe(urls.ROBOTS, robots))
    return Plan(recipes, parts)


def _pages(site: Site) -> Iterator[Recipe]:
    def listing(kind: str, name: str, first_url: str, cases: tuple[Case, ...]) -> Iterator[Recipe]:
        count = page_count(len(cases))
        for number in range(1, count + 1):
            yield Recipe(Pagination(number, count, first_url).url(number), listing_page, (kind, name, number),
                         listed=True)

    yield Recipe(urls.HOME, home, listed=True)
    yield from listing("all", "", urls.CASES, site.cases)
    for case in site.cases:
        yield Recipe(urls.case(case.slug), case_page, (case.slug,), listed=True,
                     modified=case.updated or case.published, searchable=True)
    yield Recipe(urls.CITIES, cities_page, listed=True)
    for slug in site.cities:
        yield from listing("city", slug, urls.city(slug), site.cases_by_city[slug])
    yield Recipe(urls.GOALS, goals_page, listed=True)
    for goal in site.goals:
        yield from listing("goal", str(goal.number), urls.goal(goal.slug), site.cases_by_goal[goal.number])
    yield Recipe(urls.THEMES, themes_page, listed=True)
    for slug in site.themes:
        yield from listing("theme", slug, urls.theme(slug), site.cases_by_theme[slug])
    yield Recipe(urls.COUNTRIES, countries_page, listed=True)
    for code in site.countries:
        yield from listing("country", code, urls.country(code), site.cases_by_country[code])
    yield Recipe(urls.SEARCH, search_page, listed=True)
    yield Recipe(urls.NOT_FOUND, not_found)


def _data_pages(site: Site) -> Iterator[Recipe]:
    """Feeds, data exports and redirects: the site for programs rather than people."""
    # Every feed carries the latest cases, as the first page of its listing shows them: a
    # reader's app polls it, and 10,000 cases would be 8 MB a poll (and a rewrite of 8 MB
    # after every edit). The whole archive is data/cases.json.
    feeds_of = [("all", "", urls.HOME), *(("goal", str(g.number), urls.goal(g.slug)) for g in site.goals),
                *(("city", slug, urls.city(slug)) for slug in site.cities)]
    for kind, name, page_url in feeds_of:
        yield Recipe(urls.atom_feed(page_url), feed, (kind, name, "atom"))
        yield Recipe(urls.json_feed(page_url), feed, (kind, name, "jsonfeed"))
    yield Recipe(urls.CASES_JSON, cases_data, ("cases.json",), bulk=True)
    yield Recipe(urls.CASES_CSV, cases_data, ("cases.csv",), bulk=True)
    yield Recipe(urls.INDICATORS_CSV, cases_data, ("indicators.csv",), bulk=True)
    yield Recipe(urls.CITIES_JSON, cities_data)
    for case in site.cases:
        yield Recipe(urls.case_data(case.slug), case_data, (case.slug,))
    for case in site.cases:
        for alias in case.aliases:
            yield Recipe(urls.case(alias), redirect_page, (alias, case.slug))
    yield Recipe(urls.NETLIFY_REDIRECTS, netlify_redirects)


def page_count(cases: int) -> int:
    return max(1, -(-cases // PER_PAGE))


# ---- pages for readers --------------------------------------------------------------------

def home(r: Reads) -> Page:
    info = r.info()
    goal_counts = [(goal, r.count("goal", str(goal.number))) for goal in r.goals()]
    return Page(urls.HOME, "home.html", info.title, info.description, {
        "latest": r.cards("all", "", 0, LATEST_ON_HOME), "case_count": r.count("all"),
        "goal_counts": goal_counts, "city_rows": _city_rows(r), "goal_bars": charts.goal_bars(goal_counts),
    })


def _city_rows(r: Reads) -> list:
    return [(city, r.place(city.slug), r.count("city", city.slug)) for city in r.cities()]


def listing_page(r: Reads, kind: str, name: str, number: int) -> Page:
    """One page of a list of cases; the first holds the list's introduction and body."""
    total = r.count(kind, name)
    first_url, template, title, description, context, body_of = _LISTS[kind](r, name, total)
    pagination = Pagination(number, page_count(total), first_url)
    shown = r.cards(kind, name, (number - 1) * PER_PAGE, number * PER_PAGE)
    if number > 1:
        title, body_of = f"{title} (page {number} of {pagination.count})", None
    return Page(pagination.url(number), template, title, description,
                {**context, "cards": shown, "total": total, "pagination": pagination}, body_of=body_of)


def _all_list(r: Reads, name: str, total: int) -> tuple:
    return urls.CASES, "cases.html", "All case studies", f"All {total} case studies, newest first.", {}, None


def _city_list(r: Reads, slug: str, total: int) -> tuple:
    city = r.city(slug)
    districts = tuple((d, r.count("city", d.slug)) for d in r.districts(slug))
    bars = charts.goal_bars(r.goal_counts("city", slug))
    return (urls.city(slug), "city.html", city.name, f"{city.name}: city profile and {_count(total)} on "
            "education, lifelong learning and e-government.",
            {"city": city, "place": r.place(slug), "districts": districts, "goal_bars": bars}, city)


def _goal_list(r: Reads, number: str, total: int) -> tuple:
    goal = r.goals()[int(number) - 1]
    return (urls.goal(goal.slug), "goal.html", f"Goal {goal.number}: {goal.title}",
            f"{_count(total).capitalize()} serving UN Sustainable Development Goal {goal.number}, {goal.title}.",
            {"goal": goal}, None)


def _theme_list(r: Reads, slug: str, total: int) -> tuple:
    theme = r.theme(slug)
    return (urls.theme(slug), "theme.html", theme.title, f"{theme.description} {_count(total).capitalize()}.",
            {"theme": theme}, None)


def _country_list(r: Reads, code: str, total: int) -> tuple:
    country = r.country(code)
    cities = tuple((c, r.count("city", c.slug)) for c in r.cities() if c.country == code and not c.parent)
    return (urls.country(code), "country.html", country.name, f"{_count(total).capitalize()} from {country.name}.",
            {"country": country, "cities": cities}, None)


_LISTS: dict[str, Callable[[Reads, str, int], tuple]] = {
    "all": _all_list, "city": _city_list, "goal": _goal_list, "theme": _theme_list, "country": _country_list}


def case_page(r: Reads, slug: str) -> Page:
    case = r.case(slug)
    city = r.city(case.city)
    card = r.card(slug)
    themes = tuple(r.theme(t) for t in case.themes)
    goals = r.goals()
    return Page(urls.case(slug), "case.html", case.title, case.summary, {
        "case": case,
        "card": card,
        "place": r.place(case.city),
        "themes": themes,
        # its facts as reported, period and budget; the timeline marks the build's date
        "view": case_view(case, card, r.currencies(), goals, r.today()),
        "related": r.related(slug),
        "search_filters": search_filters(case, card, themes, goals),
        "search_sort": search_sort(case),
        "search_terms": search_terms(case, city, r.parent(city), card.others),
    }, body_of=case)


def cities_page(r: Reads) -> Page:
    return Page(urls.CITIES, "cities.html", "Cities", "The cities and districts whose programmes are documented "
                "here.", {"city_rows": _city_rows(r)})


def goals_page(r: Reads) -> Page:
    return Page(urls.GOALS, "goals.html", "Sustainable Development Goals", "The 17 UN Sustainable Development "
                "Goals and the case studies that serve each.",
                {"goal_counts": [(goal, r.count("goal", str(goal.number))) for goal in r.goals()]})


def themes_page(r: Reads) -> Page:
    return Page(urls.THEMES, "themes.html", "Themes", "Case studies grouped by theme.",
                {"theme_counts": [(theme, r.count("theme", theme.slug)) for theme in r.themes()]})


def countries_page(r: Reads) -> Page:
    return Page(urls.COUNTRIES, "countries.html", "Countries", "Case studies grouped by country.",
                {"country_rows": [(c, r.count("country", c.code)) for c in r.countries()]})


def search_page(r: Reads) -> Page:
    return Page(urls.SEARCH, "search.html", "Search", "Search every case study by word, goal, city, country, "
                "theme and status.")


def not_found(r: Reads) -> Page:
    return Page(urls.NOT_FOUND, "404.html", "Page not found", "This page does not exist.", indexable=False,
                link_base=urls.base_path(r.info().base_url))


def redirect_page(r: Reads, alias: str, slug: str) -> Page:
    case = r.case(slug)
    return Page(urls.case(alias), "redirect.html", case.title, f"This case study moved to {case.title}.",
                {"target": urls.case(slug)}, indexable=False)


# ---- pages for programs ---------------------------------------------------------------------

def feed(r: Reads, kind: str, name: str, form: str) -> Page:
    """The latest cases of a list as an Atom feed or a JSON Feed."""
    info = r.info()
    if kind == "goal":
        goal = r.goals()[int(name) - 1]
        page_url = urls.goal(goal.slug)
        title = f"Goal {goal.number}: {goal.title} · {info.title}"
        description = f"Case studies serving SDG {goal.number}, {goal.title}."
    elif kind == "city":
        city = r.city(name)
        page_url, title, description = urls.city(name), f"{city.name} · {info.title}", f"Case studies from {city.name}."
    else:
        page_url, title, description = urls.HOME, info.title, "The latest case studies, newest first."
    about = Feed(title, description, page_url, urls.atom_feed(page_url), urls.json_feed(page_url))
    goals = r.goals()
    entries = tuple(entry_of(c, r.card(c.slug), goals, tuple(r.theme(t) for t in c.themes))
                    for c in r.cases(kind, name, 0, PER_PAGE))
    url = about.atom_url if form == "atom" else about.json_url
    return Page(url, form, title, description, {"feed": about, "entries": entries}, indexable=False)


def cases_data(r: Reads, name: str) -> Page:
    """cases.json, cases.csv and indicators.csv: every case, with its places, goals and
    status as reported (indicators.csv: with its themes' titles too)."""
    r.info()
    cases, cities = r.every_case()
    context = {"cases": cases, "cities": cities, "today": r.today(), "goals": r.goals()}
    if name == "indicators.csv":
        context["themes"] = {theme.slug: theme for theme in r.themes()}
    url = {"cases.json": urls.CASES_JSON, "cases.csv": urls.CASES_CSV, "indicators.csv": urls.INDICATORS_CSV}[name]
    return Page(url, name, "", "", context, indexable=False)


def cities_data(r: Reads) -> Page:
    r.info()
    cities = r.every_city()
    counts = {slug: r.count("city", slug) for slug in cities}
    return Page(urls.CITIES_JSON, "cities.json", "", "", {"cities": cities, "counts": counts}, indexable=False)


def case_data(r: Reads, slug: str) -> Page:
    r.info()
    case = r.case(slug)
    r.card(slug)  # its places and status as reported
    cities = {place: r.city(place) for place in (case.city, *case.places)}
    return Page(urls.case_data(slug), "case.json", case.title, "",
                {"case": case, "cities": cities, "today": r.today(), "goals": r.goals()}, body_of=case,
                indexable=False)


def netlify_redirects(r: Reads) -> Page:
    moves = sorted((urls.case(alias), urls.case(slug)) for alias, slug in r.aliases())
    return Page(urls.NETLIFY_REDIRECTS, "netlify-redirects", "", "",
                {"moves": moves, "base_path": urls.base_path(r.info().base_url)}, indexable=False)


def sitemap(r: Reads, part: int, url: str) -> Page:
    r.info()
    return Page(url, "sitemap", "", "", {"rows": r.sitemap_rows(part)}, indexable=False)


def sitemap_index(r: Reads, parts: int) -> Page:
    r.info()
    return Page(urls.SITEMAP, "sitemap-index", "", "",
                {"parts": tuple(urls.sitemap_part(n) for n in range(1, parts + 1))}, indexable=False)


def robots(r: Reads) -> Page:
    r.info()
    return Page(urls.ROBOTS, "robots", "", "", indexable=False)


def _count(cases: int) -> str:
    return f"{cases} case stud{'y' if cases == 1 else 'ies'}"
