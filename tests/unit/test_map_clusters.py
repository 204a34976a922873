"""A large registry's map before any search: clusters counted in Python, a view at a time."""

from __future__ import annotations

import random

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from locator.data.models import Clinic
from locator.data.synthetic import synthetic_clinic
from locator.mapping.clusters import AT_ONCE, MAX_ZOOM, Ask, ClusterIndex, Overview
from locator.mapping.page import build_map_page
from locator.mapping.payload import map_payload
from locator.ui.map_view import MapWebEngineView
from tests.helpers.map_support import evaluate_json, load, map_view, open_popup, popup_text

SANDY = (40.59161, -111.8841)


def _points(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Points across the United States, a tenth of them at a few shared spots."""
    rng = np.random.default_rng(seed)
    lat, lon = rng.uniform(25, 49, count), rng.uniform(-124, -67, count)
    lat[: count // 10], lon[: count // 10] = SANDY
    return lat, lon


@pytest.mark.parametrize("zoom", range(MAX_ZOOM + 1))
def test_every_point_is_in_exactly_one_cluster_at_every_zoom(zoom: int) -> None:
    lat, lon = _points(3000, zoom)
    clusters = ClusterIndex(lat, lon).at(zoom)
    assert int(clusters.counts.sum()) == len(lat)  # the counts add up to every point
    members = np.concatenate([clusters.members(c) for c in range(len(clusters.counts))])
    assert sorted(members.tolist()) == list(range(len(lat)))  # each once
    for c in range(len(clusters.counts)):  # each cluster's box holds its points
        inside = clusters.members(c)
        assert clusters.south[c] == lat[inside].min()
        assert clusters.north[c] == lat[inside].max()
        assert clusters.west[c] == lon[inside].min()
        assert clusters.east[c] == lon[inside].max()


def _ask(zoom: int, south: float, west: float, north: float, east: float) -> Ask:
    found = Ask.read(
        {"ask": 1, "zoom": zoom, "max": MAX_ZOOM, "south": south, "west": west}
        | {"north": north, "east": east}
    )
    assert found is not None
    return found


def _overview(count: int) -> Overview:
    rng = random.Random(7)
    data = [synthetic_clinic(i, rng) for i in range(count)]
    for entry in data[:5]:  # five at one spot
        location = entry["location"]
        assert isinstance(location, dict)
        location.update(latitude=SANDY[0], longitude=SANDY[1])
    return Overview([Clinic.model_validate(entry) for entry in data])


@pytest.mark.parametrize("zoom", [3, 6, 9, 13, MAX_ZOOM])
def test_a_view_gets_the_clusters_and_clinics_in_its_box_and_no_others(zoom: int) -> None:
    overview = _overview(1500)
    box = (30.0, -120.0, 45.0, -100.0)
    part = overview.view(_ask(zoom, *box))
    clusters, inside = overview.index.view(zoom, *box)
    expected = int(clusters.counts[inside].sum())  # the clinics of the clusters in the box
    drawn = sum(c[0] for c in part["clusters"]) + len(part["alone"])
    assert drawn == expected > 0
    for count, lat, lon, *_rest in part["clusters"]:
        assert count > 1
        assert box[0] <= lat <= box[2]
        assert box[1] <= lon <= box[3]
    for k in part["alone"]:
        row = dict(zip(map_payload([])["fields"], part["rows"][k], strict=False))
        assert box[0] <= row["lat"] <= box[2]
        assert box[1] <= row["lon"] <= box[3]
    # the whole map: every clinic, once
    everything = overview.view(_ask(zoom, -90, -180, 90, 180))
    assert sum(c[0] for c in everything["clusters"]) + len(everything["alone"]) == 1500


def test_a_cluster_no_zoom_splits_comes_with_its_clinics() -> None:
    part = _overview(1500).view(_ask(15, SANDY[0] - 0.1, SANDY[1] - 0.1, SANDY[0] + 0.1, -111.7))
    (spot,) = [c for c in part["clusters"] if c[7]]
    assert spot[0] == 5
    assert spot[3] == spot[5]
    assert spot[4] == spot[6]
    ids = {part["rows"][k][0] for k in spot[7]}
    assert ids == {f"synthetic-clinic-{i}" for i in range(5)}


def test_the_national_zooms_are_given_at_once_each_with_every_clinic() -> None:
    served = _overview(1500).payload()["served"]
    assert served["total"] == 1500
    assert served["parts"]  # the first view is drawn without asking
    for part in served["parts"].values():
        assert len(part["clusters"]) + len(part["alone"]) <= AT_ONCE
        assert sum(c[0] for c in part["clusters"]) + len(part["alone"]) == 1500


@pytest.mark.parametrize(
    "asked",
    [
        {},
        {"ask": 1, "zoom": "x", "max": 18, "south": 0, "west": 0, "north": 1, "east": 1},
        {"ask": 1, "zoom": 4, "max": 18, "south": float("nan"), "west": 0, "north": 1, "east": 1},
        {"ask": 1, "zoom": 4, "max": 18, "south": None, "west": 0, "north": 1, "east": 1},
    ],
)
def test_a_question_that_is_not_a_view_is_not_answered(asked: dict) -> None:
    assert Ask.read(asked) is None


# the page ----------------------------------------------------------------------------------

SHOWN = (  # the clinics' markers on the map now, and the clinics each cluster's circle counts
    "({markers: locatorMap.clinicLayer.getLayers().filter(function (layer) {"
    "return layer.locatorId; }).length,"
    "clusters: Array.prototype.map.call(document.querySelectorAll('.marker-cluster'),"
    "function (e) { return Number(e.textContent); })})"
)


def _served(qtbot: QtBot, view: MapWebEngineView, overview: Overview) -> None:
    """Draw ``overview`` as the window does, and wait until the view says it is painted: once
    the first view's clusters are (the details and the counts wait for it)."""
    load(qtbot, view, build_map_page(map_payload([]), inline=False, tiles_url=None))
    with qtbot.waitSignal(view.drawn, timeout=10_000):
        view.set_overview(overview)
    assert view.evaluate("locatorMap.clinicLayer._drawn") > 0


def _moved(qtbot: QtBot, view: MapWebEngineView, script: str) -> None:
    """Run ``script``, which moves the map, and wait for the app's answer for the new view."""
    asked = view.evaluate("locatorMap.clinicLayer._asked")
    view.evaluate(script + "; true")
    qtbot.waitUntil(
        lambda: view.evaluate(
            f"locatorMap.clinicLayer._asked > {asked} && locatorMap.clinicLayer._drawn"
            " === locatorMap.clinicLayer._asked"
        ),
        timeout=10_000,
    )


def test_a_served_map_draws_each_clinic_once_and_zooms_into_a_cluster(qtbot: QtBot) -> None:
    overview = _overview(1500)
    with map_view(qtbot) as view:
        _served(qtbot, view, overview)
        assert view.evaluate("locatorMap.markerCount()") == 1500
        assert view.evaluate("locatorMap._rows.length") < 1500  # not every clinic was sent
        shown = evaluate_json(view, SHOWN)
        assert shown["markers"] + sum(shown["clusters"]) == 1500  # each clinic, once
        zoom = view.evaluate("locatorMap.map.getZoom()")
        _moved(qtbot, view, "document.querySelector('.marker-cluster').click()")
        assert view.evaluate("locatorMap.map.getZoom()") > zoom  # a cluster's click zooms in


def test_a_served_clusters_clinics_at_one_spot_spread_and_open_their_popups(
    qtbot: QtBot,
) -> None:
    with map_view(qtbot) as view:
        _served(qtbot, view, _overview(1500))
        _moved(
            qtbot, view, f"locatorMap.map.setView([{SANDY[0]}, {SANDY[1]}], 16, {{animate: false}})"
        )
        assert evaluate_json(view, SHOWN)["clusters"] == [5]
        view.evaluate("document.querySelector('.marker-cluster').click(); true")
        assert view.evaluate("locatorMap.map.getZoom()") == 16  # spread where it is
        ids = [f"synthetic-clinic-{i}" for i in range(5)]
        shown = "locatorMap.map.hasLayer(locatorMap.marker({!r}))"
        assert [view.evaluate(shown.format(i)) for i in ids] == [True] * 5
        open_popup(qtbot, view, "synthetic-clinic-3")
        assert popup_text(view, "synthetic-clinic-3").startswith("Synthetic Clinic 3")
