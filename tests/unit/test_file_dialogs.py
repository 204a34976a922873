"""The one save dialog: where it starts, the suffix it adds, the folder it remembers."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from locator.data.loader import load_registry
from locator.exports import EXPORT_FORMATS, export_format
from locator.hsds.tabular import is_package, write_package
from locator.ui.file_dialogs import ask_save_choice, ask_save_path
from locator.ui.preferences import Preferences
from tests.helpers.save_dialog import answer_question, answer_save_dialog


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def preferences(tmp_path: Path) -> Preferences:
    return Preferences(tmp_path / "window.ini")


def ask(preferences: Preferences, typed: str | None) -> tuple[Path | None, Path]:
    started = answer_save_dialog(typed)
    chosen = ask_save_path(None, preferences, "Export", "comparison.pdf", "PDF (*.pdf)")
    return chosen, started[0]


def test_starts_in_documents_then_where_the_user_saved_last(
    qtbot: QtBot, home: Path, preferences: Preferences
) -> None:
    (home / "Documents").mkdir()
    (home / "referrals").mkdir()
    chosen, started = ask(preferences, str(home / "referrals" / "for J"))
    assert started == home / "Documents"
    assert chosen == home / "referrals" / "for J.pdf"
    assert preferences.last_folder == home / "referrals"
    again = Preferences(preferences.path)  # remembered across runs
    chosen, started = ask(again, "second")
    assert started == home / "referrals"
    assert chosen == home / "referrals" / "second.pdf"


def test_without_a_documents_folder_it_starts_at_home(
    qtbot: QtBot, home: Path, preferences: Preferences
) -> None:
    preferences.last_folder = home / "gone"  # a folder since removed
    _chosen, started = ask(preferences, "x")
    assert started == home


def test_a_name_with_another_dot_still_gets_the_suffix(
    qtbot: QtBot, home: Path, preferences: Preferences
) -> None:
    chosen, _started = ask(preferences, "report.v2")
    assert chosen == home / "report.v2.pdf"


def test_cancel_changes_nothing(qtbot: QtBot, home: Path, preferences: Preferences) -> None:
    chosen, _started = ask(preferences, None)
    assert chosen is None
    assert preferences.last_folder is None


def save_to(preferences: Preferences, path: Path, button: str | None) -> tuple[Path | None, str]:
    said = answer_question(button)
    answer_save_dialog(str(path))
    chosen = ask_save_path(None, preferences, "Export", "comparison.pdf", "PDF (*.pdf)")
    return chosen, said[0]


def test_saving_to_a_link_names_the_file_it_replaces_and_asks_first(
    qtbot: QtBot, home: Path, preferences: Preferences, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.pdf"
    victim.write_text("kept")
    link = home / "report.pdf"
    link.symlink_to(victim)
    chosen, said = save_to(preferences, link, None)  # Enter: the default keeps the file
    assert said == f"{link} is a link to {victim}: saving replaces {victim}. Replace it?"
    assert chosen is None
    chosen, said = save_to(preferences, link, "Replace")
    assert chosen == link


def test_saving_over_a_file_asks_with_its_name_as_stored(
    qtbot: QtBot, home: Path, preferences: Preferences
) -> None:
    turned = home / "x\u202efdp.exe.pdf"
    turned.write_text("kept")
    chosen, said = save_to(preferences, turned, "Cancel")
    assert said == f"{home}/x\ufffdfdp.exe.pdf already exists. Replace it?"
    assert chosen is None
    assert turned.read_text() == "kept"


def test_saving_to_a_link_to_nothing_is_refused_and_creates_nothing(
    qtbot: QtBot, home: Path, preferences: Preferences, tmp_path: Path
) -> None:
    link = home / "report.pdf"
    link.symlink_to(tmp_path / "victim.pdf")
    chosen, said = save_to(preferences, link, "OK")
    assert said == (
        f"{link} is a link to {tmp_path / 'victim.pdf'}, which is not there: saving would "
        "create it. Nothing was saved; choose another name."
    )
    assert chosen is None
    assert not (tmp_path / "victim.pdf").exists()


def export_package_to(
    preferences: Preferences, folder: Path, button: str | None
) -> tuple[tuple[Path, int] | None, list[str]]:
    """Choose the HSDS CSV package, type ``folder``'s name in the export's save dialog, and
    click ``button`` in the question that follows (None: none is expected)."""
    package = export_format("hsds-csv")
    choices = [(f"{fmt.label} (*{fmt.suffix})", fmt.default_output) for fmt in EXPORT_FORMATS]
    index = EXPORT_FORMATS.index(package)
    said = answer_question(button) if button is not None else []
    answer_save_dialog(str(folder), name_filter=choices[index][0])
    chosen = ask_save_choice(None, preferences, "Export", choices, packages={index: is_package})
    return chosen, said


def test_a_package_exported_again_under_its_name_asks_to_replace_it(
    qtbot: QtBot, home: Path, preferences: Preferences, valid_registry: Path
) -> None:
    """The folder named is the answer, not a folder to open: locator asks, in its words."""
    folder = home / "locator-hsds"
    write_package(load_registry(valid_registry), folder, lambda _done: None)
    index = [fmt.name for fmt in EXPORT_FORMATS].index("hsds-csv")
    chosen, said = export_package_to(preferences, folder, "Cancel")
    assert said == [f"{folder} already exists. Replace it?"]
    assert chosen is None
    chosen, said = export_package_to(preferences, folder, "Replace")
    assert chosen == (folder, index)


def test_a_folder_that_is_not_a_package_is_refused_and_an_empty_one_taken(
    qtbot: QtBot, home: Path, preferences: Preferences
) -> None:
    index = [fmt.name for fmt in EXPORT_FORMATS].index("hsds-csv")
    folder = home / "letters"
    folder.mkdir()
    (folder / "datapackage.json").write_text("{}")
    (folder / "letter.txt").write_text("kept")
    chosen, said = export_package_to(preferences, folder, "OK")
    assert said == [
        f"{folder} is a folder that holds other files than an HSDS package locator wrote. "
        "Nothing was saved; choose another name."
    ]
    assert chosen is None
    empty = home / "empty"
    empty.mkdir()
    assert export_package_to(preferences, empty, None) == ((empty, index), [])
