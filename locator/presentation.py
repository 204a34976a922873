"""Words shared by every place that shows clinics: command line, exports, map and app."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from locator.data.models import Clinic
from locator.data.vocabulary import Precision, Term

DISCLAIMER = "locator is a directory, not medical advice."
CRISIS_LINE = "In a crisis, call or text 988 (US). In an emergency, call 911."
NOTICE = f"{DISCLAIMER} {CRISIS_LINE}"
NOT_LISTED = "not listed"
STRAIGHT_LINE = "Distances are straight-line, not driving distances."

PRECISION_NOTES = {
    Precision.ADDRESS: "street address",
    Precision.POSTAL_CODE: "approximate: ZIP code centre",
    Precision.CITY: "approximate: city centre",
    Precision.STATE: "approximate: state centre",
}


def precision_note(clinic: Clinic) -> str:
    """How exactly the clinic is placed: "approximate: city centre", or "location not listed"."""
    if clinic.location is None:
        return "location not listed"
    note = PRECISION_NOTES[clinic.location.precision]
    if clinic.location.precision is not Precision.ADDRESS and clinic.service_area:
        note += f"; serves {', '.join(clinic.service_area)}"
    return note


def labels(terms: Sequence[Term]) -> str:
    """Human labels of terms, or "not listed" when a source lists none."""
    return ", ".join(term.label for term in terms) if terms else NOT_LISTED


def place_name(clinic: Clinic) -> str:
    """ "City, ST" where the clinic is, else its first service area, else "location not listed"."""
    if clinic.address and clinic.address.city:
        return ", ".join(filter(None, (clinic.address.city, clinic.address.state)))
    return clinic.service_area[0] if clinic.service_area else "location not listed"


def contact(clinic: Clinic) -> str:
    """Phone and website, or "contact not listed"."""
    parts = [part for part in (clinic.phone, clinic.website) if part]
    return " · ".join(parts) if parts else "contact not listed"


DIRECTIONS_URL = "https://www.google.com/maps/dir/?api=1&destination="  # + "LAT,LON"


def directions_url(clinic: Clinic) -> str | None:
    """A directions link for an online map, only where the location is a street address."""
    if clinic.location is None or clinic.location.precision is not Precision.ADDRESS:
        return None
    return DIRECTIONS_URL + quote(f"{clinic.location.latitude},{clinic.location.longitude}")


def providers_text(clinic: Clinic) -> str | None:
    """ "Dr. Clayton L. Allison; Brittany Huckaby, PHNP", or None when none is named."""
    names = [
        " ".join(filter(None, (p.title, p.name))) + (f", {p.credentials}" if p.credentials else "")
        for p in clinic.providers
    ]
    return "; ".join(names) or None


def session_text(clinic: Clinic) -> str | None:
    """ "40\u201360 min", or None when no source gives a session length."""
    minutes = clinic.session_minutes
    if minutes is None:
        return None
    if minutes.min == minutes.max:
        return f"{minutes.min} min"
    return f"{minutes.min}\u2013{minutes.max} min"
