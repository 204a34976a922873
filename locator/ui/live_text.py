"""What screen readers say without the user moving to it: a search's outcome, a new message.

Qt (6.8 and later) sends an announcement event to assistive technology, which speaks it at
once (assertive) or after what it is saying (polite): ARIA's live regions, for a desktop app.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QFocusEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QLabel, QWidget

from locator.ui.literal_text import literal


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


class OneLineText(LiveText):
    """Live plain text on one line, cut with "…" where the window is too narrow: a long search
    summary would otherwise take three lines from the results at 800x600. The whole text is in
    its tooltip (when cut) and, as for every :class:`ShownText`, its accessible description;
    and Tab reaches it, which then shows it whole, wrapped, until the keys move on: the
    tooltip is the mouse's, and a sighted keyboard user could not read the end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # registry and typed text, as is
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse  # to copy
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a Tab stop, shown whole there

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self._tip()

    def shown(self) -> str:
        """The text as drawn: cut to the width, with "…" (whole while it has the keys)."""
        if self.wordWrap():
            return self.text()
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def _tip(self) -> None:
        self.setToolTip(literal(self.text()) if self.shown() != self.text() else "")

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self.setWordWrap(True)
        self.updateGeometry()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self.setWordWrap(False)
        self.updateGeometry()
        super().focusOutEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._tip()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """The text as the label lays it out, so that the mouse selects what is seen; where it
        is cut, "…" covers its end."""
        super().paintEvent(event)
        shown = self.shown()
        if not shown or shown == self.text():  # whole, or no room even for "…"
            return
        area = self.contentsRect()
        area.setLeft(area.left() + self.fontMetrics().horizontalAdvance(shown[:-1]))
        painter = QPainter(self)
        painter.fillRect(area, self.palette().brush(self.backgroundRole()))
        self.style().drawItemText(
            painter,
            area,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            shown[-1],
            self.foregroundRole(),
        )

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """One line high (every line, while it has the keys); as wide as the text, which the
        layout may cut."""
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """One line (every line, while it has the keys), and no width of its own: the window
        may be narrower than the text."""
        margins = self.contentsMargins()
        one_line = self.fontMetrics().height() + margins.top() + margins.bottom()
        if self.wordWrap() and self.width() > 0:
            return QSize(0, max(one_line, self.heightForWidth(self.width())))
        return QSize(0, one_line)
