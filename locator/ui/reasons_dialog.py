"""“Why is this listed this way?”: an entry's maintainer notes, shown on demand, as written.

The notes are the registry keepers' reasoning (which source says what, why a state is inferred,
what was left out), written for maintainers, not for patients: the details leave them out and
offer this dialog instead, where they are plain text in a read-only box a screen reader reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from locator.i18n import N_, _
from locator.presentation import WHY_LISTED, page_text, shown_name
from locator.ui import window_text
from locator.ui.literal_text import buddy_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from locator.data.models import Clinic

WHY_LISTED_BUTTON = N_("Why is this list&ed this way?")  # Alt+E: every other letter is taken


class ReasonsDialog(QDialog):
    """The notes of one entry, as plain text, with a Close button (Escape closes too)."""

    def __init__(self, clinic: Clinic, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_(WHY_LISTED))
        intro = QLabel(buddy_text(window_text.listing_reasons(page_text(shown_name(clinic)))), self)
        intro.setTextFormat(Qt.TextFormat.PlainText)  # the entry's name is registry text
        intro.setWordWrap(True)
        self.notes = QPlainTextEdit(self)
        # cut as a page cuts it: laying out 1 MB of notes froze the window for minutes
        self.notes.setPlainText(page_text(clinic.notes or ""))
        self.notes.setReadOnly(True)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(_("The registry keepers' notes"))
        intro.setBuddy(self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.notes)
        layout.addWidget(buttons)
        self.resize(520, 320)
        self.notes.setFocus()
