"""Writing files so that a crash, a full disk or a power cut never leaves half a file.

Every file locator writes goes through here (and every JSON file it keeps is read back through
:func:`read_kept_json`): the new content is written to a temporary file
in the same folder, with the permissions of the file it replaces, flushed and synced to disk,
then renamed over the original, and the folder is synced so the rename itself survives a power
cut. A symbolic link is followed first, so the link stays a link and its target is replaced;
the owner and group are kept where the process may set them, and a read-only file is refused,
not replaced. The temporary file is locked while it is written, so a later start can tell the
leftovers of a killed process (:func:`remove_stray_temporaries`) from a save under way.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import glob
import hashlib
import hmac
import json
import logging
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import platformdirs

from locator.errors import FileWriteError
from locator.i18n import _

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; stray files are then simply removed
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

NEW_FILE_MODE = 0o644  # less the umask, as open() would make it


def atomic_write(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    parents: bool = False,
    before_replace: Callable[[], None] | None = None,
) -> Path:
    """Replace the file at ``path`` with ``data`` atomically; returns the file written.

    ``str`` is written as UTF-8 with its newlines exactly as given; ``bytes`` as they are.
    With ``parents`` missing folders are made first. ``before_replace`` runs when the new
    content is on disk, just before the rename: what it raises stops the write. Raises
    :class:`FileWriteError` (an ``OSError`` too) with a sentence naming the file; the previous
    file is then untouched and no temporary file is left behind.
    """
    content = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    with (
        atomic_replacement(path, parents=parents, before_replace=before_replace) as (_, handle),
        os.fdopen(handle, "wb", closefd=False) as stream,
    ):
        stream.write(content)
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str], *, parents: bool = False) -> Iterator[Path]:
    """A temporary path to fill (e.g. with SQLite) that replaces ``path`` when the block ends.

    The temporary file exists, empty, when the block starts. If the block raises, it is
    removed and ``path`` is left as it was. Errors are as for :func:`atomic_write`.
    """
    with atomic_replacement(path, parents=parents) as (temporary, _handle):
        yield temporary


@contextlib.contextmanager
def atomic_replacement(
    path: str | os.PathLike[str],
    *,
    parents: bool = False,
    before_replace: Callable[[], None] | None = None,
) -> Iterator[tuple[Path, int]]:
    """The machinery of :func:`atomic_write`: the temporary file's path and an open descriptor.

    The caller writes through either; when the block ends the file is synced, given the
    original's permissions and owner and renamed over the (symlink-resolved) target.
    """
    target = Path(os.path.realpath(path))
    existed = target.is_file()
    temporary: Path | None = None
    try:
        original = target.stat() if existed else None
        if original is not None and not original.st_mode & 0o222:
            raise FileWriteError.read_only(path)
        if parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        temporary = Path(name)
        try:
            _lock(handle)
            _keep_mode_and_owner(handle, original)
            yield temporary, handle
            # fsync flushes the file, whether it was written through this descriptor or
            # through its path (as SQLite does)
            os.fsync(handle)
            if before_replace is not None:
                before_replace()
            if os.name != "posix":  # Windows renames no open file; POSIX keeps the lock on
                os.close(handle)
                handle = -1
            os.replace(temporary, target)
            temporary = None
        finally:
            if handle >= 0:
                os.close(handle)
        _fsync_folder(target.parent)
    except FileWriteError:
        raise
    except OSError as error:
        raise FileWriteError.of(path, error, existed=existed) from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _lock(handle: int) -> None:
    """Mark the temporary file as being written (a lock the system drops if we die)."""
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_EX)


def _keep_mode_and_owner(handle: int, original: os.stat_result | None) -> None:
    """Give the new file the original's permissions (else a new file's) and, where the
    process may, its owner and group."""
    if not hasattr(os, "fchmod"):  # Windows has no such bits
        return
    mode = original.st_mode & 0o7777 if original else NEW_FILE_MODE & ~_umask()
    if original is not None and hasattr(os, "fchown"):
        with contextlib.suppress(PermissionError):  # only root may give a file away
            os.fchown(handle, original.st_uid, original.st_gid)
    os.fchmod(handle, mode)


def not_taken(path: Path) -> Path:
    """``path``, or the first of "name (2).pdf", "name (3).pdf" … that no file has: what a
    dialog offers where taking it would replace a file the person made before."""
    found, number = path, 1
    while found.exists() or found.is_symlink():
        number += 1
        found = path.with_name(f"{path.stem} ({number}){path.suffix}")
    return found


def remove_stray_temporaries(path: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files a killed write of ``path`` (or of its backups) left beside
    it; a write still under way holds a lock on its file and is left alone. Returns what
    was removed."""
    target = Path(os.path.realpath(path))
    removed = []
    with contextlib.suppress(OSError):
        for stray in target.parent.glob(f".{glob.escape(target.name)}*.tmp"):
            if _abandoned(stray):
                with contextlib.suppress(OSError):
                    stray.unlink()
                    removed.append(stray)
    if removed:
        log.info("removed %d temporary files left by an interrupted save", len(removed))
    return removed


def _abandoned(path: Path) -> bool:
    """True when no process is writing the temporary file ``path``."""
    if fcntl is None:
        return True
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(descriptor)
    return True


@functools.cache
def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere the only way to read it is to set it, then put it back
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable. Not every system can open a folder (Windows cannot); the file
    is already in place then, so a failure here is logged, not raised."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as error:
        log.debug("folder %s not synced: %s", folder, error)
        return
    try:
        os.fsync(descriptor)
    except OSError as error:
        log.debug("folder %s not synced: %s", folder, error)
    finally:
        os.close(descriptor)


def read_kept_json(path: Path, expected: type) -> tuple[Any, str | None]:
    """The JSON value in a file locator keeps (settings, shortlists) when it is an ``expected``
    (``dict``, say), else None; and the sentence that says what was wrong, else None.

    No such file is no problem. A file that is there but unusable is kept aside
    (:func:`keep_unreadable`), so that nothing the user had is lost when defaults are used.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, None
    except OSError as error:
        return None, keep_unreadable(
            path, _("it could not be read ({strerror})").format(strerror=error.strerror)
        )
    except UnicodeDecodeError:
        return None, keep_unreadable(path, _("it is not text"))
    except ValueError:
        return None, keep_unreadable(path, _("it is damaged (not valid JSON)"))
    except RecursionError:
        return None, keep_unreadable(path, _("it is nested too deeply to be one of locator's"))
    if not isinstance(data, expected):
        return None, keep_unreadable(path, _("it does not hold what locator writes there"))
    return data, None


def keep_unreadable(path: Path, reason: str) -> str:
    """Copy a file locator could not use to ``NAME.unreadable-TIME`` beside it (once: an
    identical copy kept earlier will do); returns the sentence that says so, also logged."""
    copy = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%dT%H%M%S')}")
    try:
        kept = sorted(path.parent.glob(f"{path.name}.unreadable-*"))
        if kept and kept[-1].read_bytes() == path.read_bytes():
            copy = kept[-1]  # kept already, at an earlier start: one copy is enough
        else:
            shutil.copyfile(path, copy)
    except OSError as error:
        sentence = _(
            "{path} could not be used: {reason}. locator goes on without it (no "
            "copy could be kept: {strerror})."
        ).format(path=path, reason=reason, strerror=error.strerror)
    else:
        sentence = _(
            "{path} could not be used: {reason}. locator goes on without it; a "
            "copy was kept as {name}."
        ).format(path=path, reason=reason, name=copy.name)
    log.warning("%s", sentence)
    return sentence


def write_sealed(path: Path, data: bytes, *, key: bytes = b"") -> None:
    """Write a cache file whose first line seals the rest: the SHA-256 of ``key`` and ``data``.
    ``key`` ties the file to what it was made from (the code, the source file's bytes), so
    that :func:`read_sealed` turns down a file made from anything else. Raises as
    :func:`atomic_write` does."""
    atomic_write(path, _seal(data, key) + b"\n" + data, parents=True)


def read_sealed(path: Path, *, key: bytes = b"") -> bytes | None:
    """What :func:`write_sealed` wrote to ``path`` with this ``key``; None when there is no
    such file, and None (the file removed, with a warning) when it is damaged, edited, cut
    short, made from something else or no cache file at all (a pipe, a link, a device, more
    than :data:`MAX_SEALED_BYTES`): a cache is never trusted over its source, and never
    waited on."""
    try:
        seal, _, data = _read_cache_file(path).partition(b"\n")
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("the cache file %s could not be read (%s); it is made again", path, error)
    else:
        if hmac.compare_digest(seal, _seal(data, key)):
            return data
        log.warning("the cache file %s was damaged; it is made again", path)
    with contextlib.suppress(OSError):  # a link goes, never its target; a folder stays
        path.unlink()
    return None


# The most a sealed cache file may hold: a registry cached whole is some 1.2 times its file
# (15 MB for 10,000 clinics), so this is above the largest registry locator opens
# (loader.MAX_REGISTRY_BYTES); the shore's edges are 1 MB.
MAX_SEALED_BYTES = 128 * 1024 * 1024


def _read_cache_file(path: Path) -> bytes:
    """The bytes of the regular file at ``path`` itself, read in bounded time: a link is not
    followed (it could lead to /dev/zero), and a pipe is opened without waiting for a writer,
    then refused with a device, a folder or a file over :data:`MAX_SEALED_BYTES`. Raises
    ``OSError``."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as stream:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if found.st_size > MAX_SEALED_BYTES:
            raise OSError(errno.EFBIG, "larger than any cache file locator writes")
        data = stream.read(MAX_SEALED_BYTES + 1)  # a file still growing stops here
    if len(data) > MAX_SEALED_BYTES:
        raise OSError(errno.EFBIG, "larger than any cache file locator writes")
    return data


def _seal(data: bytes, key: bytes) -> bytes:
    """HMAC-SHA256 of ``key`` and ``data`` under this user's :func:`_seal_secret`: without the
    secret no one can make a seal that passes, however much of the rest they can compute."""
    sealed = hmac.new(_seal_secret(), key, hashlib.sha256)
    sealed.update(b"\0")
    sealed.update(data)
    return sealed.hexdigest().encode("ascii")


SEAL_SECRET_BYTES = 32


def seal_secret_path() -> Path:
    """The file that keeps the secret sealing this user's cache files, mode 0600."""
    return Path(platformdirs.user_cache_dir("locator")) / "seal-secret"


@functools.cache
def _seal_secret() -> bytes:
    """This user's secret for sealing cache files: read once per process from
    :func:`seal_secret_path`, and made there when it is missing or not safely the user's own
    (another owner, readable by others, a link, the wrong size). When it cannot be kept, this
    process seals with a secret of its own, so its cache files are simply made again later."""
    path = seal_secret_path()
    found = _read_seal_secret(path)
    if found is not None:
        return found
    made = os.urandom(SEAL_SECRET_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(temporary, flags, 0o600), "wb") as stream:
            stream.write(made)
        os.replace(temporary, path)  # a planted file or link there is replaced, never followed
    except OSError as error:
        log.info("the cache seal's secret could not be kept (%s): caches are made again", error)
        return made
    return _read_seal_secret(path) or made  # another process may have made it meanwhile


def _read_seal_secret(path: Path) -> bytes | None:
    """The secret at ``path`` when it is a regular file of this user's, readable by no one
    else, of the right size; else None."""
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        with os.fdopen(os.open(path, flags), "rb") as stream:
            found = os.fstat(stream.fileno())
            secret = stream.read(SEAL_SECRET_BYTES + 1)
    except OSError:
        return None
    owner = getattr(os, "geteuid", lambda: found.st_uid)()
    safe = stat.S_ISREG(found.st_mode) and found.st_uid == owner and not found.st_mode & 0o077
    return secret if safe and len(secret) == SEAL_SECRET_BYTES else None
