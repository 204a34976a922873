"""The map page: built from local assets only, escaped, and updated in place in a real browser."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pytestqt.qtbot import QtBot

from locator import i18n
from locator.data.loader import load_registry
from locator.data.models import Clinic
from locator.data.synthetic import synthetic_clinic
from locator.mapping.page import build_map_page
from locator.mapping.payload import (
    CLUSTER_FROM,
    FIELDS,
    FixedParts,
    MapClinic,
    map_payload,
    result_payload,
)
from locator.presentation import website_host
from locator.search import ClinicIndex
from locator.ui.map_view import MapWebEngineView
from tests.helpers.browser import Browser, browser  # noqa: F401 - its fixture
from tests.helpers.map_support import (
    NO_TILES,
    SANDY,
    evaluate_json,
    load,
    map_view,
    page_errors,
)
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import UNNAMED_PROVIDER

EVIL = "<img src=x onerror=alert(1)>"


def clinics(count: int, seed: int = 3) -> list[MapClinic]:
    rng = random.Random(seed)
    return [MapClinic(Clinic.model_validate(synthetic_clinic(i, rng)), 12.0) for i in range(count)]


def evil_clinic() -> MapClinic:
    data = synthetic_clinic(0, random.Random(0))
    data.update(id="evil", name=EVIL, phone="</script><script>alert(2)</script>")
    return MapClinic(Clinic.model_validate(data), 1.0)


def test_the_page_has_no_cdn_and_works_from_one_file() -> None:
    page = build_map_page(map_payload(clinics(3)))
    loads = re.findall(r"<script[^>]*\ssrc=|<link[^>]*\shref=", page)
    assert loads == []  # every script and style sheet is inside the page
    assert "cdn" not in page.lower()
    assert "L.Map" in page or "L.map" in page  # Leaflet itself is inside
    assert "LocatorMap" in page


def test_local_mode_points_at_installed_files() -> None:
    page = build_map_page(map_payload(clinics(3)), inline=False)
    sources = re.findall(r"<script src=\"([^\"]+)\"", page)
    assert sources
    assert all(source.startswith("file://") for source in sources)


def test_registry_text_cannot_break_out_of_the_script() -> None:
    page = build_map_page(map_payload([evil_clinic()]))
    assert EVIL not in page
    assert "</script><script>alert(2)" not in page


def test_registry_text_is_never_run_as_a_template() -> None:
    data = synthetic_clinic(0, random.Random(0))
    data.update(name="{{ 7 * 7 }} {% if true %}x{% endif %}")
    page = build_map_page(map_payload([MapClinic(Clinic.model_validate(data))]))
    assert "{{ 7 * 7 }} {% if true %}x{% endif %}" in page


def test_clinics_without_location_are_not_drawn() -> None:
    registry = load_registry(REPO / "clinics.yaml", use_cache=False)
    payload = map_payload([MapClinic(c) for c in registry.clinics])
    assert len(payload["rows"]) == 8
    assert "neuroplasticity-md-clinic" not in {row[0] for row in payload["rows"]}


UNNAMED = "schema_version: 1\nclinics:\n" + UNNAMED_PROVIDER


def test_a_rows_fixed_part_is_made_once_per_registry_and_language(tmp_path: Path) -> None:
    """A search among 100,000 clinics makes only its distances: the names and addresses are
    the registry's, made once, and made again only for another registry or language."""
    path = tmp_path / "unnamed.yaml"
    path.write_text(UNNAMED, encoding="utf-8")
    registry = load_registry(path, use_cache=False)
    shown = [MapClinic(c, 3.0) for c in registry.clinics]
    fixed = FixedParts()
    name = FIELDS.index("name")

    def row() -> list:
        return map_payload(shown, SANDY, fixed=fixed.of(registry))["rows"][0]

    first = row()
    assert fixed.of(registry).row(registry.clinics[0]) is fixed.of(registry).row(shown[0].clinic)
    assert row() == first
    assert first[name] == "Unnamed provider reported in this area: South Jordan, UT"
    assert first[FIELDS.index("distance")] == "≈ 2 mi"
    try:
        i18n.set_language("es")
        assert (
            row()[name] == "Proveedor sin nombre del que se informa en esta zona: South Jordan, UT"
        )
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)
    assert row()[name] == first[name]
    path.write_text(UNNAMED.replace("{city: South Jordan", "{city: Riverton"), encoding="utf-8")
    registry = load_registry(path, use_cache=False)  # edited and read again
    shown = [MapClinic(c, 3.0) for c in registry.clinics]
    assert row()[name] == "Unnamed provider reported in this area: Riverton, UT"


@pytest.mark.parametrize(
    "url",
    [
        "https://Example.ORG/clinic",
        "http://a-b.example",
        "https://x.example?q=1",
        "https://x.example#top",
        "https://login@x.example/",
        "https://x.example:8443/",
        "https://[::1]/",
        "https://exa\tmple.org/",
        "HTTPS://X.example/",
        "https://bücher.example/",
        "https://x.example\\@evil.example/",
        "https:///no-host",
    ],
)
def test_a_websites_host_is_read_quickly_as_urlsplit_reads_it(url: str) -> None:
    """Every popup names its website's host: read without urlsplit where the address is plain,
    and the same host either way."""
    assert website_host(url) == (urlsplit(url).hostname or url)


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[MapWebEngineView]:
    """An 800 by 600 map view; the test fails if its page reports a JavaScript error."""
    with map_view(qtbot) as view:
        yield view


def test_markers_are_drawn_and_replaced_in_place(qtbot: QtBot, view: MapWebEngineView) -> None:
    load(qtbot, view, build_map_page(map_payload(clinics(10)), tiles_url=NO_TILES))
    assert view.evaluate("locatorMap.markerCount()") == 10
    view.evaluate("window.keptAcrossUpdates = 'yes'")
    many = map_payload(clinics(1000), SANDY, radius_km=50)
    assert many["cluster"] is True
    view.set_results(many)
    qtbot.waitUntil(lambda: view.evaluate("locatorMap.markerCount()") == 1000, timeout=10_000)
    assert view.evaluate("window.keptAcrossUpdates") == "yes"  # no reload happened
    view.set_results(map_payload(clinics(CLUSTER_FROM - 1)))
    qtbot.waitUntil(
        lambda: view.evaluate("locatorMap.markerCount()") == CLUSTER_FROM - 1, timeout=10_000
    )


def test_a_search_result_draws_origin_radius_and_matches(
    qtbot: QtBot, view: MapWebEngineView
) -> None:
    index = ClinicIndex.of(load_registry(REPO / "clinics.yaml", use_cache=False))
    result = index.nearest(SANDY, limit=10, by_organization=False)
    load(qtbot, view, build_map_page(result_payload(result), tiles_url=NO_TILES))
    assert view.evaluate("locatorMap.markerCount()") == 8
    assert view.evaluate("locatorMap.originLayer.getLayers().length") == 1


def test_a_hostile_name_shows_literally_in_its_popup(qtbot: QtBot, view: MapWebEngineView) -> None:
    load(qtbot, view, build_map_page(map_payload([evil_clinic()]), tiles_url=NO_TILES))
    assert view.evaluate("locatorMap.openPopup('evil')") is True
    qtbot.waitUntil(
        lambda: view.evaluate("document.querySelectorAll('.locator-popup').length") == 1
    )
    text = view.evaluate("document.querySelector('.locator-popup b').textContent")
    assert text == EVIL
    assert view.evaluate("document.querySelectorAll('.leaflet-popup-content img').length") == 0
    # A control: the same markup placed as HTML does run, and locator logs its alert. By the
    # time it has, the popup's image would have failed to load and alerted too.
    with page_errors() as errors:  # the errors logged since the view was made
        view.evaluate(
            "document.body.insertAdjacentHTML('beforeend',"
            " '<img src=x onerror=\"alert(\\'control\\')\">'); true"
        )
        qtbot.waitUntil(lambda: errors.messages != [])
        assert errors.messages == ["map page alert: control"]
        errors.messages.clear()


def test_offline_tiles_show_a_note_and_the_markers_stay(
    qtbot: QtBot, view: MapWebEngineView
) -> None:
    load(qtbot, view, build_map_page(map_payload(clinics(5)), tiles_url=NO_TILES))
    qtbot.waitUntil(
        lambda: view.evaluate("document.querySelectorAll('.locator-note').length") == 1,
        timeout=10_000,
    )
    note = view.evaluate("document.querySelector('.locator-note').textContent")
    assert "street map needs an internet connection" in note
    assert view.evaluate("locatorMap.markerCount()") == 5


def test_clicking_a_marker_reports_its_clinic(qtbot: QtBot, view: MapWebEngineView) -> None:
    load(qtbot, view, build_map_page(map_payload(clinics(3)), tiles_url=NO_TILES))
    view.evaluate(
        "window.clicked = []; locatorMap.onSelect = function (id) { clicked.push(id); };"
        "locatorMap.marker('synthetic-clinic-1').fire('click'); true"
    )
    assert view.evaluate("JSON.stringify(window.clicked)") == '["synthetic-clinic-1"]'


def test_a_popup_links_directions_only_for_a_street_address(
    qtbot: QtBot, view: MapWebEngineView
) -> None:
    rng = random.Random(5)
    exact = synthetic_clinic(1, rng)
    exact["location"]["precision"] = "address"
    approximate = synthetic_clinic(2, rng)
    clinics_ = [MapClinic(Clinic.model_validate(exact), 2.0, serves_origin=True),
                MapClinic(Clinic.model_validate(approximate), 30.0)]  # fmt: skip
    load(qtbot, view, build_map_page(map_payload(clinics_), tiles_url=NO_TILES))

    def popup(number: int) -> str:
        view.evaluate(f"locatorMap.openPopup('synthetic-clinic-{number}'); true")
        shown = "(document.querySelector('.locator-popup b') || {}).textContent || ''"
        qtbot.waitUntil(lambda: view.evaluate(shown) == f"Synthetic Clinic {number}")
        return view.evaluate("document.querySelector('.locator-popup').innerHTML")

    first = popup(1)
    assert "Directions with:" in first
    assert first.index("openstreetmap.org/directions") < first.index("google.com/maps/dir/")
    assert "serves the place you searched" in first
    assert "street address" in first
    second = popup(2)
    assert "Directions with" not in second
    assert "approximate: city centre" in second
    assert "https://example.org/clinic/2" in second


def test_a_page_without_the_base_map_draws_the_clinics_on_nothing(
    qtbot: QtBot, view: MapWebEngineView
) -> None:
    """``base_map=False`` is how ``make bench`` measures what the base map costs."""
    with_it = build_map_page(map_payload(clinics(10)), tiles_url=NO_TILES)
    page = build_map_page(map_payload(clinics(10)), tiles_url=NO_TILES, base_map=False)
    assert len(with_it) - len(page) > 1_000_000
    load(qtbot, view, page)
    assert view.evaluate("locatorMap.markerCount()") == 10
    counts = evaluate_json(view, "locatorMap.baseMap.counts()")
    assert set(counts.values()) == {0}  # no shape in view and no name shown


def test_after_a_popups_link_is_clicked_the_map_still_takes_new_results(
    qtbot: QtBot,
    view: MapWebEngineView,
    browser: Browser,  # noqa: F811 - the fixture imported above
) -> None:
    """The link's click was a navigation, refused: the view took its failed load for a page
    that had not loaded, and drew no search and selected no clinic after it."""
    load(qtbot, view, build_map_page(map_payload(clinics(3)), tiles_url=NO_TILES))
    view.evaluate("locatorMap.openPopup('synthetic-clinic-1'); true")
    link = "document.querySelector('.locator-popup a[href^=\"https:\"]')"
    qtbot.waitUntil(lambda: view.evaluate(f"Boolean({link})"))
    with qtbot.waitSignal(view.message):
        view.evaluate(f"{link}.click(); true")
    assert browser.opened == [view.evaluate(f"{link}.href")]
    view.set_results(map_payload(clinics(5)))
    qtbot.waitUntil(lambda: view.evaluate("locatorMap.markerCount()") == 5)
