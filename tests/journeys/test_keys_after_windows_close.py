"""Keyboard alone, with no window manager (a bare X server, as the journeys run), in English
and Spanish: after a dialog closes, the keys go back to the window that opened it, and after
that window closes, to the main window. Each journey presses the keys a person pressed, none
clicked, and reads where they went from what they do on screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMenu, QWidget

from locator.i18n import _, ngettext
from tests.helpers.language import speaking, wait_quiet, wait_ready
from tests.helpers.user import MakeWindow, User, plain
from tests.journeys.test_keyboard import mnemonic, no_dialog_open, window_titled

FOUND = "Clinics found, nearest first"
COMPARE = ("Co&mpare {count} ticked clinic", "Co&mpare {count} ticked clinics")  # its button


def alt(text: str) -> str:
    """The Alt key combination of a control whose visible text is ``text``."""
    letter = mnemonic(text)
    assert letter is not None, f"{plain(text)!r} has no Alt letter"
    return f"Alt+{letter.upper()}"


def search(user: User, place: str) -> None:
    """Ctrl+F, the place typed, Enter, and the window quiet again, in its language."""
    user.press("Ctrl+F")
    user.type(place)
    user.press("Return")
    wait_quiet(user)


def place_field_takes_keys(user: User) -> None:
    """The main window has the keys, with nothing clicked: Ctrl+F and typing reach the place
    field."""
    user.wait(lambda: no_dialog_open() and QApplication.activeWindow() is user.window)
    user.press_unaided("Ctrl+F")
    place = user.named(_("Place to search near"), QLineEdit)
    assert user.focused() is place
    user.press_unaided("Ctrl+A")
    user.type("Boise")
    assert place.text() == "Boise"


@pytest.mark.parametrize("language", ["en_US", "es_US"])
def test_compare_keeps_the_keys_after_its_export_at_800x600(
    make_window: MakeWindow, speak: Callable[[str], None], tmp_path: Path, language: str
) -> None:
    """Two clinics ticked with Space, Compare, "Show only the facts that differ" ticked with
    Space, Export, the format chosen with Alt and the arrows, "Save as…", a name typed and
    Enter: once saved, the keys are Compare's again (Escape closes it), then the main
    window's."""
    target = tmp_path / "compared.md"
    speak(language)  # the system's language
    with speaking(language[:2]):
        user = make_window(size=(800, 600), wait_ready=False)
        wait_ready(user)
        search(user, "Dallas, TX")
        user.press_unaided("Ctrl+1")  # the results
        user.press_unaided("Space")
        user.press_unaided("Down")
        user.press_unaided("Space")
        assert user.ticked(_(FOUND))[:2] == [True, True]
        user.press_unaided(alt(ngettext(*COMPARE, 2)))
        compare = window_titled(user, _("Compare clinics"))
        user.wait(lambda: QApplication.activeWindow() is compare)
        only = user.button(plain(_("Show &only the facts that differ")), within=compare)
        assert user.focused() is only  # the keys start on the tick box above the table
        user.press_unaided("Space")
        assert only.isChecked()

        def choose_markdown(dialog: QWidget) -> None:
            user.wait(lambda: QApplication.activeWindow() is dialog)
            user.press_unaided(alt(_("&Format:")))
            user.press_unaided("Down")
            user.press_unaided("Down")
            assert user.named(_("Format"), QComboBox).currentText() == _("Markdown")
            user.press_unaided(alt(_("&Save as…")))

        def name_the_file(dialog: QWidget) -> None:
            user.wait(lambda: QApplication.activeWindow() is dialog)
            user.press_unaided("Ctrl+A")  # the name proposed, replaced by the one typed
            user.type(str(target))
            user.press_unaided("Return")

        with user.answering(choose_markdown, name_the_file):
            user.press_unaided(alt(_("&Export…")))
        user.wait(target.exists)
        saved = _("Saved the comparison to {written}.").format(written=target)
        user.wait(lambda: saved in user.texts())
        user.wait(lambda: no_dialog_open() and QApplication.activeWindow() is compare)
        user.press_unaided("Escape")
        user.wait(lambda: not compare.isVisible())
        place_field_takes_keys(user)


def two_ticked_near_dallas(make_window: MakeWindow) -> User:
    """A window (in the language spoken) after a search for Dallas, TX, its first two
    clinics ticked by keyboard."""
    user = make_window(wait_ready=False)
    wait_ready(user)
    search(user, "Dallas, TX")
    tick_two(user)
    return user


def tick_two(user: User) -> None:
    """Ctrl+1 to the results, Space, Down, Space: the first two clinics ticked."""
    user.press_unaided("Ctrl+1")
    user.press_unaided("Space")
    user.press_unaided("Down")
    user.press_unaided("Space")
    assert user.ticked(_(FOUND))[:2] == [True, True]


def file_menu_opens(user: User) -> None:
    """The main window has the keys, with nothing clicked: its Alt letter for File opens the
    File menu (not an "a" typed into the place field); Escape puts it away."""
    user.wait(lambda: no_dialog_open() and QApplication.activeWindow() is user.window)
    typed = user.named(_("Place to search near"), QLineEdit).text()
    user.press_unaided(alt(_("&File")))
    user.wait(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert menu.title() == _("&File")
    assert user.named(_("Place to search near"), QLineEdit).text() == typed
    user.press_unaided("Escape")
    user.wait(lambda: QApplication.activePopupWidget() is None)


@pytest.mark.parametrize("language", ["en_US", "es_US"])
def test_the_main_window_keeps_the_keys_after_a_referral_summary_is_saved(
    make_window: MakeWindow, speak: Callable[[str], None], tmp_path: Path, language: str
) -> None:
    """Two clinics ticked, Ctrl+Shift+R, Enter (the format offered), a name typed, Enter: the
    summary is saved, and the File menu's Alt letter opens it."""
    target = tmp_path / "referral for J.pdf"
    speak(language)
    with speaking(language[:2]):
        user = two_ticked_near_dallas(make_window)

        def take_the_format_offered(dialog: QWidget) -> None:
            user.wait(lambda: QApplication.activeWindow() is dialog)
            user.press_unaided("Return")

        def name_the_file(dialog: QWidget) -> None:
            user.wait(lambda: QApplication.activeWindow() is dialog)
            user.type(str(target))  # over the name proposed, selected
            user.press_unaided("Return")

        with user.answering(take_the_format_offered, name_the_file):
            user.press_unaided("Ctrl+Shift+R")
        user.wait(target.exists)
        saved = _("Saved the referral summary as {written}.").format(written=target)
        user.wait(lambda: saved in user.texts())
        file_menu_opens(user)


@pytest.mark.parametrize("language", ["en_US", "es_US"])
def test_the_main_window_keeps_the_keys_after_the_editors_edits_are_discarded(
    make_window: MakeWindow, speak: Callable[[str], None], language: str
) -> None:
    """The editor opened with Ctrl+Shift+E, a clinic added, Escape, "Discard" by its Alt
    letter: the editor goes, and the main window's Ctrl+Shift+R and File menu work."""
    speak(language)
    with speaking(language[:2]):
        user = two_ticked_near_dallas(make_window)
        user.press_unaided("Ctrl+Shift+E")
        editor = window_titled(user, _("Edit registry — {path}").split("{")[0])
        user.wait(lambda: QApplication.activeWindow() is editor)
        user.press_unaided(alt(_("&Add")))  # a new clinic, the keys in its id
        user.wait(lambda: user.focused() is user.named(_("Id"), QLineEdit))
        user.type("x")
        assert user.named(_("Id"), QLineEdit).text() == "x"

        def discard(dialog: QWidget) -> None:
            user.wait(lambda: QApplication.activeWindow() is dialog)
            user.press_unaided(alt(_("&Discard")))

        with user.answering(discard):
            user.press_unaided("Escape")
        user.wait(lambda: not editor.isVisible())
        user.wait(lambda: QApplication.activeWindow() is user.window)
        asked: list[str] = []

        def note_and_cancel(dialog: QWidget) -> None:
            user.wait(lambda: QApplication.activeWindow() is dialog)
            asked.append(dialog.windowTitle())
            user.press_unaided("Escape")

        with user.answering(note_and_cancel):
            user.press_unaided("Ctrl+Shift+R")
        assert asked == [_("Save the referral summary")]
        file_menu_opens(user)


@pytest.mark.parametrize("language", ["en_US", "es_US"])
def test_the_main_window_has_the_keys_after_compare_closes_behind_its_own_question(
    make_window: MakeWindow, speak: Callable[[str], None], language: str
) -> None:
    """Two clinics ticked, Compare, Ctrl+P, Escape (who it is for, cancelled), Escape: Compare
    goes, and the main window's place field takes the keys, with nothing clicked."""
    speak(language)
    with speaking(language[:2]):
        user = two_ticked_near_dallas(make_window)
        user.press_unaided(alt(ngettext(*COMPARE, 2)))
        compare = window_titled(user, _("Compare clinics"))
        user.wait(lambda: QApplication.activeWindow() is compare)

        def cancel(dialog: QWidget) -> None:
            user.wait(lambda: QApplication.activeWindow() is dialog)
            user.press_unaided("Escape")

        with user.answering(cancel):
            user.press_unaided("Ctrl+P")
        user.wait(lambda: no_dialog_open() and QApplication.activeWindow() is compare)
        user.press_unaided("Escape")
        user.wait(lambda: not compare.isVisible())
        place_field_takes_keys(user)
