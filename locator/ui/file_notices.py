"""Warnings about the user's own files (settings, shortlists) shown in the window.

When locator cannot use such a file it goes on with defaults and keeps a copy of the file
(``locator.files.keep_unreadable``); that warning goes to the log, which a person running the
app from a menu never sees. :class:`FileNotices` catches those warnings — from the moment the
window starts to build, before it can show anything — and shows them as a notice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape

from PySide6.QtCore import QObject, Signal

from locator.ui.message_bar import MessageBar, MessageKind

_SOURCE = "locator.files"  # the logger of keep_unreadable


class FileNotices(QObject):
    """Collects the file warnings logged while it lives; shows them once a bar is given."""

    logged = Signal(str)  # queued to the GUI thread when a worker thread logs

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: list[str] = []
        self._shown: list[str] = []
        self._bar: MessageBar | None = None
        self._handler = _Relay(self.logged.emit)
        self._handler.setLevel(logging.WARNING)
        logging.getLogger(_SOURCE).addHandler(self._handler)
        self.logged.connect(self._add)
        handler = self._handler  # not self: the destroyed signal outlives the Python object
        self.destroyed.connect(lambda: logging.getLogger(_SOURCE).removeHandler(handler))

    def show_in(self, bar: MessageBar) -> None:
        """Show what was logged so far in ``bar``, and what is logged later as it comes."""
        self._bar = bar
        for text in self._waiting:
            self._add(text)
        self._waiting.clear()

    def stop(self) -> None:
        """Catch nothing more (the window is closing)."""
        logging.getLogger(_SOURCE).removeHandler(self._handler)

    def _add(self, text: str) -> None:
        if self._bar is None:
            self._waiting.append(text)
            return
        self._shown.append(text)
        self._bar.post(MessageKind.NOTICE, "<br>".join(escape(line) for line in self._shown))


class _Relay(logging.Handler):
    """Hands each record's sentence to ``send`` (a signal's emit: safe from any thread)."""

    def __init__(self, send: Callable[[str], None]) -> None:
        super().__init__()
        self._send = send

    def emit(self, record: logging.LogRecord) -> None:
        self._send(record.getMessage())
