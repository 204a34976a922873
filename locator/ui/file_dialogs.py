"""The one save dialog every export of the app goes through.

It starts where the user saved last (or in their Documents folder, never in the folder the app
was started from), adds the suffix the file type needs, and remembers the folder chosen. A type
that writes a package folder takes an existing folder's name as the answer (Qt's own dialog
would open the folder instead) and asks before replacing it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from locator.files import unlinked_name
from locator.i18n import _
from locator.ui import window_text
from locator.ui.literal_text import message_box
from locator.ui.preferences import Preferences


def start_folder(preferences: Preferences) -> Path:
    """The folder used last, else the user's Documents folder, else their home folder."""
    last = preferences.last_folder
    if last is not None and last.is_dir():
        return last
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def suffix_of(name_filter: str) -> str:
    """ ".pdf" from "PDF (*.pdf)"; "" when the filter names no single suffix."""
    match = re.search(r"\*(\.[\w.]+)", name_filter)
    return match.group(1).lower() if match else ""


# A type that writes a folder: by its index among the choices, whether a folder is one of its
# packages (one an export may replace, once asked; another folder is refused).
Packages = Mapping[int, Callable[[Path], bool]]


class _SaveDialog(QFileDialog):
    """Qt's save dialog, taking the name of an existing folder typed for a type that writes a
    folder as the answer: Qt's own opens the folder, so the same package could not be chosen
    again and replaced."""

    def __init__(
        self, parent: QWidget | None, title: str, start: Path, filters: list[str], folders: Packages
    ) -> None:
        super().__init__(parent, title, str(start), ";;".join(filters))
        self._filters = filters
        self._folders = folders

    def accept(self) -> None:
        chosen = [Path(name) for name in self.selectedFiles()]
        here = Path(self.directory().absolutePath())
        index = _index(self._filters, self.selectedNameFilter())
        if index in self._folders and chosen and chosen[0] != here and chosen[0].is_dir():
            QDialog.accept(self)  # the folder named is the answer, not a folder to open
            return
        super().accept()


def ask_save_path(
    parent: QWidget | None,
    preferences: Preferences,
    title: str,
    file_name: str,
    name_filter: str,
    *,
    replaces: bool = True,
    folder: Path | None = None,
) -> Path | None:
    """Ask where to save ``file_name`` (e.g. "comparison.pdf"); None when the user cancels.

    ``name_filter`` is a Qt filter such as "PDF (*.pdf)"; its suffix is added to a name typed
    without it. The chosen folder becomes the next dialog's starting folder. Unless it
    ``replaces``, the dialog does not offer to replace a file that exists: the caller refuses it.
    A ``folder`` given is where the dialog starts instead (a registry's copy goes beside it).
    """
    chosen = ask_save_choice(
        parent, preferences, title, [(name_filter, file_name)], replaces=replaces, folder=folder
    )
    return None if chosen is None else chosen[0]


def ask_save_choice(
    parent: QWidget | None,
    preferences: Preferences,
    title: str,
    choices: Sequence[tuple[str, str]],
    *,
    replaces: bool = True,
    folder: Path | None = None,
    packages: Packages | None = None,
) -> tuple[Path, int] | None:
    """:func:`ask_save_path` offering several file types, each a (name filter, file name) pair:
    picking a type proposes its file name. Returns the path and the index of the type picked;
    None when the user cancels. Replacing a file is asked by locator itself, with the file's
    name as stored and, for a link, the file it leads to; a link to nothing is refused.
    ``packages``: the types that write a folder, see :data:`Packages`."""
    filters = [name_filter for name_filter, _name in choices]
    start = folder if folder is not None and folder.is_dir() else start_folder(preferences)
    packages = packages or {}
    dialog = _SaveDialog(parent, title, start, filters, packages)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)  # asked below

    def offer(index: int) -> None:
        suffix = suffix_of(filters[index])
        dialog.setDefaultSuffix(suffix.lstrip("."))
        folder = Path(dialog.directory().absolutePath())
        dialog.selectFile(unlinked_name(folder / choices[index][1]).name)

    offer(0)
    dialog.filterSelected.connect(lambda picked: offer(_index(filters, picked)))
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    index = _index(filters, dialog.selectedNameFilter())
    suffix = suffix_of(filters[index])
    path = Path(dialog.selectedFiles()[0])
    if suffix and path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    preferences.last_folder = path.parent
    if replaces and not _may_replace(parent, path, packages.get(index)):
        return None
    return path, index


def _may_replace(
    parent: QWidget | None, path: Path, package: Callable[[Path], bool] | None = None
) -> bool:
    """Whether the save may go to ``path``: nothing is there, or the person, asked, chose to
    replace it. A link is followed, as asked, and the question names the file it replaces; a
    link to nothing is refused (saving would create a file wherever it points). A folder of
    files (``package``: whether a folder is one) goes into an empty folder unasked, replaces a
    package once asked, and never goes into a folder holding anything else."""
    if not os.path.lexists(path):
        return True
    target = os.readlink(path) if path.is_symlink() else None
    if target is not None and not path.exists():
        return _refused(parent, window_text.link_to_nothing(path, target))
    if package is not None and path.is_dir():
        if _empty(path):
            return True
        if not package(path):
            return _refused(parent, window_text.not_a_package(path))
    box = message_box(
        QMessageBox.Icon.Question,
        _("Replace?"),
        window_text.replace_question(path, os.path.realpath(path) if target else None),
        parent,
    )
    replace = box.addButton(_("&Replace"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is replace


def _empty(folder: Path) -> bool:
    """Whether ``folder`` holds nothing (an unreadable one is not known to)."""
    try:
        return not any(folder.iterdir())
    except OSError:
        return False


def _refused(parent: QWidget | None, sentence: str) -> bool:
    """Say why nothing is saved there; False."""
    message_box(
        QMessageBox.Icon.Warning, _("Not saved"), sentence, parent, QMessageBox.StandardButton.Ok
    ).exec()
    return False


def _index(filters: list[str], picked: str) -> int:
    """Which of ``filters`` the dialog says was picked (the first if it names none of them)."""
    return filters.index(picked) if picked in filters else 0
