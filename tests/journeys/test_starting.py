"""Starting the app as people do: bare `locator` on the registry it ships with, and
`locator gui --registry FILE` on their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from locator.cli import main
from locator.data.loader import load_registry
from locator.data.paths import shipped_registry
from tests.helpers.counting import counted
from tests.helpers.registry_texts import VALID
from tests.helpers.user import User


def start(qtbot: QtBot, argv: list[str]) -> str:
    """Run ``locator ARGV`` until its window says how many clinics it has; then File → Quit."""
    seen: list[str] = []

    def quit_when_ready() -> None:
        windows = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMainWindow) and w.isVisible()
        ]
        user = User(qtbot, windows[0]) if windows else None
        summary = user.named("Search summary").text() if user else ""
        if " in the registry, covering " in summary:
            seen.append(summary)
            user.menu("File", "Quit")
        else:
            QTimer.singleShot(100, quit_when_ready)

    QTimer.singleShot(100, quit_when_ready)
    assert main(argv) == 0
    return seen[0]


@pytest.mark.parametrize("argv", [[], ["gui"]])
def test_bare_locator_opens_the_shipped_registry(qtbot: QtBot, argv: list[str]) -> None:
    clinics = load_registry(shipped_registry()).clinics
    assert start(qtbot, argv).startswith(f"{counted(clinics)} in the registry")


def test_locator_gui_opens_the_registry_it_is_given(qtbot: QtBot, tmp_path: Path) -> None:
    registry = tmp_path / "mine.yaml"
    registry.write_text(VALID, encoding="utf-8")
    assert start(qtbot, ["gui", "--registry", str(registry)]).startswith(
        "2 providers (1 at 1 place, 1 with no listed location) in the registry"
    )
