"""Run every benchmark and print one table: `python -m benchmarks`.

Every benchmark runs with its own temporary HOME and XDG folders (benchmarks/folders.py).

`python -m benchmarks --smoke` runs each once at its smallest size and prints one row per
benchmark; it fails, naming the benchmark, when one raises or gives no figure. It checks that
the benchmarks still run (the test suite runs it), not how fast anything is.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import time
import traceback
from typing import Protocol

from benchmarks import (
    app_window,
    command_line,
    geocoding,
    hsds,
    map_page,
    registry_editor,
    registry_load,
    search,
    water,
)
from benchmarks.folders import own_folders
from benchmarks.timing import Row, aims, table
from locator.text_table import text_table


class Benchmark(Protocol):
    """A benchmark module: mypy checks that each has this ``run``."""

    __name__: str

    def run(self, smoke: bool = False) -> list[Row]:
        """The measured cases; with ``smoke``, the smallest size once."""
        ...


BENCHMARKS: tuple[Benchmark, ...] = (
    registry_load,
    registry_editor,
    geocoding,
    search,
    water,
    map_page,
    app_window,
    command_line,
    hsds,
)


def name(benchmark: Benchmark) -> str:
    """The benchmark's name: its module's, "search" for benchmarks.search."""
    return benchmark.__name__.rpartition(".")[2]


def _figures(rows: list[Row]) -> bool:
    return bool(rows) and all(math.isfinite(r.median_s) and r.median_s > 0 for r in rows)


def smoke() -> int:
    """Each benchmark once at its smallest size: 0 when every one gave its figures, else 1."""
    started = time.perf_counter()
    cells, failures = [], []
    for benchmark in BENCHMARKS:
        began = time.perf_counter()
        try:
            rows = benchmark.run(smoke=True)
        except Exception as error:  # reported by name below, with the traceback
            traceback.print_exc()
            failures.append(f"{name(benchmark)} raised {type(error).__name__}: {error}")
            rows = []
        else:
            if not _figures(rows):
                failures.append(f"{name(benchmark)} gave no figure")
        took = time.perf_counter() - began
        cells.append(
            (name(benchmark), str(len(rows)), f"{took:.1f} s", "ok" if _figures(rows) else "FAILED")
        )
    print(text_table(("benchmark", "figures", "took", "result"), cells))
    print(f"smoke run took {time.perf_counter() - started:.1f} s")
    for failure in failures:
        print(f"benchmark smoke run failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    """Every benchmark measured in full and printed as one table, or a smoke run."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--smoke", action="store_true", help="each benchmark once, at its smallest size"
    )
    with own_folders():
        if parser.parse_args(argv).smoke:
            return smoke()
        before = os.getloadavg()
        rows = [row for benchmark in BENCHMARKS for row in benchmark.run()]
        after = os.getloadavg()
    print(
        f"locator benchmarks — Python {platform.python_version()}, {platform.machine()}, "
        f"{sys.platform}, {os.cpu_count()} processors"
    )
    print(table(rows))
    print("\nThe aims, each beside its floor (the least the machine can do, in the same run):")
    print(aims(rows))
    print(f"\nHow quiet the machine was: load average {_load(before)} before, {_load(after)} after")
    return 0


def _load(average: tuple[float, float, float]) -> str:
    """The 1, 5 and 15-minute load averages, as `uptime` prints them."""
    return " / ".join(f"{a:.2f}" for a in average) + " (1 / 5 / 15 min)"


if __name__ == "__main__":
    sys.exit(main())
