"""Shared fixtures: every test gets its own user directories, never the real ones."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
import pytest
from hypothesis import settings

from tests.helpers.cli import CliRunner
from tests.helpers.language import speaking
from tests.helpers.paths import REPO, SEED_COPY, TEST_REGISTRY
from tests.helpers.registry_texts import VALID

if TYPE_CHECKING:
    from locator.data.models import Registry

# No test has a wall-clock limit: hypothesis's per-example deadline fails a sound property on a
# busy machine, so the suite's profile has none.
settings.register_profile("locator", deadline=None)
settings.load_profile("locator")

# The user's real folders, found before any test changes HOME or XDG_*: the suite must leave
# them as they were.
_REAL_HOME = Path.home()
REAL_USER_DIRS = tuple(
    dict.fromkeys(
        Path(folder)
        for folder in (
            _REAL_HOME / ".cache" / "locator",
            _REAL_HOME / ".local" / "share" / "locator",
            _REAL_HOME / ".config" / "locator",
            platformdirs.user_cache_dir("locator"),
            platformdirs.user_data_dir("locator"),
            platformdirs.user_config_dir("locator"),
        )
    )
)


def _snapshot(folder: Path) -> dict[str, tuple[int, int]] | None:
    """Every file and folder under ``folder`` with its mtime and size; None when absent."""
    if not folder.exists():
        return None
    found = {".": (folder.stat().st_mtime_ns, 0)}
    for path in folder.rglob("*"):
        try:
            status = path.lstat()
        except FileNotFoundError:  # removed while we looked: not ours to judge
            continue
        found[str(path.relative_to(folder))] = (status.st_mtime_ns, status.st_size)
    return found


def pytest_configure(config: pytest.Config) -> None:
    """Qt offscreen unless a run asks for xcb; QtWebEngine without the network, loaded
    before the QApplication exists, as it must be."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--no-sandbox" not in flags:
        flags.append("--no-sandbox")
    # Tests never reach the internet: the web view sends every request but this machine's to
    # a proxy that is not there (map tiles included), whatever a test's settings allow. (Qt
    # splits these flags at spaces, so a host-resolver rule cannot be written here.)
    flags.append("--proxy-server=http://127.0.0.1:9")
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401 - must precede the app

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


# Modules whose every test runs a whole program for seconds (the app, a build, apt): left
# out of `make test-fast` with the windowed tests.
SLOW_MODULES = {
    "test_accessibility_tree.py": "starts the app on an accessibility bus of its own",
    "test_bench_smoke.py": "runs every benchmark once",
    "test_contrast.py": "starts the app under two desktop themes",
    "test_install_script.py": "installs a bundle into a home folder",
    "test_real_window.py": "starts the app in a real X11 window",
    "test_self_test.py": "starts the app's self-test",
    "test_soak.py": "draws 10,000 map updates",
    "test_system_packages.py": "asks apt and the dynamic linker",
    "test_wheel.py": "builds and installs the wheel",
}
# What a test's own module uses that needs QtWebEngine.
_WEB_ENGINE = ("locator.ui.main_window", "locator.ui.map_view", "tests.helpers.map_support")


def _uses_web_engine(module: object) -> bool:
    return any(
        getattr(value, "__module__", None) in _WEB_ENGINE
        or getattr(value, "__name__", "") in _WEB_ENGINE
        for value in vars(module).values()
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by what it needs, so a run can leave out the slow kinds (`make
    test-fast`): ``gui`` a window (Qt widgets, or a journey), ``webengine`` the map's web
    view, ``slow`` a whole program run for seconds (:data:`SLOW_MODULES`); a journey is
    run once more when it fails (pytest-rerunfailures), and the summary names it."""
    for item in items:
        journey = "journeys" in item.path.parts
        module = getattr(item, "module", None)
        if journey or "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
        if journey or (module is not None and _uses_web_engine(module)):
            item.add_marker(pytest.mark.webengine)
        if journey:  # run once more if it fails; the summary lists it as rerun (-rR)
            item.add_marker(pytest.mark.flaky(reruns=1))
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(optionalhook=True)
def pytest_xvfb_disable(config: pytest.Config) -> bool:
    """pytest-xvfb starts Xvfb only for runs in a real X11 window (QT_QPA_PLATFORM=xcb).

    Offscreen runs must not get a DISPLAY: QtWebEngine then crashes the process (segfault).
    """
    return os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen"


@pytest.fixture(scope="session", autouse=True)
def shipped_registry_untouched() -> object:
    """No test may write the repository's clinics.yaml (edits go to temporary copies)."""
    path = REPO / "clinics.yaml"
    before = path.read_bytes()
    yield
    assert path.read_bytes() == before, "a test changed clinics.yaml"
    assert not (REPO / "clinics.yaml.~1~").exists(), "a test wrote a backup of clinics.yaml"


@pytest.fixture(scope="session", autouse=True)
def real_user_dirs_untouched() -> Iterator[None]:
    """No test may create, change or remove anything in the user's real locator folders."""
    before = {folder: _snapshot(folder) for folder in REAL_USER_DIRS}
    yield
    for folder, was in before.items():
        now = _snapshot(folder)
        if now == was:
            continue
        if was is None or now is None:
            change = "created" if was is None else "removed"
        else:
            paths = sorted(
                name for name in was.keys() | now.keys() if was.get(name) != now.get(name)
            )
            change = "changed: " + ", ".join(paths[:10])
        pytest.fail(f"the test suite touched the real {folder} ({change})", pytrace=False)


@pytest.fixture(scope="session")
def gazetteer_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the offline place index is built, once for the whole session, on first use."""
    return tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, gazetteer_index: Path
) -> Path:
    """Fresh user cache, data and config folders for each test; one shared place index.

    Returns the fake home folder; its ``xdg_cache_home``, ``xdg_data_home`` and
    ``xdg_config_home`` are the user folders.
    """
    monkeypatch.setenv("LOCATOR_GAZETTEER_INDEX", str(gazetteer_index))
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        folder = home / variable.lower()
        folder.mkdir()
        monkeypatch.setenv(variable, str(folder))
    monkeypatch.delenv("LOCATOR_REGISTRY", raising=False)
    for editor in ("VISUAL", "EDITOR"):  # "open the file" never starts the real editor
        monkeypatch.delenv(editor, raising=False)
    return home


@pytest.fixture
def run_cli(isolated_user_dirs: Path) -> CliRunner:
    """Run the ``locator`` command in this test's isolated user folders (see CliRunner)."""
    return CliRunner(isolated_user_dirs)


@pytest.fixture
def valid_registry(tmp_path: Path) -> Path:
    """A small valid registry (``registry_texts.VALID``) at ``tmp_path/clinics.yaml``."""
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    return path


@pytest.fixture
def seeds() -> dict[str, str]:
    """The seed documents the registry cites, by file name: the copy kept with the tests, so
    the quote checks run on any clone (``test_the_seed_copy_matches_the_originals`` keeps it
    true to the documents beside the checkout)."""
    return {path.name: path.read_text(encoding="utf-8") for path in SEED_COPY.glob("*.txt")}


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The test registry (a frozen copy of the bundled one), loaded once."""
    from locator.data.loader import load_registry

    return load_registry(TEST_REGISTRY, use_cache=False)


@pytest.fixture
def spanish() -> Iterator[None]:
    """The app's words in Spanish during the test, as a Spanish-speaking user reads them."""
    with speaking("es"):
        yield


@pytest.fixture
def make_read_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """``make_read_only(folder)``: no file can be made in ``folder``, as for a user (root, who
    writes anywhere, is refused by the system call as a user would be); undone after the test."""
    locked: list[Path] = []

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    def make(folder: Path) -> None:
        folder.chmod(0o555)
        locked.append(folder)
        if os.geteuid() == 0:
            from locator import files

            monkeypatch.setattr(files.tempfile, "mkstemp", refuse)

    yield make
    for folder in locked:
        folder.chmod(0o755)
