"""What the map shows a patient after a search, read through the map page's own API: the
searched place framed the same way however the search started, the selected clinic
highlighted rather than covered by a popup, an organization's other sites kept on the map,
and enough place names to tell where one is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from locator.ui.preferences import Preferences
from tests.helpers.user import MakeWindow, User

SUMMARY = "Search summary"
SMALL = (800, 600)


def framing(user: User) -> dict[str, Any]:
    """The map's zoom and where the searched place is drawn, with the map's size."""
    return json.loads(
        user.map(
            "JSON.stringify({zoom: locatorMap.map.getZoom(), size: locatorMap.map.getSize(),"
            " origin: locatorMap.map.latLngToContainerPoint(locatorMap._origin)})"
        )
    )


def test_a_remembered_search_reopens_framed_as_a_fresh_search(make_window: MakeWindow) -> None:
    Preferences().remember_searches = True  # as answered at an earlier start
    user = make_window(size=SMALL)
    user.search("Sandy, UT")
    fresh = framing(user)
    assert fresh["zoom"] >= 9  # a town's view, not the whole country
    user.menu("File", "Quit")

    again = make_window(size=SMALL)
    again.wait(lambda: "near Sandy, UT" in again.named(SUMMARY).text())
    again.wait_until_quiet()
    reopened = framing(again)
    assert reopened["zoom"] == fresh["zoom"]
    origin, size = reopened["origin"], reopened["size"]
    # the searched place well inside the map, as after the fresh search, not at its edge
    assert abs(origin["x"] - fresh["origin"]["x"]) <= 2
    assert abs(origin["y"] - fresh["origin"]["y"]) <= 2
    assert 20 <= origin["x"] <= size["x"] - 20
    assert 20 <= origin["y"] <= size["y"] - 20


FOUND = "Clinics found, nearest first"
UNLOCATED = "Clinics without a location"


def popup(user: User) -> dict[str, float] | None:
    """The open popup's box in map pixels, or None."""
    return json.loads(user.map("JSON.stringify(locatorMap.popupRect())"))


def selected(user: User) -> str | None:
    """The clinic the map highlights, or None."""
    return json.loads(user.map("JSON.stringify(locatorMap.selectedId())"))


def test_a_selection_highlights_its_clinic_and_a_popup_opens_only_on_a_click(
    make_window: MakeWindow,
) -> None:
    user = make_window(size=SMALL)
    user.search("Frisco, TX")
    nearest = selected(user)
    assert nearest == "nortex-psychiatry-frisco"  # the first row, highlighted on the map
    assert popup(user) is None  # and nothing covers the map
    user.click_cell(FOUND, 1)
    user.wait(lambda: selected(user) != nearest)
    assert popup(user) is None

    user.click_marker(nearest)  # the person asks for the popup
    user.wait(lambda: popup(user) is not None)
    box, view = popup(user), framing(user)
    assert box is not None
    size, origin = view["size"], view["origin"]
    # whole, its title in view, and the searched place not under it
    assert box["left"] >= 0
    assert box["top"] >= 0
    assert box["right"] <= size["x"]
    assert box["bottom"] <= size["y"]
    inside = (
        box["left"] <= origin["x"] <= box["right"] and box["top"] <= origin["y"] <= box["bottom"]
    )
    assert not inside
    user.wait(lambda: user.named(FOUND).currentIndex().row() == 0)  # the click selects its row

    user.click_cell(UNLOCATED, 0)  # a clinic with no location: no marker to show
    user.wait(lambda: popup(user) is None)
    assert selected(user) is None


def other_sites(user: User) -> dict[str, dict[str, bool]]:
    """The other sites of the organizations found, as the map draws them, by clinic id."""
    sites = json.loads(user.map("JSON.stringify(locatorMap.otherSites())"))
    return {site["id"]: site for site in sites}


POPUP = "(function(){var p=document.querySelector('.locator-popup');return p?p.innerText:''})()"
NORTEX = ("allen", "frisco", "mckinney")


def test_an_organizations_other_sites_stay_on_the_map_and_in_its_popup(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("dallas tx")
    assert user.column(FOUND, "Clinic").count("NorTex Psychiatry") == 1  # listed once
    sites = other_sites(user)
    for town in NORTEX:
        site = sites[f"nortex-psychiatry-{town}"]
        assert site["shown"]
        assert not site["dimmed"]  # any distance: the search found them too
    user.click_marker("nortex-psychiatry-dallas")
    user.wait(lambda: "Other sites of NorTex Psychiatry:" in user.map(POPUP))
    for place in ("Allen, TX", "Frisco, TX", "McKinney, TX"):
        assert place in user.map(POPUP)
    assert "outside your search" not in user.map(POPUP)

    user.press("Alt+W")
    user.press("Down")
    user.press("Down")  # 25 mi: Allen (24 mi) inside, Frisco and McKinney outside
    user.wait(lambda: "within 25 mi of Dallas, TX" in user.named(SUMMARY).text())
    user.wait_until_quiet()
    sites = other_sites(user)
    assert {town: sites[f"nortex-psychiatry-{town}"]["dimmed"] for town in NORTEX} == {
        "allen": False,
        "frisco": True,
        "mckinney": True,
    }
    assert all(site["shown"] for site in sites.values())  # dimmed, still there
    user.click_marker("nortex-psychiatry-dallas")
    user.wait(lambda: "Other sites of NorTex Psychiatry:" in user.map(POPUP))
    assert "McKinney, TX (≈ 31 mi, outside your search)" in user.map(POPUP)


def test_a_popup_words_the_distance_of_an_other_site_as_the_table_does(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("allen tx")
    assert user.column(FOUND, "Distance")[0] == "same city"  # NorTex's Allen site
    user.click_marker("nortex-psychiatry-dallas")  # another of its sites
    user.wait(lambda: "Other sites of NorTex Psychiatry:" in user.map(POPUP))
    assert "Allen, TX (same city)" in user.map(POPUP)


def town_names(user: User) -> list[str]:
    """The base map's town names shown now."""
    labels = json.loads(user.map("JSON.stringify(locatorMap.baseMap.labels())"))
    return [label["name"] for label in labels if label["kind"] == "place"]


ORIGIN_LABEL = "(document.querySelector('.locator-origin-label') || {}).textContent || ''"


def test_the_searched_place_is_named_and_towns_around_it_orient_the_reader(
    make_window: MakeWindow,
) -> None:
    user = make_window(size=SMALL)
    user.search("Boise, ID")  # its nearest clinic hundreds of miles away
    assert user.map(ORIGIN_LABEL) == "Boise, ID"
    user.search("dallas tx")
    assert user.map(ORIGIN_LABEL) == "Dallas, TX"
    # enough towns to tell where one is, even on a small map, once the map has stopped moving
    # to its new frame (the names are placed when it stops); a town under a clinic's marker is
    # named beside it (tests/unit/test_base_map.py, and Salt Lake City below)
    try:
        user.wait(lambda: len(town_names(user)) >= 6)
    except AssertionError:
        raise AssertionError(f"the map names only {town_names(user)}") from None


def test_a_city_with_a_clinic_on_its_centre_keeps_its_name(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    text = registry_copy.read_text(encoding="utf-8")
    south_jordan = (
        "address: {city: South Jordan, state: UT}\n    location:\n"
        "      latitude: 40.56217\n      longitude: -111.92966"
    )
    assert south_jordan in text
    registry_copy.write_text(  # the clinic moved to Salt Lake City's centre
        text.replace(
            south_jordan,
            "address: {city: Salt Lake City, state: UT}\n    location:\n"
            "      latitude: 40.76078\n      longitude: -111.89105",
        ),
        encoding="utf-8",
    )
    user = make_window()
    user.search("Sandy, UT")
    assert "Salt Lake City" in town_names(user)  # beside the clinic's marker, not under it
