"""What an HSDS import read and could not map (or why it cannot be imported), shown before
anything is saved: plain text in a read-only box a screen reader reads, however long."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from locator.data.bidi import neutral
from locator.i18n import _
from locator.ui.literal_text import buddy_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class ImportReport(QDialog):
    """``summary`` above ``details``; with ``save`` (a button's text) the dialog is accepted
    by it, else it only closes."""

    def __init__(
        self, summary: str, details: list[str], save: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import directory"))
        said = QLabel(buddy_text(summary), self)
        said.setTextFormat(Qt.TextFormat.PlainText)  # file names and terms are the file's text
        said.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        # a problem begins with the file's name, which no one checked: shown as it is stored
        shown = "\n".join(neutral(line) for line in details)
        self.details.setPlainText(shown or _("Everything in it was mapped."))
        self.details.setReadOnly(True)
        self.details.setTabChangesFocus(True)
        self.details.setAccessibleName(_("What the import found"))
        said.setBuddy(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        if save is None:
            buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        else:
            buttons.addButton(save, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(said)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(560, 340)
        self.details.setFocus()
