"""A large registry's map before any search, served a view at a time.

From ``SERVED_FROM`` located clinics (``payload.py``) the page is not sent every clinic: building
100,000 rows, writing them as JSON and reading them in the page took longer than the rest of the
start. It gets each view's clusters and the clinics shown alone in it instead, asked for when
the view changes (``locator_map_cluster.js``, ``LocatorServed``): at most a few thousand, however
large the registry.

The clusters are squares of ``RADIUS_PX`` at the view's zoom (Leaflet's Web Mercator pixels),
counted at once for every clinic with numpy, each drawn at its clinics' mean place: every
clinic is in exactly one cluster at every zoom. A cluster that no zoom splits (its clinics at
one spot, or at the map's greatest zoom) comes with its clinics' rows, which a click spreads on
a ring.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from locator.mapping.payload import FixedParts, MapClinic, map_payload, map_rows
from locator.units import Unit

if TYPE_CHECKING:
    from locator.data.models import Clinic

RADIUS_PX = 80  # a cluster's square, in pixels at its zoom: Leaflet.markercluster's radius
MAX_ZOOM = 19  # the greatest zoom the page allows (locator_map.js)
KEPT = 4  # zooms whose clusters are kept, the last asked: a zoom back costs nothing
# what the page is given of every zoom whose whole map is drawn with at most this many clusters
# and clinics: the first view (fitted to every clinic) and the national zooms need no asking
AT_ONCE = 1000
_WORLD = 256.0  # the world's width in pixels at zoom 0
_LATITUDE_LIMIT = 85.0511287798  # Web Mercator's edge, where Leaflet clamps

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Zoom:
    """The clusters at one zoom: the points sorted by cluster (``order``), where each
    cluster's points begin in it (``starts``), how many (``counts``), each cluster's mean place
    and the box of its points (degrees)."""

    order: Ints
    starts: Ints
    counts: Ints
    lat: Floats
    lon: Floats
    south: Floats
    west: Floats
    north: Floats
    east: Floats

    def members(self, cluster: int) -> Ints:
        """The points of ``cluster``, by their index."""
        start = self.starts[cluster]
        return self.order[start : start + self.counts[cluster]]


def _to_pixels(lat: Floats, lon: Floats) -> tuple[Floats, Floats]:
    """Web Mercator pixels at zoom 0, as Leaflet's EPSG:3857 projects."""
    clamped = np.radians(np.clip(lat, -_LATITUDE_LIMIT, _LATITUDE_LIMIT))
    x = _WORLD * (0.5 + lon / 360.0)
    y = _WORLD * (0.5 - np.log(np.tan(np.pi / 4 + clamped / 2)) / (2 * np.pi))
    return x, y


def _to_degrees(x: Floats, y: Floats) -> tuple[Floats, Floats]:
    """The inverse of :func:`_to_pixels`: latitudes and longitudes."""
    lat = np.degrees(2 * np.arctan(np.exp((0.5 - y / _WORLD) * 2 * np.pi)) - np.pi / 2)
    return lat, x / _WORLD * 360.0 - 180.0


class ClusterIndex:
    """Points (latitudes, longitudes) counted into clusters per zoom, when a zoom is first
    asked for; the last ``KEPT`` zooms kept."""

    def __init__(self, lat: Floats, lon: Floats) -> None:
        self.lat, self.lon = lat, lon
        self._x, self._y = _to_pixels(lat, lon)
        self._zooms: OrderedDict[int, Zoom] = OrderedDict()

    def __len__(self) -> int:
        return len(self.lat)

    def at(self, zoom: int) -> Zoom:
        """The clusters at ``zoom`` (0 to ``MAX_ZOOM``)."""
        kept = self._zooms.get(zoom)
        if kept is not None:
            self._zooms.move_to_end(zoom)
            return kept
        scale = 2.0**zoom / RADIUS_PX
        across = np.floor(self._x * scale).astype(np.int64)
        down = np.floor(self._y * scale).astype(np.int64)
        keys = down * (int(_WORLD * scale) + 2) + across
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        counts = np.diff(np.append(starts, len(keys)))
        if len(keys):
            mean_x = np.add.reduceat(self._x[order], starts) / counts
            mean_y = np.add.reduceat(self._y[order], starts) / counts
            lat, lon = self.lat[order], self.lon[order]
            boxes = [
                np.minimum.reduceat(lat, starts),
                np.minimum.reduceat(lon, starts),
                np.maximum.reduceat(lat, starts),
                np.maximum.reduceat(lon, starts),
            ]
        else:
            mean_x = mean_y = np.zeros(0)
            boxes = [np.zeros(0)] * 4
        mean_lat, mean_lon = _to_degrees(mean_x, mean_y)
        found = Zoom(order, starts, counts, mean_lat, mean_lon, *boxes)
        self._zooms[zoom] = found
        if len(self._zooms) > KEPT:
            self._zooms.popitem(last=False)
        return found

    def view(
        self, zoom: int, south: float, west: float, north: float, east: float
    ) -> tuple[Zoom, Ints]:
        """The clusters at ``zoom`` drawn in a view's box (their mean place inside it)."""
        clusters = self.at(zoom)
        inside = (
            (clusters.lat >= south)
            & (clusters.lat <= north)
            & (clusters.lon >= west)
            & (clusters.lon <= east)
        )
        return clusters, np.flatnonzero(inside)


@dataclass(frozen=True)
class Ask:
    """What the page asks for: a view's zoom and box, numbered so that an answer to a view
    already left is told apart; ``last``: the map zooms in no further (its greatest zoom), so
    no cluster splits."""

    number: int
    zoom: int
    last: bool
    south: float
    west: float
    north: float
    east: float

    @classmethod
    def read(cls, asked: Mapping[str, Any]) -> Ask | None:
        """The page's question, or None when it is not one (each figure a finite number)."""
        try:
            figures = [
                float(asked[k]) for k in ("ask", "zoom", "max", "south", "west", "north", "east")
            ]
        except (KeyError, TypeError, ValueError):
            return None
        if not all(math.isfinite(f) for f in figures):
            return None
        number, zoom, greatest, south, west, north, east = figures
        zoom = min(max(int(zoom), 0), MAX_ZOOM)
        last = zoom >= min(greatest, MAX_ZOOM)
        return cls(int(number), int(zoom), last, south, west, north, east)


class Overview:
    """Every located clinic of a registry before any search, for the page a view at a time."""

    def __init__(
        self, clinics: Sequence[Clinic], unit: Unit = Unit.MILES, fixed: FixedParts | None = None
    ) -> None:
        self._clinics = [c for c in clinics if c.location is not None]
        self._unit, self._fixed = unit, fixed or FixedParts()
        lat = np.fromiter((c.location.latitude for c in self._clinics if c.location), float)
        lon = np.fromiter((c.location.longitude for c in self._clinics if c.location), float)
        self.index = ClusterIndex(lat, lon)

    def payload(self) -> dict[str, Any]:
        """What ``locatorMap.setResults`` takes: how many clinics there are and their box
        (which the view is fitted to), and the whole map at each zoom drawn with at most
        ``AT_ONCE`` clusters and clinics (``parts``, by zoom): the first view is drawn without
        asking; the rows of other zooms come with each view."""
        payload = map_payload([], unit=self._unit, fixed=self._fixed)
        lat, lon = self.index.lat, self.index.lon
        box = None  # no clinic: nothing to fit the view to
        if len(lat):
            box = [float(np.min(lat)), float(np.min(lon)), float(np.max(lat)), float(np.max(lon))]
        parts = {}
        for zoom in range(MAX_ZOOM):
            if len(self.index.at(zoom).counts) > AT_ONCE:
                break
            parts[zoom] = self.view(Ask(0, zoom, False, -90.0, -180.0, 90.0, 180.0))
        served = {"total": len(lat), "box": box, "parts": parts}
        return {**payload, "cluster": True, "served": served}

    def view(self, ask: Ask) -> dict[str, Any]:
        """What ``locatorMap.serve`` takes for a view: its clusters as [count, latitude,
        longitude, south, west, north, east, members] (members: indexes in ``rows`` of a
        cluster no zoom splits, else None), and ``alone``, the indexes in ``rows`` of the
        clinics shown on their own."""
        clusters, shown = self.index.view(ask.zoom, ask.south, ask.west, ask.north, ask.east)
        wanted: list[int] = []
        alone: list[int] = []
        drawn: list[list[Any]] = []
        for c in shown.tolist():
            members = clusters.members(c).tolist()
            if len(members) == 1:
                alone.append(len(wanted))
                wanted.append(members[0])
                continue
            one_spot = (
                clusters.south[c] == clusters.north[c] and clusters.west[c] == clusters.east[c]
            )
            spread = None
            if one_spot or ask.last:
                spread = list(range(len(wanted), len(wanted) + len(members)))
                wanted += members
            drawn.append(
                [
                    len(members),
                    float(clusters.lat[c]),
                    float(clusters.lon[c]),
                    float(clusters.south[c]),
                    float(clusters.west[c]),
                    float(clusters.north[c]),
                    float(clusters.east[c]),
                    spread,
                ]
            )
        rows = map_rows([MapClinic(self._clinics[i]) for i in wanted], self._fixed, self._unit)
        return {
            "ask": ask.number,
            "zoom": ask.zoom,
            "clusters": drawn,
            "alone": alone,
            "rows": rows,
        }
