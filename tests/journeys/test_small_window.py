"""The window stays usable at 800x600: nothing overlaps, every button shows its whole label,
and every control is inside the window (a panel scrolls or reflows instead)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QWidget,
)

from tests.helpers.user import MakeWindow, User, visible

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView, QTextBrowser, QLabel)


def on_screen(user: User) -> list[tuple[QWidget, QRect]]:
    """Every visible control of the main window with its rectangle in window coordinates."""
    window = user.window
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not visible(widget) or widget.window() is not window:
            continue
        if isinstance(widget, QLabel) and not widget.text():
            continue
        if any(isinstance(a, QAbstractItemView) for a in ancestors(widget)):
            continue  # a table's own header and editors
        top_left = widget.mapTo(window, widget.rect().topLeft())
        found.append((widget, QRect(top_left, widget.size())))
    return found


def ancestors(widget: QWidget) -> list[QWidget]:
    out = []
    parent = widget.parentWidget()
    while parent is not None:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def visible_part(widget: QWidget, rect: QRect, window: QWidget) -> QRect:
    """What of ``rect`` its scroll areas and parents let show."""
    clip = QRect(rect)
    for parent in ancestors(widget):
        top_left = parent.mapTo(window, parent.rect().topLeft()) if parent is not window else None
        clip = clip.intersected(QRect(top_left, parent.size()) if top_left else parent.rect())
    return clip


@pytest.mark.parametrize("size", [(800, 600), (1400, 900)])
def test_nothing_overlaps_and_every_label_shows_whole(
    make_window: MakeWindow, size: tuple[int, int]
) -> None:
    user = make_window(size=size)
    assert (user.window.width(), user.window.height()) == size
    user.search("Xqzzy, UT")  # a message row too
    user.search("Dallas, TX")
    user.tick_box("Clinics found, nearest first", 0)
    user.tick_box("Clinics found, nearest first", 1)
    user.look()
    window = user.window
    controls = [(w, visible_part(w, r, window)) for w, r in on_screen(user)]
    controls = [(w, r) for w, r in controls if not r.isEmpty()]
    for widget, rect in controls:
        assert window.rect().contains(rect), f"{widget.accessibleName() or widget} is cut off"
        if isinstance(widget, QAbstractButton) and widget.text():
            needed = widget.minimumSizeHint().width()
            assert widget.width() >= needed, f"{widget.text()!r} is squeezed: {widget.width()}"
    for (first, a), (second, b) in itertools.combinations(controls, 2):
        if first in ancestors(second) or second in ancestors(first):
            continue
        assert not a.intersects(b), (
            f"{first.accessibleName() or first.text()!r} overlaps "
            f"{second.accessibleName() or getattr(second, 'text', lambda: '')()!r}"
        )
