"""A cache of what the latest build used: `serve` runs for hours, and what one edit made
obsolete (a card's HTML, a case's line in cases.json) must not stay for the session."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Recent(Generic[T]):
    def __init__(self) -> None:
        self._now: dict[Hashable, T] = {}
        self._before: dict[Hashable, T] = {}

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        value = self._now.get(key)
        if value is None:
            value = self._before.get(key)
            if value is None:
                value = make()
            self._now[key] = value
        return value

    def next_build(self) -> None:
        """Values no page asked for during the last build are forgotten now."""
        self._before, self._now = self._now, {}
