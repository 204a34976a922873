"""Where a command's document goes: standard output, or a file it names.

Every ``-o`` is checked here before the registry is read or the document made (a map of
10,000 clinics, an export of the whole registry): a name no write could honour is refused
with a sentence at once, never after seconds of work.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from locator.errors import ExitCode, FileWriteError, UsageError
from locator.files import atomic_write, refuse_loop, refuse_unwritable
from locator.i18n import _
from locator.terminal import one_line

# Pipes found to have a reader, kept open for writing until the command ends: closing the
# descriptor of that check would tell the reader the output had ended before it began.
_KEPT_OPEN: list[int] = []


def output_path(given: str | None) -> Path | None:
    """The file ``-o`` names, if it was given; an empty ``-o ''`` names none, and is refused
    as such rather than read as the current folder."""
    if given is None:
        return None
    if not given:
        raise UsageError(_("-o names no file: give it the name of the file to write"))
    return Path(given)


def check_output(output: Path, *, reading: Path | None = None, folder: bool = False) -> None:
    """Refuse ``output`` before anything is read or made, when no write could go there: a link
    to nothing (a write would create its target, wherever it points), the registry being read
    (``reading``: by its name, a link or a hard link; the document would replace it), a folder
    where a file goes or a file where a folder goes, a missing or read-only place, a pipe
    nobody reads, a loop of links. ``folder``: the format writes a folder of files."""
    refuse_loop(output)  # before the link to nothing it would otherwise be said to be
    refuse_dangling_link(output)
    if reading is not None and _same_file(output, reading):
        raise UsageError(
            _(
                "{path} is the registry being read ({registry}): writing there would replace "
                "it; it is unchanged. Name another file with -o"
            ).format(path=one_line(str(output)), registry=one_line(str(reading)))
        )
    refuse_unwritable(output, folder=folder)
    if not folder and stat.S_ISFIFO(_kind(output)):
        _refuse_unread_pipe(output)


def _kind(path: Path) -> int:
    """The mode of what ``path`` leads to (0 when nothing is there)."""
    try:
        return path.stat().st_mode
    except OSError:
        return 0


def _refuse_unread_pipe(output: Path) -> None:
    """Refuse a pipe nobody reads (it would wait for ever, or fail after the document is made);
    a pipe with a reader is kept open until the command ends."""
    try:
        _KEPT_OPEN.append(os.open(output, os.O_WRONLY | os.O_NONBLOCK))
    except OSError as error:
        raise FileWriteError.of(output, error, existed=True) from error


def _same_file(output: Path, registry: Path) -> bool:
    """True when ``output`` is ``registry`` itself, by name, through a link or a hard link."""
    try:
        return os.path.samefile(output, registry)
    except OSError:  # either is not there: nothing to replace
        return False


def refuse_dangling_link(output: Path) -> None:
    """Refuse ``-o`` naming a link to nothing: every command's write would create the link's
    target, wherever it points (a planted ``~/.bash_login`` that does not exist yet)."""
    if output.is_symlink() and not output.exists():
        raise UsageError(
            _(
                "{path} is a link to {target}, which is not there: a write would create it; "
                "name another file with -o"
            ).format(path=one_line(str(output)), target=one_line(os.readlink(output)))
        )


def said_path(path: Path | str) -> str:
    """A file's name as the command line prints it: on one line, control characters shown."""
    return one_line(os.fspath(path))


def said_error(error: Exception) -> str:
    """The error's sentence with the file it names (``filename``, or a registry's ``path``)
    on one line: a newline in a file's name must not begin a line that reads as locator's."""
    text = str(error)
    for name in (getattr(error, "filename", None), getattr(error, "path", None)):
        if isinstance(name, str) and name:
            text = text.replace(name, one_line(name))
    return text


def emit(text: str, output: Path | None) -> int:
    """Print ``text``, or write it to ``output`` (checked with :func:`check_output` first)
    and say so."""
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write(output, text)
        print(_("wrote {path}").format(path=said_path(output)))
    return ExitCode.OK
