"""Saving a document off the GUI thread, with its progress and a Cancel button in the window.

A long comparison laid out as PDF can take a while. The document's bytes are made in the thread
pool (``tasks.py``): a QTextDocument and a QPdfWriter are safe there, since Qt's rich text classes
are reentrant and a QPainter may paint on a PDF writer in any thread, as long as no widget or
pixmap is touched. The file is then written here, in the GUI thread and atomically, only if
Cancel was not pressed meanwhile: a cancelled export writes nothing and leaves whatever was at
the path untouched. Work too large to hold in memory first (the whole registry, exported)
writes its file itself in the pool, replacing it only at its end, and stops at its next step
once Cancel is pressed, leaving the file as it was.

The progress is a strip inside the window that asked (:class:`SavingBar`), not a window of its
own: a window that opens and closes by itself would take the keyboard from the one the person
is using, and a progress dialog runs the event loop from within ``setValue``, both of which
a dialog open at the same time (a save dialog, a question) does not survive well.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)
from shiboken6 import isValid

from locator.data.bidi import neutral
from locator.errors import FileWriteError, LocatorError
from locator.files import atomic_write, refuse_unwritable
from locator.i18n import _
from locator.ui import window_text
from locator.ui.literal_text import message_box
from locator.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class ExportCancelledError(Exception):
    """The person pressed Cancel: the document was not written."""


class _Relay(QObject):
    """Carries the work's progress to the GUI thread (a queued signal)."""

    step = Signal(int, int)


class Steps:
    """What the work calls between its steps, from its own thread: ``steps(done, total)`` says
    how far it has come, and raises :class:`ExportCancelledError` once Cancel was pressed."""

    def __init__(self) -> None:
        self.relay = _Relay()
        self._cancelled = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        if self._cancelled.is_set():
            raise ExportCancelledError
        with contextlib.suppress(RuntimeError):  # the window has closed: nobody to tell
            self.relay.step.emit(done, total)

    def cancel(self) -> None:
        """Stop the work at its next step; its result, if it comes, is dropped."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """True once Cancel was pressed."""
        return self._cancelled.is_set()


Make = Callable[[Steps], bytes]
T = TypeVar("T")


class SavingBar(QWidget):
    """ "Saving the comparison… page 3 of 12", a progress bar and Cancel; hidden when idle.
    Other long work (an import) names its bar ``busy`` and its button ``cancel``."""

    def __init__(self, parent: QWidget, busy: str | None = None, cancel: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saving")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a file's name is shown as written
        self.label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(busy or _("Saving"))
        self.progress.setMaximumWidth(160)
        self.cancel = QPushButton(cancel or _("Cancel savin&g"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel)
        self.hide()
        self._came_from: QWidget | None = None  # where the keys were before the bar took them
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Cancel, clicked or pressed, greys out and the bar goes: Qt would pass the keys on
        to the next widget in the chain (the crisis line's link, at the top). They go back
        where they were before Cancel took them instead."""
        if new is not None and self.isAncestorOf(new):
            if old is not None and not self.isAncestorOf(old) and old.window() is self.window():
                self._came_from = old
            return
        if old is not None and self.isAncestorOf(old) and not (old.isVisible() and old.isEnabled()):
            back, self._came_from = self._came_from, None
            if back is not None and isValid(back) and back.isVisible() and back.isEnabled():
                back.setFocus(Qt.FocusReason.OtherFocusReason)


class BackgroundExport(QObject):
    """Makes one document at a time in the thread pool and writes it when it is done, showing
    its progress in ``bar``; a new export replaces one still being made (which writes nothing)."""

    def __init__(self, bar: SavingBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self._runner = TaskRunner(self)
        self._steps: Steps | None = None
        self._what = ""
        self._path = Path()
        self._shown: Callable[[int, int], str] = self._pages  # the bar's sentence at a step
        self._closing: QWidget | None = None  # a window whose closing waits for the save
        bar.cancel.clicked.connect(self.cancel)

    @property
    def busy(self) -> bool:
        """True while a document is being made."""
        return self._steps is not None

    def start(
        self,
        what: str,
        path: Path,
        make: Make,
        done: Callable[[Path], None],
        failed: Callable[[str], None],
    ) -> None:
        """Make the bytes of ``what`` ("the comparison") off the GUI thread with ``make(steps)``,
        then write them to ``path``; ``done(written)``, or ``failed(sentence)`` when cancelled or
        not written."""

        def write(data: object) -> None:
            try:
                assert isinstance(data, bytes)
                written = atomic_write(path, data)
            except (LocatorError, OSError) as error:
                self._failed(failed, _sentence(error, path))
                return
            self._done(done, written)

        self._run(what, path, make, write, failed, True)

    def start_writing(
        self,
        what: str,
        path: Path,
        write: Callable[[Steps], T],
        done: Callable[[T], None],
        failed: Callable[[str], None],
        shown: Callable[[int, int], str],
        *,
        folder: bool = False,
    ) -> None:
        """As :meth:`start`, for work that writes ``path`` itself, off the GUI thread, leaving it
        as it was when it raises (an export of the whole registry, too large to hold in memory
        first): its result, once it is written, goes to ``done``; Cancel stops it at its next
        step. ``shown(done, total)`` is the bar's sentence for each step; ``folder``: the work
        writes a folder of files at ``path``."""
        self._run(
            what, path, write, lambda result: self._done(done, result), failed, False, shown, folder
        )

    def _run(
        self,
        what: str,
        path: Path,
        work: Callable[[Steps], T],
        made: Callable[[T], None],
        failed: Callable[[str], None],
        dropped: bool,
        shown: Callable[[int, int], str] | None = None,
        folder: bool = False,
    ) -> None:
        """Run ``work`` in the thread pool with the bar shown, then ``made(result)`` here;
        ``dropped``: a result that comes after Cancel is not used (nothing was written yet).

        The destination is checked first, as the command line's ``-o`` is: a place no write
        could go is said at once, before the document is made, and an export to the file one
        still being saved writes is not started; either way the one under way goes on."""
        if (
            self._steps is not None
            and not self._steps.cancelled
            and self._path.resolve() == path.resolve()
        ):
            failed(window_text.saving_there_already(self._what, path))
            return
        try:
            refuse_unwritable(path, folder=folder)
        except FileWriteError as error:
            failed(str(error))
            return
        self.cancel()
        steps = Steps()
        steps.relay.step.connect(self._on_step)
        self._steps, self._what, self._path = steps, what, path
        self._shown = shown or self._pages
        self.bar.cancel.setEnabled(True)  # cancel() above greyed it for the one it replaced

        def finished(result: T) -> None:
            self._finish(steps)
            if dropped and steps.cancelled:
                self._failed(failed, window_text.export_cancelled(path))
                return
            made(result)

        def broke(error: Exception) -> None:
            self._finish(steps)
            cancelled = steps.cancelled
            sentence = window_text.export_cancelled(path) if cancelled else _sentence(error, path)
            self._failed(failed, sentence)

        self.bar.label.setText(window_text.saving(what))
        self.bar.progress.setRange(0, 0)  # busy, until the pages are counted
        self.bar.show()

        def run() -> T:
            steps(0, 0)  # cancelled while it waited for a thread: not started at all
            return work(steps)

        self._runner.run(run, finished, broke)

    def _done(self, done: Callable[[T], None], result: T) -> None:
        """Saved: say so, then close the window that waited for it to close."""
        done(result)
        window, self._closing = self._closing, None
        if window is not None and isValid(window):
            window.close()

    def _failed(self, failed: Callable[[str], None], sentence: str) -> None:
        """Not saved: say why, in a window that stays open for it to be read."""
        self._closing = None
        failed(sentence)

    @Slot()
    def cancel(self) -> None:
        """Stop the document being made: nothing is written."""
        if self._steps is not None:
            self._steps.cancel()
            self.bar.label.setText(_("Cancelling…"))
            self.bar.cancel.setEnabled(False)

    def may_close(self, window: QWidget) -> bool:
        """Whether ``window``, which shows this export's progress, may close now: True when
        nothing is being saved, or when the person, asked, chose to cancel the saving (the
        file is then left as it was); False when they chose to wait for it: ``window`` then
        closes once it is saved (and stays open to say why if it is not). An export never
        goes on unseen after its window closed or locator quit."""
        if self._steps is None or self._steps.cancelled:
            return True
        question = window_text.still_saving(self._what, self._path)
        if not may_stop(window, _("Still saving"), question, _("&Cancel saving and close")):
            self._closing = window  # closed once it is saved, as the person asked
            return False
        self.cancel()
        return True

    def _finish(self, steps: Steps) -> None:
        if self._steps is steps:
            self._steps = None
            self.bar.hide()
            self.bar.cancel.setEnabled(True)

    def _pages(self, done: int, total: int) -> str:
        """ "Saving the comparison: page 3 of 12…" """
        return window_text.saving(self._what, done + 1, total)

    @Slot(int, int)
    def _on_step(self, done: int, total: int) -> None:
        """The pages painted so far, of how many."""
        if self._steps is None or self._steps.cancelled or total <= 0:
            return
        self.bar.progress.setRange(0, total)
        self.bar.progress.setValue(done)
        self.bar.label.setText(self._shown(done, total))


def may_stop(window: QWidget, title: str, question: str, stop: str) -> bool:
    """Ask, as ``window`` closes, whether work it shows under way may stop: True when the
    person chose the ``stop`` button, False when they chose Wait (offered first, and Esc)."""
    box = message_box(QMessageBox.Icon.Question, title, question, window)
    wait = box.addButton(_("&Wait"), QMessageBox.ButtonRole.RejectRole)
    stopping = box.addButton(stop, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(wait)
    box.exec()
    return box.clickedButton() is stopping


def _sentence(error: Exception, path: Path) -> str:
    """Why the document was not written to ``path``, in a sentence."""
    if isinstance(error, LocatorError | OSError) and str(error):
        return neutral(str(error))
    log.warning("an export to %s failed", path, exc_info=error)
    return _("Cannot write {path}.").format(path=window_text.shown_path(path))
