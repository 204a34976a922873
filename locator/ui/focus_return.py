"""The keyboard goes back to the window that opened a dialog when the dialog closes.

A window manager hands the focus back to a dialog's owner when the dialog goes. With none (a
bare X server, a kiosk session, some remote desktops) X gives it to no window at all, and every
shortcut of the window behind stays dead until it is clicked. So when the focus leaves a window
of locator's for none because that window closed, the window in front takes it: an open modal
dialog, else the one that opened the window that closed (or, when that one closed with it, the
nearest still shown, at last the main window). Focus moving to another program leaves
a window that is still shown, and is left alone. For the same reason a window that is not a
modal dialog (Compare, the registry editor) is shown by :func:`show_in_front`, which gives it
the keys as it opens: X gives a new window none by itself.
"""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from shiboken6 import isValid


class FocusReturn(QObject):
    """Watches the window with the focus, to hand the focus on when it closes; one for the
    application (see :func:`install`)."""

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self.setObjectName("focusReturn")
        self._focused: QWindow | None = None
        # the ids of the windows that opened ``_focused``, nearest first: taken as it gets the
        # focus, as a dialog that closes with it (Export's, after its save dialog) may be gone
        # by then. Ids, not windows: the Python handles taken then on the openers were seen to
        # go dead as the save dialog went (PySide6 6.12), though the openers stay on screen.
        self._openers: list[int] = []
        app.focusWindowChanged.connect(self._focus_moved)

    def _focus_moved(self, window: QWindow | None) -> None:
        if self._focused is not None and isValid(self._focused):
            with suppress(RuntimeError):  # a window Qt is deleting: its signals go with it
                self._focused.visibleChanged.disconnect(self._shown_or_hidden)
        self._focused, self._openers = None, []
        if window is None:
            return
        try:
            window.visibleChanged.connect(self._shown_or_hidden)
        except RuntimeError:  # Qt names a window it is deleting as it moves the focus away
            return
        self._focused, self._openers = window, _openers(window)

    def _shown_or_hidden(self, visible: bool) -> None:
        """The window with the focus was hidden (a dialog closed): once the next window is
        shown, if it is one (the next dialog of a sequence), hand the focus on."""
        if not visible:
            openers = list(self._openers)
            QTimer.singleShot(0, self, lambda: _hand_on(openers))


def _openers(window: QWindow) -> list[int]:
    """The ids of the windows that opened ``window``, nearest first, as far as they can be
    read: the Python handle on an opener was seen to go dead once a dialog of the window had
    closed (Compare after its print question, PySide6 6.12), and the window must still be
    watched, its keys then going to the main window when it closes."""
    ids: list[int] = []
    with suppress(RuntimeError):
        opener = window.transientParent()
        while opener is not None:
            ids.append(int(opener.winId()))
            opener = opener.transientParent()
    return ids


def _hand_on(openers: list[int]) -> None:
    """Give the focus to the window in front, unless a shown window has it already."""
    focused = QGuiApplication.focusWindow()
    if focused is not None and isValid(focused) and focused.isVisible():
        return
    modal = QApplication.activeModalWidget()
    front = modal.windowHandle() if modal is not None else _shown_opener(openers)
    if front is not None:
        front.requestActivate()


def _shown_opener(openers: list[int]) -> QWindow | None:
    """The nearest window still shown among ``openers`` (ids), else the main window: a window
    often closes right after its last dialog (the editor after "Discard", a summary once saved,
    Export's dialog after its save dialog), and the keys must not go with it."""
    by_id = {int(w.winId()): w for w in QGuiApplication.topLevelWindows() if w.isVisible()}
    for opener in openers:
        if opener in by_id:
            return by_id[opener]
    mains = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
    shown = [w.windowHandle() for w in mains if w.isVisible() and w.windowHandle() is not None]
    return shown[0] if shown else None


def show_in_front(window: QWidget) -> None:
    """Show ``window`` (again) in front, with the keyboard: a modal dialog takes it as it
    opens, other windows only when asked, and with no window manager nobody else asks."""
    window.show()
    window.raise_()
    window.activateWindow()


def install() -> None:
    """Give the focus back after each dialog of the application closes (set up once)."""
    app = QApplication.instance()
    if isinstance(app, QGuiApplication) and app.findChild(FocusReturn, "focusReturn") is None:
        FocusReturn(app)
