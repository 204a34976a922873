"""How far an import has come, in words: one text for the app's import bar and the command
line's progress line (light: the window loads it at start, before any import)."""

from __future__ import annotations

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
    ``width`` characters (a terminal's line) the stage's words are cut at the right with "…",
    so that where the line begins and the count stay in sight."""
    said = _("Importing {path}: {stage}…").format(path=path, stage=_(STAGE_WORDS[stage]))
    counted = ""
    if total > 0:
        counted = ngettext("{done} of {total} service", "{done} of {total} services", total)
        counted = " " + counted.format(done=number(done), total=number(total))
    if width is not None and len(said) + len(counted) > width:
        kept = max(width - len(counted) - 1, 0)
        said = said[:kept].rstrip() + "…"
    return (said + counted)[: width if width is not None else None]
