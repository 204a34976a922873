"""Unicode characters that make text read other than it is written.

A bidirectional override, embedding or isolate (U+202A to U+202E, U+2066 to U+2069) reorders the
text after it as it is shown: "Trusted Clinic \\u202emoc.live\\u202c" reads "Trusted Clinic
evil.com", a document "\\u202etxt.exe" reads "exe.txt". The marks (U+200E, U+200F, U+061C) only
set the direction of the punctuation and spaces around them, and cannot turn a word around.

Names and addresses a registry gives to be read (an id, a website, an email, a document's
name) hold neither (:data:`ANY`). Other registry text is shown with every override, embedding
and isolate replaced by U+FFFD (:func:`neutral`), in the window, the map and every export
alike: the text then reads in the order it is stored, with a mark where a character was
that would have turned it around. So is a line or paragraph separator or a next-line
character (U+2028, U+2029, U+0085, :data:`BREAKING`), which began a new line in a table's
cell or a terminal's summary line, where the text is one line. The terminal prints each
character of :data:`ANY` in such text as U+FFFD too, marks or not: one look for all (a name
quoted in a sentence says each as ``\\u200f``, locator.terminal).
"""

from __future__ import annotations

import re

# Each character, listed: so each string also reads as a regular expression's character class.
REORDERING = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ANY = "\u061c\u200e\u200f" + REORDERING  # the marks too
BREAKING = "\x85\u2028\u2029"  # breaks a line where the text is one line
SHOWN_INSTEAD = "\ufffd"  # the replacement character: something was here, unshown

_REORDERING = re.compile(f"[{REORDERING}{BREAKING}]")
# One of them as a YAML or JSON escape writes it ("\\u202e", "\\U0000202E", "\\x85", "\\L").
# An escaped backslash before "u202e" matches too: a needless neutral pass then, never a
# missed one.
_ESCAPED = re.compile(r"\\(?:(?i:(?:u|U0000)(?:20(?:2[89a-e]|6[6-9])|0085)|x85)|[NLP])")


def held(text: str) -> list[str]:
    """The characters of :data:`ANY` that ``text`` holds, in the order of :data:`ANY`: the
    one list validate refuses and the editor names, so the two never disagree."""
    return [] if text.isascii() else [character for character in ANY if character in text]


def named(characters: list[str]) -> str:
    """ "U+202E, U+2066": characters as their code points, which no font can hide."""
    return ", ".join(f"U+{ord(character):04X}" for character in characters)


def neutral(text: str) -> str:
    """``text`` as every surface shows it: each character that reorders what follows it, or
    breaks a line (:data:`BREAKING`), replaced by U+FFFD, so that it reads in the order it is
    stored, and on the lines it has."""
    return text if text.isascii() else _REORDERING.sub(SHOWN_INSTEAD, text)


def may_reorder(text: str) -> bool:
    """False when no text read from ``text`` (a YAML or JSON file) can hold a character of
    :data:`REORDERING` or :data:`BREAKING`, written or escaped: one search of the file then
    spares its every text a call of :func:`neutral` (24 a clinic; see
    :func:`locator.data.models.validated`)."""
    if not text.isascii() and _REORDERING.search(text):
        return True
    return "\\" in text and _ESCAPED.search(text) is not None
