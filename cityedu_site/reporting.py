"""When a case's facts were reported, and how its status reads with that date.

A case's facts are as of the date it says (`reported:`), or else its newest dated source's.
Its status is shown with that date ("Ongoing, as reported in January 2021"); a planned or
ongoing status reported more than STALE_AFTER_MONTHS before the build's date, or by an
undated source, reads "Last reported as ongoing, in January 2021" instead, on every page
and in every file that shows it, and `check` warns about it. A completed programme stays
completed: its status does not age.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from .model import MONTHS, Inference, PartialDate, SourceRef

T = TypeVar("T")
STALE_AFTER_MONTHS = 24
STATUS_WORDS = {"planned": "Planned", "ongoing": "Ongoing", "completed": "Completed"}
AGEING = ("planned", "ongoing")  # the statuses a report can outlive


@dataclass(frozen=True, slots=True)
class Reported:
    """The date a case's facts are as of, and where that date comes from."""

    date: PartialDate | None
    origin: str  # "reported": the case's own `reported:`; "source": its newest dated source; "": unknown
    source: SourceRef | None = None  # the source whose date it is

    @property
    def when(self) -> str | None:
        return month_text(self.date) if self.date else None


@dataclass(frozen=True, slots=True)
class StatusView:
    """A status as pages, feeds and data show it."""

    key: str  # planned | ongoing | completed
    label: str  # "Ongoing, as reported in January 2021"
    facet: str  # the search facet's value: "Ongoing", or "Last reported as ongoing" once stale
    stale: bool  # older than the threshold, or undated: readers should not take it as current
    reported: str | None  # "January 2021"; None when undated

    @property
    def caution(self) -> str | None:
        """What a reader should know of a stale status, in a sentence."""
        if not self.stale:
            return None
        why = "The source is undated" if self.reported is None else "Reported more than two years ago"
        return f"{why}: the programme may have changed since."


def newest_source(sources: Iterable[SourceRef]) -> SourceRef | None:
    dated = [s for s in sources if s.date is not None]
    return max(dated, key=lambda s: s.date.earliest()) if dated else None


def reported_of(reported: PartialDate | None, sources: Iterable[SourceRef]) -> Reported:
    if reported is not None:
        return Reported(reported, "reported")
    newest = newest_source(sources)
    return Reported(newest.date, "source", newest) if newest else Reported(None, "")


def month_text(date: PartialDate) -> str:
    """A report's date as readers need it: the month ("January 2021") or the year ("2017")."""
    return f"{MONTHS[date.month - 1]} {date.year}" if date.month else str(date.year)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def is_stale(date: PartialDate | None, today: dt.date) -> bool:
    """Reported too long ago to stand for today (or never dated): the earliest day the date
    can mean counts, so "2021" ages from 1 January 2021."""
    return date is None or today > add_months(date.earliest(), STALE_AFTER_MONTHS)


def status_view(status: str, reported: Reported, today: dt.date) -> StatusView:
    word = STATUS_WORDS[status]
    when = reported.when
    stale = status in AGEING and is_stale(reported.date, today)
    if when is None:
        label = f"Reported as {status} in an undated source"
    elif stale:
        label = f"Last reported as {status}, in {when}"
    else:
        label = f"{word}, as reported in {when}"
    facet = f"Last reported as {status}" if stale else word
    return StatusView(status, label, facet, stale, when)


# ---- what the editors added -------------------------------------------------------------------

HOW_LABELS = {"derived": "derived by the editors", "inferred": "inferred by the editors"}


def marks_of(inferred: Iterable[Inference]) -> dict[str, Inference]:
    """The editors' marks by the field they mark ("period.start", "indicators[2].value")."""
    return {mark.field: mark for mark in inferred}


def mark_for(marks: Mapping[str, T], field: str) -> T | None:
    """The mark on a field, or on the item or record it belongs to ("indicators[2]" marks
    "indicators[2].value" too)."""
    while field:
        mark = marks.get(field)
        if mark is not None:
            return mark
        field = field[:max(field.rfind("."), field.rfind("["), 0)]
    return None
