"""Leaflet's JavaScript and CSS from installed packages (XStatic), never from a CDN."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import xstatic.pkg.leaflet as leaflet
import xstatic.pkg.leaflet_markercluster as markercluster

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class Asset:
    """A script or style sheet the map page needs."""

    path: Path

    @property
    def is_script(self) -> bool:
        """True for JavaScript, False for CSS."""
        return self.path.suffix == ".js"

    def tag(self, *, inline: bool) -> str:
        """A ``<script>``/``<link>`` tag: the file's text inlined, or a ``file://`` reference."""
        if inline:
            text = _text(self.path)
            if not self.is_script:
                return f"<style>{text}</style>"
            # "</script" inside the code would end the tag early; "<\/" means the same in JS
            return "<script>" + re.sub("</(script)", r"<\\/\1", text, flags=re.I) + "</script>"
        uri = self.path.as_uri()
        if self.is_script:
            return f'<script src="{uri}"></script>'
        return f'<link rel="stylesheet" href="{uri}">'


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


LEAFLET_DIR = Path(leaflet.BASE_DIR)
CLUSTER_DIR = Path(markercluster.BASE_DIR)

ASSETS = (
    Asset(LEAFLET_DIR / "leaflet.css"),
    Asset(CLUSTER_DIR / "MarkerCluster.css"),
    Asset(CLUSTER_DIR / "MarkerCluster.Default.css"),
    Asset(_HERE / "locator_map.css"),
    Asset(LEAFLET_DIR / "leaflet.js"),
    Asset(CLUSTER_DIR / "leaflet.markercluster.js"),
)
MAP_SCRIPT = Asset(_HERE / "locator_map.js")  # after the map is made: it draws on it
