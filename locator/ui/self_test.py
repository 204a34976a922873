"""`locator --self-test`: the app's whole path, checked end to end on this machine.

It is what a packager or a user whose map stays blank can run: the registry loads, a place is
found offline, the window searches it and the map draws its markers and the offline base map
(checked from the page's own JavaScript), and a comparison PDF is written. It prints one line
per step and ends with exit status 0, or 1 and a sentence naming the step that failed.

The user's settings, shortlists and window state are not touched: the window is given its own,
in a temporary folder. Caches (the place index, the map page) are the user's own, so a second
run is quick.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from locator.errors import LocatorError, SelfTestError
from locator.i18n import _, ngettext, number

if TYPE_CHECKING:
    from locator.data.models import Registry
    from locator.data.paths import RegistryChoice

T = TypeVar("T")
PLACE = "84095"  # South Jordan, UT: clinics within a few miles in the shipped registry
TIMEOUT_S = 120


def run_self_test() -> int:
    """Run every step; returns the exit status (0 when all passed)."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="locator-self-test-") as folder:
        try:
            _steps(Path(folder), started)
        except SelfTestError as failure:
            print(_("self-test failed: {failure}").format(failure=failure), file=sys.stderr)
            return 1
    print(_("self-test passed in {value:.1f} s").format(value=time.monotonic() - started))
    return 0


def _step(name: str, action: Callable[[], T], say: Callable[[T], str] = str) -> T:
    """Run one step, print what it found (``say`` of its result) and return the result; any
    error becomes a :class:`SelfTestError` naming the step."""
    try:
        found = action()
        print(f"ok  {name}: {say(found)}", flush=True)
    except LocatorError as failure:  # its message is a sentence already
        raise SelfTestError(f"{name}: {failure}") from None
    except Exception as error:  # a sentence, never a traceback: this is for users too
        raise SelfTestError(f"{name}: {type(error).__name__}: {error}") from None
    return found


def _steps(folder: Path, started: float) -> None:
    from locator.data.loader import load_registry
    from locator.data.paths import choose_registry
    from locator.geo.service import Geocoding
    from locator.presentation import found_text

    choice = choose_registry(None)
    registry = _step(
        _("registry"),
        lambda: load_registry(choice.path),
        lambda loaded: _("{found} in {path}").format(
            found=found_text(loaded.clinics), path=choice.path
        ),
    )
    _step(_("source documents"), lambda: _documents(registry, choice))
    _step(
        _("place lookup"),
        lambda: _("{place} is {label}").format(
            place=PLACE, label=Geocoding().lookup(PLACE)[0].label
        ),
    )

    from locator.ui.app import prepare_qt

    app = prepare_qt([sys.argv[0]])
    _step(_("languages"), _languages)
    from locator.settings import Settings
    from locator.shortlists import Shortlists
    from locator.ui.main_window import MainWindow
    from locator.ui.preferences import Preferences
    from locator.ui.shared_settings import SharedSettings
    from locator.ui.teardown import delete_now

    # the user's own settings, shortlists and window state stay as they are: the window gets
    # its own, in the temporary folder (and the offline base map, never the network's tiles)
    window = MainWindow(
        choice,
        preferences=Preferences(folder / "window.ini"),
        shortlists=Shortlists(folder / "shortlists.json"),
        settings=SharedSettings(Settings(online_lookups=False, map_tiles=False)),
        tiles_url="",
    )
    window.resize(1200, 800)
    window.show()
    try:
        _step(
            _("window"),
            lambda: _("shown on the {platform} platform").format(platform=app.platformName()),
        )
        _step(
            _("map page"), lambda: _wait(lambda: window.map.ready, _("the map page never loaded"))
        )
        window.search_bar.place.setText(PLACE)
        window.search_bar.button.click()
        _step(_("search"), lambda: _wait(lambda: _markers(window) > 0, _("no clinic was drawn")))
        _step(
            _("first map"),
            lambda: _("{value:.1f} s after the start").format(value=time.monotonic() - started),
        )
        _step(_("base map"), lambda: _base_map(window))
        _step(_("comparison PDF"), lambda: _comparison_pdf(registry, folder))
    finally:
        window.close()
        delete_now(window)


def _documents(registry: Registry, choice: RegistryChoice) -> str:
    """The documents the registry quotes are at hand, so the editor can check its quotes: a
    bundle that left the shipped ones out would check none."""
    from locator.data.provenance import document_path

    cited = {source.document for clinic in registry.clinics for source in clinic.sources}
    missing = sorted(name for name in cited if document_path(choice.path, name) is None)
    if missing and choice.shipped:
        raise SelfTestError(
            _("{count} of the documents the registry quotes are missing, e.g. {name}").format(
                count=len(missing), name=missing[0]
            )
        )
    return _("{found} of {count} at hand").format(found=len(cited) - len(missing), count=len(cited))


def _languages() -> str:
    """Each language the app offers has its catalog, Qt's catalogs (standard buttons, the web
    view's menu) and Babel's number formats in place: a bundle that left one out would show
    English, or fail on a number."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from locator.i18n import LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE, language, set_language
    from locator.ui.language import QT_CATALOGS

    qt_catalogs = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    was, found = language(), []
    try:
        for code, name in LANGUAGES.items():
            if code == SOURCE_LANGUAGE:
                continue
            if set_language(code) != code:
                raise SelfTestError(
                    _("no catalog for {language} in {folder}").format(
                        language=name, folder=LOCALE_DIR
                    )
                )
            for catalog in QT_CATALOGS:
                if not QTranslator().load(f"{catalog}_{code}", qt_catalogs):
                    raise SelfTestError(
                        _("Qt's catalog for {language} is not in {folder}").format(
                            language=f"{name} ({catalog}_{code}.qm)", folder=qt_catalogs
                        )
                    )
            found.append(f"{name}: “{_('&Search')}”, {number(1234.5, 1)}")
    finally:
        set_language(was)
    return "; ".join(found)


def _wait(condition: Callable[[], Any], failure: str) -> str:
    """Let Qt run until ``condition`` holds; raise ``failure`` after TIMEOUT_S."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise SelfTestError(
                _("{failure} within {seconds} s").format(failure=failure, seconds=TIMEOUT_S)
            )
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return _("yes")


def _markers(window: Any) -> int:
    return int(window.map.evaluate("locatorMap.markerCount()") or 0)


def _base_map(window: Any) -> str:
    shown = window.map.evaluate("locatorMap.baseMap.shown()")
    counts = json.loads(window.map.evaluate("JSON.stringify(locatorMap.baseMap.counts())"))
    drawn = {name: count for name, count in counts.items() if count}
    if not shown or not drawn:
        raise SelfTestError(
            _("the offline base map was not drawn (shown: {shown}, {counts})").format(
                shown=shown, counts=counts
            )
        )
    return ", ".join(_base_map_part(name, count) for name, count in drawn.items())


def _base_map_part(name: str, count: int) -> str:
    """How much of one of the page's layers is in view ("2 states"), in the user's language:
    the page names its layers (and the names it shows, "labels") in English."""
    words = {
        "land": ngettext("{count} land shape", "{count} land shapes", count),
        "lakes_under": ngettext(
            "{count} lake under the county lines", "{count} lakes under the county lines", count
        ),
        "us": ngettext("{count} part of the US outline", "{count} parts of the US outline", count),
        "counties": ngettext("{count} county", "{count} counties", count),
        "lakes_over": ngettext(
            "{count} lake over the county lines", "{count} lakes over the county lines", count
        ),
        "states": ngettext("{count} state", "{count} states", count),
        "borders": ngettext("{count} border", "{count} borders", count),
        "labels": ngettext("{count} place name", "{count} place names", count),
    }
    return words.get(name, "{count} {name}").format(count=count, name=name)


def _comparison_pdf(registry: Any, folder: Path) -> str:
    from locator.compare import ComparisonMatrix
    from locator.ui.documents import write_pdf

    matrix = ComparisonMatrix.of(registry.clinics[:2])
    path = write_pdf(matrix.to_html(), folder / "comparison.pdf", landscape=True)
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or len(data) < 1000:
        raise SelfTestError(_("the PDF written is not a PDF ({size})").format(size=_bytes(data)))
    return _bytes(data)


def _bytes(data: bytes) -> str:
    """ "12,345 bytes", as the reader's language writes the number and the word."""
    return ngettext("{count} byte", "{count} bytes", len(data)).format(count=number(len(data)))
