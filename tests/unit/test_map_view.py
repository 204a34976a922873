"""What the map shows after a search: the searched place in view, clear of popups and controls,
the page's words from Python, and the page's JavaScript errors caught."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import random
import re

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from locator import i18n
from locator.data.loader import load_registry
from locator.data.models import Clinic
from locator.data.synthetic import synthetic_clinic
from locator.geo.place import Place
from locator.mapping.page import build_map_page
from locator.mapping.payload import CLUSTER_FROM, MapClinic, map_payload, result_payload
from locator.presentation import MAP_TEXTS
from locator.search import ClinicIndex, SearchResult
from locator.ui.map_view import MapWebEngineView
from tests.helpers.map_support import (
    BOISE,
    NO_TILES,
    SANDY,
    Box,
    control_boxes,
    evaluate_json,
    in_view,
    load,
    map_view,
    marker_point,
    open_popup,
    page_errors,
    point_of,
    popup_box,
    popup_text,
)
from tests.helpers.paths import REPO

MARKER_RADIUS = 10  # px: a clinic marker's radius and border


def search(origin: Place) -> SearchResult:
    registry = load_registry(REPO / "clinics.yaml", use_cache=False)
    return ClinicIndex.of(registry).nearest(origin, limit=10)


def draw(
    qtbot: QtBot, view: MapWebEngineView, payload: dict, *, tiles: str | None = NO_TILES
) -> None:
    """Load the app's empty page, then draw ``payload`` in place, as the main window does."""
    load(qtbot, view, build_map_page(map_payload([]), inline=False, tiles_url=tiles))
    view.set_results(payload)
    view.evaluate("true")  # scripts run in order: the draw is done once this answers


def wait_for_offline_note(qtbot: QtBot, view: MapWebEngineView) -> None:
    qtbot.waitUntil(
        lambda: view.evaluate("document.querySelectorAll('.locator-note').length") == 1,
        timeout=10_000,
    )


def fitted_ids(view: MapWebEngineView) -> list[str]:
    return evaluate_json(view, "locatorMap.fittedIds()")


# 1. the searched place stays in view ------------------------------------------------------


@pytest.mark.parametrize("size", [(1400, 900), (800, 600), (480, 320)])
def test_a_search_far_from_every_clinic_shows_the_place_and_its_nearest_clinic(
    qtbot: QtBot, size: tuple[int, int]
) -> None:
    result = search(BOISE)
    nearest = result.matches[0].clinic
    with map_view(qtbot, *size) as view:
        draw(qtbot, view, result_payload(result))
        wait_for_offline_note(qtbot, view)  # it arrives late, and the view makes room for it
        assert in_view(view, BOISE.latitude, BOISE.longitude)
        assert in_view(view, nearest.location.latitude, nearest.location.longitude)
        assert fitted_ids(view)[0] == nearest.id

        # the main window selects the first row at once: the searched place stays in view
        open_popup(qtbot, view, nearest.id)
        assert in_view(view, BOISE.latitude, BOISE.longitude)
        controls = control_boxes(view)
        for x, y in (
            point_of(view, BOISE.latitude, BOISE.longitude),
            marker_point(view, nearest.id),
        ):
            assert not any(box.holds(x, y) for box in controls), (x, y, controls)
        popup = popup_box(view)
        width, height = size
        assert popup.left >= 0
        assert popup.top >= 0
        assert popup.right <= width
        assert popup.bottom <= height


def test_selecting_a_clinic_far_from_the_view_brings_it_in_with_the_searched_place(
    qtbot: QtBot,
) -> None:
    result = search(BOISE)
    farthest = result.matches[-1].clinic
    with map_view(qtbot, 800, 600) as view:
        draw(qtbot, view, result_payload(result))
        view.evaluate("locatorMap.map.setView([43.6, -116.2], 9, {animate: false}); true")
        assert not in_view(view, farthest.location.latitude, farthest.location.longitude)
        open_popup(qtbot, view, farthest.id)
        assert in_view(view, farthest.location.latitude, farthest.location.longitude)
        assert in_view(view, BOISE.latitude, BOISE.longitude)


def test_a_view_the_user_chose_is_not_moved_when_the_note_appears(qtbot: QtBot) -> None:
    with map_view(qtbot, 800, 600) as view:
        draw(qtbot, view, result_payload(search(BOISE)), tiles=None)
        view.evaluate("locatorMap.map.fire('dragstart'); locatorMap.map.setView([30, -90], 7,"
                      " {animate: false}); true")  # fmt: skip
        view.evaluate("locatorMap.showTileNote(); true")
        assert view.evaluate("locatorMap.map.getZoom()") == 7
        # the map is shorter by the note's strip; its centre stays, to within a pixel
        assert view.evaluate("locatorMap.map.getCenter().lat") == pytest.approx(30, abs=0.02)


# 2. popups --------------------------------------------------------------------------------


def test_an_earlier_clicks_late_answer_leaves_the_popup_clicked_since_open(qtbot: QtBot) -> None:
    """Two markers clicked in turn: the window selects each clinic's row and answers the map,
    and on a busy machine the first answer came after the second click and closed its popup."""
    result = search(SANDY)
    first, second, third = [m.clinic.id for m in result.matches if m.clinic.location][:3]
    popup_of = "locatorMap._popup ? locatorMap._popup._source.locatorId : ''"
    with map_view(qtbot, 800, 600) as view:
        draw(qtbot, view, result_payload(result))
        for clinic_id in (first, second):  # both clicks before the window answers either
            view.evaluate(f"locatorMap.marker({json.dumps(clinic_id)}).fire('click'); true")
        assert view.evaluate(popup_of) == second
        view.select(first)  # the window's answers, in turn
        view.select(second)
        assert view.evaluate(popup_of) == second
        assert view.evaluate("locatorMap.selectedId()") == second
        view.select(third)  # a row chosen in the list: the popup of another clinic closes
        assert view.evaluate(popup_of) == ""
        assert view.evaluate("locatorMap.selectedId()") == third


# 3. controls keep clear of each other and of the markers ----------------------------------


@pytest.mark.parametrize("size", [(480, 320), (800, 600)])
@pytest.mark.parametrize("place", [BOISE, SANDY])
def test_controls_never_overlap_each_other_or_the_fitted_markers(
    qtbot: QtBot, size: tuple[int, int], place: Place
) -> None:
    with map_view(qtbot, *size) as view:
        draw(qtbot, view, result_payload(search(place)), tiles=None)

        def assert_clear() -> None:
            controls = control_boxes(view)
            names = {box.name.split()[0] for box in controls}
            assert {"locator-legend", "leaflet-control-zoom", "leaflet-control-scale"} <= names
            for i, box in enumerate(controls):
                for other in controls[i + 1 :]:
                    assert not box.overlaps(other), (box, other)
            points = [point_of(view, place.latitude, place.longitude)]
            points += [marker_point(view, id_) for id_ in fitted_ids(view)]
            assert len(points) >= 2
            for x, y in points:
                assert 0 <= x <= size[0]
                assert 0 <= y <= size[1]
                assert not any(box.holds(x, y, MARKER_RADIUS) for box in controls), (x, y)

        assert_clear()
        view.evaluate("locatorMap.showTileNote(); true")  # the base map fails after the draw
        note = view.evaluate(
            "document.querySelector('.locator-note').getBoundingClientRect().bottom"
        )
        top = view.evaluate("locatorMap.map.getContainer().getBoundingClientRect().top")
        assert 0 < note <= top  # a strip above the map, out of every popup's way
        assert_clear()


def test_the_legend_folds_away_on_a_small_map_and_opens_on_a_large_one(qtbot: QtBot) -> None:
    opened = "document.querySelector('.locator-legend details').open"
    with map_view(qtbot, 480, 320) as view:
        draw(qtbot, view, result_payload(search(SANDY)))
        assert view.evaluate(opened) is False
        view.resize(900, 700)
        qtbot.waitUntil(lambda: view.evaluate(opened) is True)


def test_results_given_while_the_page_loads_are_drawn_once_it_has_and_on_every_load(
    qtbot: QtBot,
) -> None:
    result = search(SANDY)
    page = build_map_page(map_payload([]), inline=False, tiles_url=NO_TILES)
    with map_view(qtbot) as view:
        view.set_results(result_payload(result))  # the window draws before its page is ready
        view.select(result.matches[0].clinic.id)  # nothing to open yet, and no error
        load(qtbot, view, page)
        assert view.evaluate("locatorMap.markerCount()") == len(result.matches)
        load(qtbot, view, page)  # the base map allowed: the page is loaded anew
        assert view.evaluate("locatorMap.markerCount()") == len(result.matches)


def test_the_view_says_when_the_results_last_given_are_painted(qtbot: QtBot) -> None:
    """The window fills a search's details once the map has painted it (the map first): the
    view says so once per draw that is still the last, with its markers on the page."""
    result = search(SANDY)
    painted: list[int] = []
    with map_view(qtbot) as view:
        load(qtbot, view, build_map_page(map_payload([]), inline=False, tiles_url=NO_TILES))
        view.drawn.connect(lambda: painted.append(len(painted)))
        with qtbot.waitSignal(view.drawn, timeout=10_000):
            view.set_results(result_payload(result))
            view.set_results(map_payload([]))  # given before the first was painted
        assert view.evaluate("locatorMap.markerCount()") == 0
        with qtbot.waitSignal(view.drawn, timeout=10_000):
            view.set_results(result_payload(result))
        assert view.evaluate("locatorMap.markerCount()") == len(result.matches)
    assert painted == [0, 1]  # the first draw, replaced before it painted, is not said


# 4. JavaScript errors go to the log ----------------------------------------------------------


def test_the_pages_javascript_errors_go_to_the_log(qtbot: QtBot) -> None:
    with map_view(qtbot) as view, page_errors() as errors:
        load(qtbot, view, build_map_page(map_payload([]), tiles_url=None))
        assert errors.messages == []
        view.evaluate("setTimeout(function () { null.boom(); }, 0); true")
        qtbot.waitUntil(lambda: errors.messages != [])
        assert "TypeError" in errors.messages[0]
        assert "map.html:" in errors.messages[0]  # where, to the line
        view.evaluate("console.log('only a note'); console.warn('a warning'); true")
        view.evaluate("alert('hello'); true")
        assert errors.messages[1:] == ["map page alert: hello"]
        errors.messages.clear()


# 5. the page's words come from Python -----------------------------------------------------


def test_the_page_script_holds_no_sentence_of_its_own() -> None:
    source = (REPO / "locator/mapping/locator_map.js").read_text(encoding="utf-8")
    literals = re.findall(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', source)
    assert '"locator-select"' in literals  # the literals are found
    html = " ".join(literals)
    for text in MAP_TEXTS.values():
        for part in (part.strip(" :") for part in text.replace("{", "}").split("}")):
            if len(part) > 3:  # not "in": too short to tell from code
                assert not re.search(rf"(^|[\s>\"'])({re.escape(part)})([\s<\"':]|$)", html), part


def test_the_page_shows_the_words_it_is_given(qtbot: QtBot) -> None:
    texts = {key: f"«{key}»" for key in MAP_TEXTS}
    texts.update(distance="a {distance} en línea recta")
    data = synthetic_clinic(1, random.Random(1))
    data["location"]["precision"] = "address"
    payload = {**map_payload([MapClinic(Clinic.model_validate(data), 12.0)]), "texts": texts}
    with map_view(qtbot) as view:
        load(qtbot, view, build_map_page(payload, tiles_url=None))
        view.evaluate("locatorMap.showTileNote(); true")
        legend = view.evaluate("document.querySelector('.locator-legend').textContent")
        assert "«legend_origin»" in legend
        assert "«legend_note»" in legend
        assert "searched place" not in legend
        note = view.evaluate("document.querySelector('.locator-note').textContent")
        assert note == "«offline»"
        leaflet = "document.querySelector('.leaflet-control-attribution a').title"
        assert view.evaluate(leaflet) == "«leaflet_title»"
        open_popup(qtbot, view, "synthetic-clinic-1")
        popup = popup_text(view, "synthetic-clinic-1")
        assert "a 7.5 mi en línea recta" in popup  # the distance as the table words it
        assert "«treats»" in popup
        assert "«directions»" in popup
        assert "away" not in popup
        assert "Treats" not in popup
        # a later draw with the usual words puts them back
        view.set_results(map_payload([]))
        legend = view.evaluate("document.querySelector('.locator-legend').textContent")
        assert MAP_TEXTS["legend_origin"] in legend


@pytest.mark.parametrize("size", [(1400, 900), (800, 600)])
def test_a_long_website_link_wraps_inside_its_popup(qtbot: QtBot, size: tuple[int, int]) -> None:
    data = synthetic_clinic(1, random.Random(1))
    data["website"] = "https://www." + "a-very-long-name." * 7 + "example.org/" + "x" * 7
    assert len(data["website"]) == 150
    with map_view(qtbot, *size) as view:
        draw(qtbot, view, map_payload([MapClinic(Clinic.model_validate(data), 12.0)]))
        open_popup(qtbot, view, "synthetic-clinic-1")
        content = "document.querySelector('.leaflet-popup-content')"
        assert view.evaluate(f"{content}.scrollWidth <= {content}.clientWidth")
        link = evaluate_json(
            view,
            "(function () { var box = locatorMap.map.getContainer().getBoundingClientRect();"
            " var r = document.querySelector('.locator-popup a[href^=\"https\"]')"
            ".getBoundingClientRect(); return {left: r.left - box.left, right: r.right - box.left,"
            " top: r.top - box.top, bottom: r.bottom - box.top}; })()",
        )
        popup = popup_box(view)
        assert popup is not None
        assert popup.left <= link["left"] <= link["right"] <= popup.right, (link, popup)
        assert popup.top <= link["top"] <= link["bottom"] <= popup.bottom, (link, popup)


# 6. a clinic placed at the very place searched --------------------------------------------


def test_a_clinic_at_the_searched_city_centre_is_in_that_city_not_zero_miles_away(
    qtbot: QtBot,
) -> None:
    result = search(SANDY)
    assert result.matches[0].clinic.id == "nervana-medical-sandy"
    payload = result_payload(result)
    with map_view(qtbot) as view:
        draw(qtbot, view, payload)
        open_popup(qtbot, view, "nervana-medical-sandy")
        popup = popup_text(view, "nervana-medical-sandy")
        assert "serves Sandy, UT (office not listed)" in popup  # no office: not "in Sandy"
        assert "serves the place you searched" not in popup  # said once
        assert "in Sandy" not in popup
        assert "0.0 mi" not in popup
        open_popup(qtbot, view, "ketamine-provider-sacramento")
        assert "mi away (straight-line)" in popup_text(view, "ketamine-provider-sacramento")


def test_only_an_approximate_location_near_the_origin_is_the_same_place() -> None:
    rng = random.Random(4)
    exact, near, far = (synthetic_clinic(i, rng) for i in range(3))
    exact["location"]["precision"] = "address"
    near["location"]["precision"] = far["location"]["precision"] = "city"
    near["address"] = {"city": "Sandy", "state": "UT"}
    here = [
        MapClinic(Clinic.model_validate(exact), 0.3).here,
        MapClinic(Clinic.model_validate(near), 0.3).here,
        MapClinic(Clinic.model_validate(far), 5.0).here,
        MapClinic(Clinic.model_validate(near)).here,
    ]
    assert here == ["", "Sandy, UT", "", ""]


# clustering -------------------------------------------------------------------------------


def test_a_clinic_inside_a_cluster_is_zoomed_to_and_its_popup_opens(qtbot: QtBot) -> None:
    rng = random.Random(3)
    many = [
        MapClinic(Clinic.model_validate(synthetic_clinic(i, rng)), 12.0)
        for i in range(CLUSTER_FROM + 50)
    ]
    payload = map_payload(many, SANDY)
    assert payload["cluster"] is True
    with map_view(qtbot) as view:
        draw(qtbot, view, payload, tiles=None)
        view.evaluate("locatorMap.map.setZoom(3, {animate: false}); true")
        open_popup(qtbot, view, "synthetic-clinic-7")
        assert popup_text(view, "synthetic-clinic-7").startswith("Synthetic Clinic 7")
        assert fitted_ids(view)


SHOWN = (  # the clinics' markers on the map now, and the clinics each cluster's circle counts
    "({markers: Object.keys(locatorMap.markers).filter(function (id) {"
    "return locatorMap.map.hasLayer(locatorMap.markers[id]); }).length,"
    "clusters: Array.prototype.map.call(document.querySelectorAll('.marker-cluster'),"
    "function (e) { return Number(e.textContent); })})"
)


def test_thousands_of_clinics_cost_the_page_only_the_markers_in_view(qtbot: QtBot) -> None:
    """100,000 clinics made 100,000 markers and popups before the map showed: the clusters are
    counted for the zoom shown, and a marker is made only for a clinic drawn on its own."""
    rng = random.Random(4)
    many = [MapClinic(Clinic.model_validate(synthetic_clinic(i, rng))) for i in range(2000)]
    with map_view(qtbot) as view:
        draw(qtbot, view, map_payload(many), tiles=None)
        assert view.evaluate("locatorMap.markerCount()") == 2000
        assert view.evaluate("Object.keys(locatorMap.markers).length") < 200
        shown = evaluate_json(view, SHOWN)
        assert shown["markers"] + sum(shown["clusters"]) == 2000  # each clinic, once
        zoom = view.evaluate("locatorMap.map.getZoom()")
        view.evaluate("document.querySelector('.marker-cluster').click(); true")
        assert view.evaluate("locatorMap.map.getZoom()") > zoom  # a cluster's click zooms in
        open_popup(qtbot, view, "synthetic-clinic-1999")  # its marker made when asked for
        assert popup_text(view, "synthetic-clinic-1999").startswith("Synthetic Clinic 1999")


def _three_at_one_spot() -> list[MapClinic]:
    """Enough clinics to be clustered, the first three at one spot (Sandy, UT)."""
    rng = random.Random(5)
    data = [synthetic_clinic(i, rng) for i in range(CLUSTER_FROM + 10)]
    for same in data[:3]:
        location = same["location"]
        assert isinstance(location, dict)
        location.update(latitude=40.59161, longitude=-111.8841)
    return [MapClinic(Clinic.model_validate(entry)) for entry in data]


def test_clinics_at_the_very_same_place_are_spread_when_one_is_selected(qtbot: QtBot) -> None:
    many = _three_at_one_spot()
    with map_view(qtbot) as view:
        draw(qtbot, view, map_payload(many), tiles=None)
        assert view.evaluate("locatorMap.select('synthetic-clinic-1')") is True
        ids = [f"synthetic-clinic-{i}" for i in range(3)]
        shown = "locatorMap.map.hasLayer(locatorMap.marker({!r}))"
        assert [view.evaluate(shown.format(i)) for i in ids] == [True] * 3
        assert len({marker_point(view, i) for i in ids}) == 3  # apart, each to be clicked
        assert view.evaluate("locatorMap.selectedId()") == "synthetic-clinic-1"


def test_a_cluster_of_clinics_at_one_spot_spreads_on_a_click_where_it_is(qtbot: QtBot) -> None:
    """A click on such a cluster zoomed to the street (19) to split it, and showed an empty
    map with the cluster still whole: it never splits, so it is spread at the zoom it has."""
    many = _three_at_one_spot()
    with map_view(qtbot) as view:
        draw(qtbot, view, map_payload(many), tiles=None)
        view.evaluate("locatorMap.map.setView([40.59161, -111.8841], 14, {animate: false}); true")
        circles = "Array.from(locatorMap.clinicLayer._icons.values())"
        assert view.evaluate(f"{circles}.length") == 1  # the three, as one cluster
        view.evaluate(f"{circles}[0].fire('click'); true")
        assert view.evaluate("locatorMap.map.getZoom()") == 14
        ids = [f"synthetic-clinic-{i}" for i in range(3)]
        shown = "locatorMap.map.hasLayer(locatorMap.marker({!r}))"
        assert [view.evaluate(shown.format(i)) for i in ids] == [True] * 3
        assert len({marker_point(view, i) for i in ids}) == 3  # apart, each to be clicked


def test_the_searched_place_is_named_beside_its_marker(qtbot: QtBot) -> None:
    with map_view(qtbot) as view:
        draw(qtbot, view, result_payload(search(SANDY)))
        label = "(document.querySelector('.locator-origin-label') || {}).textContent"
        assert view.evaluate(label) == SANDY.label
        names = evaluate_json(view, "locatorMap.baseMap.labels()")
        assert SANDY.label.split(",")[0] not in [name["name"] for name in names]  # not twice
        view.evaluate("locatorMap.map.setView([39.5, -98.35], 4, {animate: false}); true")
        assert view.evaluate(label) == SANDY.label  # named at every zoom


def test_plus_zooms_in_one_level_though_it_is_typed_with_shift(qtbot: QtBot) -> None:
    with map_view(qtbot) as view:
        draw(qtbot, view, result_payload(search(SANDY)))
        before = view.evaluate("locatorMap.map.getZoom()")
        view.evaluate(
            "locatorMap.map.getContainer().dispatchEvent(new KeyboardEvent('keydown', "
            "{key: '+', code: 'Equal', keyCode: 187, shiftKey: true, bubbles: true})); true"
        )
        qtbot.waitUntil(lambda: view.evaluate("locatorMap.map.getZoom()") != before)
        assert view.evaluate("locatorMap.map.getZoom()") == before + 1


def test_a_clinics_name_shown_under_the_pointer_goes_when_the_view_moves(qtbot: QtBot) -> None:
    """The view moved under a still pointer (Escape, a zoom) left the name shown, over the
    selected clinic's ring; the searched place's own name stays."""
    result = search(SANDY)
    clinic_id = json.dumps(result.matches[0].clinic.id)
    with map_view(qtbot) as view:
        draw(qtbot, view, result_payload(result))
        names = "document.querySelectorAll('.leaflet-tooltip').length"
        shown = view.evaluate(names)
        view.evaluate(f"locatorMap.marker({clinic_id}).fire('mouseover'); true")
        assert view.evaluate(names) == shown + 1  # the pointer on the marker: its name
        view.evaluate("locatorMap.map.zoomOut(1, {animate: false}); true")
        assert view.evaluate(names) == shown
        assert view.evaluate("locatorMap._originMarker.isTooltipOpen()") is True


DRAWN = (  # the clusters' circles and the clinics' markers in view: centre and radius, in px
    "(function (map, layer) { var drawn = [];"
    "layer.eachLayer(function (m) { var p = map.latLngToContainerPoint(m.getLatLng());"
    "var s = map.getSize(); if (p.x < 0 || p.y < 0 || p.x > s.x || p.y > s.y) { return; }"
    "drawn.push([p.x, p.y, m.locatorId === undefined ? 20 : 10]); });"
    "return drawn; })(locatorMap.map, locatorMap.clinicLayer)"
)


def test_clusters_never_cover_each_other_or_a_clinic_shown_alone(qtbot: QtBot) -> None:
    """Clusters were a grid's squares: points either side of a square's edge were never
    merged, and circles overlapped each other and single markers."""
    rng = random.Random(4)
    many = [MapClinic(Clinic.model_validate(synthetic_clinic(i, rng))) for i in range(2000)]
    with map_view(qtbot) as view:
        draw(qtbot, view, map_payload(many), tiles=None)
        for zoom in (4, 6, 8):
            view.evaluate(f"locatorMap.map.setView([39.5, -98.35], {zoom}, {{animate: false}}); 1")
            drawn = evaluate_json(view, DRAWN)
            assert len(drawn) > 10
            for k, (x, y, r) in enumerate(drawn):
                for other_x, other_y, other_r in drawn[k + 1 :]:
                    assert math.hypot(x - other_x, y - other_y) >= r + other_r, zoom


def test_a_searchs_clinics_at_one_spot_are_each_drawn_to_be_clicked(qtbot: QtBot) -> None:
    """A search draws its clinics unclustered: those at one spot were one marker, and only
    the top one could be clicked. They are drawn around the spot, at every zoom."""
    ids = [f"synthetic-clinic-{i}" for i in range(3)]
    together = _three_at_one_spot()[:12]
    with map_view(qtbot) as view:
        draw(qtbot, view, map_payload(together, SANDY), tiles=None)
        for zoom in (15, 8):
            view.evaluate(f"locatorMap.map.setView([40.59, -111.88], {zoom}, {{animate: 0}}); 1")
            points = [marker_point(view, i) for i in ids]
            for k, (x, y) in enumerate(points):
                for other_x, other_y in points[k + 1 :]:
                    assert math.hypot(x - other_x, y - other_y) >= 2 * MARKER_RADIUS
        view.evaluate(f"locatorMap.select({json.dumps(ids[1])}); true")
        ring = "locatorMap.map.latLngToContainerPoint(locatorMap._selected.ring.getLatLng())"
        view.evaluate("locatorMap.map.zoomIn(2, {animate: false}); true")
        assert tuple(evaluate_json(view, ring).values()) == marker_point(view, ids[1])


def _at_one_spot(count: int, *beside: tuple[float, float]) -> list[MapClinic]:
    """``count`` clinics at the searched place's very spot (Sandy, UT), and one at each of
    ``beside``."""
    rng = random.Random(6)
    data = [synthetic_clinic(i, rng) for i in range(count + len(beside))]
    for k, entry in enumerate(data):
        location = entry["location"]
        assert isinstance(location, dict)
        latitude, longitude = (SANDY.latitude, SANDY.longitude) if k < count else beside[k - count]
        location.update(latitude=latitude, longitude=longitude)
    return [MapClinic(Clinic.model_validate(entry), 0.1) for entry in data]


DISCS = (  # each clinic's marker and the selected clinic's ring, as boxes in map pixels
    "(function (m) { var discs = [];"
    "function disc(layer) { var p = m.map.latLngToContainerPoint(layer.getLatLng()),"
    "r = layer.getRadius() + layer.options.weight / 2;"
    "discs.push([p.x - r, p.y - r, p.x + r, p.y + r]); }"
    "Object.keys(m.markers).forEach(function (id) { disc(m.markers[id]); });"
    "if (m._selected) { disc(m._selected.ring); } return discs; })(locatorMap)"
)
NAME = (  # the searched place's name, as a box in map pixels, and whether it shows
    "(function (e) { var r = e.getBoundingClientRect(),"
    "b = locatorMap.map.getContainer().getBoundingClientRect();"
    "return {box: [r.left - b.left, r.top - b.top, r.right - b.left, r.bottom - b.top],"
    "shown: getComputedStyle(e).visibility !== 'hidden'}; })"
    "(document.querySelector('.locator-origin-label'))"
)


def test_the_searched_places_name_never_covers_a_clinic_or_the_selected_ring(
    qtbot: QtBot,
) -> None:
    """Clinics at the searched place's very spot are drawn on a ring around it: its name,
    drawn above the markers, covered one of them and the selected clinic's ring. It goes
    where it covers none, beside the ring's outer edge if it must."""
    with map_view(qtbot) as view:
        draw(qtbot, view, map_payload([], SANDY), tiles=None)
        for count in (2, 3, 5, 8):
            view.set_results(map_payload(_at_one_spot(count), SANDY))
            for zoom in (15, 9):
                view.evaluate(f"locatorMap.map.setView([{SANDY.latitude}, {SANDY.longitude}],"
                              f" {zoom}, {{animate: false}}); true")  # fmt: skip
                for k in range(count):
                    view.evaluate(f"locatorMap.select('synthetic-clinic-{k}'); true")
                    name = evaluate_json(view, NAME)
                    assert name["shown"], (count, zoom, k)
                    box = Box(*name["box"])
                    for disc in evaluate_json(view, DISCS):
                        assert not box.overlaps(Box(*disc)), (count, zoom, k, box, disc)


LONG_NAMES = (  # a geocoder's long answer, and one with no space to wrap at
    ", ".join(f"Hollow Creek Estates Subdivision Phase {k}" for k in range(1, 5))
    + ", Sandy, Salt Lake County, UT, USA",
    "Llanfairpwllgwyngyll" * 10,
)
NAME_TEXT = (  # the searched place's name: its text, its title, and whether it is cut short
    "(function (e) { return {text: e.textContent, title: e.title,"
    "cut: e.scrollHeight > e.clientHeight || e.scrollWidth > e.clientWidth}; })"
    "(document.querySelector('.locator-origin-label'))"
)


def test_a_long_name_of_the_searched_place_stays_on_the_map_in_two_lines(qtbot: QtBot) -> None:
    """A 200-character name from a geocoder ran on one line past the map's right edge: it
    wraps to two lines at most, cut short with "…", its whole text in its tooltip, and stays
    whole on the map wherever the place is."""
    with map_view(qtbot) as view:
        draw(qtbot, view, map_payload([], SANDY), tiles=None)
        one = Box(*evaluate_json(view, NAME)["box"])
        at = f"locatorMap.map.latLngToContainerPoint([{SANDY.latitude}, {SANDY.longitude}])"
        assert evaluate_json(view, NAME_TEXT) == {"text": "Sandy, UT", "title": "", "cut": False}
        for label in LONG_NAMES:
            assert len(label) == 200
            view.set_results(map_payload([], dataclasses.replace(SANDY, label=label)))
            for x in (20, 400, 780):  # the place at the map's left edge, middle, right edge
                pan = f"[{at}.x - {x}, 0], {{animate: false}}"
                view.evaluate(f"locatorMap.map.panBy({pan}); true")
                assert round(evaluate_json(view, at)["x"]) == x
                name = evaluate_json(view, NAME)
                box = Box(*name["box"])
                assert name["shown"], (label, x)
                assert box.left >= 0, (label, x, box)
                assert box.right <= 800, (label, x, box)
                lines = (box.bottom - box.top) / (one.bottom - one.top)
                assert 1 < lines <= 2, (label, x, box)
                assert evaluate_json(view, NAME_TEXT) == {"text": label, "title": label,
                                                          "cut": True}  # fmt: skip


def test_in_a_small_map_the_searched_places_name_is_never_under_a_control(
    qtbot: QtBot,
) -> None:
    """In an 800 by 600 window the map is about 450 by 185: in Spanish a two-line name met the
    credits, scale, legend or zoom wherever it went and was drawn under them by up to 21 px.
    It goes on one line cut with "…" where that is clear, else it is not drawn at all."""
    label = "Hollow Creek Estates Subdivision, Sandy, Salt Lake County, UT"
    place = dataclasses.replace(SANDY, label=label)
    lines = []
    i18n.set_language("es")
    try:
        payload = result_payload(search(place))
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)
    with map_view(qtbot, 450, 185) as view:
        draw(qtbot, view, payload, tiles=None)
        height = Box(*evaluate_json(view, NAME)["box"])
        at = f"locatorMap.map.latLngToContainerPoint([{SANDY.latitude}, {SANDY.longitude}])"
        for x, y in itertools.product(range(30, 430, 40), range(25, 170, 20)):
            now = evaluate_json(view, at)
            view.evaluate(
                f"locatorMap.map.panBy([{now['x'] - x}, {now['y'] - y}], {{animate: false}}); true"
            )
            name = evaluate_json(view, NAME)
            if not name["shown"]:
                lines.append(0)
                continue
            box = Box(*name["box"])
            letters = Box(box.left + 6, box.top + 2, box.right - 6, box.bottom - 2)
            for control in control_boxes(view):
                assert not letters.overlaps(control), (x, y, box, control)
            lines.append(2 if box.bottom - box.top > 30 else 1)
            if lines[-1] == 1:
                assert evaluate_json(view, NAME_TEXT) == {"text": label, "title": label,
                                                          "cut": True}  # fmt: skip
    assert height.bottom - height.top > 30  # two lines where it first went
    assert 1 in lines, lines  # the small map's spots: one line where two met a control


@pytest.mark.parametrize("size", [(800, 600), (450, 185)])
def test_a_long_clinic_name_under_the_pointer_stays_inside_the_map(
    qtbot: QtBot, size: tuple[int, int]
) -> None:
    """A clinic's long name, shown while the pointer rests on its marker, ran off the map's
    left edge: it wraps within the half of the map it is shown in, wherever the marker is."""
    data = synthetic_clinic(1, random.Random(1))
    data["name"] = "Ketamine " + "Wellness and Integrative Psychiatry Center " * 4 + "of Utah"
    clinic = Clinic.model_validate(data)
    width, _height = size
    with map_view(qtbot, *size) as view:
        draw(qtbot, view, map_payload([MapClinic(clinic, 12.0)]), tiles=None)
        marker = "locatorMap.marker('synthetic-clinic-1')"
        tip = (
            "(function () { var b = locatorMap.map.getContainer().getBoundingClientRect();"
            f" var r = {marker}.getTooltip().getElement().getBoundingClientRect();"
            " return [r.left - b.left, r.top - b.top, r.right - b.left, r.bottom - b.top]; })()"
        )
        for x in (20, width // 2 - 5, width // 2 + 5, width - 20):
            now = evaluate_json(
                view, f"locatorMap.map.latLngToContainerPoint({marker}.getLatLng())"
            )
            view.evaluate(f"locatorMap.map.panBy([{now['x'] - x}, 0], {{animate: false}}); true")
            view.evaluate(f"{marker}.openTooltip(); true")
            box = Box(*evaluate_json(view, tip))
            assert view.evaluate(f"{marker}.getTooltip().getElement().textContent") == clinic.name
            assert 0 <= box.left < box.right <= width, (x, box)


@pytest.mark.parametrize(
    "label",
    [
        LONG_NAMES[0] + " & Co",
        "<b>Sandy</b> <img src=missing.png width=900> " + LONG_NAMES[0],  # a server's answer
    ],
)
def test_the_tooltip_of_a_long_searched_place_shows_its_name_as_written(
    qtbot: QtBot, label: str
) -> None:
    """The cut-short name's tooltip is the page's title, which QtWebEngine passes on as rich
    text when it looks like markup: a server's ``<img src=…>`` loaded a file on the window's
    thread (a pipe froze the window). Hovered, it reads as written."""
    with map_view(qtbot) as view:
        draw(qtbot, view, map_payload([], dataclasses.replace(SANDY, label=label)), tiles=None)
        box = Box(*evaluate_json(view, NAME)["box"])
        target = view.focusProxy()
        spot = QPoint(round((box.left + box.right) / 2), round((box.top + box.bottom) / 2))

        def hovered() -> bool:
            QTest.mouseMove(target, spot)
            spot.setX(spot.x() + (1 if spot.x() % 2 == 0 else -1))  # a move each time
            return bool(view.toolTip())

        qtbot.waitUntil(hovered, timeout=10_000)
        tip = view.toolTip()
        shown = QTextDocument()
        if Qt.mightBeRichText(tip):
            shown.setHtml(tip)
        else:
            shown.setPlainText(tip)
        assert shown.toPlainText() == label
        assert "<img" not in shown.toHtml()  # no image, loaded or not


def test_an_open_popup_is_drawn_above_the_searched_place_and_its_name(qtbot: QtBot) -> None:
    """The searched place's dot, drawn above the popups, sat over a popup's link text."""
    data = synthetic_clinic(1, random.Random(1))
    data["location"].update(latitude=SANDY.latitude - 0.02, longitude=SANDY.longitude)
    payload = map_payload([MapClinic(Clinic.model_validate(data), 2.2)], SANDY)
    with map_view(qtbot, 800, 600) as view:
        draw(qtbot, view, payload)
        open_popup(qtbot, view, "synthetic-clinic-1")
        x, y = point_of(view, SANDY.latitude, SANDY.longitude)
        assert popup_box(view).holds(x, y)  # the popup spans the searched place...
        # ...and is drawn above its dot and name (neither takes clicks, so elementFromPoint
        # would pass through them: the panes' order is what shows)
        panes = ["locatorOrigin", "locatorOriginLabel", "popupPane"]
        z = evaluate_json(
            view, f"{panes}.map(p => +getComputedStyle(locatorMap.map.getPane(p)).zIndex)"
        )
        assert z[2] > max(z[:2])
        assert view.evaluate("locatorMap.map.hasLayer(locatorMap._originMarker)") is True
        # its name is hidden where the popup cuts it: its end showed at the popup's edge
        name = evaluate_json(view, NAME)
        assert not name["shown"] or not popup_box(view).overlaps(Box(*name["box"]))


def test_a_ring_of_clinics_at_one_spot_reaches_no_further_than_it_must(qtbot: QtBot) -> None:
    """At a wide zoom the ring around one spot covered a neighbouring clinic's marker, which
    was clear of the spot: the ring is as small as keeps its own markers apart."""
    draper = (SANDY.latitude - 0.07, SANDY.longitude)  # 7.8 km south: 33 px at zoom 9
    with map_view(qtbot) as view:
        draw(qtbot, view, map_payload(_at_one_spot(3, draper), SANDY), tiles=None)
        view.evaluate(f"locatorMap.map.setView([{SANDY.latitude}, {SANDY.longitude}], 9,"
                      " {animate: false}); true")  # fmt: skip
        ring = [marker_point(view, f"synthetic-clinic-{k}") for k in range(3)]
        neighbour = marker_point(view, "synthetic-clinic-3")
        for k, (x, y) in enumerate(ring):
            assert math.hypot(x - neighbour[0], y - neighbour[1]) >= 2 * MARKER_RADIUS
            for other_x, other_y in ring[k + 1 :]:
                assert math.hypot(x - other_x, y - other_y) >= 2 * MARKER_RADIUS


def test_a_ring_with_neighbours_on_every_side_widens_to_clear_them(qtbot: QtBot) -> None:
    """At the 20 to 30 km scale six clinics at one spot, with three neighbours 4 to 9 km away on
    every side, covered one of them whatever its turn (hard to click): the ring widens, as
    little as clears them, each of its markers still apart."""
    around = [  # (km north, km east) of Sandy, at zoom 9 some 4 px a km
        (4.5, 0.0),
        (-3.5, 5.5),
        (-5.0, -7.0),
    ]
    beside = [
        (SANDY.latitude + north / 111.0, SANDY.longitude + east / 85.0) for north, east in around
    ]
    with map_view(qtbot) as view:
        draw(qtbot, view, map_payload(_at_one_spot(6, *beside), SANDY), tiles=None)
        view.evaluate(f"locatorMap.map.setView([{SANDY.latitude}, {SANDY.longitude}], 9,"
                      " {animate: false}); true")  # fmt: skip
        ring = [marker_point(view, f"synthetic-clinic-{k}") for k in range(6)]
        neighbours = [marker_point(view, f"synthetic-clinic-{6 + k}") for k in range(3)]
    covered = [
        (k, j)
        for k, (x, y) in enumerate(ring)
        for j, (other_x, other_y) in enumerate(neighbours)
        if math.hypot(x - other_x, y - other_y) < 2 * MARKER_RADIUS
    ]
    assert not covered, (ring, neighbours)
    for k, (x, y) in enumerate(ring):
        for other_x, other_y in ring[k + 1 :]:
            assert math.hypot(x - other_x, y - other_y) >= 2 * MARKER_RADIUS
