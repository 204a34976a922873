"""Answering the app's save dialog as a user would: read where it starts, type a name, Enter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit


def answer_save_dialog(name: str | None) -> list[Path]:
    """Type ``name`` into the next save dialog and press Enter (None: press Escape).

    Returns a list that receives the folder the dialog started in once it has been answered.
    """
    started: list[Path] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)  # not open yet
            return
        started.append(Path(dialog.directory().absolutePath()))
        edit = dialog.findChild(QLineEdit, "fileNameEdit") or dialog.findChild(QLineEdit)
        if name is None or edit is None:
            dialog.reject()
            return
        edit.setText(name)  # as pasted: typed letters would open the completer's popup
        QTest.keyClick(edit, Qt.Key.Key_Return)
        if dialog.isVisible():  # the dialog refused the name: do not hang the test
            dialog.reject()

    QTimer.singleShot(0, answer)
    return started
