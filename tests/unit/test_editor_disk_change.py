"""The editor and another program's change to its file: merged from Save's question too."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from locator.ui.registry_editor import RegistryEditor
from tests.helpers.registry_texts import VALID


def test_save_refused_by_a_change_on_disk_offers_to_merge(
    qtbot: QtBot, valid_registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = RegistryEditor(valid_registry)
    qtbot.addWidget(editor)
    editor.fields["name"].selectAll()
    qtbot.keyClicks(editor.fields["name"], "Mine")
    theirs = VALID.replace("Second Clinic", "Their Clinic")
    valid_registry.write_text(theirs, encoding="utf-8")  # before the editor looks again

    def choose_merge(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text().startswith("Mer&ge")).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_merge)
    assert editor.save() is None  # refused: nothing written over their change
    assert valid_registry.read_text(encoding="utf-8") == theirs
    assert "with your edits to 1 clinic" in editor.status.text()
    assert editor.save() == valid_registry
    assert valid_registry.read_text(encoding="utf-8") == theirs.replace(
        "name: First Clinic", "name: Mine"
    )
    editor.close()
