"""Every file locator writes is replaced whole or not at all, keeping its mode and its links."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from locator import files
from locator.errors import FileWriteError, LocatorError
from locator.files import atomic_file, atomic_write
from tests.helpers.language import speaking


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_text_is_written_as_utf8_with_its_newlines_exactly(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    assert atomic_write(path, "Café\r\nline two\nno newline at the end") == path
    assert path.read_bytes() == "Café\r\nline two\nno newline at the end".encode()


def test_bytes_are_written_as_they_are_and_replace_the_old_content(tmp_path: Path) -> None:
    path = tmp_path / "out.bin"
    path.write_bytes(b"old content that is longer")
    atomic_write(path, b"\x00\xffnew")
    assert path.read_bytes() == b"\x00\xffnew"
    assert sorted(tmp_path.iterdir()) == [path]  # no temporary file left


def test_the_original_permission_bits_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "private.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o600)
    atomic_write(path, '{"a": 1}')
    assert mode_of(path) == 0o600
    path.chmod(0o640)
    atomic_write(path, "{}")
    assert mode_of(path) == 0o640


@pytest.mark.parametrize("special", [stat.S_ISUID, stat.S_ISGID, stat.S_ISVTX], ids=str)
def test_setuid_setgid_and_sticky_are_not_given_to_the_new_content(
    tmp_path: Path, special: int
) -> None:
    """``-o`` onto a 4755 file left the page written there setuid: new content is not the
    program someone marked so."""
    path = tmp_path / "suid.html"
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755 | special)
    atomic_write(path, "<html></html>")
    assert mode_of(path) == 0o755
    path.chmod(0o755 | special)
    with atomic_file(path) as filled:
        filled.write_text("<html></html>", encoding="utf-8")
    assert mode_of(path) == 0o755


def test_a_new_file_gets_the_usual_mode_less_the_umask(tmp_path: Path) -> None:
    # In a process of its own, started with the user's umask, as locator is.
    write = "from locator.files import atomic_write; import sys; atomic_write(sys.argv[1], 'x')"
    subprocess.run(
        [sys.executable, "-c", write, str(tmp_path / "new.txt")], check=True, umask=0o027
    )
    assert mode_of(tmp_path / "new.txt") == 0o640


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real" / "clinics.yaml"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "clinics.yaml"
    link.symlink_to(real)
    assert atomic_write(link, "new") == real
    assert link.is_symlink()
    assert link.resolve() == real
    assert real.read_text(encoding="utf-8") == "new"
    assert mode_of(real) == 0o600
    assert sorted(p.name for p in real.parent.iterdir()) == ["clinics.yaml"]


def test_a_failure_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.json"
    path.write_text("original", encoding="utf-8")

    def full(source: str, target: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full)
    with pytest.raises(FileWriteError) as caught:
        atomic_write(path, "new")
    assert str(caught.value) == (
        f"Cannot write {path}: the disk is full; the file is unchanged. "
        "Free some space or choose another folder."
    )
    assert isinstance(caught.value, LocatorError)
    assert isinstance(caught.value, OSError)  # callers catching OSError still catch it
    assert caught.value.filename == str(path)
    assert path.read_text(encoding="utf-8") == "original"
    assert sorted(tmp_path.iterdir()) == [path]


def test_an_interrupted_write_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "out.txt", "x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "the system refused it (EIO); the file is unchanged. Check the folder and try"),
        ("es", "el sistema lo rechazó (EIO); el archivo no se cambió. Revise la carpeta y vuelva"),
    ],
)
def test_an_unusual_write_error_is_said_in_locators_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, said: str
) -> None:
    """An error locator has no sentence of its own for was the system's English, lowercased
    ("input/output error"), in a Spanish session too."""
    path = tmp_path / "settings.json"
    path.write_text("original", encoding="utf-8")

    def failing(source: str, target: str) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(files.os, "replace", failing)
    with speaking(language), pytest.raises(FileWriteError) as caught:
        atomic_write(path, "new")
    assert said in str(caught.value)
    assert path.read_text(encoding="utf-8") == "original"


def test_a_read_only_folder_is_a_sentence_that_says_what_to_do(
    tmp_path: Path, make_read_only: Callable[[Path], None]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    make_read_only(folder)
    with pytest.raises(FileWriteError) as caught:
        atomic_write(folder / "clinics.yaml", "x")
    assert str(caught.value) == (
        f"Cannot write {folder / 'clinics.yaml'}: permission denied. "
        "Choose another folder or check its permissions."
    )
    assert list(folder.iterdir()) == []


def test_missing_folders_are_made_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c.json"
    with pytest.raises(FileWriteError, match="its folder does not exist"):
        atomic_write(path, "{}")
    atomic_write(path, "{}", parents=True)
    assert path.read_text(encoding="utf-8") == "{}"


def test_a_folder_in_the_way_is_a_sentence(tmp_path: Path) -> None:
    (tmp_path / "out.html").mkdir()
    with pytest.raises(FileWriteError, match=r"that is a folder\. Choose a file name instead\."):
        atomic_write(tmp_path / "out.html", "<p>")
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_atomic_file_lets_sqlite_fill_the_replacement(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    path.write_bytes(b"an old index")
    with atomic_file(path) as temporary:
        assert temporary.parent == tmp_path
        assert path.read_bytes() == b"an old index"  # untouched until the block ends
        db = sqlite3.connect(temporary)
        db.execute("CREATE TABLE t (x)")
        db.commit()
        db.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    assert sorted(tmp_path.iterdir()) == [path]


def test_atomic_file_keeps_the_original_when_the_block_fails(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    path.write_bytes(b"an old index")

    def fill_then_fail() -> None:
        with atomic_file(path) as temporary:
            temporary.write_bytes(b"half")
            raise ValueError("broken data")

    with pytest.raises(ValueError, match="broken data"):
        fill_then_fail()
    assert path.read_bytes() == b"an old index"
    assert sorted(tmp_path.iterdir()) == [path]
