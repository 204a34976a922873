"""The open-water check behind the drive-time estimate: loading the shore, then 1,000 clinic
pairs (a way round or over a bridge looked for where open water lies between)."""

from __future__ import annotations

import time

import numpy as np

from benchmarks.timing import Row, measure, repeats
from locator.geo import water

PAIRS = 1_000
SMOKE_PAIRS = 30
REPEATS = 5
# Searched places where water is near (Seattle, San Francisco) and where it is not (Sandy, UT).
ORIGINS = ((47.60621, -122.33207), (37.77493, -122.41942), (40.59161, -111.8841))


def _pairs(count: int, seed: int = 0) -> list[tuple[float, float, float, float]]:
    """Clinics within about 100 km of each origin: the distances a drive is estimated for."""
    rng = np.random.default_rng(seed)
    pairs = []
    for i in range(count):
        lat, lon = ORIGINS[i % len(ORIGINS)]
        pairs.append((lat, lon, lat + rng.uniform(-0.9, 0.9), lon + rng.uniform(-1.2, 1.2)))
    return pairs


def _check_all(pairs: list[tuple[float, float, float, float]]) -> int:
    water.detour.cache_clear()  # each pair computed, not remembered
    return sum(water.detour(*pair) is None for pair in pairs)


def run(smoke: bool = False) -> list[Row]:
    """The geometry read once, then every pair checked afresh."""
    water._shore.cache_clear()
    started = time.perf_counter()
    water._shore()
    loaded = time.perf_counter() - started
    pairs = _pairs(SMOKE_PAIRS if smoke else PAIRS)
    across = _check_all(pairs)
    return [
        Row("water", "load the shore (geometry.js, once)", loaded, loaded, 1),
        measure(
            "water",
            f"{len(pairs):,} clinic pairs within ~100 km",
            lambda: _check_all(pairs),
            repeats(REPEATS, smoke),
            note=f"{across} across water",
        ),
    ]
