"""The `locator` command's start: `locator --help` and `locator nearest "Sandy, UT"`, each a
whole process, beside `python -c pass` (the floor: the interpreter's own start) measured in the
same run, the three taken in turn so that a busy machine slows each alike."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.timing import Row, repeats
from locator.data.paths import shipped_registry
from locator.geo.index import ensure_index

LOCATOR = Path(sys.executable).with_name("locator")  # the installed command, as people run it
FLOOR = "python -c pass (the floor)"
AIMS = {"locator --help": 0.15, 'locator nearest "Sandy, UT"': 0.4}  # seconds, issue 21


def _commands() -> dict[str, list[str]]:
    return {
        FLOOR: [sys.executable, "-c", "pass"],
        "locator --help": [str(LOCATOR), "--help"],
        'locator nearest "Sandy, UT"': [
            str(LOCATOR),
            "nearest",
            "Sandy, UT",
            "--registry",
            str(shipped_registry()),
        ],
    }


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def run(smoke: bool = False) -> list[Row]:
    """Each command's median over fresh processes, with its ratio to the floor and its aim.

    The place index is built and the registry read once beforehand (the cache a first run
    leaves), so the figures are for a command run on a machine where locator has run before.
    """
    ensure_index()
    commands = _commands()
    _seconds(commands['locator nearest "Sandy, UT"'])  # leaves the registry's cache
    times: dict[str, list[float]] = {case: [] for case in commands}
    for _ in range(repeats(11, smoke)):
        for case, command in commands.items():
            times[case].append(_seconds(command))
    floor = statistics.median(times[FLOOR])
    rows = []
    for case, taken in times.items():
        median = statistics.median(taken)
        if case == FLOOR:
            rows.append(Row("command line", case, median, min(taken), len(taken)))
            continue
        note = f"{median / floor:.1f}x the floor"
        rows.append(
            Row("command line", case, median, min(taken), len(taken), note, AIMS[case], floor)
        )
    return rows
