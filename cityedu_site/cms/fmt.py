"""`python build.py fmt`: rewrite content files in the style the CMS saves them in.

The form at /admin/ (Decap CMS) rewrites the whole front matter of a file it saves. When
the file is already in its style, the rewrite changes nothing but the field the editor
changed; otherwise the first save through the form reflows every line. So content files
are kept in that style: run `fmt` after editing files by hand, and `fmt --check` in CI.

The front matter's fields are put in the schema's order (nested ones too: the CMS keeps
the order it finds); values are written by yamlstyle. The text below the front matter is
left as it is. A file whose front matter cannot be read is left alone and reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import frontmatter, schema
from ..content import KIND_DIRS
from ..kinds import Date, Field, ListOf, PartialDateKind, Record
from ..problems import Problem
from ..sources import read_source
from .yamlstyle import front_matter

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Formatted:
    path: Path
    text: str | None  # the file in the CMS's style; None when it could not be read
    changed: bool
    problems: tuple[Problem, ...] = ()


def ordered(value: Any, fields: tuple[Field, ...]) -> Any:
    """A record's values in the order of its fields (unknown keys last, as written)."""
    if not isinstance(value, dict):
        return value
    by_name = {f.name: f for f in fields}
    known = [(f.name, value[f.name]) for f in fields if f.name in value]
    unknown = [(k, v) for k, v in value.items() if k not in by_name]
    return {key: _ordered_value(item, by_name.get(key)) for key, item in known + unknown}


def _ordered_value(value: Any, spec: Field | None) -> Any:
    kind = spec.kind if spec else None
    if isinstance(kind, Date | PartialDateKind) and isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:  # "2011-09-05" in quotes: the same date to check, and written plain by the CMS
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(kind, Record):
        return ordered(value, kind.fields)
    if isinstance(kind, ListOf) and isinstance(kind.item, Record) and isinstance(value, list):
        return [ordered(item, kind.item.fields) for item in value]
    return value


def render(data: dict, body: str, kind: str) -> str:
    """A whole content file: front matter in the CMS's style, then the body as it was."""
    record = schema.CASE if kind == "case" else schema.CITY
    head = front_matter(ordered(data, record.fields)) if data else ""
    text = f"---\n{head}\n---\n" if head else ""
    return text + body if body.strip() else text


def format_file(path: Path, kind: str, root: Path) -> Formatted:
    source = read_source(path, kind, root)
    if isinstance(source, Problem):
        return Formatted(path, None, False, (source,))
    parsed = frontmatter.parse(source.front_matter, source.rel, source.front_matter_line)
    if parsed.problems or not isinstance(parsed.data, dict):
        return Formatted(path, None, False, tuple(parsed.problems))
    text = render(parsed.data, source.body, kind)
    original = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    return Formatted(path, text, text != original)


def content_files(content_dir: Path) -> Iterator[tuple[Path, str]]:
    for kind, folder in KIND_DIRS.items():
        for path in sorted((content_dir / folder).glob("*.md")):
            if not path.is_symlink():
                yield path, kind


def format_content(content_dir: Path, root: Path, write: bool) -> list[Formatted]:
    """Format every case and city; write the changed ones when asked."""
    results = [format_file(path, kind, root) for path, kind in content_files(content_dir)]
    if write:
        for result in results:
            if result.changed and result.text is not None:
                result.path.write_text(result.text, "utf-8", newline="\n")
    return results
