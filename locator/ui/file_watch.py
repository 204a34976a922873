"""Watching a file for changes another program makes, as editors save: in bursts, and often
by writing a new file and renaming it over the old one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 250  # editors write in bursts: look after the last of them


class FileWatch(QObject):
    """Emits ``changed`` once a burst of changes to a file has settled, also when a program
    saves by writing a new file and renaming it over the old one (the watch on the file is
    lost then; the folder's stays, and the file is watched again)."""

    changed = Signal()

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(lambda _path: self._settle.start())
        self._watcher.directoryChanged.connect(lambda _path: self._settle.start())
        self.follow(path)

    def follow(self, path: Path) -> None:
        """Watch ``path`` (and its folder) instead."""
        self._path = path
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        for target in (path, path.parent):
            if target.exists():
                self._watcher.addPath(str(target))

    def _settled(self) -> None:
        if str(self._path) not in self._watcher.files() and self._path.exists():
            self._watcher.addPath(str(self._path))
        self.changed.emit()
