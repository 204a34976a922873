"""The map page: build time and size, drawing in QtWebEngine with and without the offline base
map, pan and zoom frame times, in-place update vs reload, and the way a folium user would do it.
Beside the drawing and frame rows, the floor: a bare page that only loads Leaflet, draws the
same base map's shapes and one plain circle per clinic (``floor_page``), in the same view.

"Load + draw" runs from loading the page to the first frame painted after the page has loaded
(two animation frames), so that canvas drawing deferred to a frame is counted.
"""

from __future__ import annotations

import html
import json
import os
import random
import statistics
import time
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

import folium
from branca.element import Figure

from benchmarks.timing import Row, measure, repeats
from locator.data.models import Clinic
from locator.data.synthetic import synthetic_clinic
from locator.mapping.assets import BASEMAP_DIR, LEAFLET_DIR
from locator.mapping.page import US_CENTRE, build_map_page
from locator.mapping.payload import MapClinic, map_payload
from locator.presentation import script_json

if TYPE_CHECKING:
    from locator.ui.map_view import MapWebEngineView

SIZES = (10, 1_000, 10_000)
BASE_MAP_SIZES = (10, 10_000)  # with and without the base map
FOLIUM_SIZES = (1_000, 10_000)
NO_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # never fetch tiles while measuring
FRAMES = 40  # pan or zoom steps per frame-time case
# Issue 25's aims per frame: 60 frames a second panning at national zoom, 30 zooming in a city.
FRAME_AIMS_S = {("pan", "national"): 0.0167, ("zoom", "city"): 0.033}
VIEWS = (("national", US_CENTRE, 4), ("city", (40.76, -111.89), 12))  # Salt Lake City
# One step per animation frame; the time between frames, and the step's own script time.
FRAME_SCRIPT = """(function () {
  var map = locatorMap.map, gaps = [], work = [], last = null, i = 0;
  function frame(now) {
    if (last !== null) { gaps.push(now - last); }
    if (i === %(steps)d) {
      window.benchFrames = { gaps: gaps, work: work };
      document.title = TOKEN;
      return;
    }
    var started = performance.now();
    (%(step)s)(map, i++);
    work.push(performance.now() - started);
    last = now;
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();"""
PAN = "function (map, i) { map.panBy(i % 2 ? [-160, -90] : [160, 90], { animate: false }); }"
ZOOM = "function (map, i) { map.setZoom(%d + (i %% 2 ? 0 : 1), { animate: false }); }"


def _clinics(count: int) -> list[MapClinic]:
    rng = random.Random(count)
    return [MapClinic(Clinic.model_validate(synthetic_clinic(i, rng)), 10.0) for i in range(count)]


def _megabytes(page: str) -> float:
    return len(page.encode()) / 1e6


def _page(clinics: list[MapClinic]) -> str:
    return build_map_page(map_payload(clinics))


def run(smoke: bool = False) -> list[Row]:
    """Python-side build for each size, then QtWebEngine (offscreen) for drawing; a smoke run
    draws the smallest size only, and measures everything once."""
    rows = []
    samples = {count: _clinics(count) for count in (SIZES[:1] if smoke else SIZES)}
    for count, clinics in samples.items():
        exported = _megabytes(_page(clinics))
        in_app = _megabytes(build_map_page(map_payload(clinics), inline=False))
        rows.append(
            measure(
                "map",
                f"{count:,} clinics: build page",
                partial(_page, clinics),
                repeats(10 if count < 10_000 else 5, smoke),
                f"{exported:.2f} MB exported, {in_app:.2f} MB in the app",
            )
        )
    built = {count: row.median_s for count, row in zip(samples, rows, strict=True)}
    rows += _in_browser(samples, built, smoke)
    return rows


class _FoliumMap(folium.Map):
    """folium's own map as a folium user makes it, its Leaflet read from the local package
    (the benchmark has no network). Its other CDN files (jQuery, Bootstrap, Font Awesome) are
    left out, which only flatters it; ``_JQUERY`` stands in for the one jQuery call its popups
    make."""

    default_js = [("leaflet", (LEAFLET_DIR / "leaflet.js").as_uri())]  # noqa: RUF012
    default_css = [("leaflet_css", (LEAFLET_DIR / "leaflet.css").as_uri())]  # noqa: RUF012


# folium's popups turn their HTML into an element with jQuery's $(html)[0]; this does the same.
_JQUERY = (
    "<script>window.$ = function (html) { var t = document.createElement('template');"
    " t.innerHTML = html.trim(); return [t.content.firstChild]; };</script>"
)


def folium_page(clinics: list[MapClinic]) -> str:
    """The naive way: one folium ``Marker`` with a ``Popup`` per clinic, the whole page
    rendered again for every search."""
    page = _FoliumMap(location=US_CENTRE, zoom_start=4, tiles=NO_TILES, attr="none")
    root = page.get_root()
    assert isinstance(root, Figure)  # a map's root is the page it is drawn on
    root.header.add_child(folium.Element(_JQUERY))
    for item in clinics:
        clinic = item.clinic
        assert clinic.location is not None  # synthetic clinics are all located
        text = (
            f"<b>{html.escape(clinic.name)}</b><br>{html.escape(clinic.phone or '')}<br>"
            f'<a href="{html.escape(str(clinic.website))}">website</a><br>'
            + html.escape(", ".join(c.value for c in clinic.conditions))
        )
        folium.Marker(
            [clinic.location.latitude, clinic.location.longitude],
            popup=folium.Popup(text, max_width=300),
            tooltip=clinic.name,
        ).add_to(page)
    return root.render()


# The floor's base map: the same shapes in the same order, county lines from the same zoom.
_FLOOR_SCRIPT = """
var map = L.map("map", {preferCanvas: true, fadeAnimation: false}).setView(%(centre)s, 4);
var renderer = L.canvas({padding: 0.5}), layers = (window.LOCATOR_BASEMAP || {layers: {}}).layers;
var lines = ["counties", "states", "borders"];
var drawn = ["land", "lakes_under", "us", "counties", "lakes_over", "states", "borders"]
  .filter(function (name) { return layers[name]; }).map(function (name) {
    return {name: name, layer: L.geoJSON(layers[name], {renderer: renderer, interactive: false,
      style: {weight: 1, fill: lines.indexOf(name) < 0}})};
  });
function show() {
  drawn.forEach(function (d) {
    var on = d.name !== "counties" || map.getZoom() >= 7;
    if (on && !map.hasLayer(d.layer)) { d.layer.addTo(map); }
    if (!on && map.hasLayer(d.layer)) { map.removeLayer(d.layer); }
  });
}
show();
map.on("zoomend", show);
%(points)s.forEach(function (p) { L.circleMarker(p, {renderer: renderer, radius: 8}).addTo(map); });
window.locatorMap = {map: map};
"""


def floor_page(clinics: list[MapClinic], base_map: bool = True) -> str:
    """The least a page can do to show the same map: Leaflet with the base map's shapes (no
    names, no tiles) and one canvas circle per clinic (no clusters, popups or locator script),
    so that each drawing and frame figure can be read as a ratio to it."""
    points = [
        [item.clinic.location.latitude, item.clinic.location.longitude]
        for item in clinics
        if item.clinic.location is not None
    ]
    geometry = (BASEMAP_DIR / "geometry.js").as_uri()
    script = _FLOOR_SCRIPT % {"centre": json.dumps(list(US_CENTRE)), "points": json.dumps(points)}
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>floor</title>'
        f'<link rel="stylesheet" href="{(LEAFLET_DIR / "leaflet.css").as_uri()}">'
        f'<script src="{(LEAFLET_DIR / "leaflet.js").as_uri()}"></script>'
        + (f'<script src="{geometry}"></script>' if base_map else "")
        + "<style>html, body, #map { margin: 0; height: 100%; }</style></head>"
        f'<body><div id="map"></div><script>{script}</script></body></html>'
    )


def _in_browser(
    samples: dict[int, list[MapClinic]], built: dict[int, float], smoke: bool
) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401 - before the app
    from PySide6.QtWidgets import QApplication

    from locator.ui.map_view import MapWebEngineView
    from locator.ui.teardown import delete_now

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    _app = QApplication.instance() or QApplication([])  # kept alive while measuring
    view = MapWebEngineView()
    view.resize(1000, 700)
    view.show()
    browser = _Browser(view)

    rows = []
    drawn: dict[int, float] = {}
    for count, clinics in samples.items():
        page = build_map_page(map_payload(clinics), tiles_url=NO_TILES)
        case = f"{count:,} clinics: load + draw page in QtWebEngine"
        row = _beside_floor(
            browser.load_row(case, page, repeats(3, smoke)),
            browser.load_row("floor", floor_page(clinics), repeats(3, smoke)).median_s,
        )
        drawn[count] = row.median_s
        rows.append(row)
        if count in BASE_MAP_SIZES:
            rows.append(_without_base_map(browser, count, clinics, page, row, smoke))
    rows += _frames(browser, samples[max(samples)], repeats(FRAMES, smoke))
    browser.load(build_map_page(map_payload(samples[min(samples)]), tiles_url=NO_TILES))
    some = samples.get(1_000, samples[min(samples)])
    update = f"locatorMap.setResults({script_json(map_payload(some))})"
    rows.append(
        measure(
            "map",
            f"{len(some):,} clinics: in-place update (setResults, drawn)",
            partial(view.evaluate, update),
            repeats(10, smoke),
        )
    )
    full = build_map_page(map_payload(some), tiles_url=NO_TILES)
    rows.append(
        measure(
            "map",
            f"{len(some):,} clinics: full page reload instead",
            partial(browser.load, full),
            repeats(5, smoke),
        )
    )
    for count in (min(samples),) if smoke else FOLIUM_SIZES:
        rows += _folium_way(browser, samples[count], built[count], drawn[count], smoke)
    delete_now(view)
    return rows


class _Browser:
    """Loads pages into the map view and waits for them to be drawn."""

    def __init__(self, view: MapWebEngineView) -> None:
        self.view = view
        self._tokens = 0

    def load(self, page: str) -> float:
        """Seconds from loading ``page`` to its first frame painted after the load."""
        from PySide6.QtCore import QEventLoop

        loop = QEventLoop()
        self.view.page_ready.connect(loop.quit)
        started = time.perf_counter()
        self.view.show_page(page)
        loop.exec()
        self.view.page_ready.disconnect(loop.quit)
        self.painted()
        return time.perf_counter() - started

    def load_row(self, case: str, page: str, repeats: int, note: str = "") -> Row:
        """``load`` measured ``repeats`` times, with the page's size in the note."""
        times = [self.load(page) for _ in range(repeats)]
        note = f"{_megabytes(page):.2f} MB" + (f"; {note}" if note else "")
        return Row("map", case, statistics.median(times), min(times), repeats, note)

    def painted(self) -> None:
        """Wait until the page has painted a frame: a frame painted once its scripts have run
        (two animation frames from now) shows what they drew."""
        self.run_until_title(
            "requestAnimationFrame(function () { requestAnimationFrame(function () {"
            "document.title = TOKEN; }); });"
        )

    def run_until_title(self, script: str, timeout_ms: int = 60_000) -> None:
        """Run ``script``, which sets the page's title to ``TOKEN`` when done, and wait
        for that: runJavaScript cannot wait for animation frames itself."""
        from PySide6.QtCore import QEventLoop, QTimer

        self._tokens += 1
        token = f"bench {self._tokens}"
        loop = QEventLoop()

        def seen(title: str) -> None:
            if title == token:
                loop.quit()

        self.view.titleChanged.connect(seen)
        QTimer.singleShot(timeout_ms, loop.quit)
        self.view.page().runJavaScript(script.replace("TOKEN", json.dumps(token)))
        loop.exec()
        self.view.titleChanged.disconnect(seen)
        if self.view.title() != token:
            raise TimeoutError(f"the map page did not finish within {timeout_ms} ms")


def _without_base_map(
    browser: _Browser, count: int, clinics: list[MapClinic], page: str, with_it: Row, smoke: bool
) -> Row:
    """The same page without the offline base map, and what the base map costs."""
    bare = build_map_page(map_payload(clinics), tiles_url=NO_TILES, base_map=False)
    in_app = _megabytes(build_map_page(map_payload(clinics), inline=False, base_map=False))
    row = browser.load_row(
        f"{count:,} clinics: load + draw page, no base map",
        bare,
        repeats(3, smoke),
        f"{in_app:.2f} MB in the app",
    )
    cost = (
        f"; the base map adds {(with_it.median_s - row.median_s) * 1000:.0f} ms and "
        f"{_megabytes(page) - _megabytes(bare):.2f} MB"
    )
    return replace(row, note=row.note + cost)


def _frames(browser: _Browser, clinics: list[MapClinic], steps: int) -> list[Row]:
    """Median time per frame while the map is panned or zoomed one step a frame, at national
    and city zoom, with the base map and (in the note) without it and on the floor page."""
    pages = {
        kind: build_map_page(map_payload(clinics), tiles_url=NO_TILES, base_map=kind == "with")
        for kind in ("with", "without")
    }
    pages["floor"] = floor_page(clinics)
    found: dict[tuple[str, str, str], tuple[list[float], list[float]]] = {}
    for kind, page in pages.items():
        browser.load(page)
        for name, centre, zoom in VIEWS:
            for motion, step in (("pan", PAN), ("zoom", ZOOM % zoom)):
                start = f"locatorMap.map.setView({json.dumps(centre)}, {zoom}, {{animate: false}});"
                browser.run_until_title(start + FRAME_SCRIPT % {"steps": steps, "step": step})
                frames = json.loads(browser.view.evaluate("JSON.stringify(window.benchFrames)"))
                found[name, motion, kind] = frames["gaps"], frames["work"]
    rows = []
    for name, _centre, _zoom in VIEWS:
        for motion in ("pan", "zoom"):
            gaps, work = found[name, motion, "with"]
            bare = statistics.median(found[name, motion, "without"][0])
            case = f"{len(clinics):,} clinics: {motion} at {name} zoom, per frame"
            note = (
                f"script {statistics.median(work):.1f} ms a frame; "
                f"{bare:.1f} ms a frame without the base map"
            )
            row = Row(
                "map",
                case,
                statistics.median(gaps) / 1000,
                min(gaps) / 1000,
                len(gaps),
                note,
                FRAME_AIMS_S.get((motion, name)),
            )
            rows.append(
                _beside_floor(row, statistics.median(found[name, motion, "floor"][0]) / 1000)
            )
    return rows


def _beside_floor(row: Row, floor_s: float) -> Row:
    """``row`` with the floor page's figure for the same task, and the ratio, in its note."""
    ratio = (
        f"floor (bare Leaflet, same shapes and points) {floor_s * 1000:.1f} ms, "
        f"{row.median_s / floor_s:.1f}x"
    )
    note = f"{row.note}; {ratio}" if row.note else ratio
    return replace(row, note=note, floor_s=floor_s)


def _folium_way(
    browser: _Browser, clinics: list[MapClinic], built: float, drawn: float, smoke: bool
) -> list[Row]:
    """A folium user's page against locator's, for the same clinics, with the ratios."""
    count = len(clinics)
    times = repeats(3 if count < 10_000 else 1, smoke)
    ours = _megabytes(_page(clinics))
    build = measure(
        "map", f"{count:,} clinics, folium way: build page", partial(folium_page, clinics), times
    )
    page = folium_page(clinics)
    size = _megabytes(page)
    load = browser.load_row(f"{count:,} clinics, folium way: load + draw", page, times)
    browser.load(build_map_page(map_payload([]), tiles_url=NO_TILES))
    searches = [clinics, clinics[::-1]]

    def update() -> None:
        searches.reverse()  # a new search each time
        browser.view.evaluate(f"locatorMap.setResults({script_json(map_payload(searches[0]))})")
        browser.painted()

    in_place = measure(
        "map", f"{count:,} clinics: search to map updated, in place", update, repeats(5, smoke)
    )
    reload = measure(
        "map",
        f"{count:,} clinics, folium way: search to map updated (new page)",
        lambda: browser.load(folium_page(clinics[::-1])),
        times,
    )
    notes = (
        f"{size:.2f} MB (Leaflet linked), {size / ours:.1f}x locator's {ours:.2f} MB; "
        f"time {build.median_s / built:.1f}x locator's",
        f"{load.median_s / drawn:.1f}x locator's",
        "",
        f"{reload.median_s / in_place.median_s:.0f}x locator's in-place update",
    )
    return [
        Row(row.benchmark, row.case, row.median_s, row.best_s, row.repeats, note)
        for row, note in zip((build, load, in_place, reload), notes, strict=True)
    ]
