"""The registry editor: form edits saved losslessly, errors beside fields, undo, Locate."""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from locator.data.loader import load_registry
from locator.ui.registry_editor import RegistryEditor
from tests.conftest import TEST_REGISTRY
from tests.registry_texts import VALID


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    return path


@pytest.fixture
def editor(qtbot: QtBot, registry: Path) -> Iterator[RegistryEditor]:
    editor = RegistryEditor(
        registry, locate=lambda query: (40.5794, -111.8816, "postal_code", f"test: {query}")
    )
    editor.show()
    yield editor
    editor.original = editor.clinics  # no "unsaved edits" question when the test closes it
    editor.close()
    editor.deleteLater()


def type_into(qtbot: QtBot, editor: RegistryEditor, field: str, text: str) -> None:
    widget = editor.fields[field]
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_a_field_edit_saves_as_one_changed_line(
    qtbot: QtBot, editor: RegistryEditor, registry: Path
) -> None:
    type_into(qtbot, editor, "name", "First Clinic of Sandy")
    assert editor.save_button.isEnabled()
    assert editor.save() == registry
    diff = [
        line
        for line in difflib.unified_diff(
            VALID.splitlines(), registry.read_text("utf-8").splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert diff == ["-    name: First Clinic", "+    name: First Clinic of Sandy"]


def test_ticking_a_term_keeps_the_list_on_one_line(
    qtbot: QtBot, editor: RegistryEditor, registry: Path
) -> None:
    conditions = editor.fields["conditions"]
    ptsd = next(
        conditions.item(i) for i in range(conditions.count()) if conditions.item(i).text() == "PTSD"
    )
    ptsd.setCheckState(ptsd.checkState().__class__.Checked)
    editor.save()
    text = registry.read_text("utf-8")
    assert "    conditions: [depression, anxiety, ptsd]\n" in text
    assert load_registry(registry, use_cache=False).clinics[0].conditions[-1].value == "ptsd"


def test_field_errors_show_beside_the_field_and_block_saving(
    qtbot: QtBot, editor: RegistryEditor
) -> None:
    type_into(qtbot, editor, "location.latitude", "95")
    error = editor.errors["location"]
    assert error.isVisible()
    assert "latitude: 95.0 is out of range" in error.text()
    assert not editor.save_button.isEnabled()
    assert "fix first-clinic first" in editor.status.text()


def test_undo_and_redo(qtbot: QtBot, editor: RegistryEditor) -> None:
    type_into(qtbot, editor, "name", "Renamed")
    assert editor.clinics[0]["name"] == "Renamed"
    editor.undo_stack.undo()
    assert editor.clinics[0]["name"] == "First Clinic"
    assert editor.fields["name"].text() == "First Clinic"
    editor.undo_stack.redo()
    assert editor.fields["name"].text() == "Renamed"


def test_a_new_clinic_is_refused_until_valid(qtbot: QtBot, editor: RegistryEditor) -> None:
    editor.add_clinic()
    assert not editor.save_button.isEnabled()
    assert editor.errors["id"].isVisibleTo(editor)
    assert "ids are lowercase words joined by hyphens" in editor.errors["id"].text()
    type_into(qtbot, editor, "id", "third-clinic")
    type_into(qtbot, editor, "name", "Third Clinic")
    sources = editor.fields["sources"]
    sources.insertRow(0)
    from PySide6.QtWidgets import QTableWidgetItem

    sources.setItem(0, 0, QTableWidgetItem("seed.txt"))
    sources.setItem(0, 1, QTableWidgetItem("Third."))
    assert editor.save_button.isEnabled(), editor.status.text()


def test_duplicate_gives_a_fresh_id_and_remove_takes_it_away(editor: RegistryEditor) -> None:
    editor.list.setCurrentRow(0)
    editor.duplicate_clinic()
    assert [c["id"] for c in editor.clinics] == ["first-clinic", "first-clinic-2", "second-clinic"]
    editor.remove_clinic()
    assert [c["id"] for c in editor.clinics] == ["first-clinic", "second-clinic"]


def test_locate_fills_the_coordinates_with_honest_precision(
    qtbot: QtBot, editor: RegistryEditor
) -> None:
    editor.locate()
    location = editor.clinics[0]["location"]
    assert location["latitude"] == 40.5794
    assert location["precision"] == "postal_code"
    assert location["source"] == "test: Sandy, UT, 84070"


def test_closing_with_unsaved_edits_asks_first(
    qtbot: QtBot, editor: RegistryEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def answer_no(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    type_into(qtbot, editor, "name", "Renamed")
    editor.close()
    assert editor.isVisible()
    assert asked == ["You have edits that are not saved. Close and lose them?"]


def test_a_change_on_disk_is_never_overwritten_and_can_be_reloaded(
    qtbot: QtBot, editor: RegistryEditor, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    type_into(qtbot, editor, "name", "Mine")
    theirs = VALID.replace("Second Clinic", "Their Clinic")
    registry.write_text(theirs, encoding="utf-8")
    shown: list[str] = []

    def choose_reload(box: QMessageBox) -> int:
        shown.append(box.text())
        reload = next(b for b in box.buttons() if b.text().startswith("Reload"))
        reload.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_reload)
    assert editor.save() is None
    assert "changed on disk since it was opened" in shown[0]
    assert registry.read_text(encoding="utf-8") == theirs
    assert [c["name"] for c in editor.clinics] == ["First Clinic", "Their Clinic"]


def test_providers_are_edited_in_a_table(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QTableWidgetItem

    path = tmp_path / "clinics.yaml"
    shutil.copy(TEST_REGISTRY, path)
    editor = RegistryEditor(path)
    try:
        editor.list.setCurrentRow(2)  # nortex-psychiatry-allen
        providers = editor.fields["providers"]
        assert providers.item(0, 0).text() == "Clayton L. Allison"
        assert providers.item(0, 1).text() == "Dr."
        assert providers.item(1, 2).text() == "PHNP"
        providers.setItem(1, 1, QTableWidgetItem("Ms."))
        assert editor.clinics[2]["providers"][1] == {
            "name": "Brittany Huckaby",
            "title": "Ms.",
            "credentials": "PHNP",
        }
    finally:
        editor.original = editor.clinics
        editor.close()
