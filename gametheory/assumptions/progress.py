"""A minimal progress bar on stderr, drawn only when stderr is a terminal (no dependency)."""

from __future__ import annotations

import sys
import time

__all__ = ["Progress"]


class Progress:
    """``with Progress(total, "draws") as bar: bar.update(k)``; silent unless the stream is a TTY.

    >>> with Progress(10, "draws", enabled=False) as bar:
    ...     bar.update(10)
    >>> bar.done
    10
    """

    def __init__(self, total: int, label: str = "", stream=None, enabled: bool | None = None, width: int = 30):
        self.total = max(int(total), 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = (hasattr(self.stream, "isatty") and self.stream.isatty()) if enabled is None else enabled
        self.width = width
        self.done = 0
        self._last = 0.0
        self._start = time.perf_counter()

    def update(self, k: int = 1):
        self.done += int(k)
        now = time.perf_counter()
        if self.enabled and (now - self._last > 0.1 or self.done >= self.total):
            self._last = now
            frac = min(self.done / self.total, 1.0)
            bar = "#" * int(frac * self.width)
            rate = self.done / max(now - self._start, 1e-9)
            self.stream.write(f"\r{self.label} [{bar:<{self.width}}] {frac:4.0%} {self.done}/{self.total} "
                              f"({rate:,.0f}/s)")
            self.stream.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
        return False
