"""The offline base map as a person moves it: drawn once per view, not again for every frame.

A pan draws only the part of the map it brings into view (the base map is drawn into tiles
that stay while the map moves), and the place names that stay in view stay as they were.
"""

from __future__ import annotations

from tests.helpers.user import MakeWindow, User

RING = "getComputedStyle(locatorMap.map.getContainer(), '::after').borderTopStyle"
TILES = "document.querySelectorAll('.leaflet-locatorBase-pane canvas.leaflet-tile')"
NAMES = "document.querySelectorAll('.locator-base-label')"


def mark(user: User, elements: str) -> int:
    """Mark the elements found by ``elements`` as seen; how many there are."""
    return int(user.map(f"{elements}.forEach(function (e) {{ e.dataset.seen = '1'; }}); "
                        f"{elements}.length"))  # fmt: skip


def seen(user: User, elements: str) -> int:
    """How many of the elements found by ``elements`` were there when last marked."""
    return int(user.map(f"Array.prototype.filter.call({elements}, function (e) {{ "
                        "return e.dataset.seen === '1'; }).length"))  # fmt: skip


def moved_by(user: User, key: str) -> None:
    """Press ``key`` on the map and wait until the map has come to rest."""
    user.map(
        "window.rested = false; locatorMap.map.once('moveend', function () {"
        " window.rested = true; }); true"
    )
    user.press(key)
    user.wait(lambda: user.map("window.rested"))


def test_a_pan_draws_only_what_it_brings_into_view(make_window: MakeWindow) -> None:
    user = make_window()  # the map of every clinic, offline: locator's own base map
    user.wait(lambda: user.named("Map of the clinics found").ready)
    user.wait(lambda: user.map("locatorMap.markerCount()") > 0)
    assert user.map("locatorMap.baseMap.shown()") is True
    user.press("Ctrl+2")  # View → Map: the arrow keys move it
    user.wait(lambda: user.map(RING) == "solid")
    tiles, names = mark(user, TILES), mark(user, NAMES)
    assert tiles >= 4  # the land, water and lines are drawn in tiles…
    assert names >= 3
    moved_by(user, "Right")
    assert seen(user, TILES) == tiles  # …and those already drawn stay as they are
    assert seen(user, NAMES) >= 1  # a name still in view is not placed again
    assert user.map("locatorMap.baseMap.counts().states") >= 1  # the map still shows its lines
    moved_by(user, "+")  # a zoom draws the new view
    assert seen(user, TILES) < int(user.map(f"{TILES}.length"))
