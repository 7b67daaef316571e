"""What pages read, and the version of everything they read: a page's dependencies,
recorded while it is made.

A page is made from a Reads object, its only way to the site: it asks for a case, a
city's place, a slice of a list of cases, the number of cases of a goal, the build's
date… Each answer is recorded with its version, a short digest that changes whenever
the answer would. The next build asks, for each page, whether every version it recorded
is still the version the new site gives (Inputs.unchanged); a page none of whose reads
changed is not made again. Nothing is declared beside a page, so nothing can be forgotten:
a maker has no other way to the site. The clean build is the same path with nothing
recorded yet.

Versions are worked out without making the values (a card's version is its case's and
its place's digests), once per build and only when asked, so checking 20,000 pages is
mostly dictionary lookups.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from .config import SiteInfo
from .model import Case, City, Country, Goal, Site, Theme, fingerprint
from .views import CaseCard, Place, card_of, case_status, goals_counted, place_of

Key = tuple[str, ...]
Deps = dict[Key, str]
GONE = "-"  # the version of something that no longer exists


class Inputs:
    """The site one build makes pages from, and the versions of its parts (memoised)."""

    def __init__(self, site: Site, info: SiteInfo, today: dt.date, currencies: dict[str, str],
                 templates: dict[str, str], sitemap_rows: Callable[[int], tuple] = lambda part: ()):
        self.site = site
        self.info = info  # the site settings every page may show
        self.settings = fingerprint(*dataclasses.astuple(info))
        self.today = today
        self.currencies = currencies  # shipped with the code, like the goals
        self.templates = templates  # template name → digest of it and everything it includes
        self.sitemap_rows = sitemap_rows
        self._versions: dict[Key, str] = {}
        self._places: dict[str, Place] = {}
        self._cards: dict[str, CaseCard] = {}

    # ---- versions ---------------------------------------------------------------------

    def version(self, key: Key) -> str:
        known = self._versions.get(key)
        if known is None:
            known = self._versions[key] = _VERSIONS[key[0]](self, *key[1:])
        return known

    # ---- values (made once per build, on demand) --------------------------------------

    def cases_of(self, kind: str, name: str = "") -> tuple[Case, ...]:
        site = self.site
        if kind == "all":
            return site.cases
        if kind == "city":
            return site.cases_by_city.get(name, ())
        if kind == "goal":
            return site.cases_by_goal.get(int(name), ())
        if kind == "theme":
            return site.cases_by_theme.get(name, ())
        if kind == "country":
            return site.cases_by_country.get(name, ())
        raise ValueError(f"no list of cases {kind!r}")

    def place(self, slug: str) -> Place:
        place = self._places.get(slug)
        if place is None:
            site = self.site
            city = site.cities[slug]
            parent = site.cities.get(city.parent) if city.parent else None
            place = self._places[slug] = place_of(city, parent, site.countries[city.country])
        return place

    def card(self, slug: str) -> CaseCard:
        card = self._cards.get(slug)
        if card is None:
            case = self.site.by_slug[slug]
            card = self._cards[slug] = card_of(case, tuple(map(self.place, (case.city, *case.places))),
                                               self.site.goals, self.today)
        return card


def _case(inputs: Inputs, slug: str) -> str:
    case = inputs.site.by_slug.get(slug)
    return case.digest if case else GONE


def _city(inputs: Inputs, slug: str) -> str:
    city = inputs.site.cities.get(slug)
    return city.digest if city else GONE


def _place(inputs: Inputs, slug: str) -> str:
    site = inputs.site
    city = site.cities.get(slug)
    if city is None:
        return GONE
    parent = site.cities.get(city.parent) if city.parent else None
    return fingerprint(city.digest, parent.digest if parent else "", city.country)  # = views.place_of's digest


def _card(inputs: Inputs, slug: str) -> str:
    """A card shows its case, its places and its status as reported, which ages with the day."""
    case = inputs.site.by_slug.get(slug)
    if case is None:
        return GONE
    status = case_status(case, inputs.today)
    return fingerprint(case.digest, *(inputs.version(("place", p)) for p in (case.city, *case.places)),
                       status.label if status else "")


def _theme(inputs: Inputs, slug: str) -> str:
    theme = inputs.site.themes.get(slug)
    return theme.digest if theme else GONE


def _list(inputs: Inputs, kind: str, name: str, start: str, stop: str) -> str:
    cases = inputs.cases_of(kind, name)
    version = inputs.version
    return fingerprint(len(cases), *(version(("card", c.slug)) for c in cases[int(start):int(stop)]))


def _count(inputs: Inputs, kind: str, name: str) -> str:
    return str(len(inputs.cases_of(kind, name)))


def _goal_counts(inputs: Inputs, kind: str, name: str) -> str:
    return fingerprint(*(n for _, n in goals_counted(inputs.cases_of(kind, name), inputs.site.goals)))


def _related(inputs: Inputs, slug: str) -> str:
    version = inputs.version
    return fingerprint(*(version(("card", other)) for other in inputs.site.related.get(slug, ())))


def _cities(inputs: Inputs) -> str:
    return fingerprint(*inputs.site.cities)


def _districts(inputs: Inputs, slug: str) -> str:
    return fingerprint(*(d.slug for d in inputs.site.districts.get(slug, ())))


def _themes(inputs: Inputs) -> str:
    return fingerprint(*inputs.site.themes)


def _countries(inputs: Inputs) -> str:
    return fingerprint(*inputs.site.countries)


def _aliases(inputs: Inputs) -> str:
    return fingerprint(*(f"{c.slug}>{a}" for c in inputs.site.cases for a in c.aliases))


def _all_cases(inputs: Inputs) -> str:
    """Every case as the data exports show it: its file and its city's."""
    cities = inputs.site.cities
    return fingerprint(*(f"{c.digest}{cities[c.city].digest}" for c in inputs.site.cases))


def _all_cities(inputs: Inputs) -> str:
    return fingerprint(*(c.digest for c in inputs.site.cities.values()))


_VERSIONS: dict[str, Callable[..., str]] = {
    "case": _case, "city": _city, "place": _place, "card": _card, "theme": _theme,
    "list": _list, "count": _count, "goal-counts": _goal_counts, "related": _related,
    "cities": _cities, "districts": _districts, "themes": _themes, "countries": _countries,
    "aliases": _aliases, "all-cases": _all_cases, "all-cities": _all_cities,
    "today": lambda inputs: inputs.today.isoformat(),
    "settings": lambda inputs: inputs.settings,
    "template": lambda inputs, name: inputs.templates.get(name, GONE),
    "sitemap": lambda inputs, part: fingerprint(*inputs.sitemap_rows(int(part))),
}


class Reads:
    """One page's way to the site: each answer is recorded in `deps` with its version."""

    __slots__ = ("inputs", "deps")

    def __init__(self, inputs: Inputs):
        self.inputs = inputs
        self.deps: Deps = {}

    def _read(self, *key: str) -> None:
        if key not in self.deps:
            self.deps[key] = self.inputs.version(key)

    # one thing
    def case(self, slug: str) -> Case:
        self._read("case", slug)
        return self.inputs.site.by_slug[slug]

    def city(self, slug: str) -> City:
        self._read("city", slug)
        return self.inputs.site.cities[slug]

    def parent(self, city: City) -> City | None:
        return self.city(city.parent) if city.parent else None

    def place(self, slug: str) -> Place:
        self._read("place", slug)
        return self.inputs.place(slug)

    def card(self, slug: str) -> CaseCard:
        self._read("card", slug)
        return self.inputs.card(slug)

    def theme(self, slug: str) -> Theme:
        self._read("theme", slug)
        return self.inputs.site.themes[slug]

    def goals(self) -> tuple[Goal, ...]:
        return self.inputs.site.goals  # shipped with the code, whose version keys every cache

    def country(self, code: str) -> Country:
        self._read("countries")
        return self.inputs.site.countries[code]

    def today(self) -> dt.date:
        self._read("today")
        return self.inputs.today

    def info(self) -> SiteInfo:
        self._read("settings")
        return self.inputs.info

    def currencies(self) -> dict[str, str]:
        return self.inputs.currencies

    def template(self, name: str) -> None:
        self._read("template", name)

    # lists
    def count(self, kind: str, name: str = "") -> int:
        self._read("count", kind, name)
        return len(self.inputs.cases_of(kind, name))

    def cards(self, kind: str, name: str, start: int, stop: int) -> tuple[CaseCard, ...]:
        """A slice of a list of cases (which also records the list's length)."""
        self._read("list", kind, name, str(start), str(stop))
        card = self.inputs.card
        return tuple(card(c.slug) for c in self.inputs.cases_of(kind, name)[start:stop])

    def cases(self, kind: str, name: str, start: int, stop: int) -> tuple[Case, ...]:
        """The cases of a slice of a list, whole (a card's version is its case's and place's)."""
        self._read("list", kind, name, str(start), str(stop))
        return self.inputs.cases_of(kind, name)[start:stop]

    def goal_counts(self, kind: str = "all", name: str = "") -> list[tuple[Goal, int]]:
        self._read("goal-counts", kind, name)
        return goals_counted(self.inputs.cases_of(kind, name), self.inputs.site.goals)

    def related(self, slug: str) -> tuple[CaseCard, ...]:
        self._read("related", slug)
        card = self.inputs.card
        return tuple(card(other) for other in self.inputs.site.related.get(slug, ()))

    def cities(self) -> tuple[City, ...]:
        """Every city, in order."""
        self._read("cities")
        return tuple(map(self.city, self.inputs.site.cities))

    def districts(self, slug: str) -> tuple[City, ...]:
        self._read("districts", slug)
        return tuple(self.city(d.slug) for d in self.inputs.site.districts.get(slug, ()))

    def themes(self) -> tuple[Theme, ...]:
        self._read("themes")
        return tuple(self.theme(slug) for slug in self.inputs.site.themes)

    def countries(self) -> tuple[Country, ...]:
        self._read("countries")
        return tuple(self.inputs.site.countries.values())

    def aliases(self) -> tuple[tuple[str, str], ...]:
        """(old slug, case slug) of every renamed case."""
        self._read("aliases")
        return tuple((alias, c.slug) for c in self.inputs.site.cases for alias in c.aliases)

    def every_case(self) -> tuple[tuple[Case, ...], dict[str, City]]:
        """Every case and every city, as the data exports show them."""
        self._read("all-cases")
        return self.inputs.site.cases, self.inputs.site.cities

    def every_city(self) -> dict[str, City]:
        self._read("all-cities")
        return self.inputs.site.cities

    def sitemap_rows(self, part: int) -> tuple:
        self._read("sitemap", str(part))
        return self.inputs.sitemap_rows(part)
