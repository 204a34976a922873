"""Saving a registry file: atomically, its last versions kept beside it, never over a change
another program made meanwhile (the editor's save and ``locator fmt`` both save this way).

A backup is private when its registry is (same permissions and group), and a backup's name is
never followed: a link planted there (a cloned repository can carry one) is replaced itself,
so the previous registry never lands where the link points. A registry with other hard links
is written in place once its backup is verified, so the links never silently come apart; a
backup's name that is a hard link of the registry itself is no backup (it would change with the
registry), so that name is dropped and the previous version kept in a file of its own. A
registry is a regular file: a pipe or a device chosen as one is refused, never streamed into.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from locator.data.loader import registry_limit
from locator.errors import FileWriteError, RegistryWriteError
from locator.files import atomic_write, overwrite_in_place, read_regular
from locator.i18n import _

BACKUPS = 5  # clinics.yaml.~1~ (the newest) … clinics.yaml.~5~


def digest(data: bytes) -> str:
    """The SHA-256 of file contents, to notice changes made by others."""
    return hashlib.sha256(data).hexdigest()


def fingerprint(path: Path) -> str | None:
    """The file's SHA-256, or None when it cannot be read (gone, unreadable, no file)."""
    try:
        return digest(read_regular(path, registry_limit()))
    except OSError:
        return None


def changed_sentence(path: Path) -> str:
    """What a save refused because ``path`` changed on disk says."""
    return _(
        "{path} changed on disk since it was opened; reload it, or save your edits as another file"
    ).format(path=path)


def refuse_unless_file(path: Path) -> None:
    """Raise :class:`RegistryWriteError` when something other than a regular file (a pipe, a
    device, a folder) is at ``path``: a registry must be a file that can be read back, and
    streaming it into a reader would save nothing."""
    target = Path(os.path.realpath(path))
    if os.path.exists(target) and not target.is_file():
        raise RegistryWriteError(
            _(
                "Cannot save the registry as {path}: it is not a regular file (perhaps a pipe "
                "or a device), and a registry must be one. Nothing was saved; choose a file "
                "name."
            ).format(path=path)
        )


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
    refuse_unless_file(path)
    target = Path(os.path.realpath(path))
    try:
        if not target.is_file():
            return atomic_write(target, data, parents=True, before_replace=check)
        _drop_own_links(target)
        original = target.stat()
        old = read_regular(target, registry_limit())
        newest = _backed_up(target, old, original)
        if original.st_nlink == 1:
            return atomic_write(target, data, before_replace=check)
        if read_regular(newest, registry_limit(), follow_link=False) != old:
            raise OSError(
                errno.EIO, _("its backup {name} did not read back").format(name=newest.name)
            )
        if check is not None:
            check()
        overwrite_in_place(target, data, old)
        return target
    except FileWriteError as error:
        raise RegistryWriteError(_("{error} Nothing was saved.").format(error=error)) from error
    except OSError as error:
        raise RegistryWriteError(str(FileWriteError.of(path, error, existed=True))) from error


def _backed_up(target: Path, old: bytes, original: os.stat_result) -> Path:
    """Keep ``old`` (what ``target`` holds) as its newest backup, unless that backup already
    holds it, the older ones moved down a place; returns the newest backup's path. Whatever
    holds a backup's name is moved or replaced itself, never followed or read through."""
    newest = backup_path(target, 1)
    if _plain_file(newest) and read_regular(newest, registry_limit(), follow_link=False) == old:
        return newest
    for number in range(1, BACKUPS + 1):  # a folder or a pipe at a backup's name is not moved
        why = _not_a_backup(backup_path(target, number))
        if why is not None:
            raise FileWriteError.backup_in_the_way(target, backup_path(target, number), why)
    for number in range(BACKUPS - 1, 0, -1):
        if os.path.lexists(backup_path(target, number)):
            try:
                os.replace(backup_path(target, number), backup_path(target, number + 1))
            except OSError as error:  # that name is said, not the file being saved
                raise FileWriteError.backup_in_the_way(
                    target, backup_path(target, number + 1), error
                ) from error
    atomic_write(newest, old, follow_link=False, like=original)
    return newest


def _drop_own_links(target: Path) -> None:
    """Remove each backup name that is a hard link of ``target`` itself: it holds no previous
    version (writing the registry would change it too), and the registry keeps those bytes."""
    own = target.stat()
    for number in range(1, BACKUPS + 1):
        name = backup_path(target, number)
        try:
            found = name.lstat()
        except OSError:
            continue
        if (found.st_dev, found.st_ino) == (own.st_dev, own.st_ino):
            name.unlink()


def _plain_file(path: Path) -> bool:
    """True when ``path`` itself (not a link's target) is a plain file."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _not_a_backup(path: Path) -> OSError | None:
    """Why what holds ``path`` itself (not a link's target) is the user's, never a backup
    locator made, so never moved or replaced: a folder, a pipe, a device, a socket; None
    when it is a plain file, a link or nothing."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode):
        return OSError(errno.EISDIR, "is a folder")
    if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
        return None
    return OSError(errno.EINVAL, _("that is not a plain file"))
