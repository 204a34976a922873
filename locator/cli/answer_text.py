"""The answer to `locator nearest` as people read it in a terminal: the summary, a table of
the clinics, their practical facts, and the notes on distances and drive times."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from locator.data.vocabulary import EntryKind
from locator.drive_time import AcrossWater
from locator.i18n import _
from locator.notice import notice
from locator.practical import Fact, payment_text, practical_facts
from locator.presentation import (
    DRIVE_NOTE,
    LOCATION_NOT_LISTED,
    STRAIGHT_LINE,
    distance_text,
    full_address,
    labels,
    other_places,
    place_note,
    precision_note,
    served_place,
    shown_name,
    where_marked,
)
from locator.summary import summary
from locator.terminal import in_line
from locator.text_table import text_table

if TYPE_CHECKING:
    from locator.data.models import Clinic
    from locator.search import Match, SearchResult
    from locator.units import Unit


def print_answer(result: SearchResult, unit: Unit) -> None:
    """The summary, a table of the clinics found (then those with no location), the practical
    facts of each, and the notes every answer ends with."""
    print(in_line(summary(result, unit)))
    if result.origin.note:
        print(in_line(f"{result.origin.label}: {place_note(result.origin.note)}"))
    rows = [
        (
            distance_text(match.distance_km, match.clinic, unit),
            _drive_text(match),
            shown_name(match.clinic, with_place=False),
            full_address(match.clinic)
            + (
                " " + _("(serves it)")
                if match.serves_origin and not served_place(match.clinic)
                else ""
            )
            + (
                _("; also {places}").format(places=other_places(match.also_at))
                if match.also_at and not served  # the places it serves are listed
                else ""
            ),
            labels(match.clinic.conditions),
            labels(match.clinic.treatments),
            precision_note(match.clinic),
        )
        for match in result.matches
        for served in [served_place(match.clinic) is not None]
    ]
    rows += [
        (
            "—",
            "",
            shown_name(clinic),
            _(LOCATION_NOT_LISTED),
            labels(clinic.conditions),
            labels(clinic.treatments),
            "",
        )
        for clinic in result.unlocated
    ]
    if rows:
        print()
        columns = (
            _("distance"),
            _("by car"),
            _("clinic"),
            _("where"),
            _("treats"),
            _("offers"),
            _("location"),
        )
        print(text_table(columns, rows))
        across = [
            shown_name(m.clinic, with_place=False)
            for m in result.matches
            if isinstance(m.drive, AcrossWater)
        ]
        if across:
            reason = AcrossWater().text
            line = _("{clinics}: {reason}").format(clinics=", ".join(across), reason=reason)
            print(in_line(line))
        print()
        clinics = [match.clinic for match in result.matches] + list(result.unlocated)
        print("\n".join(_practical_lines(clinics)))
    print()
    print(_(STRAIGHT_LINE), _(DRIVE_NOTE))
    print(notice())


def _drive_text(match: Match) -> str:
    """For the table's narrow "by car" column (where water lies between, the full sentence
    follows the table)."""
    drive = match.drive
    if isinstance(drive, AcrossWater):
        return drive.short
    return drive.text if drive else ""


def _practical_lines(clinics: Sequence[Clinic]) -> list[str]:
    """A line per clinic with the practical facts a source states, then those it does not:
    "not listed" is said, never left out or shown as "no". An unnamed provider has no one to
    ask, so only what a source states is said about it (no line when it states nothing). Each
    is one line, whatever line breaks its text holds (:func:`in_line`)."""
    lines = []
    for clinic in clinics:
        unnamed = clinic.kind is EntryKind.UNNAMED_PROVIDER
        facts = [Fact("payment", _("Payment"), payment_text(clinic)), *practical_facts(clinic)]
        # a stated fact may end a sentence of its own ("… after each infusion.")
        listed = "; ".join(
            f"{fact.label}: {fact.text.removesuffix('.')}" for fact in facts if fact.text
        )
        missing = "" if unnamed else ", ".join(fact.label for fact in facts if not fact.text)
        parts = [listed] if listed else []
        parts += [_("not listed: {facts}").format(facts=missing)] if missing else []
        if parts:
            name = shown_name(clinic) if unnamed else f"{clinic.name} ({where_marked(clinic)})"
            lines.append(in_line(f"{name}: {'; '.join(parts)}"))
    return lines
