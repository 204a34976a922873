"""The registry editor at a small and a large screen: clinic names whole in its list, and no
label drawn over a field from the first sight of the form on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.editor import add_clinic, choose_clinic, open_editor
from tests.helpers.screen import available_area
from tests.helpers.user import MakeWindow, User, visible

SIZES = [(800, 600), (1400, 900)]
LONG_NAME = "Ketamine provider, Sacramento (name not given in source)"


def drawn_over(user: User) -> list[tuple[str, str]]:
    """The form's rows (labels, fields, buttons) drawn over one another, by their text."""
    form = user.named("Fields of the selected clinic").widget()
    shown = [
        child
        for child in form.findChildren(QWidget)
        if child.parent() is form
        and visible(child)
        and not (isinstance(child, QLabel) and not child.text())
    ]

    def name(widget: QWidget) -> str:
        return widget.accessibleName() or getattr(widget, "text", lambda: "")()

    return [
        (name(one), name(other))
        for i, one in enumerate(shown)
        for other in shown[i + 1 :]
        if one.geometry().intersects(other.geometry())
    ]


@pytest.mark.parametrize("size", SIZES)
def test_no_label_is_drawn_over_a_field_at_first_sight(
    make_window: MakeWindow, qtbot: QtBot, size: tuple[int, int]
) -> None:
    with available_area(qtbot, *size):
        user = make_window(size=None)
        editor = open_editor(user)
        assert drawn_over(user) == []  # as it first shows, before any scrolling
        clinics = user.named("Clinics in the registry", QListWidget)
        for row in range(clinics.count()):
            choose_clinic(user, row)
            assert drawn_over(user) == [], clinics.item(row).text()
        user.click_link("Go to:", "Visits")
        assert drawn_over(user) == []
        user.click_link("Go to:", "Contact")
        user.click_widget(user.named("Website", QLineEdit))
        user.type("w")  # a problem under it, and one more fact a quote may support
        assert drawn_over(user) == []
        user.press("Ctrl+Z")
        assert drawn_over(user) == []
        user.click("Close", within=editor)


@pytest.mark.parametrize("size", SIZES)
def test_the_clinic_list_shows_whole_names(
    make_window: MakeWindow, qtbot: QtBot, size: tuple[int, int]
) -> None:
    with available_area(qtbot, *size) as screen:
        user = make_window(size=None)
        editor = open_editor(user)
        assert screen.contains(editor.frameGeometry())
        clinics = user.named("Clinics in the registry", QListWidget)
        item = next(
            clinics.item(i) for i in range(clinics.count()) if LONG_NAME in clinics.item(i).text()
        )
        assert item.toolTip() == item.text()  # the name in full on hovering too
        room = clinics.visualItemRect(item)
        assert room.right() <= clinics.viewport().width()  # no scrolling sideways to read it
        needed = clinics.fontMetrics().boundingRect(
            QRect(0, 0, room.width(), 10_000), Qt.TextFlag.TextWordWrap, item.text()
        )
        assert needed.height() <= room.height()
        assert needed.width() <= room.width()
        user.click("Close", within=editor)


def top_in_form(user: User, widget: QWidget) -> int:
    """Where ``widget`` is drawn in the form's visible part: what stays put under the pointer."""
    return widget.mapTo(user.named("Fields of the selected clinic"), widget.rect().topLeft()).y()


def test_the_form_stays_under_the_pointer_while_a_source_is_typed_in(
    make_window: MakeWindow,
) -> None:
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    user.click_link("Go to:", "Sources")  # the first clinic's, three quotes long
    user.click("Add a source", within=editor)
    sources = user.named("Sources")
    for column, text in enumerate(("phone-call.txt", "We offer free ice cream to every patient.")):
        user.click_cell("Sources", sources.rowCount() - 1, column)
        user.press("F2")
        user.type(text)
        where = top_in_form(user, sources)
        user.press("Return")  # the cell is committed: a new problem line may appear below
        user.wait(lambda c=column, t=text: user.table("Sources")[-1][c] == t)
        user.look()
        assert top_in_form(user, sources) == where  # the table has not moved


def test_the_form_stays_under_the_pointer_while_a_new_clinics_source_is_filled(
    make_window: MakeWindow,
) -> None:
    user = make_window(size=(1400, 900))
    editor = open_editor(user)
    add_clinic(user, editor, "test-clinic", "Test Clinic")
    user.click_link("Go to:", "Sources")  # the form's end: scrolled as far as it goes
    user.click("Add a source", within=editor)
    sources = user.named("Sources")
    for column, text in enumerate(("phone-call.txt", "We offer free ice cream to every patient.")):
        user.click_cell("Sources", 0, column)
        user.press("F2")
        user.type(text)
        where = top_in_form(user, sources)
        user.press("Return")  # the cell is committed: the problem line below it changes
        user.wait(lambda c=column, t=text: user.table("Sources")[-1][c] == t)
        user.look()
        assert top_in_form(user, sources) == where  # the table has not moved
    while user.button("Undo", within=editor).isEnabled():
        user.press("Ctrl+Z")
    user.click("Close", within=editor)
