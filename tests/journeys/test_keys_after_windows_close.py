"""Keyboard alone, with no window manager (a bare X server, as the journeys run), in English
and Spanish: after a dialog closes, the keys go back to the window that opened it, and after
that window closes, to the main window. Each journey presses the keys a person pressed, none
clicked, and reads where they went from what they do on screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

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
