"""The desktop app: cold start to a drawn map, search-to-map latency, memory (PSS), and the
first search on a fresh install (no place index built yet), on the seed registry and on
generated registries of 10,000 and 100,000 clinics, each beside issue 25's aims. The floor of a
cold start is a bare QWebEngineView loading the same map page in a fresh process; beside each
time, the processor time the app and its QtWebEngine processes took, which a busy machine
sways less than the wall clock."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.registry_load import registry_text
from benchmarks.timing import Row, repeats
from locator.data.loader import load_registry
from locator.data.paths import shipped_registry
from locator.geo.index import ensure_index

SEARCHES = 20  # in each process, one after another
PROCESSES = 3  # fresh app processes for each registry
GENERATED = (10_000, 100_000)  # clinics in the generated registries


@dataclass(frozen=True)
class _Aims:
    """Issue 25's aims for one registry: cold start to map drawn and search to map updated
    (seconds), and memory (PSS, MB); None where it sets none."""

    drawn_s: float | None
    search_s: float | None
    pss_mb: float | None


AIMS = {
    "seed registry": _Aims(0.7, 0.040, 400),
    "10,000 clinics": _Aims(1.2, None, 550),
    "100,000 clinics": _Aims(2.0, 0.100, 800),
}

# What both child processes start with: Qt as the app starts it, a window on a registry with
# tiles sent nowhere, and a wait that keeps Qt's events flowing.
_PRELUDE = r"""
import json, os, sys, time
from pathlib import Path
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
app = QApplication(sys.argv[:1])
from locator.data.paths import RegistryChoice
from locator.ui.main_window import MainWindow

def open_window(path):
    window = MainWindow(RegistryChoice(Path(path), "bench"),
                        tiles_url="http://127.0.0.1:9/{z}/{x}/{y}.png")
    window.show()
    return window

def pss_kb(pid):
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0

def descendants(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                found += [int(entry)] + descendants(int(entry))
    return found

def processor_s(pid):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def whole(measure):
    # measure summed over this process and its QtWebEngine processes
    me = os.getpid()
    return sum(measure(p) for p in [me] + descendants(me))

def wait_until(predicate, limit, step_ms):
    deadline = time.time() + limit
    while not predicate():
        loop = QEventLoop(); QTimer.singleShot(step_ms, loop.quit); loop.exec()
        if time.time() > deadline:
            raise SystemExit("timed out")
"""

_CHILD = (
    _PRELUDE
    + r"""
started = float(sys.argv[1])
window = open_window(sys.argv[2])
shown = time.time() - started

def wait(predicate):
    wait_until(predicate, 300.0, 5)

from locator.ui.search_controller import SearchState
wait(lambda: window.map.ready and window.session.registry is not None)
wait(lambda: window.map.evaluate("locatorMap.markerCount()", 300_000) > 0)
drawn = time.time() - started
processor = whole(processor_s)
wait(lambda: window.searching.state is SearchState.READY)
latencies = []
places = ["Sandy, UT", "Dallas, TX", "95814", "Buena Park, CA", "Boston, MA"] * 4
for place in places[: int(sys.argv[3])]:
    previous = window.searching.result
    # from a settled window, as a person searches: the last search's details filled (they
    # follow its map's paint), not landing inside this search's time
    wait(lambda: not window.follow.waiting)
    t0 = time.perf_counter()
    window.search_bar.place.setText(place)
    window.search_bar.search_requested.emit()
    wait(lambda: window.searching.result is not previous)
    expected = len(window.searching.result.matches)
    wait(lambda: window.map.evaluate("locatorMap.markerCount()", 300_000) == expected)
    latencies.append(time.perf_counter() - t0)

pss = whole(pss_kb) / 1024
print(json.dumps({"shown": shown, "drawn": drawn, "processor": processor,
                  "latencies": latencies, "pss_mb": pss}))
sys.stdout.flush()
from locator.ui.teardown import delete_now
delete_now(window)
"""
)


@dataclass(frozen=True)
class _Run:
    """What one app process measured: seconds from its start, and its memory."""

    shown: float
    drawn: float
    processor: float  # seconds of processor time, app and QtWebEngine, to the map drawn
    latencies: list[float]
    pss_mb: float

    @classmethod
    def parse(cls, line: str) -> _Run:
        """The child's JSON line, each figure checked to be a number."""
        found = json.loads(line)
        return cls(
            float(found["shown"]),
            float(found["drawn"]),
            float(found["processor"]),
            [float(t) for t in found["latencies"]],
            float(found["pss_mb"]),
        )


def _run(registry: Path, searches: int, bytecode: Path | None = None) -> _Run:
    """One fresh app process; its settings, shortlists and window state in a folder of its own,
    so that neither a remembered search of the user's sways it nor it writes theirs.

    ``bytecode``: where the process keeps its compiled modules (and finds those an earlier one
    left), also where the environment says not to write them (PYTHONDONTWRITEBYTECODE): an
    installed app has its modules compiled, and its start is not their compiling."""
    environment = dict(os.environ)
    if bytecode is not None:
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        environment["PYTHONPYCACHEPREFIX"] = str(bytecode)
    with tempfile.TemporaryDirectory(prefix="locator-bench-") as folder:
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, str(time.time()), str(registry), str(searches)],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
            env={
                **environment,
                "XDG_CONFIG_HOME": str(Path(folder) / "config"),
                "XDG_DATA_HOME": str(Path(folder) / "data"),
            },
        )
    return _Run.parse(result.stdout.strip().splitlines()[-1])


# The floor of a cold start: a bare QWebEngineView in a fresh process, loading a page that
# draws the same base map's shapes and one plain circle per clinic (map_page.floor_page).
_FLOOR = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QCoreApplication, QUrl, Qt
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
app = QApplication(sys.argv[:1])
view = QWebEngineView()
view.loadFinished.connect(lambda ok: app.quit())
view.load(QUrl.fromLocalFile(sys.argv[2]))
view.show()
app.exec()
print(json.dumps({"drawn": time.time() - float(sys.argv[1])}))
"""


def _floor(page: Path) -> float:
    """Seconds from a fresh process's start to ``page`` loaded in a bare QWebEngineView."""
    result = subprocess.run(
        [sys.executable, "-c", _FLOOR, str(time.time()), str(page)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return float(json.loads(result.stdout.strip().splitlines()[-1])["drawn"])


# A fresh install: the window is shown and the first place is searched at once, before the
# place index exists (its build starts with the window). Timed until the results are listed.
_FIRST_SEARCH = (
    _PRELUDE
    + r"""
window = open_window(sys.argv[1])
shown = time.perf_counter()
window.search_bar.place.setText(sys.argv[2])
window.search_bar.search_requested.emit()

def wait(predicate):
    wait_until(predicate, 300.0, 2)

wait(lambda: window.searching.result is not None)
answered = time.perf_counter() - shown
label = window.searching.result.origin.label
wait(lambda: window.searching.geocoding is not None)  # the index built: nothing left running
print(json.dumps({"answered": answered, "label": label}))
sys.stdout.flush()
from locator.ui.teardown import delete_now
delete_now(window)
"""
)


def _first_search(registry: Path, place: str) -> tuple[float, str]:
    """Seconds from the window shown to ``place``'s results, on a fresh install: empty user
    folders (no place index in the cache) and no LOCATOR_GAZETTEER_INDEX."""
    environment = {k: v for k, v in os.environ.items() if k != "LOCATOR_GAZETTEER_INDEX"}
    with tempfile.TemporaryDirectory(prefix="locator-bench-") as folder:
        for variable in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
            environment[variable] = str(Path(folder) / variable.lower())
        result = subprocess.run(
            [sys.executable, "-c", _FIRST_SEARCH, str(registry), place],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
            env=environment,
        )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return float(found["answered"]), str(found["label"])


def first_search_rows(repeats: int = 3) -> list[Row]:
    """Window shown to the first ZIP code, and to the first "City, ST", answered on a fresh
    install: ``repeats`` fresh processes each."""
    from locator.data.paths import shipped_registry

    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    rows = []
    for kind, place in (("ZIP code", "84070"), ("City, ST", "Sandy, UT")):
        runs = [_first_search(shipped_registry(), place) for _ in range(repeats)]
        times = [seconds for seconds, _label in runs]
        rows.append(
            Row(
                "app",
                f"fresh install: window shown to first {kind} answered",
                statistics.median(times),
                min(times),
                repeats,
                f"{place} -> {runs[0][1]}",
            )
        )
    return rows


def run(smoke: bool = False) -> list[Row]:
    """The seed registry and generated registries of 10,000 and 100,000 clinics, three fresh
    processes each (after one unmeasured, which compiles the modules the others then find),
    each in turn with its floor; then the first search on a fresh install. A smoke run starts
    one process of each kind on the seed registry and searches once."""
    ensure_index()
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    processes, searches = repeats(PROCESSES, smoke), repeats(SEARCHES, smoke)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        bytecode = None if smoke else Path(folder) / "bytecode"
        if bytecode is not None:
            _run(shipped_registry(), 1, bytecode)  # compiles the modules, as an install does
        registries = [("seed registry", shipped_registry())]
        for count in () if smoke else GENERATED:
            big = Path(folder) / f"clinics-{count}.yaml"
            big.write_text(registry_text(count), "utf-8")
            registries.append((f"{count:,} clinics", big))
        for label, registry in registries:
            floor = Path(folder) / f"{registry.stem}-floor.html"
            rows += _registry_rows(label, registry, floor, processes, searches, bytecode)
    return rows + first_search_rows(repeats(3, smoke))


def _registry_rows(
    label: str,
    registry: Path,
    floor: Path,
    processes: int,
    searches: int,
    bytecode: Path | None,
) -> list[Row]:
    """The rows of one registry, each app process followed by its floor's (its page written
    to ``floor``), beside the aims."""
    from benchmarks.map_page import floor_page
    from locator.mapping.payload import MapClinic

    clinics = load_registry(registry).clinics  # the app meets a registry checked before
    floor.write_text(floor_page([MapClinic(c) for c in clinics]), "utf-8")
    del clinics
    runs, floors = [], []
    for _ in range(processes):
        runs.append(_run(registry, searches, bytecode))
        floors.append(_floor(floor))
    aims = AIMS[label]
    shown = [r.shown for r in runs]
    drawn = [r.drawn for r in runs]
    latency = [t for r in runs for t in r.latencies]
    pss = max(r.pss_mb for r in runs)
    processor = statistics.median(r.processor for r in runs)
    return [
        Row(
            "app",
            f"{label}: cold start to window shown",
            statistics.median(shown),
            min(shown),
            processes,
        ),
        Row(
            "app",
            f"{label}: cold start to map drawn",
            statistics.median(drawn),
            min(drawn),
            processes,
            f"PSS {pss:.0f} MB (app + QtWebEngine); processor {processor:.2f} s; floor (bare "
            f"QWebEngineView, same shapes and points) {statistics.median(floors):.3f} s",
            aims.drawn_s,
            statistics.median(floors),
            pss,
            aims.pss_mb,
        ),
        Row(
            "app",
            f"{label}: search to map updated",
            statistics.median(latency),
            min(latency),
            len(latency),
            "",
            aims.search_s,
        ),
    ]
