"""Named shortlists: made, changed, renamed and deleted, and saved after every change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from locator.errors import FileWriteError, LocatorError, ShortlistError
from locator.settings import Settings
from locator.shortlists import LONGEST_NAME, Shortlists, shortlists_path
from locator.ui import window_text
from locator.ui.preferences import Preferences
from locator.ui.privacy_dialog import PrivacyDialog
from locator.ui.shared_settings import SharedSettings
from locator.ui.shortlist_actions import ShortlistChooser
from tests.helpers.language import speaking
from tests.helpers.user import label_shows


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "shortlists.json"


def saved(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def test_lists_are_kept_in_the_user_data_folder_by_default(isolated_user_dirs: Path) -> None:
    Shortlists().add("referrals for J.", "first-clinic")
    assert shortlists_path() == isolated_user_dirs / "xdg_data_home" / "locator" / "shortlists.json"
    assert saved(shortlists_path()) == {"referrals for J.": ["first-clinic"]}


def test_add_remove_delete_are_saved_at_once(path: Path) -> None:
    lists = Shortlists(path)
    lists.add("referrals for J.", "first-clinic")
    lists.add("referrals for J.", "second-clinic")
    lists.add("referrals for J.", "first-clinic")  # already on it
    lists.add("  ", "third-clinic")  # a blank name gets one
    assert saved(path) == {
        "referrals for J.": ["first-clinic", "second-clinic"],
        "Shortlist": ["third-clinic"],
    }
    lists.remove("referrals for J.", "first-clinic")
    lists.delete("Shortlist")
    assert Shortlists(path).names() == ["referrals for J."]
    assert Shortlists(path).ids("referrals for J.") == ["second-clinic"]
    assert Shortlists(path).ids("no such list") == []


def test_rename_keeps_the_clinics_and_the_place_in_the_order(path: Path) -> None:
    lists = Shortlists(path)
    for name in ("first", "second", "third"):
        lists.add(name, f"{name}-clinic")
    lists.rename("second", "  referrals for J.  ")
    assert lists.names() == ["first", "referrals for J.", "third"]
    assert Shortlists(path).names() == ["first", "referrals for J.", "third"]
    assert Shortlists(path).ids("referrals for J.") == ["second-clinic"]
    lists.rename("first", "first")  # the same name changes nothing
    assert lists.names() == ["first", "referrals for J.", "third"]


def test_rename_refuses_a_name_already_taken(path: Path) -> None:
    lists = Shortlists(path)
    lists.add("mine", "first-clinic")
    lists.add("\u202eyours", "second-clinic")
    with pytest.raises(ShortlistError) as caught:
        lists.rename("mine", "\u202eyours")
    assert str(caught.value) == (
        "There is already a shortlist named “\ufffdyours”; choose another name, or delete that "
        "list first."
    )
    assert isinstance(caught.value, LocatorError)
    assert saved(path) == {"mine": ["first-clinic"], "\u202eyours": ["second-clinic"]}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("missing", "new", "there is no shortlist named “missing”"),
        ("mine", "   ", "a shortlist needs a name; type one"),
    ],
)
def test_rename_refuses_a_missing_list_or_a_blank_name(
    path: Path, old: str, new: str, message: str
) -> None:
    lists = Shortlists(path)
    lists.add("mine", "first-clinic")
    with pytest.raises(ShortlistError, match=message):
        lists.rename(old, new)
    assert lists.names() == ["mine"]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", 'there is no shortlist named “a "b\\u000a\\u202ec”'),
        ("es", 'no hay ninguna lista llamada “a "b\\u000a\\u202ec”'),
    ],
)
def test_a_missing_list_is_named_in_quotes_on_one_line_as_it_reads(
    path: Path, language: str, said: str
) -> None:
    """It was Python's repr ('a "b\\n\\u202ec'), with its quotes and backslash escapes."""
    lists = Shortlists(path)
    with speaking(language), pytest.raises(ShortlistError) as caught:
        lists.rename('a "b\n\u202ec', "new")
    assert str(caught.value) == said


def test_a_failed_rename_changes_nothing(path: Path) -> None:
    lists = Shortlists(path)
    lists.add("mine", "first-clinic")
    folder_blocked = path.parent / "blocked"
    folder_blocked.write_text("", encoding="utf-8")
    lists.path = folder_blocked / "shortlists.json"  # a file where the folder should be
    with pytest.raises(FileWriteError):
        lists.rename("mine", "yours")
    assert lists.names() == ["mine"]


def test_the_file_format_of_earlier_versions_still_reads(path: Path) -> None:
    path.write_text(
        '{\n  "referrals for J.": [\n    "first-clinic"\n  ],\n  "Café list": ["x"],\n'
        '  "not a list": 3\n}',
        encoding="utf-8",
    )
    lists = Shortlists(path)
    assert lists.names() == ["referrals for J.", "Café list"]
    lists.rename("Café list", "Cafés")
    assert path.read_text(encoding="utf-8") == (
        '{\n  "referrals for J.": [\n    "first-clinic"\n  ],\n  "Cafés": [\n    "x"\n  ]\n}'
    )


def test_an_unreadable_file_starts_empty(path: Path) -> None:
    path.write_text("{not json", encoding="utf-8")
    assert Shortlists(path).names() == []


def test_clear_forgets_every_list(path: Path) -> None:
    lists = Shortlists(path)
    lists.add("mine", "first-clinic")
    lists.clear()
    assert not path.exists()
    assert Shortlists(path).names() == []


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ('{"mine": ["a"], "mine": ["b"]}', "/: “mine” given twice"),
        ('{"mine": ["a\\ud800"]}', "/mine/0: \\ud800 is half of a character"),
    ],
    ids=["a-list-named-twice", "half-a-character"],
)
def test_a_list_named_twice_is_named_and_the_file_kept_byte_for_byte(
    written: str, said: str, path: Path
) -> None:
    """JSON keeps the last of two lists of one name: the first one's clinics would be lost."""
    path.write_text(written, encoding="utf-8")
    lists = Shortlists(path)
    assert lists.unreadable
    assert lists.problem is not None
    assert f"{path} could not be used: {said}" in lists.problem
    assert lists.names() == []
    with pytest.raises(FileWriteError):
        lists.add("other", "first-clinic")
    assert path.read_text(encoding="utf-8") == written
    (kept,) = path.parent.glob("shortlists.json.unreadable-*")
    assert kept.read_text(encoding="utf-8") == written


@pytest.mark.parametrize(
    ("name", "code"),
    [("\x1b[2Jmine", "001B"), ("two\nlines", "000A"), ("tab\tbed", "0009"), ("c1\x9b", "009B")],
    ids=["escape", "newline", "tab", "c1-control"],
)
def test_a_name_holding_a_control_character_is_refused_with_a_sentence(
    path: Path, name: str, code: str
) -> None:
    """A name is one line of text shown in dialogs, menus and terminals: an escape sequence or
    a line break in it was kept, and shown."""
    lists = Shortlists(path)
    lists.add("mine", "first-clinic")
    said = (
        f"A shortlist's name cannot hold a control character (this one holds U+{code}); type "
        "it without."
    )
    for change in (lambda: lists.add(name, "second-clinic"), lambda: lists.rename("mine", name)):
        with pytest.raises(ShortlistError) as refused:
            change()
        assert str(refused.value) == said
    assert saved(path) == {"mine": ["first-clinic"]}


def test_a_name_past_the_limit_is_refused_saying_the_limit(path: Path) -> None:
    """A pasted page of text became a list's name; the limit is said, and a name of that many
    characters is a name."""
    lists = Shortlists(path)
    lists.add("mine", "first-clinic")
    with pytest.raises(ShortlistError) as refused:
        lists.add("x" * (LONGEST_NAME + 1), "second-clinic")
    assert str(refused.value) == (
        "A shortlist's name can be at most 200 characters long; this one has 201."
    )
    with pytest.raises(ShortlistError, match="at most 200 characters"):
        lists.rename("mine", "y" * 1_000_000)
    lists.rename("mine", "z" * LONGEST_NAME)
    assert saved(path) == {"z" * LONGEST_NAME: ["first-clinic"]}
    with speaking("es"):
        assert Shortlists(path).adding_problem("w" * 201) == (
            "El nombre de una lista puede tener como mucho 200 caracteres; este tiene 201."
        )


def test_a_name_written_two_ways_alike_is_one_list(path: Path) -> None:
    """ "Café" typed with an accented letter (NFC) and with a letter and an accent (NFD)
    looks the same everywhere: it made two lists no one could tell apart."""
    composed, decomposed = "Caf\u00e9 referrals", "Cafe\u0301 referrals"
    lists = Shortlists(path)
    lists.add(composed, "first-clinic")
    lists.add(decomposed, "second-clinic")
    assert saved(path) == {composed: ["first-clinic", "second-clinic"]}
    lists.add("other", "third-clinic")
    with pytest.raises(ShortlistError, match="There is already a shortlist named"):
        lists.rename("other", decomposed)
    lists.rename(composed, decomposed)  # its own name, written the other way: allowed
    assert lists.names() == [decomposed, "other"]


def test_names_in_the_file_breaking_the_rules_are_said_and_kept(path: Path) -> None:
    """A file written by hand held a name with a line break (shown as two names), one past
    the limit and "Café" twice, written two ways (one name shown twice): each is said; the
    lists are there to rename and the file keeps them as they are."""
    composed, decomposed, long = "Caf\u00e9", "Cafe\u0301", "x" * 5000
    written = {"a\nb": ["one"], composed: ["two"], decomposed: ["three"], long: ["four"]}
    path.write_text(json.dumps(written), encoding="utf-8")
    lists = Shortlists(path)
    assert lists.problem == (
        f"{path}: some shortlists have names no list is given now; they are kept as they are, "
        "to rename: “a\\u000ab”: it holds a control character (U+000A); "
        f"“{decomposed}”: it is another list's name, “{composed}”, with its characters encoded "
        "another way; "
        f"“{'x' * 60}…”: it has 5,000 characters, and a name at most 200."
    )
    assert lists.names() == list(written)
    lists.add(composed, "five")
    assert saved(path) == {**written, composed: ["two", "five"]}
    assert window_text.shortlist_name("a\nb") == "a\\u000ab"  # one line in every dialog


def test_names_written_two_ways_in_the_file_are_told_apart_where_a_list_is_chosen(
    path: Path, qtbot: QtBot
) -> None:
    """Two lists of the file, "Café" written two ways, looked the same in Open shortlist: the
    later is marked, and each row opens its own list."""
    composed, decomposed = "Caf\u00e9", "Cafe\u0301"
    path.write_text(json.dumps({composed: ["one"], decomposed: ["two"], "x": []}), "utf-8")
    names = Shortlists(path).names()
    parent = QWidget()
    qtbot.addWidget(parent)
    chooser = ShortlistChooser("Open shortlist", names, 1, lambda name: ([name], 0), parent)
    rows = [chooser.names.item(row).text() for row in range(chooser.names.count())]
    assert rows == [composed, f"{decomposed} (2)", "x"]
    assert chooser.chosen() == decomposed
    chooser.names.setCurrentRow(0)
    assert chooser.chosen() == composed


def test_a_kept_name_that_breaks_the_rules_cannot_be_kept_by_a_rename(path: Path) -> None:
    """OK on the name the Rename box fills in closed it, renaming nothing and saying nothing,
    when that name is one no list is given now; a name that can be a list's is kept."""
    long = "L" * 300
    path.write_text(json.dumps({long: ["one"], "fine": ["two"]}), encoding="utf-8")
    lists = Shortlists(path)
    assert lists.renaming_problem(long, long) == (
        "A shortlist's name can be at most 200 characters long; this one has 300."
    )
    assert lists.renaming_problem("fine", "fine") is None


def test_privacy_says_which_names_in_the_file_break_the_rules(
    qtbot: QtBot, path: Path, tmp_path: Path
) -> None:
    """The sentence said at start went with the first search (a remembered one at once);
    Tools → Privacy says it too, beside the lists kept."""
    path.write_text(json.dumps({"a\nb": ["one"], "fine": ["two"]}), encoding="utf-8")
    lists = Shortlists(path)
    shown = privacy_labels(qtbot, lists, tmp_path)
    assert f"2 kept in {path}. {lists.problem}" in shown, shown


def test_privacy_no_longer_names_a_list_once_it_is_renamed_or_deleted(
    qtbot: QtBot, path: Path, tmp_path: Path
) -> None:
    """The user renamed the list the file's sentence named, as it asks: Privacy said it still
    (the sentence of the start, stale); it says only what is wrong now."""
    path.write_text(json.dumps({"a\nb": ["one"], "Caf\u00e9": [], "Cafe\u0301": []}), "utf-8")
    lists = Shortlists(path)
    lists.rename("a\nb", "a b")
    shown = " ".join(privacy_labels(qtbot, lists, tmp_path))
    assert "a\\u000ab" not in shown, shown
    assert "“Cafe\u0301”" in shown, shown  # the other, not renamed, is said still
    lists.delete("Cafe\u0301")
    assert f"2 kept in {path}" in privacy_labels(qtbot, lists, tmp_path)
    assert lists.problem is None


def test_once_saved_without_the_entries_that_were_not_lists_privacy_says_so(
    qtbot: QtBot, path: Path, tmp_path: Path
) -> None:
    """Privacy said the file "could not be used" after the app had rewritten it without the
    bad entry: it says what is true after the rewrite, and where the file as it was is."""
    path.write_text(json.dumps({"bad": 3, "fine": ["one"]}), encoding="utf-8")
    lists = Shortlists(path)
    assert "could not be used" in (lists.problem or "")
    lists.add("fine", "two")
    (copy,) = tmp_path.glob("shortlists.json.unreadable-*")
    said = (
        f"{path} held entries that were not lists of clinics; locator saved it without them, "
        f"and kept a copy of it as it was as {copy.name}."
    )
    assert lists.problem == said
    assert json.loads(copy.read_text(encoding="utf-8"))["bad"] == 3
    assert f"1 kept in {path}. {said}" in privacy_labels(qtbot, lists, tmp_path)


def privacy_labels(qtbot: QtBot, lists: Shortlists, tmp_path: Path) -> list[str]:
    """What Tools → Privacy shows, each label's text (less the breaks a path may take)."""
    dialog = PrivacyDialog(Preferences(tmp_path / "window.ini"), lists, SharedSettings(Settings()))
    qtbot.addWidget(dialog)
    return [label_shows(label).replace("\u200b", "") for label in dialog.findChildren(QLabel)]
