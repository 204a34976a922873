"""What screen readers say without the user moving to it: a search's outcome, a new message.

Qt (6.8 and later) sends an announcement event to assistive technology, which speaks it at
once (assertive) or after what it is saying (polite): ARIA's live regions, for a desktop app.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QWidget


def announce(source: QWidget, text: str, *, urgent: bool = False) -> None:
    """Have screen readers say ``text`` (plain), as coming from ``source``."""
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if urgent
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)


class ShownText(QLabel):
    """A label with an accessible name of its own ("Search summary"), which screen readers
    read instead of its text: the text shown goes into its accessible description, so they
    read both."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setAccessibleDescription(self.plain_text())

    def plain_text(self) -> str:
        """The text as read aloud: without markup."""
        if self.textFormat() == Qt.TextFormat.PlainText:
            return self.text()
        return QTextDocumentFragment.fromHtml(self.text()).toPlainText()


class LiveText(ShownText):
    """A label whose every new text is announced (politely): the search summary."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        changed = text != self.text()
        super().setText(text)
        if changed and text:
            announce(self, self.plain_text())
