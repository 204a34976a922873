"""A maintainer who edits clinics.yaml in a text editor as well as in locator: a broken file is
opened at its line in their own editor, and the messages offer only what can work."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLineEdit, QListWidget, QPlainTextEdit

from tests.helpers.cli import CliRunner
from tests.helpers.editor import (
    add_clinic,
    choose_clinic,
    cite,
    editor_window,
    open_editor,
    tick,
)
from tests.helpers.user import MakeWindow, User, label_shows, tooltip_shows

BROKEN = "  - id: broken\n    name: [unclosed\n"


def fake_editor(folder: Path, name: str = "my-editor") -> Path:
    """A text editor of our own: it writes the arguments it was started with, one a line, to
    ``argv.txt`` beside itself. Returns that file."""
    program = folder / name
    program.write_text('#!/bin/sh\nprintf \'%s\\n\' "$@" > "$0.tmp" && mv "$0.tmp" "$0.argv"\n')
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program.with_name(f"{name}.argv")


def reported_line(user: User, path: Path) -> int:
    """The line of the first problem the window reports, as ``PATH:LINE:COLUMN``."""
    return int(user.texts().split(f"{path}:")[1].split(":")[0])


def test_a_file_that_is_not_yaml_offers_only_to_open_it_at_the_line(
    make_window: MakeWindow, registry_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = fake_editor(tmp_path)
    monkeypatch.setenv("VISUAL", str(argv.with_suffix("")))
    user = make_window()
    with registry_copy.open("a", encoding="utf-8") as file:
        file.write(BROKEN)
    user.wait(lambda: "The registry has problems" in user.texts())
    line = reported_line(user, registry_copy)
    assert "Edit it in locator" not in user.texts()  # the editor could only say it cannot open it
    user.click_link("The registry has problems", f"Open the file at line {line}")
    user.wait(lambda: argv.exists())
    assert argv.read_text().splitlines() == [f"+{line}", str(registry_copy)]


def test_a_file_with_a_bad_value_offers_the_editor_and_the_line(
    make_window: MakeWindow, registry_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = fake_editor(tmp_path, "code")  # Visual Studio Code is told the line by -g
    monkeypatch.setenv("EDITOR", f"{argv.with_suffix('')} --wait")
    user = make_window()
    text = registry_copy.read_text(encoding="utf-8")
    registry_copy.write_text(text.replace("latitude: 40.59161", "latitude: 95"), "utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "latitude: 40.59161" in t)
    user.wait(lambda: "The registry has problems" in user.texts())
    assert "Edit it in locator" in user.texts()  # the form can show and fix it
    user.click_link("The registry has problems", f"Open the file at line {line}")
    user.wait(lambda: argv.exists())
    assert argv.read_text().splitlines() == ["--wait", "-g", f"{registry_copy}:{line}"]


def test_the_editors_open_the_file_link_goes_to_the_problems_line(
    make_window: MakeWindow, registry_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = fake_editor(tmp_path)
    monkeypatch.setenv("VISUAL", str(argv.with_suffix("")))
    user = make_window()
    editor = open_editor(user)
    choose_clinic(user, 1)
    latitude = user.named("Latitude", QLineEdit)
    user.click_widget(latitude)
    user.press("Ctrl+A")
    user.type("95")
    user.wait(lambda: "Cannot save yet" in user.texts())
    text = registry_copy.read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "latitude: 40.59161" in t)
    user.click_link("Cannot save yet", f"Open the file at line {line}")
    user.wait(lambda: argv.exists())
    assert argv.read_text().splitlines() == [f"+{line}", str(registry_copy)]
    assert editor_window(user) is editor


class _Desktop(QObject):
    """The desktop's program for YAML files, as far as the app can tell: records the files."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


@pytest.fixture
def desktop() -> Iterator[_Desktop]:
    """No editor set: files open in the desktop's program, recorded here for the test."""
    program = _Desktop()
    QDesktopServices.setUrlHandler("file", program, "open")
    yield program
    QDesktopServices.unsetUrlHandler("file")


def open_at_the_reported_line(user: User, registry: Path) -> int:
    """Click the problem's "Open the file at line …" link; returns that line."""
    user.wait(lambda: "The registry has problems" in user.texts())
    line = reported_line(user, registry)
    user.click_link("The registry has problems", f"Open the file at line {line}")
    return line


def test_without_an_editor_set_the_file_opens_and_the_line_is_said(
    make_window: MakeWindow, registry_copy: Path, desktop: _Desktop
) -> None:
    user = make_window()
    with registry_copy.open("a", encoding="utf-8") as file:
        file.write(BROKEN)
    line = open_at_the_reported_line(user, registry_copy)
    user.wait(lambda: desktop.opened == [str(registry_copy)])
    user.wait(lambda: f"go to line {line}" in user.texts())


def test_the_line_to_go_to_is_no_longer_said_once_the_file_is_fixed(
    make_window: MakeWindow, registry_copy: Path, desktop: _Desktop
) -> None:
    user = make_window()
    good = registry_copy.read_text(encoding="utf-8")
    registry_copy.write_text(good + BROKEN, encoding="utf-8")
    line = open_at_the_reported_line(user, registry_copy)
    user.wait(lambda: f"go to line {line}" in user.texts())
    registry_copy.write_text(good, encoding="utf-8")  # fixed in the desktop's program
    user.wait(lambda: "The registry has problems" not in user.texts())
    user.wait_until_quiet()
    assert "go to line" not in user.texts()


def test_a_new_clinic_is_written_in_the_style_of_the_file(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    """The file writes ``address: {city: …}`` and ``[a, b]`` lists on one line: so is a new
    clinic, and nothing else in the file changes."""
    before = registry_copy.read_bytes()
    user = make_window()
    editor = open_editor(user)
    user.click_widget(user.named("Clinics in the registry", QListWidget))
    user.press("Alt+A")  # Add a clinic
    user.wait(lambda: user.named("Name", QLineEdit).text() == "")
    for name, text in (
        ("Name", "Boise Ketamine Care"),
        ("Address: city", "Boise"),
        ("Address: state", "ID"),
        ("Serves ('City, ST'; separated by ';')", "Boise, ID; Meridian, ID"),
    ):
        user.click_widget(user.named(name, QLineEdit))
        user.type(text)
    user.press("Alt+I")  # Suggest an id
    cite(user, "Boise Ketamine Care serves Boise and Meridian.", "Name")
    for label in ("Address", "Serves"):
        tick(user, "What the selected quote supports", label)
    user.wait(lambda: user.button("Save", within=editor).isEnabled())
    user.click("Save", within=editor)
    user.wait(lambda: f"Saved {registry_copy}" in user.texts())
    after = registry_copy.read_bytes()
    assert after.startswith(before)  # every clinic before it, byte for byte
    added = after[len(before) :].decode("utf-8")
    assert "    address: {city: Boise, state: ID}\n" in added
    assert '    service_area: ["Boise, ID", "Meridian, ID"]\n' in added
    assert "        covers: [name, address, service_area]\n" in added
    assert '        quote: "Boise Ketamine Care serves Boise and Meridian."\n' in added
    user.click("Close", within=editor)


def clinic_text(text: str, clinic_id: str) -> str:
    """One clinic's lines in the file, from its ``- id:`` to the next clinic's."""
    start = text.index(f"  - id: {clinic_id}\n")
    end = text.find("\n  - id: ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def test_a_change_on_disk_is_said_at_once_and_edits_to_other_clinics_merge(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window()
    editor = open_editor(user)
    clinics = user.named("Clinics in the registry", QListWidget)
    row = next(i for i in range(clinics.count()) if clinics.item(i).text().endswith("-sandy"))
    choose_clinic(user, row)
    notes = user.named("Notes", QPlainTextEdit)
    user.click_widget(notes)
    user.press("Ctrl+End")
    user.type(" Called on 2026-12-01.")
    # meanwhile a colleague's text editor saves a fix to another clinic
    theirs = registry_copy.read_text(encoding="utf-8").replace(
        "latitude: 40.56217", "latitude: 40.5622"
    )
    registry_copy.write_text(theirs, encoding="utf-8")
    user.wait(lambda: "Another program changed" in user.texts())  # said now, not at Save
    user.click("Merge: keep my edits to other clinics", within=editor)
    user.wait(lambda: "Merged:" in user.texts())
    assert "Called on 2026-12-01." in notes.toPlainText()
    user.click("Save", within=editor)
    user.wait(lambda: f"Saved {registry_copy}" in user.texts())
    saved = registry_copy.read_text(encoding="utf-8")
    assert "latitude: 40.5622\n" in saved  # theirs
    assert "Called on 2026-12-01." in clinic_text(saved, "nervana-medical-sandy")  # mine
    mine = clinic_text(saved, "nervana-medical-sandy")
    assert saved.replace(mine, "") == theirs.replace(
        clinic_text(theirs, "nervana-medical-sandy"), ""
    )  # every other byte is theirs
    user.click("Close", within=editor)


def test_after_a_merge_the_reason_save_is_off_stays_in_sight_and_true(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    add_clinic(user, editor, "test-clinic", "Test Clinic")  # no source yet: it cannot be saved
    theirs = registry_copy.read_text(encoding="utf-8").replace(
        "latitude: 40.56217", "latitude: 40.5622"
    )
    registry_copy.write_text(theirs, encoding="utf-8")
    user.wait(lambda: "Another program changed" in user.texts())
    user.click("Merge: keep my edits to other clinics", within=editor)
    user.wait(lambda: "Merged:" in user.texts())
    save = user.button("Save", within=editor)
    assert not save.isEnabled()
    # why, on screen and not only on hover: the clinic is in no line of the file yet
    shown = "\n".join(
        label_shows(label) for label in user.visible_labels() if not label.accessibleName()
    )
    assert "Cannot save yet (Show it): Test Clinic (test-clinic), not in the file yet" in shown
    assert "Merged:" in shown  # what the merge did, too
    assert "Test Clinic (test-clinic), not in the file yet" in tooltip_shows(save)
    undo = user.button("Undo", within=editor)
    assert not undo.isEnabled()
    assert tooltip_shows(undo) == "Nothing to undo since the merge: it holds your earlier edits."


def test_the_bar_saying_the_file_changed_does_not_move_the_form(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    name = user.named("Name", QLineEdit)
    user.click_widget(name)
    user.press("End")
    user.type(" SLC")
    where = name.mapToGlobal(name.rect().topLeft())
    text = registry_copy.read_text(encoding="utf-8")
    registry_copy.write_text(text.replace("latitude: 40.56217", "latitude: 40.5622"), "utf-8")
    user.wait(lambda: "Another program changed" in user.texts())
    user.look()
    assert name.mapToGlobal(name.rect().topLeft()) == where  # still under the pointer
    assert user.button("Save", within=editor).isVisible()


def test_without_edits_the_editor_shows_the_file_as_changed_on_disk(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window()
    open_editor(user)
    text = registry_copy.read_text(encoding="utf-8")
    registry_copy.write_text(text.replace("name: Nervana Medical", "name: Nervana M."), "utf-8")
    user.wait(lambda: "changed on disk; shown as it is now" in user.texts())
    clinics = user.named("Clinics in the registry", QListWidget)
    assert clinics.item(0).text().startswith("Nervana M.")  # its name as the file says now


def test_a_quote_is_checked_against_its_document_when_it_is_at_hand(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    seeds = registry_copy.parent / "seeds"
    seeds.mkdir()
    (seeds / "phone-call.txt").write_text(
        "Call us at (801) 555-0100 for an appointment.\nWe are open on weekdays.\n", "utf-8"
    )
    user = make_window()
    editor = open_editor(user)
    clinics = user.named("Clinics in the registry", QListWidget)
    row = next(i for i in range(clinics.count()) if clinics.item(i).text().endswith("-sandy"))
    choose_clinic(user, row)
    user.click_widget(user.named("Phone", QLineEdit))
    user.type("(801) 555-0100")
    cite(user, "Call us at (801) 555-0199 for an appointment.", "Phone")  # misquoted
    user.wait(lambda: "this quote is not in phone-call.txt word for word" in user.texts())
    row = len(user.table("Sources")) - 1
    assert f"Sources, row {row + 1}: exact quote: this quote is not" in user.texts()
    user.click_widget(user.named("Sources"))
    user.click_cell("Sources", row, 1)
    user.press("F2")
    user.press("Ctrl+A")
    user.type("We are open on weekdays.")  # in the document, but says nothing of the phone
    user.press("Return")
    user.wait(lambda: "the quote does not name 5550100" in user.texts())
    user.click_cell("Sources", row, 1)
    user.press("F2")
    user.press("Ctrl+A")
    user.type("Call us at (801) 555-0100 for an appointment.")
    user.press("Return")
    user.wait(lambda: "the quote does not name" not in user.texts())
    assert "word for word" not in user.texts()
    user.click("Save", within=editor)
    user.wait(lambda: f"Saved {registry_copy}" in user.texts())
    user.click("Close", within=editor)


def test_a_quote_whose_document_is_not_at_hand_says_it_was_not_checked(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    editor = open_editor(user)
    user.click_widget(user.named("Phone", QLineEdit))
    user.type("(801) 555-0100")
    cite(user, "Call us at (801) 555-0100.", "Phone")
    user.wait(lambda: "quote not checked: phone-call.txt is not at hand" in user.texts())
    assert "000_5c7c8aabd53983aa.txt is not at hand" not in user.texts()  # shipped: checked
    user.click("Save", within=editor)  # said, not refused: `locator validate` passes it too
    user.wait(lambda: "Saved " in user.texts())
    user.click("Close", within=editor)


def test_a_quote_that_does_not_name_its_phone_stops_the_save_as_validate_does(
    make_window: MakeWindow, registry_copy: Path, run_cli: CliRunner
) -> None:
    before = registry_copy.read_bytes()
    user = make_window()
    editor = open_editor(user)  # the first clinic, whose document is shipped: at hand
    user.click_widget(user.named("Phone", QLineEdit))
    user.type("(801) 555-0142")
    user.click_link("Go to:", "Sources")
    user.click_cell("Sources", 1, 0)  # "At Nervana Medical, we're proud to offer …"
    tick(user, "What the selected quote supports", "Phone")
    said = (
        "Sources, row 2: supports: the quote does not name 5550142, so it does not support 'Phone'"
    )
    user.wait(lambda: said in user.texts())
    save = user.button("Save", within=editor)
    assert not save.isEnabled()
    assert "Cannot save yet" in save.toolTip()
    assert "does not name 5550142" in save.toolTip()
    user.press("Ctrl+S")  # the keyboard's Save says why too, and writes nothing
    user.wait(lambda: "Cannot save yet" in user.texts())
    assert registry_copy.read_bytes() == before
    while user.button("Undo", within=editor).isEnabled():
        user.press("Ctrl+Z")
    user.click("Close", within=editor)
    # the same quote written by hand: `locator validate` refuses it at its line, in the same words
    text = (
        before.decode("utf-8")
        .replace(
            "covers: [name, organization, address, service_area, treatments]",
            "covers: [name, organization, address, service_area, treatments, phone]",
            1,
        )
        .replace(
            "  - id: nervana-medical-south-jordan\n",
            '  - id: nervana-medical-south-jordan\n    phone: "(801) 555-0142"\n',
            1,
        )
    )
    registry_copy.write_text(text, encoding="utf-8")
    result = run_cli("validate", str(registry_copy))
    assert result.returncode == 1
    assert "the quote does not name 5550142, so it does not support 'phone'" in result.stderr
