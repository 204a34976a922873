"""Per-fact provenance: which source quote supports which field of a clinic.

Each quote names the fields it supports in ``covers``. Every field that is set needs at least
one quote, except the entry's own bookkeeping (:data:`EXEMPT`): its id and kind, its location
(which cites its gazetteer entry in ``location.source``), the maintainer's notes, the sources
themselves and the date they were checked. The set of fields that need a quote is read from the
model, so a field added to :class:`~locator.data.models.Clinic` needs a quote at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Any

from locator.data.models import Clinic, Source
from locator.i18n import _

EXEMPT = frozenset({"id", "kind", "location", "notes", "sources", "last_verified"})
FACT_FIELDS: tuple[str, ...] = tuple(name for name in Clinic.model_fields if name not in EXEMPT)

Loc = tuple[str | int, ...]


def is_set(value: Any) -> bool:
    """A field holds a fact unless it is absent or empty (unknown is "not listed")."""
    return value not in (None, "", [], {})


def facts(clinic: Clinic) -> list[str]:
    """The fields of ``clinic`` that state something and so need a quote, in model order."""
    return [name for name in FACT_FIELDS if is_set(getattr(clinic, name))]


def quotes_for(clinic: Clinic, fields: Sequence[str]) -> list[Source]:
    """The quotes that support any of ``fields``, in the entry's order."""
    return [source for source in clinic.sources if set(source.covers) & set(fields)]


def gaps(clinic: Clinic, named: Callable[[str], str] | None = None) -> list[tuple[Loc, str]]:
    """What breaks per-fact provenance in one clinic: each problem's path inside the entry
    (``("phone",)``, ``("sources", 2, "covers", 0)``) and a sentence saying what to do.

    With ``named`` (a field's label in the editor's form: "Serves"), the sentences say what
    to do in the form, which ticks the facts a quote supports; without, in the file."""
    present = facts(clinic)
    found: list[tuple[Loc, str]] = []
    for index, source in enumerate(clinic.sources):
        for position, name in enumerate(source.covers):
            problem = (
                _cover_problem(name, present)
                if named is None
                else _tick_problem(name, present, named)
            )
            if problem:
                found.append((("sources", index, "covers", position), problem))
    covered = {name for source in clinic.sources for name in source.covers}
    for name in present:
        if name in covered:
            continue
        if named is None:
            problem = _(
                "no source quote covers this fact; name '{field}' in the covers "
                "(Supports) of the quote that says it, or remove the field (what no "
                "source says is shown as \u201cnot listed\u201d)"
            ).format(field=name)
        else:
            problem = _(
                "no source quote covers this fact; under Sources, select the quote that says "
                "it and tick '{field}', or empty the field (what no source says is shown as "
                "\u201cnot listed\u201d)"
            ).format(field=named(name))
        found.append(((name,), problem))
    return found


def _tick_problem(name: str, present: Sequence[str], named: Callable[[str], str]) -> str:
    """:func:`_cover_problem` in the words of the editor's form."""
    if name in EXEMPT:
        return _("'{field}' needs no quote; untick it").format(field=named(name))
    if name not in FACT_FIELDS:
        return _("'{name}' is not a field of a clinic; untick it").format(name=name)
    if name not in present:
        return _("'{field}' is not filled in for this clinic; fill it in, or untick it").format(
            field=named(name)
        )
    return ""


def _cover_problem(name: str, present: Sequence[str]) -> str:
    if name in EXEMPT:
        return _(
            "'{field}' needs no quote (only the clinic's facts do; coordinates cite their "
            "gazetteer entry in location.source); remove it from covers"
        ).format(field=name)
    if name not in FACT_FIELDS:
        close = difflib.get_close_matches(name, FACT_FIELDS, n=1, cutoff=0.6)
        hint = _("; did you mean '{field}'?").format(field=close[0]) if close else ""
        return _(
            "'{name}' is not a field of a clinic{hint}; covers names the fields this quote "
            "supports ({fields})"
        ).format(name=name, hint=hint, fields=", ".join(FACT_FIELDS))
    if name not in present:
        return _(
            "'{field}' is not set in this entry; fill in the field this quote supports, or "
            "remove it from covers"
        ).format(field=name)
    return ""
