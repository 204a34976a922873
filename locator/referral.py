"""A one-page referral summary of a shortlist, for a coordinator to print or send.

Each thing is said once, in words a patient can act on: where the clinic is and how exactly,
how far from the searched place, how to reach it (or that the sources give no way), what it
treats and offers, and the quotes that say so. An entry that stands for unnamed providers
reported in an area says plainly that there is no one to contact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from locator.compare import (
    contact_details,
    is_unnamed_provider,
    quotes_by_document,
    straight_line_from,
)
from locator.presentation import (
    CRISIS_LINE,
    DISCLAIMER,
    PRECISION_NOTES,
    full_address,
    labels,
    place_name,
    providers_text,
)

if TYPE_CHECKING:
    from locator.data.models import Clinic

NOT_IN_SOURCES = "Not listed in the sources"
NO_LOCATION = "Location not listed in the sources"
NO_CONTACT = "No phone or website is given in the sources; look the clinic up by name"
NO_ONE_TO_CONTACT = (
    "None. This entry is an unnamed provider reported in this area: the source names no "
    "clinic, phone or website, so there is no one to contact from it."
)

_STYLE = """<style>
body { font-family: sans-serif; font-size: 10pt; color: #111111; }
h1 { font-size: 16pt; }
h2 { font-size: 12.5pt; margin-top: 14px; margin-bottom: 2px; }
p.notice { font-weight: bold; color: #8a0015; }
th { text-align: left; vertical-align: top; font-weight: bold; }
td { vertical-align: top; }
.none { color: #555555; font-style: italic; }
.quote { font-size: 8.5pt; }
.doc { color: #666666; font-size: 7pt; }
</style>"""


def _where(clinic: Clinic) -> str:
    """ "Sandy, UT (approximate: city centre)", or that no source gives a location."""
    if clinic.location is None:
        return NO_LOCATION
    return f"{full_address(clinic)} ({PRECISION_NOTES[clinic.location.precision]})"


def _serves(clinic: Clinic) -> str | None:
    """The service area, when it says more than the place already named."""
    if not clinic.service_area or clinic.service_area == [place_name(clinic)]:
        return None
    return "; ".join(clinic.service_area)


def _distance(clinic: Clinic, searched: str | None, distances: dict[str, str]) -> str | None:
    """The distance as the search gave it; the introduction says where it is measured from."""
    if clinic.id in distances:
        return distances[clinic.id]
    if searched and clinic.location is None:
        return "Not measured: no location in the sources"
    return None


def _contact(clinic: Clinic) -> str:
    if is_unnamed_provider(clinic):
        return NO_ONE_TO_CONTACT
    return contact_details(clinic) or NO_CONTACT


def _offers(clinic: Clinic) -> str:
    offers = labels(clinic.treatments) if clinic.treatments else NOT_IN_SOURCES
    if clinic.not_offered:
        offers += f"; says it does not offer {labels(clinic.not_offered)}"
    return offers


def _sources(clinic: Clinic) -> str:
    """Quotes first, each document's name once and small after its quotes."""
    return "".join(
        "<p class='quote'>"
        + " ".join(f"“{escape(quote)}”" for quote in quotes)
        + f" <span class='doc'>({escape(document)})</span></p>"
        for document, quotes in quotes_by_document(clinic.sources).items()
    )


def referral_html(
    clinics: Sequence[Clinic],
    *,
    searched: str | None = None,
    distances: dict[str, str] | None = None,
    title: str = "Referral summary",
    created: dt.date | None = None,
) -> str:
    """HTML (fit for QTextDocument and PDF) listing each clinic with what a referral needs.

    ``searched`` is the searched place's label; ``distances`` the distance text by clinic id.
    """
    created = created or dt.date.today()
    distances = distances or {}
    intro = f"Prepared {created.isoformat()}"
    intro += f" for a search near {searched}." if searched else "."
    if searched or distances:
        intro += " " + straight_line_from(searched)
    intro += " “Not listed” means no source says."
    parts = [
        f"<html><head><meta charset='utf-8'>{_STYLE}</head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p class='notice'>{escape(DISCLAIMER)} {escape(CRISIS_LINE)}</p>",
        f"<p>{escape(intro)}</p>",
    ]
    for number, clinic in enumerate(clinics, start=1):
        rows = [
            ("Where", _where(clinic)),
            ("Serves", _serves(clinic)),
            ("Distance", _distance(clinic, searched, distances)),
            ("Contact", _contact(clinic)),
            ("Treats", labels(clinic.conditions) if clinic.conditions else NOT_IN_SOURCES),
            ("Offers", _offers(clinic)),
            ("Providers", providers_text(clinic)),
            ("Last verified", clinic.last_verified.isoformat()),
        ]
        table = "".join(
            f"<tr><th width='20%'>{key}</th><td{_none_class(value)}>{escape(value)}</td></tr>"
            for key, value in rows
            if value
        )
        table += f"<tr><th>Sources</th><td>{_sources(clinic)}</td></tr>"
        parts.append(
            f"<h2>{number}. {escape(clinic.name)}</h2>"
            f"<table width='100%' cellspacing='0' cellpadding='2'>{table}</table>"
        )
    parts.append("</body></html>")
    return "".join(parts)


def _none_class(value: str) -> str:
    """Statements that the sources are silent are set apart from facts."""
    silent = value in (NOT_IN_SOURCES, NO_LOCATION, NO_CONTACT, NO_ONE_TO_CONTACT)
    return " class='none'" if silent or value.startswith("Not measured") else ""
