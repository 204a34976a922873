"""The answer a person gives a shortlist dialog in a journey, by keyboard."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QInputDialog, QListWidget, QWidget

from locator.ui.shortlist_actions import RenameBox
from tests.helpers.exporting import Answer
from tests.helpers.user import User


def choose_in(user: User, text: str) -> Answer:
    """An answer for a shortlist dialog: type a name (or pick it with the arrow keys from a
    fixed list), then Enter."""

    def answer(dialog: QWidget) -> None:
        names = dialog.findChild(QListWidget)
        if names is not None:  # which of the kept lists, each shown with its clinics
            user.press("Home")
            for _ in range(names.count()):
                if names.currentItem().text() == text:
                    break
                user.press("Down")
            assert names.currentItem().text() == text
            user.press("Return")
            return
        assert isinstance(dialog, QInputDialog | RenameBox)
        combo = dialog.findChild(QComboBox)
        if combo is not None and not combo.isEditable():
            user.press("Home")
            for _ in range(combo.count()):
                if combo.currentText() == text:
                    break
                user.press("Down")
            assert combo.currentText() == text
        else:
            user.press("Ctrl+A")
            user.type(text)
        user.press("Return")

    return answer
