"""Grouping: from the loaded cases and cities to the Site with its indexes (by city, with
districts; by goal; by theme; by country) and each case's related cases."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .content import Content
from .model import Case, City, Site

RELATED_COUNT = 4


def newest_first(cases: Iterable[Case]) -> tuple[Case, ...]:
    return tuple(sorted(cases, key=lambda c: (-c.published.toordinal(), c.title.casefold(), c.slug)))


def build_site(content: Content) -> Site:
    """The Site of the loaded content: every group and index made afresh (linear in the
    number of cases; a rebuild decides what to make again from what pages read, reads.py)."""
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
        related=related_cases(cases, cities, by_own_city, by_goal, by_theme),
    )


def _districts(cities: dict[str, City]) -> dict[str, tuple[City, ...]]:
    children: dict[str, list[City]] = defaultdict(list)
    for city in cities.values():
        if city.parent:
            children[city.parent].append(city)
    return {slug: tuple(sorted(kids, key=lambda c: c.name.casefold())) for slug, kids in children.items()}


def metro_of(city: City) -> str:
    return city.parent or city.slug


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
