"""Saving a registry file: atomically, its last versions kept beside it, never over a change
another program made meanwhile (the editor's save and ``locator fmt`` both save this way)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from locator.errors import FileWriteError, RegistryWriteError
from locator.files import atomic_write
from locator.i18n import _

BACKUPS = 5  # clinics.yaml.~1~ (the newest) … clinics.yaml.~5~


def digest(data: bytes) -> str:
    """The SHA-256 of file contents, to notice changes made by others."""
    return hashlib.sha256(data).hexdigest()


def fingerprint(path: Path) -> str | None:
    """The file's SHA-256, or None when it cannot be read (gone, unreadable)."""
    try:
        return digest(Path(path).read_bytes())
    except OSError:
        return None


def changed_sentence(path: Path) -> str:
    """What a save refused because ``path`` changed on disk says."""
    return _(
        "{path} changed on disk since it was opened; reload it, or save your edits as another file"
    ).format(path=path)


def backup_path(path: Path, number: int) -> Path:
    """``clinics.yaml.~1~`` (the newest backup) … ``clinics.yaml.~5~``, beside the file."""
    return path.with_name(f"{path.name}.~{number}~")


def save_with_backup(path: Path, data: bytes, *, check: Callable[[], None] | None = None) -> Path:
    """Write ``data`` atomically to ``path`` (making its folder if needed), keeping the last
    :data:`BACKUPS` versions as ``NAME.~1~`` (the newest) … ``NAME.~5~``.

    The backup is written atomically and synced before the file is replaced, so a crash leaves
    the old file or the new one and a whole backup; when no backup can be written nothing is
    saved. ``check`` runs just before the rename (to notice another writer). Raises
    :class:`RegistryWriteError` when the file cannot be written; it is then unchanged.
    """
    target = Path(os.path.realpath(path))
    try:
        if target.is_file():
            old = target.read_bytes()
            newest = backup_path(target, 1)
            if not newest.is_file() or newest.read_bytes() != old:
                for number in range(BACKUPS - 1, 0, -1):
                    if backup_path(target, number).is_file():
                        os.replace(backup_path(target, number), backup_path(target, number + 1))
                atomic_write(newest, old)
        return atomic_write(target, data, parents=True, before_replace=check)
    except FileWriteError as error:
        raise RegistryWriteError(_("{error} Nothing was saved.").format(error=error)) from error
    except OSError as error:
        raise RegistryWriteError(str(FileWriteError.of(path, error, existed=True))) from error
