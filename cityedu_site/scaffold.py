"""New content files for editors (`python build.py new`, `new-city`) and the field reference
in CONTRIBUTING.md, both written from the schema so they cannot drift from it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from . import schema
from .cms.yamlstyle import scalar
from .kinds import Field
from .sources import SLUG_RE, suggest_slug

CASE_BODY = """\
## Background

What the city faced, and why it acted. Write in your own words; cite the sources below.

## Challenges

## Objectives

## Actions

## Outcomes

Figures with their dates: participants, sessions, graduates, budgets spent.

## Replicability

What another city needs to do the same.
"""

CITY_BODY = """\
A short profile of the city in your own words: what it is, and what it does for education
and lifelong learning.
"""

# Example values of optional fields, shown commented out in a new file, by field name.
_EXAMPLES = {
    "updated": "updated: {today}",
    "places": "places: [chengdu, jeju]        # other places it involves, by slug",
    "lead": 'lead: {{name: "…", type: network}}  # when not the city: ' + ", ".join(schema.LEAD_TYPES),
    "sdgs_in_source": "sdgs_in_source: [4]       # the goals a source itself names; the others are the editors'",
    "sdg_targets": 'sdg_targets: ["4.4"]',
    "reported": "reported: 2022              # the date the facts are as of, when not the newest source's date",
    "milestones": """milestones:
  - {{date: "2019-10-22", title: "…", kind: opening}}
  - {{date: "2011-09-05", end: "2011-09-09", title: "…", kind: session}}""",
    "indicators": """indicators:
  - {{name: "…", value: 555, unit: participants, date: "2020-10-01"}}   # date: what it is as of""",
    "inferred": """inferred:                   # values no source states: say how you worked them out
  - {{field: period.start, how: derived, reason: "…"}}""",
    "themes": "themes: [lifelong-learning]",
    "period": """period:
  start: 2019                 # a year, "2019-10" or 2019-10-22
  end: 2029                   # leave out when open-ended
  status: ongoing             # planned | ongoing | completed""",
    "budget": "\n".join([
        "budget:",
        "  total: 3242000000           # digits only, in the currency's units",
        "  currency: KRW               # ISO 4217",
        "  years: {{first: 2019, last: 2021}}   # the years it covers",
        "  sources:                    # must add up to the total",
        '    - {{name: "District budget", amount: 1389000000}}',
        '    - {{name: "National budget", amount: 1853000000}}',
        '  note: "One sentence on the figures."',
    ]),
    "stakeholders": 'stakeholders: ["…"]',
    "partners": 'partners: ["…"]',
    "contacts": """contacts:
  - name: "…"
    role: "…"
    organization: "…"
    email: "name@example.org"
    phone: "+82-2-000-0000"   # in quotes""",
    "keywords": 'keywords: ["…"]',
    "links": 'links:\n  - {{title: "…", url: "https://…"}}',
    "images": 'images:\n  - {{src: "songpa/human-library.jpg", alt: "What the picture shows"}}',
    "aliases": "aliases: [old-file-name]",
    "name_local": 'name_local: "…"           # the name in the local script',
    "region": 'region: "East Asia"',
    "parent": "parent: seoul             # for a district: its metropolitan city's slug",
    "population": "population: 671312",
    "area_km2": "area_km2: 33.86",
    "website": 'website: "https://…"',
    "memberships": 'memberships: ["UNESCO Global Network of Learning Cities"]',
    "gdp_per_capita": 'gdp_per_capita: {{amount: 25000, currency: USD, qualifier: "more than"}}',
}


def _optional(fields: tuple[Field, ...], today: dt.date, skip: tuple[str, ...] = ()) -> list[str]:
    lines = ["# Optional fields: remove the '# ' in front of the lines you use."]
    for spec in fields:
        if spec.required or spec.name in skip:
            continue
        lines.append(_comment(spec))
        example = _EXAMPLES[spec.name].format(today=today.isoformat())
        lines.extend("# " + line for line in example.splitlines())
    return lines


def _comment(spec: Field) -> str:
    need = "required" if spec.required else "optional"
    return f"# {spec.name} ({need}): {spec.help}"


def new_case(title: str, city: str, today: dt.date) -> str:
    """A case study file with every field: required ones to fill in, optional ones commented out.
    Values are written as the form at /admin/ writes them (cms/yamlstyle.py)."""
    fields = {f.name: f for f in schema.CASE.fields}
    lines = ["---",
             _comment(fields["title"]), f"title: {scalar(title, 'title')}",
             _comment(fields["summary"]), 'summary: ""',
             _comment(fields["city"]), f"city: {scalar(city, 'city')}",
             _comment(fields["sdgs"]), "sdgs: []",
             _comment(fields["published"]), f"published: {today.isoformat()}",
             _comment(fields["sources"]),
             "sources:", '  - publisher: ""', '    title: ""', "    # author: \"…\"", "    # url: https://…",
             "    # date: 2021-01-11          # when it was published: the facts are as of this date",
             f"    # accessed: {today.isoformat()}      # when you read it",
             "    # id: short-name            # for indicators and milestones to name it",
             *_optional(schema.CASE.fields, today, skip=("sources",)),
             "---", ""]
    return "\n".join(lines) + CASE_BODY


def new_city(name: str, today: dt.date) -> str:
    fields = {f.name: f for f in schema.CITY.fields}
    lines = ["---",
             _comment(fields["name"]), f"name: {scalar(name, 'name')}",
             _comment(fields["country"]), 'country: ""',
             *_optional(schema.CITY.fields, today),
             "---", ""]
    return "\n".join(lines) + CITY_BODY


def slug_for(title: str) -> str:
    slug = suggest_slug(title)
    return slug if SLUG_RE.match(slug) else "case-study"


def write_new(folder: Path, slug: str, text: str) -> Path:
    """Write a new content file; never overwrite one."""
    path = folder / f"{slug}.md"
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": fail if it exists
        handle.write(text)
    return path


def field_reference_markdown(kind: str) -> str:
    """The fields of a case study or a city as a Markdown table."""
    rows = ["| field | required | what it holds |", "|---|---|---|"]
    for name, label, required, help_text in schema.field_reference(kind):
        cell = re.sub(r"\|", r"\\|", f"{help_text} ({label})")
        rows.append(f"| `{name}` | {'yes' if required else ''} | {cell} |")
    return "\n".join(rows)



_MARKER = re.compile(r"(<!-- fields:(case|city) -->\n)(?:.*?\n)?(<!-- /fields:\2 -->)", re.S)


def update_reference(document: str) -> str:
    """Replace every `<!-- fields:case -->…<!-- /fields:case -->` block with the current table."""
    return _MARKER.sub(lambda m: m.group(1) + field_reference_markdown(m.group(2)) + "\n" + m.group(3), document)


if __name__ == "__main__":  # python -m cityedu_site.scaffold: refresh CONTRIBUTING.md
    contributing = Path(__file__).resolve().parents[1] / "CONTRIBUTING.md"
    contributing.write_text(update_reference(contributing.read_text("utf-8")), "utf-8")
