"""Every window as a screen reader gets it from Qt's accessibility interfaces — the ones Qt's
AT-SPI bridge serves to Orca (tests/unit/test_accessibility_tree.py reads the main window over
AT-SPI itself): each control Tab can reach has a role and a name, and Tab never stops on a
control that is hidden or disabled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from tests.helpers.user import MakeWindow, User, visible

RESULTS = "Clinics found, nearest first"
TAB_PRESSES = 40


def spoken(widget: QWidget) -> tuple[QAccessible.Role, str]:
    """The role and name a screen reader announces for ``widget``: its name, or the label that
    labels it. (On Linux a combo box's name is its current value: only a label names it.)"""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, f"{widget!r} has no accessible interface"
    labels = " ".join(
        other.text(QAccessible.Text.Name)
        for other, _relation in interface.relations(QAccessible.Relation.Label)
    ).strip()
    name = interface.text(QAccessible.Text.Name).strip()
    return interface.role(), labels if isinstance(widget, QComboBox) else name or labels


def unnamed_controls(root: QWidget) -> list[str]:
    """The controls in ``root`` Tab can reach that a screen reader could not name."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if not (takes_tab and visible(widget) and widget.isEnabled()):
            continue
        if widget.focusProxy() is not None:  # the proxy takes the focus and speaks for it
            continue
        role, name = spoken(widget)
        if role == QAccessible.Role.NoRole or not name:
            found.append(f"{type(widget).__name__} {widget.objectName()!r} role={role.name}")
    return found


def tab_stops_are_shown_and_enabled(user: User, window: QWidget) -> None:
    """Tab around ``window``: every control the focus lands on is visible and enabled."""
    if QApplication.activeWindow() is not window:
        user.click_widget(window)  # a person clicks a window before typing in it
    for _ in range(TAB_PRESSES):
        user.press("Tab")
        focused = QApplication.focusWidget()
        assert focused is not None, "Tab took the focus out of the window"
        assert focused.window() is window, f"Tab left {window.windowTitle()!r}"
        where = f"{type(focused).__name__} {focused.accessibleName()!r}"
        assert visible(focused), f"Tab landed on a hidden control: {where}"
        assert focused.isEnabled(), f"Tab landed on a disabled control: {where}"


def window_titled(user: User, start: str) -> QWidget:
    user.wait(lambda: any(w.windowTitle().startswith(start) for w in user.top_levels()))
    return next(w for w in user.top_levels() if w.windowTitle().startswith(start))


def test_every_window_names_its_controls_and_tab_stops_only_on_usable_ones(
    make_window: MakeWindow,
) -> None:
    user = make_window(tiles_question=True)  # a question's links in the message bar
    user.search("Qwxzzy, ZZ")  # and a search message with its dismiss button
    user.search("Dallas, TX")
    assert not unnamed_controls(user.window), unnamed_controls(user.window)
    tab_stops_are_shown_and_enabled(user, user.window)

    user.tick_box(RESULTS, 0)
    user.tick_box(RESULTS, 1)
    user.press("Alt+M")
    compare = window_titled(user, "Compare clinics")
    assert not unnamed_controls(compare), unnamed_controls(compare)
    tab_stops_are_shown_and_enabled(user, compare)
    user.click("Close", within=compare)

    user.press("Ctrl+Shift+E")
    editor = window_titled(user, "Edit registry")
    assert not unnamed_controls(editor), unnamed_controls(editor)
    tab_stops_are_shown_and_enabled(user, editor)
    user.click("Close", within=editor)

    def check(dialog: QWidget) -> None:
        assert not unnamed_controls(dialog), f"{dialog.windowTitle()}: {unnamed_controls(dialog)}"
        tab_stops_are_shown_and_enabled(user, dialog)
        user.press("Escape")

    for path in (
        ("Tools", "Privacy and stored data…"),
        ("Tools", "Language…"),
        ("Help", "Keyboard shortcuts"),
        ("Help", "About locator"),
    ):
        with user.answering(check):
            user.menu(*path)
