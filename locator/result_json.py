"""A search's answer as JSON for scripts (`locator nearest --json`): the same keys and the
same words whatever the language, so that a script reads it anywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from locator.drive_time import AcrossWater
from locator.i18n import source_language
from locator.notice import notice
from locator.practical import listed, practical_json
from locator.search import TRAVEL_RADIUS_MILES
from locator.summary import summary

if TYPE_CHECKING:
    from locator.data.models import Clinic
    from locator.search import Match, SearchResult
    from locator.units import Unit


def result_json(result: SearchResult, unit: Unit) -> dict[str, object]:
    """The place searched, each match nearest first, the clinics with no location, how many
    filters left out for want of a listed value, whether any clinic is within the distance a
    person would travel, the summary and the notice (in English)."""
    with source_language():
        data: dict[str, object] = {
            "origin": result.origin.as_json(),
            "results": [match_json(match) for match in result.matches],
            "unlocated": [clinic.id for clinic in result.unlocated],
            "excluded_not_listed": result.excluded_not_listed,
            # false: every clinic is beyond the distance a person would travel, though listed
            "travel_radius_miles": TRAVEL_RADIUS_MILES,
            "clinic_within_travel_radius": result.clinic_within_travel,
            "summary": summary(result, unit),
            "notice": notice(),
        }
        if result.nearest_outside is not None:
            data["nearest_outside"] = match_json(result.nearest_outside)
    return data


def match_json(match: Match) -> dict[str, object]:
    """One clinic found: the clinic's own facts (:func:`clinic_json`), where it is, how far and
    how long a drive (null where none is estimated, with the reason where water lies between),
    and whether it serves the place searched."""
    clinic = match.clinic
    assert clinic.location is not None
    drive = match.drive
    return {
        **clinic_json(clinic),
        "latitude": clinic.location.latitude,
        "longitude": clinic.location.longitude,
        "distance_miles": round(match.distance_miles, 2),
        "distance_km": round(match.distance_km, 2),
        "drive_minutes": drive.as_json() if drive else None,
        "drive_minutes_reason": drive.reason if isinstance(drive, AcrossWater) else None,
        "serves_origin": match.serves_origin,
        "also_at": listed(match.also_at),
    }


def clinic_json(clinic: Clinic) -> dict[str, object]:
    """One located clinic whatever the search: what it is, how precisely it is placed (and the
    place it serves that stands in for an office none lists), what it treats and offers, and
    its practical facts. What the registry does not list is null, never an empty list, which a
    script would read as "none" (no conditions treated, no other place)."""
    assert clinic.location is not None
    return {
        "id": clinic.id,
        "kind": clinic.kind.value,
        "name": clinic.name,
        "city": clinic.address.city if clinic.address else None,
        "state": clinic.address.state if clinic.address else None,
        # no office listed: the place it serves that the coordinates are the centre of
        "served_place": clinic.location.served_place,
        "service_area": listed(clinic.service_area),
        "inferred": [
            {"value": i.value, "fields": i.fields, "reason": i.reason} for i in clinic.inferred
        ]
        or None,
        "precision": clinic.location.precision.value,
        "conditions": listed([term.value for term in clinic.conditions]),
        "treatments": listed([term.value for term in clinic.treatments]),
        "phone": clinic.phone,
        "website": clinic.website,
        **practical_json(clinic),
    }
