"""The registry the window shows: which file, loading it off the GUI thread, watching it.

The window observes this object (as napari's window observes its viewer model): it says when
a load starts, when clinics arrived, when their search index is ready and when a load failed;
the last good registry stays meanwhile.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from locator.data.backups import fingerprint
from locator.data.paths import RegistryChoice
from locator.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the heavy core (pydantic, numpy) loads off the GUI thread
    from locator.data.models import Registry
    from locator.search import ClinicIndex

SETTLE_MS = 250  # editors write in bursts: reload after the last of them


class LoadReason(Enum):
    """Why the registry is being (re)loaded: a reload of the same file keeps the view."""

    OPENED = "opened"
    RELOADED = "reloaded"  # F5, or a save in the app
    CHANGED_ON_DISK = "changed on disk"


def _load(path: Path) -> Registry:
    from locator.data.loader import load_registry

    return load_registry(path)


def _index(registry: Registry) -> ClinicIndex:
    from locator.search import ClinicIndex  # NumPy: after the clinics are on the map

    return ClinicIndex.of(registry)


class RegistrySession(QObject):
    """Loads, watches and indexes one registry file at a time."""

    loading = Signal(object)  # Path
    loaded = Signal(object, object)  # Registry, LoadReason
    indexed = Signal(object)  # ClinicIndex
    failed = Signal(object, object)  # Exception, LoadReason

    def __init__(self, choice: RegistryChoice, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choice = choice
        self.registry: Registry | None = None
        self.index: ClinicIndex | None = None
        self._digest: str | None = None
        self._loader = TaskRunner(self)
        self._indexer = TaskRunner(self)
        self.busy_changed = self._loader.busy_changed
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_event)
        self._watcher.directoryChanged.connect(self._on_file_event)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._reload_if_changed)

    @property
    def path(self) -> Path:
        """The registry file."""
        return self.choice.path

    @property
    def busy(self) -> bool:
        """True while a load is under way."""
        return self._loader.busy

    def open(self, choice: RegistryChoice) -> None:
        """Switch to another registry file and load it."""
        self.choice = choice
        self.load(LoadReason.OPENED)

    def load(self, reason: LoadReason = LoadReason.OPENED) -> None:
        """(Re)load the file off the GUI thread; the last good registry stays meanwhile."""
        path = self.path
        self._watch(path)
        self._digest = fingerprint(path)
        self.loading.emit(path)
        self._loader.run(
            lambda: _load(path),
            lambda registry: self._on_loaded(registry, reason),
            lambda error: self.failed.emit(error, reason),
        )

    def _on_loaded(self, registry: Registry, reason: LoadReason) -> None:
        self.registry, self.index = registry, None
        self.loaded.emit(registry, reason)
        self._indexer.run(
            lambda: _index(registry),
            self._on_indexed,
            lambda error: self.failed.emit(error, reason),
        )

    def _on_indexed(self, index: ClinicIndex) -> None:
        self.index = index
        self.indexed.emit(index)

    def _watch(self, path: Path) -> None:
        """Follow the file, also when an editor saves by writing a new file and renaming it
        over the old one (the watch on the file is lost then; the folder's stays)."""
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        for target in (path, path.parent):
            if target.exists():
                self._watcher.addPath(str(target))

    def _on_file_event(self, _changed: str) -> None:
        self._settle.start()

    def _reload_if_changed(self) -> None:
        path = self.path
        if str(path) not in self._watcher.files() and path.exists():
            self._watcher.addPath(str(path))
        if fingerprint(path) != self._digest:
            self.load(LoadReason.CHANGED_ON_DISK)
