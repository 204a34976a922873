"""Shared fixtures: every test gets its own user directories, never the real ones."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def pytest_configure(config: pytest.Config) -> None:
    """Qt offscreen; QtWebEngine loaded before the QApplication exists, as it must be."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401 - must precede the app

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@pytest.fixture(scope="session", autouse=True)
def shipped_registry_untouched() -> object:
    """No test may write the repository's clinics.yaml (edits go to temporary copies)."""
    path = REPO / "clinics.yaml"
    before = path.read_bytes()
    yield
    assert path.read_bytes() == before, "a test changed clinics.yaml"
    assert not (REPO / "clinics.yaml.bak").exists(), "a test wrote clinics.yaml.bak"


@pytest.fixture(scope="session")
def gazetteer_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the offline place index is built, once for the whole session, on first use."""
    return tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, gazetteer_index: Path
):
    """Fresh user cache, data and config folders for each test; one shared place index."""
    monkeypatch.setenv("LOCATOR_GAZETTEER_INDEX", str(gazetteer_index))
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        folder = home / variable.lower()
        folder.mkdir()
        monkeypatch.setenv(variable, str(folder))
    monkeypatch.delenv("LOCATOR_REGISTRY", raising=False)
    return home


@pytest.fixture
def seeds() -> dict[str, str]:
    """The seed documents beside the checkout, by file name; skips when they are absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not at {SEEDS} (they sit beside the checkout)")
    return {path.name: path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")}
