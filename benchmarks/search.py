"""Nearest clinics in generated registries of 10, 1,000 and 100,000 clinics, held in memory,
against the naive way and the floor measured in the same run.

The clinics are real validated ``Clinic`` models, as the loader makes them, so the index reads
every field a registry has. A million of them would take some 100 s and 7 GB to generate and
validate, which measures pydantic rather than the search; 100,000 already shows how the search
scales (each size a hundred times the last).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from functools import partial

import numpy as np
from geopy.distance import geodesic

from benchmarks.timing import Row, compared, measure, repeats, sizes
from locator.data.models import Clinic, Registry
from locator.data.synthetic import synthetic_registry
from locator.data.vocabulary import Condition, Precision
from locator.geo.place import Place
from locator.query import Filters
from locator.search import EARTH_RADIUS_KM, ClinicIndex

SIZES = {10: 200, 1_000: 200, 100_000: 50}  # clinics: repeats
NAIVE_REPEATS = {10: 200, 1_000: 50, 100_000: 5}  # its plain-Python loop is slow at 100,000
LIMIT = 10
WITHIN_KM = 500.0
CONDITION = Condition.DEPRESSION
AGENCY = "One agency"  # a 211 agency whose every site is an entry (an HSDS import)
# A case: its name, then locator's way, the naive way and the floor of giving its answer.
_Case = tuple[str, Callable[[], object], Callable[[], object], Callable[[], object]]
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


def _clinics(count: int) -> list[Clinic]:
    """``count`` generated clinics, validated as the loader validates a registry file."""
    return Registry.model_validate(synthetic_registry(count)).clinics


def _naive(
    clinics: Sequence[Clinic], within_km: float | None = None, condition: Condition | None = None
) -> list[tuple[float, Clinic]]:
    """The naive way: every clinic's haversine distance in a plain-Python loop, all of them
    sorted, then the ``LIMIT`` nearest measured exactly (geodesic), as the index shows them."""
    lat0, lon0 = math.radians(ORIGIN.latitude), math.radians(ORIGIN.longitude)
    cos_lat0 = math.cos(lat0)
    ranked = []
    for clinic in clinics:
        if clinic.location is None or (condition and condition not in clinic.conditions):
            continue
        lat, lon = math.radians(clinic.location.latitude), math.radians(clinic.location.longitude)
        a = (
            math.sin((lat - lat0) / 2) ** 2
            + cos_lat0 * math.cos(lat) * math.sin((lon - lon0) / 2) ** 2
        )
        km = 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(a, 1.0)))
        if within_km is None or km <= within_km:
            ranked.append((km, clinic))
    ranked.sort(key=lambda pair: pair[0])
    return [(_geodesic_km(clinic), clinic) for _, clinic in ranked[:LIMIT]]


def _geodesic_km(clinic: Clinic) -> float:
    assert clinic.location is not None  # only located clinics are ranked
    point = (clinic.location.latitude, clinic.location.longitude)
    return float(geodesic((ORIGIN.latitude, ORIGIN.longitude), point).km)


class _Floor:
    """The least the machine can do: NumPy haversine over coordinate arrays made beforehand
    (in radians; for a filter, of the matching clinics only), a partial sort for the nearest
    ``LIMIT`` and those measured exactly. No index, no filtering, no explanation."""

    def __init__(self, clinics: Sequence[Clinic]) -> None:
        self.clinics = clinics
        self.lat = np.radians([c.location.latitude if c.location else np.nan for c in clinics])
        self.lon = np.radians([c.location.longitude if c.location else np.nan for c in clinics])
        self.cos_lat = np.cos(self.lat)

    def only(self, rows: np.ndarray) -> _Floor:
        """The floor for the clinics at ``rows`` (what a filter keeps, found beforehand)."""
        return _Floor([self.clinics[int(i)] for i in rows])

    def nearest(self, within_km: float | None = None) -> list[float]:
        """The exact distances of the ``LIMIT`` nearest, unsorted."""
        lat0, lon0 = math.radians(ORIGIN.latitude), math.radians(ORIGIN.longitude)
        a = (
            np.sin((self.lat - lat0) / 2) ** 2
            + math.cos(lat0) * self.cos_lat * np.sin((self.lon - lon0) / 2) ** 2
        )
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
        if within_km is not None:
            km = np.where(km <= within_km, km, np.inf)
        take = min(LIMIT, len(km))
        nearest = np.argpartition(km, take - 1)[:take]
        return [_geodesic_km(self.clinics[int(i)]) for i in nearest if np.isfinite(km[i])]


def run(smoke: bool = False) -> list[Row]:
    """Index build once per size, then nearest-10 queries with and without filters, each with
    the naive way and the floor for the same answer."""
    rows = []
    filters = Filters(frozenset({CONDITION}))
    for count, times in sizes(SIZES, smoke).items():
        clinics = _clinics(count)
        started = time.perf_counter()
        index = ClinicIndex(clinics)
        built = time.perf_counter() - started
        rows.append(Row("search", f"{count:,} clinics: build index", built, built, 1))
        floor = _Floor(clinics)
        matching = floor.only(
            np.array([i for i, c in enumerate(clinics) if CONDITION in c.conditions], dtype=int)
        )
        naive_times = repeats(NAIVE_REPEATS[count], smoke)
        cases: tuple[_Case, ...] = (
            (
                "nearest 10 (exact distances)",
                partial(index.nearest, ORIGIN, limit=LIMIT, by_organization=False),
                partial(_naive, clinics),
                floor.nearest,
            ),
            (
                f"nearest 10, filter + {WITHIN_KM:.0f} km",
                partial(
                    index.nearest,
                    ORIGIN,
                    limit=LIMIT,
                    within_km=WITHIN_KM,
                    filters=filters,
                    by_organization=False,
                ),
                partial(_naive, clinics, WITHIN_KM, CONDITION),
                partial(matching.nearest, WITHIN_KM),
            ),
        )
        for case, ours, naive, least in cases:
            row = measure("search", f"{count:,} clinics: {case}", ours, times)
            slow = measure("search", f"{count:,} clinics: {case}, naive way", naive, naive_times)
            fast = measure("search", f"{count:,} clinics: {case}, floor", least, times)
            rows += [compared(row, slow, fast), slow, fast]
        agency = ClinicIndex([c.model_copy(update={"organization": AGENCY}) for c in clinics])
        rows.append(
            measure(
                "search",
                f"{count:,} clinics of one organization: nearest (one row, every place named)",
                partial(agency.nearest, ORIGIN, limit=LIMIT),
                naive_times,
            )
        )
    return rows
