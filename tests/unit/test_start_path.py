"""What the window's own thread does before its first map is drawn: nothing the first paint
does not need (issue 25: cold start). The search engine (NumPy, the place names' fuzzy
matching) loads in the thread that indexes the clinics, and the registry's models (pydantic)
and PyYAML in the one that reads the registry, never on the window's thread, where they
would hold up the window and its map; nor does it read and hash the registry's file (some
170 ms for 100,000 clinics). The comparison window and Qt's printing load when first used,
and the filter menus are counted once the map has painted the clinics (0.1 s for 10,000)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.paths import REPO, TEST_REGISTRY

# An app process on the test registry: which thread first imported each package, and read
# the registry file to take its digest, up to the map drawn with every clinic.
_CHILD = r"""
import json, os, sys, threading, time
from pathlib import Path

importers = {}

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name in ("numpy", "rapidfuzz", "pydantic", "yaml") and name not in importers:
            importers[name] = threading.current_thread().name
        return None

sys.meta_path.insert(0, Watch())
import locator.ui.registry_session as session

digest = session.fingerprint

def fingerprint(path):
    importers.setdefault("the registry's digest", threading.current_thread().name)
    return digest(path)

session.fingerprint = fingerprint
import locator.ui.main_window as main_window
from locator.ui.map_view import MapWebEngineView

steps = []
count = main_window.listed_counts
main_window.listed_counts = lambda clinics: steps.append("counted") or count(clinics)
give = MapWebEngineView.set_results

def set_results(view, payload):
    steps.append("to the map")
    give(view, payload)

MapWebEngineView.set_results = set_results
from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
app = QApplication(sys.argv[:1])
from locator.data.paths import RegistryChoice
from locator.ui.main_window import MainWindow

window = MainWindow(RegistryChoice(Path(sys.argv[1]), "test"), tiles_url="")
window.show()
deadline = time.time() + 120
while not (window.map.ready and window.map.evaluate("locatorMap.markerCount()") > 0
           and "counted" in steps):
    loop = QEventLoop(); QTimer.singleShot(10, loop.quit); loop.exec()
    assert time.time() < deadline, "the map was never drawn"
loaded = [name for name in ("locator.ui.compare_dialog", "locator.ui.documents")
          if name in sys.modules]
print(json.dumps({"importers": importers, "steps": steps, "loaded": loaded}))
"""


def test_the_window_draws_its_map_without_loading_the_search_engine_itself(
    tmp_path: Path,
) -> None:
    folders = {
        name: str(tmp_path / name.lower()) for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")
    }
    env = {
        **os.environ,
        **folders,
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
        "PYTHONPATH": str(REPO),
    }
    for _start in ("first", "second"):  # the first builds the map page a later start reads
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, str(TEST_REGISTRY)],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert "MainThread" not in found["importers"].values(), found
    assert found["steps"] == ["to the map", "counted"], found
    assert found["loaded"] == [], found
