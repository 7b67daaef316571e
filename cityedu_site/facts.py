"""What a case page shows of where its facts stand: the date they are reported as of and the
source it comes from, the goals as the source names them or the editors assign them, dated
milestones and reported results, the sources in full, and the values the editors worked out
(each flagged where it is shown, with its reason listed once). Pure functions of model values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Case, Goal, Indicator, Inference, Milestone, PartialDate, SourceRef
from .reporting import HOW_LABELS, Reported, mark_for, marks_of, reported_of

LEAD_LABELS = {"city": "city government", "district": "district office", "region": "regional government",
               "ministry": "national ministry", "agency": "public agency", "university": "university",
               "network": "network of cities", "international": "international organisation",
               "ngo": "non-profit organisation", "company": "company"}


@dataclass(frozen=True, slots=True)
class Flag:
    """An editors' mark, shown next to the value it marks; its reason is note `number`."""

    how: str  # derived | inferred
    label: str  # "derived by the editors"
    reason: str
    number: int  # from 1, in the order of `inferred:`


@dataclass(frozen=True, slots=True)
class ReportedView:
    when: str | None  # "January 2021", "2022"; None when no source is dated
    iso: str | None
    source_number: int | None  # the source whose date it is (from 1)
    flag: Flag | None


@dataclass(frozen=True, slots=True)
class GoalView:
    goal: Goal
    in_source: bool  # the source names it; else the editors assigned it
    targets: tuple[tuple[str, bool], ...]  # ("4.3", named by the source)


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    when: str  # "5–9 September 2011"
    iso: str  # of its first day, for <time datetime>
    title: str
    kind: str
    place: str | None  # a City slug, when not the case's city
    source_number: int | None
    flag: Flag | None


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    name: str
    value: int | float
    qualifier: str | None
    unit: str
    as_of: str | None  # "1 October 2020"; None: undated
    as_of_source: bool  # the date is its source's, the figure itself carries none
    source_number: int | None
    note: str | None
    flag: Flag | None


@dataclass(frozen=True, slots=True)
class SourceRow:
    number: int
    source: SourceRef
    date: str | None  # "11 January 2021", "2017"
    gives_report_date: bool  # the case's facts are as of this source's date


@dataclass(frozen=True, slots=True)
class CaseFacts:
    reported: ReportedView
    goals: tuple[GoalView, ...]
    milestones: tuple[MilestoneRow, ...]
    indicators: tuple[IndicatorRow, ...]
    sources: tuple[SourceRow, ...]
    lead_type: str | None  # "network of cities"
    notes: tuple[tuple[Flag, str], ...]  # every mark, with the field it marks as readers know it
    flags: dict[str, Flag]  # by field, for the values shown elsewhere (period, budget, lead…)

    @property
    def undated(self) -> str:
        """What "Facts as of" says when no date is known."""
        if not self.sources:
            return "Not known: no source is recorded"
        return "Not known: the source is undated" if len(self.sources) == 1 else "Not known: the sources are undated"

    @property
    def facts_from(self) -> str:
        """Where the page's facts come from and as of when, in a sentence."""
        one = len(self.sources) == 1
        text = f"The facts on this page come from {'the source' if one else 'the sources'} below"
        r = self.reported
        if r.when is None:
            text += f", which {'is' if one else 'are'} undated"
        else:
            text += f", as of {r.when}"
            if r.flag:
                text += f" (a date the editors worked out: note {r.flag.number})"
            elif r.source_number and not one:
                text += f" (the date of source {r.source_number})"
            elif r.source_number:
                text += " (its date)"
        return text + (", except what is marked as the editors'." if self.notes else ".")

    def flag(self, field: str) -> Flag | None:
        """The mark on a field, on what holds it, or on one of its parts ("budget.years.first"
        flags the budget's years)."""
        for marked, flag in self.flags.items():
            if marked.startswith((field + ".", field + "[")):
                return flag
        return mark_for(self.flags, field)


def case_facts(case: Case, goals: Sequence[Goal]) -> CaseFacts:
    numbers = {mark.field: i for i, mark in enumerate(case.inferred, 1)}
    marks = marks_of(case.inferred)

    def flag(field: str) -> Flag | None:
        """The mark on the field, on what holds it, or (for a row) on one of its fields."""
        mark = mark_for(marks, field) or next((m for m in case.inferred if m.field.startswith(field + ".")), None)
        return flag_of(mark, numbers[mark.field]) if mark else None

    reported = reported_of(case.reported, case.sources)
    source_numbers = {s.id: i for i, s in enumerate(case.sources, 1) if s.id}

    def number_of(source_id: str | None) -> int | None:
        """Which source an item names; with one source, every fact is its own: not repeated."""
        return source_numbers.get(source_id) if source_id and len(case.sources) > 1 else None

    flags = {field: flag(field) for field in numbers}
    return CaseFacts(
        reported=reported_view(reported, case.sources, flag("reported")),
        goals=goal_views(case, goals),
        milestones=tuple(milestone_row(m, number_of(m.source), flag(f"milestones[{i}]"))
                         for i, m in enumerate(case.milestones, 1)),
        indicators=tuple(indicator_row(ind, indicator_date(ind, case), number_of(ind.source), flag(f"indicators[{i}]"))
                         for i, ind in enumerate(case.indicators, 1)),
        sources=tuple(SourceRow(i, s, s.date.display() if s.date else None, reported.source is s)
                      for i, s in enumerate(case.sources, 1)),
        lead_type=LEAD_LABELS[case.lead.type] if case.lead else None,
        notes=tuple((flag_of(mark, i), field_label(mark.field, case)) for i, mark in enumerate(case.inferred, 1)),
        flags={field: f for field, f in flags.items() if f is not None},
    )


FIELD_LABELS = {"reported": "The date the facts are as of", "period": "The period", "period.start": "The start",
                "period.end": "The end", "period.status": "The status", "budget": "The budget",
                "budget.total": "The budget's total", "budget.years": "The years the budget covers",
                "budget.years.first": "The budget's first year", "budget.years.last": "The budget's last year",
                "lead": "The lead organisation", "places": "The places", "sdgs": "The goals"}
_ITEM = re.compile(r"(milestones|indicators|contacts|sources)\[(\d+)\](?:\.(\w+))?")


def field_label(field: str, case: Case) -> str:
    """The marked field as a reader knows it: "The start", "Milestone “Human Library opens” (date)"."""
    item = _ITEM.fullmatch(field)
    if item is None:
        return FIELD_LABELS.get(field, field)
    kind, index, part = item.group(1), int(item.group(2)) - 1, item.group(3)
    entries = getattr(case, kind)
    if index >= len(entries):
        return field
    entry = entries[index]
    name = getattr(entry, "title", None) or getattr(entry, "name", None) or getattr(entry, "publisher", "")
    return f"{kind[:-1].capitalize()} “{name}”" + (f" ({part})" if part else "")


def flag_of(mark: Inference, number: int) -> Flag:
    return Flag(mark.how, HOW_LABELS[mark.how], mark.reason, number)


def reported_view(reported: Reported, sources: Sequence[SourceRef], flag: Flag | None) -> ReportedView:
    number = next((i for i, s in enumerate(sources, 1) if s is reported.source), None)
    return ReportedView(reported.when, reported.date.iso() if reported.date else None, number, flag)


def goal_views(case: Case, goals: Sequence[Goal]) -> tuple[GoalView, ...]:
    named = set(case.sdgs_in_source)
    return tuple(GoalView(goals[n - 1], n in named,
                          tuple((t, t in named) for t in case.sdg_targets if int(t.split(".")[0]) == n))
                 for n in sorted(case.sdgs))


def milestone_row(milestone: Milestone, source_number: int | None, flag: Flag | None) -> MilestoneRow:
    return MilestoneRow(date_range(milestone.date, milestone.end), milestone.date.iso(), milestone.title,
                        milestone.kind, milestone.place, source_number, flag)


def indicator_row(indicator: Indicator, date: PartialDate | None, source_number: int | None,
                  flag: Flag | None) -> IndicatorRow:
    return IndicatorRow(indicator.name, indicator.value, indicator.qualifier, indicator.unit,
                        date.display() if date else None, indicator.date is None and date is not None,
                        source_number, indicator.note, flag)


def indicator_date(indicator: Indicator, case: Case) -> PartialDate | None:
    """What an indicator is as of: its own date, else its source's, else the case's report date."""
    if indicator.date:
        return indicator.date
    source = next((s for s in case.sources if s.id and s.id == indicator.source), None)
    if source is None and len(case.sources) == 1:
        source = case.sources[0]
    if source and source.date:
        return source.date
    return reported_of(case.reported, case.sources).date


def date_range(first: PartialDate, last: PartialDate | None) -> str:
    """"5–9 September 2011", "29 May – 6 June 2012", "2011–2016", "October 2019"."""
    if last is None or last == first:
        return first.display()
    a, b = first.display().split(" "), last.display().split(" ")
    if len(a) == len(b) == 3 and a[1:] == b[1:]:
        return f"{a[0]}–{last.display()}"
    if len(a) == len(b) == 3 and a[2] == b[2]:
        return f"{a[0]} {a[1]} – {last.display()}"
    return f"{first.display()} – {last.display()}" if len(a) > 1 else f"{first.display()}–{last.display()}"


def days_of(milestone: Milestone) -> tuple[dt.date, dt.date | None, str]:
    """A milestone as the timeline draws it: its first day and, when it lasted, its last."""
    last = milestone.end.latest() if milestone.end else None
    if last is None and milestone.date.day is None:  # a month or a year: a span, not a day
        last = milestone.date.latest()
    return milestone.date.earliest(), last, milestone.kind
