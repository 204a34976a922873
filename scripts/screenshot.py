"""Save a screenshot of the main window after a search:

    python scripts/screenshot.py OUT.png [WIDTHxHEIGHT] [PLACE]

Run it under a real display (or Xvfb) to see what users see; offscreen works too.
"""

import os
import sys

if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401
from PySide6.QtWidgets import QApplication


def wait(predicate, limit_ms: int = 60_000) -> None:
    waited = 0
    while not predicate() and waited < limit_ms:
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50


def main() -> int:
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    from PySide6.QtTest import QTest

    from locator.data.paths import choose_registry
    from locator.ui.main_window import MainWindow
    from locator.ui.search_controller import SearchState
    from locator.ui.teardown import delete_now

    width, height = (int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "1440x900").split("x"))
    place = sys.argv[3] if len(sys.argv) > 3 else "Sandy, UT"
    window = MainWindow(choose_registry(None))
    window.resize(width, height)
    window.show()
    wait(lambda: window.searching.state is SearchState.READY and window.map.ready)
    window.search_bar.place.setText(place)
    QTest.keyClick(window.search_bar.place, Qt.Key.Key_Return)
    wait(lambda: window.searching.state in (SearchState.SHOWING, SearchState.FAILED))
    loop = QEventLoop()
    QTimer.singleShot(1500, loop.quit)
    loop.exec()
    window.grab().save(sys.argv[1])
    print(f"saved {sys.argv[1]}")
    delete_now(window)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
