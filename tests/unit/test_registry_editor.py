"""The registry editor: form edits saved losslessly, errors beside fields, undo, Locate."""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from locator.data.editing import RegistryDocument
from locator.data.entry_fields import each_value, grouped
from locator.data.loader import load_registry
from locator.data.synthetic import synthetic_registry
from locator.ui import registry_editor
from locator.ui.preferences import Preferences
from locator.ui.registry_editor import RegistryEditor
from tests.helpers.language import speaking
from tests.helpers.paths import TEST_REGISTRY
from tests.helpers.registry_texts import TOUR, VALID
from tests.helpers.save_dialog import answer_save_dialog


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
    assert editor.errors["id"].text() == ""  # nothing typed yet: nothing wrong yet
    assert "fix ?" not in editor.status.text()
    assert "the new clinic (no id yet), not in the file yet: Id: is empty" in (editor.status.text())
    assert editor.save() is None  # a save tried: every problem is shown at its field
    assert "Id: is empty; fill it in" in editor.errors["id"].toolTip()
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
    assert "Third Clinic (third-clinic), not in the file yet: Name: no source quote covers" in (
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


def test_closing_with_unsaved_edits_offers_save_by_default(
    qtbot: QtBot, editor: RegistryEditor, monkeypatch: pytest.MonkeyPatch, valid_registry: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    asked: list[tuple[str, list[str], str]] = []

    def press_enter(box: QMessageBox) -> int:
        buttons = sorted(b.text() for b in box.buttons() if b.isEnabled())
        default = box.defaultButton()
        asked.append((box.text(), buttons, default.text() if default else ""))
        default.click()  # Enter presses the default button
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_enter)
    type_into(qtbot, editor, "name", "Renamed")
    editor.close()
    assert asked == [
        (
            "You have edits that are not saved. Save them before closing?",
            ["&Discard", "&Save", "Cancel"],
            "&Save",
        )
    ]
    assert "name: Renamed" in valid_registry.read_text("utf-8")  # Enter saved the work
    assert not editor.isVisible()


def test_closing_with_edits_that_cannot_be_saved_defaults_to_cancel(
    qtbot: QtBot, editor: RegistryEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    defaults: list[str] = []

    def press_enter(box: QMessageBox) -> int:
        defaults.append(box.defaultButton().text())
        box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_enter)
    editor.show()
    type_into(qtbot, editor, "location.latitude", "95")
    editor.close()
    assert defaults == ["Cancel"]
    assert editor.isVisible()  # the edit is still there to fix


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
        assert "line 13: “treatmnets” — unknown field “treatmnets”; did you mean “treatments”?" in (
            editor.kept.text()
        )
        type_into(qtbot, editor, "location.latitude", "40.59161")
        assert not editor.save_button.isEnabled()
        assert editor.save() is None
        assert "First Clinic (first-clinic), line 13: “treatmnets”: unknown field" in (
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
        VALID.replace("[depression, anxiety]", "[depression, anxiety, anxiety]"), "utf-8"
    )
    editor = RegistryEditor(valid_registry)
    try:
        assert not editor.fields["conditions"].isEnabled()  # a term twice: a list cannot
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

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        yes = len(asked) > 1
        return (QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No).value

    monkeypatch.setattr(QMessageBox, "exec", answer)
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


def supports(editor: RegistryEditor) -> QListWidget:
    return next(
        w
        for w in editor.findChildren(QListWidget)
        if w.accessibleName() == "What the selected quote supports"
    )


def ticked(checklist: QListWidget) -> list[str]:
    items = [checklist.item(i) for i in range(checklist.count())]
    return [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]


def tick(checklist: QListWidget, text: str, state: Qt.CheckState) -> None:
    items = [checklist.item(i) for i in range(checklist.count())]
    next(i for i in items if i.text() == text).setCheckState(state)


def test_which_facts_a_quote_supports_is_ticked_by_label_and_saved_losslessly(
    editor: RegistryEditor, valid_registry: Path
) -> None:
    sources = editor.fields["sources"]
    headings = [sources.horizontalHeaderItem(c).text() for c in range(sources.columnCount())]
    assert headings == ["Document", "Exact quote", "Supports"]
    assert sources.item(0, 2).text() == "Name, Address, Offers"  # the form's words, not keys
    checklist = supports(editor)
    sources.setCurrentCell(1, 0)
    # the facts this clinic states, by the labels of their fields, and each value of a list
    assert [checklist.item(i).text() for i in range(checklist.count())] == [
        "Name",
        "Address",
        "Treats",
        "Treats: Depression",
        "Treats: Anxiety",
        "Offers",
        "Offers: IV ketamine infusion",
    ]
    assert ticked(checklist) == ["Treats"]
    tick(checklist, "Treats", Qt.CheckState.Unchecked)
    # a fact no quote covers is said beside it, and, as `locator validate` refuses it, blocks
    treats = editor.errors["conditions"].toolTip()
    assert treats.startswith(
        "Treats: no source quote covers this fact; under Sources, select the quote that says "
        "it and tick 'Treats'"
    )
    assert "conditions" not in treats  # no key of the file
    assert not editor.save_button.isEnabled()
    assert "First Clinic (first-clinic), line 12: Treats: no source quote covers" in (
        editor.status.text()
    )
    sources.setCurrentCell(0, 1)
    assert ticked(checklist) == ["Name", "Address", "Offers"]
    tick(checklist, "Treats", Qt.CheckState.Checked)  # the first quote says it all
    assert sources.item(0, 2).text() == "Name, Address, Offers, Treats"
    assert editor.errors["conditions"].toolTip() == ""
    assert editor.save() == valid_registry
    first = load_registry(valid_registry, use_cache=False, provenance=True).clinics[0]
    assert first.sources[0].covers == ["name", "address", "treatments", "conditions"]
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
        '+      - {document: seed.txt, quote: "A quote.", covers: [name, address, treatments, '
        "conditions]}",
        '+      - {document: seed.txt, quote: "It treats depression and anxiety."}',
    ]


def test_a_misspelled_field_in_supports_is_shown_and_blocks_saving_until_unticked(
    qtbot: QtBot, valid_registry: Path
) -> None:
    """The tour: `treatmnts, notes` in a quote's Supports showed an error, yet Save stayed on
    and wrote a registry `locator validate` refuses."""
    valid_registry.write_text(
        VALID.replace("covers: [conditions]", "covers: [conditions, treatmnts, notes]"), "utf-8"
    )
    editor = RegistryEditor(valid_registry)
    editor.show()
    sources = editor.fields["sources"]
    assert sources.item(1, 2).text() == "Treats, “treatmnts”, “notes”"
    sources.setCurrentCell(1, 0)
    checklist = supports(editor)
    assert ticked(checklist) == [
        "Treats",
        "treatmnts (not a field of a clinic)",
        "notes (needs no quote)",
    ]
    assert not editor.save_button.isEnabled()
    status = editor.status.text()
    assert (
        "First Clinic (first-clinic), line 16: Sources, row 2: supports: “treatmnts” is not a "
        "field of a clinic; untick it"
    ) in status
    assert ">Show it</a>" in status
    assert editor.save() is None  # Alt+S or a click: refused, with the reason
    # the sentence wraps beside the field: the form never gets wider than its scroll area
    assert editor.errors["sources"].text().startswith("Sources, row 2: supports: “treatmnts”")
    form = editor.form_scroll.widget()
    assert form.width() <= editor.form_scroll.viewport().width()
    assert not editor.form_scroll.horizontalScrollBar().isVisible()
    tick(checklist, "treatmnts (not a field of a clinic)", Qt.CheckState.Unchecked)
    assert "'Notes' needs no quote; untick it" in editor.errors["sources"].text()
    tick(checklist, "notes (needs no quote)", Qt.CheckState.Unchecked)
    assert editor.save() == valid_registry
    assert "covers: [conditions]}" in valid_registry.read_text("utf-8")
    editor.close()
    editor.deleteLater()


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


def test_a_misspelled_term_keeps_its_list_usable_and_is_fixed_in_one_click(
    qtbot: QtBot, valid_registry: Path
) -> None:
    """The term is named in the fix's button as written: an "&" in it is no Alt letter."""
    valid_registry.write_text(
        VALID.replace("[depression, anxiety]", "[depres&ion, anxiety]"), encoding="utf-8"
    )
    editor = RegistryEditor(valid_registry)
    editor.show()
    conditions = editor.fields["conditions"]
    assert conditions.isEnabled()
    shown = {conditions.item(i).text(): conditions.item(i).checkState() for i in range(13)}
    assert shown["depres&ion (not a known condition)"] == Qt.CheckState.Checked
    assert shown["Anxiety"] == Qt.CheckState.Checked
    assert editor.errors["conditions"].toolTip() == (
        "Treats, item 1: unknown condition “depres&ion”; did you mean “Depression”?"
    )
    assert not editor.save_button.isEnabled()
    fix = next(b for b in editor.findChildren(QPushButton) if b.text().startswith("R&eplace"))
    assert fix.text() == "R&eplace “depres&&ion” with “Depression”"
    fix.click()
    assert not fix.isVisible()
    assert editor.errors["conditions"].text() == ""
    assert editor.save() == valid_registry
    assert "    conditions: [depression, anxiety]\n" in valid_registry.read_text("utf-8")
    editor.close()
    editor.deleteLater()


def test_a_long_problem_is_shown_whole_and_never_shrinks_the_form(
    qtbot: QtBot, editor: RegistryEditor
) -> None:
    editor.resize(800, 560)
    qtbot.waitUntil(lambda: editor.width() == 800)
    height = editor.form_scroll.height()
    long = "It treats depression and anxiety, says the clinic on its page about infusions. " * 4
    long += "\a"
    editor.fields["sources"].item(1, 1).setText(long)  # a control character in the quote
    error = editor.errors["sources"]
    assert "holds a control character" in error.text()
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()))  # whole
    assert "holds a control character" in editor.status.text()
    assert editor.form_scroll.height() == height  # the reason scrolls in its two lines


def test_a_quotes_values_are_ticked_one_by_one_and_written_grouped() -> None:
    """The Supports list ticks each value alone; its covers item names a field's values
    together, where the first of them was."""
    written = ["name", "service_area[Allen, TX; Frisco, TX]", "treatments[consultation]"]
    ticks = each_value(written)
    assert ticks == [
        "name",
        "service_area[Allen, TX]",
        "service_area[Frisco, TX]",
        "treatments[consultation]",
    ]
    assert grouped([*ticks, "service_area[Dallas, TX]"]) == [
        "name",
        "service_area[Allen, TX; Frisco, TX; Dallas, TX]",
        "treatments[consultation]",
    ]
    assert grouped(ticks) == written


def test_a_registry_turned_into_a_pipe_under_the_editor_is_said_in_words_and_edits_kept(
    qtbot: QtBot, editor: RegistryEditor, valid_registry: Path
) -> None:
    type_into(qtbot, editor, "name", "First Clinic of Sandy")
    valid_registry.unlink()
    os.mkfifo(valid_registry)
    editor.merge()
    said = editor.status.text()
    assert "cannot be read now; your edits are kept here: it is a pipe or a device, not a" in said
    assert "Errno" not in said
    assert editor.has_changes()
    assert editor.fields["name"].text() == "First Clinic of Sandy"


def _mine_and_theirs(
    qtbot: QtBot, editor: RegistryEditor, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit typed while the file changed on disk; the save's question answered "Save mine as
    another file…"."""
    from PySide6.QtWidgets import QMessageBox

    type_into(qtbot, editor, "name", "Mine")
    registry.write_text(VALID.replace("Second Clinic", "Their Clinic"), encoding="utf-8")

    def keep_mine(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "&Save mine as another file…").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", keep_mine)


def test_mine_saved_as_another_file_goes_through_the_apps_save_dialog(
    qtbot: QtBot, valid_registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy is proposed beside the registry under a name no planted link holds, and the
    folder is remembered as every other save's is."""

    outside = tmp_path / "outside.txt"
    (tmp_path / "clinics.mine.yaml").symlink_to(outside)  # planted: never proposed
    preferences = Preferences(tmp_path / "window.ini")
    editor = RegistryEditor(valid_registry, preferences=preferences)
    qtbot.addWidget(editor)
    _mine_and_theirs(qtbot, editor, valid_registry, monkeypatch)
    proposed: list[str] = []

    def read_proposal() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, read_proposal)
            return
        proposed.append(dialog.findChild(QLineEdit, "fileNameEdit").text())

    QTimer.singleShot(0, read_proposal)
    started = answer_save_dialog("copy")
    saved = editor.save()
    editor.undo_stack.setClean()
    assert started == [tmp_path]
    assert proposed == ["clinics.mine (2).yaml"]
    assert saved == tmp_path / "copy.yaml"
    assert "name: Mine" in saved.read_text("utf-8")
    assert not outside.exists()
    assert preferences.last_folder == tmp_path
    assert "Their Clinic" in valid_registry.read_text("utf-8")


def test_mine_saved_as_another_file_from_an_opened_registry_is_said_as_it_happened(
    qtbot: QtBot, valid_registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A registry the user opened, not the shipped one: the window says the edits went to the
    file they named and the registry they had open is unchanged, never "your own copy"."""
    from PySide6.QtWidgets import QWidget

    from locator.data.paths import RegistryChoice
    from locator.ui.message_bar import MessageBar, MessageKind
    from locator.ui.registry_actions import RegistryActions
    from locator.ui.registry_session import RegistrySession

    parent = QWidget()
    qtbot.addWidget(parent)
    session = RegistrySession(RegistryChoice(valid_registry, "opened in the app"), parent)
    bar = MessageBar(parent)
    actions = RegistryActions(
        session,
        bar,
        lambda query: (0.0, 0.0, "city", query),
        lambda *_shown: None,
        Preferences(tmp_path / "window.ini"),
        parent,
    )
    actions.edit()
    editor = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, RegistryEditor) and w.isVisible()
    )
    qtbot.addWidget(editor)
    _mine_and_theirs(qtbot, editor, valid_registry, monkeypatch)
    answer_save_dialog("copy")
    with qtbot.waitSignal(session.loaded):
        editor.save()
    editor.undo_stack.setClean()
    said = bar.text(MessageKind.NOTICE)
    assert said == (
        f"Your edits were saved as <b>{tmp_path / 'copy.yaml'}</b>; locator uses it from now "
        f"on. The registry you had open, <b>{valid_registry}</b>, is unchanged."
    )
    assert session.path == tmp_path / "copy.yaml"
    assert "Their Clinic" in valid_registry.read_text("utf-8")


def test_a_quote_longer_than_a_line_edit_holds_is_edited_whole(
    qtbot: QtBot, valid_registry: Path
) -> None:
    """Editing a Sources cell kept its first 32,767 characters (a line edit's own limit), so a
    long quote typed into was saved cut."""
    from PySide6.QtWidgets import QStyleOptionViewItem, QTableWidget

    quote = "Q" * 40_000
    valid_registry.write_text(VALID.replace('"A quote."', quote, 1), "utf-8")
    editor = RegistryEditor(valid_registry)
    qtbot.addWidget(editor)
    sources = editor.fields["sources"]
    assert isinstance(sources, QTableWidget)
    index = sources.model().index(0, 1)
    delegate = sources.itemDelegate()
    line = delegate.createEditor(sources.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(line, QLineEdit)
    delegate.setEditorData(line, index)
    line.end(False)
    line.insert("!")  # as typed at the end
    delegate.setModelData(line, sources.model(), index)
    assert sources.item(0, 1).text() == quote + "!"


def test_a_million_character_note_quote_and_name_are_shown_cut_and_held_whole(
    qtbot: QtBot, valid_registry: Path
) -> None:
    """Values no one reads whole: the list, the Sources table and the status line show them
    cut with "…", the Notes box breaks its one long word anywhere (laid out at its end again
    and again, a megabyte's note took minutes to show); every field holds every character,
    for a save to keep."""
    from PySide6.QtGui import QTextOption
    from PySide6.QtWidgets import QPlainTextEdit, QTableWidget

    name, quote, notes = "W" * 1_000_000, "Q" * 1_000_000, "N" * 1_000_000
    text = VALID.replace("name: First Clinic", f"name: {name}\n    notes: {notes}", 1)
    valid_registry.write_text(text.replace('"A quote."', quote, 1), "utf-8")
    editor = RegistryEditor(valid_registry)
    qtbot.addWidget(editor)
    editor.show()
    box = editor.fields["notes"]
    assert isinstance(box, QPlainTextEdit)
    assert box.toPlainText() == notes
    assert box.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    sources = editor.fields["sources"]
    assert isinstance(sources, QTableWidget)
    shown = sources.itemDelegate().displayText(sources.item(0, 1).text(), QLocale())
    assert shown == "Q" * 1_000 + "…"
    assert sources.item(0, 1).text() == quote  # the cell holds it whole, to edit
    assert editor.list.item(0).text() == "W" * 1_000 + "…\nfirst-clinic"
    assert not editor.fields["name"].isEnabled()  # too long for a line: kept as written
    assert "line 5: Name — the form cannot show this value" in editor.kept.text()
    website = editor.fields["website"]
    website.insert("https://example.org/")  # as pasted; no quote says it: Save is refused
    assert editor.save() is None
    assert "W" * 1_000 + "… (first-clinic), line 4: Website:" in editor.status.text()
    assert "W" * 1_001 not in editor.status.text()
    box.setPlainText("A short note.")
    assert box.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    editor.undo_stack.setClean()


def test_a_refused_saves_question_shows_its_buttons_whole_with_alt_letters_in_spanish(
    qtbot: QtBot, valid_registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file changed on disk, Save: the three ways out, in Spanish, each shown whole on
    an 800-pixel-wide screen and each with its Alt letter, as every button has."""
    from PySide6.QtWidgets import QMessageBox

    seen: list[tuple[str, bool]] = []
    ways_out: list[str] = []
    widths: list[int] = []  # the question's, on whatever screen the test has

    def look(box: QMessageBox) -> int:
        box.show()
        qtbot.waitExposed(box)
        assert box.screen().availableGeometry().contains(box.frameGeometry())
        widths.append(box.frameGeometry().width())
        for button in box.buttons():
            seen.append((button.text(), button.width() >= button.sizeHint().width()))
            if box.standardButton(button) == QMessageBox.StandardButton.NoButton:
                ways_out.append(button.text())  # Cancel is Escape
        return 0  # nothing chosen: as Escape

    monkeypatch.setattr(QMessageBox, "exec", look)
    with speaking("es"):
        editor = RegistryEditor(valid_registry, preferences=Preferences(tmp_path / "window.ini"))
        qtbot.addWidget(editor)
        type_into(qtbot, editor, "name", "Mine")
        valid_registry.write_text(VALID.replace("Second Clinic", "Their Clinic"), encoding="utf-8")
        assert editor.save() is None
    editor.undo_stack.setClean()
    assert len(widths) == 1
    assert widths[0] <= 800, widths  # it fits an 800-pixel-wide screen
    assert [whole for _text, whole in seen] == [True] * 4, seen
    assert len(ways_out) == 3
    assert all("&" in text for text in ways_out), ways_out


BATCH = 20  # clinics checked at once, in these tests (500 in use)


def _registry_with_its_last_clinic_invalid(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A registry of one batch of clinics and one more, that last one at latitude 95."""
    monkeypatch.setattr(registry_editor, "CHECKED_AT_ONCE", BATCH)
    registry = synthetic_registry(BATCH + 1)
    clinics = registry["clinics"]
    assert isinstance(clinics, list)
    clinics[-1]["location"]["latitude"] = 95
    path = folder / "clinics.yaml"
    path.write_text(yaml.safe_dump(registry, sort_keys=False), encoding="utf-8")
    return path


def test_a_large_registry_shows_before_each_clinic_is_checked_then_says_the_last_ones_problem(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _registry_with_its_last_clinic_invalid(tmp_path, monkeypatch)
    checked: list[int] = []
    real = RegistryDocument.problems
    monkeypatch.setattr(
        RegistryDocument, "problems", lambda self, key: checked.append(key) or real(self, key)
    )
    editor = RegistryEditor(path)
    qtbot.addWidget(editor)
    editor.show()
    # the window shows after one batch of clinics is checked (and the one it shows) ...
    assert len(set(checked)) == BATCH
    # ... and the rest are checked while it is idle: Save then names the last one's problem
    qtbot.waitUntil(lambda: f"Synthetic Clinic {BATCH}" in editor.status.text())
    assert "Latitude: 95 is out of range" in editor.status.text()
    assert len(set(checked)) == BATCH + 1


def test_an_edit_before_every_clinic_is_checked_is_still_refused_for_the_last_ones_problem(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _registry_with_its_last_clinic_invalid(tmp_path, monkeypatch)
    before = path.read_bytes()
    editor = RegistryEditor(path)
    qtbot.addWidget(editor)
    type_into(qtbot, editor, "name", "Synthetic Clinic Renamed")  # at once, as it opens
    assert editor.save() is None
    assert f"Synthetic Clinic {BATCH} (synthetic-clinic-{BATCH}), line" in editor.status.text()
    assert path.read_bytes() == before
    editor.undo_stack.setClean()


def test_a_registry_turned_into_a_folder_under_the_editor_is_said_in_locators_words(
    qtbot: QtBot, editor: RegistryEditor, valid_registry: Path
) -> None:
    """It was the system's English ("Is a directory"), in a Spanish session too."""
    type_into(qtbot, editor, "name", "First Clinic of Sandy")
    valid_registry.unlink()
    valid_registry.mkdir()
    with speaking("es"):
        editor.merge()
    said = editor.status.text()
    assert said.endswith(
        "no se puede leer ahora; sus ediciones se conservan aquí: eso es una carpeta"
    )
    assert editor.has_changes()
