"""Timing helpers shared by the benchmarks: medians over repeats, and a plain table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from locator.text_table import text_table


@dataclass(frozen=True)
class Row:
    """One measured case."""

    benchmark: str
    case: str
    median_s: float
    best_s: float
    repeats: int
    note: str = ""


def measure(
    benchmark: str, case: str, action: Callable[[], object], repeats: int, note: str = ""
) -> Row:
    """Run ``action`` ``repeats`` times and keep the median and best wall time."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
        del result  # freeing what was built is not part of building it
    return Row(benchmark, case, statistics.median(times), min(times), repeats, note)


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms" if seconds < 1 else f"{seconds:.3f} s"


def table(rows: list[Row]) -> str:
    """The rows as an aligned text table."""
    header = ("benchmark", "case", "median", "best", "n", "note")
    cells = [
        (r.benchmark, r.case, _duration(r.median_s), _duration(r.best_s), str(r.repeats), r.note)
        for r in rows
    ]
    return text_table(header, cells, max_width=200)
