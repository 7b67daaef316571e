"""Which pages exist, and what each one shows.

The planner turns the Site into a list of Pages (url, template, context). All the work of
deciding what a page shows happens here, so templates only format what they are given.
Each page also lists the digests of everything it shows (`deps`): a page whose deps are
unchanged since the last build is not rendered again.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from . import charts, feeds, urls
from .config import Config
from .feeds import Feed
from .memo import Memo
from .model import Case, City, Goal, Site, Theme, fingerprint
from .views import (
    CaseCard,
    Pagination,
    Place,
    card_of,
    case_places,
    case_view,
    cities_of,
    feed_entries,
    goal_bars,
    place_of,
    search_filters,
    search_sort,
    search_terms,
)

LATEST_ON_HOME = 6
PER_PAGE = 50  # cases on one listing page: a goal with 2,000 cases is 40 light pages


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)
    deps: tuple[str, ...] = ()  # digests of what it shows; with the templates, they decide its output
    body_of: Case | City | None = None  # whose Markdown body to render into `body_html`
    searchable: bool = False  # its main content goes into the search index
    indexable: bool = True  # search engines may index it
    # Links are relative to the page, except on pages served at any depth (the 404 page):
    # those link from the site's root path on its original host.
    link_base: str | None = None
    modified: dt.date | None = None  # for the sitemap: when what it shows last changed
    # A listing of every case, megabytes long, that no page links a reader to in passing:
    # serve writes it just after the browser has reloaded (Builder.finish).
    bulk: bool = False
    # Worked out from the fields above when the page is made:
    file: str = field(init=False)  # its output file, relative to the output folder
    is_html: bool = field(init=False)  # a page for readers (a template renders it), not a feed or data file
    # Of everything that decides its output with a given version of the code and templates:
    # a page whose digest matches the previous build's is not rendered again.
    digest: str = field(init=False)
    sitemap_entry: str = field(init=False)  # what the sitemap shows of it ("" when not listed there)

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__  # the dataclass is frozen
        setattr_(self, "file", urls.output_file(self.url))
        setattr_(self, "is_html", self.template.endswith(".html"))
        setattr_(self, "digest", fingerprint(self.url, self.template, self.title, self.description, self.link_base,
                                             self.searchable, self.indexable, self.modified, *self.deps))
        listed = self.indexable and self.is_html
        setattr_(self, "sitemap_entry", f"{self.url} {self.modified or ''}" if listed else "")


class Later:
    """A context value worked out only when its page is rendered, and once. Every build
    plans every page, but a rebuild renders few: what only the template needs waits."""

    __slots__ = ("function", "args", "_done", "_value")

    def __init__(self, function: Callable[..., Any], args: tuple = ()):
        self.function, self.args, self._done, self._value = function, args, False, None

    def __call__(self) -> Any:
        if not self._done:
            self._value, self._done = self.function(*self.args), True
        return self._value


@dataclass(slots=True)
class CasePages:
    """What plan() made for every case, kept for the next plan: after an edit that moves
    no case (see taxonomy.swap_edited_cases), only the edited cases and those that list
    them as related are planned again."""

    site: Site
    today: dt.date
    currencies: dict[str, str]
    places: dict[str, Place]
    cards: dict[str, CaseCard]
    own: dict[str, tuple[Page, Page]]  # each case's page and its JSON file


def plan(site: Site, config: Config, currencies: dict[str, str], memo: Memo | None = None,
         previous: CasePages | None = None) -> tuple[list[Page], CasePages]:
    """Every page and data file of the site, in a stable order. With the previous build's
    memo and case pages, what shows only unchanged objects is reused, not made again."""
    memo = memo or Memo()
    cases = plan_cases(site, config.today, currencies, memo, previous)
    pages = list(_pages(site, config, cases.places, cases.cards, cases.own, memo))
    pages.extend(_data_pages(site, config, cases.places, cases.cards, cases.own, memo))
    pages.extend(_crawler_pages(pages, config))
    return pages, cases


def plan_cases(site: Site, today: dt.date, currencies: dict[str, str], memo: Memo,
               previous: CasePages | None) -> CasePages:
    def own_pages(case: Case, cards: dict[str, CaseCard], places: dict[str, Place]) -> tuple[Page, Page]:
        city = site.cities[case.city]
        parent = site.cities.get(city.parent) if city.parent else None
        place, card = places[case.city], cards[case.slug]
        themes = tuple(site.themes[t] for t in case.themes)
        related = tuple(cards[slug] for slug in site.related.get(case.slug, ()))
        others = tuple(site.cities[slug] for slug in case.places)
        return memo.get(
            ("case", today), (case, city, parent, place, card, currencies, site.goals, *themes, *related, *others),
            lambda: (case_page(case, city, parent, place, card, themes, related, site.goals, currencies, today),
                     case_data_page(case, (city, *others), card, today, site.goals)))

    if (previous is not None and previous.today == today and previous.currencies is currencies
            and previous.site.cities is site.cities and previous.site.related is site.related
            and previous.site.themes is site.themes and previous.site.goals is site.goals):
        edited = [case for case in site.cases if previous.site.by_slug[case.slug] is not case]
        places = previous.places
        cards = dict(previous.cards)
        for case in edited:
            cards[case.slug] = card_of(case, case_places(case, places), site.goals, today)
        showing = memo.get("related-to", (site.related,), lambda: related_to(site.related))
        own = dict(previous.own)
        for slug in {case.slug for case in edited} | {s for case in edited for s in showing.get(case.slug, ())}:
            own[slug] = own_pages(site.by_slug[slug], cards, places)
        return CasePages(site, today, currencies, places, cards, own)

    places = {slug: memo.get("place", (city, parent, country), partial(place_of, city, parent, country))
              for slug, city in site.cities.items()
              for parent in [site.cities.get(city.parent) if city.parent else None]
              for country in [site.countries[city.country]]}
    cards = {case.slug: memo.get(("card", today), (case, *own, site.goals),
                                 partial(card_of, case, own, site.goals, today))
             for case in site.cases for own in [case_places(case, places)]}
    own = {case.slug: own_pages(case, cards, places) for case in site.cases}
    return CasePages(site, today, currencies, places, cards, own)


def related_to(related: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """For each case, the cases that show it among their related cases."""
    shown_by: dict[str, list[str]] = {}
    for slug, others in related.items():
        for other in others:
            shown_by.setdefault(other, []).append(slug)
    return {slug: tuple(slugs) for slug, slugs in shown_by.items()}


def _pages(site: Site, config: Config, places: dict[str, Place], cards: dict[str, CaseCard],
           own_pages: dict[str, tuple[Page, Page]], memo: Memo) -> Iterator[Page]:
    def cards_for(cases: Sequence[Case]) -> tuple[CaseCard, ...]:
        return tuple(map(cards.__getitem__, map(_slug, cases)))

    def listing(first_url: str, template: str, title: str, description: str, cases: tuple[Case, ...],
                context: dict[str, Any], deps: tuple[str, ...] = (), body_of: City | None = None,
                shows: tuple = ()) -> tuple[Page, ...]:
        """A list of cases on as many pages as it takes; the first holds the intro and body.
        Its pages are kept while the list is the same tuple of the same cases in the same
        places (their cards are then the same), the objects it shows (`shows`) are the same
        and its title, description and deps equal (the deps stand for the context's derived
        rows, such as districts and their counts); in a list an edit changed, only the page
        showing the edited case is made anew."""
        name = ("listing", first_url, template, title, description, deps, config.today)  # cards age with the day
        count = max(1, -(-len(cases) // PER_PAGE))

        def page(number: int) -> Page:
            shown = cases[(number - 1) * PER_PAGE:number * PER_PAGE]
            return memo.get((*name, number, count, len(cases)), (places, body_of, *shows, *shown),
                            lambda: listing_page(Pagination(number, count, first_url), title, description, template,
                                                 cards_for(shown), len(cases), context, deps, body_of))

        return memo.get(name, (cases, places, body_of, *shows), lambda: tuple(page(n) for n in range(1, count + 1)))

    goal_counts = [(g, len(site.cases_by_goal[g.number])) for g in site.goals]
    city_rows = [(city, places[city.slug], len(site.cases_by_city[city.slug])) for city in site.cities.values()]
    counts_deps = (*(str(n) for _, n in goal_counts), *(f"{p.digest}:{n}" for _, p, n in city_rows))
    latest = cards_for(site.cases[:LATEST_ON_HOME])
    yield Page(urls.HOME, "home.html", config.title, config.description, {
        "latest": latest, "case_count": len(site.cases), "goal_counts": goal_counts, "city_rows": city_rows,
        "goal_bars": charts.goal_bars(goal_counts),
    }, deps=(*_digests(latest), *counts_deps))
    yield from listing(urls.CASES, "cases.html", "All case studies",
                       f"All {len(site.cases)} case studies, newest first.", site.cases, {})
    yield from map(operator.itemgetter(0), map(own_pages.__getitem__, map(_slug, site.cases)))

    yield Page(urls.CITIES, "cities.html", "Cities", "The cities and districts whose programmes "
               "are documented here.", {"city_rows": city_rows}, deps=counts_deps)
    for city in site.cities.values():
        city_cases = site.cases_by_city[city.slug]
        districts = tuple((d, len(site.cases_by_city[d.slug])) for d in site.districts.get(city.slug, ()))
        bars = memo.get("goal-bars", (city_cases, site.goals), partial(goal_bars, city_cases, site.goals))
        yield from listing(urls.city(city.slug), "city.html", city.name,
                           f"{city.name}: city profile and {_count(city_cases)} on "
                           "education, lifelong learning and e-government.", city_cases,
                           {"city": city, "place": places[city.slug], "districts": districts, "goal_bars": bars},
                           deps=(city.digest, places[city.slug].digest, *(f"{d.digest}:{n}" for d, n in districts),
                                 *(f"goal{b.goal.number}:{b.count}" for b in bars)),
                           body_of=city, shows=(city, places[city.slug], bars))

    yield Page(urls.GOALS, "goals.html", "Sustainable Development Goals",
               "The 17 UN Sustainable Development Goals and the case studies that serve each.",
               {"goal_counts": goal_counts}, deps=counts_deps)
    for goal in site.goals:
        cases = site.cases_by_goal[goal.number]
        yield from listing(urls.goal(goal.slug), "goal.html", f"Goal {goal.number}: {goal.title}",
                           f"{_count(cases).capitalize()} serving UN Sustainable Development Goal "
                           f"{goal.number}, {goal.title}.", cases, {"goal": goal}, shows=(goal,))

    theme_counts = [(t, len(site.cases_by_theme[t.slug])) for t in site.themes.values()]
    yield Page(urls.THEMES, "themes.html", "Themes", "Case studies grouped by theme.",
               {"theme_counts": theme_counts}, deps=tuple(f"{t.digest}:{n}" for t, n in theme_counts))
    for theme in site.themes.values():
        cases = site.cases_by_theme[theme.slug]
        yield from listing(urls.theme(theme.slug), "theme.html", theme.title,
                           f"{theme.description} {_count(cases).capitalize()}.", cases,
                           {"theme": theme}, deps=(theme.digest,), shows=(theme,))

    country_rows = [(c, len(site.cases_by_country[c.code])) for c in site.countries.values()]
    yield Page(urls.COUNTRIES, "countries.html", "Countries", "Case studies grouped by country.",
               {"country_rows": country_rows}, deps=tuple(f"{c.code}:{n}" for c, n in country_rows))
    for country in site.countries.values():
        cases = site.cases_by_country[country.code]
        cities = memo.get("country-cities", (site.cities, site.cases_by_city, country),
                          partial(cities_of, country, site.cities, site.cases_by_city))
        yield from listing(urls.country(country.code), "country.html", country.name,
                           f"{_count(cases).capitalize()} from {country.name}.", cases,
                           {"country": country, "cities": cities},
                           deps=tuple(f"{c.digest}:{c.name}:{n}" for c, n in cities), shows=(country,))

    yield Page(urls.SEARCH, "search.html", "Search", "Search every case study by word, goal, "
               "city, country, theme and status.", {})
    yield Page(urls.NOT_FOUND, "404.html", "Page not found", "This page does not exist.", {},
               indexable=False, link_base=urls.base_path(config.base_url))


def _data_pages(site: Site, config: Config, places: dict[str, Place], cards: dict[str, CaseCard],
                own_pages: dict[str, tuple[Page, Page]], memo: Memo) -> Iterator[Page]:
    """Feeds, data exports and redirects: the site for programs rather than people."""
    # What a feed shows of a case: its card (case and place) and its themes' titles.
    theme_deps = _digests(site.themes.values())

    def feed_pages(feed: Feed, cases: tuple[Case, ...]) -> tuple[Page, ...]:
        """The feed in Atom and JSON Feed, kept while its cases, places and themes are the same objects."""
        def make() -> tuple[Page, ...]:
            context = {"feed": feed, "entries": Later(feed_entries, (cases, cards, site.themes, site.goals))}
            deps = (*theme_deps, *(cards[c.slug].digest for c in cases))
            return (Page(feed.atom_url, "atom", feed.title, feed.description, context, deps=deps, indexable=False),
                    Page(feed.json_url, "jsonfeed", feed.title, feed.description, context, deps=deps,
                         indexable=False))

        return memo.get(("feed", feed, config.today), (places, site.themes, site.goals, *cases), make)

    # Every feed carries the latest cases, as the first page of its listing shows them: a
    # reader's app polls it, and 10,000 cases would be 8 MB a poll (and a rewrite of 8 MB
    # after every edit). The whole archive is data/cases.json.
    yield from feed_pages(Feed(config.title, "The latest case studies, newest first.", urls.HOME,
                               urls.atom_feed(urls.HOME), urls.json_feed(urls.HOME)), site.cases[:PER_PAGE])
    for goal in site.goals:
        page_url = urls.goal(goal.slug)
        yield from feed_pages(Feed(f"Goal {goal.number}: {goal.title} · {config.title}",
                                   f"Case studies serving SDG {goal.number}, {goal.title}.", page_url,
                                   urls.atom_feed(page_url), urls.json_feed(page_url)),
                              site.cases_by_goal[goal.number][:PER_PAGE])
    for city in site.cities.values():
        page_url = urls.city(city.slug)
        yield from feed_pages(Feed(f"{city.name} · {config.title}", f"Case studies from {city.name}.", page_url,
                                   urls.atom_feed(page_url), urls.json_feed(page_url)),
                              site.cases_by_city[city.slug][:PER_PAGE])

    all_cases = (*_digests(cards.values()),)
    data = {"cases": site.cases, "cities": site.cities, "today": config.today, "goals": site.goals}
    yield Page(urls.CASES_JSON, "cases.json", "Case studies as JSON", "", data, deps=all_cases, indexable=False,
               bulk=True)
    yield Page(urls.CASES_CSV, "cases.csv", "Case studies as CSV", "", data, deps=all_cases, indexable=False,
               bulk=True)
    counts = {slug: len(cases) for slug, cases in site.cases_by_city.items()}
    yield Page(urls.INDICATORS_CSV, "indicators.csv", "Outcome indicators as CSV", "", {**data, "themes": site.themes},
               deps=(*all_cases, *_digests(site.themes.values())), indexable=False, bulk=True)
    yield Page(urls.CITIES_JSON, "cities.json", "Cities as JSON", "", {"cities": site.cities, "counts": counts},
               deps=(*(c.digest for c in site.cities.values()), *map(str, counts.values())), indexable=False)
    yield from map(operator.itemgetter(1), map(own_pages.__getitem__, map(_slug, site.cases)))

    moves = []
    for case in site.cases:
        for alias in case.aliases:
            moves.append((urls.case(alias), urls.case(case.slug)))
            yield Page(urls.case(alias), "redirect.html", case.title, f"This case study moved to {case.title}.",
                       {"target": urls.case(case.slug)}, deps=(case.digest,), indexable=False)
    yield Page(urls.NETLIFY_REDIRECTS, "netlify-redirects", "", "",
               {"moves": sorted(moves), "base_path": urls.base_path(config.base_url)},
               deps=tuple(f"{old}>{new}" for old, new in sorted(moves)), indexable=False)


def _crawler_pages(pages: list[Page], config: Config) -> Iterator[Page]:
    """sitemap.xml (split in parts past the protocol's limit) and robots.txt."""
    listed = list(itertools.compress(pages, map(_sitemap_entry, pages)))
    parts = [listed[i:i + feeds.SITEMAP_LIMIT] for i in range(0, len(listed), feeds.SITEMAP_LIMIT)] or [[]]

    def sitemap(url: str, part: list[Page]) -> Page:
        return Page(url, "sitemap", "", "", {"rows": Later(sitemap_rows, (part,))},
                    deps=(fingerprint(*map(_sitemap_entry, part)),), indexable=False)

    if len(parts) == 1:
        yield sitemap(urls.SITEMAP, parts[0])
    else:
        yield from (sitemap(urls.sitemap_part(number), part) for number, part in enumerate(parts, 1))
        names = tuple(urls.sitemap_part(n) for n in range(1, len(parts) + 1))
        yield Page(urls.SITEMAP, "sitemap-index", "", "", {"parts": names}, deps=names, indexable=False)
    yield Page(urls.ROBOTS, "robots", "", "", {}, indexable=False)


def listing_page(pagination: Pagination, title: str, description: str, template: str, shown: tuple[CaseCard, ...],
                 total: int, context: dict[str, Any], deps: tuple[str, ...], body_of: City | None) -> Page:
    """One page of a list of cases (see _pages' listing)."""
    number, count = pagination.number, pagination.count
    return Page(pagination.url(number), template, title if number == 1 else f"{title} (page {number} of {count})",
                description, {**context, "cards": shown, "total": total, "pagination": pagination},
                deps=(*deps, str(total), *_digests(shown)), body_of=body_of if number == 1 else None)


_slug = operator.attrgetter("slug")
_digest = operator.attrgetter("digest")
_sitemap_entry = operator.attrgetter("sitemap_entry")


def _digests(items) -> tuple[str, ...]:
    return tuple(map(_digest, items))


def sitemap_rows(pages: Sequence[Page]) -> tuple[tuple[str, dt.date | None], ...]:
    return tuple((p.url, p.modified) for p in pages)


def _count(cases) -> str:
    return f"{len(cases)} case stud{'y' if len(cases) == 1 else 'ies'}"



def case_page(case: Case, city: City, parent: City | None, place: Place, card: CaseCard, themes: tuple[Theme, ...],
              related: tuple[CaseCard, ...], goals: Sequence[Goal], currencies: dict[str, str],
              today: dt.date) -> Page:
    """A case's page. Everything it shows comes in as an argument (no Site): the page is
    kept from build to build while those stay the same objects."""
    return Page(urls.case(case.slug), "case.html", case.title, case.summary, {
        "case": case,
        "card": card,
        "place": place,
        "themes": themes,
        "view": Later(case_view, (case, card, currencies, goals, today)),  # facts as reported, period, budget
        "related": related,
        "search_filters": Later(search_filters, (case, card, themes, goals)),
        "search_sort": Later(search_sort, (case,)),
        "search_terms": Later(search_terms, (case, city, parent, card.others)),
    }, deps=(card.digest, *_digests(themes), *_digests(related),
             *([f"today:{today}"] if case.period or case.milestones else [])),  # its timeline marks the build's date
        body_of=case, searchable=True,
        modified=case.updated or case.published)


def case_data_page(case: Case, cities: tuple[City, ...], card: CaseCard, today: dt.date,
                   goals: Sequence[Goal]) -> Page:
    """cities: the case's city, then its other places'."""
    return Page(urls.case_data(case.slug), "case.json", case.title, "",
                {"case": case, "cities": {c.slug: c for c in cities}, "today": today, "goals": goals},
                deps=(card.digest,), body_of=case, indexable=False)


