"""The front matter of case studies and cities, declared once.

From these declarations come the validation (with positions and hints), the model values,
the JSON Schemas published in the site and the field reference in CONTRIBUTING.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

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
    Path,
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
    Contact,
    Image,
    Link,
    Money,
    Period,
    SourceRef,
)
from .problems import Severity
from .sources import MAX_SLUG_LENGTH

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SLUG_HINT = "write a slug: lowercase letters, digits and single hyphens, like old-file-name"


STATUSES = ("planned", "ongoing", "completed")
QUALIFIERS = ("about", "more than", "less than")


def _currency() -> Choice:
    return Choice(ref="currencies", what="currency code", fold=str.upper)


# ---- rules across fields ------------------------------------------------------------------

def period_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    start, end, status = values.get("start"), values.get("end"), values.get("status")
    today = ck.refs.today
    if start and end and end.latest() < start.earliest():
        ck.report((*path, "end"), f"the end ({end.iso()}) is before the start ({start.iso()})",
                  "swap them, or correct the year")
        return
    if status == "completed" and start and start.earliest() > today:
        ck.report((*path, "status"), f"says completed but the start ({start.iso()}) is in the future",
                  "use status: planned, or correct the start")
    elif status == "completed" and end and end.earliest() > today:
        ck.report((*path, "status"), f"says completed but the end ({end.iso()}) is in the future",
                  "use status: ongoing, or correct the end")
    elif status == "ongoing" and start and start.earliest() > today:
        ck.report((*path, "status"), f"says ongoing but the start ({start.iso()}) is in the future",
                  "use status: planned, or correct the start")
    elif status == "ongoing" and end and end.latest() < today:
        ck.report((*path, "status"), f"says ongoing but the end ({end.iso()}) has passed",
                  "use status: completed, or correct the end")
    elif status == "planned" and start and start.latest() < today:
        ck.report((*path, "status"), f"says planned but the start ({start.iso()}) has passed",
                  "use status: ongoing or completed, or correct the start")


def budget_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    sources = values.get("sources") or ()
    if not sources:
        return
    total = values["total"]
    added = sum(s.amount for s in sources)
    if not math.isclose(added, total, rel_tol=0, abs_tol=0.005):
        ck.report((*path, "total"), f"the sources add up to {added:,} but the total is {total:,}",
                  "make the amounts add up exactly; if the publication rounds its total, give "
                  "the exact sum as total and say so in budget.note")


def contact_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    if not values.get("email") and not values.get("phone"):
        ck.report(path, "a contact needs an email or a phone", "add `email:` or `phone:`")


def case_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    if not values.get("sources"):
        ck.report((), "no sources: readers cannot check where the facts come from",
                  "add `sources:` with at least a publisher", severity=Severity.WARNING)
    published, updated = values.get("published"), values.get("updated")
    if published and updated and updated < published:
        ck.report(("updated",), f"the update ({updated}) is before publication ({published})",
                  "correct one of the dates")
    if published and published > ck.refs.today:
        ck.report(("published",), f"the publication date {published} is in the future",
                  "use today's date or earlier", severity=Severity.WARNING)


def city_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    parent = values.get("parent")
    if parent and ck.rel.endswith(f"/{parent}.md"):
        ck.report(("parent",), "a city cannot be its own parent", "remove `parent:`")


# ---- declarations -------------------------------------------------------------------------

_LINE = Text(max_length=200)

PERIOD = Record(
    what="period",
    fields=(
        Field("start", PartialDateKind(), "When it started: a year, \"YYYY-MM\" or YYYY-MM-DD.", example=2019),
        Field("end", PartialDateKind(), "When it ended or will end; leave out when open-ended.", example=2029),
        Field("status", Choice(STATUSES, what="status"), "planned, ongoing or completed; must agree "
              "with the dates.", example="ongoing"),
    ),
    rules=(period_rules,),
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

BUDGET = Record(
    what="budget",
    fields=(
        Field("total", Number(minimum=0), "The whole budget in the currency's units, digits only "
              "(KRW 3,242 million is 3242000000).", required=True, example=3242000000),
        Field("currency", _currency(), "ISO 4217 code of the currency.", required=True, example="KRW"),
        Field("sources", ListOf(BUDGET_SOURCE, max_items=30), "Where the money comes from; the "
              "amounts must add up to the total."),
        Field("note", Text(max_length=300), "One sentence on the figures (rounding, years covered)."),
    ),
    rules=(budget_rules,),
    make=lambda total, currency, sources=(), note=None: Budget(total, currency, sources, note),
)

CONTACT = Record(
    what="contact",
    fields=(
        Field("name", _LINE, "The person's name, as they write it.", example='"Yang Jeong-eun"'),
        Field("role", _LINE, "Their position or role.", example='"Grade-8 civil servant"'),
        Field("organization", _LINE, "Office, division or organisation.",
              example='"Songpa-gu Office, Educational Cooperation Division"'),
        Field("email", Email(), "An e-mail address.", example='"name@example.org"'),
        Field("phone", Phone(), "A phone number with country code, in quotes.",
              example='"+82-2-2147-2375"'),
    ),
    rules=(contact_rules,),
    make=Contact,
)

SOURCE_REF = Record(
    what="source",
    fields=(
        Field("publisher", _LINE, "Who published the source.", required=True, example='"CityNet"'),
        Field("title", Text(max_length=300), "The source's title."),
        Field("url", Url(), "Where to read it (https://…)."),
        Field("date", Date(), "When it was published (YYYY-MM-DD)."),
    ),
    make=SourceRef,
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
        Field("sdgs", ListOf(Number(minimum=1, maximum=17, whole=True), min_items=1, max_items=17,
                             unique=True),
              "The UN Sustainable Development Goals it serves, as numbers from 1 to 17.",
              required=True, example=[4]),
        Field("published", Date(), "The date the case study is published here (YYYY-MM-DD).",
              required=True, example="2026-11-22"),
        Field("updated", Date(), "The date of the last substantial revision (YYYY-MM-DD)."),
        Field("themes", ListOf(Choice(ref="themes", what="theme"), max_items=8, unique=True),
              "Themes from content/themes.yaml.", example=["lifelong-learning"]),
        Field("period", PERIOD, "When the programme runs: start, end, status."),
        Field("budget", BUDGET, "What it costs and who pays."),
        Field("stakeholders", ListOf(_LINE, max_items=40), "Who takes part or is served."),
        Field("partners", ListOf(_LINE, max_items=40), "Partner organisations."),
        Field("contacts", ListOf(CONTACT, max_items=10), "Whom to ask: name, role, organization, "
              "email, phone."),
        Field("keywords", ListOf(Text(max_length=60), max_items=30, unique=True),
              "Words readers may search for, in any language."),
        Field("links", ListOf(LINK, max_items=20), "Further information: title and url."),
        Field("sources", ListOf(SOURCE_REF, max_items=20), "Where the facts come from: publisher, "
              "title, url, date."),
        Field("images", ListOf(IMAGE, max_items=12), "Pictures from content/media/ with their alt text."),
        Field("aliases", ListOf(Text(max_length=MAX_SLUG_LENGTH, pattern=_SLUG, pattern_hint=_SLUG_HINT),
                                max_items=20, unique=True),
              "Earlier slugs of this case study, after a rename: their old addresses redirect here.",
              example=["old-file-name"]),
    ),
    rules=(case_rules,),
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
    rules=(city_rules,),
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
