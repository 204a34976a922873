"""Save a screenshot of an exported map (`locator map ... -o FILE.html`) as a browser shows it
with no network:

    python scripts/screenshot_export.py FILE.html OUT.png [WIDTHxHEIGHT] [LAT,LON,ZOOM]

LAT,LON,ZOOM moves the map there first, as a user zooming out would, to show more around the
search than the view it opens with.

The page is opened as a plain file in QtWebEngine, like any browser would, with every request
that is not for a local file refused and counted, so the picture is what a user offline sees
(Debian's chromium is not always installed). Run it under a real display or Xvfb.
"""

import os
import sys

if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer, QUrl
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication


class NoNetwork(QWebEngineUrlRequestInterceptor):
    """Refuses every request that is not for the page's own file (or data in it)."""

    def __init__(self) -> None:
        super().__init__()
        self.refused: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 - Qt's
        url = info.requestUrl()
        if url.scheme() not in ("file", "data", "blob"):
            self.refused.append(url.toString())
            info.block(True)


def main() -> int:
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    source, out = sys.argv[1], sys.argv[2]
    width, height = (int(n) for n in (sys.argv[3] if len(sys.argv) > 3 else "1200x800").split("x"))
    view = QWebEngineView()
    network = NoNetwork()
    view.page().profile().setUrlRequestInterceptor(network)
    view.resize(width, height)
    view.show()
    loop = QEventLoop()
    view.loadFinished.connect(loop.quit)
    view.load(QUrl.fromLocalFile(os.path.abspath(source)))
    loop.exec()
    if len(sys.argv) > 4:
        lat, lon, zoom = (float(n) for n in sys.argv[4].split(","))
        view.page().runJavaScript(f"locatorMap.map.setView([{lat}, {lon}], {zoom:g});")
    QTimer.singleShot(1500, loop.quit)  # the canvas and the names are drawn in later frames
    loop.exec()
    view.grab().save(out)
    print(f"saved {out}; requests refused: {len(network.refused)}", *network.refused, sep="\n")
    del view, app
    return 0


if __name__ == "__main__":
    sys.exit(main())
