"""The front matter of case studies and cities, declared once.

From these declarations come the validation (with positions and hints), the model values,
the JSON Schemas published in the site and the field reference in CONTRIBUTING.md.
"""

from __future__ import annotations

import re
from typing import Any

from . import rules
from .kinds import (
    Checker,
    Choice,
    Date,
    Email,
    Field,
    ListOf,
    MediaPath,
    Number,
    PartialDateKind,
    Phone,
    Record,
    Refs,
    Text,
    Url,
    dotted,
)
from .model import (
    Budget,
    BudgetSource,
    BudgetYears,
    Contact,
    Image,
    Indicator,
    Inference,
    Lead,
    Link,
    Milestone,
    Money,
    Period,
    SourceRef,
)
from .sdgkinds import GoalOrTarget, SdgTarget
from .sources import MAX_SLUG_LENGTH

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SLUG_HINT = "write a slug: lowercase letters, digits and single hyphens, like old-file-name"


STATUSES = ("planned", "ongoing", "completed")
QUALIFIERS = ("about", "more than", "less than")
LEAD_TYPES = ("city", "district", "region", "ministry", "agency", "university", "network", "international",
              "ngo", "company")
MILESTONE_KINDS = ("launch", "session", "workshop", "course", "cohort", "opening", "agreement", "announcement",
                   "deadline", "event")
HOW = ("derived", "inferred")


def _currency() -> Choice:
    return Choice(ref="currencies", what="currency code", fold=str.upper)


# ---- declarations -------------------------------------------------------------------------

_LINE = Text(max_length=200)
_ID = Text(max_length=40, pattern=_SLUG, pattern_hint="write a short id: lowercase letters, digits and hyphens, "
           "like citynet-2021")
_YEAR = Number(minimum=1900, maximum=2200, whole=True)

PERIOD = Record(
    what="period",
    fields=(
        Field("start", PartialDateKind(), "When it started: a year, \"YYYY-MM\" or YYYY-MM-DD.", example=2019),
        Field("end", PartialDateKind(), "When it ended or will end; leave out when open-ended.", example=2029),
        Field("status", Choice(STATUSES, what="status"), "planned, ongoing or completed, as the source "
              "reported it (see `reported`); must agree with the dates.", example="ongoing"),
    ),
    rules=(rules.period_rules,),
    make=Period,
)

BUDGET_SOURCE = Record(
    what="budget source",
    fields=(
        Field("name", _LINE, "Who pays: \"National budget\", \"District budget\"…", required=True,
              example='"District budget"'),
        Field("amount", Number(minimum=0), "The amount, in the budget's currency, in digits.",
              required=True, example=1389000000),
    ),
    make=BudgetSource,
)

BUDGET_YEARS = Record(
    what="budget years",
    fields=(
        Field("first", _YEAR, "The first year the budget covers.", required=True, example=2022),
        Field("last", _YEAR, "The last year it covers (the same as first for one year).", required=True,
              example=2029),
    ),
    rules=(rules.years_rules,),
    make=BudgetYears,
)

BUDGET = Record(
    what="budget",
    fields=(
        Field("total", Number(minimum=0), "The whole budget in the currency's units, digits only "
              "(KRW 3,242 million is 3242000000).", required=True, example=3242000000),
        Field("currency", _currency(), "ISO 4217 code of the currency.", required=True, example="KRW"),
        Field("years", BUDGET_YEARS, "The years the budget covers: first, last. Its US dollar equivalent "
              "uses the first year's rate."),
        Field("sources", ListOf(BUDGET_SOURCE, max_items=30), "Where the money comes from; the "
              "amounts must add up to the total."),
        Field("note", Text(max_length=300), "One sentence on the figures (rounding, what they cover)."),
    ),
    rules=(rules.budget_rules,),
    make=lambda total, currency, sources=(), note=None, years=None: Budget(total, currency, sources, note, years),
)

CONTACT = Record(
    what="contact",
    fields=(
        Field("name", _LINE, "The person's name, as they write it.", example='"Yang Jeong-eun"'),
        Field("role", _LINE, "Their position or role.", example='"Grade-8 civil servant"'),
        Field("organization", _LINE, "Office, division or organisation, as the source names it (never "
              "guessed from an e-mail address).", example='"Songpa-gu Office, Educational Cooperation Division"'),
        Field("email", Email(), "An e-mail address.", example='"name@example.org"'),
        Field("phone", Phone(), "A phone number with country code, in quotes.",
              example='"+82-2-2147-2375"'),
    ),
    rules=(rules.contact_rules,),
    make=Contact,
)

SOURCE_REF = Record(
    what="source",
    fields=(
        Field("id", _ID, "A short name for it, when indicators or milestones need to name their source.",
              example="citynet-2021"),
        Field("publisher", _LINE, "Who published the source.", required=True, example='"CityNet"'),
        Field("author", _LINE, "Who wrote it, when the source says: a person or a body.",
              example='"CityNet Secretariat"'),
        Field("title", Text(max_length=300), "The source's title."),
        Field("url", Url(), "Where to read it (https://…)."),
        Field("date", PartialDateKind(), "When it was published: YYYY-MM-DD, \"YYYY-MM\" or a year. The "
              "case's facts are as of the newest source's date unless `reported` says otherwise.",
              example="2021-01-11"),
        Field("accessed", Date(), "When the editors read it (YYYY-MM-DD).", example="2026-12-02"),
    ),
    rules=(rules.source_rules,),
    make=SourceRef,
)

LEAD = Record(
    what="lead organisation",
    fields=(
        Field("name", _LINE, "The organisation's name, as the source gives it.", required=True,
              example='"World e-Governments Organization of Cities and Local Governments (WeGO)"'),
        Field("type", Choice(LEAD_TYPES, what="type of organisation"), "What it is: " + ", ".join(LEAD_TYPES) + ".",
              required=True, example="network"),
    ),
    make=Lead,
)

MILESTONE = Record(
    what="milestone",
    fields=(
        Field("date", PartialDateKind(), "When it happened or began.", required=True, example='"2019-10-22"'),
        Field("end", PartialDateKind(), "When it ended, for a session or a course that lasted."),
        Field("title", _LINE, "What happened, in a few words.", required=True, example='"Human Library opens"'),
        Field("kind", Choice(MILESTONE_KINDS, what="kind of milestone"), "One of: "
              + ", ".join(MILESTONE_KINDS) + " (event when left out).", example="opening"),
        Field("place", Choice(ref="cities", what="city"), "Where, when not the case's city: a city's slug."),
        Field("source", _ID, "The id of the source that gives it, when the case has several."),
    ),
    rules=(rules.milestone_rules,),
    make=lambda date, title, kind="event", end=None, place=None, source=None: Milestone(
        date, title, kind, end, place, source),
)

INDICATOR = Record(
    what="indicator",
    fields=(
        Field("name", _LINE, "What was counted or measured.", required=True,
              example='"Human Library participants"'),
        Field("value", Number(minimum=0), "The figure, in digits.", required=True, example=555),
        Field("unit", Text(max_length=60), "What the figure counts: participants, graduates, countries, "
              "sessions, views…", required=True, example="participants"),
        Field("qualifier", Choice(QUALIFIERS, what="qualifier"), "about, more than or less than, when the "
              "source says so."),
        Field("date", PartialDateKind(), "What the figure is as of; left out, its source's date.",
              example='"2020-10-01"'),
        Field("source", _ID, "The id of the source that gives it, when the case has several."),
        Field("note", Text(max_length=200), "A few words on what the figure covers."),
    ),
    make=Indicator,
)

INFERENCE = Record(
    what="mark",
    fields=(
        Field("field", Text(max_length=80), "The field whose value the editors worked out or concluded, "
              "named as messages name it: period.start, budget.years, indicators[2].value.", required=True,
              example="period.start"),
        Field("how", Choice(HOW, what="way"), "derived (worked out from figures the source gives) or inferred "
              "(concluded from what the source says); inferred when left out.", example="derived"),
        Field("reason", Text(max_length=300), "How: one sentence a reader can check against the source.",
              required=True, example='"The source gives eight years until 2029."'),
    ),
    make=lambda field, reason, how="inferred": Inference(field, reason, how),
)

LINK = Record(
    what="link",
    fields=(
        Field("title", _LINE, "What the link leads to.", required=True),
        Field("url", Url(), "The address (https://…).", required=True),
    ),
    make=Link,
)

IMAGE = Record(
    what="image",
    fields=(
        Field("src", MediaPath(), "File name below content/media/.", required=True),
        Field("alt", Text(max_length=300), "What the image shows, for readers who cannot see it.",
              required=True),
        Field("caption", Text(max_length=300), "A caption shown under the image."),
    ),
    make=Image,
)

CASE = Record(
    what="case study",
    fields=(
        Field("title", Text(max_length=140), "The programme's name, as a reader would search for it.",
              required=True, example='"Songpa Smart Education Model (SSEM)"'),
        Field("summary", Text(max_length=400), "One or two sentences: what the city does and for whom.",
              required=True, example='"…"'),
        Field("city", Choice(ref="cities", what="city"), "The city's slug: the name of its file in "
              "content/cities/ without .md.", required=True, example="songpa-gu"),
        Field("places", ListOf(Choice(ref="cities", what="city"), max_items=20, unique=True),
              "Other cities, districts or regions it involves, by slug: the case is listed on each one's page.",
              example=["chengdu", "jeju"]),
        Field("lead", LEAD, "Who runs it, when not the city's government: name and type (a network, a "
              "ministry, a university…)."),
        Field("sdgs", ListOf(Number(minimum=1, maximum=17, whole=True), min_items=1, max_items=17,
                             unique=True),
              "The UN Sustainable Development Goals it serves, as numbers from 1 to 17.",
              required=True, example=[4]),
        Field("sdgs_in_source", ListOf(GoalOrTarget(), max_items=30, unique=True),
              "The goals (and targets) among sdgs and sdg_targets that a source itself names; the "
              "others are shown as assigned by the editors.", example=[4]),
        Field("sdg_targets", ListOf(SdgTarget(), max_items=30, unique=True),
              "SDG targets it serves, in quotes (\"4.3\"); each of a goal in sdgs.", example=['"4.4"']),
        Field("published", Date(), "The date the case study is published here (YYYY-MM-DD).",
              required=True, example="2026-11-22"),
        Field("updated", Date(), "The date of the last substantial revision (YYYY-MM-DD)."),
        Field("reported", PartialDateKind(), "The date the facts are as of, when it is not the newest "
              "source's date (a year, \"YYYY-MM\" or YYYY-MM-DD); statuses are shown with it.", example=2022),
        Field("themes", ListOf(Choice(ref="themes", what="theme"), max_items=8, unique=True),
              "Themes from content/themes.yaml.", example=["lifelong-learning"]),
        Field("period", PERIOD, "When the programme runs: start, end, status."),
        Field("milestones", ListOf(MILESTONE, max_items=60), "Dated events: a launch, sessions, cohorts, "
              "an opening."),
        Field("budget", BUDGET, "What it costs and who pays."),
        Field("indicators", ListOf(INDICATOR, max_items=60), "Reported results: name, value, unit, date, "
              "source."),
        Field("stakeholders", ListOf(_LINE, max_items=40), "Who takes part or is served."),
        Field("partners", ListOf(_LINE, max_items=40), "The partner organisations the source names as such."),
        Field("contacts", ListOf(CONTACT, max_items=10), "Whom to ask: name, role, organization, "
              "email, phone."),
        Field("keywords", ListOf(Text(max_length=60), max_items=30, unique=True),
              "Words readers may search for, in any language."),
        Field("links", ListOf(LINK, max_items=20), "Further information: title and url."),
        Field("sources", ListOf(SOURCE_REF, max_items=20), "Where the facts come from: publisher, author, "
              "title, url, date, accessed."),
        Field("inferred", ListOf(INFERENCE, max_items=40), "Values the editors worked out or concluded "
              "rather than read in a source: field, how, reason. Shown as the editors' on the page."),
        Field("images", ListOf(IMAGE, max_items=12), "Pictures from content/media/ with their alt text."),
        Field("aliases", ListOf(Text(max_length=MAX_SLUG_LENGTH, pattern=_SLUG, pattern_hint=_SLUG_HINT),
                                max_items=20, unique=True),
              "Earlier slugs of this case study, after a rename: their old addresses redirect here.",
              example=["old-file-name"]),
    ),
    rules=(rules.case_rules,),
)

GDP = Record(
    what="amount",
    fields=(
        Field("amount", Number(minimum=0), "The amount in digits.", required=True, example=25000),
        Field("currency", _currency(), "ISO 4217 code.", required=True, example="USD"),
        Field("qualifier", Choice(QUALIFIERS, what="qualifier"), "about, more than or less than."),
    ),
    make=Money,
)

CITY = Record(
    what="city",
    fields=(
        Field("name", Text(max_length=100), "The city's name in English.", required=True,
              example='"Songpa-gu"'),
        Field("name_local", Text(max_length=100), "The name in the local language and script.",
              example='"송파구"'),
        Field("country", Choice(ref="countries", what="country code", fold=str.upper),
              "ISO 3166-1 alpha-2 code of the country.", required=True, example="KR"),
        Field("region", Text(max_length=60), "World region, as CityNet names it.", example='"East Asia"'),
        Field("parent", Choice(ref="cities", what="city"), "For a district: the slug of its "
              "metropolitan city.", example="seoul"),
        Field("population", Number(minimum=0, whole=True), "Number of residents, digits only.",
              example=671312),
        Field("area_km2", Number(minimum=0, exclusive_minimum=True), "Area in square kilometres.",
              example=33.86),
        Field("website", Url(), "The local government's website (https://…)."),
        Field("memberships", ListOf(_LINE, max_items=20, unique=True),
              "City networks it belongs to (UNESCO GNLC, WeGO, CityNet…)."),
        Field("gdp_per_capita", GDP, "GDP per head: amount, currency, qualifier."),
    ),
    rules=(rules.city_rules,),
)


def validate(kind: str, data: Any, ck: Checker) -> dict | None:
    """Check one file's front matter; the checked values, or None when it has errors."""
    checked = (CASE if kind == "case" else CITY).check(data, (), ck)
    if not isinstance(checked, dict) or any(p.is_error for p in ck.problems):
        return None
    return checked


def json_schema(kind: str, refs: Refs, base_url: str) -> dict:
    record = CASE if kind == "case" else CITY
    name = "case-study" if kind == "case" else "city"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base_url}schema/{name}.json",
        "title": f"cityedu_site {record.what} front matter",
        **record.json_schema(refs),
    }


def field_reference(kind: str) -> list[tuple[str, str, bool, str]]:
    """(dotted field, what it holds, required, help) for every field, nested ones included."""
    rows: list[tuple[str, str, bool, str]] = []

    def walk(record: Record, prefix: tuple) -> None:
        for spec in record.fields:
            path = (*prefix, spec.name)
            rows.append((dotted(path), spec.kind.label, spec.required, spec.help))
            inner = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
            if isinstance(inner, Record):
                walk(inner, path)

    walk(CASE if kind == "case" else CITY, ())
    return rows
