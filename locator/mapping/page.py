"""The map page: folium's Leaflet map with local assets and clinics from one data array.

The page is built once; ``locatorMap.setResults(payload)`` then redraws it in place (the app
calls it through QtWebEngine). Clinics travel as one compact array, not one folium marker each,
so thousands of them cost milliseconds rather than seconds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import folium
from branca.element import Element

from locator.data.models import Clinic
from locator.data.vocabulary import Condition, Treatment
from locator.geo.place import Place
from locator.mapping.assets import ASSETS, MAP_SCRIPT
from locator.presentation import DIRECTIONS_URL, PRECISION_NOTES
from locator.search import SearchResult, Unit

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
CLUSTER_FROM = 200  # clinics; below this every marker is drawn on its own
US_CENTRE = (39.5, -98.35)

FIELDS = (
    "id", "name", "lat", "lon", "km", "precision", "area",
    "conditions", "treatments", "phone", "website", "serves_origin",
)  # fmt: skip


@dataclass(frozen=True)
class MapClinic:
    """A clinic to draw, with its distance from the origin when there is one."""

    clinic: Clinic
    distance_km: float | None = None
    serves_origin: bool = False


def _mask(terms: Sequence[Condition] | Sequence[Treatment], order: dict[Any, int]) -> int:
    mask = 0
    for term in terms:
        mask |= 1 << order[term]
    return mask


_CONDITION_BITS = {term: i for i, term in enumerate(Condition)}
_TREATMENT_BITS = {term: i for i, term in enumerate(Treatment)}


def map_payload(
    clinics: Sequence[MapClinic],
    origin: Place | None = None,
    *,
    radius_km: float | None = None,
    unit: Unit = Unit.MILES,
) -> dict[str, Any]:
    """What ``locatorMap.setResults`` takes: one row per clinic with a location."""
    rows = []
    for item in clinics:
        clinic, location = item.clinic, item.clinic.location
        if location is None:
            continue
        rows.append(
            [
                clinic.id,
                clinic.name,
                location.latitude,
                location.longitude,
                None if item.distance_km is None else round(item.distance_km, 2),
                location.precision.value,
                ", ".join(clinic.service_area),
                _mask(clinic.conditions, _CONDITION_BITS),
                _mask(clinic.treatments, _TREATMENT_BITS),
                clinic.phone,
                clinic.website,
                item.serves_origin,
            ]
        )
    return {
        "origin": None
        if origin is None
        else {"label": origin.label, "lat": origin.latitude, "lon": origin.longitude},
        "radius_m": radius_km * 1000 if radius_km else None,
        "cluster": len(rows) >= CLUSTER_FROM,
        "unit": unit.value,
        "conditions": [term.label for term in Condition],
        "treatments": [term.label for term in Treatment],
        "precision_notes": {p.value: note for p, note in PRECISION_NOTES.items()},
        "directions_url": DIRECTIONS_URL,
        "fields": list(FIELDS),
        "rows": rows,
    }


def result_payload(result: SearchResult, unit: Unit = Unit.MILES) -> dict[str, Any]:
    """The payload for a search result: its origin, radius and matches."""
    clinics = [MapClinic(m.clinic, m.distance_km, m.serves_origin) for m in result.matches]
    return map_payload(clinics, result.origin, radius_km=result.within_km, unit=unit)


def script_json(data: Any) -> str:
    """JSON safe to place inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class _OfflineMap(folium.Map):
    """folium's map without its CDN scripts and styles: ours come from local packages."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 - overrides folium's class attribute
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class _Raw(Element):
    """HTML placed as it is. branca would compile an ``Element``'s text as a Jinja template:
    slow for a large page, and unsafe for registry text that happens to contain ``{{``."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.html = html

    def render(self, **kwargs: Any) -> str:
        return self.html


def build_map_page(
    payload: dict[str, Any],
    *,
    inline: bool = True,
    tiles_url: str | None = OSM_TILES,
    title: str = "locator map",
) -> str:
    """The whole HTML page.

    ``inline`` puts Leaflet and locator's scripts inside the page (an exported file that still
    works when moved); otherwise they are ``file://`` references to the installed packages.
    ``tiles_url`` None draws no base map at all.
    """
    page = _OfflineMap(
        location=US_CENTRE, zoom_start=4, tiles=None, prefer_canvas=True, control_scale=True
    )
    tiles = "null"
    if tiles_url:
        layer = folium.TileLayer(tiles=tiles_url, attr=OSM_ATTRIBUTION, name="OpenStreetMap")
        layer.add_to(page)
        tiles = layer.get_name()
    assets = "\n".join(asset.tag(inline=inline) for asset in (*ASSETS, MAP_SCRIPT))
    # folium declares the map in a script at the end of the body; draw once it has run.
    start = (
        "<script>document.addEventListener('DOMContentLoaded', function () {"
        f"window.locatorMap = new LocatorMap({page.get_name()}, {tiles});"
        f"window.locatorMap.setResults({script_json(payload)});"
        "});</script>"
    )
    page.get_root().header.add_child(_Raw(assets + start), name="locator")
    html = page.get_root().render()
    return html.replace("<head>", f"<head>\n<title>{_escape(title)}</title>", 1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
