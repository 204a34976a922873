"""The `locator` command's start: `locator --help` and `locator nearest "Sandy, UT"`, each a
whole process, beside `python -c pass` (the floor: the interpreter's own start) measured in the
same run, the three taken in turn so that a busy machine slows each alike."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
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


def _installed(bytecode: str) -> dict[str, str]:
    """The environment of an installed locator: its modules compiled once and kept (a wheel's
    install compiles them), here under ``bytecode``, never beside the sources; a shell that
    turns bytecode off (``PYTHONDONTWRITEBYTECODE``) would time the compiler at every start."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return environment | {"PYTHONPYCACHEPREFIX": bytecode}


def _seconds(command: list[str], environment: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=environment
    )
    return time.perf_counter() - started


def run(smoke: bool = False) -> list[Row]:
    """Each command's median over fresh processes, with its ratio to the floor and its aim.

    The place index is built and the registry read once beforehand (the cache a first run
    leaves, and its modules' bytecode), so the figures are for a command run on a machine where
    locator is installed and has run before.
    """
    ensure_index()
    commands = _commands()
    with tempfile.TemporaryDirectory(prefix="locator-bytecode-") as bytecode:
        environment = _installed(bytecode)
        for command in commands.values():  # leaves the registry's cache and the bytecode
            _seconds(command, environment)
        times: dict[str, list[float]] = {case: [] for case in commands}
        for _ in range(repeats(11, smoke)):
            for case, command in commands.items():
                times[case].append(_seconds(command, environment))
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
