"""The results panel gives its room to the clinics there are."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from locator.data.loader import load_registry
from locator.ui.results_panel import ResultsPanel
from tests.helpers.paths import REPO


def test_the_table_of_clinics_without_a_location_shows_only_when_it_has_some(
    qtbot: QtBot,
) -> None:
    """Its title and headers stayed on screen, empty, once a filter had left nothing in it,
    taking 70 pixels of an 800x600 window from the clinics found."""
    clinics = load_registry(REPO / "clinics.yaml").clinics
    located = [clinic for clinic in clinics if clinic.location is not None]
    unlocated = [clinic for clinic in clinics if clinic.location is None]
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    shown = (panel.unlocated_label, panel.unlocated_table)
    assert [widget.isVisible() for widget in shown] == [False, False]  # nothing yet
    panel.show_clinics(located, unlocated)
    assert [widget.isVisible() for widget in shown] == [True, True]
    qtbot.waitUntil(lambda: panel.table.height() < 400)
    beside = panel.table.height()
    panel.show_clinics(located, [])  # a filter leaves none of them
    assert [widget.isVisible() for widget in shown] == [False, False]
    qtbot.waitUntil(lambda: panel.table.height() > beside + 60)  # the room goes to them
