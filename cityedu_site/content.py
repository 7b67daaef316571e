"""Phase 1: read every content file, validate it, and turn it into model values.

Every problem in every file is collected; the build continues to phase 2 only when there
are no errors. `python build.py check` runs this phase alone.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, markdown, schema
from .config import Config
from .kinds import Checker, Refs
from .model import Case, City
from .problems import Problem
from .reference import Reference, load_reference
from .sources import Source, content_files, read_source, relative_name

KIND_DIRS = {"city": "cities", "case": "cases"}
MEDIA_DIR = "media"


@dataclass(slots=True)
class Content:
    reference: Reference
    cities: list[City] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    media: frozenset[str] = frozenset()


def load_content(config: Config) -> Content:
    content_dir = config.content_path
    reference, problems = load_reference(content_dir, config.root)
    content = Content(reference=reference, problems=problems)
    if not content_dir.is_dir():
        content.problems.append(Problem(relative_name(content_dir, config.root), 0, 0, "",
                                        "the content folder does not exist",
                                        "run the build from the project's folder"))
        return content
    content.media = list_media(content_dir / MEDIA_DIR)
    sources: dict[str, list[Source]] = {"city": [], "case": []}
    for kind, path in content_files(content_dir, KIND_DIRS):
        result = read_source(path, kind, config.root)
        if isinstance(result, Problem):
            content.problems.append(result)
        else:
            sources[kind].append(result)
    refs = Refs(
        cities=frozenset(s.slug for s in sources["city"]),
        themes=frozenset(reference.themes),
        countries=frozenset(reference.countries),
        currencies=frozenset(reference.currencies),
        media=content.media,
        today=config.today,
    )
    renderer = markdown.make_renderer()
    for source in sources["city"]:
        city, problems = load_city(source, refs, renderer)
        content.problems.extend(problems)
        if city:
            content.cities.append(city)
    for source in sources["case"]:
        case, problems = load_case(source, refs, renderer)
        content.problems.extend(problems)
        if case:
            content.cases.append(case)
    content.problems.extend(cross_checks(content.cities, sources["city"]))
    return content


def list_media(media_dir: Path) -> frozenset[str]:
    if not media_dir.is_dir():
        return frozenset()
    return frozenset(p.relative_to(media_dir).as_posix() for p in media_dir.rglob("*")
                     if p.is_file() and not p.is_symlink())


def _check(source: Source, refs: Refs) -> tuple[dict | None, list[Problem]]:
    parsed = frontmatter.parse(source.front_matter, source.rel, source.front_matter_line)
    if parsed.data is None:
        return None, parsed.problems
    checker = Checker(source.rel, parsed.locator, refs)
    checker.problems.extend(parsed.problems)
    values = schema.validate(source.kind, parsed.data, checker)
    return values, checker.problems


def _body(source: Source, renderer) -> tuple[str, list[Problem]]:
    body_html = markdown.render(renderer, source.body)
    return body_html, markdown.body_problems(body_html, source.body, source.rel, source.body_line)


def load_case(source: Source, refs: Refs, renderer) -> tuple[Case | None, list[Problem]]:
    values, problems = _check(source, refs)
    body_html, body_problems = _body(source, renderer)
    problems.extend(body_problems)
    if values is None or body_problems:
        return None, problems
    return Case(slug=source.slug, path=source.rel, body_html=body_html, **values), problems


def load_city(source: Source, refs: Refs, renderer) -> tuple[City | None, list[Problem]]:
    values, problems = _check(source, refs)
    body_html, body_problems = _body(source, renderer)
    problems.extend(body_problems)
    if values is None or body_problems:
        return None, problems
    return City(slug=source.slug, path=source.rel, body_html=body_html, **values), problems


def name_key(name: str) -> str:
    """Names that differ only by case, width or Unicode normalisation share a key."""
    return unicodedata.normalize("NFKC", name).casefold().strip()


def cross_checks(cities: list[City], sources: list[Source]) -> list[Problem]:
    """Problems no single file shows: clashing city names, districts of districts."""
    problems = []
    seen: dict[str, City] = {}
    by_slug = {c.slug: c for c in cities}
    source_of = {s.slug: s for s in sources}
    for city in sorted(cities, key=lambda c: c.path):
        key = name_key(city.name)
        if key in seen:
            other = seen[key]
            line, col = field_position(source_of[city.slug], "name")
            problems.append(Problem(city.path, line, col, "name", f"the name {city.name!r} is already "
                                    f"used by {other.path} ({other.name!r})",
                                    "each city needs its own name; merge the two files or "
                                    "tell the cities apart in the names"))
        else:
            seen[key] = city
        parent = by_slug.get(city.parent) if city.parent else None
        if parent and parent.parent:
            line, col = field_position(source_of[city.slug], "parent")
            problems.append(Problem(city.path, line, col, "parent", f"{city.parent!r} is itself a district "
                                    f"of {parent.parent!r}",
                                    f"use the metropolitan city as parent: parent: {parent.parent}"))
    return problems


def field_position(source: Source, name: str) -> tuple[int, int]:
    """Where a top-level field's value is; parsing again is fine on this rare path."""
    parsed = frontmatter.parse(source.front_matter, source.rel, source.front_matter_line)
    return parsed.locator.position((name,))
