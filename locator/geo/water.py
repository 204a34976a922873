"""Whether open water lies between two places, and how far round it the road must go, from the
base map shipped offline.

A drive-time estimate from the straight line means nothing across a sound with no bridge: the
road is a ferry or a long way round. But an obstacle locator cannot show must not be claimed
either (a ferry for Boise to Sandy, UT, past the Great Salt Lake, would lose a patient's trust).
So only open water counts: the sea with its bays and sounds, and the Great Lakes, which the map's
geometry (locator/mapping/basemap/geometry.js, built by scripts/build_basemap.py) draws outside
the Census cartographic outline of the US, and off Natural Earth's 1:50m land abroad (or in its
lakes there). A lake inside the US (the Great Salt Lake, Lake Tahoe) always has a road round it,
which the estimate's allowance for winding roads covers: it never stops an estimate.

The line is sampled every :data:`STEP_KM`; a stretch of open water of :data:`LEAST_SAMPLES`
samples or more between two land samples separates the ends (water at an end only is the coarse
shoreline, and a shorter stretch a river most roads bridge). Separated ends still get an
estimate where a dry path is found: by one turning point beside the water at most
:data:`ROUND_FACTOR` times the line, or over a bridge locator knows of
(:mod:`locator.geo.bridges`) at most :data:`LINK_FACTOR` times it. A long trip may meet water
no one turn or bridge passes: San Francisco to Bremerton leaves over the Golden Gate, whose
northern leg winds round Marin's bays, and meets Puget Sound far beyond. So where no way is found
yet, a bridge's legs are themselves worked out the same way, and a trip crossing two waters far
apart is split on the land between them, each part's way found on its own (at most
:data:`DEPTH` times over). The estimate is then worked out on that path's length (:func:`detour`).

The shore's edges are kept in the user's cache once taken from the map, as NumPy arrays: reading
them back takes a few milliseconds, where the map's JSON takes some 30 (a tenth of a
`locator nearest`).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import platformdirs

from locator.files import read_sealed, write_sealed
from locator.geo.bridges import LINKS

log = logging.getLogger(__name__)

GEOMETRY = Path(__file__).resolve().parents[1] / "mapping" / "basemap" / "geometry.js"
STEP_KM = 0.5  # finer than the narrowest inlet the Census outline at 1:10m still resolves
LEAST_SAMPLES = 3  # about 1 km of water and more: the Hudson at Manhattan is not a detour
_PIECE = 64  # samples tested together, each piece against the edges near it only
_KM_PER_DEGREE = 111.2
ROUND_FACTOR = 1.15  # a way round by one turning point at most this much longer than the line
LINK_FACTOR = 1.5  # a way over a known bridge at most this much longer: an ordinary road trip
DEPTH = 2  # a bridge's legs, or a trip's parts, worked out so again at most twice over
_TURNS = 8  # turning points tried on each side of the line, nearest first
_KEPT_FORMAT = b"shore-edges-2"  # a change to how the edges are kept makes them be taken again


@dataclass(frozen=True)
class _Layer:
    """A MultiPolygon as arrays of its edges, to test many points at once (even-odd rule:
    parts and holes need no bookkeeping)."""

    x0: np.ndarray
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray

    @classmethod
    def of(cls, geometry: dict[str, Any]) -> _Layer:
        rings = [np.asarray(ring, dtype=float) for part in geometry["coordinates"] for ring in part]
        starts = np.concatenate([ring[:-1] for ring in rings])
        ends = np.concatenate([ring[1:] for ring in rings])
        return cls(starts[:, 0], starts[:, 1], ends[:, 0], ends[:, 1])

    def contains(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Which points lie inside: a ray cast east from each crosses an odd number of edges.
        Only edges across the points' latitudes and reaching east of the westmost can count."""
        near = (
            (np.minimum(self.y0, self.y1) <= lat.max())
            & (np.maximum(self.y0, self.y1) > lat.min())
            & (np.maximum(self.x0, self.x1) >= lon.min())
        )
        x0, y0, x1, y1 = (a[near][None, :] for a in (self.x0, self.y0, self.x1, self.y1))
        py, px = lat[:, None], lon[:, None]
        spans = (y0 > py) != (y1 > py)
        with np.errstate(divide="ignore", invalid="ignore"):
            crossing_x = x0 + (py - y0) * (x1 - x0) / (y1 - y0)
        crossings = np.count_nonzero(spans & (px < crossing_x), axis=1)
        return np.asarray(crossings % 2 == 1)


@dataclass(frozen=True)
class _Shore:
    us: _Layer
    abroad: _Layer  # Canada, Mexico and the rest of the map, lakes included
    lakes_abroad: _Layer  # lakes the US outline leaves out (the Great Lakes) and those abroad

    def water(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Which points are open water: outside the US outline and off the land abroad (or in
        its lakes). A lake inside the US outline is land here: a road goes round it."""
        water = ~self.us.contains(lon, lat)
        abroad = np.flatnonzero(water)
        if abroad.size:
            ashore = abroad[self.abroad.contains(lon[abroad], lat[abroad])]
            if ashore.size:
                water[ashore] = self.lakes_abroad.contains(lon[ashore], lat[ashore])
        return np.asarray(water)


@cache
def _shore() -> _Shore:
    """Read once, on the first question: the edges kept from this very map if the cache holds
    them, else taken from the map (about 1 MB of JSON behind a line of JavaScript) and kept."""
    geometry = GEOMETRY.read_bytes()
    key = kept_edges_key(geometry)
    kept = _kept_path(key)
    payload = read_sealed(kept, key=key)
    if payload is not None:
        if (shore := _read_kept(payload)) is not None:
            return shore
        log.warning("the cache file %s did not hold the shore's edges; it is made again", kept)
    text = geometry.decode("utf-8")
    found = json.loads(text[text.index("{") : text.rindex("}") + 1])["layers"]
    shore = _Shore(
        _Layer.of(found["us"]), _Layer.of(found["land"]), _Layer.of(found["lakes_under"])
    )
    _keep(shore, kept, key)
    return shore


def kept_edges_key(geometry: bytes) -> bytes:
    """What ties kept edges to the map ``geometry`` they were taken from and to how they are
    kept (``files.write_sealed``): edges sealed with any other key are taken again."""
    return _KEPT_FORMAT + b"\0" + hashlib.sha256(geometry).digest()


def _read_kept(payload: bytes) -> _Shore | None:
    """The edges :func:`_keep` wrote, or None when ``payload`` holds anything else: its seal
    only says no disk damaged it, and a hand may have sealed other arrays, or none."""
    stream, layers = io.BytesIO(payload), []
    for _ in fields(_Shore):
        try:
            edges = np.load(stream, allow_pickle=False)
        except (ValueError, EOFError, MemoryError):  # MemoryError: a shape too large to hold
            return None
        if not (isinstance(edges, np.ndarray) and edges.dtype == np.float64):
            return None  # an .npz archive (np.load opens those too), or numbers of another kind
        if edges.ndim != 2 or len(edges) != 4:
            return None
        layers.append(_Layer(*edges))
    return _Shore(*layers)


def _kept_path(key: bytes) -> Path:
    """Where the edges taken from the map ``key`` names are kept: named by it, so that a new
    map's edges are kept beside (then instead of) the old ones, never mistaken for them."""
    digest = hashlib.sha256(key).hexdigest()[:16]
    return Path(platformdirs.user_cache_dir("locator")) / f"shore-{digest}.edges"


def _keep(shore: _Shore, path: Path, key: bytes) -> None:
    """Keep ``shore``'s edges at ``path``, and no other map's; the cache is only a shortcut,
    so a failure to write it is ignored."""
    stream = io.BytesIO()
    for layer in fields(_Shore):  # in the order _shore reads them back
        edges: _Layer = getattr(shore, layer.name)
        np.save(stream, np.stack((edges.x0, edges.y0, edges.x1, edges.y1)), allow_pickle=False)
    try:
        write_sealed(path, stream.getvalue(), key=key)
        for old in path.parent.glob("shore-*.edges"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as error:  # FileWriteError included
        log.debug("the shore's edges were not kept: %s", error)


@lru_cache(maxsize=4096)  # the table, its tooltips, the map and exports ask of the same pairs
def detour(
    lat_a: float, lon_a: float, lat_b: float, lon_b: float, depth: int = DEPTH
) -> float | None:
    """How many times the straight line the shortest dry path found between the two points
    is: 1.0 where no open water separates them; where it does, the way by one turning point
    beside it or over a known bridge with dry legs (:mod:`locator.geo.bridges`), whichever is
    shorter; failing those, a bridge's legs or the parts on either side of the land between
    two waters are worked out so in turn, ``depth`` times over at most (callers leave it);
    None where no way is found (a sound no bridge crosses: Seattle to Bremerton)."""
    if (lat_a, lon_a) > (lat_b, lon_b):  # the same answer either way round
        lat_a, lon_a, lat_b, lon_b = lat_b, lon_b, lat_a, lon_a
    ends = (lat_a, lon_a, lat_b, lon_b)
    crossing = _crossed(*ends)
    if crossing is None:
        return 1.0
    first, last, ashore = crossing
    turned = (_way_round(*ends, at) for at in ((first + last) / 2, first, last))
    around = next((factor for factor in turned if factor is not None), None)
    over = _over_a_bridge(*ends, shorter_than=around or LINK_FACTOR, depth=0)
    if over is not None or around is not None or depth == 0:
        return over if over is not None else around
    # Only a trip found no way so far pays for the deeper search.
    over = _over_a_bridge(*ends, shorter_than=LINK_FACTOR, depth=depth)
    if over is not None or ashore is None:
        return over
    lat, lon = lat_a + (lat_b - lat_a) * ashore, lon_a + (lon_b - lon_a) * ashore
    parts = _through((lat_a, lon_a, lat, lon), (lat, lon, lat_b, lon_b), depth=depth - 1)
    return None if parts is None else parts / _km(*ends)


def _through(*legs: tuple[float, float, float, float], depth: int) -> float | None:
    """The km of a path of ``legs`` end to end, each a straight line if no open water crosses
    it, else worked out by :func:`detour` while ``depth`` allows; None where one has no way."""
    km = 0.0
    for leg in legs:
        factor = detour(*leg, depth=depth) if depth >= 0 else (1.0 if _dry(*leg) else None)
        if factor is None:
            return None
        km += _km(*leg) * factor
    return km


def _over_a_bridge(
    lat_a: float, lon_a: float, lat_b: float, lon_b: float, shorter_than: float, depth: int
) -> float | None:
    """The shortest way over one known bridge, as a multiple of the straight line, with legs
    to and from its landings (dry, or while ``depth`` allows found as :func:`detour` finds
    a way); None where none is shorter than ``shorter_than`` times it. Bridges are tried
    shortest straight legs first, and only while those could still be shorter than the best."""
    line = _km(lat_a, lon_a, lat_b, lon_b)
    ways = []
    for link in LINKS:
        span = _km(link.lat_a, link.lon_a, link.lat_b, link.lon_b)
        for near, far in (((link.lat_a, link.lon_a), (link.lat_b, link.lon_b)),
                          ((link.lat_b, link.lon_b), (link.lat_a, link.lon_a))):  # fmt: skip
            factor = (_km(lat_a, lon_a, *near) + span + _km(*far, lat_b, lon_b)) / line
            if factor <= shorter_than:
                ways.append((factor, span, near, far))
    best = None
    for least, span, near, far in sorted(ways):
        if best is not None and least >= best:
            break
        legs = _through((lat_a, lon_a, *near), (*far, lat_b, lon_b), depth=depth - 1)
        if legs is not None and (factor := (legs + span) / line) <= shorter_than:
            best = factor if best is None else min(best, factor)
    return best


class _Crossing(NamedTuple):
    """Where on a straight line (fractions of it from its start) water separates land from
    land: from the first such stretch's start to the last one's end, and ``ashore``, the middle
    of the longest land between two such stretches (None where there is only one)."""

    first: float
    last: float
    ashore: float | None


def _crossed(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> _Crossing | None:
    """Where water separates land from land on the straight line; None where none does."""
    stretches = list(_stretches(lat_a, lon_a, lat_b, lon_b))
    if not stretches:
        return None
    ashore = None
    if len(stretches) > 1:
        _, land, end = max((after[0] - before[1], before[1], after[0])
                           for before, after in itertools.pairwise(stretches))  # fmt: skip
        ashore = (land + end) / 2
    return _Crossing(stretches[0][0], stretches[-1][1], ashore)


def _dry(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> bool:
    """Whether no water separates land from land on the straight line: the first stretch found
    settles it, so a path tried and refused costs only the line up to its water."""
    return next(_stretches(lat_a, lon_a, lat_b, lon_b), None) is None


def _stretches(
    lat_a: float, lon_a: float, lat_b: float, lon_b: float
) -> Iterator[tuple[float, float]]:
    """Each stretch of water that separates land from land on the straight line, from its
    start to its end as fractions of the line from a, found in that order. A line in degrees:
    over the few hundred km a drive is estimated, as good as the great circle."""
    count = max(math.ceil(_km(lat_a, lon_a, lat_b, lon_b) / STEP_KM), 1) + 1
    shore, land_seen, run = _shore(), False, 0  # run: water samples since the last land
    for start in range(0, count, _PIECE):
        t = np.arange(start, min(start + _PIECE, count)) / (count - 1)
        waters = shore.water(lon_a + (lon_b - lon_a) * t, lat_a + (lat_b - lat_a) * t)
        for i, water in zip(t, waters, strict=True):
            if water:
                run += 1
                continue
            if land_seen and run >= LEAST_SAMPLES:
                yield float(i) - run / (count - 1), float(i)
            land_seen, run = True, 0


def _way_round(lat_a: float, lon_a: float, lat_b: float, lon_b: float, at: float) -> float | None:
    """A dry path by one turning point beside the water (``at`` that fraction of the line, on
    either side) at most :data:`ROUND_FACTOR` times the straight line, as a multiple of it; None
    where there is none. Nearest turns are tried first."""
    cos = math.cos(math.radians((lat_a + lat_b) / 2))
    east, north = (lon_b - lon_a) * cos * _KM_PER_DEGREE, (lat_b - lat_a) * _KM_PER_DEGREE
    km = math.hypot(east, north)  # not 0: water lies between the ends
    widest = _widest_turn(at * km, km)
    for step in range(1, _TURNS + 1):
        for side in (1, -1):
            off = side * widest * step / _TURNS
            x, y = east * at - north / km * off, north * at + east / km * off
            lat, lon = lat_a + y / _KM_PER_DEGREE, lon_a + x / (cos * _KM_PER_DEGREE)
            if _shore().water(np.array([lon]), np.array([lat]))[0]:
                continue  # a turn on the water is no way round it
            if _dry(lat_a, lon_a, lat, lon) and _dry(lat, lon, lat_b, lon_b):
                return (math.hypot(at * km, off) + math.hypot((1 - at) * km, off)) / km
    return None


def _widest_turn(along: float, km: float) -> float:
    """How far from the line a turning point ``along`` km from its start may lie for the two
    legs to add up to :data:`ROUND_FACTOR` times its ``km`` (found by halving)."""
    low, high = 0.0, km * ROUND_FACTOR
    for _ in range(30):
        mid = (low + high) / 2
        legs = math.hypot(along, mid) + math.hypot(km - along, mid)
        low, high = (mid, high) if legs <= km * ROUND_FACTOR else (low, mid)
    return low


def _km(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    """The straight line's length, on a plane at the two points' mean latitude."""
    cos = math.cos(math.radians((lat_a + lat_b) / 2))
    return math.hypot(lat_b - lat_a, (lon_b - lon_a) * cos) * _KM_PER_DEGREE
