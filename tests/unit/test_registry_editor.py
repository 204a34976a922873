"""The registry editor: form edits saved losslessly, errors beside fields, undo, Locate."""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from locator.data.loader import load_registry
from locator.ui.registry_editor import RegistryEditor
from tests.helpers.paths import TEST_REGISTRY
from tests.helpers.registry_texts import TOUR, VALID


@pytest.fixture
def editor(qtbot: QtBot, valid_registry: Path) -> Iterator[RegistryEditor]:
    editor = RegistryEditor(
        valid_registry, locate=lambda query: (40.5794, -111.8816, "postal_code", f"test: {query}")
    )
    editor.show()
    yield editor
    editor.undo_stack.setClean()  # no "unsaved edits" question when the test closes it
    editor.close()
    editor.deleteLater()


def type_into(qtbot: QtBot, editor: RegistryEditor, field: str, text: str) -> None:
    widget = editor.fields[field]
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_a_field_edit_saves_as_one_changed_line(
    qtbot: QtBot, editor: RegistryEditor, valid_registry: Path
) -> None:
    type_into(qtbot, editor, "name", "First Clinic of Sandy")
    assert editor.save_button.isEnabled()
    assert editor.save() == valid_registry
    diff = [
        line
        for line in difflib.unified_diff(
            VALID.splitlines(), valid_registry.read_text("utf-8").splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert diff == ["-    name: First Clinic", "+    name: First Clinic of Sandy"]


def test_ticking_a_term_keeps_the_list_on_one_line(
    qtbot: QtBot, editor: RegistryEditor, valid_registry: Path
) -> None:
    conditions = editor.fields["conditions"]
    ptsd = next(
        conditions.item(i) for i in range(conditions.count()) if conditions.item(i).text() == "PTSD"
    )
    ptsd.setCheckState(ptsd.checkState().__class__.Checked)
    editor.save()
    text = valid_registry.read_text("utf-8")
    assert "    conditions: [depression, anxiety, ptsd]\n" in text
    assert load_registry(valid_registry, use_cache=False).clinics[0].conditions[-1].value == "ptsd"


def test_field_errors_show_beside_the_field_and_block_saving(
    qtbot: QtBot, editor: RegistryEditor
) -> None:
    type_into(qtbot, editor, "location.latitude", "95")
    error = editor.errors["location"]
    assert error.isVisible()
    assert "Latitude: 95.0 is out of range" in error.toolTip()
    assert not editor.save_button.isEnabled()
    assert "First Clinic (first-clinic), line 8: Latitude: 95.0 is out of range" in (
        editor.status.text()
    )


def test_undo_and_redo(qtbot: QtBot, editor: RegistryEditor) -> None:
    type_into(qtbot, editor, "name", "Renamed")
    first = editor.document.key_for("first-clinic")
    assert editor.document.entry(first)["name"] == "Renamed"
    editor.undo_stack.undo()
    assert editor.document.entry(first)["name"] == "First Clinic"
    assert editor.fields["name"].text() == "First Clinic"
    editor.undo_stack.redo()
    assert editor.fields["name"].text() == "Renamed"


def test_a_new_clinic_is_refused_until_valid(qtbot: QtBot, editor: RegistryEditor) -> None:
    editor.add_clinic()
    assert not editor.save_button.isEnabled()
    assert "Id: is empty; fill it in" in editor.errors["id"].toolTip()
    assert "fix ?" not in editor.status.text()
    assert "the new clinic (no id yet), line 23: Id: is empty" in editor.status.text()
    type_into(qtbot, editor, "name", "Third Clinic")
    editor.id_button.click()  # suggests an id from the name
    assert editor.fields["id"].text() == "third-clinic"
    sources = editor.fields["sources"]
    sources.insertRow(0)
    from PySide6.QtWidgets import QTableWidgetItem

    sources.setItem(0, 0, QTableWidgetItem("seed.txt"))
    sources.setItem(0, 1, QTableWidgetItem("Third."))
    # the registry cites its facts, so the name needs its quote, as `locator validate` says
    assert not editor.save_button.isEnabled()
    assert "Third Clinic (third-clinic), line 23: Name: no source quote covers this fact" in (
        editor.status.text()
    )
    sources.setItem(0, 2, QTableWidgetItem("name"))
    assert editor.save_button.isEnabled(), editor.status.text()


def ids(editor: RegistryEditor) -> list[str]:
    return [editor.document.entry(k)["id"] for k in editor.document.clinic_keys()]


def test_duplicate_gives_a_fresh_id_and_remove_takes_it_away(editor: RegistryEditor) -> None:
    editor.list.setCurrentRow(0)
    editor.duplicate_clinic()
    assert ids(editor) == ["first-clinic", "first-clinic-2", "second-clinic"]
    editor.remove_clinic()
    assert ids(editor) == ["first-clinic", "second-clinic"]
    editor.undo_stack.undo()
    assert ids(editor) == ["first-clinic", "first-clinic-2", "second-clinic"]


def test_undo_after_a_remove_edits_the_right_clinic(
    qtbot: QtBot, editor: RegistryEditor, valid_registry: Path
) -> None:
    """The issue's repro: edit clinic 2, remove clinic 1, undo, undo: no IndexError, and the
    edit is undone on clinic 2."""
    editor.list.setCurrentRow(1)
    type_into(qtbot, editor, "name", "Second, renamed")
    editor.list.setCurrentRow(0)
    editor.remove_clinic()
    assert ids(editor) == ["second-clinic"]
    editor.undo_stack.undo()
    assert ids(editor) == ["first-clinic", "second-clinic"]
    editor.undo_stack.undo()
    second = editor.document.key_for("second-clinic")
    assert editor.document.entry(second)["name"] == "Second Clinic"
    editor.undo_stack.redo()
    editor.undo_stack.redo()
    assert ids(editor) == ["second-clinic"]
    assert editor.save() == valid_registry
    assert [c.name for c in load_registry(valid_registry, use_cache=False).clinics] == [
        "Second, renamed"
    ]


def test_locate_fills_the_coordinates_with_honest_precision(
    qtbot: QtBot, editor: RegistryEditor
) -> None:
    editor.locate()
    location = editor.document.entry(editor.document.key_for("first-clinic"))["location"]
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
    qtbot: QtBot, editor: RegistryEditor, valid_registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    type_into(qtbot, editor, "name", "Mine")
    theirs = VALID.replace("Second Clinic", "Their Clinic")
    valid_registry.write_text(theirs, encoding="utf-8")
    shown: list[str] = []

    def choose_reload(box: QMessageBox) -> int:
        shown.append(box.text())
        reload = next(b for b in box.buttons() if b.text().startswith("Reload"))
        reload.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_reload)
    assert editor.save() is None
    assert "changed on disk since it was opened" in shown[0]
    assert valid_registry.read_text(encoding="utf-8") == theirs
    keys = editor.document.clinic_keys()
    assert [editor.document.entry(k)["name"] for k in keys] == ["First Clinic", "Their Clinic"]


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
        key = editor.document.key_for("nortex-psychiatry-allen")
        assert editor.document.entry(key)["providers"][1] == {
            "name": "Brittany Huckaby",
            "title": "Ms.",
            "credentials": "PHNP",
        }
    finally:
        editor.undo_stack.setClean()
        editor.close()


def test_an_unknown_key_is_shown_with_its_line_and_kept_when_another_field_is_fixed(
    qtbot: QtBot, valid_registry: Path
) -> None:
    """The tour: latitude 95 and treatmnets; fixing the latitude in the form keeps the
    treatmnets line, and Save says which field, at which line, in words."""
    valid_registry.write_text(TOUR, encoding="utf-8")
    editor = RegistryEditor(valid_registry)
    try:
        assert "line 13: 'treatmnets' — unknown field 'treatmnets'; did you mean 'treatments'?" in (
            editor.kept.text()
        )
        type_into(qtbot, editor, "location.latitude", "40.59161")
        assert not editor.save_button.isEnabled()
        assert editor.save() is None
        assert "First Clinic (first-clinic), line 13: 'treatmnets': unknown field" in (
            editor.status.text()
        )
        assert valid_registry.read_text(encoding="utf-8") == TOUR
    finally:
        editor.undo_stack.setClean()
        editor.close()


def test_a_value_the_form_cannot_show_is_left_as_written(
    qtbot: QtBot, valid_registry: Path
) -> None:
    valid_registry.write_text(
        VALID.replace("[depression, anxiety]", "[depression, anxiety, insomnia]"), "utf-8"
    )
    editor = RegistryEditor(valid_registry)
    try:
        assert not editor.fields["conditions"].isEnabled()
        assert "line 12: Treats" in editor.kept.text()
    finally:
        editor.close()


def test_a_problem_appearing_never_moves_the_form(qtbot: QtBot, editor: RegistryEditor) -> None:
    website = editor.fields["website"]
    top = website.mapTo(editor, website.rect().topLeft()).y()
    type_into(qtbot, editor, "website", "w")  # not a web address yet: an error appears
    assert "Website" in editor.errors["website"].toolTip()
    assert website.mapTo(editor, website.rect().topLeft()).y() == top
    editor.undo_stack.undo()
    assert website.mapTo(editor, website.rect().topLeft()).y() == top


def test_changing_a_saved_clinics_id_warns_first(
    qtbot: QtBot, editor: RegistryEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def answer(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes if len(asked) > 1 else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    id_field = editor.fields["id"]
    assert id_field.isReadOnly()
    assert editor.id_button.text() == "Change the &id…"
    editor.id_button.click()
    assert "saved with the id 'first-clinic'" in asked[0]
    assert id_field.isReadOnly()  # answered No
    editor.id_button.click()
    assert not id_field.isReadOnly()
    type_into(qtbot, editor, "id", "first-clinic-sandy")
    assert ids(editor) == ["first-clinic-sandy", "second-clinic"]


def test_which_facts_a_quote_supports_is_set_in_its_row_and_saved_losslessly(
    editor: RegistryEditor, valid_registry: Path
) -> None:
    sources = editor.fields["sources"]
    headings = [sources.horizontalHeaderItem(c).text() for c in range(sources.columnCount())]
    assert headings == ["Document", "Exact quote", "Supports (fields, comma-separated)"]
    assert "treatments" in sources.toolTip()  # the tooltip names every field a quote can cover
    cell = sources.item(0, 2)
    assert cell.text() == "name, address, treatments"
    conditions = sources.item(1, 2)
    assert conditions.text() == "conditions"
    conditions.setText("")
    # a fact no quote covers is said beside it, and, as `locator validate` refuses it, blocks
    treats = editor.errors["conditions"].toolTip()
    assert treats.startswith("Treats: no source quote covers this fact; name 'conditions'")
    assert not editor.save_button.isEnabled()
    assert "First Clinic (first-clinic), line 12: Treats: no source quote covers" in (
        editor.status.text()
    )
    cell.setText("name, address, conditions, treatments, adress")  # the first quote says it all
    assert "'adress' is not a field of a clinic; did you mean 'address'?" in (
        editor.errors["sources"].toolTip()
    )
    assert editor.errors["conditions"].toolTip() == ""
    cell.setText("name, address, conditions, treatments")
    assert editor.save() == valid_registry
    assert load_registry(valid_registry, use_cache=False, provenance=True).clinics[0].sources[
        0
    ].covers == [
        "name",
        "address",
        "conditions",
        "treatments",
    ]
    changed = [
        line
        for line in difflib.unified_diff(
            VALID.splitlines(), valid_registry.read_text("utf-8").splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    # only the two rows edited changed, each on its own line, quotes and [...] kept
    assert changed == [
        '-      - {document: seed.txt, quote: "A quote.", covers: [name, address, treatments]}',
        '-      - {document: seed.txt, quote: "It treats depression and anxiety.", covers: '
        "[conditions]}",
        '+      - {document: seed.txt, quote: "A quote.", covers: [name, address, conditions, '
        "treatments]}",
        '+      - {document: seed.txt, quote: "It treats depression and anxiety."}',
    ]


def test_a_misspelled_field_in_supports_blocks_saving_with_validates_sentence(
    qtbot: QtBot, editor: RegistryEditor
) -> None:
    """The tour: typing `treatmnts, notes` in a quote's Supports showed an error, yet Save
    stayed on and wrote a registry `locator validate` refuses."""
    sources = editor.fields["sources"]
    sources.setCurrentCell(1, 2)
    qtbot.keyClick(sources, Qt.Key.Key_F2)  # edit the cell, as the keyboard does
    editor_line = next(w for w in sources.findChildren(QLineEdit) if w.isVisible())
    editor_line.selectAll()
    qtbot.keyClicks(editor_line, "treatmnts, notes")
    qtbot.keyClick(editor_line, Qt.Key.Key_Return)  # the table takes the text when idle
    qtbot.waitUntil(lambda: sources.item(1, 2).text() == "treatmnts, notes")
    assert not editor.save_button.isEnabled()
    status = editor.status.text()
    assert (
        "First Clinic (first-clinic), line 16: Sources, row 2: supports: 'treatmnts' is not a "
        "field of a clinic; did you mean 'treatments'?; covers names the fields this quote "
        "supports (name, "
    ) in status
    assert ">Show it</a>" in status
    assert editor.save() is None  # Alt+S or a click: refused, with the reason
    assert "'notes' needs no quote" in " ".join(
        p for _, p in editor.document.problems(editor.document.key_for("first-clinic"))
    )
    # the sentence wraps beside the field: the form never gets wider than its scroll area
    assert editor.errors["sources"].text().startswith("Sources, row 2: supports: 'treatmnts'")
    form = editor.form_scroll.widget()
    assert form.width() <= editor.form_scroll.viewport().width()
    assert not editor.form_scroll.horizontalScrollBar().isVisible()


def test_an_entry_is_made_an_unnamed_provider_from_its_kind(
    editor: RegistryEditor, valid_registry: Path
) -> None:
    kind = editor.fields["kind"]
    assert [kind.itemText(i) for i in range(kind.count())] == [
        "Clinic",
        "Unnamed provider reported in this area",
    ]
    assert kind.currentText() == "Clinic"  # no kind written: a clinic
    kind.setCurrentIndex(1)
    assert editor.save() == valid_registry
    assert "    kind: unnamed_provider\n    name: First Clinic\n" in valid_registry.read_text(
        "utf-8"
    )
    assert load_registry(valid_registry, use_cache=False).clinics[0].kind == "unnamed_provider"
