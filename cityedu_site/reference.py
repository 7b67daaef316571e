"""Reference data: the 17 goals, countries and currencies (shipped with the package) and the
controlled list of themes (kept with the content, so editors can propose new ones)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from . import frontmatter, urls
from .model import Country, Goal, Theme
from .problems import Problem
from .sources import SLUG_RE, decode, relative_name

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


def load_themes(content_dir: Path, root: Path) -> tuple[dict[str, Theme], list[Problem]]:
    path = content_dir / THEMES_FILE
    rel = relative_name(path, root)
    if not path.is_file():
        return {}, [Problem(rel, 0, 0, "", "the list of themes is missing",
                            "restore content/themes.yaml from the repository")]
    text = decode(path.read_bytes(), rel)
    if isinstance(text, Problem):
        return {}, [text]
    parsed = frontmatter.parse(text, rel, 1)
    if parsed.problems or parsed.data is None:
        return {}, parsed.problems
    themes, problems = {}, []
    for slug, entry in parsed.data.items():
        line, col = parsed.locator.position((slug,), key=True)
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            problems.append(Problem(rel, line, col, str(slug), "a theme's slug must be lowercase "
                                    "words joined by hyphens", "for example: lifelong-learning"))
            continue
        if (not isinstance(entry, dict) or set(entry) != {"title", "description"}
                or not all(isinstance(v, str) and v.strip() for v in entry.values())):
            problems.append(Problem(rel, line, col, slug, "a theme needs a title and a description, "
                                    "both text", f'write {slug}: {{title: "…", description: "…"}}'))
            continue
        themes[slug] = Theme(slug, entry["title"].strip(), entry["description"].strip())
    return themes, problems


def load_reference(content_dir: Path, root: Path) -> tuple[Reference, list[Problem]]:
    themes, problems = load_themes(content_dir, root)
    return Reference(goals(), countries(), currencies(), themes), problems
