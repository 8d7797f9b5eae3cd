"""Progress of a long loop on stderr, drawn by tqdm, when stderr is a terminal or when asked.

Used by the solvers that may run long (Lemke-Howson from every label) and by
the payoff-assumption studies (grid sweeps, Monte Carlo draws).  Nothing is
written when the stream is not a terminal (pipes, files, tests) unless the
bar is asked for (``enabled=True``, a command's ``--progress``), nor during
the first second of a bar that was not asked for, so short runs stay
silent; after that at most one line every half second.  tqdm is imported only when a bar is drawn, so a run whose
output goes to a pipe never imports it.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

__all__ = ["Progress"]

# "labels: 3/5  60%|######    | [00:02<00:01, 1.40it/s]": the count first, as the hand-written bars printed it
_FORMAT = "{desc}: {n_fmt}/{total_fmt} {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}, {rate_fmt}]"


class Progress:
    """``with Progress(total, "draws") as bar: bar.update(k)``: a tqdm bar, silent unless the stream is a TTY.

    Parameters
    ----------
    total : int
        Number of steps.
    desc : str
        What is being counted, e.g. ``"lemke-howson labels"``.
    stream : file, optional
        Where to draw; default ``sys.stderr``.
    enabled : bool, optional
        Draw the bar (True), never (False), or when ``stream`` is a terminal (None, the default).
    delay : float, optional
        Seconds during which nothing is drawn; default 1 when the bar is drawn
        because the stream is a terminal, 0 when it was asked for (``enabled=True``,
        ``--progress``): a bar asked for is shown at once.
    every : float
        Least number of seconds between two redraws.

    Examples
    --------
    >>> with Progress(10, "draws", enabled=False) as bar:
    ...     bar.update(4)
    ...     bar.update(6)
    >>> bar.done
    10
    """

    def __init__(self, total: int, desc: str = "", stream: TextIO | None = None, enabled: bool | None = None,
                 delay: float | None = None, every: float = 0.5):
        self.total = max(int(total), 1)
        self.desc = desc
        self.stream = sys.stderr if stream is None else stream
        if delay is None:
            delay = 0.0 if enabled else 1.0
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.done = 0
        self._bar: Any = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=self.total, desc=desc, file=self.stream, delay=delay, mininterval=every,
                             bar_format=_FORMAT, disable=False, leave=True)

    def update(self, k: int = 1) -> None:
        """Report that ``k`` more steps are finished."""
        self.done += int(k)
        if self._bar is not None:
            self._bar.update(int(k))

    def close(self) -> None:
        """End the bar's line (if a bar was drawn)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
