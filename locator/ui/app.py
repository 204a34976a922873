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
    """What Qt needs before it starts: no QtWebEngine sandbox as root, and a UTF-8 character
    type where none is set at all (as in a bare `env -i` session; Qt would otherwise switch to
    one itself, with three lines of warning)."""
    if not any(os.environ.get(name) for name in ("LC_ALL", "LC_CTYPE", "LANG")):
        os.environ["LC_CTYPE"] = "C.UTF-8"
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

    from locator.ui.contrast import keep_readable

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    found = QApplication.instance()
    app = found if isinstance(found, QApplication) else QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("locator")
    app.setOrganizationName("locator")
    app.setApplicationDisplayName("locator")
    keep_readable(app)
    return app


def run_app(
    registry: str | None = None, argv: Sequence[str] | None = None, language: str | None = None
) -> int:
    """Open the main window on the chosen registry, speaking ``language`` when one is given
    (``--lang``); returns the exit status."""
    app = prepare_qt(argv)
    from locator.ui.main_window import MainWindow
    from locator.ui.teardown import delete_now

    window = MainWindow(choose_registry(registry), language=language)
    window.show()
    code = app.exec()
    delete_now(window)
    return code
