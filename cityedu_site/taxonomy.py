"""Grouping: from the loaded cases and cities to the Site with its indexes (by city, with
districts; by goal; by theme; by country) and each case's related cases."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable

from .content import Content
from .memo import Memo
from .model import Case, City, Site

RELATED_COUNT = 4


def newest_first(cases: Iterable[Case]) -> tuple[Case, ...]:
    return tuple(sorted(cases, key=lambda c: (-c.published.toordinal(), c.title.casefold(), c.slug)))


def build_site(content: Content, memo: Memo | None = None, previous: Site | None = None) -> Site:
    """The Site of the loaded content. With the previous build's Site, an edit that moves no
    case in any list (the usual edit: a sentence, a figure) swaps the new case in instead."""
    updated = swap_edited_cases(previous, content) if previous is not None else None
    return updated if updated is not None else _new_site(content, memo)


def _new_site(content: Content, memo: Memo | None) -> Site:
    reference = content.reference
    cases = newest_first(content.cases)
    cities = {c.slug: c for c in sorted(content.cities, key=lambda c: (c.name.casefold(), c.slug))}
    districts = _districts(cities)

    by_own_city: dict[str, list[Case]] = defaultdict(list)
    by_goal: dict[int, list[Case]] = defaultdict(list)
    by_theme: dict[str, list[Case]] = defaultdict(list)
    by_country: dict[str, list[Case]] = defaultdict(list)
    for case in cases:  # already newest first, so every group is too
        places = (case.city, *case.places)  # a case is listed under each place it involves
        for slug in places:
            by_own_city[slug].append(case)
        for code in dict.fromkeys(cities[slug].country for slug in places):
            by_country[code].append(case)
        for number in case.sdgs:
            by_goal[number].append(case)
        for slug in case.themes:
            by_theme[slug].append(case)

    cases_by_city = {  # a case of a district and of its city (or of two districts) is listed once
        slug: newest_first({c.slug: c for c in (*by_own_city[slug], *(c for d in districts.get(slug, ())
                                                                        for c in by_own_city[d.slug]))}.values())
        for slug in cities
    }
    countries = {code: reference.countries[code] for code in sorted({c.country for c in cities.values()})}
    return Site(
        cases=cases,
        by_slug={case.slug: case for case in cases},
        cities=cities,
        goals=reference.goals,
        themes=reference.themes,
        countries=countries,
        cases_by_city=cases_by_city,
        cases_by_goal={g.number: tuple(by_goal[g.number]) for g in reference.goals},
        cases_by_theme={slug: tuple(by_theme[slug]) for slug in reference.themes},
        cases_by_country={code: tuple(by_country[code]) for code in countries},
        districts=districts,
        related=(memo or Memo()).get(("related", related_shape(cases, cities)), (),
                                     lambda: related_cases(cases, cities, by_own_city, by_goal, by_theme)),
    )


def swap_edited_cases(previous: Site, content: Content) -> Site | None:
    """previous with the edited cases in place of their old versions; None when the cities,
    the reference data or the set of cases changed, or an edit moves a case in a list."""
    reference = content.reference
    if reference.goals is not previous.goals or reference.themes is not previous.themes:
        return None
    cities = content.cities
    if len(cities) != len(previous.cities) or any(previous.cities.get(c.slug) is not c for c in cities):
        return None
    cases = content.cases
    if len(cases) != len(previous.cases):
        return None
    edited: dict[str, Case] = {}
    for case in cases:
        old = previous.by_slug.get(case.slug)
        if old is None or (old is not case and (_position(old) != _position(case) or old.places or case.places)):
            return None  # (a case of several places is in more lists than the swap below updates)
        if old is not case:
            edited[case.slug] = case
    if not edited:
        return previous

    def swapped(group: tuple[Case, ...]) -> tuple[Case, ...]:
        ids = list(map(id, group))  # found by identity: comparing Cases would compare every field
        for case in edited.values():
            old = previous.by_slug[case.slug]
            if id(old) in ids:
                at = ids.index(id(old))
                group = (*group[:at], case, *group[at + 1:])
        return group

    by_city, by_goal = dict(previous.cases_by_city), dict(previous.cases_by_goal)
    by_theme, by_country = dict(previous.cases_by_theme), dict(previous.cases_by_country)
    for case in edited.values():
        city = previous.cities[case.city]
        for slug in {city.slug, metro_of(city)}:
            by_city[slug] = swapped(by_city[slug])
        for number in case.sdgs:
            by_goal[number] = swapped(by_goal[number])
        for theme in case.themes:
            by_theme[theme] = swapped(by_theme[theme])
        by_country[city.country] = swapped(by_country[city.country])
    return dataclasses.replace(previous, cases=swapped(previous.cases), by_slug={**previous.by_slug, **edited},
                               cases_by_city=by_city, cases_by_goal=by_goal, cases_by_theme=by_theme,
                               cases_by_country=by_country)


def _position(case: Case) -> tuple:
    """What decides which lists a case is in, where, and its related cases."""
    return case.published, case.title.casefold(), case.city, case.sdgs, case.themes


def _districts(cities: dict[str, City]) -> dict[str, tuple[City, ...]]:
    children: dict[str, list[City]] = defaultdict(list)
    for city in cities.values():
        if city.parent:
            children[city.parent].append(city)
    return {slug: tuple(sorted(kids, key=lambda c: c.name.casefold())) for slug, kids in children.items()}


def metro_of(city: City) -> str:
    return city.parent or city.slug


def related_shape(cases: tuple[Case, ...], cities: dict[str, City]) -> tuple:
    """Everything related_cases() reads: an edit that leaves it alone leaves them alone."""
    return tuple((c.slug, metro_of(cities[c.city]), c.sdgs, c.themes) for c in cases)


def related_cases(cases, cities, by_city, by_goal, by_theme) -> dict[str, tuple[str, ...]]:
    """Up to four cases for each case: its nearest neighbours (by publication) among the cases
    of its metropolitan area, then of its first goal, then of its first theme.

    Neighbours rather than a global ranking keep this linear in the number of cases, and
    keep each case on a handful of other pages, so editing one case touches few pages.
    """
    by_metro: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_metro[metro_of(cities[case.city])].append(case)
    positions = {}
    groups_of = {}
    for case in cases:
        groups = [by_metro[metro_of(cities[case.city])], by_goal[case.sdgs[0]]]
        if case.themes:
            groups.append(by_theme[case.themes[0]])
        groups_of[case.slug] = groups
    for group in [*by_metro.values(), *by_goal.values(), *by_theme.values()]:
        positions[id(group)] = {c.slug: i for i, c in enumerate(group)}
    related = {}
    for case in cases:
        picked: dict[str, Case] = {}
        for group in groups_of[case.slug]:
            _take_neighbours(case, group, positions[id(group)][case.slug], picked, limit=len(picked) + 2)
            if len(picked) >= RELATED_COUNT:
                break
        related[case.slug] = tuple(picked)[:RELATED_COUNT]
    return related


def _take_neighbours(case: Case, group: list[Case], index: int, picked: dict[str, Case], limit: int) -> None:
    """Add the cases nearest to index in group (after, before, two after…) until limit."""
    for distance in range(1, len(group)):
        for other_index in (index + distance, index - distance):
            if 0 <= other_index < len(group):
                other = group[other_index]
                if other.slug != case.slug and other.slug not in picked:
                    picked[other.slug] = other
                    if len(picked) >= min(limit, RELATED_COUNT):
                        return
        if distance > 6:
            return
