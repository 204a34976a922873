"""Offline geocoding: cold start, warm lookups by kind of query, and batch throughput."""

from __future__ import annotations

import contextlib
import json
import statistics
import subprocess
import sys
import time

from benchmarks.timing import Row, measure
from locator.geo.gazetteer import OfflineGazetteer
from locator.geo.index import ensure_index
from locator.geo.service import Geocoding, PlaceNotFoundError

QUERIES = {
    "ZIP code": ["84095", "75070", "95814", "90620", "10001", "60601", "33101", "98101"],
    "city": [
        "Sandy, UT",
        "south jordan utah",
        "McKinney TX",
        "Buena Park",
        "Springfield",
        "Dallas",
        "sacramento, ca",
        "Frisco, Texas",
    ],
    "misspelled": [
        "Buena Prk CA",
        "Sacremento",
        "mckiney tx",
        "South Jordon",
        "Sndy UT",
        "Fricso TX",
        "Springfeild",
        "Dalas",
    ],
    "street address": ["350 E Main St, Sandy, UT 84070", "10 W Broadway, Buena Park, CA"],
}

_COLD = """
import time
started = time.perf_counter()
from locator.geo.gazetteer import OfflineGazetteer
imported = time.perf_counter()
place = OfflineGazetteer().lookup("{query}")[0]
done = time.perf_counter()
rss = next(line for line in open("/proc/self/status") if line.startswith("VmRSS:"))
print(done - started, done - imported, int(rss.split()[1]) / 1024)
"""


def _cold(query: str, repeats: int = 7) -> tuple[list[float], list[float], float]:
    """Whole cold start, the first lookup alone (after imports), and resident MB after it.

    (Not ru_maxrss: on Linux a child inherits its parent's peak across fork and exec.)"""
    totals, lookups, peaks = [], [], []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", _COLD.format(query=query)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        totals.append(float(out[0]))
        lookups.append(float(out[1]))
        peaks.append(float(out[2]))
    return totals, lookups, max(peaks)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def run() -> list[Row]:
    """Cold start in fresh processes, then warm lookups in this one."""
    ensure_index()
    rows = []
    for kind, query in (("city", "Sandy, UT"), ("misspelled", "Buena Prk CA")):
        totals, lookups, peak = _cold(query)
        rows.append(
            Row(
                "geocode",
                f"cold start: imports + first {kind} lookup",
                statistics.median(totals),
                min(totals),
                len(totals),
                f"RSS {peak:.0f} MB after it",
            )
        )
        rows.append(
            Row(
                "geocode",
                f"cold start: first {kind} lookup alone",
                statistics.median(lookups),
                min(lookups),
                len(lookups),
                "index opened, names read",
            )
        )
    gazetteer = OfflineGazetteer()
    gazetteer.lookup("Sacremento")  # loads the names used for misspellings
    for kind, queries in QUERIES.items():
        times = []
        for _ in range(50):
            for query in queries:
                started = time.perf_counter()
                gazetteer.lookup(query)
                times.append(time.perf_counter() - started)
        rows.append(
            Row(
                "geocode",
                f"warm {kind} lookup",
                statistics.median(times),
                min(times),
                len(times),
                f"p95 {_p95(times) * 1000:.2f} ms",
            )
        )
    batch = [query for queries in QUERIES.values() for query in queries]
    batch = (batch * (10_000 // len(batch) + 1))[:10_000]
    geocoding = Geocoding(gazetteer)

    def geocode_batch() -> None:
        for query in batch:
            with contextlib.suppress(PlaceNotFoundError):
                json.dumps(geocoding.lookup(query)[0].as_json())

    row = measure("geocode", "batch of 10,000 mixed queries", geocode_batch, 3)
    rows.append(
        Row(
            row.benchmark,
            row.case,
            row.median_s,
            row.best_s,
            row.repeats,
            f"{10_000 / row.median_s:,.0f} queries/s",
        )
    )
    return rows
