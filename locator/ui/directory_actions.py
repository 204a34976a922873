"""File → Export registry as… and Import directory…: the whole registry in a format other
directories and map tools read (:data:`locator.exports.EXPORT_FORMATS`), written off the GUI
thread with its progress in the message bar; an Open Referral HSDS directory read off it too,
its report shown before anything is saved, and saved only as a new registry file, which then
opens."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog

from locator.data.bidi import ANY
from locator.data.paths import RegistryChoice
from locator.errors import LocatorError, RegistryError
from locator.exports import EXPORT_FORMATS, ExportFormat
from locator.i18n import N_, _
from locator.ui import window_text
from locator.ui.background_export import BackgroundExport, SavingBar, Steps, may_stop
from locator.ui.file_dialogs import ask_save_choice, ask_save_path, start_folder
from locator.ui.import_report import ImportReport
from locator.ui.message_bar import MessageBar, MessageKind
from locator.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from locator.hsds.importing import Made, Report
    from locator.ui.preferences import Preferences
    from locator.ui.registry_session import RegistrySession


class _Relay(QObject):
    """Carries the stage an import has reached from its thread to the window's."""

    stage = Signal(str)


log = logging.getLogger(__name__)

PERCENT = 100  # an export's steps: each percent of its entries written

IMPORTED = N_("imported from an HSDS directory")  # why the window shows that registry


class DirectoryActions(QObject):
    """Exporting the registry on screen and importing a directory, for the File menu;
    ``open_registry`` shows another registry file, ``exporting`` an export's progress and
    ``importing`` an import's, each with its Cancel button."""

    def __init__(
        self,
        session: RegistrySession,
        preferences: Preferences,
        messages: MessageBar,
        open_registry: Callable[[RegistryChoice], None],
        exporting: SavingBar,
        importing: SavingBar,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.preferences = preferences
        self.messages = messages
        self._open_registry = open_registry
        self._parent = parent
        # asked, as a comparison's, whether it may stop when the window closes
        self._export = BackgroundExport(exporting)
        self._imports = TaskRunner(self)
        self._bar = importing
        importing.cancel.clicked.connect(self.cancel_import)
        self._importing: tuple[Path, Steps] | None = None  # the file being read, and its steps
        self._stage = ""  # the stage it has reached, a key of locator.hsds.progress.STAGE_WORDS
        self._progress = _Relay(self)
        self._progress.stage.connect(self._on_stage)

    def why_not_export(self) -> str | None:
        """Exporting needs the registry loaded, and one export at a time."""
        if self.session.registry is None:
            return window_text.registry_not_loaded_yet()
        if self._export.busy:
            return window_text.export_running()
        return None

    def export(self) -> None:
        """Ask for a format and a file, then write the registry there off the GUI thread."""
        registry = self.session.registry
        assert registry is not None  # the command's enablement checked it
        from locator.hsds.tabular import is_package

        choices = [(_name_filter(fmt), fmt.default_output) for fmt in EXPORT_FORMATS]
        packages = {index: is_package for index, fmt in enumerate(EXPORT_FORMATS) if fmt.folder}
        chosen = ask_save_choice(
            self._parent,
            self.preferences,
            _("Export the registry as"),
            choices,
            packages=packages,
        )
        if chosen is None:
            return
        path, index = chosen
        form = EXPORT_FORMATS[index]
        label = _(form.label)

        def write(steps: Steps) -> list[str]:
            def progress(fraction: float) -> None:
                if fraction < 1:  # at 1 it is written: too late to cancel
                    steps(round(fraction * PERCENT), PERCENT)  # raises once Cancel was pressed

            return form.write(registry, path, progress)

        self._export.start_writing(
            window_text.registry_as(label),
            path,
            write,
            lambda left_out: self.messages.post(
                MessageKind.NOTICE, window_text.registry_exported(label, path, left_out)
            ),
            lambda sentence: self.messages.post(MessageKind.NOTICE, window_text.notice(sentence)),
            lambda done, total: window_text.exporting_registry(label, path, done / total),
            folder=form.folder,
        )

    # importing ----------------------------------------------------------------------------

    def why_not_import(self) -> str | None:
        """One import at a time."""
        if self._imports.busy:
            return window_text.import_running()
        return None

    def import_directory(self) -> None:
        """Ask for an HSDS file (JSON, a zip, or a package folder's datapackage.json) and read
        and check it off the GUI thread; its report follows."""
        name, _filter = QFileDialog.getOpenFileName(
            self._parent,
            _("Import an Open Referral HSDS directory"),
            str(start_folder(self.preferences)),
            _("Open Referral HSDS: JSON, a zip, or a folder's datapackage.json (*.json *.zip)"),
        )
        if not name:
            return
        from locator.hsds.importing import Stage, import_checked  # only when importing
        from locator.hsds.reading import source_of

        source = source_of(Path(name))
        self.preferences.last_folder = source.parent
        output = source.parent / _yaml_name(source)  # where it is offered to go
        steps = Steps()
        steps.relay.step.connect(self._on_count)
        self._importing = (source, steps)
        self._bar.cancel.setEnabled(True)
        self._bar.show()
        self._on_stage(Stage.READING.value)
        relay = self._progress

        def send(stage: Stage) -> None:
            with contextlib.suppress(RuntimeError):  # the window has closed: nobody to tell
                relay.stage.emit(stage.value)

        def work() -> tuple[Made, Report]:
            steps(0, 0)  # cancelled while it waited for a thread: not started at all
            return import_checked(source, output, dt.date.today(), send, steps)

        self._imports.run(work, self._read, self._not_read)

    def cancel_import(self) -> None:
        """Stop the import at its next count (a moment): nothing is written. Also when the
        window closes, so that no import goes on growing after the person quit."""
        if self._importing is not None:
            self._importing[1].cancel()
            self._bar.label.setText(_("Cancelling…"))
            self._bar.cancel.setEnabled(False)

    def may_close(self) -> bool:
        """Whether the window may close now, asked as an export asks: True when nothing is
        being imported, or when the person chose to cancel the import (nothing is written);
        False when they chose to wait for it."""
        if self._importing is None or self._importing[1].cancelled:
            return True
        source = self._importing[0]
        question = window_text.still_importing(source)
        if not may_stop(self._parent, _("Still importing"), question, _("&Cancel import and quit")):
            return False
        self.cancel_import()
        return True

    def _on_stage(self, stage: str) -> None:
        """A new stage: its words, and a busy bar until its first count."""
        if self._importing is not None and not self._importing[1].cancelled:
            self._stage = stage
            self._bar.progress.setRange(0, 0)
            self._bar.label.setText(window_text.importing_directory(self._importing[0], stage))

    def _on_count(self, done: int, total: int) -> None:
        """How many of the stage's services (or entries) are done, of how many."""
        if self._importing is None or self._importing[1].cancelled or total <= 0:
            return
        self._bar.progress.setRange(0, total)
        self._bar.progress.setValue(done)
        self._bar.label.setText(
            window_text.importing_directory(self._importing[0], self._stage, done, total)
        )

    def _import_ended(self) -> tuple[Path, bool]:
        """The file that was being imported, and whether Cancel was pressed; its bar goes."""
        assert self._importing is not None
        (source, steps), self._importing = self._importing, None
        self._bar.hide()
        if steps.cancelled:
            self.messages.post(MessageKind.NOTICE, window_text.import_cancelled(source))
        return source, steps.cancelled

    def _read(self, read: tuple[Made, Report]) -> None:
        """Show the report; on "Save as new registry…", ask for a new file, write, open it.
        The registry made is let go of whatever is chosen."""
        made, report = read
        with contextlib.closing(made):
            self._offer(made, report)

    def _offer(self, made: Made, report: Report) -> None:
        source, cancelled = self._import_ended()
        if cancelled:  # read to the end before the cancel was heard: dropped all the same
            return
        summary = window_text.import_read(report.entries, source)
        shown = ImportReport(summary, report.sentences(), _("&Save as new registry…"), self._parent)
        if shown.exec() != QDialog.DialogCode.Accepted:
            return
        path = self._ask_new_file(source)
        if path is None:
            return
        try:
            made.write(path)  # nor over one made since it was asked
        except OSError as error:
            self.messages.post(
                MessageKind.NOTICE,
                window_text.import_failed(error, path),
                whole=window_text.shown_path(path),
            )
            return
        self._open_registry(RegistryChoice(path, IMPORTED))
        self.messages.post(
            MessageKind.NOTICE,
            window_text.imported(report.entries, path),
            whole=window_text.shown_path(path),
        )

    def _ask_new_file(self, source: Path) -> Path | None:
        """A file that does not exist yet for the import of ``source``, asked again (its
        title saying why) while the name chosen exists in any form (a link to nothing, whose
        target a write would create, as `locator import -o` refuses it): the registry shipped
        with locator, or any other, is never replaced, and the import read is not thrown away
        for a name."""
        title = _("Save the imported registry as")
        while True:
            path = ask_save_path(
                self._parent,
                self.preferences,
                title,
                _yaml_name(source),
                "YAML (*.yaml)",
                replaces=False,
            )
            if path is None or not os.path.lexists(path):  # a link to nothing is there too
                return path
            title = window_text.import_target_exists(path)
            self.messages.post(MessageKind.NOTICE, window_text.notice(title))  # seen behind it

    def _not_read(self, error: Exception) -> None:
        """Not HSDS locator can import: every problem, where it is; or a sentence."""
        from locator.hsds.reading import HsdsError

        source, cancelled = self._import_ended()
        if cancelled:
            return
        if isinstance(error, HsdsError | RegistryError):
            stopped = isinstance(error, HsdsError) and error.stopped
            nothing = isinstance(error, HsdsError) and error.nothing
            summary = window_text.import_refused(
                len(error.problems), source, stopped=stopped, nothing=nothing
            )
            ImportReport(summary, str(error).splitlines(), None, self._parent).exec()
        else:  # unreadable, or a fault of locator's: a sentence, the details in the log
            if not isinstance(error, LocatorError | OSError):
                log.warning("import failed", exc_info=error)
            self.messages.post(
                MessageKind.NOTICE,
                window_text.import_failed(error, source),
                whole=window_text.shown_path(source),
            )


def _yaml_name(source: Path) -> str:
    """ "services.yaml" for services.json, a package folder or services.zip; without the
    characters that would turn the name around (for "x\u202enosj.evil.json", a name that
    reads "xlmay.live.json"), so the name offered reads as it is written."""
    stem = source.stem or source.name
    return "".join(c for c in stem if c not in ANY) + ".yaml"


def _name_filter(form: ExportFormat) -> str:
    """The save dialog's filter: "GeoJSON (*.geojson)"; a folder's takes any name."""
    return f"{_(form.label)} (*{form.suffix or ''})"
