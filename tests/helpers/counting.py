"""How the registry's entries are counted, worked out apart from locator's own code: the
words every screen should show for a registry's entries, whichever entries it holds."""

from __future__ import annotations

from collections.abc import Iterable

from locator.data.models import Clinic
from locator.data.vocabulary import EntryKind


def _many(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def counted(clinics: Iterable[Clinic]) -> str:
    """ "3 providers (2 at 6 places, 1 with no listed location) and 2 unnamed providers"."""
    entries = list(clinics)
    named = [c for c in entries if c.kind is EntryKind.CLINIC]
    providers = {c.organization or c.id for c in named}
    placed = {c.organization or c.id for c in named if c.location is not None}
    places = sum(c.location is not None for c in named)
    unnamed = len(entries) - len(named)
    services = {(c.organization or c.id, c.name) for c in named}  # one name, one service
    who = _many(len(providers), "provider")
    if len(services) > len(providers):
        who += f" with {_many(len(services), 'distinct service')}"
    text = f"{who} at {_many(places, 'place')}"
    if len(providers) > len(placed):
        text = (
            f"{who} ({len(placed)} at {_many(places, 'place')}, "
            f"{len(providers) - len(placed)} with no listed location)"
        )
    return f"{text} and {_many(unnamed, 'unnamed provider')}" if unnamed else text
