"""A one-page referral summary of a shortlist, for a coordinator to print or send."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from locator.presentation import (
    CRISIS_LINE,
    DISCLAIMER,
    STRAIGHT_LINE,
    contact,
    labels,
    place_name,
    precision_note,
)

if TYPE_CHECKING:
    from locator.data.models import Clinic


def referral_html(
    clinics: Sequence[Clinic],
    *,
    searched: str | None = None,
    distances: dict[str, str] | None = None,
    title: str = "Referral summary",
    created: dt.date | None = None,
) -> str:
    """HTML (fit for QTextDocument and PDF) listing each clinic with what a referral needs."""
    created = created or dt.date.today()
    distances = distances or {}
    parts = [
        f"<h1>{escape(title)}</h1>",
        f"<p><b>{escape(DISCLAIMER)}</b> {escape(CRISIS_LINE)}</p>",
        f"<p>Prepared {escape(created.isoformat())}"
        + (f" for a search near <b>{escape(searched)}</b>" if searched else "")
        + f". {escape(STRAIGHT_LINE)} “not listed” means no source says.</p>",
    ]
    for clinic in clinics:
        sources = "; ".join(f"{escape(s.document)}: “{escape(s.quote)}”" for s in clinic.sources)
        rows = [
            ("Where", f"{place_name(clinic)} ({precision_note(clinic)})"),
            ("Distance", distances.get(clinic.id)),
            ("Contact", contact(clinic)),
            ("Treats", labels(clinic.conditions)),
            ("Offers", labels(clinic.treatments)),
            ("Last verified", clinic.last_verified.isoformat()),
        ]
        table = "".join(
            f"<tr><th align='left'>{key}</th><td>{escape(value)}</td></tr>"
            for key, value in rows
            if value
        )
        parts.append(
            f"<h2>{escape(clinic.name)}</h2><table cellspacing='2'>{table}"
            f"<tr><th align='left' valign='top'>Sources</th><td>{sources}</td></tr></table>"
        )
    parts.append(f"<p><small>{escape(DISCLAIMER)} {escape(CRISIS_LINE)}</small></p>")
    return "".join(parts)
