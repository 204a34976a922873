"""Opening a file at a line: in the user's text editor ($VISUAL, then $EDITOR) by the
conventions editors share, else in the program the desktop uses for the file, which cannot be
told a line (the caller then says the line)."""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices

# how editors are told a line; any other editor gets "+LINE FILE", the convention of vi, nano,
# emacs, gedit and of the programs that start $VISUAL themselves (less, more)
_FILE_COLON_LINE = frozenset({"subl", "sublime_text", "zed", "atom", "pulsar"})
_GOTO = frozenset({"code", "code-insiders", "code-oss", "codium", "vscodium", "cursor"})
_LINE_OPTION = {"kate": "--line", "kwrite": "--line", "geany": "--line", "mate": "-l"}
# editors that need a terminal of their own: started by the desktop's terminal, or not at all
_TERMINAL = frozenset(
    {"vi", "vim", "nvim", "nano", "pico", "micro", "hx", "helix", "kak", "joe", "jed", "ne",
     "mg", "ed", "ex", "vis"}
)  # fmt: skip
TERMINAL_PROGRAM = "x-terminal-emulator"  # Debian's and Ubuntu's name for the desktop's terminal


class Opened(Enum):
    """How far opening a file went."""

    AT_LINE = "at-line"  # in the user's editor, at the line
    FILE_ONLY = "file-only"  # in the desktop's program for it, at its top
    NOT_AT_ALL = "not-at-all"  # no program could open it


def editor_command(
    editor: str, path: Path, line: int, which: Callable[[str], str | None] = shutil.which
) -> list[str] | None:
    """The command that opens ``path`` at ``line`` in ``editor`` (a command line, as $VISUAL
    holds it: "code --wait"), or None when it cannot be started from a window (a terminal
    editor where no terminal program is found, an empty or unparsable setting). The path is
    made whole first: a file named like an option ("-c!cmd", "+3") reaches the editor as a
    file, never as something for it to do."""
    path = Path(os.path.abspath(path))
    try:
        words = shlex.split(editor)
    except ValueError:
        return None
    if not words:
        return None
    name = Path(words[0]).name
    if name in _GOTO:
        command = [*words, "-g", f"{path}:{line}"]
    elif name in _FILE_COLON_LINE:
        command = [*words, f"{path}:{line}"]
    elif name in _LINE_OPTION:
        command = [*words, _LINE_OPTION[name], str(line), str(path)]
    else:
        command = [*words, f"+{line}", str(path)]
    if name in _TERMINAL or (name == "emacs" and "-nw" in words):
        terminal = which(TERMINAL_PROGRAM)
        return [terminal, "-e", *command] if terminal else None
    return command


def open_at_line(path: Path, line: int, environment: Mapping[str, str] = os.environ) -> Opened:
    """Open ``path`` at ``line`` in the user's editor when one is set and can be started,
    else in the desktop's program for it."""
    editor = environment.get("VISUAL") or environment.get("EDITOR") or ""
    command = editor_command(editor, path, line)
    if command and QProcess.startDetached(command[0], command[1:])[0]:
        return Opened.AT_LINE
    if QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.abspath(path))):
        return Opened.FILE_ONLY
    return Opened.NOT_AT_ALL
