"""Helpers for tests of the map page in a real web view: loading, geometry, JavaScript errors."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pytestqt.qtbot import QtBot

from locator.data.vocabulary import Precision
from locator.geo.place import Place
from locator.ui.map_view import MapWebEngineView
from locator.ui.teardown import delete_now
from tests.helpers.user import User

NO_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # refused at once: tests never fetch tiles
SANDY = Place(
    "Sandy, UT", "Sandy, UT", 40.59161, -111.8841, Precision.CITY, city="Sandy", state="UT"
)
BOISE = Place(
    "Boise, ID", "Boise, ID", 43.6135, -116.20345, Precision.CITY, city="Boise", state="ID"
)


class PageErrors(logging.Handler):
    """The map pages' JavaScript errors and alerts, as locator logs them (at warning level, to
    the map view's logger), oldest first."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def assert_none(self) -> None:
        """Fail with the page's own words when it logged an error (or alerted)."""
        assert self.messages == [], "the map page logged errors:\n" + "\n".join(self.messages)


@contextmanager
def page_errors() -> Iterator[PageErrors]:
    """Collect what every map page logs as an error while inside. Entered inside another, it
    gives the outer collector, so a test has one list: one that makes an error on purpose
    reads and clears the list that ``map_view`` then checks."""
    log = logging.getLogger(MapWebEngineView.__module__)
    outer = [handler for handler in log.handlers if isinstance(handler, PageErrors)]
    if outer:
        yield outer[0]
        return
    collector = PageErrors()
    log.addHandler(collector)
    try:
        yield collector
    finally:
        log.removeHandler(collector)


@contextmanager
def map_view(qtbot: QtBot, width: int = 800, height: int = 600) -> Iterator[MapWebEngineView]:
    """A shown ``MapWebEngineView`` of that size; fails the test if the page logged an error."""
    with page_errors() as errors:
        view = MapWebEngineView()
        view.resize(width, height)
        view.show()
        try:
            yield view
            errors.assert_none()
        finally:
            delete_now(view)


def load(qtbot: QtBot, view: MapWebEngineView, page: str) -> None:
    """Show ``page`` and wait until it has loaded."""
    with qtbot.waitSignal(view.page_ready, timeout=20_000) as loaded:
        view.show_page(page)
    assert loaded.args == [True]


@dataclass(frozen=True)
class Box:
    """A rectangle in map pixels."""

    left: float
    top: float
    right: float
    bottom: float
    name: str = ""

    def overlaps(self, other: Box) -> bool:
        """True when the two share any area."""
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def holds(self, x: float, y: float, margin: float = 0.0) -> bool:
        """True when the point is inside, or within ``margin`` pixels of the edge."""
        return (
            self.left - margin <= x <= self.right + margin
            and self.top - margin <= y <= self.bottom + margin
        )


def evaluate_json(view: MapWebEngineView, expression: str) -> Any:
    """A JavaScript value through JSON (arrays do not all survive Qt's own conversion)."""
    return json.loads(view.evaluate(f"JSON.stringify({expression})"))


def control_boxes(view: MapWebEngineView) -> list[Box]:
    """Every visible control on the map (zoom, legend, note, scale, attribution)."""
    rects = evaluate_json(view, "locatorMap.controlRects()")
    return [Box(r["left"], r["top"], r["right"], r["bottom"], r["name"]) for r in rects]


def point_of(view: MapWebEngineView, latitude: float, longitude: float) -> tuple[float, float]:
    """Where a place is drawn, in map pixels."""
    point = evaluate_json(view, f"locatorMap.map.latLngToContainerPoint([{latitude}, {longitude}])")
    return point["x"], point["y"]


def marker_point(view: MapWebEngineView, clinic_id: str) -> tuple[float, float]:
    """Where a clinic's marker is drawn, in map pixels."""
    point = evaluate_json(
        view,
        f"locatorMap.map.latLngToContainerPoint(locatorMap.marker({json.dumps(clinic_id)})"
        ".getLatLng())",
    )
    return point["x"], point["y"]


def in_view(view: MapWebEngineView, latitude: float, longitude: float) -> bool:
    """True when the map's current view contains the place."""
    return bool(view.evaluate(f"locatorMap.map.getBounds().contains([{latitude}, {longitude}])"))


def popup_box(view: MapWebEngineView) -> Box | None:
    """The open popup's box without its tip, in map pixels, or None."""
    rect = evaluate_json(view, "locatorMap.popupRect()")
    if rect is None:
        return None
    return Box(rect["left"], rect["top"], rect["right"], rect["bottom"], name="popup")


def open_popup(qtbot: QtBot, view: MapWebEngineView, clinic_id: str) -> None:
    """Open a clinic's popup as a click on its marker does, and wait until it is open."""
    view.evaluate(f"locatorMap.openPopup({json.dumps(clinic_id)}); true")
    is_open = f"locatorMap.marker({json.dumps(clinic_id)}).isPopupOpen()"
    qtbot.waitUntil(lambda: view.evaluate(is_open) is True, timeout=10_000)


def popup_text(view: MapWebEngineView, clinic_id: str) -> str:
    """The text of a clinic's popup (open, or as last opened)."""
    return view.evaluate(
        f"locatorMap.marker({json.dumps(clinic_id)}).getPopup().getElement().textContent"
    )


def framing(user: User) -> dict[str, Any]:
    """The map's zoom and where the searched place is drawn, with the map's size."""
    return json.loads(
        user.map(
            "JSON.stringify({zoom: locatorMap.map.getZoom(), size: locatorMap.map.getSize(),"
            " origin: locatorMap.map.latLngToContainerPoint(locatorMap._origin)})"
        )
    )
