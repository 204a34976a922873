"""The app follows its registry file: valid edits reload, invalid ones show a banner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from locator.ui.main_window import MainWindow
from tests.test_app import close, open_window, search, shown_ids
from tests.test_validate_errors import VALID


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "registry" / "clinics.yaml"
    path.parent.mkdir()
    path.write_text(VALID, encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, registry: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, tmp_path, registry)
    qtbot.waitUntil(
        lambda: window.index is not None and window.geocoding is not None, timeout=60_000
    )
    search(qtbot, window, "Sandy, UT")
    yield window
    close(window)


def names(window: MainWindow) -> list[str]:
    return [window.proxy.index(r, 2).data() for r in range(window.proxy.rowCount())]


def save_by_rename(path: Path, text: str) -> None:
    """What vim and VS Code do: write a new file, then rename it over the old one."""
    temporary = path.with_name(".clinics.yaml.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_a_valid_change_reloads_and_keeps_the_search(
    qtbot: QtBot, window: MainWindow, registry: Path
) -> None:
    assert names(window) == ["First Clinic"]
    window.table.selectRow(0)
    registry.write_text(VALID.replace("First Clinic", "First Clinic (renamed)"), "utf-8")
    qtbot.waitUntil(lambda: names(window) == ["First Clinic (renamed)"], timeout=5_000)
    assert window.search_bar.place.text() == "Sandy, UT"
    assert window.detail.clinic.name == "First Clinic (renamed)"  # the selection stays


def test_saves_by_rename_are_followed(qtbot: QtBot, window: MainWindow, registry: Path) -> None:
    save_by_rename(registry, VALID.replace("First Clinic", "Once"))
    qtbot.waitUntil(lambda: names(window) == ["Once"], timeout=5_000)
    save_by_rename(registry, VALID.replace("First Clinic", "Twice"))
    qtbot.waitUntil(lambda: names(window) == ["Twice"], timeout=5_000)


def test_an_invalid_change_shows_a_banner_and_keeps_the_last_good_data(
    qtbot: QtBot, window: MainWindow, registry: Path
) -> None:
    registry.write_text(VALID.replace("latitude: 40.59161", "latitude: 95"), "utf-8")
    qtbot.waitUntil(window.message.isVisible, timeout=5_000)
    assert f"{registry}:8:17: clinics[0].location.latitude: 95 is out of range" in (
        window.message.text()
    )
    assert shown_ids(window) == ["first-clinic"]
    assert window.map.evaluate("locatorMap.markerCount()") == 1
    registry.write_text(VALID, "utf-8")
    qtbot.waitUntil(lambda: not window.message.isVisible(), timeout=5_000)
    assert shown_ids(window) == ["first-clinic"]
