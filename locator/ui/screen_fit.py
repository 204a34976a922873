"""Each window's first size: the size it asks for, or less, so that the whole window, its
buttons included, fits the screen it opens on (without the desktop's panels); and a restored
window put back on that screen whole.

Every window and dialog sizes itself here rather than with a fixed ``resize``: 1280x820 is larger
than an 800x600 screen, and than a 1366x768 laptop once its panel is taken away.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fit_to_screen(window: QWidget, wanted: QSize) -> None:
    """Resize ``window`` to ``wanted``, bounded by the available area of its screen (its
    parent's, for a dialog) less the window manager's frame, as the parent's shows it."""
    parent = window.parentWidget()
    top = parent.window() if parent is not None else None
    screen = (top or window).screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size()
    if top is not None and top.isVisible():  # the title bar and borders a window gets here
        room -= top.frameGeometry().size() - top.geometry().size()
    window.resize(wanted.boundedTo(room))


def keep_on_screen(window: QWidget) -> None:
    """Move ``window``, and shrink it if it must, so that the whole of it lies on the available
    area of its screen. Qt restores a saved geometry leaving room above it for a title bar,
    and the layout may grow the window as it is shown: with no window manager to draw a title
    bar or to place the window, its bottom (the status bar) fell off the screen."""
    area = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    frame = window.frameGeometry()
    window.resize(window.size().boundedTo(area.size() - (frame.size() - window.size())))
    frame = window.frameGeometry()
    left = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
    top = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
    window.move(QPoint(left, top))  # the frame's corner, as move() places it
