"""Each clinic on an exported page as schema.org ``MedicalClinic`` JSON-LD, so that search
engines and directory crawlers read it as data.

It says only what the registry's sources say: an address only where one is listed (a place a
provider serves is ``areaServed``, never its address, and one whose state is inferred says
so), ``isAcceptingNewPatients`` only where a source says it, a ``medicalSpecialty`` only where
a clinician's title or credentials name it (a clinic's name is no source's word for what it
practises: "NorTex Psychiatry" alone gives none). An unnamed provider is no clinic to
describe and is left out. Text is cut as the page around it cuts it
(:func:`locator.presentation.page_text`): a huge value cannot swell a page through its data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from locator.data.vocabulary import EntryKind
from locator.presentation import inferred_note, page_text, script_json

if TYPE_CHECKING:
    from locator.data.models import Address, Clinic

# schema.org's MedicalSpecialty values, and the words (whole, any case) that name each in a
# clinician's title or credentials.
SPECIALTY_WORDS = {
    "Psychiatric": ("psychiatry", "psychiatric", "psychiatrist", "PMHNP"),
    "Anesthesia": ("anesthesia", "anesthesiology", "anesthesiologist", "CRNA"),
}
_WORD = re.compile(r"[^\W_]+")


def medical_clinic(clinic: Clinic) -> dict[str, object] | None:
    """The clinic's JSON-LD object; None for an unnamed provider."""
    if clinic.kind is EntryKind.UNNAMED_PROVIDER:
        return None
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "identifier": clinic.id,
        "name": page_text(clinic.name),
    }
    if clinic.address is not None:
        data["address"] = _postal_address(clinic.address)
    if clinic.service_area:
        data["areaServed"] = [_area(clinic, place) for place in clinic.service_area]
    specialties = medical_specialties(clinic)
    if specialties:
        data["medicalSpecialty"] = specialties
    if clinic.accepting_new_patients is not None:
        data["isAcceptingNewPatients"] = clinic.accepting_new_patients
    if clinic.phone is not None:
        data["telephone"] = page_text(clinic.phone)
    if clinic.website is not None:
        data["url"] = clinic.website
    return data


def _area(clinic: Clinic, place: str) -> str | dict[str, str]:
    """A place served; one whose state is inferred as a ``Place`` that says so."""
    note = inferred_note(clinic, place)
    if note is None:
        return page_text(place)
    return {"@type": "Place", "name": page_text(place), "description": page_text(note)}


def medical_specialties(clinic: Clinic) -> list[str]:
    """The specialties its clinicians' titles and credentials name (:data:`SPECIALTY_WORDS`)."""
    texts = [f"{p.title or ''} {p.credentials or ''}" for p in clinic.providers]
    words = {word.casefold() for text in texts for word in _WORD.findall(text)}
    return [
        specialty
        for specialty, names in SPECIALTY_WORDS.items()
        if any(name.casefold() in words for name in names)
    ]


def _postal_address(address: Address) -> dict[str, str]:
    parts = {
        "streetAddress": address.street,
        "addressLocality": address.city,
        "addressRegion": address.state,
        "postalCode": address.postal_code,
    }
    return {
        "@type": "PostalAddress",
        **{key: page_text(v) for key, v in parts.items() if v is not None},
    }


def linked_data(clinics: Iterable[Clinic]) -> str:
    """One ``<script type="application/ld+json">`` per clinic, once each, for a page's head;
    registry text cannot end the script (``<``, ``>`` and ``&`` are written as ``\\u003c``…)."""
    seen: set[str] = set()
    scripts = []
    for clinic in clinics:
        data = medical_clinic(clinic)
        if data is None or clinic.id in seen:
            continue
        seen.add(clinic.id)
        scripts.append(f'<script type="application/ld+json">{script_json(data)}</script>')
    return "\n".join(scripts)
