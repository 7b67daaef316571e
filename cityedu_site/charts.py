"""The geometry of the pictures pages draw at build time: a budget split by source, a
programme's period on a timeline, case studies counted by goal.

Plain data only; templates/_charts.html draws it as inline SVG (no JavaScript, no chart
library). Positions and lengths are percentages of the picture's width, so one SVG fits any
width without scaling its text. Each picture sits next to a text equivalent (the budget
table, the period's dates, the counts), so the SVG itself is hidden from assistive technology.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Goal, PartialDate

TONES = 6  # colours .tone-1 … .tone-6 in assets/style.css, each with a light and a dark value
LABEL_MIN_WIDTH = 11.0  # percent of the bar: narrower segments show no share label
TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
MAX_TICKS = 6


def tone(index: int) -> int:
    """The colour of the index-th part (from 0): the palette repeats past its end."""
    return index % TONES + 1


# ---- the budget: one bar split by source --------------------------------------------------

@dataclass(frozen=True, slots=True)
class Segment:
    name: str
    share: float  # percent of the whole
    x: float  # percent of the bar's width, from its left end
    width: float  # percent of the bar's width
    tone: int  # 1 … TONES
    label: str  # the share as the bar prints it ("43%"), or "" where it would not fit

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 2)


def budget_segments(amounts: Sequence[tuple[str, float]]) -> tuple[Segment, ...]:
    """Source names and amounts → the bar's segments, in the given order."""
    whole = sum(amount for _, amount in amounts if amount > 0)
    if whole <= 0:
        return ()
    segments, x = [], 0.0
    for index, (name, amount) in enumerate(amounts):
        width = 100 * max(amount, 0) / whole
        label = share_label(width) if width >= LABEL_MIN_WIDTH else ""
        segments.append(Segment(name, width, round(x, 2), round(width, 2), tone(index), label))
        x += width
    return tuple(segments)


def share_label(percent: float) -> str:
    return "<1%" if 0 < percent < 1 else f"{percent:.0f}%"


# ---- the period: a timeline with today on it ----------------------------------------------

@dataclass(frozen=True, slots=True)
class Span:
    kind: str  # "done" (before today), "todo" (after today) or "open" (an end the case does not give)
    x: float  # percent of the width
    end: float  # percent of the width

    @property
    def width(self) -> float:
        return round(self.end - self.x, 2)


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    anchor: str  # SVG text-anchor: "start", "middle" or "end", so edge labels stay inside


@dataclass(frozen=True, slots=True)
class Mark:
    """A milestone on the timeline: a dot, or a short bar for one that lasted."""

    x: float
    end: float | None  # where a lasting one ends; None for a day, a month or a year
    kind: str  # the milestone's kind, for its colour

    @property
    def width(self) -> float:
        return round((self.end or self.x) - self.x, 2)


@dataclass(frozen=True, slots=True)
class Timeline:
    spans: tuple[Span, ...]
    ticks: tuple[Tick, ...]
    today_x: float
    today_anchor: str
    marks: tuple[Mark, ...] = ()
    reported_x: float | None = None  # the date the facts are as of
    reported_label: bool = False  # room for its label, away from today's
    reported_anchor: str = "middle"


MarkDates = tuple[dt.date, dt.date | None, str]  # first day, last day of a lasting one, kind


def timeline(start: PartialDate | None, end: PartialDate | None, today: dt.date, *, known_until: dt.date | None = None,
             reported: dt.date | None = None, marks: Sequence[MarkDates] = ()) -> Timeline | None:
    """The period from start to end on an axis of whole years that also holds today, the
    milestones and the report's date. A missing end (or start) runs to the edge of the axis as
    an open, dashed line; so does the period after known_until (the report's date, when the
    source said what came next only as a plan or not at all)."""
    if start is None and end is None and not marks:
        return None
    first = start.earliest() if start else None
    last = end.latest() + dt.timedelta(days=1) if end else None  # the end day is part of the period
    days = [d for d in (first, last, today, reported) if d is not None]
    days += [d for mark in marks for d in mark[:2] if d is not None]
    low = min(d.year for d in days)
    high = max(d.year + (d != dt.date(d.year, 1, 1)) for d in days)  # the first 1 January on or after each
    period = start is not None or end is not None
    open_start, open_end = period and start is None, period and end is None  # a year more on an open side
    step = tick_step(high - low + open_start + open_end)
    low = (low - open_start) // step * step
    high = max(-(-(high + open_end) // step) * step, low + step)
    axis_start, axis_end = dt.date(low, 1, 1), dt.date(high, 1, 1)
    length = (axis_end - axis_start).days

    def x(day: dt.date) -> float:
        return round(100 * (day - axis_start).days / length, 2)

    horizon = x(min(known_until, today)) if known_until else None
    spans = period_spans(x(first) if first else None, x(last) if last else None, x(today), horizon) if period else ()
    ticks = tuple(Tick(x(dt.date(year, 1, 1)), str(year), edge_anchor(x(dt.date(year, 1, 1))))
                  for year in range(low, high + 1, step))
    drawn = tuple(Mark(x(day), x(until + dt.timedelta(days=1)) if until else None, kind) for day, until, kind in marks)
    reported_x = x(reported) if reported else None
    apart = reported_x is not None and abs(reported_x - x(today)) > 14
    return Timeline(spans, ticks, x(today), edge_anchor(x(today), margin=15), drawn, reported_x, apart,
                    edge_anchor(reported_x, margin=12) if reported_x is not None else "middle")


def period_spans(first: float | None, last: float | None, today: float, known: float | None = None) -> tuple[Span, ...]:
    """Split the known part of the period at today (or at known, the date the facts are as of,
    when earlier); an unknown side is an open span to the edge."""
    spans = []
    if first is None:
        spans.append(Span("open", 0.0, last))
        return tuple(spans)
    horizon = min(today, known) if known is not None else today
    known_end = last if last is not None else max(first, min(horizon, 100.0))
    if first < min(horizon, known_end):
        spans.append(Span("done", first, min(horizon, known_end)))
    if max(horizon, first) < known_end:
        spans.append(Span("todo", max(horizon, first), known_end))
    if last is None:
        spans.append(Span("open", known_end, 100.0))
    return tuple(spans)


def tick_step(years: int) -> int:
    """The smallest round step that labels an axis of that many years with at most MAX_TICKS ticks."""
    for step in TICK_STEPS:
        if years / step + 2 <= MAX_TICKS:
            return step
    return TICK_STEPS[-1]


def edge_anchor(x: float, margin: float = 8.0) -> str:
    if x < margin:
        return "start"
    if x > 100 - margin:
        return "end"
    return "middle"


# ---- case studies by goal: one bar per goal -------------------------------------------------

@dataclass(frozen=True, slots=True)
class GoalBar:
    goal: Goal
    count: int
    width: float  # percent of the longest bar


def goal_bars(counts: Iterable[tuple[Goal, int]]) -> tuple[GoalBar, ...]:
    """A bar for every goal with at least one case, in the order given (by goal number)."""
    rows = [(goal, count) for goal, count in counts if count > 0]
    longest = max((count for _, count in rows), default=0)
    return tuple(GoalBar(goal, count, round(100 * count / longest, 2)) for goal, count in rows)
