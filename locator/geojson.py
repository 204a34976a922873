"""The registry as GeoJSON (RFC 7946), for map and GIS tools: one Point Feature per entry with
coordinates, its properties those of `locator nearest --json` for the same clinic.

Where no office is listed the point is the centre of a place the provider serves, and the
properties say so (``served_place``), as the JSON does: a served place is not an office.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from locator.exports import PROGRESS_STEP
from locator.files import atomic_write
from locator.i18n import ngettext, number, source_language
from locator.notice import notice
from locator.result_json import clinic_json

if TYPE_CHECKING:
    from locator.data.models import Clinic, Registry
    from locator.exports import Progress

# Entries without a location named in the sentence that counts them; the rest are counted.
NAMED_UNLOCATED = 5


def feature_collection(
    registry: Registry, progress: Progress
) -> tuple[dict[str, object], list[Clinic]]:
    """The FeatureCollection of the entries with a location, and the entries without one.

    Its words are in English whatever the language, like the JSON (a script reads it
    anywhere); the notice travels with the data as a foreign member, as RFC 7946 allows.
    ``progress`` hears how far it has come, every few hundred entries."""
    features: list[dict[str, object]] = []
    unlocated: list[Clinic] = []
    total = len(registry.clinics)
    with source_language():
        for index, clinic in enumerate(registry.clinics):
            if index % PROGRESS_STEP == 0:
                progress(index / total)
            if clinic.location is None:
                unlocated.append(clinic)
                continue
            features.append(
                {
                    "type": "Feature",
                    "id": clinic.id,
                    "geometry": {
                        "type": "Point",
                        "coordinates": [clinic.location.longitude, clinic.location.latitude],
                    },
                    "properties": clinic_json(clinic),
                }
            )
        collection: dict[str, object] = {
            "type": "FeatureCollection",
            "features": features,
            "notice": notice(),
        }
    return collection, unlocated


def write(registry: Registry, path: Path, progress: Progress) -> list[str]:
    """Write the registry's GeoJSON to ``path``; says which entries had no location."""
    collection, unlocated = feature_collection(registry, progress)
    atomic_write(path, json.dumps(collection, ensure_ascii=False, indent=2) + "\n")
    progress(1.0)
    return [left_out(unlocated)] if unlocated else []


def left_out(unlocated: list[Clinic]) -> str:
    """ "2 entries have no location and are left out: a, b", the first few named."""
    named = ", ".join(clinic.id for clinic in unlocated[:NAMED_UNLOCATED])
    more = len(unlocated) - NAMED_UNLOCATED
    if more > 0:
        named += ngettext(" and {count} more", " and {count} more", more).format(count=number(more))
    return ngettext(
        "{count} entry has no location and is left out: {ids}",
        "{count} entries have no location and are left out: {ids}",
        len(unlocated),
    ).format(count=number(len(unlocated)), ids=named)
