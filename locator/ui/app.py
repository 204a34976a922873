"""Starting the desktop app: Qt set up for QtWebEngine, the registry chosen, the window shown."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from locator.data.paths import choose_registry

if TYPE_CHECKING:  # Qt loads only when the window is wanted
    from PySide6.QtWidgets import QApplication


def _prepare_environment() -> None:
    """What QtWebEngine needs before Qt starts: no sandbox as root, a software fallback."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()


def prepare_qt(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, made as QtWebEngine needs it (sandbox, shared GL contexts, names)."""
    _prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401 - before the app
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    found = QApplication.instance()
    app = found if isinstance(found, QApplication) else QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("locator")
    app.setOrganizationName("locator")
    app.setApplicationDisplayName("locator")
    return app


def run_app(registry: str | None = None, argv: Sequence[str] | None = None) -> int:
    """Open the main window on the chosen registry; returns the exit status."""
    app = prepare_qt(argv)
    from locator.ui.main_window import MainWindow
    from locator.ui.teardown import delete_now

    window = MainWindow(choose_registry(registry))
    window.show()
    code = app.exec()
    delete_now(window)
    return code
