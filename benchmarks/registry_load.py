"""Loading registries of 10 to 100,000 generated clinics: first load and unchanged file, each
beside its floor (reading the file's bytes) taken in turn in the same run, and its aim."""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

from benchmarks.folders import own_folders
from benchmarks.timing import Row, sizes
from locator.data import registry_cache
from locator.data.loader import load_registry
from locator.data.synthetic import synthetic_registry

SIZES = {10: 20, 1_000: 7, 10_000: 5, 100_000: 3}  # clinics: repeats
# The aims of issue 25, in seconds: (first load, unchanged file) by size.
AIMS = {10_000: (1.0, None), 100_000: (5.0, 1.0)}
FLOOR = "reading the file's bytes"
GENERATED = 10_000  # the most clinics written out one by one; a larger registry repeats them


def run(smoke: bool = False) -> list[Row]:
    """Measure each size; the cache lives in a temporary folder, never the user's."""
    rows = []
    with own_folders() as folder:
        for count, repeats in sizes(SIZES, smoke).items():
            path = Path(folder) / f"clinics-{count}.yaml"
            path.write_text(registry_text(count), encoding="utf-8")
            size = f"{path.stat().st_size / 1e6:.2f} MB file"
            first, unchanged = AIMS.get(count, (None, None))
            rows.append(
                _beside_floor(
                    f"{count:,} clinics, first load",
                    partial(load_registry, path, use_cache=False),
                    path,
                    repeats,
                    size,
                    first,
                )
            )
            load_registry(path)  # fills the cache
            assert registry_cache.lookup(path.read_bytes()) is not None
            rows.append(
                _beside_floor(
                    f"{count:,} clinics, unchanged file (cache)",
                    partial(load_registry, path),
                    path,
                    repeats,
                    "",
                    unchanged,
                )
            )
    return rows


def registry_text(count: int) -> str:
    """A generated registry of ``count`` clinics as YAML writes it. Past ``GENERATED`` the
    clinics written are repeated, each copy with its own id (writing 100,000 one by one takes
    PyYAML minutes); every one is still read and checked in full."""
    text = yaml.safe_dump(
        synthetic_registry(min(count, GENERATED)), sort_keys=False, allow_unicode=True
    )
    if count <= GENERATED:
        return text
    head, clinics = text.split("clinics:\n", 1)
    copies = [
        re.sub(
            r"^- id: synthetic-clinic-(\d+)$",
            rf"- id: synthetic-clinic-{copy}-\1",
            clinics,
            flags=re.MULTILINE,
        )
        for copy in range(count // GENERATED)
    ]
    return head + "clinics:\n" + "".join(copies)


def _beside_floor(
    case: str,
    load: Callable[[], object],
    path: Path,
    repeats: int,
    note: str,
    aim: float | None,
) -> Row:
    """``load`` timed ``repeats`` times, each in turn with the floor (reading the file's
    bytes), so that a busy machine slows both alike; the note gives the ratio."""
    times, floors = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        path.read_bytes()
        floors.append(time.perf_counter() - started)
        started = time.perf_counter()
        result = load()
        times.append(time.perf_counter() - started)
        del result  # freeing what was built is not part of building it
    median, floor = statistics.median(times), statistics.median(floors)
    words = [note, f"{median / floor:,.0f}x the floor ({FLOOR}: {_short(floor)})"]
    note = "; ".join(w for w in words if w)
    return Row("registry load", case, median, min(times), repeats, note, aim, floor)


def _short(seconds: float) -> str:
    """A floor's time, in µs below a millisecond."""
    return f"{seconds * 1e6:.0f} µs" if seconds < 1e-3 else f"{seconds * 1000:.1f} ms"
