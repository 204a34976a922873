"""Answering the app's export and save dialogs as a user would: choose, type a name, Enter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from locator.ui.export_dialog import ExportDialog


def answer_save_dialog(name: str | None, name_filter: str | None = None) -> list[Path]:
    """Type ``name`` into the next save dialog and press Enter (None: press Escape); with
    ``name_filter``, pick that file type first.

    Returns a list that receives the folder the dialog started in once it has been answered.
    """
    started: list[Path] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)  # not open yet
            return
        started.append(Path(dialog.directory().absolutePath()))
        if name_filter is not None:
            dialog.selectNameFilter(name_filter)
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


def answer_question(button: str | None) -> list[str]:
    """Click ``button`` in the next message box (None: press its default, Enter); returns
    a list that receives what it said."""
    said: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        said.append(box.text())
        chosen = next(
            (b for b in box.buttons() if b.text().replace("&", "") == button),
            box.defaultButton(),
        )
        assert chosen is not None
        chosen.click()

    QTimer.singleShot(0, answer)
    return said


def answer_export_dialog(
    format_label: str | None = None, patient: str = "", note: str = ""
) -> None:
    """Choose ``format_label`` in the next export dialog, type who it is for and the note (as
    pasted), and press Enter."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDialog):
            QTimer.singleShot(20, answer)  # not open yet
            return
        if format_label is not None:
            dialog.format.setCurrentIndex(dialog.format.findText(format_label))
        dialog.patient.setText(patient)
        dialog.note.setPlainText(note)
        QTest.keyClick(dialog.patient, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
