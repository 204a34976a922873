"""The Help menu's dialogs: the keyboard shortcuts, and About locator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from locator.i18n import N_, _
from locator.ui import window_text

if TYPE_CHECKING:
    from locator.data.models import Registry
    from locator.data.paths import RegistryChoice

SHORTCUTS_WITHOUT_MENU = (
    (N_("Enter"), N_("Search (in the place field)")),
    (N_("Tab, Shift+Tab"), N_("Move between controls, in reading order")),
    (N_("Arrow keys"), N_("Move between clinics in a table")),
    (N_("Space"), N_("Tick or untick the clinic for comparison (in a table)")),
    (N_("Alt + underlined letter"), N_("Go to that control")),
)


def show_shortcuts(parent: QWidget, menu_rows: Sequence[tuple[str, str]]) -> None:
    """Every shortcut: the menus' (``menu_rows``: keys, where the command is), then the keys
    that work without a menu."""
    rows = [*menu_rows, *((_(keys), _(what)) for keys, what in SHORTCUTS_WITHOUT_MENU)]
    QMessageBox.information(parent, _("Keyboard shortcuts"), window_text.shortcuts_table(rows))


def show_about(parent: QWidget, registry: Registry | None, choice: RegistryChoice) -> None:
    """What locator is, and the registry on screen."""
    QMessageBox.about(parent, _("About locator"), window_text.about(registry, choice))
