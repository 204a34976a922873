"""The registry commands: File → Open, Reload and Edit registry, opening the file itself at a
line from a message's link, and what the window says when a registry does not load."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from locator.data.paths import RegistryChoice
from locator.errors import LocatorError, RegistryError
from locator.i18n import N_, _
from locator.ui import window_text
from locator.ui.editor_geocoder import Located
from locator.ui.focus_return import show_in_front
from locator.ui.message_bar import MessageBar, MessageKind
from locator.ui.registry_session import LoadReason, RegistrySession
from locator.ui.text_editor import Opened, open_at_line

if TYPE_CHECKING:
    from locator.ui.preferences import Preferences
    from locator.ui.registry_editor import RegistryEditor

log = logging.getLogger(__name__)


class RegistryActions(QObject):
    """Choosing, reloading and editing the registry, for the window's menus and messages."""

    opened = Signal()  # another registry was chosen: what was shown from the last one goes

    def __init__(
        self,
        session: RegistrySession,
        messages: MessageBar,
        locate: Callable[[str], Located],
        preview: Callable[[float, float, str], None],
        preferences: Preferences,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.messages = messages
        self._locate = locate
        self._preview = preview
        self._preferences = preferences
        self._parent = parent
        self._editor: RegistryEditor | None = None
        self._file_notice: str | None = None  # where the file is, which line: see open_file
        session.loaded.connect(self._withdraw_file_notice)
        session.failed.connect(self._on_load_failed)

    def open(self) -> None:
        """Open a registry file the user chooses."""
        name, _filter = QFileDialog.getOpenFileName(
            self._parent, _("Open registry"), str(self.session.path.parent), "YAML (*.yaml *.yml)"
        )
        if name:
            self.open_choice(RegistryChoice(Path(name), N_("opened in the app")))

    def open_choice(self, choice: RegistryChoice) -> None:
        """Show the registry ``choice`` names instead of the one on screen."""
        self.opened.emit()
        self.session.open(choice)

    def reload(self) -> None:
        """Read the registry file again."""
        self.session.load(LoadReason.RELOADED)

    def open_file(self, line: str) -> None:
        """Open the registry file at ``line`` (a message link's argument) in the user's editor,
        or in the program the desktop uses for it saying the line, or say where it is."""
        path, at = self.session.path, int(line) if line.isdigit() else 1
        opened = open_at_line(path, at)
        if opened is Opened.FILE_ONLY:
            self._file_notice = window_text.notice(window_text.opened_at_top(path, at))
        elif opened is Opened.NOT_AT_ALL:
            QGuiApplication.clipboard().setText(str(path))
            self._file_notice = window_text.no_yaml_program(path, at)
        else:
            return
        self.messages.post(MessageKind.NOTICE, self._file_notice)

    def _withdraw_file_notice(self, *_loaded: object) -> None:
        """The file was read again (fixed, or broken elsewhere): the notice that said which
        line to go to is out of date, so it goes, unless another notice replaced it."""
        if self._file_notice is not None:
            self.messages.withdraw(MessageKind.NOTICE, self._file_notice)
            self._file_notice = None

    def edit(self) -> None:
        """Open the registry editor, one per registry. Edits to the shipped registry go to the
        user's own copy: locator never writes inside its installed package."""
        from locator.data.paths import user_registry
        from locator.ui.registry_editor import RegistryEditor

        if self._editor is not None and self._editor.isVisible():
            show_in_front(self._editor)
            return
        choice = self.session.choice
        target = user_registry() if choice.shipped else choice.path
        try:
            editor = RegistryEditor(
                choice.path,
                save_to=target,
                locate=self._locate,
                preferences=self._preferences,
                parent=self._parent,
            )
        except RegistryError as error:  # not YAML: nothing the form could show or keep
            self.messages.post(
                MessageKind.REGISTRY, window_text.editor_cannot_open(error, choice.path)
            )
            return
        except (OSError, LocatorError) as error:  # an unreadable file: say so, keep the app
            self.messages.post(MessageKind.REGISTRY, window_text.cannot_edit(error))
            return
        editor.saved.connect(self._on_saved)
        editor.located.connect(self._preview)
        self._editor = editor
        show_in_front(editor)

    def _on_saved(self, path: Path) -> None:
        """Saved elsewhere than the registry shown: the shipped one's edits went to the user's
        own copy, or the user named another file (Save mine as another file…); either is
        shown from now on, and said so."""
        from locator.data.paths import user_registry

        was = self.session.choice
        if path != was.path:
            if was.shipped and path == user_registry():
                self.session.choice = RegistryChoice(path, N_("your own copy"))
                said = window_text.saved_as_own_copy(path)
            else:
                self.session.choice = RegistryChoice(path, N_("saved from the editor"))
                said = window_text.saved_as_another_file(path, was.path)
            self.messages.post(MessageKind.NOTICE, said)
        self.session.load(LoadReason.RELOADED)

    def _on_load_failed(self, error: Exception, _reason: LoadReason) -> None:
        self._withdraw_file_notice()
        shown = self.session.registry is not None
        if isinstance(error, RegistryError):
            text = window_text.registry_problems(
                error, self.session.path, registry_shown=shown, editable=error.editable
            )
        else:
            log.warning(_("registry not loaded"), exc_info=error)
            text = window_text.registry_not_loaded(error, registry_shown=shown)
        self.messages.post(MessageKind.REGISTRY, text)
