"""The registry editor: opening and saving 1,000 and 10,000 generated clinics, and one keystroke.

Each size runs in a fresh process (Qt offscreen), so one run's memory does not slow the next.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.timing import Row, repeats, sizes
from locator.data.formatting import canonical
from locator.data.synthetic import synthetic_registry

SIZES = {1_000: 3, 10_000: 1}  # clinics: fresh processes
SMOKE_SIZE = 10  # writing 1,000 clinics in the canonical layout alone takes some 10 s
KEYSTROKES = 20
AIM_S = {10_000: 1.0}  # issue 25: open and save each under a second at 10,000 clinics

_CHILD = r"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from pathlib import Path
from locator.ui.registry_editor import RegistryEditor
path, keystrokes = Path(sys.argv[1]), int(sys.argv[2])
t0 = time.perf_counter()
editor = RegistryEditor(path)
editor.show()
QCoreApplication.processEvents()
opened = time.perf_counter() - t0
name = editor.fields["name"]
name.setFocus()
name.end(False)
typed = []
for key in "abcdefghijklmnopqrstuvwxyz"[:keystrokes]:
    t0 = time.perf_counter()
    QTest.keyClick(name, key)
    QCoreApplication.processEvents()
    typed.append(time.perf_counter() - t0)
t0 = time.perf_counter()
assert editor.save() is not None, editor.status.text()
saved = time.perf_counter() - t0
print(json.dumps({"open": opened, "save": saved, "keystrokes": typed}))
sys.stdout.flush()
os._exit(0)
"""


@dataclass(frozen=True)
class _Run:
    """What one editor process measured, in seconds."""

    opened: float
    saved: float
    keystrokes: list[float]

    @classmethod
    def parse(cls, line: str) -> _Run:
        """The child's JSON line, each figure checked to be a number."""
        found = json.loads(line)
        return cls(
            float(found["open"]), float(found["save"]), [float(t) for t in found["keystrokes"]]
        )


def _run(path: Path, keystrokes: int) -> _Run:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(keystrokes)],
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return _Run.parse(result.stdout.strip().splitlines()[-1])


def _rows(
    label: str, times: list[float], note: str = "", aim: float | None = None, floor: float = 0.0
) -> Row:
    return Row(
        "editor", label, statistics.median(times), min(times), len(times), note, aim, floor or None
    )


def _floor(path: Path) -> float:
    """The least opening can take: reading the file's bytes (median of five)."""
    times = []
    for _ in range(5):
        started = time.perf_counter()
        path.read_bytes()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(smoke: bool = False) -> list[Row]:
    """Open, type into the first clinic's name, save; in the canonical layout `locator fmt`
    writes, as a maintained registry is."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for count, processes in sizes(SIZES, smoke, SMOKE_SIZE).items():
            path = Path(folder) / f"clinics-{count}.yaml"
            text = yaml.safe_dump(synthetic_registry(count), sort_keys=False, allow_unicode=True)
            pristine = canonical(text)
            size = f"{len(pristine.encode()) / 1e6:.2f} MB file"
            keystrokes = repeats(KEYSTROKES if count <= 1_000 else 5, smoke)
            runs = []
            for _ in range(processes):
                path.write_text(pristine, encoding="utf-8")
                runs.append(_run(path, keystrokes))
            typed = [t for r in runs for t in r.keystrokes]
            aim, floor = AIM_S.get(count), _floor(path)
            opened = [r.opened for r in runs]
            rows.append(_rows(f"{count:,} clinics: open", opened, size, aim, floor))
            saved = [r.saved for r in runs]
            rows.append(_rows(f"{count:,} clinics: save after an edit", saved, "", aim))
            rows.append(_rows(f"{count:,} clinics: one keystroke in a field", typed))
    return rows


if __name__ == "__main__":
    from benchmarks.folders import own_folders
    from benchmarks.timing import table

    with own_folders():
        print(table(run()))
