"""Kinds of value for the Sustainable Development Goals' targets ("4.3", "4.a"), and for a list
that names goals and targets together (`sdgs_in_source: [4, "4.3"]`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .kinds import Checker, Kind, Path

_TARGET = re.compile(r"(\d{1,2})\.(\d{1,2}|[a-c])")
TARGET_HINT = 'write the goal and the target joined by a dot, in quotes: "4.3" or "4.a"'


def target_goal(target: str) -> int:
    """The goal a target belongs to: "4.3" → 4."""
    return int(target.split(".", 1)[0])


@dataclass(frozen=True)
class SdgTarget(Kind):
    """A target of a goal, as the UN numbers it. Unquoted, YAML reads 4.3 as a number (and 4.10
    as 4.1): the text as written is taken from the file."""

    label = 'an SDG target, like "4.3"'

    def check(self, value, path: Path, ck: Checker):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return self.wrong_type(value, path, ck)
        written = value.strip() if isinstance(value, str) else (ck.raw(path) or str(value))
        match = _TARGET.fullmatch(written)
        if not match or not 1 <= int(match.group(1)) <= 17 or match.group(2) in ("0", "00"):
            return ck.report(path, f"{written!r} is not an SDG target", TARGET_HINT)
        return f"{int(match.group(1))}.{match.group(2)}"

    def json_schema(self, refs):
        return {"type": "string", "pattern": r"^([1-9]|1[0-7])\.([1-9][0-9]?|[a-c])$"}


@dataclass(frozen=True)
class GoalOrTarget(Kind):
    """A goal by its number (4) or one of its targets ("4.3")."""

    label = 'a goal (4) or a target ("4.3")'

    def check(self, value, path: Path, ck: Checker):
        if isinstance(value, str) and value.strip().isdigit():  # "4", as a form writes a goal
            value = int(value.strip())
        if isinstance(value, int) and not isinstance(value, bool) and "." not in (ck.raw(path) or ""):
            if not 1 <= value <= 17:
                return ck.report(path, f"must be a goal from 1 to 17 or a target, not {value}",
                                 'write a goal\'s number, or a target in quotes like "4.3"')
            return value
        return SdgTarget().check(value, path, ck)

    def json_schema(self, refs):
        return {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 17}, SdgTarget().json_schema(refs)]}
