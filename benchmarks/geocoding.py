"""Offline geocoding: cold start, warm lookups by kind of query, and batch throughput."""

from __future__ import annotations

import contextlib
import json
import random
import statistics
import string
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace

from benchmarks.timing import Row, measure, repeats
from locator.geo.gazetteer import OfflineGazetteer
from locator.geo.index import ensure_index
from locator.geo.service import Geocoding, PlaceNotFoundError
from tests.helpers import place_queries

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
BATCH = 10_000  # queries in the warm batch
BIG_BATCH = 100_000  # lines given to `locator geocode -`
BIG_BATCH_AIM_S = 30.0  # issue 25: the whole batch under 30 s
SMOKE_BATCH = 100  # each batch in a smoke run, where a figure is all that is asked
# What the search box asks for as someone types, keystroke by keystroke.
PREFIXES = ["sa", "san", "sand", "sandy", "sandy,", "sandy, u", "new y", "spring", "8409", "st. g"]

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


def _cold(query: str, processes: int) -> tuple[list[float], list[float], float]:
    """Whole cold start, the first lookup alone (after imports), and resident MB after it.

    (Not ru_maxrss: on Linux a child inherits its parent's peak across fork and exec.)"""
    totals, lookups, peaks = [], [], []
    for _ in range(processes):
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


def run(smoke: bool = False) -> list[Row]:
    """Cold start in fresh processes, then warm lookups in this one."""
    ensure_index()
    rows = []
    passes = repeats(50, smoke)
    for kind, query in (("city", "Sandy, UT"), ("misspelled", "Buena Prk CA")):
        totals, lookups, peak = _cold(query, repeats(7, smoke))
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
        for _ in range(passes):
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
    rows.append(_autocomplete(gazetteer, passes))
    rows += _accuracy(gazetteer)
    size = SMOKE_BATCH if smoke else BATCH
    batch = [query for queries in QUERIES.values() for query in queries]
    batch = (batch * (size // len(batch) + 1))[:size]
    geocoding = Geocoding(gazetteer)

    def geocode_batch() -> None:
        for query in batch:
            with contextlib.suppress(PlaceNotFoundError):
                json.dumps(geocoding.lookup(query)[0].as_json())

    rows.append(_unmatched(geocoding, SMOKE_BATCH if smoke else 500))
    rows.append(_big_batch(SMOKE_BATCH if smoke else BIG_BATCH))
    row = measure("geocode", f"batch of {size:,} mixed queries", geocode_batch, repeats(3, smoke))
    rows.append(replace(row, note=f"{size / row.median_s:,.0f} queries/s"))
    return rows


def _junk(count: int, seed: int = 3) -> list[str]:
    """Lines that name no place (random words, some with a state), as a third of a real
    coordinator's batch did; a few come out close enough to a real name to be placed."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 12)))

    return [
        f"{word()}, {rng.choice(('UT', 'TX', 'CA', 'NY'))}" if n % 2 else f"{word()} {word()}"
        for n in range(count)
    ]


def _unmatched(geocoding: Geocoding, count: int) -> Row:
    """A line that matches nothing: the lookup fails and the "did you mean" is worked out."""
    times = []
    for query in _junk(count):
        started = time.perf_counter()
        try:
            geocoding.lookup(query)
        except PlaceNotFoundError as error:
            str(error)
        times.append(time.perf_counter() - started)
    return Row(
        "geocode",
        "warm unmatched line, with its did-you-mean",
        statistics.median(times),
        min(times),
        len(times),
        f"p95 {_p95(times) * 1000:.2f} ms",
    )


def _big_batch(count: int) -> Row:
    """`locator geocode -` over ``count`` lines, a third of them junk, in a fresh process."""
    rng = random.Random(5)
    places = [query.query for query in place_queries.load()]
    junk = iter(_junk(count // 3 + 1))
    lines = [next(junk) if n % 3 == 0 else rng.choice(places) for n in range(count)]
    with tempfile.TemporaryFile("w+") as batch:
        batch.write("\n".join(lines) + "\n")
        batch.seek(0)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "locator", "geocode", "-"],
            stdin=batch,
            stdout=subprocess.DEVNULL,
            check=True,
        )
        took = time.perf_counter() - started
    return Row(
        "geocode",
        f"locator geocode - over {count:,} lines (1/3 junk)",
        took,
        took,
        1,
        f"{count / took:,.0f} lines/s (no did-you-mean asked)",
        aim_s=BIG_BATCH_AIM_S if count == BIG_BATCH else None,
    )


def _autocomplete(gazetteer: OfflineGazetteer, passes: int) -> Row:
    times = []
    for _ in range(passes):
        for prefix in PREFIXES:
            started = time.perf_counter()
            gazetteer.complete(prefix)
            times.append(time.perf_counter() - started)
    return Row(
        "geocode",
        "warm autocomplete",
        statistics.median(times),
        min(times),
        len(times),
        f"p95 {_p95(times) * 1000:.2f} ms",
    )


def _accuracy(gazetteer: OfflineGazetteer) -> list[Row]:
    """The accuracy set (tests/helpers/place_queries.py) by kind: share placed within 25 km of the
    truth, with the warm lookup time of that kind."""
    results: dict[str, list[tuple[bool, float]]] = defaultdict(list)
    for query in place_queries.load():
        started = time.perf_counter()
        found = gazetteer.lookup(query.query)
        elapsed = time.perf_counter() - started
        right = bool(found) and place_queries.placed(query, found[0].latitude, found[0].longitude)
        results[query.kind].append((right, elapsed))
    results["all kinds"] = [result for kind in list(results) for result in results[kind]]
    rows = []
    for kind, outcomes in results.items():
        times = [elapsed for _, elapsed in outcomes]
        placed = sum(ok for ok, _ in outcomes)
        rows.append(
            Row(
                "geocode accuracy",
                kind,
                statistics.median(times),
                min(times),
                len(times),
                f"{placed / len(outcomes):.1%} within {place_queries.WITHIN_KM:.0f} km "
                f"({placed}/{len(outcomes)}); p95 {_p95(times) * 1000:.2f} ms",
            )
        )
    return rows
