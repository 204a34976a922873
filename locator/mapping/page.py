"""The map page: folium's Leaflet map with local assets and the clinics from a payload.

The page is built once; ``locatorMap.setResults(payload)`` then redraws it in place (the app
calls it through QtWebEngine). Clinics travel as one compact array (see ``payload.py``), not
one folium marker each, so thousands of them cost milliseconds rather than seconds.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import Element

from locator.i18n import _, locale_tag
from locator.mapping.assets import ASSETS, BASEMAP_DATA, MAP_SCRIPTS
from locator.mapping.payload import map_texts
from locator.presentation import script_json

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
US_CENTRE = (39.5, -98.35)
# The base map's data in a page built without it: no shapes and no names, so nothing is drawn.
_NO_BASEMAP = (
    '<script>window.LOCATOR_BASEMAP = {"attribution": "", "layers": {}, "labels": []};</script>'
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
    title: str | None = None,
    base_map: bool = True,
    head: str = "",
) -> str:
    """The whole HTML page.

    ``inline`` puts Leaflet and locator's scripts inside the page (an exported file that still
    works when moved); otherwise they are ``file://`` references to the installed packages.
    ``tiles_url`` None leaves the tiles out (the offline base map is then always shown).
    ``base_map`` False leaves the base map's shapes and names out (1.3 MB): the page as it was
    before it, so that ``make bench`` can say what it costs. ``head`` is HTML for the page's
    head (an exported page's clinics as data: :func:`locator.schema_org.linked_data`).
    """
    page = _OfflineMap(
        location=US_CENTRE,
        zoom_start=4,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        # a closed popup goes at once: fading out, it still took the clicks meant for the
        # marker beneath it
        fade_animation=False,
    )
    tiles = "null"
    if tiles_url:
        layer = folium.TileLayer(tiles=tiles_url, attr=OSM_ATTRIBUTION, name="OpenStreetMap")
        layer.add_to(page)
        tiles = layer.get_name()
    tags = [] if base_map else [_NO_BASEMAP]
    tags += [
        asset.tag(inline=inline)
        for asset in (*ASSETS, *MAP_SCRIPTS)
        if base_map or asset not in BASEMAP_DATA
    ]
    assets = "\n".join(tags)
    # folium declares the map in a script at the end of the body; draw once it has run.
    start = (
        "<script>document.addEventListener('DOMContentLoaded', function () {"
        f"window.locatorMap = new LocatorMap({page.get_name()}, {tiles}, "
        f"{script_json(payload.get('texts') or map_texts())});"
        f"window.locatorMap.setResults({script_json(payload)});"
        "});</script>"
    )
    root = page.get_root()
    assert isinstance(root, folium.Figure)  # a map's root is the page (branca Figure)
    root.header.add_child(_Raw(assets + start), name="locator")
    # the page's language, by which screen readers choose their voice
    html = root.render().replace("<html>", f'<html lang="{locale_tag()}">', 1)
    shown = title or _("locator map")
    return html.replace("<head>", f"<head>\n<title>{_escape(shown)}</title>\n{head}", 1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
