"""What pages show, as plain values: a case's card and place, its period, budget and search
facets, a list's pagination. Pure functions of model values; the planner (pages.py) decides
which pages exist and hands these to the templates, which only format them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import charts, korean, rates, urls
from .facts import CaseFacts, Flag, case_facts, days_of
from .feeds import Entry
from .model import Budget, Case, City, Country, Goal, Theme, fingerprint
from .reporting import StatusView, reported_of, status_view


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
    local_lang: str = "ko"  # the language of name_local, for <span lang>


LOCAL_LANGUAGES = {"KR": "ko", "KP": "ko", "CN": "zh", "TW": "zh", "HK": "zh", "JP": "ja", "RU": "ru", "MN": "mn",
                   "VN": "vi", "TH": "th"}


@dataclass(frozen=True, slots=True)
class CaseCard:
    """What a list of cases shows of each case."""

    url: str
    title: str
    summary: str
    place: Place
    goals: tuple[Goal, ...]
    published: dt.date
    status: StatusView | None  # as reported, with its date
    digest: str
    others: tuple[Place, ...] = ()  # the other places it involves

    @property
    def places(self) -> tuple[Place, ...]:
        return (self.place, *self.others)


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
    years: str | None = None  # "2022–2029"
    usd: rates.UsdEquivalent | None = None  # None: a currency without rates
    usd_text: str | None = None  # "2.83 million": three significant figures
    flags: tuple[Flag, ...] = ()  # the editors' marks on its figures
    rates_url: str = rates.RATES_URL


@dataclass(frozen=True, slots=True)
class PeriodView:
    start: str | None
    end: str | None
    status: StatusView | None
    timeline: charts.Timeline | None = None  # on the case page: the period, milestones and the build's date
    start_flag: Flag | None = None
    end_flag: Flag | None = None

    @property
    def status_key(self) -> str | None:
        return self.status.key if self.status else None



@dataclass(frozen=True, slots=True)
class CaseView:
    """What a case's page shows beyond its card: its facts as reported, period and budget."""

    facts: CaseFacts
    period: PeriodView | None
    budget: BudgetView | None
    places: dict[str, Place]  # the case's places by slug (milestones name theirs)


def case_view(case: Case, card: CaseCard, currencies: dict[str, str], goals: Sequence[Goal],
              today: dt.date) -> CaseView:
    facts = case_facts(case, goals)
    return CaseView(facts, period_view(case, facts, today) if case.period or case.milestones else None,
                    budget_view(case, currencies, facts) if case.budget else None,
                    dict(zip((case.city, *case.places), card.places, strict=True)))


def place_of(city: City, parent: City | None, country: Country) -> Place:
    return Place(
        name=city.name, url=urls.city(city.slug), name_local=city.name_local,
        parent_name=parent.name if parent else None,
        parent_url=urls.city(parent.slug) if parent else None,
        country_name=country.name, country_url=urls.country(country.code), region=city.region,
        digest=fingerprint(city.digest, parent.digest if parent else "", country.code),
        local_lang=LOCAL_LANGUAGES.get(country.code, "und"),
    )


def case_places(case: Case, places: dict[str, Place]) -> tuple[Place, ...]:
    """The case's city first, then the other places it involves."""
    return tuple(places[slug] for slug in (case.city, *case.places))


def case_status(case: Case, today: dt.date) -> StatusView | None:
    if case.period is None or case.period.status is None:
        return None
    return status_view(case.period.status, reported_of(case.reported, case.sources), today)


def card_of(case: Case, places: Sequence[Place], goals: Sequence[Goal], today: dt.date) -> CaseCard:
    """places: the case's city's first (see case_places). The status ages with today."""
    status = case_status(case, today)
    return CaseCard(
        url=urls.case(case.slug), title=case.title, summary=case.summary, place=places[0],
        goals=tuple(goals[n - 1] for n in sorted(case.sdgs)), published=case.published, status=status,
        digest=fingerprint(case.digest, *(p.digest for p in places), status.label if status else ""),
        others=tuple(places[1:]),
    )


def feed_entries(cases: Sequence[Case], cards: dict[str, CaseCard], themes: dict[str, Theme],
                 goals: Sequence[Goal]) -> tuple[Entry, ...]:
    return tuple(entry_of(c, cards[c.slug], goals, tuple(themes[t] for t in c.themes)) for c in cases)


def entry_of(case: Case, card: CaseCard, goals: Sequence[Goal], themes: Sequence[Theme]) -> Entry:
    return Entry(urls.case(case.slug), case.title, case.summary, case.published, case.updated or case.published,
                 ", ".join(p.name for p in card.places),
                 (*(f"SDG {n}: {goals[n - 1].title}" for n in sorted(case.sdgs)), *(t.title for t in themes)),
                 card.status.label if card.status else None)


def period_view(case: Case, facts: CaseFacts, today: dt.date) -> PeriodView:
    """The period, its status as reported and a timeline with its milestones and the build's date."""
    period, status = case.period, case_status(case, today)
    start, end = (period.start, period.end) if period else (None, None)
    reported = reported_of(case.reported, case.sources).date
    if status is not None and status.key == "completed":
        known = None  # a completed programme is over: its whole period is known
    else:  # the period is known up to the report's date; undated, not even that
        known = reported.earliest() if reported else (start.earliest() if start else None)
    picture = charts.timeline(start, end, today, known_until=known,
                              reported=reported.earliest() if reported and (period or case.milestones) else None,
                              marks=tuple(days_of(m) for m in case.milestones))
    return PeriodView(start.display() if start else None, end.display() if end else None, status, picture,
                      facts.flag("period.start"), facts.flag("period.end"))


def budget_view(case: Case, currencies: dict[str, str], facts: CaseFacts) -> BudgetView:
    budget: Budget = case.budget
    total = budget.total
    shares = tuple(BudgetShare(s.name, s.amount, 100 * s.amount / total if total else 0.0, charts.tone(i))
                   for i, s in enumerate(budget.sources))
    usd = rates.usd_equivalent(budget, reported_of(case.reported, case.sources).date)
    years = budget.years
    span = None if years is None else str(years.first) if years.last == years.first else f"{years.first}–{years.last}"
    flags = tuple(f for f in (facts.flag(n) for n in ("budget.total", "budget.years")) if f)
    return BudgetView(total, budget.currency, currencies.get(budget.currency, budget.currency),
                      shares, budget.note, charts.budget_segments([(s.name, s.amount) for s in budget.sources]),
                      span, usd, rates.rounded_text(usd.amount) if usd else None, flags)


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


def search_filters(case: Case, card: CaseCard, themes: Sequence[Theme], goals: Sequence[Goal]) -> dict[str, list[str]]:
    """The facet values Pagefind indexes for a case: a case counts under each of its places, and
    a district's case is also its metropolitan city's, so filtering by Seoul finds Songpa-gu's
    cases too. `status` is the status as reported ("Last reported as ongoing" once it has aged);
    `year` is the year the programme started (a case without a start date has none)."""
    places = card.places
    period = case.period
    return {
        "goal": [f"{n}. {goals[n - 1].title}" for n in sorted(case.sdgs)],
        "city": _unique(name for p in places for name in (p.name, p.parent_name) if name),
        "country": _unique(p.country_name for p in places),
        "region": _unique(p.region for p in places if p.region),
        "theme": [t.title for t in themes],
        "status": [card.status.facet] if card.status else [],
        "year": [str(period.start.year)] if period and period.start else [],
    }


def _unique(values) -> list[str]:
    return list(dict.fromkeys(values))


def search_sort(case: Case) -> dict[str, str]:
    """The sort keys Pagefind indexes for a case. Every case has every key, as Pagefind leaves
    pages without the key out of sorted results: a case without a budget (or whose currency has
    no rate) or a start date sorts last (0). Budgets sort by their US dollar equivalent, so
    KRW 3 billion (about USD 2.6 million) comes after USD 5 million. All values are whole
    numbers, so Pagefind compares them as numbers."""
    budget, start = case.budget, case.period.start if case.period else None
    usd = rates.usd_equivalent(budget, reported_of(case.reported, case.sources).date) if budget else None
    return {
        "budget": str(round(usd.amount)) if usd else "0",
        "started": start.earliest().strftime("%Y%m%d") if start else "0",
    }


def search_terms(case: Case, city: City, parent: City | None, others: Sequence[Place] = ()) -> tuple[str, ...]:
    names = (*search_names(city, parent), *(n for p in others for n in korean.place_names(p.name, p.name_local)))
    return korean.case_terms(search_texts(case), names)


def search_texts(case: Case) -> tuple[str, ...]:
    """What a case page shows in its indexed article, outside the body: the source of its
    extra Korean index terms (the body's are added when the page is rendered)."""
    contacts = (value for c in case.contacts for value in (c.name, c.role, c.organization) if value)
    budget = (*(s.name for s in case.budget.sources), case.budget.note or "") if case.budget else ()
    sources = (value for s in case.sources for value in (s.publisher, s.author, s.title) if value)
    results = (value for i in case.indicators for value in (i.name, i.unit, i.note) if value)
    return (case.title, case.summary, *case.keywords, *case.stakeholders, *case.partners, *contacts, *budget,
            *sources, *(link.title for link in case.links), *(i.caption for i in case.images if i.caption),
            *((case.lead.name,) if case.lead else ()), *(m.title for m in case.milestones), *results,
            *(mark.reason for mark in case.inferred))


def search_names(city: City, parent: City | None) -> tuple[str, ...]:
    """The names of a case's city and its metropolitan city in both scripts, also without
    their administrative suffix (Songpa-gu, Songpa, 송파구, 송파)."""
    return tuple(name for c in (city, parent) if c for name in korean.place_names(c.name, c.name_local))
