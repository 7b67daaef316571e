"""Problems with content: plain values, collected across every file, reported together.

A Problem names the file, the line and column, the field, what is wrong and how to fix it.
Exceptions are kept for bugs and I/O failures (see errors.py); anything an editor can fix
is a Problem.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    col: int  # 1-based; 0 when unknown
    field: str  # dotted path of the front-matter field ("budget.sources[1].amount"), or ""
    message: str  # what is wrong
    hint: str = ""  # how to fix it
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        # A file name is the editor's too: its control characters are shown escaped, never sent to a terminal.
        where = self.path if self.path.isprintable() else "".join(
            c if c.isprintable() else repr(c)[1:-1] for c in self.path)
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        return where

    def text(self) -> str:
        """`content/cases/x.md:12:3: budget.total: what is wrong; how to fix it`"""
        label = f"{self.field}: " if self.field else ""
        warn = "warning: " if self.severity is Severity.WARNING else ""
        fix = f"; {self.hint}" if self.hint else ""
        return f"{self.location()}: {warn}{label}{self.message}{fix}"

    def github_annotation(self) -> str:
        """The same message as a GitHub Actions workflow command."""
        kind = "error" if self.is_error else "warning"
        params = [f"file={_escape_property(self.path)}"]
        if self.line:
            params.append(f"line={self.line}")
        if self.col:
            params.append(f"col={self.col}")
        if self.field:
            params.append(f"title={_escape_property(self.field)}")
        body = self.message + (f"; {self.hint}" if self.hint else "")
        return f"::{kind} {','.join(params)}::{_escape_data(body)}"


def dotted(path: Sequence[str | int]) -> str:
    """("budget", "sources", 1, "amount") → "budget.sources[2].amount" (items counted from 1)."""
    out = ""
    for step in path:
        out += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.col, p.field, p.message))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like word, or None when nothing is close.

    Case, width and Unicode normalisation do not count ("Ｓｅｏｕｌ" is close to "seoul");
    between equally close choices, the one that starts like word wins ("KRV": KRW, not PKR)."""
    folded = {_fold(c): c for c in choices}
    key = _fold(str(word))
    close = difflib.get_close_matches(key, list(folded), n=5, cutoff=0.6)
    if not close:
        return None
    best = difflib.SequenceMatcher(None, key, close[0]).ratio()
    tied = [c for c in close if difflib.SequenceMatcher(None, key, c).ratio() == best]
    return folded[max(tied, key=lambda c: len(os.path.commonprefix([key, c])))]


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, or "" when nothing is close."""
    guess = closest(word, choices)
    return f'did you mean "{guess}"?' if guess else ""


def summarise(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    if not parts:
        return "no problems"
    return f"{' and '.join(parts)} in {files} file{'s' if files != 1 else ''}"
