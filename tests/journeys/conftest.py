"""Journeys run the app as it starts for a user, in a real X11 window (pytest-xvfb).

``make_window`` opens the main window on a copy of the test registry (never the shipped one,
so adding a clinic to clinics.yaml changes no journey), waits until it is ready to search —
as a person waits for the status line to go quiet — and closes it after the test, failing
the test if the map page logged a JavaScript error.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from locator import i18n
from locator.data.paths import choose_registry
from locator.geo.index import INDEX_ENV, ensure_index
from locator.settings import Settings
from locator.ui.background_export import BackgroundExport
from locator.ui.contrast import readable_palette
from locator.ui.focus import show_focus
from locator.ui.language import use_language
from locator.ui.main_window import MainWindow
from locator.ui.teardown import delete_now
from tests.helpers.browser import browser  # noqa: F401 - a fixture for every journey
from tests.helpers.map_support import page_errors
from tests.helpers.paths import TEST_REGISTRY
from tests.helpers.user import MakeWindow, User


@pytest.fixture(autouse=True)
def real_window() -> None:
    """Journeys need a real window system: QtWebEngine offscreen is flaky."""
    platform = QGuiApplication.platformName()
    if platform != "xcb":
        pytest.fail(
            f"journeys run in a real X11 window, not {platform!r}: run them with `make test` "
            "(pytest-xvfb and QT_QPA_PLATFORM=xcb)"
        )


@pytest.fixture(autouse=True)
def looks_as_locator_starts(qapp: QApplication) -> Iterator[None]:
    """The style and palette ``locator`` gives the app (its focus ring, readable colours), as
    a person sees them; the test run's own put back after the journey."""
    style, palette = qapp.style().name(), qapp.palette()
    show_focus(qapp)
    qapp.setPalette(readable_palette(qapp.palette()))
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.fixture(scope="session")
def place_index(gazetteer_index: Path) -> Path:
    """The session's offline place index, built before the first window opens: a new user's
    first window waits for the build, and on a busy machine it would eat a journey's wait."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(INDEX_ENV, str(gazetteer_index))
        return ensure_index()


@pytest.fixture
def registry_copy(tmp_path: Path) -> Path:
    """A writable copy of the test registry."""
    path = tmp_path / "registry" / "clinics.yaml"
    path.parent.mkdir()
    shutil.copyfile(TEST_REGISTRY, path)
    return path


@pytest.fixture
def make_window(
    qtbot: QtBot, registry_copy: Path, monkeypatch: pytest.MonkeyPatch, place_index: Path
) -> Iterator[MakeWindow]:
    """Open the app's window as ``locator`` would; closed (and checked) after the test."""
    windows: list[MainWindow] = []

    def make(
        registry: Path | None = None,
        *,
        shipped: bool = False,
        tiles_question: bool = False,
        size: tuple[int, int] | None = (1400, 900),
        wait_ready: bool = True,
    ) -> User:
        if not shipped:  # else the registry locator ships with, as for a new user
            monkeypatch.setenv("LOCATOR_REGISTRY", str(registry or registry_copy))
        if not tiles_question:
            Settings.load().allowing_tiles(False).save()  # "Keep it off", answered before
        window = MainWindow(choose_registry(None))
        windows.append(window)
        if size is not None:  # None: the size the window chooses itself
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        user = User(qtbot, window)
        if wait_ready:
            user.wait(lambda: user.named("Map of the clinics found").ready)
            user.wait(lambda: user.named("Search summary").text() != "")
            user.wait_until_quiet()
        return user

    with page_errors() as errors:
        yield make
        _cancel_work_in_progress()  # else a window would ask "Wait or cancel?" of nobody
        opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        for window in dict.fromkeys([*windows, *opened]):  # with those that replaced one
            if isValid(window):  # not yet deleted by the app itself (a window replaced)
                delete_now(window)
        errors.assert_none()


def _cancel_work_in_progress() -> None:
    """Cancel every export and import still running when a journey ends (one that failed
    midway): closing its window then asks nothing, and nothing goes on being written."""
    for widget in QApplication.topLevelWidgets():
        for export in widget.findChildren(BackgroundExport):
            export.cancel()
        if isinstance(widget, MainWindow):
            widget.directory_actions.cancel_import()


@pytest.fixture
def speak(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """``speak("qps")``: the system's language for the windows the test opens; English after."""

    def use(code: str) -> None:
        for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(variable, raising=False)
        monkeypatch.setenv("LANG", f"{code}.UTF-8" if "_" in code else code)

    yield use
    use_language(i18n.SOURCE_LANGUAGE)
