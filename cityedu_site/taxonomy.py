"""Grouping: from the loaded cases and cities to the Site with its indexes (by city, with
districts; by goal; by theme; by country) and each case's related cases."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .content import Content
from .model import Case, City, Site

RELATED_COUNT = 4
_CANDIDATES_PER_GROUP = 60  # bounds the related-case search on big sites


def newest_first(cases: Iterable[Case]) -> tuple[Case, ...]:
    return tuple(sorted(cases, key=lambda c: (-c.published.toordinal(), c.title.casefold(), c.slug)))


def build_site(content: Content) -> Site:
    reference = content.reference
    cases = newest_first(content.cases)
    cities = {c.slug: c for c in sorted(content.cities, key=lambda c: c.name.casefold())}
    districts = _districts(cities)

    by_own_city: dict[str, list[Case]] = defaultdict(list)
    by_goal: dict[int, list[Case]] = defaultdict(list)
    by_theme: dict[str, list[Case]] = defaultdict(list)
    by_country: dict[str, list[Case]] = defaultdict(list)
    for case in cases:  # already newest first, so every group is too
        by_own_city[case.city].append(case)
        by_country[cities[case.city].country].append(case)
        for number in case.sdgs:
            by_goal[number].append(case)
        for slug in case.themes:
            by_theme[slug].append(case)

    cases_by_city = {
        slug: newest_first([*by_own_city[slug], *(c for d in districts.get(slug, ()) for c in by_own_city[d.slug])])
        for slug in cities
    }
    countries = {code: reference.countries[code] for code in sorted({c.country for c in cities.values()})}
    return Site(
        cases=cases,
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


def related_cases(cases, cities, by_city, by_goal, by_theme) -> dict[str, tuple[Case, ...]]:
    """Up to four cases sharing the most with each case: its city or metropolitan area
    (3 points), each goal (2), each theme (1); ties go to the newest."""
    rank = {case.slug: index for index, case in enumerate(cases)}
    by_metro: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_metro[metro_of(cities[case.city])].append(case)
    related = {}
    for case in cases:
        candidates: dict[str, Case] = {}
        groups = [by_metro[metro_of(cities[case.city])], *(by_goal[n] for n in case.sdgs),
                  *(by_theme[t] for t in case.themes)]
        for group in groups:
            for other in group[:_CANDIDATES_PER_GROUP]:
                candidates[other.slug] = other
        candidates.pop(case.slug, None)
        scored = sorted(candidates.values(),
                        key=lambda o: (-_score(case, o, cities), rank[o.slug]))
        related[case.slug] = tuple(scored[:RELATED_COUNT])
    return related


def _score(case: Case, other: Case, cities: dict[str, City]) -> int:
    same_place = metro_of(cities[case.city]) == metro_of(cities[other.city])
    return (3 * same_place + 2 * len(set(case.sdgs) & set(other.sdgs))
            + len(set(case.themes) & set(other.themes)))
