"""File → Export registry as…: the whole registry in a format other directories and map tools
read (:data:`locator.exports.EXPORT_FORMATS`), written off the GUI thread with its progress in
the message bar."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from locator.exports import EXPORT_FORMATS, ExportFormat
from locator.i18n import _
from locator.ui import window_text
from locator.ui.file_dialogs import ask_save_choice
from locator.ui.message_bar import MessageBar, MessageKind
from locator.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from locator.ui.preferences import Preferences
    from locator.ui.registry_session import RegistrySession


class _Progress(QObject):
    """Carries a writer's progress from its thread to the window's."""

    moved = Signal(float)


class DirectoryActions(QObject):
    """Exporting the registry on screen, for the File menu."""

    def __init__(
        self,
        session: RegistrySession,
        preferences: Preferences,
        messages: MessageBar,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.preferences = preferences
        self.messages = messages
        self._parent = parent
        self._tasks = TaskRunner(self)
        self._writing: tuple[str, Path] | None = None  # the format's name and the path, meanwhile
        self._progress = _Progress(self)
        self._progress.moved.connect(self._on_progress)

    def why_not_export(self) -> str | None:
        """Exporting needs the registry loaded, and one export at a time."""
        if self.session.registry is None:
            return window_text.registry_not_loaded_yet()
        if self._tasks.busy:
            return _("The registry is being exported; wait until it is written.")
        return None

    def export(self) -> None:
        """Ask for a format and a file, then write the registry there off the GUI thread."""
        registry = self.session.registry
        assert registry is not None  # the command's enablement checked it
        choices = [(_name_filter(fmt), fmt.default_output) for fmt in EXPORT_FORMATS]
        chosen = ask_save_choice(
            self._parent, self.preferences, _("Export the registry as"), choices
        )
        if chosen is None:
            return
        path, index = chosen
        form = EXPORT_FORMATS[index]
        self._writing = (_(form.label), path)
        self._on_progress(0.0)
        progress = self._progress

        def send(fraction: float) -> None:
            with contextlib.suppress(RuntimeError):  # the window has closed: the write goes on
                progress.moved.emit(fraction)

        self._tasks.run(lambda: form.write(registry, path, send), self._written, self._failed)

    def _on_progress(self, fraction: float) -> None:
        if self._writing is not None:
            label, path = self._writing
            self.messages.post(
                MessageKind.NOTICE, window_text.exporting_registry(label, path, fraction)
            )

    def _written(self, left_out: list[str]) -> None:
        assert self._writing is not None
        label, path = self._writing
        self._writing = None  # no later news can replace the sentence that it is written
        self.messages.post(MessageKind.NOTICE, window_text.registry_exported(label, path, left_out))

    def _failed(self, error: Exception) -> None:
        self._writing = None
        self.messages.post(MessageKind.NOTICE, window_text.registry_not_exported(error))


def _name_filter(form: ExportFormat) -> str:
    """The save dialog's filter: "GeoJSON (*.geojson)"; a folder's takes any name."""
    return f"{_(form.label)} (*{form.suffix or ''})"
