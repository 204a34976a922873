"""The window as it opens: the cursor waits in the place field, the title says which registry
is open (its folder too: many are named clinics.yaml), About says when its entries were
verified, and a registry that cannot be read is said to be so above the empty results."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.registry_texts import VALID
from tests.helpers.user import MakeWindow

SUMMARY = "Search summary"


def test_typing_as_the_window_opens_goes_into_the_place_field(make_window: MakeWindow) -> None:
    user = make_window()
    assert user.focused() is user.named("Place to search near")
    user.type("Sandy, UT")
    user.press("Return")
    user.wait_until_quiet()
    assert "within travel distance of Sandy, UT" in user.named(SUMMARY).text()
    user.press("Shift+Tab")  # the crisis line, first on screen, is one key away
    assert user.focused() is user.named("Crisis resources")


def test_the_title_names_the_registry_open_and_about_gives_one_date(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    mine = tmp_path / "coordinator-list.yaml"
    mine.write_text(VALID, encoding="utf-8")  # both entries verified on 2026-01-15
    user = make_window(mine)
    assert "coordinator-list.yaml" in user.window.windowTitle()
    assert str(tmp_path) in user.window.windowTitle()
    text = user.about()
    assert "Entries last verified on 2026-01-15." in text
    assert "between" not in text


def test_about_credits_the_map_locator_shows(make_window: MakeWindow) -> None:
    user = make_window()  # the street map not chosen: locator's own map is shown
    text = user.about()
    assert "own map from the US Census Bureau, Natural Earth and GeoNames" in text
    assert "Map: Leaflet, © OpenStreetMap contributors" not in text  # not the map on screen
    assert "street map, only if you choose it, © OpenStreetMap contributors" in text


def test_the_registry_locator_ships_with_keeps_the_plain_title(make_window: MakeWindow) -> None:
    user = make_window(shipped=True)
    assert user.window.windowTitle() == "Find ketamine-therapy clinics"


def test_two_registries_named_alike_have_titles_that_tell_them_apart(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    titles = []
    for folder in ("work", "home"):
        mine = tmp_path / folder / "clinics.yaml"
        mine.parent.mkdir()
        mine.write_text(VALID, encoding="utf-8")
        titles.append(make_window(mine).window.windowTitle())
    assert titles[0] != titles[1]
    assert str(tmp_path / "work") in titles[0]


def test_a_registry_that_cannot_be_read_at_start_is_said_so_in_the_summary(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    broken = tmp_path / "clinics.yaml"
    broken.write_text("clinics:\n  - id: broken\n    name: [unclosed\n", encoding="utf-8")
    user = make_window(broken, wait_ready=False)
    user.wait(lambda: "The registry has problems" in user.texts())
    assert "The registry could not be read" in user.named(SUMMARY).text()
