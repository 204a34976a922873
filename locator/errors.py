"""The error tree: every error a user may see carries the sentence to show them.

Every error class of locator is defined here, each with the exit status the command line
returns for it (``exit_code``); the modules that raise them import them from here, and this
module imports only ``locator.i18n`` (a leaf, as geopy's ``exc.py``): what a message needs from
elsewhere, the raiser passes in. Some mix in
a built-in exception (``ValueError``, ``OSError``, ``RuntimeError``) so that callers catching
the built-in still catch them. ``str(error)`` is always a sentence fit for a user.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Protocol

from locator.i18n import N_, _, ngettext, number


class ExitCode(IntEnum):
    """What ``locator`` exits with (docs/command-line.md)."""

    OK = 0
    INVALID_REGISTRY = 1
    USAGE = 2
    NO_PLACE = 3
    GEOCODING_UNAVAILABLE = 4
    NO_WINDOW = 5  # no display, or a system library Qt's window needs is missing
    BROKEN_PIPE = 141  # as a shell reports a program ended by SIGPIPE (128 + 13)


class LocatorError(Exception):
    """Root of locator's errors; ``str(error)`` is a sentence fit for a user."""

    exit_code: ExitCode = ExitCode.INVALID_REGISTRY


# usage --------------------------------------------------------------------------------------


class UsageError(LocatorError, ValueError):
    """Raised when a command, option or value the user gave is not one locator knows."""

    exit_code = ExitCode.USAGE


class UnknownTermError(UsageError):
    """Raised when a value is not in a closed vocabulary (a condition, treatment, payment or
    precision); the message names the closest terms and lists the valid ones.

    ``noun`` is the vocabulary's name as marked for the catalog ("condition"), ``valid`` its
    keys, ``suggestions`` the keys closest to ``text``, best first (``Term.suggest``).
    """

    def __init__(
        self, noun: str, text: str, *, valid: Sequence[str], suggestions: Sequence[str]
    ) -> None:
        self.text = text
        self.suggestions = list(suggestions)
        hint = did_you_mean(self.suggestions) if self.suggestions else ""
        super().__init__(
            _("unknown {noun} “{text}”{hint} (valid {noun} values: {valid})").format(
                noun=_(noun), text=text, hint=hint, valid=", ".join(valid)
            )
        )


def did_you_mean(words: Sequence[str]) -> str:
    """The hint after an unknown name: the known names closest to it, each quoted."""
    return _("; did you mean {words}?").format(words=_or_list(words))


def _or_list(words: Sequence[str]) -> str:
    quoted = [f"“{word}”" for word in words]
    if len(quoted) == 1:
        return quoted[0]
    return _("{words} or {last}").format(words=", ".join(quoted[:-1]), last=quoted[-1])


class ShortlistError(LocatorError, ValueError):
    """Raised when a shortlist cannot be named as asked (the name is empty or already taken)."""

    exit_code = ExitCode.USAGE


# the registry -------------------------------------------------------------------------------


class Problem(Protocol):
    """One thing wrong with a registry file (``locator.data.yaml_source.Problem``)."""

    @property
    def line(self) -> int:
        """The line, from 1: where "open the file" puts the cursor."""
        ...

    @property
    def column(self) -> int:
        """The column, from 1."""
        ...

    def format(self, path: str) -> str:
        """``PATH:LINE:COLUMN: message``."""
        ...

    def said(self, place: Callable[[tuple[str | int, ...]], str]) -> str:
        """The message after its value, named by ``place`` (in words or as written)."""
        ...


# Problems a registry error's message lists before saying how many more there are.
SHOWN_PROBLEMS = 1_000


class RegistryError(LocatorError):
    """Raised when a registry file cannot be used: missing, unreadable, not YAML, or invalid.

    ``problems`` holds every problem found, each at its line and column; the message is one
    ``path:line:column: message`` line per problem, as ``locator validate`` prints them, the
    first :data:`SHOWN_PROBLEMS` of them (120,000 unknown terms would print 33 MB), then how
    many more.
    """

    exit_code = ExitCode.INVALID_REGISTRY

    def __init__(
        self,
        path: str,
        problems: Sequence[Problem],
        *,
        editable: bool = False,
        names: Sequence[str] = (),
    ) -> None:
        self.path = path
        self.problems = problems
        self.names = names  # the clinics' names in file order, to name a clinic in words
        # True when the file is YAML with a block list of clinics, all the registry editor
        # needs to open it (its problems are in the clinics' values)
        self.editable = editable
        lines = [problem.format(path) for problem in problems[:SHOWN_PROBLEMS]]
        more = len(problems) - SHOWN_PROBLEMS
        if more > 0:
            lines.append(
                ngettext("… and {count} more problem", "… and {count} more problems", more).format(
                    count=more
                )
            )
        super().__init__("\n".join(lines))


class ExternalChangeError(LocatorError):
    """Raised when saving a registry would overwrite a change someone else made on disk since
    it was opened (checked before writing and again just before the rename)."""

    exit_code = ExitCode.INVALID_REGISTRY


class TargetExistsError(LocatorError):
    """Raised when saving a registry as another file would replace a file that exists; the
    caller asks before saving again with ``overwrite``."""

    exit_code = ExitCode.USAGE


class EntryRewriteError(LocatorError):
    """Raised when an edited clinic cannot be written back without changing or dropping
    something the editor did not touch (a comment, a key it does not know); nothing is saved
    and the message names the clinic and the line."""

    exit_code = ExitCode.INVALID_REGISTRY


# files --------------------------------------------------------------------------------------

_REASONS = {
    errno.EACCES: (N_("permission denied"), N_("Choose another folder or check its permissions.")),
    errno.EPERM: (N_("permission denied"), N_("Choose another folder or check its permissions.")),
    errno.EROFS: (N_("the disk is read-only"), N_("Choose another folder.")),
    errno.ENOSPC: (N_("the disk is full"), N_("Free some space or choose another folder.")),
    errno.EDQUOT: (
        N_("the disk quota is used up"),
        N_("Free some space or choose another folder."),
    ),
    errno.ENOENT: (N_("its folder does not exist"), N_("Create the folder or choose another one.")),
    errno.ENOTDIR: (N_("part of its path is not a folder"), N_("Choose another folder.")),
    errno.EISDIR: (N_("that is a folder"), N_("Choose a file name instead.")),
    errno.EEXIST: (N_("part of its path is a file, not a folder"), N_("Choose another folder.")),
    errno.ENAMETOOLONG: (N_("the name is too long"), N_("Choose a shorter name.")),
    errno.ENXIO: (
        N_("nothing is reading from that pipe"),
        N_("Start the program that reads it first, or choose a file."),
    ),
    errno.ENODEV: (N_("that is a device, not a file"), N_("Choose a file name instead.")),
    errno.EFBIG: (N_("the file is too large"), N_("Choose another folder.")),
    errno.ELOOP: (
        N_("a link is in the way, which locator does not follow there"),
        N_("Choose another folder."),
    ),
}


# ELOOP from a name whose links lead round to each other (or on past the system's count),
# reading or writing: the same code as a link locator does not follow (O_NOFOLLOW)
_LOOP = (
    N_("it is a loop of links, each leading to another and none to a file"),
    N_("Remove one of the links, or choose another file."),
)


def _known(error: OSError) -> tuple[str, str] | None:
    """The reason and the advice locator has for ``error``, if any."""
    if error.errno == errno.ELOOP and _is_loop(error.filename):
        return _LOOP
    return _REASONS.get(error.errno or 0)


def _is_loop(name: object) -> bool:
    """True when following the links at ``name`` never reaches a file."""
    if not isinstance(name, str | bytes | os.PathLike):
        return False
    try:
        os.stat(name)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def os_reason(error: OSError) -> str:
    """Why ``error`` happened, always in locator's words and the reader's language: its cause
    where locator knows it ("that is a folder"), the sentence the error was raised with when
    not the system's ("it is a pipe or a device, not a file"), else a sentence naming the
    system's code for it ("EIO"), never the system's English words."""
    if error.errno is None:  # raised with a sentence of its own, not by the system
        return str(error) or _("the system refused it")
    known = _known(error)
    if known:
        return _(known[0])
    if error.strerror and error.strerror != os.strerror(error.errno):
        return error.strerror  # raised by locator with its own sentence
    code = errno.errorcode.get(error.errno)
    if code is None:
        return _("the system refused it")
    return _("the system refused it ({code})").format(code=code)


class FileWriteError(LocatorError, OSError):
    """Raised when locator cannot write a file (settings, shortlists, caches, exports, a
    registry); any previous version of the file is left as it was.

    The message names the file, says why in plain words and what to do, e.g. "Cannot write
    /x/clinics.yaml: permission denied. Choose another folder or check its permissions."
    """

    exit_code = ExitCode.USAGE

    @classmethod
    def of(cls, path: str | os.PathLike[str], error: OSError, *, existed: bool) -> FileWriteError:
        """The error to raise when writing ``path`` failed with ``error``."""
        reason = os_reason(error)
        advice = (_known(error) or ("", N_("Check the folder and try again.")))[1]
        if existed:
            text = _("Cannot write {path}: {reason}; the file is unchanged. {advice}")
        else:
            text = _("Cannot write {path}: {reason}. {advice}")
        written = cls(text.format(path=os.fspath(path), reason=reason, advice=_(advice)))
        written.errno, written.filename = error.errno, os.fspath(path)
        return written

    @classmethod
    def not_removed(cls, path: str | os.PathLike[str], error: OSError) -> FileWriteError:
        """The error to raise when clearing a file locator keeps (a cache) failed."""
        reason = os_reason(error)
        removed = cls(
            _("Cannot remove {path}: {reason}; it is left as it was.").format(
                path=os.fspath(path), reason=reason
            )
        )
        removed.errno, removed.filename = error.errno, os.fspath(path)
        return removed

    @classmethod
    def backup_in_the_way(
        cls, path: str | os.PathLike[str], backup: str | os.PathLike[str], error: OSError
    ) -> FileWriteError:
        """The error for a save whose backups cannot move down a place: what holds a backup's
        name (a folder, say) is in the way, and is named, not the file being saved."""
        reason = os_reason(error)
        written = cls(
            _(
                "Cannot keep a backup of {path}: {backup} is in the way ({reason}). Move or "
                "remove {backup}."
            ).format(path=os.fspath(path), backup=os.fspath(backup), reason=reason)
        )
        written.errno, written.filename = error.errno, os.fspath(backup)
        return written

    @classmethod
    def taken(cls, path: str | os.PathLike[str]) -> FileWriteError:
        """The error for a new file whose name something took while it was being made: what
        is there now is never replaced."""
        written = cls(
            _(
                "Cannot write {path}: something is there now, and a new file never replaces "
                "it; it is unchanged. Choose another name."
            ).format(path=os.fspath(path))
        )
        written.errno, written.filename = errno.EEXIST, os.fspath(path)
        return written

    @classmethod
    def reader_gone(cls, path: str | os.PathLike[str]) -> FileWriteError:
        """The error for a pipe whose reader stopped reading (``| head``): it has what it
        wanted, so the sentence names no folder to check, and the status is a shell's."""
        written = cls(
            _("Stopped writing into {path}: the program reading it stopped before the end.").format(
                path=os.fspath(path)
            )
        )
        written.errno, written.filename = errno.EPIPE, os.fspath(path)
        written.exit_code = ExitCode.BROKEN_PIPE
        return written

    @classmethod
    def dangling_link(cls, path: str | os.PathLike[str], target: str) -> FileWriteError:
        """The error for a file locator keeps whose name is a link to nothing: writing would
        make a file wherever the link points (a planted ``~/.bash_login``)."""
        written = cls(
            _(
                "Cannot write {path}: it is a link to {target}, which is not there, and locator "
                "makes no file where a link points. Remove the link, or make the file it names."
            ).format(path=os.fspath(path), target=target)
        )
        written.errno, written.filename = errno.ENOENT, os.fspath(path)
        return written

    @classmethod
    def read_only(cls, path: str | os.PathLike[str]) -> FileWriteError:
        """The error for a file whose permissions allow no writing (mode 0444): it is refused,
        never silently replaced."""
        written = cls(
            _(
                "Cannot write {path}: the file is read-only; it is unchanged. Make it "
                "writable (chmod u+w) or save as another file."
            ).format(path=os.fspath(path))
        )
        written.errno, written.filename = errno.EACCES, os.fspath(path)
        return written

    @classmethod
    def not_a_folder(cls, path: str | os.PathLike[str]) -> FileWriteError:
        """The error for a folder format (a package of files) asked to write where something
        other than a folder is: that file is never replaced by a folder."""
        written = cls(
            _(
                "Cannot write {path}: it is there and is not a folder; it is unchanged. This "
                "format writes a folder of files: choose a folder's name."
            ).format(path=os.fspath(path))
        )
        written.errno, written.filename = errno.ENOTDIR, os.fspath(path)
        return written

    @classmethod
    def unreadable(cls, path: str | os.PathLike[str]) -> FileWriteError:
        """The error for a file locator keeps that it could not read: writing over it would
        lose what it holds (a private provider, say), so it is refused."""
        return cls(
            _(
                "Cannot write {path}: locator could not read it, and saving would replace what "
                "it holds; it is unchanged. Correct it or remove it first."
            ).format(path=os.fspath(path))
        )

    def __str__(self) -> str:
        # OSError would print "[Errno …] …: 'file'" once errno or filename is set
        return str(self.args[0]) if self.args else ""


class RegistryWriteError(FileWriteError):
    """Raised when a registry cannot be saved; the original file is untouched."""

    exit_code = ExitCode.INVALID_REGISTRY


# geocoding ----------------------------------------------------------------------------------


class PlaceNotFoundError(LocatorError):
    """Raised when nothing matches what the user typed as a place; the message suggests the
    nearest known spellings."""

    exit_code = ExitCode.NO_PLACE

    def __init__(
        self,
        query: str,
        suggestions: list[str] | None,
        *,
        too_long: bool = False,
        length: int | None = None,
    ) -> None:
        """``suggestions`` None: none was looked for (a batch that did not ask for them);
        ``length``: that of the whole text when ``query`` is only its start."""
        self.query = query
        self.suggestions = suggestions or []
        shown = " ".join(query.split())
        if not shown:
            message = _("type a place: a ZIP code, 'City, ST', a state, or a street address")
        elif too_long:
            message = _(
                "that is too long for a place ({count} characters); type a ZIP code or 'City, ST'"
            ).format(count=number(len(shown) if length is None else length))
        elif suggestions is None:
            message = _("no place matches “{text}”").format(text=shown)
        elif suggestions:
            message = _("no place matches “{text}”; did you mean {places}?").format(
                text=shown, places=_(" or ").join(suggestions)
            )
        else:
            message = _("no place matches “{text}”; try a ZIP code or 'City, ST'").format(
                text=shown
            )
        super().__init__(message)


class GeocodingUnavailableError(LocatorError):
    """Raised when there is no offline answer and the online service failed (or the offline
    place index could not be built)."""

    exit_code = ExitCode.GEOCODING_UNAVAILABLE


class OnlineLookupError(LocatorError):
    """Raised when the online geocoding provider gives no usable answer (timed out, asked us
    to slow down, unreachable, unreadable); the message says why in a few words."""

    exit_code = ExitCode.GEOCODING_UNAVAILABLE


class IndexBuildError(LocatorError, RuntimeError):
    """Raised when the offline place index cannot be built (a data package missing or broken,
    or its folder not writable)."""

    exit_code = ExitCode.GEOCODING_UNAVAILABLE


class PlaceIndexNotReadyError(LocatorError):
    """Raised by the lookups answered before the place index is built (``locator.geo.quick``:
    exact ZIP codes and names) for a place only the full index can answer (another name, a
    misspelling); the search waits for the index instead."""

    exit_code = ExitCode.GEOCODING_UNAVAILABLE

    def __init__(self) -> None:
        super().__init__(_("this place can be looked up once the place index is built"))


class MissingSystemLibraryError(LocatorError):
    """Raised before Qt starts when a system library its window or the map needs cannot be
    loaded; the message names the library and the command that installs it."""

    exit_code = ExitCode.NO_WINDOW


class NoDisplayError(LocatorError):
    """Raised before Qt starts when there is no display to open the window on."""

    exit_code = ExitCode.NO_WINDOW


class SelfTestError(LocatorError):
    """Raised by ``locator --self-test`` when a step does not do what it should; the message
    names the step and what went wrong."""
