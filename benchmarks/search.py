"""Nearest clinics in generated registries of 10 to 1,000,000 clinics, held in memory."""

from __future__ import annotations

import time
from types import SimpleNamespace

import numpy as np

from benchmarks.timing import Row, measure
from locator.data.vocabulary import Condition, Precision, Treatment
from locator.geo.place import Place
from locator.search import ClinicIndex
from locator.units import Filters

SIZES = {10: 200, 1_000: 200, 100_000: 50, 1_000_000: 10}  # clinics: repeats
ORIGIN = Place(
    "Sandy, UT",
    "Sandy, UT",
    40.59161,
    -111.8841,
    Precision.CITY,
    "offline",
    city="Sandy",
    state="UT",
)


def _clinics(count: int, seed: int = 0) -> list[SimpleNamespace]:
    """Light stand-ins with the attributes the index reads (a million pydantic models would
    measure pydantic, not the search)."""
    rng = np.random.default_rng(seed)
    latitudes = rng.uniform(25, 49, count)
    longitudes = rng.uniform(-124, -67, count)
    conditions, treatments = list(Condition), list(Treatment)
    clinics = []
    for i in range(count):
        clinics.append(
            SimpleNamespace(
                id=f"c{i}",
                name=f"Clinic {i}",
                organization=None,
                service_area=[],
                address=None,
                location=SimpleNamespace(
                    latitude=float(latitudes[i]),
                    longitude=float(longitudes[i]),
                    precision=Precision.CITY,
                ),
                conditions=[conditions[i % len(conditions)], conditions[(i * 7) % len(conditions)]],
                treatments=[treatments[i % len(treatments)]],
                not_offered=[],
            )
        )
    return clinics


def run() -> list[Row]:
    """Index build once per size, then nearest-10 queries with and without filters."""
    rows = []
    filters = Filters(frozenset({Condition.DEPRESSION}))
    for count, repeats in SIZES.items():
        clinics = _clinics(count)
        started = time.perf_counter()
        index = ClinicIndex(clinics)  # type: ignore[arg-type]
        built = time.perf_counter() - started
        rows.append(Row("search", f"{count:,} clinics: build index", built, built, 1))
        rows.append(
            measure(
                "search",
                f"{count:,} clinics: nearest 10 (exact distances)",
                lambda i=index: i.nearest(ORIGIN, limit=10, by_organization=False),
                repeats,
            )
        )
        rows.append(
            measure(
                "search",
                f"{count:,} clinics: nearest 10, filter + 500 km",
                lambda i=index: i.nearest(
                    ORIGIN, limit=10, within_km=500, filters=filters, by_organization=False
                ),
                repeats,
            )
        )
    return rows
