"""How far an import has come, in words: one text for the app's import bar and the command
line's progress line (light: the window loads it at start, before any import)."""

from __future__ import annotations

import unicodedata

from locator.i18n import N_, _, ngettext, number

# The words of each stage of an import (a value of :class:`locator.hsds.importing.Stage`).
STAGE_WORDS = {
    "reading": N_("reading it and checking it against the HSDS schemas"),
    "making": N_("making the registry's entries and checking them as locator validate would"),
}


def importing_text(
    path: str, stage: str, done: int = 0, total: int = 0, width: int | None = None
) -> str:
    """An import of the file shown as ``path`` is at ``stage`` (a key of
    :data:`STAGE_WORDS`) and, once counted, ``done`` of ``total`` services are done. Past
    ``width`` columns (a terminal's line) the stage's words are cut at the right with "…",
    so that where the line begins and the count stay in sight."""
    said = _("Importing {path}: {stage}…").format(path=path, stage=_(STAGE_WORDS[stage]))
    counted = ""
    if total > 0:
        counted = ngettext("{done} of {total} service", "{done} of {total} services", total)
        counted = " " + counted.format(done=number(done), total=number(total))
    if width is None:
        return said + counted
    if columns(said) + columns(counted) > width:
        said = _within(said, max(width - columns(counted) - 1, 0)).rstrip() + "…"
    return _within(said + counted, width)


def columns(text: str) -> int:
    """The terminal columns ``text`` takes: two for a wide character (Chinese, Japanese,
    Korean, full-width forms), none for a combining mark, one for the rest; a file's name
    counted as characters wrapped the line it was to fit."""
    return sum(map(_columns_of, text))


def _columns_of(character: str) -> int:
    if unicodedata.combining(character):
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def _within(text: str, most: int) -> str:
    """The longest start of ``text`` that takes at most ``most`` columns."""
    taken = 0
    for end, character in enumerate(text):
        taken += _columns_of(character)
        if taken > most:
            return text[:end]
    return text
