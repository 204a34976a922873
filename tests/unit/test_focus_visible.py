"""The keyboard focus can be seen: a focused button looks different, and tabbing through the
registry editor never scrolls its form sideways out of sight of the labels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QListWidget, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from locator.ui.contrast import contrast_ratio
from locator.ui.focus import OUTLINE_PX, show_focus
from locator.ui.registry_editor import RegistryEditor
from tests.helpers.registry_texts import VALID

MIN_UI_CONTRAST = 3.0  # WCAG 1.4.11: a focus indicator against what it is drawn over


@pytest.fixture
def focus_style(qapp: QApplication) -> Iterator[None]:
    """The app's style as ``locator`` starts it, put back afterwards."""
    before = qapp.style().name()
    show_focus(qapp)
    yield
    qapp.setStyle(before)


def looks(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def test_a_focused_button_looks_different(qtbot: QtBot, focus_style: None) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    first, search = QPushButton("Other", window), QPushButton("Search", window)
    search.move(0, 40)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    unfocused = looks(search)
    qtbot.keyClick(first, Qt.Key.Key_Tab)  # as a keyboard user reaches the button
    qtbot.waitUntil(search.hasFocus)
    focused = looks(search)
    outlined = sum(  # pixels that change to a colour at 3:1 or more from what they were
        contrast_ratio(focused.pixelColor(x, y), unfocused.pixelColor(x, y)) >= MIN_UI_CONTRAST
        for x in range(focused.width())
        for y in range(focused.height())
    )
    perimeter = 2 * (focused.width() + focused.height())
    assert outlined >= perimeter, f"only {outlined} pixels change clearly with the focus"


def test_a_focused_suggestion_is_ringed_around_its_words_not_through_them(
    qtbot: QtBot, focus_style: None
) -> None:
    """A list's focused item (a place suggestion, a shortlist, a checklist's box) keeps its
    words whole: the ring sits on the item's edge, where no letter is."""
    window = QWidget()
    qtbot.addWidget(window)
    suggestions = QListWidget(window)
    suggestions.addItems(["Portland, OR", "Portland, ME", "Portland, TX"])
    # no selection, whose colour also changes with the focus: only the focus ring is compared
    suggestions.setSelectionMode(QListWidget.SelectionMode.NoSelection)
    other = QPushButton("Search", window)
    other.move(0, 120)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    suggestions.setCurrentRow(0)
    suggestions.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(suggestions.hasFocus)
    row = suggestions.visualItemRect(suggestions.item(0))
    focused = suggestions.viewport().grab(row).toImage()
    other.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(other.hasFocus)
    unfocused = suggestions.viewport().grab(row).toImage()
    changed = {
        (x, y)
        for y in range(focused.height())
        for x in range(focused.width())
        if focused.pixelColor(x, y) != unfocused.pixelColor(x, y)
    }
    assert changed, "the focused item looks no different"
    inside = [
        (x, y)
        for x, y in changed
        if OUTLINE_PX <= x < focused.width() - OUTLINE_PX
        and OUTLINE_PX <= y < focused.height() - OUTLINE_PX
    ]
    assert not inside, f"the focus ring crosses the item's words at {sorted(inside)[:5]}…"


def test_tabbing_through_the_editor_never_scrolls_it_sideways(
    qtbot: QtBot, focus_style: None, tmp_path: Path
) -> None:
    registry = tmp_path / "clinics.yaml"
    registry.write_text(VALID, encoding="utf-8")
    editor = RegistryEditor(registry, locate=None)
    qtbot.addWidget(editor)
    editor.resize(640, 600)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    sideways = editor.form_scroll.horizontalScrollBar()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.fields["id"].setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(len(editor.fields) + 6):
        field = editor.focusWidget()
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        assert sideways.value() == 0, f"the form scrolled sideways after {field.accessibleName()}"
    assert not sideways.isVisible()
    viewport = editor.form_scroll.viewport()
    cut = [
        widget.accessibleName()
        for widget in editor.fields.values()
        if widget.mapTo(viewport, widget.rect().topRight()).x() >= viewport.width()
    ]
    assert not cut, f"fields wider than the form: {cut}"
    editor.undo_stack.setClean()
