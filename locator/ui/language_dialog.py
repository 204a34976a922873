"""Tools → Language: each language offered in its own words; the choice is kept in the settings.
Every window is built in one language, so the new one is spoken once locator starts again:
"Restart now" does that at once (a new window, with the search on screen), "Later" at the next
start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

from locator.i18n import LANGUAGES, _
from locator.ui import window_text
from locator.ui.literal_text import message_box
from locator.ui.shared_settings import SharedSettings

if TYPE_CHECKING:
    from locator.ui.main_window import MainWindow


def choose_language(window: MainWindow, settings: SharedSettings) -> str | None:
    """Ask for a language and keep it, then offer to restart in it; returns its name as offered
    when it is to be spoken from the next start, None when cancelled or restarted now."""
    system = _("The system's language")
    names = [system, *LANGUAGES.values()]
    chosen = settings.value.language
    name, ok = QInputDialog.getItem(
        window,
        _("Language"),
        _("The language locator speaks, from its next start:"),
        names,
        names.index(LANGUAGES[chosen]) if chosen else 0,
        False,
    )
    if not ok:
        return None
    code = next((code for code, shown in LANGUAGES.items() if shown == name), None)
    settings.replace(settings.value.speaking(code))
    if not _restart_now(window, name):
        return name
    window.reopen()
    return None


def _restart_now(window: MainWindow, language: str) -> bool:
    """Whether the user wants locator to start again in ``language`` now (the default)."""
    box = message_box(
        QMessageBox.Icon.Question, _("Language"), window_text.restart_in(language), window
    )
    restart = box.addButton(_("&Restart now"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restart)
    box.exec()
    return box.clickedButton() is restart
