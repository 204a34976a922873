"""The map page passes axe-core (Deque's accessibility rules, vendored under tests/vendor/)
inside QtWebEngine, as the app and an exported map show it: after a search, with a clinic's
popup open and the legend open."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from locator.data.loader import load_registry
from locator.mapping.page import build_map_page
from locator.mapping.payload import map_payload, result_payload
from locator.search import ClinicIndex, SearchResult
from locator.ui.map_view import MapWebEngineView
from tests.helpers.map_support import NO_TILES, SANDY, evaluate_json, load, map_view, open_popup
from tests.helpers.paths import REPO, TEST_REGISTRY

AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}

RUN_AXE = """
window.locatorAxe = null;
axe.run(document, {resultTypes: ["violations"]}).then(function (results) {
  window.locatorAxe = results.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) {
      return n.target.join(" ") + ": " + n.failureSummary;
    })};
  });
}, function (error) { window.locatorAxe = [{id: "axe-error", impact: "critical",
                                            help: String(error), nodes: []}]; });
"""


def violations(qtbot: QtBot, view: MapWebEngineView) -> list[dict[str, Any]]:
    """axe-core's violations on the page now."""
    view.evaluate(AXE.read_text(encoding="utf-8") + ";true")
    view.evaluate(RUN_AXE + ";true")
    qtbot.waitUntil(lambda: view.evaluate("window.locatorAxe !== null"), timeout=60_000)
    found: list[dict[str, Any]] = evaluate_json(view, "window.locatorAxe")
    return found


def blocking(found: list[dict[str, Any]]) -> str:
    """The serious and critical violations, one a paragraph, for the failure message."""
    return "\n\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"])
        for v in found
        if v["impact"] in BLOCKING
    )


def sandy_search() -> SearchResult:
    registry = load_registry(TEST_REGISTRY, use_cache=False)
    return ClinicIndex.of(registry).nearest(SANDY, limit=10)


def sandy_payload() -> dict[str, Any]:
    return result_payload(sandy_search())


def test_the_apps_map_after_a_search_with_a_popup_open(qtbot: QtBot) -> None:
    result = sandy_search()
    payload = result_payload(result)
    clinic_id = result.matches[0].clinic.id
    with map_view(qtbot, 1000, 700) as view:
        load(qtbot, view, build_map_page(map_payload([]), inline=False, tiles_url=NO_TILES))
        view.set_results(payload)
        open_popup(qtbot, view, clinic_id)
        assert view.evaluate("document.querySelector('.locator-legend details').open") is True
        problems = blocking(violations(qtbot, view))
    assert not problems, problems


def test_an_exported_map(qtbot: QtBot) -> None:
    with map_view(qtbot, 1000, 700) as view:
        load(qtbot, view, build_map_page(sandy_payload(), inline=True, tiles_url=None))
        problems = blocking(violations(qtbot, view))
    assert not problems, problems


@pytest.mark.parametrize("hidden", ["markerPane", "overlayPane", "locatorBaseLabels"])
def test_what_the_map_draws_is_hidden_from_screen_readers(qtbot: QtBot, hidden: str) -> None:
    """The results table is the map's accessible equivalent: the drawing itself is not read."""
    with map_view(qtbot) as view:
        load(qtbot, view, build_map_page(sandy_payload(), inline=False, tiles_url=NO_TILES))
        pane = f"locatorMap.map.getPane({json.dumps(hidden)})"
        assert view.evaluate(f"{pane}.getAttribute('aria-hidden')") == "true"
        popups = "locatorMap.map.getPane('popupPane').closest('[aria-hidden]') === null"
        assert view.evaluate(popups) is True
        label = view.evaluate("locatorMap.map.getContainer().getAttribute('aria-label')")
        assert "results table" in label
