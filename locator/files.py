"""Writing files so that a crash, a full disk or a power cut never leaves half a file.

Every file locator writes goes through here (and every JSON file it keeps is read back through
:func:`read_kept_json`): the new content is written to a temporary file
in the same folder, with the permissions of the file it replaces, flushed and synced to disk,
then renamed over the original, and the folder is synced so the rename itself survives a power
cut. A symbolic link is followed first, so the link stays a link and its target is replaced
(a backup's name is never followed: a link found there is replaced itself), and a loop of
links is refused, left as it is; a pipe or a character device (``-o /dev/null``) is written
into as a stream, never replaced; the owner and group are kept where the process may set
them, and a read-only file is refused, not replaced. What locator reads is read the same
careful way (:func:`read_regular`): a pipe or a device is refused before anything waits on it,
and no more than a limit is ever read. The temporary file is locked while it is written, so a
later start can tell the leftovers of a killed process (:func:`remove_stray_temporaries`) from
a save under way.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import functools
import glob
import hashlib
import hmac
import io
import logging
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import platformdirs

from locator import json_text
from locator.errors import FileWriteError, os_reason
from locator.i18n import _

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; stray files are then simply removed
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)
# What names a temporary file as locator's own, after the name of the file it replaces and
# before mkstemp's 8 random characters: a stray is removed only when it is named so.
_TEMPORARY = ".locator-"

NEW_FILE_MODE = 0o644  # less the umask, as open() would make it
# What locator keeps for the user alone (settings, shortlists, caches, and their folders): the
# places typed and the private provider named are no one else's to read.
PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and any missing above it) for this user alone, 0700; one of the
    user's own that an older locator made open to others is closed. A link there is left as
    it is (the user's choice of where the folder lives). Raises ``OSError``."""
    missing = [folder, *(above for above in folder.parents if not above.exists())]
    for made in reversed(missing):  # each made 0700 (mkdir's parents follow the umask)
        made.mkdir(exist_ok=True, mode=PRIVATE_FOLDER_MODE)
    found = folder.lstat()
    if (
        stat.S_ISDIR(found.st_mode)
        and found.st_mode & 0o077
        and getattr(os, "geteuid", lambda: found.st_uid)() == found.st_uid
    ):
        os.chmod(folder, stat.S_IMODE(found.st_mode) & PRIVATE_FOLDER_MODE)


def private_cache_folder(folder: Path) -> None:
    """Make ``folder``, one of locator's own in its cache folder, as :func:`private_folder`
    does; a link at its name was not made by locator and is removed, never followed (the
    folder it led to was made 0700, files written into it and others beyond the last few
    removed). The cache folder above it may be a link: the user's choice of where it lives.
    Raises ``OSError``."""
    if folder.is_symlink():
        log.warning("a link at %s was removed: the cache is never written through one", folder)
        folder.unlink()
    private_folder(folder)


def write_kept(path: Path, text: str) -> None:
    """Write a file locator keeps for the user (settings, shortlists): private (0600, in a
    0700 folder), made so even when an older locator left it open to others. A link at
    ``path`` is followed, as the user made it, but a link to nothing is refused: writing
    would make a file wherever it points. Raises :class:`FileWriteError`."""
    refuse_loop(path)
    if path.is_symlink() and not path.exists():
        raise FileWriteError.dangling_link(path, os.readlink(path))
    atomic_write(path, text, parents=True, private=True)


def atomic_write(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    parents: bool = False,
    before_replace: Callable[[], None] | None = None,
    follow_link: bool = True,
    like: os.stat_result | None = None,
    new_only: bool = False,
    private: bool = False,
) -> Path:
    """Replace the file at ``path`` with ``data`` atomically; returns the file written.

    ``str`` is written as UTF-8 with its newlines exactly as given; ``bytes`` as they are.
    With ``parents`` missing folders are made first. ``before_replace`` runs when the new
    content is on disk, just before the rename: what it raises stops the write. Without
    ``follow_link`` whatever is at ``path`` (a link someone planted) is replaced itself; ``like``
    is a file whose permissions, owner and group the new file takes (a backup, its registry's).
    A pipe or a character device at ``path`` is written into, not replaced. Raises
    :class:`FileWriteError` (an ``OSError`` too) with a sentence naming the file; the previous
    file is then untouched and no temporary file is left behind. With ``new_only`` nothing at
    ``path`` is replaced, even what appeared there while the data was made: the file is linked
    into place whole, and anything there (a file, a link, a pipe) is refused with a sentence.
    With ``private`` the file is for the user alone (group and others lose every permission)
    and the folders made for it are too (:func:`private_folder`).
    """
    content = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    with writing(
        path,
        parents=parents,
        before_replace=before_replace,
        follow_link=follow_link and not new_only,
        like=like,
        new_only=new_only,
        private=private,
    ) as stream:
        stream.write(content)
    return _target(path, follow_link=follow_link)


@contextlib.contextmanager
def writing(
    path: str | os.PathLike[str],
    *,
    parents: bool = False,
    before_replace: Callable[[], None] | None = None,
    follow_link: bool = True,
    like: os.stat_result | None = None,
    new_only: bool = False,
    private: bool = False,
) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` as :func:`atomic_write` would when the
    block ends: for a writer too large to hold its content in memory first (an export of a
    large registry). A pipe or a character device is written into as the block goes; if the
    block raises, a file is left as it was. Errors are as for :func:`atomic_write`."""
    if follow_link and not new_only and _streams_into(path):
        with _streaming(path) as stream:
            yield stream
        return
    with (
        atomic_replacement(
            path,
            parents=parents,
            before_replace=before_replace,
            follow_link=follow_link,
            like=like,
            new_only=new_only,
            private=private,
        ) as (_, handle),
        os.fdopen(handle, "wb", closefd=False) as stream,
    ):
        yield stream


@contextlib.contextmanager
def atomic_file(
    path: str | os.PathLike[str], *, parents: bool = False, private: bool = False
) -> Iterator[Path]:
    """A temporary path to fill (e.g. with SQLite) that replaces ``path`` when the block ends.

    The temporary file exists, empty, when the block starts. If the block raises, it is
    removed and ``path`` is left as it was. Errors are as for :func:`atomic_write`.
    """
    with atomic_replacement(path, parents=parents, private=private) as (temporary, _handle):
        yield temporary


def refuse_loop(path: str | os.PathLike[str]) -> None:
    """Raise :class:`FileWriteError` when the links at ``path`` lead round to each other (or
    on past the system's count): following them reaches no file, and replacing the last one
    would break links the user made. Both are left as they are, with the sentence a read of
    them gives."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FileWriteError.of(path, error, existed=False) from error


def _target(path: str | os.PathLike[str], *, follow_link: bool) -> Path:
    """The file a write of ``path`` replaces: a link's target, or the name itself."""
    if follow_link:
        return Path(os.path.realpath(path))
    whole = Path(os.path.abspath(path))
    return Path(os.path.realpath(whole.parent)) / whole.name


@contextlib.contextmanager
def atomic_replacement(
    path: str | os.PathLike[str],
    *,
    parents: bool = False,
    before_replace: Callable[[], None] | None = None,
    follow_link: bool = True,
    like: os.stat_result | None = None,
    new_only: bool = False,
    private: bool = False,
) -> Iterator[tuple[Path, int]]:
    """The machinery of :func:`atomic_write`: the temporary file's path and an open descriptor.

    The caller writes through either; when the block ends the file is synced, given the
    original's permissions and owner (or ``like``'s) and renamed over the target (``new_only``:
    linked to its name, which fails if anything is there by then).
    """
    if follow_link and not new_only:
        refuse_loop(path)
    target = _target(path, follow_link=follow_link)
    found = _status(target)
    existed = found is not None and stat.S_ISREG(found.st_mode)
    temporary: Path | None = None
    try:
        original = found if existed else None
        if original is not None and not original.st_mode & 0o222:
            raise FileWriteError.read_only(path)
        if parents and private:
            private_folder(target.parent)
        elif parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name}{_TEMPORARY}", suffix=".tmp", dir=target.parent
        )
        temporary = Path(name)
        try:
            _lock(handle)
            _keep_mode_and_owner(handle, like or original, private=private)
            yield temporary, handle
            # fsync flushes the file, whether it was written through this descriptor or
            # through its path (as SQLite does)
            os.fsync(handle)
            if before_replace is not None:
                before_replace()
            if os.name != "posix":  # Windows renames no open file; POSIX keeps the lock on
                os.close(handle)
                handle = -1
            if new_only:
                os.link(temporary, target)  # the temporary name is removed below
            else:
                os.replace(temporary, target)
                temporary = None
        finally:
            if handle >= 0:
                os.close(handle)
        _fsync_folder(target.parent)
    except FileWriteError:
        raise
    except FileExistsError as error:
        if not new_only:
            raise FileWriteError.of(path, error, existed=existed) from error
        raise FileWriteError.taken(path) from error
    except OSError as error:
        raise FileWriteError.of(path, error, existed=existed) from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _status(path: Path) -> os.stat_result | None:
    """What ``path`` itself is (a link is not followed), or None when nothing is there."""
    try:
        return path.lstat()
    except OSError:
        return None


def refuse_unwritable(path: str | os.PathLike[str], *, folder: bool = False) -> None:
    """Raise :class:`FileWriteError` when a write of ``path`` (a link followed) cannot succeed
    as things stand: a folder where a file goes, or anything else where a folder of files goes
    (``folder``), its place missing or not a folder, a read-only file, a folder locator may not
    write into, a block device or a socket. The one check every export makes before its
    document is made, so that the sentence comes at once, not after the work; the write itself
    still says what changed since."""
    refuse_loop(path)
    target = Path(os.path.realpath(path))
    found = _status(target)
    if found is not None and stat.S_ISDIR(found.st_mode):
        if not folder:
            raise FileWriteError.of(path, IsADirectoryError(errno.EISDIR, ""), existed=True)
        _refuse_closed_folder(path, target, existed=True)
        return
    if found is not None and folder:
        raise FileWriteError.not_a_folder(path)
    if found is not None and stat.S_ISREG(found.st_mode):
        if not found.st_mode & 0o222:
            raise FileWriteError.read_only(path)
        _refuse_closed_folder(path, target.parent, existed=True)
        return
    if found is not None:
        _streams_into(path)  # refuses a block device or a socket
        return
    place = target.parent
    while folder and not os.path.lexists(place) and place != place.parent:
        place = place.parent  # a folder format makes the folders missing
    try:
        above = place.stat()
    except OSError as error:
        raise FileWriteError.of(path, error, existed=False) from error
    if not stat.S_ISDIR(above.st_mode):
        raise FileWriteError.of(path, NotADirectoryError(errno.ENOTDIR, ""), existed=False)
    _refuse_closed_folder(path, place, existed=False)


def _refuse_closed_folder(path: str | os.PathLike[str], folder: Path, *, existed: bool) -> None:
    """Raise when this process may not make files in ``folder``."""
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileWriteError.of(path, PermissionError(errno.EACCES, ""), existed=existed)


def _streams_into(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` (a link followed) is a pipe or a character device: written into as a
    stream, since replacing it would turn ``/dev/null`` or a reader's pipe into a file. Another
    kind of device, or a socket, is refused with a sentence."""
    try:
        found = os.stat(path)
    except OSError:
        return False
    if stat.S_ISBLK(found.st_mode) or stat.S_ISSOCK(found.st_mode):
        error = OSError(errno.ENODEV, os.strerror(errno.ENODEV))
        raise FileWriteError.of(path, error, existed=True)
    return stat.S_ISFIFO(found.st_mode) or stat.S_ISCHR(found.st_mode)


@contextlib.contextmanager
def _streaming(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """The pipe or device at ``path``, open to write into. A pipe nobody reads is refused at
    once (opening it does not wait), then written as any program's output would be."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
        try:
            found = os.fstat(descriptor)
            if not (stat.S_ISFIFO(found.st_mode) or stat.S_ISCHR(found.st_mode)):
                raise OSError(errno.EAGAIN, "it became a file while being opened")
            if fcntl is not None:  # a reader is there: from now on wait for it, as cat would
                flags = fcntl.fcntl(descriptor, fcntl.F_GETFL)
                fcntl.fcntl(descriptor, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
            with os.fdopen(descriptor, "wb", closefd=False) as stream:
                yield stream
        finally:
            os.close(descriptor)
    except FileWriteError:
        raise
    except BrokenPipeError as error:  # `-o /dev/stdout | head`: the reader had enough
        raise FileWriteError.reader_gone(path) from error
    except OSError as error:
        raise FileWriteError.of(path, error, existed=True) from error


def overwrite_in_place(path: Path, data: bytes, before: bytes) -> None:
    """Write ``data`` into the file at ``path`` itself, keeping its inode: the one way to
    save a file with other hard links without splitting them. Not atomic, so the caller keeps
    a verified copy first; when the write fails, ``before`` (what the file held) is put back.
    Raises ``OSError``."""
    descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        try:
            _write_at_start(descriptor, data)
        except OSError:
            with contextlib.suppress(OSError):
                _write_at_start(descriptor, before)
            raise
    finally:
        os.close(descriptor)


def _write_at_start(descriptor: int, data: bytes) -> None:
    os.lseek(descriptor, 0, os.SEEK_SET)
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]
    os.ftruncate(descriptor, len(data))
    os.fsync(descriptor)


def _lock(handle: int) -> None:
    """Mark the temporary file as being written (a lock the system drops if we die)."""
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_EX)


def _keep_mode_and_owner(
    handle: int, original: os.stat_result | None, *, private: bool = False
) -> None:
    """Give the new file the original's permissions (else a new file's), less setuid, setgid
    and sticky (new content is not the program someone marked so), and, where the process
    may, its owner and group: a private file's copies stay private to its group. With
    ``private`` no one but the owner keeps any permission."""
    if not hasattr(os, "fchmod"):  # Windows has no such bits
        return
    mode = original.st_mode & 0o777 if original else NEW_FILE_MODE & ~_umask()
    if private:
        mode &= PRIVATE_FOLDER_MODE
    if original is not None and hasattr(os, "fchown"):
        try:
            os.fchown(handle, original.st_uid, original.st_gid)
        except PermissionError:  # only root may give a file away; a member may keep the group
            with contextlib.suppress(PermissionError):
                os.fchown(handle, -1, original.st_gid)
    os.fchmod(handle, mode)


def not_taken(path: Path) -> Path:
    """``path``, or the first of "name (2).pdf", "name (3).pdf" … that no file has: what a
    dialog offers where taking it would replace a file the person made before."""
    found, number = path, 1
    while found.exists() or found.is_symlink():
        number += 1
        found = path.with_name(f"{path.stem} ({number}){path.suffix}")
    return found


def unlinked_name(path: Path) -> Path:
    """``path``, unless a symbolic link is there: then the first name :func:`not_taken` offers.
    The one rule for every name locator picks itself (an output without ``-o``, the name a
    save dialog proposes): the user never named that file, so a link planted under its name
    (a cloned repository can carry one) is never written through. A name the user typed or
    chose is followed as they asked."""
    return not_taken(path) if path.is_symlink() else path


def remove_stray_temporaries(
    path: str | os.PathLike[str], *, follow_link: bool = True
) -> list[Path]:
    """Remove the temporary files a killed write of ``path`` (or of its backups) left beside
    it: only names locator's own writes make (``.NAME.locator-XXXXXXXX.tmp``, or
    ``.NAME.~N~.locator-XXXXXXXX.tmp``), never a file of the user's named alike; a write
    still under way holds a lock on its file and is left alone. ``follow_link`` as the
    write's own (a file of an export's folder is written without following a link planted
    there, so its leftovers are beside the name). Returns what was removed."""
    target = _target(path, follow_link=follow_link)
    ours = re.compile(
        rf"\.{re.escape(target.name)}(?:\.~[0-9]+~)?{re.escape(_TEMPORARY)}[a-z0-9_]{{8}}\.tmp"
    )
    removed = []
    with contextlib.suppress(OSError):
        for stray in target.parent.glob(f".{glob.escape(target.name)}*.tmp"):
            if ours.fullmatch(stray.name) and _abandoned(stray):
                with contextlib.suppress(OSError):
                    stray.unlink()
                    removed.append(stray)
    if removed:
        log.info("removed %d temporary files left by an interrupted save", len(removed))
    return removed


def _abandoned(path: Path) -> bool:
    """True when no process is writing the temporary file ``path``; never true of anything
    but a plain file (a pipe or a link planted under such a name is not ours)."""
    if fcntl is None:
        return True
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
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


# The most a settings or shortlists file may hold: what locator writes there is a few kB.
MAX_KEPT_BYTES = 16 * 1024 * 1024


def read_kept_json(path: Path, expected: type) -> tuple[Any, str | None]:
    """The JSON value in a file locator keeps (settings, shortlists) when it is an ``expected``
    (``dict``, say), else None; and the sentence that says what was wrong, else None.

    No such file is no problem. A file that is there but unusable (a pipe or a device too,
    never waited on) is kept aside (:func:`keep_unreadable`), so that nothing the user had is
    lost when defaults are used. The JSON is read strictly (:func:`locator.json_text.loads`):
    a name given twice in one object makes the file unusable too (JSON keeps the last one,
    which may undo what the first one chose: a private provider's host, say), and so does
    text that is not text (half of a UTF-16 pair), said where it is.
    """
    try:
        text = read_regular(path, MAX_KEPT_BYTES).decode("utf-8-sig")  # a BOM, as Notepad may write
        data = json_text.loads(text)
    except FileNotFoundError:
        return None, None
    except FileTooLargeError:
        return None, keep_unreadable(path, _("it is far larger than any file locator writes"))
    except OSError as error:
        return None, keep_unreadable(
            path, _("it could not be read ({reason})").format(reason=os_reason(error))
        )
    except UnicodeDecodeError:
        return None, keep_unreadable(path, _("it is not text"))
    except json_text.JsonTextError as error:
        return None, keep_unreadable(path, str(error))
    except ValueError:
        return None, keep_unreadable(path, _("it is damaged (not valid JSON)"))
    except RecursionError:
        return None, keep_unreadable(path, _("it is nested too deeply to be one of locator's"))
    if not isinstance(data, expected):
        return None, keep_unreadable(path, _("it does not hold what locator writes there"))
    return data, None


def keep_copy(path: Path) -> tuple[str | None, str]:
    """Copy a file locator could not use to ``NAME.unreadable-TIME`` beside it (once: an
    identical copy kept earlier will do): the copy's name, or None and why none could be
    kept. Only a plain file of a bounded size is copied: a pipe or a device is never read."""
    copy = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%dT%H%M%S')}")
    try:
        content = read_regular(path, MAX_KEPT_BYTES)
        kept = sorted(path.parent.glob(f"{path.name}.unreadable-*"))
        if kept and read_regular(kept[-1], MAX_KEPT_BYTES, follow_link=False) == content:
            copy = kept[-1]  # kept already, at an earlier start: one copy is enough
        else:
            atomic_write(copy, content, follow_link=False, like=os.stat(path))
    except OSError as error:
        return None, os_reason(error)
    return copy.name, ""


def keep_unreadable(path: Path, reason: str, kept: tuple[str | None, str] | None = None) -> str:
    """Keep a copy of a file locator could not use (:func:`keep_copy`, unless ``kept``
    already); returns the sentence that says so, also logged."""
    name, why = kept or keep_copy(path)
    if name is None:
        sentence = _(
            "{path} could not be used: {reason}. locator goes on without it (no "
            "copy could be kept: {why})."
        ).format(path=path, reason=reason, why=why)
    else:
        sentence = _(
            "{path} could not be used: {reason}. locator goes on without it; a "
            "copy was kept as {name}."
        ).format(path=path, reason=reason, name=name)
    log.warning("%s", sentence)
    return sentence


def write_sealed(path: Path, data: bytes, *, key: bytes = b"") -> None:
    """Write a cache file whose first line seals the rest: the SHA-256 of ``key`` and ``data``.
    ``key`` ties the file to what it was made from (the code, the source file's bytes), so
    that :func:`read_sealed` turns down a file made from anything else. A link at ``path``
    (planted in the cache folder) is replaced, never written through. Raises as
    :func:`atomic_write` does."""
    atomic_write(
        path, _seal(data, key) + b"\n" + data, parents=True, follow_link=False, private=True
    )


def read_sealed(path: Path, *, key: bytes = b"") -> bytes | None:
    """What :func:`write_sealed` wrote to ``path`` with this ``key``; None when there is no
    such file, and None (the file removed, with a warning) when it is damaged, edited, cut
    short, made from something else or no cache file at all (a pipe, a link, a device, more
    than :data:`MAX_SEALED_BYTES`): a cache is never trusted over its source, and never
    waited on."""
    stream = open_sealed(path, key=key)
    return None if stream is None else stream.read()


def open_sealed(path: Path, *, key: bytes = b"") -> io.BytesIO | None:
    """What :func:`read_sealed` gives, as a stream over the file's bytes read whole (a large
    cache is not copied once more to cut its seal off); None as there."""
    try:
        whole = _read_cache_file(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning(
            "%s",
            _("the cache file {path} could not be read ({reason}); it is made again").format(
                path=path, reason=os_reason(error)
            ),
        )
    else:
        end = whole.find(b"\n")  # the seal's line's
        end = len(whole) if end < 0 else end
        if hmac.compare_digest(whole[:end], _seal(memoryview(whole)[end + 1 :], key)):
            stream = io.BytesIO(whole)  # shares the bytes
            stream.seek(end + 1)
            return stream
        if _seal_secret().kept:
            log.warning("the cache file %s was damaged; it is made again", path)
        else:  # sealed under a secret this process does not have: not the file's fault
            log.info("the cache file %s was sealed under another secret; it is made again", path)
    with contextlib.suppress(OSError):  # a link goes, never its target; a folder stays
        path.unlink()
    return None


# The most a sealed cache file may hold: a registry cached whole is about half its file
# (6.6 MB for 10,000 clinics; its JSON form was 1.2 times), so this is well above the largest
# registry locator opens by default (loader.MAX_REGISTRY_BYTES, 256 MB; a larger one, which the
# setting registry_limit_mb allows, is not cached); the shore's edges are 1 MB.
MAX_SEALED_BYTES = 320 * 1024 * 1024


def _read_cache_file(path: Path) -> bytes:
    """The bytes of the cache file at ``path`` itself: a link is not followed (it could lead to
    /dev/zero). Raises ``OSError``."""
    return read_regular(path, MAX_SEALED_BYTES, follow_link=False)


# How a zip's first member starts: a file that begins so is a zip, whole or cut short (its
# directory, at the end, missing: a download or a copy stopped early), never text to read.
ZIP_START = b"PK\x03\x04"

# The most of a document read: a seed document whose quotes are checked, an HSDS file, or a
# package's CSV files together (a zip's as they inflate).
MAX_DOCUMENT_BYTES = 512 * 1024 * 1024


class FileTooLargeError(OSError):
    """A file larger than what may be read of it; ``size`` is what was found, in bytes."""

    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, os.strerror(errno.EFBIG))
        self.size = size


def read_regular(path: str | os.PathLike[str], limit: int, *, follow_link: bool = True) -> bytes:
    """The bytes of the plain file at ``path``, read in bounded time and memory: a pipe is
    opened without waiting for a writer, then refused with a device (``/dev/zero``) before
    anything is read, and no more than ``limit`` bytes are read (a file still growing stops
    there). Raises ``IsADirectoryError`` for a folder, ``OSError`` whose ``strerror`` is a
    sentence for a pipe or a device, and :class:`FileTooLargeError` past ``limit``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_link:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as stream:
        found = os.fstat(descriptor)
        if stat.S_ISDIR(found.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(found.st_mode):
            raise OSError(errno.EINVAL, _("it is a pipe or a device, not a file"))
        if found.st_size > limit:
            raise FileTooLargeError(found.st_size)
        # its size and a byte more: a small file never asks for the limit's memory (a 1 KB
        # registry asked for 256 MB, refused where memory is not overcommitted)
        chunks = [stream.read(found.st_size + 1)]
        read = len(chunks[0])
        while found.st_size < read <= limit:  # it grew since: read on, a chunk at a time
            chunk = stream.read(min(_CHUNK_BYTES, limit + 1 - read))
            if not chunk:
                break
            chunks.append(chunk)
            read += len(chunk)
    if read > limit:
        raise FileTooLargeError(read)
    return b"".join(chunks)


_CHUNK_BYTES = 1024 * 1024


def _seal(data: bytes | memoryview, key: bytes) -> bytes:
    """HMAC-SHA256 of ``key`` and ``data`` under this user's :func:`_seal_secret`: without the
    secret no one can make a seal that passes, however much of the rest they can compute."""
    sealed = hmac.new(_seal_secret().secret, key, hashlib.sha256)
    sealed.update(b"\0")
    sealed.update(data)
    return sealed.hexdigest().encode("ascii")


SEAL_SECRET_BYTES = 32


def seal_secret_path() -> Path:
    """The file that keeps the secret sealing this user's cache files, mode 0600."""
    return Path(platformdirs.user_cache_dir("locator")) / "seal-secret"


class SealSecret(NamedTuple):
    """The secret sealing cache files, and whether it is the one kept for later runs (when not,
    a file sealed before cannot be checked, which is no damage of that file's)."""

    secret: bytes
    kept: bool


@functools.cache
def _seal_secret() -> SealSecret:
    """This user's secret for sealing cache files: read once per process from
    :func:`seal_secret_path`, and made there when it is missing or not safely the user's own
    (another owner, readable by others, a link, the wrong size). When it cannot be kept, this
    process seals with a secret of its own, so its cache files are simply made again later; a
    pipe, a device or a folder at its name is left as it is, with a warning naming it."""
    path = seal_secret_path()
    found = _read_seal_secret(path)
    if found is not None:
        return SealSecret(found, kept=True)
    made = os.urandom(SEAL_SECRET_BYTES)
    with contextlib.suppress(OSError):
        mode = path.lstat().st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            log.warning(
                "%s",
                _(
                    "the cache's secret {path} is not a file (it is a pipe, a device or a "
                    "folder): locator leaves it as it is and makes its cache files again on "
                    "every run. Remove it to have them kept."
                ).format(path=path),
            )
            return SealSecret(made, kept=False)
    try:
        private_folder(path.parent)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(temporary, flags, 0o600), "wb") as stream:
            stream.write(made)
        try:
            os.link(temporary, path)  # never over the secret another process has just made
        except FileExistsError:
            if _read_seal_secret(path) is None:  # planted or unsafe: replaced, never followed
                os.replace(temporary, path)
        except OSError:  # a file system without hard links
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
    except OSError as error:
        log.info("the cache seal's secret could not be kept (%s): caches are made again", error)
        return SealSecret(made, kept=False)
    kept = _read_seal_secret(path)  # another process may have made it meanwhile
    return SealSecret(kept or made, kept=kept is not None)


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


def csv_rows(lines: Iterable[str]) -> Iterator[list[str]]:
    """The rows of CSV ``lines``, a cell as long as a document may be: the document's own
    limit bounds the memory, not the csv module's 131,072 characters, so a long note locator
    wrote into a CSV package is read back whole."""
    csv.field_size_limit(MAX_DOCUMENT_BYTES)
    return csv.reader(lines)
