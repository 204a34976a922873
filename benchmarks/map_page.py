"""The map page: build time and size, drawing in QtWebEngine, in-place update vs reload."""

from __future__ import annotations

import os
import random
import statistics
import time

from benchmarks.timing import Row, measure
from locator.data.models import Clinic
from locator.data.synthetic import synthetic_clinic
from locator.mapping.page import build_map_page
from locator.mapping.payload import MapClinic, map_payload, script_json

SIZES = (10, 1_000, 10_000)
NO_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # never fetch tiles while measuring


def _clinics(count: int) -> list[MapClinic]:
    rng = random.Random(count)
    return [MapClinic(Clinic.model_validate(synthetic_clinic(i, rng)), 10.0) for i in range(count)]


def run() -> list[Row]:
    """Python-side build for each size, then QtWebEngine (offscreen) for drawing."""
    rows = []
    samples = {count: _clinics(count) for count in SIZES}
    for count, clinics in samples.items():
        exported = len(build_map_page(map_payload(clinics)).encode()) / 1e6
        in_app = len(build_map_page(map_payload(clinics), inline=False).encode()) / 1e6
        rows.append(
            measure(
                "map",
                f"{count:,} clinics: build page",
                lambda c=clinics: build_map_page(map_payload(c)),
                10 if count < 10_000 else 5,
                f"{exported:.2f} MB exported, {in_app:.2f} MB in the app",
            )
        )
    rows += _in_browser(samples)
    return rows


def _in_browser(samples: dict[int, list[MapClinic]]) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401 - before the app
    from PySide6.QtWidgets import QApplication

    from locator.ui.map_view import MapWebEngineView
    from locator.ui.teardown import delete_now

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    _app = QApplication.instance() or QApplication([])  # kept alive while measuring
    view = MapWebEngineView()
    view.resize(1000, 700)
    view.show()

    def load(page: str) -> float:
        loop = QEventLoop()
        view.page_ready.connect(loop.quit)
        started = time.perf_counter()
        view.show_page(page)
        loop.exec()
        view.page_ready.disconnect(loop.quit)
        assert view.evaluate("locatorMap.markerCount()") >= 0
        return time.perf_counter() - started

    rows = []
    for count, clinics in samples.items():
        page = build_map_page(map_payload(clinics), tiles_url=NO_TILES)
        times = [load(page) for _ in range(3)]
        rows.append(
            Row(
                "map",
                f"{count:,} clinics: load + draw page in QtWebEngine",
                statistics.median(times),
                min(times),
                len(times),
            )
        )
    load(build_map_page(map_payload(samples[10]), tiles_url=NO_TILES))
    thousand = samples[1_000]
    update = f"locatorMap.setResults({script_json(map_payload(thousand))})"
    rows.append(
        measure(
            "map",
            "1,000 clinics: in-place update (setResults, drawn)",
            lambda: view.evaluate(update),
            10,
        )
    )
    full = build_map_page(map_payload(thousand), tiles_url=NO_TILES)
    rows.append(measure("map", "1,000 clinics: full page reload instead", lambda: load(full), 5))
    delete_now(view)
    return rows
