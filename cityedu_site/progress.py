"""Progress for long work: a bar on a terminal, nothing otherwise (the summary line says
what happened)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._label = ""
        self._total = 0
        self._last = 0.0

    def start(self, label: str, total: int) -> None:
        self._label, self._total, self._last = label, total, 0.0

    def advance(self, done: int) -> None:
        if not self.enabled or not self._total:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done < self._total:
            return
        self._last = now
        width = 30
        filled = width * done // self._total
        bar = "█" * filled + "·" * (width - filled)
        self.stream.write(f"\r{self._label:<10} {bar} {done}/{self._total}")
        if done >= self._total:
            self.stream.write("\r\033[K")
        self.stream.flush()
