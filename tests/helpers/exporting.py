"""Answers a person gives the export and save dialogs in a journey, by keyboard, and a machine
too busy to start an export at once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from locator.ui.export_dialog import ExportDialog
from tests.helpers.user import User

Answer = Callable[[QWidget], None]


def save_as(user: User, path: Path) -> Answer:
    """An answer for a save dialog: select the proposed name, type the path, press Enter."""

    def answer(dialog: QWidget) -> None:
        user.press("Ctrl+A")
        user.type(str(path))
        user.press("Return")

    return answer


def export_as(user: User, form: str | None = None, patient: str = "", note: str = "") -> Answer:
    """An answer for the export dialog: the format ``form`` picked with the arrow keys (else
    the one offered first), then Tab to who it is for and the note, typed, then Alt+S,
    "Save as…"."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        combo = dialog.findChild(QComboBox)
        assert combo is not None
        first = combo if combo.isVisible() else dialog.patient
        user.wait(lambda: user.focused() is first)  # the keyboard starts in the first field
        if form is not None:
            user.press("Home")
            for _ in range(combo.count()):
                if combo.currentText() == form:
                    break
                user.press("Down")
            assert combo.currentText() == form
        if first is combo:
            user.press("Tab")
        user.type(patient)
        user.press("Tab")
        user.type(note)
        user.press("Alt+S")  # Enter would start a new line of the note

    return answer


def save_as_type(user: User, path: Path, file_type: str, proposed: list[str]) -> Answer:
    """An answer for a save dialog: Tab to its file types, pick ``file_type`` with the arrow
    keys, note the name then proposed, and save as ``path``."""

    def answer(dialog: QWidget) -> None:
        types = dialog.findChild(QComboBox, "fileTypeCombo")
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        for _ in range(20):
            if user.focused() is types:
                break
            user.press("Tab")
        assert isinstance(types, QComboBox)
        for _ in range(types.count()):
            if types.currentText().startswith(file_type):
                break
            user.press("Down")
        assert types.currentText().startswith(file_type)
        while user.focused() is not name:
            user.press("Shift+Tab")
        proposed.append(name.text())
        save_as(user, path)(dialog)

    return answer


@contextmanager
def a_busy_machine() -> Iterator[None]:
    """Every worker thread taken by other work until the block ends: an export started
    meanwhile waits, in progress, as on a loaded machine (no clock is involved)."""
    pool = QThreadPool.globalInstance()
    release = threading.Event()
    for _ in range(pool.maxThreadCount()):
        pool.start(release.wait)
    try:
        yield
    finally:
        release.set()
