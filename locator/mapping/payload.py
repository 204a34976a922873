"""What the map page draws: clinics as one compact array, safe to put in a script.

Kept apart from the page builder so that the app can update the map without importing folium.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from locator.data.loader import gc_paused
from locator.data.vocabulary import Condition, Precision, Treatment
from locator.drive_time import at_searched_place
from locator.i18n import _, language
from locator.presentation import (
    DIRECTIONS_SERVICES,
    MAP_TEXTS,
    PRECISION_NOTES,
    directions_to,
    distance_text,
    full_address,
    inferred_mark,
    place_name,
    serves_text,
    shown_name,
    website_host,
)
from locator.units import Unit

if TYPE_CHECKING:
    from locator.data.models import Clinic
    from locator.drive_time import AcrossWater, DriveTime
    from locator.geo.place import Place
    from locator.search import Match, SearchResult

CLUSTER_FROM = 200  # clinics; below this every marker is drawn on its own
# located clinics before any search; from here the page gets each view's clusters from Python
# (locator/mapping/clusters.py), not every clinic
SERVED_FROM = 20_000

# A row's fields: first those no search changes (FixedParts keeps them), then the search's.
FIXED_FIELDS = (
    "id", "name", "lat", "lon", "precision", "area", "conditions", "treatments", "phone",
    "website", "host", "street", "directions", "kind", "served",
)  # fmt: skip
FIELDS = (
    *FIXED_FIELDS,
    "km", "distance", "serves_origin", "here", "drive", "site", "org", "place",
)  # fmt: skip


class Site(IntEnum):
    """What a row is: a clinic the results list, or another site of an organization they list
    (see :class:`locator.search.OtherSite`), which the search found too or left out."""

    RESULT = 0
    FOUND = 1
    LEFT_OUT = 2


@dataclass(frozen=True)
class MapClinic:
    """A clinic to draw, with its distance from the origin and the estimated drive there when
    a search found it."""

    clinic: Clinic
    distance_km: float | None = None
    serves_origin: bool = False
    drive: DriveTime | AcrossWater | None = None
    site: Site = Site.RESULT

    @classmethod
    def found(cls, match: Match, site: Site = Site.RESULT) -> MapClinic:
        """A clinic as a search found it."""
        return cls(match.clinic, match.distance_km, match.serves_origin, match.drive, site)

    def distance(self, unit: Unit) -> str | None:
        """How far it is, worded as the results table words it ("≈ 5 mi", "same city"), so
        that the popups and the table never disagree; None without a distance."""
        if self.distance_km is None:
            return None
        return distance_text(self.distance_km, self.clinic, unit, short=True)

    @property
    def here(self) -> str:
        """ "Sandy, UT" for a clinic placed approximately at the very place searched, where a
        distance of "0.0 mi" would claim a precision nobody has; else ""."""
        if self.distance_km is None or not at_searched_place(self.distance_km, self.clinic):
            return ""
        return place_name(self.clinic)


def _mask(terms: Sequence[Condition] | Sequence[Treatment], order: dict[Any, int]) -> int:
    mask = 0
    for term in terms:
        mask |= 1 << order[term]
    return mask


# Rows carry small numbers where a word would repeat 10,000 times (precision, booleans).
_PRECISIONS = list(Precision)
_PRECISION_CODES = {precision: code for code, precision in enumerate(_PRECISIONS)}
_CONDITION_BITS = {term: i for i, term in enumerate(Condition)}
_TREATMENT_BITS = {term: i for i, term in enumerate(Treatment)}


class FixedParts:
    """Each clinic's part of a map row that no search changes, made once per registry and
    language: a search among 100,000 clinics then makes only its distances, not 100,000
    addresses and names again."""

    def __init__(self) -> None:
        self._registry: object | None = None
        self._language = ""
        self._parts: dict[int, tuple[Clinic, list[Any]]] = {}

    def of(self, registry: object) -> FixedParts:
        """These parts, forgotten first if they were made for another registry (a reload) or
        in another language."""
        if registry is not self._registry or language() != self._language:
            self._registry, self._language, self._parts = registry, language(), {}
        return self

    def row(self, clinic: Clinic) -> list[Any]:
        """The clinic's fixed fields, in the order of FIXED_FIELDS (made now if not yet)."""
        kept = self._parts.get(id(clinic))
        if kept is not None and kept[0] is clinic:
            return kept[1]
        part = fixed_part(clinic)
        self._parts[id(clinic)] = (clinic, part)
        return part


def fixed_part(clinic: Clinic) -> list[Any]:
    """The fields of a located clinic's row that no search changes (FIXED_FIELDS)."""
    location = clinic.location
    assert location is not None  # only located clinics have a row
    return [
        clinic.id,
        shown_name(clinic),
        location.latitude,
        location.longitude,
        _PRECISION_CODES[location.precision],
        serves_text(clinic),
        _mask(clinic.conditions, _CONDITION_BITS),
        _mask(clinic.treatments, _TREATMENT_BITS),
        clinic.phone,
        clinic.website,
        website_host(clinic.website) if clinic.website else None,
        full_address(clinic) if clinic.address and clinic.address.street else None,
        directions_to(clinic),
        clinic.kind.value,
        location.served_place
        and location.served_place + inferred_mark(clinic, [location.served_place]),
    ]


def map_payload(
    clinics: Sequence[MapClinic],
    origin: Place | None = None,
    *,
    radius_km: float | None = None,
    unit: Unit = Unit.MILES,
    fixed: FixedParts | None = None,
) -> dict[str, Any]:
    """What ``locatorMap.setResults`` takes: one row per clinic with a location, and the
    page's words (``texts``), so the page never holds a sentence of its own. The rows of an
    organization with other sites among them name it and their place, for the popups' list of
    its sites. ``fixed``: the rows' fixed parts made before (the window's), else made now."""
    rows = map_rows(clinics, fixed or FixedParts(), unit)
    return {
        "origin": None
        if origin is None
        else {"label": origin.label, "lat": origin.latitude, "lon": origin.longitude},
        "radius_m": radius_km * 1000 if radius_km else None,
        "cluster": len(rows) >= CLUSTER_FROM,
        "conditions": [term.label for term in Condition],
        "treatments": [term.label for term in Treatment],
        "precisions": [p.value for p in _PRECISIONS],
        "precision_notes": {p.value: _(note) for p, note in PRECISION_NOTES.items()},
        "fields": list(FIELDS),
        # a row's "directions" is where they lead; each service's page comes first, the open
        # one first, as the details pane's Directions offers them
        "directions": [
            {"name": service.name, "url": service.directions} for service in DIRECTIONS_SERVICES
        ],
        "rows": rows,
        "texts": map_texts(),
    }


def map_rows(clinics: Sequence[MapClinic], fixed: FixedParts, unit: Unit) -> list[list[Any]]:
    """The rows of the located ``clinics``, as ``map_payload`` sends them."""
    rows: list[list[Any]] = []
    with gc_paused([rows]):  # 100,000 rows would trigger collections walking the registry
        _add_rows(rows, clinics, fixed, unit)
    return rows


def _add_rows(
    rows: list[list[Any]], clinics: Sequence[MapClinic], fixed: FixedParts, unit: Unit
) -> None:
    """Append each located clinic's row: its fixed part, then what the search measured."""
    with_sites = {item.clinic.organization for item in clinics if item.site is not Site.RESULT} - {
        None
    }
    for item in clinics:
        clinic = item.clinic
        if clinic.location is None:
            continue
        rows.append(
            [
                *fixed.row(clinic),
                None if item.distance_km is None else round(item.distance_km, 2),
                item.distance(unit),
                int(item.serves_origin),
                item.here,
                item.drive.text if item.drive else None,
                item.site.value,
                *(
                    (
                        clinic.organization,
                        place_name(clinic) + inferred_mark(clinic, [place_name(clinic)]),
                    )
                    if clinic.organization in with_sites
                    else (None, None)
                ),
            ]
        )


def map_texts() -> dict[str, str]:
    """Every word the page shows, from ``locator.presentation`` (one home for sentences), in
    the language in use."""
    return {key: _(text) for key, text in MAP_TEXTS.items()}


def result_payload(
    result: SearchResult, unit: Unit = Unit.MILES, fixed: FixedParts | None = None
) -> dict[str, Any]:
    """The payload for a search result: its origin, radius and matches, and the other sites of
    the organizations matched."""
    clinics = [MapClinic.found(match) for match in result.matches] + [
        MapClinic.found(other.match, Site.FOUND if other.found else Site.LEFT_OUT)
        for other in result.other_sites
    ]
    return map_payload(clinics, result.origin, radius_km=result.within_km, unit=unit, fixed=fixed)
