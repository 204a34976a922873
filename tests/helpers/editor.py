"""What a maintainer does in the registry editor again and again in journeys: open it, find
its window, add a clinic, cite a quote, tick what a quote supports."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QListWidget, QWidget

from tests.helpers.user import User

CLINICS = "Clinics in the registry"


def open_editor(user: User) -> QDialog:
    """Open the registry editor by its shortcut and return its window."""
    user.press("Ctrl+Shift+E")
    return editor_window(user)


def editor_window(user: User) -> QDialog:
    """The registry editor's window, once it has opened."""
    user.wait(lambda: any(w.windowTitle().startswith("Edit registry") for w in user.top_levels()))
    editors = [w for w in user.top_levels() if w.windowTitle().startswith("Edit registry")]
    assert editors, "no registry editor window is open"
    return editors[0]


def new_clinic(user: User, editor: QDialog) -> None:
    """Click the editor's Add: a new clinic's empty form, the keys in its Id."""
    user.click("Add", within=editor)
    user.wait(lambda: user.named("Id", QLineEdit).text() == "")


def add_clinic(user: User, editor: QDialog, clinic_id: str, name: str) -> None:
    """Add a clinic and type its id and, in the field below, its name (it has no source yet)."""
    new_clinic(user, editor)
    user.type(clinic_id)
    user.click_widget(user.named("Name", QLineEdit))
    user.type(name)


def cite(user: User, quote: str, supports: str) -> None:
    """Add a source with ``quote``, cell by cell as the keyboard edits them (F2, type,
    Return), and tick what it says (``supports``, a field's label) in the list below."""
    user.click("Add a source")
    row = len(user.table("Sources")) - 1
    for column, text in enumerate(("phone-call.txt", quote)):
        user.click_widget(user.named("Sources"))  # into the table, then to the cell
        user.click_cell("Sources", row, column)
        user.press("F2")
        user.type(text)
        user.press("Return")
        user.wait(lambda c=column, t=text: user.table("Sources")[row][c] == t)
    tick(user, "What the selected quote supports", supports)
    user.wait(lambda: user.table("Sources")[row][2] == supports)


def tick(user: User, checklist: str, label: str, *, within: QWidget | None = None) -> None:
    """Tick an item of a checklist as the keyboard does: click it, press Space; ``within``
    a window, for a name the main window uses too ("Treats")."""
    view = (
        user.named(checklist, QListWidget)
        if within is None
        else next(w for w in within.findChildren(QListWidget) if w.accessibleName() == checklist)
    )
    item = next(view.item(i) for i in range(view.count()) if view.item(i).text() == label)
    view.scrollToItem(item)
    point = view.visualItemRect(item).center()
    view.window().activateWindow()  # a click makes its window the active one
    user.wait(lambda: QApplication.activeWindow() is view.window())
    user.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    user.press("Space")


def choose_clinic(user: User, row: int) -> None:
    """Click the clinic at ``row`` in the editor's list of clinics, as a person picks one."""
    user.click_cell(CLINICS, row, 0)
    user.wait(lambda: user.named(CLINICS, QListWidget).currentRow() == row)
