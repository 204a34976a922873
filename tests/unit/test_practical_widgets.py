"""The practical fields in the registry editor's rows: each shows its value, and an edit of one
saves as that one changed line, the rest of the file keeping its bytes. (The search bar's More
filters, remembered with the search, are in ``tests/journeys/test_remembered_search.py``.)"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from locator.data.loader import load_registry
from locator.ui.registry_editor import RegistryEditor
from tests.helpers.registry_texts import PRACTICAL


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    path = tmp_path / "clinics.yaml"
    path.write_text(PRACTICAL, encoding="utf-8")
    return path


@pytest.fixture
def editor(qtbot: QtBot, registry_file: Path) -> Iterator[RegistryEditor]:
    editor = RegistryEditor(registry_file)
    editor.show()
    yield editor
    editor.undo_stack.setClean()
    editor.close()
    editor.deleteLater()


def changed_lines(registry_file: Path) -> list[str]:
    after = registry_file.read_text(encoding="utf-8")
    return [
        line
        for line in difflib.unified_diff(
            PRACTICAL.splitlines(), after.splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def retype(qtbot: QtBot, editor: RegistryEditor, field: str, text: str) -> None:
    widget = editor.fields[field]
    assert isinstance(widget, QLineEdit)
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_every_practical_row_shows_what_the_file_says(editor: RegistryEditor) -> None:
    editor.list.setCurrentRow(0)
    fields = editor.fields
    assert fields["price_per_session"].text() == "400-750"
    assert fields["new_patients_checked"].text() == "2026-11-01"
    assert fields["telehealth_states"].text() == "UT, NV"
    assert fields["driver_note"].text().startswith("You will need someone to drive you home")
    for key, shown in (
        ("accepting_new_patients", "yes"),
        ("spravato_rems_certified", "yes"),
        ("weekend_hours", "no"),
        ("wheelchair_accessible", "yes"),
    ):
        box = fields[key]
        assert isinstance(box, QComboBox)
        assert box.currentText() == shown, key
        assert box.isEnabled(), key
    editor.list.setCurrentRow(2)  # says nothing: "not listed", never "no"
    for key in ("accepting_new_patients", "wheelchair_accessible", "evening_hours"):
        assert fields[key].currentText() == "not listed", key
    assert fields["price_per_session"].text() == ""


def test_a_price_edit_is_one_changed_line(
    qtbot: QtBot, editor: RegistryEditor, registry_file: Path
) -> None:
    editor.list.setCurrentRow(0)
    retype(qtbot, editor, "price_per_session", "$400-$800")
    assert editor.save() == registry_file
    assert changed_lines(registry_file) == [
        "-    price_per_session: {min: 400, max: 750}",
        "+    price_per_session: {min: 400, max: 800}",
    ]


def test_a_date_a_choice_and_a_language_each_change_their_own_line(
    qtbot: QtBot, editor: RegistryEditor, registry_file: Path
) -> None:
    editor.list.setCurrentRow(1)
    retype(qtbot, editor, "new_patients_checked", "2026-11-20")
    box = editor.fields["accepting_new_patients"]
    box.setCurrentIndex(box.findText("yes"))
    editor.list.setCurrentRow(0)
    languages = editor.fields["languages"]
    vietnamese = next(
        languages.item(i)
        for i in range(languages.count())
        if languages.item(i).text() == "Vietnamese"
    )
    vietnamese.setCheckState(Qt.CheckState.Checked)
    editor.save()
    assert changed_lines(registry_file) == [
        "-    languages: [english, spanish]",
        "+    languages: [english, spanish, vietnamese]",
        "-    accepting_new_patients: false",
        "-    new_patients_checked: 2026-10-15",
        "+    accepting_new_patients: true",
        "+    new_patients_checked: 2026-11-20",
    ]
    valley = load_registry(registry_file, use_cache=False).clinics[1]
    assert valley.accepting_new_patients is True
    assert str(valley.new_patients_checked) == "2026-11-20"
