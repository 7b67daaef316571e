"""The plain, immutable data the site is made of. No behaviour beyond small derived values."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field


def fingerprint(*parts: object) -> str:
    """A short, stable digest of some values (stable across processes, unlike hash())."""
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=12).hexdigest()


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A year, a month or a day: programmes are often known only as "since 2019"."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def display(self) -> str:
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            next_month = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return next_month - dt.timedelta(days=1)
        return dt.date(self.year, self.month, self.day)


@dataclass(frozen=True, slots=True)
class Period:
    start: PartialDate | None = None
    end: PartialDate | None = None
    status: str | None = None  # planned | ongoing | completed


@dataclass(frozen=True, slots=True)
class BudgetSource:
    name: str
    amount: int | float


@dataclass(frozen=True, slots=True)
class BudgetYears:
    """The years a budget covers, both included."""

    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Budget:
    total: int | float
    currency: str
    sources: tuple[BudgetSource, ...] = ()
    note: str | None = None
    years: BudgetYears | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    name: str | None = None
    role: str | None = None
    organization: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a case's facts come from."""

    publisher: str
    title: str | None = None
    url: str | None = None
    date: PartialDate | None = None  # of publication
    id: str | None = None  # what indicators and milestones name it by
    author: str | None = None  # a person or a body, when the publisher names one
    accessed: dt.date | None = None  # when the editors read it


@dataclass(frozen=True, slots=True)
class Lead:
    """The organisation that runs a programme, when it is not simply the city."""

    name: str
    type: str  # one of schema.LEAD_TYPES


@dataclass(frozen=True, slots=True)
class Milestone:
    """A dated event: a launch, a session, an opening, a cohort…"""

    date: PartialDate
    title: str
    kind: str = "event"  # one of schema.MILESTONE_KINDS
    end: PartialDate | None = None  # for an event that lasts: a session, a workshop
    place: str | None = None  # a City slug
    source: str | None = None  # a SourceRef id


@dataclass(frozen=True, slots=True)
class Indicator:
    """A reported result: "555 participants in the Human Library, as of 1 October 2020"."""

    name: str
    value: int | float
    unit: str
    date: PartialDate | None = None  # what the value is as of; default: its source's date
    source: str | None = None  # a SourceRef id
    qualifier: str | None = None  # "more than", "about"
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Inference:
    """A value the editors worked out or concluded, rather than read in a source."""

    field: str  # the field it marks, dotted as in messages: "period.start", "indicators[2].value"
    reason: str
    how: str = "inferred"  # "derived" (worked out from sourced figures) or "inferred"


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Image:
    src: str  # a path under content/media/
    alt: str
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Money:
    amount: int | float
    currency: str
    qualifier: str | None = None  # "more than", "about"


@dataclass(frozen=True, slots=True)
class Goal:
    number: int
    title: str
    colour: str
    statement: str
    slug: str  # "4-quality-education"

    @property
    def digest(self) -> str:  # goals ship with the package, whose version is part of every cache key
        return f"goal{self.number}"


@dataclass(frozen=True, slots=True)
class Theme:
    slug: str
    title: str
    description: str

    @property
    def digest(self) -> str:
        return fingerprint(self.slug, self.title, self.description)


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str

    @property
    def digest(self) -> str:
        return f"country{self.code}"


@dataclass(frozen=True, slots=True)
class City:
    slug: str
    path: str
    name: str
    country: str  # ISO 3166-1 alpha-2
    name_local: str | None = None
    region: str | None = None
    parent: str | None = None  # slug of the metropolitan city a district belongs to
    population: int | None = None
    area_km2: float | None = None
    website: str | None = None
    memberships: tuple[str, ...] = ()
    gdp_per_capita: Money | None = None
    # Of the file's path and bytes: changes whenever anything in it does. The body (Markdown)
    # is not kept: the page's renderer reads it again and checks it against this digest.
    digest: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    slug: str
    path: str
    title: str
    summary: str
    city: str  # a City slug
    sdgs: tuple[int, ...]
    published: dt.date
    themes: tuple[str, ...] = ()
    updated: dt.date | None = None
    period: Period | None = None
    budget: Budget | None = None
    stakeholders: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    keywords: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    images: tuple[Image, ...] = ()
    aliases: tuple[str, ...] = ()  # earlier slugs, which redirect here
    reported: PartialDate | None = None  # the date its facts are as of, when not its newest source's
    lead: Lead | None = None
    places: tuple[str, ...] = ()  # City slugs of the other places it involves
    sdgs_in_source: tuple[int | str, ...] = ()  # the goals (4) and targets ("4.3") a source names
    sdg_targets: tuple[str, ...] = ()  # "4.3"
    milestones: tuple[Milestone, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    inferred: tuple[Inference, ...] = ()
    # Of the file's path and bytes: changes whenever anything in it does. The body (Markdown)
    # is not kept: the page's renderer reads it again and checks it against this digest.
    digest: str = ""


@dataclass(frozen=True, slots=True)
class Site:
    """Everything loaded, cross-referenced and sorted; what the page planner reads."""

    cases: tuple[Case, ...]  # newest first
    by_slug: dict[str, Case]
    cities: dict[str, City]
    goals: tuple[Goal, ...]
    themes: dict[str, Theme]
    countries: dict[str, Country]  # only the countries some city is in
    cases_by_city: dict[str, tuple[Case, ...]]  # a metropolitan city includes its districts
    cases_by_goal: dict[int, tuple[Case, ...]]
    cases_by_theme: dict[str, tuple[Case, ...]]
    cases_by_country: dict[str, tuple[Case, ...]]
    districts: dict[str, tuple[City, ...]]
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)  # slugs

    def goal(self, number: int) -> Goal:
        return self.goals[number - 1]
