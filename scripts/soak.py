"""Soak test: many consecutive in-place map updates in one process, then a clean exit.

PySide6 6.12.0 on Python 3.11 loses a reference on every signal and runJavaScript call and
aborts after about a thousand; this proves the pinned combination survives. Exit status 0
only if every update was drawn and the process ends normally.

    python scripts/soak.py [UPDATES]
"""

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401
from PySide6.QtWidgets import QApplication

from locator.data.loader import load_registry
from locator.data.paths import shipped_registry
from locator.mapping.page import build_map_page
from locator.mapping.payload import MapClinic, map_payload


def main() -> int:
    updates = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    from locator.ui.map_view import MapWebEngineView
    from locator.ui.teardown import delete_now

    clinics = [MapClinic(c) for c in load_registry(shipped_registry()).clinics]
    payloads = [map_payload(clinics[: 1 + i % len(clinics)]) for i in range(len(clinics))]
    view = MapWebEngineView()
    view.show()
    loop = QEventLoop()
    view.page_ready.connect(loop.quit)
    view.show_page(build_map_page(payloads[0], tiles_url=None))
    loop.exec()
    started = time.perf_counter()
    for number in range(updates):
        payload = payloads[number % len(payloads)]
        view.set_results(payload)  # a runJavaScript call and its signals, as in the app
        if number % 500 == 499:  # let the page catch up and check what it drew
            drawn = view.evaluate("locatorMap.markerCount()")
            if drawn != len(payload["rows"]):
                print(f"update {number + 1}: {drawn} markers, expected {len(payload['rows'])}")
                return 1
    final = view.evaluate("locatorMap.markerCount()")
    elapsed = time.perf_counter() - started
    print(
        f"{updates} map updates in {elapsed:.1f} s ({elapsed / updates * 1000:.2f} ms each); "
        f"last drawn {int(final)} markers"
    )
    delete_now(view)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
