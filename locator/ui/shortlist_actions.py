"""The Shortlists menu's work: asking which list (or a new name), changing the kept lists, and
saying what was done. Which list is on screen is kept here; the window shows one when asked
(``show_requested``) and goes back to the search when the one on screen is deleted (``left``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from locator.errors import LocatorError
from locator.i18n import _
from locator.presentation import shown_name
from locator.ui import window_text
from locator.ui.literal_text import literal
from locator.ui.message_bar import MessageBar, MessageKind

if TYPE_CHECKING:
    from locator.data.models import Clinic
    from locator.shortlists import Shortlists


class ShortlistActions(QObject):
    """Add, open, take off, rename and delete shortlists, with their dialogs and messages.
    Each assumes what its command's enablement checked (a clinic, a list on screen, lists)."""

    show_requested = Signal(str)  # the name of the list to show
    left = Signal()  # the list on screen was deleted: show the search, or everything

    def __init__(self, shortlists: Shortlists, messages: MessageBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.shortlists = shortlists
        self.messages = messages
        self._parent = parent
        self.current: str | None = None  # the shortlist on screen, if one is

    def off_screen(self) -> None:
        """No shortlist is on screen any more: a search or another registry replaced it."""
        self.current = None

    def add(self, clinic: Clinic) -> None:
        """Add ``clinic`` to a list the user chooses or names."""
        names = self.shortlists.names()
        name, ok = QInputDialog.getItem(
            self._parent,
            _("Add to shortlist"),
            literal(
                _("Shortlist for {name} (choose one or type a new name):").format(
                    name=shown_name(clinic)
                )
            ),
            names or [_("Shortlist")],
            self._current_index(names),
            True,
        )
        if ok and name.strip():
            self._change(lambda: self.shortlists.add(name.strip(), clinic.id))
            self._notice(window_text.added_to_shortlist(clinic, name.strip()))

    def open(self) -> None:
        """Show a list the user chooses."""
        name = self._choose(_("Open shortlist"))
        if name is not None:
            self.show_requested.emit(name)

    def remove(self, clinic: Clinic) -> None:
        """Take ``clinic`` off the list on screen, which is shown again without it."""
        name = self.current
        if name is None:
            return
        self._change(lambda: self.shortlists.remove(name, clinic.id))
        self._notice(window_text.taken_off_shortlist(clinic, name))
        self.show_requested.emit(name)

    def rename(self) -> None:
        """Rename a list the user chooses; shown under its new name if it was on screen."""
        old = self._choose(_("Rename shortlist"))
        if old is None:
            return
        new, ok = QInputDialog.getText(
            self._parent,
            _("Rename shortlist"),
            literal(_("New name for “{old}”:").format(old=old)),
            text=old,
        )
        new = new.strip()
        if not ok or not new or new == old:
            return
        renamed = self._change(lambda: self.shortlists.rename(old, new))
        if renamed and self.current == old:
            self.show_requested.emit(new)

    def delete(self) -> None:
        """Delete a list the user chooses, once they confirm it."""
        name = self._choose(_("Delete shortlist"))
        if name is None:
            return
        question = QMessageBox(
            QMessageBox.Icon.Question,
            _("Delete shortlist"),
            _("Delete the shortlist “{name}”? Its clinics stay in the registry.").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self._parent,
        )
        question.setTextFormat(Qt.TextFormat.PlainText)  # the name as typed, never markup
        question.setDefaultButton(QMessageBox.StandardButton.No)  # Enter keeps the list
        if question.exec() != QMessageBox.StandardButton.Yes:
            return
        self._change(lambda: self.shortlists.delete(name))
        self._notice(window_text.deleted_shortlist(name))
        if self.current == name:
            self.current = None
            self.left.emit()

    def _choose(self, title: str) -> str | None:
        names = self.shortlists.names()
        name, ok = QInputDialog.getItem(
            self._parent, title, _("Shortlist:"), names, self._current_index(names), False
        )
        return name if ok else None

    def _current_index(self, names: list[str]) -> int:
        """Dialogs start at the list on screen."""
        return names.index(self.current) if self.current in names else 0

    def _change(self, change: Callable[[], object]) -> bool:
        """Apply a change to the shortlists; a failure becomes a message, not a traceback."""
        try:
            change()
        except (OSError, LocatorError) as error:
            self._notice(window_text.notice(str(error)))
            return False
        return True

    def _notice(self, html: str) -> None:
        self.messages.post(MessageKind.NOTICE, html)
