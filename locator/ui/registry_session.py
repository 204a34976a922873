"""The registry the window shows: which file, loading it off the GUI thread, watching it.

The window observes this object (as napari's window observes its viewer model): it says when
a load starts, when clinics arrived, when their search index is ready and when a load failed;
the last good registry stays meanwhile.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from locator.data.backups import fingerprint
from locator.data.paths import RegistryChoice
from locator.ui.file_watch import FileWatch
from locator.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the heavy core (pydantic, numpy) loads off the GUI thread
    from locator.data.models import Registry
    from locator.search import ClinicIndex


class LoadReason(Enum):
    """Why the registry is being (re)loaded: a reload of the same file keeps the view."""

    OPENED = "opened"
    RELOADED = "reloaded"  # F5, or a save in the app
    CHANGED_ON_DISK = "changed on disk"


def _load(path: Path) -> tuple[str | None, Registry | Exception]:
    """The digest of the file, taken just before it was read, and the registry or why it could
    not be read: the digest is taken here, off the GUI thread, where reading and hashing a
    file of 100,000 clinics would hold up the window some 170 ms."""
    from locator.data.loader import load_registry

    digest = fingerprint(path)
    try:
        return digest, load_registry(path)
    except Exception as error:  # with its digest: the file is read again once it changes
        return digest, error


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
        self._watch = FileWatch(choice.path, self)
        self._watch.changed.connect(self._reload_if_changed)

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
        self._watch.follow(path)
        self.loading.emit(path)
        self._loader.run(
            lambda: _load(path),
            lambda read: self._on_read(read, reason),
            lambda error: self.failed.emit(error, reason),
        )

    def _on_read(self, read: tuple[str | None, Registry | Exception], reason: LoadReason) -> None:
        self._digest, outcome = read
        if isinstance(outcome, Exception):
            self.failed.emit(outcome, reason)
        else:
            self._on_loaded(outcome, reason)

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

    def _reload_if_changed(self) -> None:
        path = self.path
        if fingerprint(path) != self._digest:
            self.load(LoadReason.CHANGED_ON_DISK)
