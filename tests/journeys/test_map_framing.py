"""What the map shows a patient after a search, read through the map page's own API: the
searched place framed the same way however the search started, the selected clinic
highlighted rather than covered by a popup, an organization's other sites kept on the map,
and enough place names to tell where one is."""

from __future__ import annotations

import json
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
