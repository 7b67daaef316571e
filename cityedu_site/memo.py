"""Values one build worked out, offered to the next while their inputs are the same objects.

A rebuild loads again only the files that changed; every other case, city and theme is
the very object the previous build had. So a value made from some of those objects (a
case's card, its page, that page's fingerprint) is still right while each input is
identical (`is`), and `serve` re-plans 10,000 cases in a fraction of the time it takes
to plan them afresh. Inputs are compared by identity, never by value: that costs nothing
and is never wrong, as model values are immutable. A Memo keeps the values the latest
build used and drops the rest, so it does not grow with the number of builds.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        self._previous: dict[tuple, tuple[tuple, Any]] = {}
        self._current: dict[tuple, tuple[tuple, Any]] = {}

    def next_build(self) -> None:
        """Start a build: what the last one did not use is forgotten."""
        self._previous, self._current = self._current, {}

    def get(self, name: Hashable, inputs: tuple, make: Callable[[], T]) -> T:
        """make()'s value, made at most once while every input is the same object.

        `name` says which value (and holds any plain setting it depends on); the entry
        keeps its inputs alive, so their ids cannot be reused by other objects."""
        # Two objects alive at once never share an id, and every entry holds its inputs:
        # an entry found by the ids of the inputs was made from these very objects.
        key = (name, *map(id, inputs))
        entry = self._current.get(key)
        if entry is None:
            entry = self._previous.get(key)
            if entry is None:
                entry = (inputs, make())
            self._current[key] = entry
        return entry[1]
