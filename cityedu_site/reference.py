"""Reference data: the 17 goals, countries and currencies (shipped with the package) and the
controlled list of themes (kept with the content, so editors can propose new ones)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from . import frontmatter, urls
from .kinds import INVALID, Checker, Field, Record, Refs, Text
from .model import Country, Goal, Theme
from .problems import Problem
from .sources import MAX_FILE_BYTES, SLUG_RE, decode, read_content_file, relative_name

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
THEMES_FILE = "themes.yaml"


@dataclass(frozen=True, slots=True)
class Reference:
    goals: tuple[Goal, ...]
    countries: dict[str, Country]
    currencies: dict[str, str]
    themes: dict[str, Theme]


def _package_yaml(name: str):
    return yaml.load(resources.files(__package__).joinpath("data", name).read_text("utf-8"), Loader=_Loader)


@cache
def goals() -> tuple[Goal, ...]:
    return tuple(Goal(number=g["number"], title=g["title"], colour=g["colour"], statement=g["statement"],
                      slug=f"{g['number']}-{urls.slugify(g['title'])}")
                 for g in _package_yaml("sdgs.yaml"))


@cache
def countries() -> dict[str, Country]:
    return {code: Country(code, name) for code, name in _package_yaml("countries.yaml").items()}


@cache
def currencies() -> dict[str, str]:
    return dict(_package_yaml("currencies.yaml"))


# A theme in content/themes.yaml: `slug: {title: …, description: …}`, checked as front matter is.
THEME = Record(
    what="theme",
    fields=(
        Field("title", Text(max_length=80), "The theme's name, shown to readers.", required=True),
        Field("description", Text(max_length=300), "One sentence for the theme's page.", required=True),
    ),
)


def load_themes(content_dir: Path, root: Path) -> tuple[dict[str, Theme], list[Problem]]:
    """The themes, read as every content file is: never through a link, at most 512 KiB,
    every text checked after YAML decoded it."""
    path = content_dir / THEMES_FILE
    rel = relative_name(path, root)
    if not path.exists() and not path.is_symlink():
        return {}, [Problem(rel, 0, 0, "", "the list of themes is missing",
                            "restore content/themes.yaml from the repository")]
    data = read_content_file(path, rel, MAX_FILE_BYTES, "keep each description to one sentence",
                             folder_hint="restore content/themes.yaml from the repository")
    if isinstance(data, Problem):
        return {}, [data]
    text = decode(data, rel)
    if isinstance(text, Problem):
        return {}, [text]
    parsed = frontmatter.parse(text, rel, 1)
    if parsed.data is None:
        return {}, parsed.problems
    checker = Checker(rel, parsed.locator, Refs())
    checker.problems.extend(parsed.problems)
    themes = {}
    for slug, entry in parsed.data.items():
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            line, col = parsed.locator.position((slug,), key=True)
            checker.problems.append(Problem(rel, line, col, str(slug), "a theme's slug must be lowercase words "
                                            "joined by hyphens", "for example: lifelong-learning"))
            continue
        if not isinstance(entry, dict):
            checker.report((slug,), "a theme needs a title and a description, both text",
                           f'write {slug}: {{title: "…", description: "…"}}')
            continue
        checked = THEME.check(entry, (slug,), checker)
        if checked is not INVALID:
            themes[slug] = Theme(slug, checked["title"], checked["description"])
    return themes, checker.problems


def load_reference(content_dir: Path, root: Path) -> tuple[Reference, list[Problem]]:
    themes, problems = load_themes(content_dir, root)
    return Reference(goals(), countries(), currencies(), themes), problems
