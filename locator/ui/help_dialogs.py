"""The Help menu's dialogs: the keyboard shortcuts, and About locator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from locator.i18n import N_, _
from locator.ui import window_text
from locator.ui.screen_fit import fit_to_screen

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
    dialog = shortcuts_dialog(parent, menu_rows)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()


def shortcuts_dialog(parent: QWidget, menu_rows: Sequence[tuple[str, str]]) -> QDialog:
    """The shortcuts in a pane that scrolls above OK, the dialog fitted to the screen: a
    message box of them was taller than an 800x600 screen, its last rows and OK off it."""
    rows = [*menu_rows, *((_(keys), _(what)) for keys, what in SHORTCUTS_WITHOUT_MENU)]
    dialog = QDialog(parent)
    dialog.setWindowTitle(_("Keyboard shortcuts"))
    table = QLabel(window_text.shortcuts_table(rows), dialog)
    table.setTextFormat(Qt.TextFormat.RichText)
    pane = QScrollArea(dialog)  # it takes the focus, so the keyboard scrolls it
    pane.setAccessibleName(dialog.windowTitle())
    pane.setWidget(table)
    pane.setWidgetResizable(True)
    pane.setFrameShape(QFrame.Shape.NoFrame)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
    buttons.accepted.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(pane)
    layout.addWidget(buttons)
    margins = layout.contentsMargins()
    scrollbar = pane.verticalScrollBar().sizeHint().width()
    wanted = table.sizeHint() + QSize(scrollbar + margins.left() + margins.right(), 0)
    wanted.setHeight(
        wanted.height()
        + buttons.sizeHint().height()
        + layout.spacing()
        + margins.top()
        + margins.bottom()
    )
    fit_to_screen(dialog, wanted)
    return dialog


def show_about(parent: QWidget, registry: Registry | None, choice: RegistryChoice) -> None:
    """What locator is, and the registry on screen."""
    QMessageBox.about(parent, _("About locator"), window_text.about(registry, choice))
