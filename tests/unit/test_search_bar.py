"""The search bar asks what the person chose: the place, the distance in the unit they read,
and that unit, so the request says in which unit its answer is to be read."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from locator.ui.search_bar import SearchBar
from locator.units import Unit


def test_the_request_carries_the_unit_chosen(qtbot: QtBot) -> None:
    bar = SearchBar()
    qtbot.addWidget(bar)
    bar.show()
    qtbot.keyClicks(bar.place, "Sandy, UT")
    assert bar.request().unit is Unit.MILES  # the unit a new user starts with
    bar.unit.setCurrentIndex(bar.unit.findText("km"))
    bar.radius.setCurrentIndex(bar.radius.findText("50 km"))
    request = bar.request()
    assert request.query == "Sandy, UT"
    assert request.unit is Unit.KM
    assert request.within_km == pytest.approx(50)
