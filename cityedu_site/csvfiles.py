"""The site's CSV files, for spreadsheets: cases.csv (one row per case, from its cases.json
record; lists joined with "; ") and indicators.csv (one row per outcome indicator, with its
case's places, goals and themes, so that the cases of a goal or a theme can be compared)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from . import urls
from .facts import indicator_date
from .model import Case, Theme

if TYPE_CHECKING:
    from .exports import Listing

CSV_COLUMNS = ("slug", "url", "title", "summary", "city", "city_name", "parent_city", "country", "region",
               "other_places", "lead", "lead_type", "sdgs", "sdgs_in_source", "sdg_targets", "themes", "published",
               "updated", "reported", "reported_from", "period_start", "period_end", "status", "status_as_reported",
               "last_reported", "milestones", "budget_total", "budget_currency", "budget_years", "budget_sources",
               "budget_usd", "budget_usd_rate_year", "indicators", "stakeholders", "partners", "contacts",
               "keywords", "sources", "inferred")


def cases_csv(lines: Iterable[bytes]) -> bytes:
    """One row per case (see Records.csv_line), under a header row."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(CSV_COLUMNS)
    return out.getvalue().encode() + b"".join(lines)


def case_row(r: dict) -> list:
    period, budget, place, lead = r.get("period", {}), r.get("budget", {}), r["place"], r.get("lead", {})
    reported, usd, years = r["as_reported"], r.get("budget_usd") or {}, budget.get("years")
    return [
        r["slug"], r["url"], r["title"], r["summary"], r["city"], place["name"], place.get("parent", ""),
        place["country"], place.get("region", ""), join(r.get("places", ())), lead.get("name", ""),
        lead.get("type", ""), join(r["sdgs"]), join(r.get("sdgs_in_source", ())), join(r.get("sdg_targets", ())),
        join(r.get("themes", ())), r["published"], r.get("updated", ""), reported["date"] or "",
        reported["from"] or "", period.get("start", ""), period.get("end", ""), period.get("status", ""),
        reported.get("label", ""), _yes(reported.get("last_reported")),
        join(_milestone_text(m) for m in r.get("milestones", ())),
        budget.get("total", ""), budget.get("currency", ""), f"{years['first']}-{years['last']}" if years else "",
        join(f"{s['name']}: {s['amount']}" for s in budget.get("sources", ())),
        usd.get("amount", ""), usd.get("rate_year") or "",
        join(_indicator_text(i) for i in r.get("indicators", ())),
        join(r.get("stakeholders", ())), join(r.get("partners", ())),
        join(", ".join(str(v) for v in c.values()) for c in r.get("contacts", ())),
        join(r.get("keywords", ())),
        join(", ".join(str(v) for v in s.values()) for s in r.get("sources", ())),
        join(f"{m['field']} ({m.get('how', 'inferred')}): {m['reason']}" for m in r.get("inferred", ())),
    ]


def _yes(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def _milestone_text(m: dict) -> str:
    when = m["date"] + (f"/{m['end']}" if m.get("end") else "")
    return f"{when} {m.get('kind', 'event')}: {m['title']}"


def _indicator_text(i: dict) -> str:
    qualifier = f"{i['qualifier']} " if i.get("qualifier") else ""
    return f"{i['name']}: {qualifier}{i['value']} {i['unit']}" + (f" (as of {i['date']})" if i.get("date") else "")


INDICATOR_COLUMNS = ("case", "case_url", "case_title", "places", "goals", "goals_named_by_source", "themes",
                     "indicator", "qualifier", "value", "unit", "as_of", "as_of_from", "source", "note",
                     "editors_mark")


def indicators_csv(cases: Iterable[Case], listing: Listing, themes: dict[str, Theme]) -> bytes:
    """Every outcome indicator of every case, one row each, with its case's places, goals and
    themes: filter by a goal or a theme to compare the cases that serve it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(INDICATOR_COLUMNS)
    for case in cases:
        places = "; ".join(listing.cities[slug].name for slug in (case.city, *case.places))
        goals = "; ".join(f"{n}. {listing.goals[n - 1].title}" for n in sorted(case.sdgs))
        named = join(n for n in sorted(case.sdgs) if n in case.sdgs_in_source)
        theme_titles = "; ".join(themes[t].title for t in case.themes)
        marked = {mark.field.split(".")[0]: mark for mark in case.inferred}
        for number, indicator in enumerate(case.indicators, 1):
            date = indicator_date(indicator, case)
            source = next((s for s in case.sources if s.id and s.id == indicator.source), None)
            source = source or (case.sources[0] if len(case.sources) == 1 else None)
            mark = marked.get(f"indicators[{number}]")
            writer.writerow([cell(v) for v in (
                case.slug, urls.absolute(listing.base_url, urls.case(case.slug)), case.title, places, goals, named,
                theme_titles, indicator.name, indicator.qualifier or "", indicator.value, indicator.unit,
                date.iso() if date else "", "indicator" if indicator.date else "source" if date else "",
                source.publisher if source else "", indicator.note or "",
                f"{mark.how}: {mark.reason}" if mark else "")])
    return out.getvalue().encode()


def join(values: Iterable) -> str:
    return "; ".join(str(v) for v in values)


def cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
