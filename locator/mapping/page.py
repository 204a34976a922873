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
from branca.element import MacroElement
from jinja2 import Template

from locator.data.models import Clinic
from locator.data.vocabulary import Condition, Treatment
from locator.geo.place import Place
from locator.mapping.assets import ASSETS, MAP_SCRIPT
from locator.presentation import directions_url, precision_note
from locator.search import SearchResult, Unit

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
CLUSTER_FROM = 200  # clinics; below this every marker is drawn on its own
US_CENTRE = (39.5, -98.35)

FIELDS = (
    "id", "name", "lat", "lon", "distance", "precision", "precision_note",
    "conditions", "treatments", "phone", "website", "directions", "serves_origin",
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
                unit.format(item.distance_km) if item.distance_km is not None else None,
                location.precision.value,
                precision_note(clinic),
                _mask(clinic.conditions, _CONDITION_BITS),
                _mask(clinic.treatments, _TREATMENT_BITS),
                clinic.phone,
                clinic.website,
                directions_url(clinic),
                item.serves_origin,
            ]
        )
    return {
        "origin": None
        if origin is None
        else {"label": origin.label, "lat": origin.latitude, "lon": origin.longitude},
        "radius_m": radius_km * 1000 if radius_km else None,
        "cluster": len(rows) >= CLUSTER_FROM,
        "conditions": [term.label for term in Condition],
        "treatments": [term.label for term in Treatment],
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


class _LocatorLayer(MacroElement):
    """Loads the assets and draws the payload through ``LocatorMap`` (locator_map.js)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}{{ this.assets }}{% endmacro %}
        {% macro script(this, kwargs) %}
        window.locatorMap = new LocatorMap({{ this._parent.get_name() }}, {{ this.tiles }});
        window.locatorMap.setResults({{ this.payload }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict[str, Any], tiles: str, *, inline: bool) -> None:
        super().__init__()
        self._name = "LocatorLayer"
        self.payload = script_json(payload)
        self.tiles = tiles
        self.assets = "\n".join(asset.tag(inline=inline) for asset in (*ASSETS, MAP_SCRIPT))


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
    page.add_child(_LocatorLayer(payload, tiles, inline=inline))
    html = page.get_root().render()
    return html.replace("<head>", f"<head>\n<title>{_escape(title)}</title>", 1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
