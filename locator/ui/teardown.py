"""Deleting widgets that hold a web view while Qt is still running.

QtWebEngine's profile goes away with the application; a page still alive then makes
Chromium complain at exit ("Release of profile requested but WebEnginePage still not
deleted"). Deleting the widget for real, now, avoids it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget


def delete_now(widget: QWidget) -> None:
    """Close ``widget`` and delete it (and its children, web views included) at once."""
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
