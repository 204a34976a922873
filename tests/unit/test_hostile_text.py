"""Text from a registry or a query never drives the terminal that shows it, and the window's
dialogs and labels show it as written, never as markup."""

from __future__ import annotations

import json
import os
import pty
import random
import re
import select
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from locator.data.models import Clinic
from locator.data.synthetic import synthetic_clinic
from locator.geo.index import ensure_index
from locator.shortlists import Shortlists
from locator.text_table import text_table
from locator.ui import window_text
from locator.ui.import_report import ImportReport
from locator.ui.message_bar import MessageBar
from locator.ui.reasons_dialog import ReasonsDialog
from locator.ui.registry_editor import RegistryEditor
from locator.ui.shortlist_actions import ShortlistActions
from tests.helpers.cli import CliRunner
from tests.helpers.paths import LOCATOR
from tests.helpers.registry_texts import VALID
from tests.helpers.user import User, label_shows, tooltip_shows

CONTROLS = ("\x1b", "\x07", "\x9b", "\x00", "\u202e")


def assert_no_controls(*outputs: str) -> None:
    for output in outputs:
        assert not [c for c in CONTROLS if c in output], repr(output)


def test_validate_shows_control_characters_as_text_and_refuses_them(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    hostile = VALID.replace("name: First Clinic", 'name: "First\\e]0;owned\\aClinic\\e[2J"')
    hostile = hostile.replace("conditions:", '"treat\\e[2Jments": [x]\n    conditions:', 1)
    (tmp_path / "evil.yaml").write_text(hostile, encoding="utf-8")
    result = run_cli("validate", "evil.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert_no_controls(result.stdout, result.stderr)
    assert "clinics[0].name: “First\\u001b]0;owned\\u0007Clinic\\u001b[2J” holds a control" in (
        result.stderr
    )
    assert "clinics[0].treat\\u001b[2Jments: unknown field" in result.stderr


def test_a_website_with_a_control_character_is_refused(tmp_path: Path, run_cli: CliRunner) -> None:
    hostile = VALID.replace(
        "name: First Clinic", 'name: First Clinic\n    website: "https://x.org/\\0\\e"'
    )
    (tmp_path / "evil.yaml").write_text(hostile, encoding="utf-8")
    result = run_cli("validate", "evil.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "clinics[0].website:" in result.stderr
    assert_no_controls(result.stderr)


def test_a_query_with_escape_sequences_is_echoed_as_text(run_cli: CliRunner) -> None:
    for command in (("geocode",), ("nearest",)):
        result = run_cli(*command, "Sandy\x1b]0;owned\x07 \x9b2J\u202eUT")
        assert_no_controls(result.stdout, result.stderr)
        assert "Traceback" not in result.stderr


def test_a_table_cell_is_cut_after_its_controls_are_made_visible() -> None:
    table = text_table(("name", "city"), [("\x1b]0;" + "x" * 60 + "\x07", "Sandy")])
    assert_no_controls(table)
    assert table.splitlines()[2].startswith("\\u001b]0;xxx")
    assert table.splitlines()[2].endswith("…  Sandy")


def test_a_closed_pipe_ends_a_batch_quietly(tmp_path: Path, run_cli: CliRunner) -> None:
    ensure_index()  # built before: the first run's "building the offline place index" is no fault
    places = tmp_path / "places.txt"
    places.write_text("".join(f"{84000 + n % 100:05d}\n" for n in range(20_000)))
    with (
        places.open() as lines,
        subprocess.Popen(
            [str(LOCATOR), "geocode", "-"],
            stdin=lines,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=run_cli.environment(),
            text=True,
        ) as batch,
    ):
        assert batch.stdout is not None
        assert batch.stderr is not None
        assert batch.stdout.readline().startswith('{"query": "84000"')
        batch.stdout.close()  # as `| head -1` does
        assert batch.wait(timeout=120) == 141
        assert batch.stderr.read() == ""


def test_a_long_batch_shows_its_progress_on_a_terminal(run_cli: CliRunner) -> None:
    """Lines go in one at a time, each answered before the next, until the terminal on
    standard error shows a progress line (it appears after two seconds of work)."""
    controller, terminal = pty.openpty()
    with subprocess.Popen(
        [str(LOCATOR), "geocode", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=run_cli.environment(),
        text=True,
        bufsize=1,
    ) as batch:
        os.close(terminal)
        assert batch.stdin is not None
        assert batch.stdout is not None
        shown = b""
        for n in range(1_000_000):
            batch.stdin.write(f"{84000 + n % 100:05d}\n")
            batch.stdin.flush()
            assert batch.stdout.readline().startswith('{"query": "840')
            while select.select([controller], [], [], 0)[0]:
                shown += os.read(controller, 1024)
            if b"geocoded" in shown:
                break
        batch.stdin.close()
        assert batch.wait(timeout=120) == 0
    while select.select([controller], [], [], 0)[0]:
        try:
            shown += os.read(controller, 1024)
        except OSError:  # the other end has closed
            break
    os.close(controller)
    assert re.search(rb"\rgeocoded [0-9,]+ lines \([0-9,]+/s\)", shown)
    assert re.search(rb"\rgeocoded [0-9,]+ lines\. +\r?\n", shown)


# What a registry or a person may write that Qt would otherwise read as markup: bold, an image.
BOLD = "<b>Bold</b> Clinic"
IMAGE = "<img src=x> referrals"


def shown_in(dialog: QWidget) -> list[str]:
    """The texts a dialog's labels show."""
    return [label_shows(label) for label in dialog.findChildren(QLabel)]


@pytest.fixture
def window(qtbot: QtBot) -> User:
    """A window to open the shortlist dialogs from, and a person to answer them."""
    main = QMainWindow()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return User(qtbot, main)


def test_the_shortlist_dialogs_show_a_clinics_name_and_a_typed_name_as_written(
    window: User, tmp_path: Path
) -> None:
    data = synthetic_clinic(1, random.Random(1))
    data["name"] = BOLD
    clinic = Clinic.model_validate(data)
    shortlists = Shortlists(tmp_path / "shortlists.json")
    actions = ShortlistActions(
        shortlists,
        MessageBar(window.window),
        lambda name: ([BOLD] if shortlists.ids(name) else [], 0),
        window.window,
    )
    seen: list[list[str]] = []

    def type_name(name: str):
        def answer(dialog: QWidget) -> None:
            seen.append(shown_in(dialog))
            window.press("Ctrl+A")
            window.type(name)
            window.press("Return")

        return answer

    def first(dialog: QWidget) -> None:
        preview = next(
            label
            for label in dialog.findChildren(QLabel)
            if label.accessibleName() == "Clinics on this shortlist"
        )
        assert preview.textFormat() == Qt.TextFormat.PlainText  # the clinic's name as written
        assert preview.text() == BOLD
        window.press("Return")

    def yes(dialog: QWidget) -> None:
        seen.append(shown_in(dialog))
        window.click("Yes", within=dialog)

    with window.answering(type_name(IMAGE)):
        actions.add([clinic])
    assert f"Shortlist for {BOLD} (choose one or type a new name):" in seen[0]
    with window.answering(first, type_name(BOLD)):
        actions.rename()
    assert f"New name for “{IMAGE}”:" in seen[1]
    with window.answering(first, yes):
        actions.delete()
    assert f"Delete the shortlist “{BOLD}”? Its clinics stay in the registry." in seen[2]
    assert actions.shortlists.names() == []


@pytest.mark.parametrize(
    "name",
    [
        "Comprehensive Ketamine Infusion and Interventional Psychiatry Center of the Greater Salt "
        "Lake Area",  # 97 characters, as a real one may be
        "Clinic " * 25_000 + "W" * 5_000,  # 180 KB, which validate accepts
    ],
)
def test_the_add_box_fits_the_screen_whatever_the_clinics_name(
    window: User, tmp_path: Path, name: str
) -> None:
    """The box took its width from the name: 920 pixels for 97 characters, Cancel off an
    800x600 screen; 32,767 for 180 KB. The question wraps within the screen, the name cut."""
    data = synthetic_clinic(1, random.Random(1))
    data["name"] = name
    clinic = Clinic.model_validate(data)
    shortlists = Shortlists(tmp_path / "shortlists.json")
    actions = ShortlistActions(
        shortlists, MessageBar(window.window), lambda _n: ([], 0), window.window
    )
    fitted: list[bool] = []

    def look(dialog: QWidget) -> None:
        screen = dialog.screen().availableGeometry()
        cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
        corner = cancel.mapToGlobal(cancel.rect().bottomRight())
        fitted.append(screen.contains(dialog.frameGeometry()) and screen.contains(corner))
        fitted.append(cancel.isVisible() and dialog.width() <= 800)
        window.press("Escape")

    with window.answering(look):
        actions.add([clinic])
    assert fitted == [True, True]
    assert shortlists.names() == []


@pytest.fixture
def editor(qtbot: QtBot, tmp_path: Path) -> Iterator[RegistryEditor]:
    registry_file = tmp_path / "clinics.yaml"
    registry_file.write_text(VALID, encoding="utf-8")
    editor = RegistryEditor(registry_file)
    editor.show()
    yield editor
    editor.undo_stack.setClean()  # no "unsaved edits" question when it closes
    editor.close()
    editor.deleteLater()


def test_the_editors_problem_line_quotes_a_typed_value_as_written(
    qtbot: QtBot, editor: RegistryEditor
) -> None:
    website = editor.fields["website"]
    assert isinstance(website, QLineEdit)
    website.selectAll()
    qtbot.keyClicks(website, "<b>x</b>")
    problem = "Website: “<b>x</b>” is not valid here: a web address starts with http:// or https://"
    assert label_shows(editor.errors["website"]) == problem
    assert tooltip_shows(editor.errors["website"]) == problem


def test_the_editors_list_names_a_clinic_as_written_in_its_tooltip(
    qtbot: QtBot, tmp_path: Path
) -> None:
    registry_file = tmp_path / "clinics.yaml"
    registry_file.write_text(VALID.replace("name: First Clinic", f"name: '{BOLD}'"), "utf-8")
    editor = RegistryEditor(registry_file)
    qtbot.addWidget(editor)
    first = editor.list.item(0)
    assert BOLD in first.text()
    assert BOLD in tooltip_shows(first)  # not "Bold Clinic" in bold


def test_a_shortlist_with_a_million_character_name_is_shown_cut_and_in_stored_order(
    window: User, tmp_path: Path
) -> None:
    """A name of a megabyte that would turn around, kept from before names were bounded (or
    written by hand): each dialog, its box and the notice show its first words, cut with "…",
    with U+202E shown as U+FFFD; the list keeps it whole."""
    huge = "\u202e" + "W" * 1_000_000
    cut = "\ufffd" + "W" * 79 + "…"
    (tmp_path / "shortlists.json").write_text(json.dumps({huge: ["first-clinic"]}), "utf-8")
    shortlists = Shortlists(tmp_path / "shortlists.json")
    bar = MessageBar(window.window)
    actions = ShortlistActions(shortlists, bar, lambda _name: ([], 1), window.window)
    seen: list[str] = []

    def chooser(dialog: QWidget) -> None:
        seen.append(dialog.findChild(QListWidget).item(0).text())
        window.press("Return")

    def rename_box(dialog: QWidget) -> None:
        seen.extend(shown_in(dialog))
        assert dialog.findChild(QLineEdit).text() == huge  # the name as kept, to edit
        window.press("Escape")  # OK would say the name is too long (covered elsewhere)

    def no(dialog: QWidget) -> None:
        seen.extend(shown_in(dialog))
        window.click("No", within=dialog)

    with window.answering(chooser, rename_box):
        actions.rename()
    with window.answering(chooser, no):
        actions.delete()
    assert seen[0] == cut
    assert f"New name for “{cut}”:" in seen
    assert seen.count(cut) == 2  # the chooser twice
    assert f"Delete the shortlist “{cut}”? Its clinics stay in the registry." in seen
    assert (
        "Holds U+202E, which can make the text shown here read other than it is stored; "
        "a save keeps it as written." in seen
    )
    assert shortlists.names() == [huge]
    assert window_text.shortlist_summary(huge, [], 0, None).startswith(f"Shortlist “{cut}”: ")
    assert f"“{cut}”" in window_text.deleted_shortlist(huge)


def test_renaming_a_list_edits_its_name_as_kept_and_loses_none_of_it(
    window: User, tmp_path: Path
) -> None:
    """A name longer than is shown, holding U+202E: the box holds it whole, so a letter typed
    at its end is added to the name as kept, not to its shown form."""
    name = "Dallas referrals \u202emoc.live " + "x" * 100
    shortlists = Shortlists(tmp_path / "shortlists.json")
    shortlists.add(name, "first-clinic")
    actions = ShortlistActions(
        shortlists, MessageBar(window.window), lambda _n: ([], 0), window.window
    )

    def add_z(dialog: QWidget) -> None:
        window.press("End")
        window.type("Z")
        window.press("Return")

    with window.answering(lambda _chooser: window.press("Return"), add_z):
        actions.rename()
    assert shortlists.names() == [name + "Z"]


def refused_rename(window: User, actions: ShortlistActions, typed: str | None = None) -> list[str]:
    """What Rename's box shows once OK is pressed on ``typed`` (else the name it fills in),
    checked to stay open with that name still there to change; then Escape."""
    seen: list[str] = []

    def press_ok(dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit)
        if typed is not None:
            field.setText(typed)
        before = field.text()
        window.press("Return")
        assert dialog.isVisible()  # not closed: the name is still there to change
        assert field.text() == before
        seen.extend(shown_in(dialog))
        window.press("Escape")

    with window.answering(lambda _chooser: window.press("Return"), press_ok):
        actions.rename()
    return seen


def test_renaming_to_another_lists_name_says_so_and_keeps_the_box_and_the_typing(
    window: User, tmp_path: Path
) -> None:
    """The box stays open with the name typed and says, in the project's quotes and with its
    reordering character shown, that another list has it; Escape then changes nothing."""
    shortlists = Shortlists(tmp_path / "shortlists.json")
    shortlists.add("mine", "first-clinic")
    shortlists.add("\u202eyours", "second-clinic")
    actions = ShortlistActions(
        shortlists, MessageBar(window.window), lambda _n: ([], 0), window.window
    )
    seen = refused_rename(window, actions, "\u202eyours")  # Qt's typing cannot send U+202E
    assert (
        "There is already a shortlist named “\ufffdyours”; choose another name, or delete "
        "that list first." in seen
    )
    assert shortlists.names() == ["mine", "\u202eyours"]


def test_a_name_no_list_can_have_is_said_in_its_box_which_keeps_the_typing(
    window: User, tmp_path: Path
) -> None:
    """A name past the limit (a paste) typed in the Add box, or one holding a line break in
    the Rename box, was kept: each box now says why under its question and stays open with
    what was typed; Escape then changes nothing."""
    shortlists = Shortlists(tmp_path / "shortlists.json")
    shortlists.add("mine", "first-clinic")
    actions = ShortlistActions(
        shortlists, MessageBar(window.window), lambda _n: ([], 0), window.window
    )
    clinic = Clinic.model_validate(synthetic_clinic(2, random.Random(2)))
    typed = "x" * 201
    seen: list[str] = []

    def too_long(dialog: QWidget) -> None:
        window.press("Ctrl+A")
        window.type(typed)
        window.press("Return")
        assert dialog.isVisible()
        assert dialog.findChild(QLineEdit).text() == typed
        seen.extend(shown_in(dialog))
        window.press("Escape")

    def two_lines(dialog: QWidget) -> None:
        dialog.findChild(QLineEdit).setText("two\nlines")  # a paste; typing cannot send it
        window.press("Return")
        assert dialog.isVisible()
        assert dialog.findChild(QLineEdit).text() == "two\nlines"
        seen.extend(shown_in(dialog))
        window.press("Escape")

    with window.answering(too_long):
        actions.add([clinic])
    with window.answering(lambda _chooser: window.press("Return"), two_lines):
        actions.rename()
    too_long_said = "A shortlist's name can be at most 200 characters long; this one has 201."
    assert any(text.endswith(f"\n\n{too_long_said}") for text in seen), seen
    assert (
        "A shortlist's name cannot hold a control character (this one holds U+000A); type it "
        "without." in seen
    )
    assert shortlists.names() == ["mine"]
    assert shortlists.ids("mine") == ["first-clinic"]


def buddy_labels_show(dialog: QWidget, text: str) -> None:
    """Each label tied to a field that holds ``text`` shows it as written, "&" and all, and
    gives no letter of it an Alt shortcut."""
    tied = [label for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    holding = [label for label in tied if text in label_shows(label)]
    assert holding, [label_shows(label) for label in tied]
    assert all(QKeySequence.mnemonic(label.text()).isEmpty() for label in holding)


def test_an_ampersand_in_a_name_is_shown_in_every_label_tied_to_a_field(
    window: User, tmp_path: Path
) -> None:
    data = synthetic_clinic(1, random.Random(1))
    data["name"] = "Ketamine & Wellness"
    clinic = Clinic.model_validate(data)
    reasons = ReasonsDialog(clinic, window.window)
    buddy_labels_show(reasons, "“Ketamine & Wellness”")
    report = ImportReport(window_text.import_read(3, Path("Smith & Jones.json")), [], None)
    buddy_labels_show(report, "Smith & Jones.json")
    shortlists = Shortlists(tmp_path / "shortlists.json")
    shortlists.add("Smith & Jones", "first-clinic")
    actions = ShortlistActions(
        shortlists, MessageBar(window.window), lambda _n: ([], 0), window.window
    )

    def shows(text: str):
        def answer(dialog: QWidget) -> None:
            buddy_labels_show(dialog, text)
            window.press("Escape")

        return answer

    with window.answering(shows("Shortlist for Ketamine & Wellness")):
        actions.add([clinic])
    # a name that looks like markup: its "&amp;" was an Alt shortcut, "amp;" shown underlined
    data["name"] = "Wasatch <b>Bold</b> &amp; |pipe|"
    with window.answering(shows("Shortlist for Wasatch <b>Bold</b> &amp; |pipe|")):
        actions.add([Clinic.model_validate(data)])
    with window.answering(lambda _chooser: window.press("Return"), shows("“Smith & Jones”")):
        actions.rename()


def test_ok_on_a_kept_name_that_breaks_the_rules_says_why(window: User, tmp_path: Path) -> None:
    """A list kept from an older file under a name no list is given now: OK on the name the
    box fills in closed it and renamed nothing, silently; it says why and stays open."""
    kept = "My list\nsecond line"
    path = tmp_path / "shortlists.json"
    path.write_text(json.dumps({kept: ["one"], "fine": ["two"]}), encoding="utf-8")
    shortlists = Shortlists(path)
    actions = ShortlistActions(
        shortlists, MessageBar(window.window), lambda _n: ([], 0), window.window
    )
    seen = refused_rename(window, actions)  # OK on the name the box fills in
    assert (
        "A shortlist's name cannot hold a control character (this one holds U+000A); type it "
        "without." in seen
    )
    assert shortlists.names() == [kept, "fine"]


def test_ok_on_a_valid_name_unchanged_just_closes(window: User, tmp_path: Path) -> None:
    shortlists = Shortlists(tmp_path / "shortlists.json")
    shortlists.add("mine", "first-clinic")
    actions = ShortlistActions(
        shortlists, MessageBar(window.window), lambda _n: ([], 0), window.window
    )

    def as_filled_in(dialog: QWidget) -> None:
        window.press("Return")
        assert not dialog.isVisible()

    with window.answering(lambda _chooser: window.press("Return"), as_filled_in):
        actions.rename()
    assert shortlists.names() == ["mine"]
