"""Everything by keyboard: Tab reaches every enabled control in reading order and leaves
tables, each action has a key, every Alt letter is unique in its window, and the window that
opened a dialog takes the keys again when it closes."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPlainTextEdit, QWidget

from locator.ui.background_export import SavingBar
from tests.helpers.exporting import export_as, save_as
from tests.helpers.shortlist_answers import choose_in
from tests.helpers.user import MakeWindow, User, plain, visible

FOUND = "Clinics found, nearest first"


def mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&\s])", text or "")
    return match.group(1).lower() if match else None


@contextmanager
def long_work_shown(window: QWidget) -> Iterator[None]:
    """The strips of long work in ``window`` (saving, exporting, importing) shown, as while
    each runs, with the rest of the window: each Cancel needs an Alt letter of its own."""
    bars = window.findChildren(SavingBar)
    for bar in bars:
        bar.show()
    try:
        yield
    finally:
        for bar in bars:
            bar.hide()


def tab_ring(user: User, start: QWidget, limit: int = 80) -> list[QWidget]:
    """The controls Tab visits from ``start`` until it comes back (or ``limit`` presses).

    A widget that shows its focus through a proxy (the map's web view) counts as itself.
    """
    start.setFocus()
    visited: list[QWidget] = [start]
    for _ in range(limit):
        user.press("Tab")
        focused = user.focused()
        assert focused is not None, "Tab left the window"
        parent = focused.parentWidget()
        if parent is not None and parent.focusProxy() is focused:
            focused = parent
        if focused is start:
            return visited
        if focused is visited[-1]:
            continue  # the next link of the same text (a question's second answer)
        if focused in visited:
            raise AssertionError(f"Tab is trapped: {focused.accessibleName()!r} came back")
        visited.append(focused)
    raise AssertionError(f"Tab never came back to the start after {limit} presses")


def test_tab_reaches_every_control_in_reading_order(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Dallas, TX")
    user.tick_box("Clinics found, nearest first", 0)  # the referral button takes Tab now
    ring = tab_ring(user, user.named("Place to search near"))
    order = [w.accessibleName() or getattr(w, "text", lambda: "")() for w in ring]
    expected = [
        "Place to search near",
        "Search radius",
        "Distance unit",
        "Conditions filter",
        "Treatments filter",
        "&Search",
        "Clinics found, nearest first",
        "Clinics without a location",
        "Referral summary (&PDF)…",
        "Map of the clinics found",
        "Clinic details",
        "&Directions",
    ]
    positions = []
    for name in expected:
        found = [i for i, text in enumerate(order) if text == name]
        if name == "&Directions":
            assert not found, "disabled buttons are skipped"
            continue
        assert found, f"Tab never reaches {name!r}; it visits {order}"
        positions.append(found[0])
    assert positions == sorted(positions), f"Tab order is not reading order: {order}"
    enabled = [
        b
        for b in user.window.findChildren(QAbstractButton)
        if visible(b) and b.isEnabled() and b.focusPolicy() & b.focusPolicy().TabFocus
    ]
    missing = [b.text() for b in enabled if b not in ring]
    assert not missing, f"Tab never reaches {missing}"


def test_in_a_table_arrows_move_between_clinics_and_space_ticks(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Dallas, TX")
    user.press("Ctrl+1")  # View → Results
    assert user.focused() is user.named("Clinics found, nearest first")
    user.press("Space")
    user.press("Down")
    user.press("Space")
    assert user.ticked("Clinics found, nearest first")[:2] == [True, True]
    assert "Nervana" in user.named("Clinic details").toPlainText()  # the row moved with Down
    user.press("Tab")
    assert user.focused() is user.named("Clinics without a location")
    assert "Nervana" in user.named("Clinic details").toPlainText()  # Tab chose nothing


def test_every_alt_letter_is_unique_in_the_window(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Dallas, TX")  # the details' buttons shown too
    letters: list[str] = []
    for action in user.window.menuBar().actions():
        letters.append(mnemonic(action.text()) or "")
    assert all(letters), "every menu has an Alt letter"
    with long_work_shown(user.window):
        for bar in user.window.findChildren(SavingBar):
            assert mnemonic(bar.cancel.text()), f"{plain(bar.cancel.text())} has no Alt letter"
        for widget in user.window.findChildren(QAbstractButton):
            if visible(widget) and (letter := mnemonic(widget.text())):
                letters.append(letter)
        for label in user.window.findChildren(QLabel):
            if visible(label) and label.buddy() is not None and (letter := mnemonic(label.text())):
                letters.append(letter)
    clashes = [letter for letter, count in Counter(letters).items() if count > 1]
    assert not clashes, f"Alt letters used twice: {clashes}"
    for name in ("Conditions filter", "Treatments filter"):
        assert mnemonic(user.named(name).text())


def test_each_menu_command_has_a_keyboard_path(make_window: MakeWindow) -> None:
    user = make_window()
    menus = user.menu_texts()
    assert "Edit registry…" in menus["File"]
    for title, items in menus.items():
        action = user.find_action(title)
        assert mnemonic(action.text()), f"the {title} menu has no Alt letter"
        for item in items:
            assert mnemonic(user.find_action(title, item).text()), f"{title} → {item}"


def test_a_question_is_answered_by_keyboard(make_window: MakeWindow) -> None:
    user = make_window(tiles_question=True)
    user.named("Place to search near").setFocus()
    for _ in range(12):
        user.press("Tab")
        if "Use OpenStreetMap" in getattr(user.focused(), "text", lambda: "")():
            break
    else:
        raise AssertionError("Tab never reaches the street-map question")
    # Tab lands on the question's first link, the one that keeps things private: the text
    # around the links is no stop of its own
    assert user.focused().selectedText() == "Keep locator's map"
    user.press("Tab")
    assert user.focused().selectedText() == "Use OpenStreetMap"
    user.press("Tab")
    assert "Use OpenStreetMap" not in getattr(user.focused(), "text", lambda: "")()
    user.press("Shift+Tab")  # back in, on the last link
    assert user.focused().selectedText() == "Use OpenStreetMap"
    user.press("Shift+Tab")
    assert user.focused().selectedText() == "Keep locator's map"
    user.press("Return")
    user.wait(lambda: "Use OpenStreetMap" not in user.texts())
    from locator.settings import Settings

    assert Settings.load().map_tiles is False


RING = "getComputedStyle(locatorMap.map.getContainer(), '::after').borderTopStyle"


def test_the_map_shows_a_ring_while_it_has_the_keyboard_focus(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Sandy, UT")
    assert user.map(RING) == "none"
    user.press("Ctrl+2")  # View → Map
    focused = user.focused()
    assert any("WebEngine" in type(w).__name__ for w in (focused, focused.parentWidget())), (
        "the map is a web engine view"
    )
    user.wait(lambda: user.map(RING) == "solid")
    user.press("Tab")  # on to the details: the ring goes
    assert user.focused() is user.named("Clinic details")
    user.wait(lambda: user.map(RING) == "none")


def test_with_the_keyboard_on_the_map_arrows_move_it_and_plus_minus_zoom(
    make_window: MakeWindow,
) -> None:
    user = make_window()  # the map of every clinic, as the window opens (with no search: the
    # test display has no window manager to give the window back the keys after suggestions)
    user.wait(lambda: user.named("Map of the clinics found").ready)
    user.press("Ctrl+2")  # View → Map, as its name says: "arrow keys move it, plus and minus zoom"
    user.wait(lambda: user.map(RING) == "solid")

    def after(key: str) -> tuple[float, float, int]:
        """Where the map shows once ``key`` has moved it and it has come to rest."""
        user.map(
            "window.rested = false; locatorMap.map.once('moveend', function () {"
            " window.rested = true; }); true"
        )
        user.press(key)
        user.wait(lambda: user.map("window.rested"))
        return json.loads(
            user.map(
                "JSON.stringify([locatorMap.map.getCenter().lat, locatorMap.map.getCenter().lng,"
                " locatorMap.map.getZoom()])"
            )
        )

    north, west, zoom = after("+")
    lat, lng, _zoom = after("Right")
    assert lng > west
    assert lat == pytest.approx(north)
    lat, lng, _zoom = after("Down")
    assert lat < north
    assert after("-")[2] == zoom - 1


def alt_letters(window: QWidget) -> list[str | None]:
    """The Alt letter of every labelled button shown in ``window`` (None for one without)."""
    buttons = [b for b in window.findChildren(QAbstractButton) if visible(b) and b.text()]
    return [mnemonic(b.text()) for b in buttons if b.text() != "✕"]  # ✕: dismiss a message


def assert_own_letters(window: QWidget) -> None:
    letters = alt_letters(window)
    assert all(letters), f"{window.windowTitle()}: a button has no Alt letter"
    clashes = [letter for letter, count in Counter(letters).items() if count > 1]
    assert not clashes, f"{window.windowTitle()}: Alt letters used twice: {clashes}"


def test_every_button_of_every_dialog_has_its_own_alt_letter(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Dallas, TX")
    assert_own_letters(user.window)
    user.tick_box("Clinics found, nearest first", 0)
    user.tick_box("Clinics found, nearest first", 1)
    user.press("Alt+M")
    user.wait(lambda: any(w.windowTitle() == "Compare clinics" for w in user.top_levels()))
    compare = next(w for w in user.top_levels() if w.windowTitle() == "Compare clinics")
    with long_work_shown(compare):
        assert_own_letters(compare)
    user.click("Close", within=compare)

    def privacy(dialog: QWidget) -> None:
        assert_own_letters(dialog)
        user.press("Escape")

    with user.answering(privacy):
        user.menu("Tools", "Privacy and stored data…")
    user.press("Ctrl+Shift+E")
    user.wait(lambda: any(w.windowTitle().startswith("Edit registry") for w in user.top_levels()))
    editor = next(w for w in user.top_levels() if w.windowTitle().startswith("Edit registry"))
    assert_own_letters(editor)
    user.click("Close", within=editor)


def no_dialog_open() -> bool:
    """No dialog is open any more."""
    return QApplication.activeModalWidget() is None


def test_after_a_dialog_closes_the_window_that_opened_it_takes_the_keys(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    """With no window manager to hand the focus back (a bare X server), each window that
    opened a dialog takes the keyboard again when it closes: its shortcuts work at once."""
    user = make_window()
    user.search("Dallas, TX")
    with user.answering(choose_in(user, "referrals for J.")):
        user.press("Ctrl+D")  # the shortlist's name, asked in a dialog of the main window
    user.wait(lambda: no_dialog_open() and QApplication.activeWindow() is user.window)
    opened: list[str] = []

    def note_and_cancel(dialog: QWidget) -> None:
        opened.append(dialog.windowTitle())
        user.press("Escape")

    with user.answering(note_and_cancel):
        user.press_unaided("Ctrl+L")  # Open a shortlist…, straight from the keyboard
    assert opened == ["Open shortlist"]

    user.tick_box(FOUND, 0)
    user.tick_box(FOUND, 1)
    user.click("Compare 2 ticked clinics")
    user.wait(lambda: any(w.windowTitle() == "Compare clinics" for w in user.top_levels()))
    compare = next(w for w in user.top_levels() if w.windowTitle() == "Compare clinics")
    target = tmp_path / "compared.md"
    with user.answering(export_as(user, "Markdown"), save_as(user, target)):
        user.click("Export", within=compare)
    user.wait(target.exists)
    user.wait(lambda: no_dialog_open() and QApplication.activeWindow() is compare)
    with user.answering(note_and_cancel):
        user.press_unaided("Ctrl+P")  # the Compare window's Print…
    assert opened[1:] == ["Print the comparison"]


def window_titled(user: User, title: str) -> QWidget:
    """The shown window whose title starts with ``title``, once it is there."""
    user.wait(lambda: any(w.windowTitle().startswith(title) for w in user.top_levels()))
    return next(w for w in user.top_levels() if w.windowTitle().startswith(title))


def main_window_takes_keys(user: User) -> None:
    """The main window has the keyboard again, with no click: its Ctrl+O asks which registry
    to open (cancelled), and then it has the keyboard again too."""
    user.wait(lambda: QApplication.activeWindow() is user.window)
    opened: list[str] = []

    def note_and_cancel(dialog: QWidget) -> None:
        opened.append(dialog.windowTitle())
        user.press("Escape")

    with user.answering(note_and_cancel):
        user.press_unaided("Ctrl+O")
    assert opened == ["Open registry"]
    user.wait(lambda: QApplication.activeWindow() is user.window)


def test_compare_and_the_editor_take_the_keys_and_give_them_back(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    """With no window manager, Compare and the registry editor take the keyboard as they open
    (Tab and their Alt letters work in them, not in the main window behind), and the main
    window takes it back when they close, as it does after a referral summary is saved."""
    user = make_window()
    user.search("Dallas, TX")
    user.tick_box(FOUND, 0)
    user.tick_box(FOUND, 1)
    user.press_unaided("Alt+M")  # the results' "Compare 2 ticked clinics"
    compare = window_titled(user, "Compare clinics")
    user.wait(lambda: QApplication.activeWindow() is compare)
    user.press_unaided("Tab")
    focused = user.focused()
    assert focused is not None
    assert focused.window() is compare  # Tab moved the focus in Compare, not behind it
    user.press_unaided("Escape")
    user.wait(lambda: not compare.isVisible())
    main_window_takes_keys(user)

    user.press_unaided("Ctrl+Shift+E")
    editor = window_titled(user, "Edit registry")
    user.wait(lambda: QApplication.activeWindow() is editor)
    user.press_unaided("Alt+C")  # the editor's Close
    user.wait(lambda: not editor.isVisible())
    main_window_takes_keys(user)

    target = tmp_path / "referral.pdf"
    with user.answering(export_as(user), save_as(user, target)):
        user.press_unaided("Ctrl+Shift+R")
    user.wait(target.exists)
    main_window_takes_keys(user)


def test_the_main_window_takes_the_keys_after_the_windows_a_dialog_closed_with_it(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    """With no window manager, a window that closes right after its last dialog (Compare
    left with Escape after an export, the editor's edits discarded on Escape) hands the
    keyboard to the main window: its shortcuts work at once, with no click."""
    user = make_window()
    user.search("Dallas, TX")
    user.press_unaided("Ctrl+Shift+E")
    editor = window_titled(user, "Edit registry")
    user.wait(lambda: QApplication.activeWindow() is editor)
    user.click_widget(user.named("Notes", QPlainTextEdit))
    user.type("an edit to lose")
    with user.answering(lambda dialog: user.press_unaided("Alt+D")):  # Discard
        user.press_unaided("Escape")
    user.wait(lambda: not editor.isVisible())
    main_window_takes_keys(user)

    user.tick_box(FOUND, 0)
    user.tick_box(FOUND, 1)
    user.press_unaided("Alt+M")
    compare = window_titled(user, "Compare clinics")
    target = tmp_path / "compared.md"
    with user.answering(export_as(user, "Markdown"), save_as(user, target)):
        user.click("Export", within=compare)
    user.wait(target.exists)
    user.wait(lambda: no_dialog_open() and QApplication.activeWindow() is compare)
    user.press_unaided("Escape")
    user.wait(lambda: not compare.isVisible())
    main_window_takes_keys(user)
