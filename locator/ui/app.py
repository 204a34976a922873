"""Starting the desktop app: Qt set up for QtWebEngine, the registry chosen, the window shown."""

from __future__ import annotations

import locale
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from locator.data.paths import choose_registry
from locator.i18n import system_language
from locator.window_check import require_window

if TYPE_CHECKING:  # Qt loads only when the window is wanted
    from PySide6.QtWidgets import QApplication


def _utf8_locale() -> bool:
    """Whether the C library takes every locale the environment asks for, with UTF-8 characters:
    what Qt checks as it starts, here and in each QtWebEngine process."""
    saved = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, "")
        return locale.nl_langinfo(locale.CODESET).replace("-", "").lower() == "utf8"
    except locale.Error:  # one not installed (LANG=es_US.UTF-8 on a system without it)
        return False
    finally:
        locale.setlocale(locale.LC_ALL, saved)


def _prepare_environment() -> None:
    """What Qt needs before it starts: no QtWebEngine sandbox as root, and a UTF-8 locale the
    system has. Without one (none set, as in a bare `env -i` session, or one not installed) Qt
    would switch to C.UTF-8 itself, with four lines of warning in each of its processes. The
    language still follows LANG (or LC_MESSAGES), which locator's catalog reads; one named by
    LC_ALL, replaced here, moves to LANGUAGE."""
    if not _utf8_locale():
        if os.environ.get("LC_ALL"):
            os.environ.setdefault("LANGUAGE", system_language())
        os.environ["LC_ALL"] = "C.UTF-8"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()


def prepare_qt(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, made as QtWebEngine needs it (sandbox, shared GL contexts, names).

    Raises NoDisplayError or MissingSystemLibraryError, with a sentence, where Qt would abort
    for want of a display or a system library."""
    _prepare_environment()
    require_window()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401 - before the app
    from PySide6.QtWidgets import QApplication

    from locator.ui.contrast import keep_readable
    from locator.ui.focus import show_focus

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    found = QApplication.instance()
    app = found if isinstance(found, QApplication) else QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("locator")
    app.setOrganizationName("locator")
    app.setApplicationDisplayName("locator")
    keep_readable(app)
    show_focus(app)
    return app


def run_app(
    registry: str | None = None, argv: Sequence[str] | None = None, language: str | None = None
) -> int:
    """Open the main window on the chosen registry, speaking ``language`` when one is given
    (``--lang``); returns the exit status."""
    app = prepare_qt(argv)
    from locator.ui.focus_return import show_in_front
    from locator.ui.main_window import MainWindow
    from locator.ui.teardown import delete_now

    # with the keys: with no window manager, X gives a new window none (nor its tooltips)
    show_in_front(MainWindow(choose_registry(registry), language=language))
    code = app.exec()
    for window in app.topLevelWidgets():  # the first, or the one that replaced it (reopen)
        if isinstance(window, MainWindow):
            delete_now(window)
    return code
