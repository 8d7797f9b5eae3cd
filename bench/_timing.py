"""Timing helper shared by the benchmark scripts (run as ``python bench/NAME.py``)."""

import statistics
import time


def median_time(func, repeat):
    """Median wall-clock seconds of ``repeat`` calls of ``func()``."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def median_time_and_result(func, repeat):
    """``(median seconds, last result)`` of ``repeat`` calls of ``func()``."""
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out
