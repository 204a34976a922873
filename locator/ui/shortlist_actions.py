"""The Shortlists menu's work: asking which list (or a new name), changing the kept lists, and
saying what was done. Which list is on screen is kept here; the window shows one when asked
(``show_requested``) and goes back to the search when the one on screen is left or deleted
(``left``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from locator.data.bidi import held, named
from locator.errors import LocatorError
from locator.i18n import _, ngettext
from locator.presentation import page_text, shown_name
from locator.referral import unnamed_left_out
from locator.ui import window_text
from locator.ui.literal_text import HOLDS_REORDERING, buddy_text, confirmed
from locator.ui.message_bar import MessageBar, MessageKind
from locator.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from locator.data.models import Clinic
    from locator.shortlists import Shortlists

# The clinics on a list, by the list's name, as a preview says them ("Nervana Medical
# (Sandy, UT)"), and how many of its ids are no longer in the registry.
Preview = Callable[[str], tuple[list[str], int]]
# Why a name typed cannot be a list's, as a sentence (None: it can).
NameProblem = Callable[[str], str | None]


class ShortlistChooser(QDialog):
    """Which shortlist: the names, and under them the clinics of the one chosen, so a list is
    known by what it holds before it is opened, renamed or deleted. A long list's clinics
    scroll, so the dialog and its buttons stay on the screen."""

    def __init__(
        self, title: str, names: Sequence[str], current: int, preview: Preview, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._preview = preview
        self.names = QListWidget(self)
        self.names.setAccessibleName(_("Shortlists"))
        # shown in the order it is stored; chosen as it is kept
        for name, shown in zip(names, window_text.shortlist_names(names), strict=True):
            item = QListWidgetItem(shown, self.names)
            item.setData(Qt.ItemDataRole.UserRole, name)
        self.names.setCurrentRow(current)
        label = QLabel(_("&Shortlist:"), self)
        label.setBuddy(self.names)
        self.clinics = QLabel(self)
        self.clinics.setAccessibleName(_("Clinics on this shortlist"))
        self.clinics.setTextFormat(Qt.TextFormat.PlainText)  # registry text and typed names
        self.clinics.setWordWrap(True)
        self.clinics.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clinics.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)  # in the Tab order: the keyboard scrolls it too
        scroll.setAccessibleName(_("Clinics on this shortlist"))
        scroll.setWidget(self.clinics)
        scroll.setWidgetResizable(True)  # the text wraps to the width; only the height scrolls
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.names.itemActivated.connect(lambda _item: self.accept())
        self.names.currentRowChanged.connect(self._show_clinics)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.names, 1)
        layout.addWidget(scroll, 2)
        layout.addWidget(buttons)
        self._show_clinics()
        fit_to_screen(self, QSize(480, 560))

    def chosen(self) -> str | None:
        """The name chosen, or None."""
        item = self.names.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _show_clinics(self) -> None:
        name = self.chosen()
        if name is None:
            self.clinics.clear()
            return
        clinics, missing = self._preview(name)
        self.clinics.setText(window_text.shortlist_preview(clinics, missing))


class RenameBox(QDialog):
    """The Rename box: it edits the name as kept, every character of it (a shown form, cut and
    with its reordering characters replaced, would be saved in its place), and names under it
    the characters that make the box read other than the name is stored."""

    def __init__(self, old: str, problem: NameProblem, parent: QWidget) -> None:
        super().__init__(parent)
        self._problem = problem  # why a name typed cannot be the list's: it keeps the box open
        self.setWindowTitle(_("Rename shortlist"))
        question = _("New name for “{old}”:").format(old=window_text.shortlist_name(old))
        label = QLabel(buddy_text(question), self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a typed name, as written
        label.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setMaxLength(max(len(old), self.name.maxLength()))  # kept whole, however long
        self.name.setText(old)
        label.setBuddy(self.name)
        self.reordering = QLabel(self)
        self.reordering.setWordWrap(True)
        self.reordering.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal = QLabel(self)
        self.refusal.setWordWrap(True)
        self.refusal.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._name_reordering)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.name)
        layout.addWidget(self.reordering)
        layout.addWidget(self.refusal)
        layout.addWidget(buttons)
        self._name_reordering()
        self.name.selectAll()

    def accept(self) -> None:
        """Close, unless the name typed cannot be the list's (another list's, too long, a
        control character in it; the name it has too, kept from an older file): then say why
        and keep what was typed, to change."""
        new = self.name.text().strip()
        problem = self._problem(new) if new else None
        if problem is not None:
            self.refusal.setText(problem)
            self.refusal.show()
            self.name.setFocus()
            return
        super().accept()

    def _name_reordering(self) -> None:
        characters = held(self.name.text())
        self.reordering.setText(_(HOLDS_REORDERING).format(characters=named(characters)))
        self.reordering.setVisible(bool(characters))


class AddBox(QInputDialog):
    """The Add to shortlist box: a kept list chosen, or a new list's name typed; a name that
    cannot be one (too long, a control character in it) is said under the question, and the
    box stays open with what was typed, to change."""

    def __init__(
        self,
        question: str,
        shown: list[str],
        current: int,
        problem: NameProblem,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._question = question
        self._problem = problem
        self.setWindowTitle(_("Add to shortlist"))
        self.setLabelText(buddy_text(question))
        self.setComboBoxItems(shown)
        self.setTextValue(shown[current])
        self.setComboBoxEditable(True)
        # the question wraps within the screen (a word longer than it is cut at the box's
        # edge): the box took its width from a clinic's long name, past an 800x600 screen
        # with its Cancel button off it
        room = (parent.screen() or QGuiApplication.primaryScreen()).availableGeometry().width()
        for label in self.findChildren(QLabel):  # the question's, made by setLabelText
            # plain text, never guessed: a rich text label tied to a field takes the "&" of
            # its own escapes ("&lt;") and of a name's "&amp;" as Alt shortcuts
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setFixedWidth(min(480, room * 2 // 3))

    def accept(self) -> None:
        """Close, unless the name typed cannot be a list's: then say why under the question."""
        problem = self._problem(self.textValue())
        if problem is not None:
            self.setLabelText(buddy_text(f"{self._question}\n\n{problem}"))
            return
        super().accept()


def _kept(names: Sequence[str], typed: str) -> str:
    """The name a list is kept by when it was chosen as shown (cut, neutralised, marked as a
    name shown alike is); a name typed as typed."""
    shown = window_text.shortlist_names(names)
    return next((name for name, label in zip(names, shown, strict=True) if label == typed), typed)


class ShortlistActions(QObject):
    """Add, open, take off, rename, delete and leave shortlists, with their dialogs and
    messages. Each assumes what its command's enablement checked (clinics, a list on screen,
    lists)."""

    show_requested = Signal(str)  # the name of the list to show
    left = Signal()  # the list on screen was left or deleted: show the search, or everything
    changed = Signal()  # the lists were changed and saved: what was said of the file may not hold

    def __init__(
        self, shortlists: Shortlists, messages: MessageBar, preview: Preview, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.shortlists = shortlists
        self.messages = messages
        self._preview = preview
        self._parent = parent
        self.current: str | None = None  # the shortlist on screen, if one is

    def off_screen(self) -> None:
        """No shortlist is on screen any more: a search or another registry replaced it."""
        self.current = None

    def add(self, clinics: Sequence[Clinic], *, left_out: int = 0) -> None:
        """Add ``clinics`` (the ticked ones, or the one selected) to a list the user chooses
        or names; the question names the clinics it adds, and the question and the notice
        say why the ``left_out`` ticked unnamed providers are not among them."""
        names = self.shortlists.names()
        if len(clinics) == 1:
            question = _("Shortlist for {name} (choose one or type a new name):").format(
                name=page_text(shown_name(clinics[0]))
            )
        else:
            question = ngettext(
                "Shortlist for the {count} ticked clinic, {names} (choose one or type a new name):",
                "Shortlist for the {count} ticked clinics, {names} (choose one or type a new "
                "name):",
                len(clinics),
            ).format(count=len(clinics), names="; ".join(page_text(shown_name(c)) for c in clinics))
        if left_out:
            question += " " + unnamed_left_out(left_out)
        box = AddBox(
            question,
            window_text.shortlist_names(names) or [_("Shortlist")],
            self._current_index(names),
            lambda typed: self.shortlists.adding_problem(_kept(names, typed)),
            self._parent,
        )
        ok = box.exec() == QDialog.DialogCode.Accepted
        name = _kept(names, box.textValue()).strip()
        box.deleteLater()
        if ok and name:
            added = self._change(lambda: self.shortlists.add(name, *(c.id for c in clinics)))
            if added:
                self._notice(window_text.added_to_shortlist(clinics, name, left_out))

    def open(self) -> None:
        """Show a list the user chooses."""
        name = self._choose(_("Open shortlist"))
        if name is not None:
            self.show_requested.emit(name)

    def back(self) -> None:
        """Leave the list on screen for the search results (or every clinic)."""
        self.current = None
        self.left.emit()

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
        box = RenameBox(old, lambda new: self.shortlists.renaming_problem(old, new), self._parent)
        accepted = box.exec() == QDialog.DialogCode.Accepted
        new = box.name.text().strip()
        box.deleteLater()
        if not accepted or not new or new == old.strip():
            return
        renamed = self._change(lambda: self.shortlists.rename(old, new))
        if renamed and self.current == old:
            self.show_requested.emit(new)

    def delete(self) -> None:
        """Delete a list the user chooses, once they confirm it."""
        name = self._choose(_("Delete shortlist"))
        if name is None:
            return
        if not confirmed(
            self._parent,
            _("Delete shortlist"),
            _("Delete the shortlist “{name}”? Its clinics stay in the registry.").format(
                name=window_text.shortlist_name(name)
            ),
            keep=True,
        ):
            return
        self._change(lambda: self.shortlists.delete(name))
        self._notice(window_text.deleted_shortlist(name))
        if self.current == name:
            self.back()

    def _choose(self, title: str) -> str | None:
        names = self.shortlists.names()
        chooser = ShortlistChooser(
            title, names, self._current_index(names), self._preview, self._parent
        )
        chosen = chooser.chosen() if chooser.exec() == QDialog.DialogCode.Accepted else None
        chooser.deleteLater()
        return chosen

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
        self.changed.emit()
        return True

    def _notice(self, html: str) -> None:
        self.messages.post(MessageKind.NOTICE, html)
