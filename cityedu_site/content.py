"""Phase 1: read every content file, validate it, and turn it into model values.

Every problem in every file is collected; the build continues to phase 2 only when there
are no errors. `python build.py check` runs this phase alone. A file whose size and
modification time have not changed since the previous build, and whose references (the
cities, themes, media and today's date) have not either, is not read again.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, markdown, parallel, schema, urls
from .config import Config
from .errors import BuildError
from .kinds import Checker, Refs
from .media import Media, check_media, reference_problem, unreferenced
from .model import Case, City, fingerprint
from .problems import Problem, Severity
from .progress import Progress
from .reference import Reference, load_reference
from .sources import SLUG_RE, Source, decode, file_digest, read_source, relative_name, snapshot, split, stat_of

KIND_DIRS = {"city": "cities", "case": "cases"}
MEDIA_DIR = "media"


@dataclass(frozen=True, slots=True)
class Loaded:
    """One content file after phase 1: its model value (None when it has errors) and problems."""

    rel: str
    kind: str
    stat: tuple[int, int]  # (mtime_ns, size): unchanged means not read again
    entity: Case | City | None
    problems: tuple[Problem, ...]
    media: tuple[str, ...] = ()  # the files of content/media/ it refers to


@dataclass(slots=True)
class Content:
    reference: Reference
    refs_key: str = ""  # what every file's validation depended on besides the file itself
    files: dict[str, Loaded] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # of every file, and across files
    media: frozenset[str] = frozenset()  # the files of content/media/ that may be published
    reused: int = 0  # files taken from the previous build unread
    cities: list[City] = field(default_factory=list)  # the model values of files without errors
    cases: list[Case] = field(default_factory=list)


def load_content(config: Config, previous: dict[str, Loaded] | None = None, refs_key: str = "", workers: int = 1,
                 progress: Progress | None = None, stats: dict[str, tuple[int, int]] | None = None) -> Content:
    """Load every content file. previous: what an earlier load made of each file, valid
    while refs_key (the references every file was checked against) is the same: a file
    whose stat (from snapshot()) is the same as then is not read again."""
    content_dir = config.content_path
    stats = stats if stats is not None else snapshot(config)
    reference, problems = load_reference(content_dir, config.root)
    if not content_dir.is_dir():
        problems.append(Problem(relative_name(content_dir, config.root), 0, 0, "",
                                "the content folder does not exist", "run the build from the project's folder"))
        return Content(reference=reference, problems=problems)
    linked = linked_folders(content_dir, config.root)
    if linked:  # a link could lead anywhere on the machine: read nothing until it is gone
        return Content(reference=reference, problems=problems + linked)
    media = check_media(content_dir / MEDIA_DIR, config.root)
    names = file_names(content_dir)
    stems = (os.path.splitext(name)[0] for name in names["city"])
    refs = Refs(
        cities=frozenset(stem for stem in stems if SLUG_RE.match(stem)),
        themes=frozenset(reference.themes),
        countries=frozenset(reference.countries),
        currencies=frozenset(reference.currencies),
        media=media.published,
        media_refused=media.refused,
        today=config.today,
    )
    key = fingerprint(sorted(refs.cities), sorted(reference.themes.items()), sorted(media.published),
                      sorted(media.refused), refs.today)
    loaded, to_read = _listed_files(content_dir, config.root, names, stats,
                                    previous if previous and refs_key == key else {})
    if progress:
        progress.start("load", len(to_read))
    context = (config.root, refs)
    for done, result in enumerate(parallel.run(load_file, context, to_read, workers), 1):
        loaded[result.rel] = result
        if progress:
            progress.advance(done)
    loaded = dict(sorted(loaded.items()))  # in path order
    content = Content(reference=reference, refs_key=key, files=loaded, media=media.published,
                      reused=len(loaded) - len(to_read))
    content.cities = [f.entity for f in loaded.values() if f.kind == "city" and f.entity is not None]
    content.cases = [f.entity for f in loaded.values() if f.kind == "case" and f.entity is not None]
    content.problems = problems + [p for f in loaded.values() for p in f.problems] + list(media.problems)
    content.problems.extend(cross_checks(content.cities, content.cases, config.root))
    content.problems.extend(unreferenced(media, {name for f in loaded.values() for name in f.media}, config.root,
                                         content_dir / MEDIA_DIR))
    return content


def file_names(content_dir: Path) -> dict[str, tuple[str, ...]]:
    """The names in each kind's folder, sorted, dotfiles left out."""
    names = {}
    for kind, folder in KIND_DIRS.items():
        directory = content_dir / folder
        listed = os.listdir(directory) if directory.is_dir() else []
        names[kind] = tuple(sorted(name for name in listed if not name.startswith(".")))
    return names


Task = tuple[str, str, tuple[int, int]]  # kind, path, stat: a file load_file() reads


def _listed_files(content_dir: Path, root: Path, names: dict[str, tuple[str, ...]], stats: dict[str, tuple[int, int]],
                  reusable: dict[str, Loaded]) -> tuple[dict[str, Loaded], list[Task]]:
    """Every listed file: the earlier result where its stat is the same, else a task."""
    loaded: dict[str, Loaded] = {}
    to_read: list[Task] = []
    for kind, folder in KIND_DIRS.items():
        prefix = relative_name(content_dir / folder, root) + "/"
        for name in names[kind]:
            rel = prefix + name
            path = os.path.join(content_dir, folder, name)
            stat = stats.get(rel) or stat_of(Path(path))
            earlier = reusable.get(rel)
            if earlier is not None and earlier.stat == stat and earlier.kind == kind:
                loaded[rel] = earlier
            else:
                to_read.append((kind, path, stat))
    return loaded, to_read


def linked_folders(content_dir: Path, root: Path) -> list[Problem]:
    """Symbolic links among the folders content is read from (files are checked one by one)."""
    folders = [content_dir, *(content_dir / f for f in (*KIND_DIRS.values(), MEDIA_DIR))]
    if os.path.isdir(content_dir / MEDIA_DIR):
        for parent, names, _ in os.walk(content_dir / MEDIA_DIR):
            folders.extend(Path(parent) / name for name in names)
    return [Problem(relative_name(folder, root), 0, 0, "", "symbolic links are not allowed in content/",
                    "replace the link with the folder itself") for folder in folders if folder.is_symlink()]


def load_file(context: tuple[Path, Refs], task: tuple[str, str, tuple[int, int]]) -> Loaded:
    """Read, validate and model one file (in a worker process on big sites)."""
    root, refs = context
    kind, path, stat = task
    source = read_source(Path(path), kind, root)
    if isinstance(source, Problem):
        return Loaded(source.path, kind, stat, None, (source,))
    values, problems, images = _check(source, refs)
    body_problems, body_media = _body_problems(source, refs)
    problems.extend(body_problems)
    entity = None
    if values is not None and not any(p.is_error for p in problems):
        model = Case if kind == "case" else City
        # The slug is part of what a page shows of an entity (its URL), so of its digest.
        entity = model(slug=source.slug, path=source.rel, digest=entity_digest(source), **values)
    return Loaded(source.rel, kind, stat, entity, tuple(problems), tuple(dict.fromkeys(images + body_media)))


def entity_digest(source: Source) -> str:
    return fingerprint(source.digest, source.rel)


def read_body(root: Path, rel: str, kind: str, digest: str) -> str:
    """The Markdown body of a content file, as it was when it was loaded (checked by digest)."""
    with open(os.path.join(root, rel), "rb") as file:
        data = file.read()
    text = decode(data, rel)
    source = split(text, rel, kind, "", file_digest(data)) if isinstance(text, str) else text
    if isinstance(source, Problem) or entity_digest(source) != digest:
        raise BuildError(f"{rel} changed during the build; build again")
    return source.body


def _check(source: Source, refs: Refs) -> tuple[dict | None, list[Problem], tuple[str, ...]]:
    """The checked values (None when they have errors), the problems, and the images named."""
    parsed = frontmatter.parse(source.front_matter, source.rel, source.front_matter_line)
    if parsed.data is None:
        return None, parsed.problems, ()
    checker = Checker(source.rel, parsed.locator, refs)
    checker.problems.extend(parsed.problems)
    values = schema.validate(source.kind, parsed.data, checker)
    return values, checker.problems, _images(parsed.data)


def _images(data: dict) -> tuple[str, ...]:
    """The media files `images:` names, read from the data as written (a case with an error
    elsewhere still refers to its images)."""
    images = data.get("images")
    return tuple(item["src"] for item in images if isinstance(item, dict) and isinstance(item.get("src"), str)
                 ) if isinstance(images, list) else ()


def _body_problems(source: Source, refs: Refs) -> tuple[list[Problem], tuple[str, ...]]:
    """What breaks the policy in the rendered body, and the media files it refers to."""
    page = urls.case(source.slug) if source.kind == "case" else urls.city(source.slug)
    rendered = markdown.render_checked(source.body, source.rel, source.body_line, page)
    problems = rendered.problems
    known = Media(refs.media, refs.media_refused)
    for link in rendered.media:
        wrong = reference_problem(link.name, known, link.image)
        if wrong:
            problems.append(Problem(source.rel, link.line, link.col, "body", *wrong))
    if not source.body.strip():
        what = "case study" if source.kind == "case" else "city"
        problems.append(Problem(source.rel, source.body_line - 1, 1, "body", "the text below the front matter is "
                                f"empty, so the {what}'s page shows only the facts", f"write the {what}'s text "
                                "below the closing `---`", Severity.WARNING))
    return problems, tuple(dict.fromkeys(link.name for link in rendered.media))


def name_key(name: str) -> str:
    """Names that differ only by case, width, Unicode normalisation or invisible characters
    (a joiner, a direction mark) share a key."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(c for c in folded if unicodedata.category(c) != "Cf").strip()


def cross_checks(cities: list[City], cases: list[Case], root: Path) -> list[Problem]:
    """Problems no single file shows: clashing city names, districts of districts, aliases
    that point two ways."""
    problems = []
    seen: dict[str, City] = {}
    by_slug = {c.slug: c for c in cities}
    for city in sorted(cities, key=lambda c: c.path):
        key = name_key(city.name)
        if key in seen:
            other = seen[key]
            line, col = field_position(root, city.path, "city", "name")
            problems.append(Problem(city.path, line, col, "name", f"the name {city.name!r} is already "
                                    f"used by {other.path} ({other.name!r})",
                                    "each city needs its own name; merge the two files or "
                                    "tell the cities apart in the names"))
        else:
            seen[key] = city
        parent = by_slug.get(city.parent) if city.parent else None
        if parent and parent.parent:
            line, col = field_position(root, city.path, "city", "parent")
            problems.append(Problem(city.path, line, col, "parent", f"{city.parent!r} is itself a district "
                                    f"of {parent.parent!r}",
                                    f"use the metropolitan city as parent: parent: {parent.parent}"))
    return problems + _alias_problems(cases, root)


def _alias_problems(cases: list[Case], root: Path) -> list[Problem]:
    """An alias is an old address of one case: it cannot be another case's slug or alias."""
    problems = []
    owners = {case.slug: case for case in cases}
    for case in cases:  # in path order, as loaded
        for alias in case.aliases:
            other = owners.get(alias)
            if other is None:
                owners[alias] = case
                continue
            line, col = field_position(root, case.path, "case", "aliases")
            clash = ("is the slug of" if other.slug == alias else "is already an alias of")
            problems.append(Problem(case.path, line, col, "aliases", f"{alias!r} {clash} {other.path}",
                                    "an old address can lead to one case study only; remove it from one file"))
    return problems


def field_position(root: Path, rel: str, kind: str, name: str) -> tuple[int, int]:
    """Where a top-level field's value is; reading the file again is fine on this rare path."""
    source = read_source(root / rel, kind, root)
    if isinstance(source, Problem):
        return 0, 0
    parsed = frontmatter.parse(source.front_matter, source.rel, source.front_matter_line)
    return parsed.locator.position((name,))
