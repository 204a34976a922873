"""Tools → Language: each language offered in its own words; the choice is kept in the
settings and takes effect when locator next starts (every window is built in one language)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from locator.i18n import LANGUAGES, _
from locator.ui.shared_settings import SharedSettings


def choose_language(parent: QWidget, settings: SharedSettings) -> str | None:
    """Ask for a language and keep it; returns its name as offered, or None when cancelled."""
    system = _("The system's language")
    names = [system, *LANGUAGES.values()]
    chosen = settings.value.language
    name, ok = QInputDialog.getItem(
        parent,
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
    return name
