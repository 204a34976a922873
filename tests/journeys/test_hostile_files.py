"""A maintainer whose folder holds hostile files (a cloned repository can carry links, a
shared machine pipes): the editor's Save writes the registry and its backups and nothing
else, keeps them as private as the registry and its hard links together, and the window
starts and answers with a sentence whatever it finds where a file should be."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from locator.data.paths import user_registry
from locator.settings import settings_path
from tests.helpers.editor import editor_window, open_editor
from tests.helpers.registry_texts import alias_bomb
from tests.helpers.user import MakeWindow, User


def save_a_note(user: User, note: str) -> None:
    """Type ``note`` into the first clinic's Notes in the editor and click Save."""
    editor = open_editor(user)
    user.click_widget(user.named("Notes", QPlainTextEdit))
    user.type(note)
    user.click("Save", within=editor)


def test_a_planted_backup_link_never_carries_the_save_elsewhere(
    make_window: MakeWindow, registry_copy: Path, tmp_path: Path
) -> None:
    login = tmp_path / ".bash_login"  # a link in the clone points at a file a shell runs
    (registry_copy.parent / "clinics.yaml.~1~").symlink_to(login)
    before = registry_copy.read_text(encoding="utf-8")
    user = make_window()
    save_a_note(user, "hours vary")
    user.wait(lambda: f"Saved {registry_copy}." in user.texts())
    assert not login.exists()
    backup = registry_copy.parent / "clinics.yaml.~1~"
    assert not backup.is_symlink()
    assert backup.read_text(encoding="utf-8") == before


def test_a_private_registrys_backup_stays_private(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    registry_copy.chmod(0o600)
    user = make_window()
    save_a_note(user, "hours vary")
    user.wait(lambda: f"Saved {registry_copy}." in user.texts())
    backup = registry_copy.parent / "clinics.yaml.~1~"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(registry_copy.stat().st_mode) == 0o600


def test_saving_through_one_of_two_hard_links_keeps_them_one_file(
    make_window: MakeWindow, registry_copy: Path, tmp_path: Path
) -> None:
    other = tmp_path / "shared-clinics.yaml"
    os.link(registry_copy, other)
    user = make_window()
    save_a_note(user, "hours vary")
    user.wait(lambda: f"Saved {registry_copy}." in user.texts())
    assert "hours vary" in other.read_text(encoding="utf-8")
    assert other.stat().st_ino == registry_copy.stat().st_ino


# one clinic's Treats repeats another's by an alias; or ten aliases of ten aliases, six deep
ALIASED = ["across-clinics", "bomb"]


@pytest.mark.parametrize("case", ALIASED)
def test_aliases_keep_the_editor_closed_with_the_sentence_validate_gives(
    case: str, make_window: MakeWindow, registry_copy: Path
) -> None:
    """The editor could write an aliased value back only by losing or repeating it: it does
    not open, names the alias as `locator validate` does, and the file stays as it was."""
    text = registry_copy.read_text(encoding="utf-8")
    second = text.index("\n  - id:", text.index("  - id:")) + 1
    if case == "bomb":
        hostile = text[:second] + alias_bomb(6) + text[second:]
    else:  # the second clinic's conditions are the first one's, by an alias
        anchored = text.index("conditions: [", text.index("  - id:"))
        aliased = text.index("conditions: [", second)
        hostile = (
            text[:anchored]
            + "conditions: &c "
            + text[anchored + len("conditions: ") : aliased]
            + "conditions: *c"
            + text[text.index("\n", aliased) :]
        )
    registry_copy.write_text(hostile, encoding="utf-8")
    user = make_window(wait_ready=False)
    user.wait(lambda: "The registry has problems" in user.texts())
    assert "Edit it in locator" not in user.texts()  # it could not keep what it shows
    user.press("Ctrl+Shift+E")
    user.wait(lambda: "The editor cannot open the registry" in user.texts())
    name = "c" if case == "across-clinics" else "a"
    said = f"repeated by an alias (*{name}); aliases are not allowed: write the value out"
    assert said in user.texts()
    assert not any(w.windowTitle().startswith("Edit registry") for w in user.top_levels())
    assert registry_copy.read_text(encoding="utf-8") == hostile


def test_saving_my_own_copy_onto_a_pipe_is_refused_and_the_edit_kept(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    own_copy = user_registry()  # where edits to the shipped registry are saved
    own_copy.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(own_copy)
    reader = os.open(own_copy, os.O_RDONLY | os.O_NONBLOCK)  # a program reads it: it could stream
    try:
        user = make_window(shipped=True)
        save_a_note(user, "hours vary")
        user.wait(lambda: "it is not a regular file" in user.texts())
        assert "Nothing was saved" in user.texts()
        assert os.read(reader, 1024) == b""  # not a byte went into the pipe
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(own_copy.lstat().st_mode)
    assert "hours vary" in user.named("Notes", QPlainTextEdit).toPlainText()  # kept, to retry


def test_a_pipe_for_settings_and_registry_starts_the_window_with_sentences(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    registry = tmp_path / "clinics.yaml"
    os.mkfifo(registry)
    settings = settings_path()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.symlink_to("/dev/zero")  # read, it never ends
    user = make_window(registry, wait_ready=False, tiles_question=True)
    user.wait(lambda: "it is a pipe or a device, not a file" in user.texts())
    assert "settings.json could not be used" in user.texts()
    assert stat.S_ISFIFO(registry.lstat().st_mode)


def test_a_five_thousand_digit_number_is_located_and_never_an_unexpected_error(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    text = registry_copy.read_text(encoding="utf-8")
    huge = text.replace("latitude: 40.56217", "latitude: " + "4" * 5000, 1)
    line = next(n for n, t in enumerate(huge.splitlines(), 1) if "4" * 5000 in t)
    registry_copy.write_text(huge, encoding="utf-8")
    user = make_window(wait_ready=False)
    user.wait(lambda: "The registry has problems" in user.texts())
    said = f"clinics.yaml:{line}:17: a number 5000 characters long is no value a registry holds"
    assert said in user.texts()
    assert "unexpected" not in user.texts()
    user.click_link("The registry has problems", "Edit it in locator")
    editor = editor_window(user)
    user.wait(lambda: f"Open the file at line {line}" in user.texts())
    assert not user.button("Save", within=editor).isEnabled()


def test_opening_the_editor_keeps_a_users_files_named_like_a_leftover(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    """Only a temporary file named as locator names its own is taken for a killed save's."""
    folder = registry_copy.parent
    mine = {".clinics.yaml.draft.tmp": b"my precious draft", ".clinics.yaml.~1~.old.tmp": b"old"}
    for name, content in mine.items():
        (folder / name).write_bytes(content)
    leftover = folder / ".clinics.yaml.locator-k1ll3d00.tmp"
    leftover.write_text("half a file", encoding="utf-8")
    user = make_window()
    save_a_note(user, "hours vary")
    user.wait(lambda: f"Saved {registry_copy}." in user.texts())
    assert not leftover.exists()
    assert {name: (folder / name).read_bytes() for name in mine} == mine
