"""What pages show, as plain values: a case's card and place, its period, budget and search
facets, a list's pagination. Pure functions of model values; the planner (pages.py) decides
which pages exist and hands these to the templates, which only format them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import charts, korean, urls
from .feeds import Entry
from .model import Budget, Case, City, Country, Goal, Period, Theme, fingerprint

STATUS_LABELS = {"planned": "Planned", "ongoing": "Ongoing", "completed": "Completed"}

@dataclass(frozen=True, slots=True)
class Place:
    """A city as a case shows it: with its metropolitan city and country."""

    name: str
    url: str
    name_local: str | None
    parent_name: str | None
    parent_url: str | None
    country_name: str
    country_url: str
    region: str | None
    digest: str


@dataclass(frozen=True, slots=True)
class CaseCard:
    """What a list of cases shows of each case."""

    url: str
    title: str
    summary: str
    place: Place
    goals: tuple[Goal, ...]
    published: dt.date
    status: str | None
    digest: str


@dataclass(frozen=True, slots=True)
class Pagination:
    number: int  # from 1
    count: int
    first_url: str

    def url(self, number: int) -> str:
        return self.first_url if number == 1 else f"{self.first_url}page/{number}/"

    @property
    def previous_url(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.count else None


@dataclass(frozen=True, slots=True)
class BudgetShare:
    name: str
    amount: float
    share: float  # percent of the total
    tone: int = 0  # its colour in the budget bar (charts.tone)


@dataclass(frozen=True, slots=True)
class BudgetView:
    total: float
    currency: str
    currency_name: str
    shares: tuple[BudgetShare, ...]
    note: str | None
    bar: tuple[charts.Segment, ...] = ()  # the shares drawn as one bar


@dataclass(frozen=True, slots=True)
class PeriodView:
    start: str | None
    end: str | None
    status: str | None  # its label
    status_key: str | None
    timeline: charts.Timeline | None = None  # on the case page: the period with the build's date



def place_of(city: City, parent: City | None, country: Country) -> Place:
    return Place(
        name=city.name, url=urls.city(city.slug), name_local=city.name_local,
        parent_name=parent.name if parent else None,
        parent_url=urls.city(parent.slug) if parent else None,
        country_name=country.name, country_url=urls.country(country.code), region=city.region,
        digest=fingerprint(city.digest, parent.digest if parent else "", country.code),
    )


def card_of(case: Case, place: Place, goals: Sequence[Goal]) -> CaseCard:
    return CaseCard(
        url=urls.case(case.slug), title=case.title, summary=case.summary, place=place,
        goals=tuple(goals[n - 1] for n in sorted(case.sdgs)), published=case.published,
        status=period_view(case.period).status if case.period else None,
        digest=fingerprint(case.digest, place.digest),
    )


def feed_entries(cases: Sequence[Case], places: dict[str, Place], themes: dict[str, Theme],
                 goals: Sequence[Goal]) -> tuple[Entry, ...]:
    return tuple(entry_of(c, places[c.city], goals, tuple(themes[t] for t in c.themes)) for c in cases)


def entry_of(case: Case, place: Place, goals: Sequence[Goal], themes: Sequence[Theme]) -> Entry:
    return Entry(urls.case(case.slug), case.title, case.summary, case.published, case.updated or case.published,
                 place.name, (*(f"SDG {n}: {goals[n - 1].title}" for n in sorted(case.sdgs)),
                              *(t.title for t in themes)))


def period_view(period: Period, today: dt.date | None = None) -> PeriodView:
    """The period as pages show it; with today (the build's date), also as a timeline."""
    return PeriodView(
        start=period.start.display() if period.start else None,
        end=period.end.display() if period.end else None,
        status=STATUS_LABELS.get(period.status) if period.status else None,
        status_key=period.status,
        timeline=charts.timeline(period.start, period.end, today) if today else None,
    )


def budget_view(budget: Budget, currencies: dict[str, str]) -> BudgetView:
    total = budget.total
    shares = tuple(BudgetShare(s.name, s.amount, 100 * s.amount / total if total else 0.0, charts.tone(i))
                   for i, s in enumerate(budget.sources))
    return BudgetView(total, budget.currency, currencies.get(budget.currency, budget.currency),
                      shares, budget.note, charts.budget_segments([(s.name, s.amount) for s in budget.sources]))


def goal_bars(cases: Sequence[Case], goals: Sequence[Goal]) -> tuple[charts.GoalBar, ...]:
    return charts.goal_bars(goals_counted(cases, goals))


def cities_of(country: Country, cities: dict[str, City],
              cases_by_city: dict[str, tuple[Case, ...]]) -> tuple[tuple[City, int], ...]:
    """A country's cities (not districts), each with its number of cases."""
    return tuple((c, len(cases_by_city[c.slug])) for c in cities.values() if c.country == country.code and not c.parent)


def goals_counted(cases: Sequence[Case], goals: Sequence[Goal]) -> list[tuple[Goal, int]]:
    """Each goal with the number of those cases that serve it."""
    counts = Counter(number for case in cases for number in case.sdgs)
    return [(goal, counts[goal.number]) for goal in goals]


def search_filters(case: Case, place: Place, themes: Sequence[Theme], goals: Sequence[Goal]) -> dict[str, list[str]]:
    """The facet values Pagefind indexes for a case: a district's case is also its metropolitan
    city's, so filtering by Seoul finds Songpa-gu's cases too. `year` is the year the
    programme started (a case without a start date has none)."""
    cities = [place.name] + ([place.parent_name] if place.parent_name else [])
    period = case.period
    return {
        "goal": [f"{n}. {goals[n - 1].title}" for n in sorted(case.sdgs)],
        "city": cities,
        "country": [place.country_name],
        "region": [place.region] if place.region else [],
        "theme": [t.title for t in themes],
        "status": [STATUS_LABELS[period.status]] if period and period.status else [],
        "year": [str(period.start.year)] if period and period.start else [],
    }


def search_sort(case: Case) -> dict[str, str]:
    """The sort keys Pagefind indexes for a case. Every case has every key, as Pagefind leaves
    pages without the key out of sorted results: a case without a budget or a start date
    sorts last (0). All values are numbers, so Pagefind compares them as numbers."""
    budget, start = case.budget, case.period.start if case.period else None
    return {
        "budget": str(round(budget.total)) if budget else "0",  # in the case's own currency
        "started": start.earliest().strftime("%Y%m%d") if start else "0",
    }


def search_terms(case: Case, city: City, parent: City | None) -> tuple[str, ...]:
    return korean.case_terms(search_texts(case), search_names(city, parent))


def search_texts(case: Case) -> tuple[str, ...]:
    """What a case page shows in its indexed article, outside the body: the source of its
    extra Korean index terms (the body's are added when the page is rendered)."""
    contacts = (value for c in case.contacts for value in (c.name, c.role, c.organization) if value)
    budget = (*(s.name for s in case.budget.sources), case.budget.note or "") if case.budget else ()
    sources = (value for s in case.sources for value in (s.publisher, s.title) if value)
    return (case.title, case.summary, *case.keywords, *case.stakeholders, *case.partners, *contacts, *budget,
            *sources, *(link.title for link in case.links), *(i.caption for i in case.images if i.caption))


def search_names(city: City, parent: City | None) -> tuple[str, ...]:
    """The names of a case's city and its metropolitan city in both scripts, also without
    their administrative suffix (Songpa-gu, Songpa, 송파구, 송파)."""
    return tuple(name for c in (city, parent) if c for name in korean.place_names(c.name, c.name_local))
