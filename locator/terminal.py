"""Text bound for a terminal: control characters shown, never obeyed.

Clinic names, field names from a registry and answers from an online service are text from
outside; printed raw, an escape sequence in them could clear the screen, retitle the window or
hide the rest of a line. Every human-readable line the command line prints goes through
:class:`VisibleControls`, which writes each control character as ``\\u001b``-style text
(valid inside JSON strings too) and keeps newlines and tabs, and the carriage return of a
CSV's "\\r\\n" line end, which moves nothing a newline would not.
"""

from __future__ import annotations

import io
import re
from typing import TextIO

from locator.data import bidi

# C0 and C1 controls but newline and tab, DEL, the Unicode controls that reorder text
# (bidirectional overrides, isolates and marks, which can make a line read other than it is),
# the line and paragraph separators (a line of its own, unseen as such), and halves of a UTF-16
# pair standing alone (JSON may hold one; no terminal can print it).
_ESCAPED = f"\x00-\x08\x0b-\x1f\x7f-\x9f{bidi.ANY}\u2028\u2029\ud800-\udfff"
_CONTROLS = re.compile(f"[{_ESCAPED}]")
_ALL_CONTROLS = re.compile(f"[\t\n{_ESCAPED}]")  # a file's name: newline and tab too


def visible(text: str) -> str:
    """``text`` (registry text, printed) with every control character but newline and tab
    written as ``\\uXXXX``; one that reorders text as U+FFFD, a mark too, as the overrides
    neutralised when the registry was read show (locator.data.bidi): one look for all."""
    return _CONTROLS.sub(_shown, text)


def _shown(found: re.Match[str]) -> str:
    character = found.group()
    return bidi.SHOWN_INSTEAD if character in bidi.ANY else _code(found)


def _code(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def one_line(text: str) -> str:
    """``text`` (a file's name) on one line: every control character written as ``\\uXXXX``,
    newline and tab too, so that a name cannot begin a line of its own that reads as locator's
    (``wrote x\\nlocator: …``). A name is quoted to be found: each character said exactly."""
    return _ALL_CONTROLS.sub(_code, text)


def in_line(text: str) -> str:
    """``text`` (registry text, or an online answer's) for a table's cell or a line of its
    own: as :func:`visible` shows it, newline and tab too written as ``\\u000a``, so that no
    value can begin a line that reads as locator's (``First\\nlocator: error: …``)."""
    return _ALL_CONTROLS.sub(_shown, text)


# The longest name found in a file (a shortlist's, a setting's) a sentence quotes whole: past it
# the name is cut with "…", as a line's length shows enough of it to find it (a 1 MB key was
# echoed whole)
LONGEST_IN_A_SENTENCE = 60


def in_a_sentence(name: str) -> str:
    """A name found in a file, in a sentence: on one line (:func:`one_line`), cut with "…"
    past :data:`LONGEST_IN_A_SENTENCE` characters."""
    cut = name[:LONGEST_IN_A_SENTENCE] + "…" if len(name) > LONGEST_IN_A_SENTENCE else name
    return one_line(cut)


def has_controls(text: str) -> bool:
    """True when ``text`` holds a character :func:`visible` would escape."""
    return _CONTROLS.search(text) is not None


class VisibleControls(io.TextIOBase):
    """A text stream that writes to ``stream`` with control characters made visible."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write("\r\n".join(visible(line) for line in text.split("\r\n")))
        return len(text)

    def write_own(self, text: str) -> None:
        """Write text locator composed itself, controls included (a progress line's ``\\r``)."""
        self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()
