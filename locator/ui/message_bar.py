"""Messages under the results and the map, in a strip: one row per kind.

The strip is as high as two one-line messages, one with its ✕ (a notice over a question, the
commonest pair), or as high as the message on top of it needs to be read whole with its links
(up to a third of the window; it scrolls beyond). Its height never changes while the pointer
is over the rows and buttons above it, which a change would move: the new height waits until
the pointer leaves them, or until the next search replaces the rows. The newest message is on
top; when all the messages shown fit in the strip whole, they are all in sight, one under
another. When they do not, the newest fills the strip and older ones wait under it, whole,
never cut through a line (its scroll bar shows they are there and goes from one to the next)
until the newer goes. A notice and a search message are one at a time: the newer replaces the
older.
A question (may the map use OpenStreetMap? may a street address go online? may the last search
be kept?) stays until it is answered; a search message goes with the next result; a notice
with the next search or command (the window says when a command runs); a registry problem
with the next good load; what was wrong with the user's own files at start when dismissed.
Links in messages are ``scheme:argument``; the window maps each scheme to a handler once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from locator.i18n import N_, _
from locator.ui import window_text
from locator.ui.literal_text import literal
from locator.ui.live_text import ShownText, announce


class MessageKind(Enum):
    """What a message is about, which decides what may take it away. Order = order on screen."""

    REGISTRY = "registry"  # problems in the registry file: until a good load
    FILES = "files"  # the user's own files that could not be used at start: until dismissed
    SEARCH = "search"  # about the last search: until the next result
    NOTICE = "notice"  # something done (a save, a copy): until the next search or dismissed
    # Questions, one at a time (the first asked here first), each until answered:
    ONLINE_QUESTION = "online-question"  # may street addresses go online? (the search just made)
    TILES_QUESTION = "tiles-question"  # may the map use OpenStreetMap?
    REMEMBER_QUESTION = "remember-question"  # may the last search be kept?

    @property
    def is_question(self) -> bool:
        """Questions cannot be dismissed, only answered."""
        return self in (
            MessageKind.TILES_QUESTION,
            MessageKind.ONLINE_QUESTION,
            MessageKind.REMEMBER_QUESTION,
        )


KIND_NAMES = {  # what a screen reader calls each message: "Message: search"
    MessageKind.REGISTRY: N_("registry"),
    MessageKind.FILES: N_("your files"),
    MessageKind.SEARCH: N_("search"),
    MessageKind.NOTICE: N_("notice"),
    MessageKind.TILES_QUESTION: N_("street map question"),
    MessageKind.ONLINE_QUESTION: N_("online question"),
    MessageKind.REMEMBER_QUESTION: N_("last search question"),
}


class LinkText(ShownText):
    """Text with links (a message, the crisis line). Tab goes straight to its first link
    (Shift+Tab to its last): the text itself is no stop of its own, and text without links is
    none at all."""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        reason = event.reason()
        if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.focusNextPrevChild(reason is Qt.FocusReason.TabFocusReason)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt's name
        """Tab between the links: a screen reader hears the link now focused, which Qt's
        accessibility does not tell it (it hears the text's name again)."""
        moved = super().focusNextPrevChild(forward)
        if self.hasSelectedText():  # a link has the keyboard focus (it is selected only then)
            announce(self, _("{link}, link").format(link=self.selectedText()))
        return moved

    def show_text(self, html: str) -> None:
        """Show ``html``; its links take Tab and Enter, and it takes no Tab stop without one."""
        self.setText(html)
        links = Qt.TextInteractionFlag.LinksAccessibleByMouse
        if "<a " in html:
            links |= Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        self.setTextInteractionFlags(links)


class CrisisLine(LinkText):
    """The crisis line, first on screen and always there: 988, the Lifeline's chat (its link
    goes to ``linkActivated``), and that locator is a directory, not medical advice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_text(window_text.crisis_line())
        self.setToolTip(window_text.lifeline_link_tip())
        self.setObjectName("crisisLine")
        self.setAccessibleName(_("Crisis resources"))
        self.setWordWrap(True)
        self.setStyleSheet(
            "#crisisLine { border: 2px solid #c62828; border-radius: 4px; padding: 4px 8px; }"
        )


_MARGIN = 4  # between a message's text and the top and bottom of its row


class _Row(QWidget):
    def __init__(self, kind: MessageKind, bar: MessageBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("messageRow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = LinkText(self)
        self.label.setObjectName(f"message-{kind.value}")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setOpenExternalLinks(False)
        self.label.linkActivated.connect(bar._follow)
        layout = self._box = QHBoxLayout(self)
        layout.setContentsMargins(8, _MARGIN, 4, _MARGIN)
        layout.addWidget(self.label, 1)
        self.dismiss: QToolButton | None = None
        if not kind.is_question:
            close = QToolButton(self)
            close.setText("✕")
            close.setAutoRaise(True)
            close.setToolTip(_("Dismiss this message"))
            close.setAccessibleName(_("Dismiss message"))
            close.clicked.connect(lambda: bar.clear(kind))
            layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
            self.dismiss = close
        self.hide()

    def text_height(self, width: int) -> int:
        """How tall the row is, ``width`` pixels wide, with its margin above the text."""
        return self.heightForWidth(width) - self._box.contentsMargins().top() + _MARGIN

    def scroll_through(self, scrolls: bool) -> None:
        """A message taller than the strip scrolls through it a line at a time (the strip
        as high as whole lines): no margin above its text, or its first sight would cut its
        last line by as much."""
        edges = self._box.contentsMargins()
        edges.setTop(0 if scrolls else _MARGIN)
        self._box.setContentsMargins(edges)

    def one_line_height(self) -> int:
        """How tall the row is with a message of one line (its ✕ may be taller than a line)."""
        inside = self.label.fontMetrics().lineSpacing()
        if self.dismiss is not None:
            inside = max(inside, self.dismiss.sizeHint().height())
        return inside + 2 * _MARGIN  # as its margins are when it does not scroll


# a notice and a search message share one place: the newer of the two replaces the older
_ONE_AT_A_TIME = (MessageKind.SEARCH, MessageKind.NOTICE)
_MOST_SHARE = 3  # the strip takes at most a third of the window's height; beyond, it scrolls


class MessageBar(QScrollArea):
    """Inline messages (never a cascade of dialogs), at most one per :class:`MessageKind`, one
    of a notice and a search message, and one question at a time: a question waits, unseen,
    while another is asked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._handlers: dict[str, Callable[[str], None]] = {}
        self._held_by: QWidget | None = None  # while the pointer is over it, no change of height
        self._pending: int | None = None  # the height waiting for the pointer to leave it
        self._focus_home: QWidget | None = None  # where the keys go when their message goes
        self._turned = 0  # the wheel's turn not yet a whole notch (eighths of a degree)
        self._inside = inside = QWidget(self)
        self._rows = {kind: _Row(kind, self, inside) for kind in MessageKind}
        self._posted: set[MessageKind] = set()
        self._layout = QVBoxLayout(inside)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        for row in self._rows.values():
            self._layout.addWidget(row)
        self._layout.addStretch(1)
        self.setWidget(inside)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the messages' links
        self.setFixedHeight(self._least_height())
        self.setStyleSheet(
            "#messageRow { background: palette(alternate-base); border-left: 4px solid #e0a800; }"
        )
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._rest_on_a_line)
        bar.sliderReleased.connect(lambda: self._rest_on_a_line(bar.value()))

    def hold_while_pointed_at(self, area: QWidget) -> None:
        """Change height only while the pointer is not over ``area`` (the rows and buttons
        above the strip, which a change would move); a change waits until it leaves."""
        self._held_by = area
        area.installEventFilter(self)
        area.window().installEventFilter(self)  # a taller window allows a taller strip

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._held_by and event.type() == QEvent.Type.Leave:
            self.settle()
        elif watched is self.window() and event.type() == QEvent.Type.Resize:
            self._refit()
        return super().eventFilter(watched, event)

    def settle(self) -> None:
        """Take the height waiting for the pointer to leave, now: the rows above are new."""
        if self._pending is not None:
            self.setFixedHeight(self._pending)
            self._pending = None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # its messages wrap anew
            self._refit()
        self._lay_out_rows()

    def _lay_out_rows(self) -> None:
        """Show all the messages when they fit whole in the strip's sight; when they do not,
        let the message on top fill it, so that the one under it starts just below, whole,
        instead of being cut through a line of its text; the scroll bar then goes from one
        message to the next."""
        shown = self._shown()
        sight = self.viewport().height()
        apart = len(shown) > 1 and not self._fit_whole(
            shown, self.width() - 2 * self.frameWidth(), sight
        )
        for row in self._rows.values():
            row.setMinimumHeight(sight if apart and row is shown[0] else 0)
            row.scroll_through(row in shown and row.text_height(self.viewport().width()) > sight)
        self.verticalScrollBar().setSingleStep(sight + self._layout.spacing())
        if self._inside.minimumHeight():  # room the wheel made under the last line: none now
            self._inside.setMinimumHeight(0)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        """A notch of the wheel moves the messages by whole lines, as many as it moves a list
        but never past what the strip shows at once: Qt's own step, the strip's height, left
        a line cut through at its top."""
        self._turned += event.angleDelta().y()
        notches = int(self._turned / 120)  # a fine wheel's parts of a notch add up
        self._turned -= notches * 120
        event.accept()
        if notches:
            self._scroll_lines(-notches * QApplication.wheelScrollLines())

    def _scroll_lines(self, lines: int) -> None:
        """Scroll ``lines`` lines down (up when negative), the top of the strip on a line's."""
        now = self.verticalScrollBar().value()
        tops = self._line_tops()
        way = [top for top in (tops if lines > 0 else tops[::-1]) if (top - now) * lines > 0]
        within = [top for top in way if abs(top - now) <= self.viewport().height()] or way[:1]
        self._rest_at(within[min(abs(lines), len(within)) - 1] if within else now)

    def _rest_on_a_line(self, value: int) -> None:
        """However the strip was scrolled (keys, a link given the focus, its scroll bar, its
        rows laid out again), its top rests on a line's: the next one down, never one cut
        through. Not while the scroll bar is being dragged: once it is let go."""
        if self.verticalScrollBar().isSliderDown():
            return
        tops = self._line_tops()
        if tops and value not in tops:
            self._rest_at(next((top for top in tops if top > value), tops[-1]))

    def _rest_at(self, target: int) -> None:
        """Scroll the strip's top to ``target``, with room under the last line if it needs it."""
        bar = self.verticalScrollBar()
        if target > bar.maximum():  # the last lines whole at the top: room under them
            sight = self.viewport().height()
            self._inside.setMinimumHeight(target + sight)
            self._inside.resize(self._inside.width(), target + sight)
        bar.setValue(target)

    def _line_tops(self) -> list[int]:
        """Where the top of the strip may rest: each message's top and, in one taller than
        the strip, each line of its text's, down to the first that shows the last line."""
        sight = self.viewport().height()
        tops: list[int] = []
        end = 0
        for row in self._shown():
            tops.append(row.y())
            end = row.y() + row.height()
            if row.height() <= sight:
                continue
            label = row.label
            line = label.fontMetrics().lineSpacing()
            first = row.y() + label.y() + label.contentsRect().top()
            tops += [first + n * line for n in range(1, label.contentsRect().height() // line)]
        last = next((top for top in tops if top + sight >= end), None)
        return [top for top in tops if last is None or top <= last]

    def _shown(self) -> list[_Row]:
        """The messages in sight or waiting under it, the newest first, as on screen."""
        shown = (row for row in self._rows.values() if row.isVisibleTo(self))
        return sorted(shown, key=self._layout.indexOf)

    def _fit_whole(self, rows: list[_Row], width: int, sight: int) -> bool:
        """Whether ``rows``, ``width`` pixels wide, fit one under another in ``sight`` pixels."""
        needed = sum(row.heightForWidth(width) for row in rows)
        return needed + self._layout.spacing() * (len(rows) - 1) <= sight

    def _refit(self) -> None:
        """Be as high as the message on top needs, now or once the pointer leaves the rows."""
        wanted = self._wanted_height()
        held = self._held_by is not None and self._held_by.underMouse()
        self._pending = wanted if held and wanted != self.height() else None
        if not held:
            self.setFixedHeight(wanted)

    def _least_height(self) -> int:
        """Room for two one-line messages, a notice with its ✕ over a question (the commonest
        pair), both whole; a message of a few lines fits too, so most come and go without a
        change of height."""
        notice = self._rows[MessageKind.NOTICE].one_line_height()
        question = self._rows[MessageKind.TILES_QUESTION].one_line_height()
        return notice + self._layout.spacing() + question + 2 * self.frameWidth()

    def _wanted_height(self) -> int:
        """The height that shows the message on top whole, between the least and a third of
        the window (the scroll bar, there when they do not all fit, taking its width)."""
        least = self._least_height()
        rows = self._shown()
        if not rows:
            return least
        most = max(least, self.window().height() // _MOST_SHARE)
        frame = 2 * self.frameWidth()
        width = self.width() - frame
        needed = rows[0].text_height(width) + frame
        wanted = max(least, min(needed, most))
        if needed > most or not self._fit_whole(rows, width, wanted - frame):
            width -= self.verticalScrollBar().sizeHint().width()  # the scroll bar narrows them
            needed = rows[0].text_height(width) + frame
            wanted = max(least, min(needed, most))
        if needed > wanted:  # it scrolls a line at a time: its sight whole lines, none cut
            line = rows[0].label.fontMetrics().lineSpacing()
            wanted = max(least, frame + (wanted - frame) // line * line)
        return wanted

    def controls(self) -> list[QWidget]:
        """What Tab visits here, top to bottom: each message's links, then its dismiss button."""
        widgets: list[QWidget] = []
        for row in self._rows.values():
            widgets.append(row.label)
            if row.dismiss is not None:
                widgets.append(row.dismiss)
        return widgets

    def set_focus_home(self, widget: QWidget) -> None:
        """Where the keyboard goes when the message it was in goes (a link followed, say):
        Qt would hand it to the next link, where Enter answers a question unasked."""
        self._focus_home = widget

    def set_handlers(self, handlers: Mapping[str, Callable[[str], None]]) -> None:
        """What each link scheme does: ``{"place": search_for, ...}``, given the argument."""
        self._handlers = dict(handlers)

    def post(self, kind: MessageKind, html: str, whole: str = "") -> None:
        """Show ``html`` (already escaped) as the message of ``kind``, replacing only that kind.
        ``whole`` (plain text: a whole path the message names by its file's name) is its
        tooltip, and is read after it."""
        if kind in _ONE_AT_A_TIME:
            for other in _ONE_AT_A_TIME:
                if other is not kind and other in self._posted:
                    self.clear(other)
        row = self._rows[kind]
        row.label.show_text(html)
        row.label.setAccessibleName(_("Message: {kind}").format(kind=_(KIND_NAMES[kind])))
        row.label.setToolTip(literal(whole) if whole else "")
        if whole:
            row.label.setAccessibleDescription(f"{row.label.plain_text()} {whole}")
        self._posted.add(kind)
        self._layout.insertWidget(0, row)  # the newest on top, in sight
        self.verticalScrollBar().setValue(0)
        asked = self._show_rows()
        self._refit()
        self._lay_out_rows()
        if asked is kind or not kind.is_question:
            urgent = kind in (MessageKind.REGISTRY, MessageKind.SEARCH)
            announce(row.label, row.label.plain_text(), urgent=urgent)

    def clear(self, kind: MessageKind) -> None:
        """Take away the message of ``kind``, if one is shown; a question waiting comes next."""
        row = self._rows[kind]
        self._posted.discard(kind)
        asked = self._show_rows()  # hides the row, first handing its focus home
        row.label.clear()
        self._refit()
        self._lay_out_rows()
        if kind.is_question and asked is not None:
            label = self._rows[asked].label
            announce(label, label.plain_text())

    def revise(self, kind: MessageKind, html: str | None) -> None:
        """Say the message of ``kind`` anew where it stands, if it is still up (its ✕ not
        pressed): what it named has changed since; None, it is gone, takes the message away."""
        if kind not in self._posted:
            return
        if html is None:
            self.clear(kind)
            return
        self._rows[kind].label.show_text(html)
        self._refit()
        self._lay_out_rows()

    def withdraw(self, kind: MessageKind, html: str) -> None:
        """Take away the message of ``kind`` if it still is ``html`` (not one posted since)."""
        if kind in self._posted and self._rows[kind].label.text() == html:
            self.clear(kind)

    def _show_rows(self) -> MessageKind | None:
        """Show each message posted, but only the first question; returns that question."""
        asked = next((k for k in MessageKind if k.is_question and k in self._posted), None)
        focused = QApplication.focusWidget()
        for kind, row in self._rows.items():
            shown = kind in self._posted and (not kind.is_question or kind is asked)
            home = self._focus_home
            if not shown and home is not None and focused is not None and row.isAncestorOf(focused):
                home.setFocus(Qt.FocusReason.OtherFocusReason)
            row.setVisible(shown)
        return asked

    def posted(self, kind: MessageKind) -> bool:
        """Whether a message of ``kind`` is up (shown, or a question waiting its turn)."""
        return kind in self._posted

    def text(self, kind: MessageKind) -> str:
        """The message of ``kind`` as shown (empty when there is none)."""
        row = self._rows[kind]
        return row.label.text() if row.isVisibleTo(self) else ""

    def _follow(self, link: str) -> None:
        scheme, _, argument = link.partition(":")
        handler = self._handlers.get(scheme)
        if handler is not None:
            handler(argument)
