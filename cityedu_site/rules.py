"""Checks across fields: what no single field's kind can see (dates that must agree, amounts that
must add up, references between parts of a file). schema.py attaches them to its records;
each runs once every field of its record is valid, and reports Problems through the Checker.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterator, Mapping
from typing import Any

from . import rates
from .kinds import Checker, Path, dotted
from .model import PartialDate, Period
from .problems import Severity, closest
from .reporting import AGEING, STALE_AFTER_MONTHS, is_stale, month_text, reported_of
from .sdgkinds import target_goal


def period_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    start, end = values.get("start"), values.get("end")
    if start and end and end.latest() < start.earliest():
        ck.report((*path, "end"), f"the end ({end.iso()}) is before the start ({start.iso()})",
                  "swap them, or correct the year")


def status_rules(period: Period, reported: PartialDate | None, ck: Checker) -> None:
    """The status against the dates, as of the report's date when the case gives one (a status
    is what the source said then), else as of the build's date."""
    start, end, status = period.start, period.end, period.status
    if not status or (start and end and end.latest() < start.earliest()):
        return
    if reported is None:
        first, last = ck.refs.today, ck.refs.today
        passed, ahead = "has passed", "is in the future"
    else:
        first, last = reported.earliest(), reported.latest()
        passed = f"had passed by the report date ({reported.iso()})"
        ahead = f"was still ahead at the report date ({reported.iso()})"
    fix = ", or correct `reported`" if reported else ""
    where = ("period", "status")
    if status == "completed" and start and start.earliest() > last:
        ck.report(where, f"says completed but the start ({start.iso()}) {ahead}",
                  f"use status: planned, or correct the start{fix}")
    elif status == "completed" and end and end.earliest() > last:
        ck.report(where, f"says completed but the end ({end.iso()}) {ahead}",
                  f"use status: ongoing, or correct the end{fix}")
    elif status == "ongoing" and start and start.earliest() > last:
        ck.report(where, f"says ongoing but the start ({start.iso()}) {ahead}",
                  f"use status: planned, or correct the start{fix}")
    elif status == "ongoing" and end and end.latest() < first:
        ck.report(where, f"says ongoing but the end ({end.iso()}) {passed}",
                  f"use status: completed, or correct the end{fix}")
    elif status == "planned" and start and start.latest() < first:
        ck.report(where, f"says planned but the start ({start.iso()}) {passed}",
                  f"use status: ongoing or completed, or correct the start{fix}")


def ageing_rules(values: Mapping[str, Any], ck: Checker) -> None:
    """A planned or ongoing status needs the date it was reported, and ages past the threshold."""
    period = values.get("period")
    if period is None or period.status not in AGEING:
        return
    status = period.status
    reported = reported_of(values.get("reported"), values.get("sources") or ())
    if reported.date is None:
        ck.report(("period", "status"), f"says {status}, but no date says when",
                  "add the date the facts are as of: `reported:`, or the source's `date:` (if you work "
                  "it out, say how in `inferred:`)", severity=Severity.WARNING)
    elif is_stale(reported.date, ck.refs.today):
        ck.report(("period", "status"), f"says {status} as reported in {month_text(reported.date)}, more than "
                  f"{STALE_AFTER_MONTHS} months before the build date ({ck.refs.today.isoformat()})",
                  f'pages show "Last reported as {status}": check what is true today, then add a newer '
                  "source or `reported:`, or change the status", severity=Severity.WARNING)


def budget_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    if values["currency"] not in rates.table().currencies():
        ck.report((*path, "currency"), f"there is no US dollar rate for {values['currency']} in "
                  f"{rates.RATES_FILE}: readers cannot compare this budget with others",
                  "add the currency's annual rates to that file (its header says from where)",
                  severity=Severity.WARNING)
    sources = values.get("sources") or ()
    if not sources:
        return
    total = values["total"]
    added = sum(s.amount for s in sources)
    if not math.isclose(added, total, rel_tol=0, abs_tol=0.005):
        ck.report((*path, "total"), f"the sources add up to {added:,} but the total is {total:,}",
                  "make the amounts add up exactly; if the publication rounds its total, give "
                  "the exact sum as total and say so in budget.note")


def years_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    if values["last"] < values["first"]:
        ck.report((*path, "last"), f"the last year ({values['last']}) is before the first ({values['first']})",
                  "swap them")


def milestone_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    date, end = values["date"], values.get("end")
    if end and end.latest() < date.earliest():
        ck.report((*path, "end"), f"the end ({end.iso()}) is before the date ({date.iso()})",
                  "swap them, or correct the end")


def contact_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    if not values.get("email") and not values.get("phone"):
        ck.report(path, "a contact needs an email or a phone", "add `email:` or `phone:`")


def source_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    date, accessed = values.get("date"), values.get("accessed")
    if accessed and accessed > ck.refs.today:
        ck.report((*path, "accessed"), f"the access date ({accessed}) is in the future", "use the day you read it")
    elif accessed and date and accessed < date.earliest():
        ck.report((*path, "accessed"), f"the access date ({accessed}) is before the publication date "
                  f"({date.iso()})", "correct one of the dates")


def case_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    if not values.get("sources"):
        ck.report((), "no sources: readers cannot check where the facts come from",
                  "add `sources:` with at least a publisher", severity=Severity.WARNING)
    published, updated, reported = values.get("published"), values.get("updated"), values.get("reported")
    if published and updated and updated < published:
        ck.report(("updated",), f"the update ({updated}) is before publication ({published})",
                  "correct one of the dates")
    if published and published > ck.refs.today:
        ck.report(("published",), f"the publication date {published} is in the future",
                  "use today's date or earlier", severity=Severity.WARNING)
    before = len(ck.problems)
    if reported and reported.earliest() > ck.refs.today:
        ck.report(("reported",), f"the report date ({reported.iso()}) is after the build date "
                  f"({ck.refs.today.isoformat()})", "give the date the facts were reported, not a future one")
    elif values.get("period"):
        status_rules(values["period"], reported, ck)
    if len(ck.problems) == before:  # a status already wrong is not also told it is old
        ageing_rules(values, ck)
    _place_rules(values, ck)
    _goal_rules(values, ck)
    _source_references(values, ck)
    _inference_rules(values, ck)


def city_rules(values: Mapping[str, Any], path: Path, ck: Checker) -> None:
    parent = values.get("parent")
    if parent and ck.rel.endswith(f"/{parent}.md"):
        ck.report(("parent",), "a city cannot be its own parent", "remove `parent:`")


# ---- references within a case file ------------------------------------------------------------

def _place_rules(values: Mapping[str, Any], ck: Checker) -> None:
    places = (values.get("city"), *values.get("places", ()))
    for index, slug in enumerate(values.get("places", ())):
        if slug == values.get("city"):
            ck.report(("places", index), f"{slug!r} is already the case's city", "remove it from places")
    for index, milestone in enumerate(values.get("milestones", ())):
        if milestone.place and milestone.place not in places:
            ck.report(("milestones", index, "place"), f"{milestone.place!r} is not one of the case's places",
                      "add it to places, or leave the milestone's place out")


def _goal_rules(values: Mapping[str, Any], ck: Checker) -> None:
    goals, targets = set(values.get("sdgs", ())), values.get("sdg_targets", ())
    for index, target in enumerate(targets):
        if target_goal(target) not in goals:
            ck.report(("sdg_targets", index), f"{target!r} is a target of goal {target_goal(target)}, which is "
                      "not in sdgs", f"add {target_goal(target)} to sdgs, or remove the target")
    for index, named in enumerate(values.get("sdgs_in_source", ())):
        if isinstance(named, int) and named not in goals:
            ck.report(("sdgs_in_source", index), f"goal {named} is not in sdgs", "add it to sdgs, or remove it here")
        elif isinstance(named, str) and named not in targets:
            ck.report(("sdgs_in_source", index), f"the target {named!r} is not in sdg_targets",
                      "add it to sdg_targets, or remove it here")


def _source_references(values: Mapping[str, Any], ck: Checker) -> None:
    sources = values.get("sources", ())
    ids: list[str] = []
    for index, source in enumerate(sources):
        if source.id in ids:
            ck.report(("sources", index, "id"), f"{source.id!r} is the id of two sources",
                      "give each source its own id")
        elif source.id:
            ids.append(source.id)
    for field in ("milestones", "indicators"):
        for index, item in enumerate(values.get(field, ())):
            if item.source is None or item.source in ids:
                continue
            guess = closest(item.source, ids)
            hint = (f'did you mean "{guess}"?' if guess else "use one of: " + ", ".join(ids)) if ids else \
                f"give the source it means `id: {item.source}` in sources"
            ck.report((field, index, "source"), f"{item.source!r} is not the id of a source", hint)


def _inference_rules(values: Mapping[str, Any], ck: Checker) -> None:
    given = set(field_paths(values))
    marked: set[str] = set()
    for index, mark in enumerate(values.get("inferred", ())):
        where = ("inferred", index, "field")
        if mark.field in marked:
            ck.report(where, f"{mark.field!r} is marked twice", "keep one mark per field")
        elif mark.field not in given or mark.field.startswith("inferred"):
            guess = closest(mark.field, sorted(given - {"inferred"}))
            ck.report(where, f"{mark.field!r} names no field this file gives",
                      f'did you mean "{guess}"?' if guess else
                      "name a field that has a value here, like period.start or indicators[2].value")
        marked.add(mark.field)


def field_paths(values: Any, path: Path = ()) -> Iterator[str]:
    """Every field a file gives a value, dotted as messages name them: "period.start",
    "indicators[2]", "indicators[2].value"."""
    if path:
        yield dotted(path)
    if isinstance(values, Mapping):
        items = values.items()
    elif dataclasses.is_dataclass(values) and not isinstance(values, PartialDate | dt.date):
        items = ((f.name, getattr(values, f.name)) for f in dataclasses.fields(values))
    elif isinstance(values, tuple):
        items = enumerate(values)
    else:
        return
    for key, value in items:
        if value is not None and value != ():
            yield from field_paths(value, (*path, key))
