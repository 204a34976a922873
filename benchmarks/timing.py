"""Timing helpers shared by the benchmarks: medians over repeats, ratios, and a plain table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

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
    aim_s: float | None = None  # the aim for the median, where it sets one
    floor_s: float | None = None  # the least the machine can do, measured in the same run
    memory_mb: float | None = None  # memory measured for the case (PSS), where it is
    memory_aim_mb: float | None = None


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


def sizes(
    repeats_by_size: Mapping[int, int], smoke: bool, smoke_size: int | None = None
) -> dict[int, int]:
    """The sizes to measure with their repeats; a smoke run (``python -m benchmarks --smoke``)
    only checks that a benchmark still runs, so it takes the smallest size (or ``smoke_size``,
    where even that takes long to prepare), once."""
    if smoke:
        return {smoke_size or min(repeats_by_size): 1}
    return dict(repeats_by_size)


def repeats(count: int, smoke: bool) -> int:
    """``count`` repeats, or one in a smoke run."""
    return 1 if smoke else count


def compared(row: Row, naive: Row, floor: Row) -> Row:
    """``row`` with its ratios, in its note, to the naive way and to the floor (the least the
    machine can do), both measured in the same run: figures from another run would not do."""
    ratios = (
        f"the naive way takes {_times(naive.median_s / row.median_s)} as long; "
        f"this takes {_times(row.median_s / floor.median_s)} the floor"
    )
    return replace(row, note=f"{row.note}; {ratios}" if row.note else ratios)


def _times(ratio: float) -> str:
    return f"{ratio:,.1f}x" if ratio >= 0.1 else f"{ratio:.2g}x"


def _duration(seconds: float) -> str:
    if seconds < 1e-4:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1000:.2f} ms" if seconds < 1 else f"{seconds:.3f} s"


def _within(figure: float, aim: float) -> str:
    """ "yes" when ``figure`` is at most ``aim`` as the aims are written, to three figures."""
    return "yes" if figure <= aim * 1.0005 else "NO"


def aims(rows: list[Row]) -> str:
    """Each case with an aim: its median (or memory) beside the aim, whether it is within it,
    and its floor with the ratio, so that the figure reads against what the machine can do."""
    cells = []
    for r in rows:
        floor = (_duration(r.floor_s), _times(r.median_s / r.floor_s)) if r.floor_s else ("", "")
        if r.aim_s is not None:
            within = _within(r.median_s, r.aim_s)
            cells.append(
                (r.benchmark, r.case, _duration(r.median_s), _duration(r.aim_s), within, *floor)
            )
        if r.memory_mb is not None and r.memory_aim_mb is not None:
            measured, aim = f"{r.memory_mb:,.0f} MB", f"{r.memory_aim_mb:,.0f} MB"
            within = _within(r.memory_mb, r.memory_aim_mb)
            cells.append((r.benchmark, f"{r.case}: memory (PSS)", measured, aim, within, "", ""))
    header = ("benchmark", "case", "measured", "aim", "within", "floor", "x floor")
    return text_table(header, cells, max_width=200)


def table(rows: list[Row]) -> str:
    """The rows as an aligned text table."""
    header = ("benchmark", "case", "median", "best", "n", "note")
    cells = [
        (r.benchmark, r.case, _duration(r.median_s), _duration(r.best_s), str(r.repeats), r.note)
        for r in rows
    ]
    return text_table(header, cells, max_width=200)
