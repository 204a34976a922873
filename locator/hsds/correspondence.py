"""Where each registry field lives in HSDS, declared once: the export writes it there and the
import reads it back from there (docs/hsds.md has the same table for people).

A field with an HSDS home is written to it (``name`` to ``service.name``, ``phone`` to the
service's first phone, the vocabularies to attributes of locator's taxonomies). What HSDS
has no place for (a clinic's id, session length, the practical facts…) is an attribute of
the "locator facts" taxonomy whose term is the field's name: other directories may ignore it,
and locator reads it back. Each quote becomes metadata rows, one per field or value it states.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from locator.data.models import Clinic
from locator.data.vocabulary import Condition, Language, Payment, Term, Treatment
from locator.errors import UnknownTermError

# Every identifier locator writes is derived from what it names (a clinic's id, a term's key):
# the same registry gives the same file, and a re-export keeps every id.
_NAMESPACE = uuid.UUID("5b0e7d52-1c4a-4f0e-9a51-6c0cbb0a7f3e")


def hsds_id(*names: object) -> str:
    """The identifier (a UUID, as HSDS asks) of the object named by ``names``: the name-based
    UUID (version 5) ``uuid.uuid5`` makes, made here without its objects (an export makes a
    hundred ids per clinic)."""
    name = "/".join(str(part) for part in names).encode("utf-8")
    digest = bytearray(hashlib.sha1(_NAMESPACE.bytes + name).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    hexed = digest.hex()
    return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"


# The registry fields an HSDS field may state where an import keeps it as the file wrote it
# (under the entry's ``hsds``) instead of mapping it: a service's or its location's languages
# (Urdu), costs (in pounds), accessibility and schedules.
UNMAPPED_STATES = {
    "languages": ("languages",),
    "cost_options": ("price_per_session", "price_per_series"),
    "accessibility": ("wheelchair_accessible",),
    "schedules": ("evening_hours", "weekend_hours"),
}
_EVENING = "18:00"  # a schedule open at or past it is open in the evening
_WEEKEND = ("SA", "SU")


def held_under_hsds(kept: Mapping[str, Any] | None) -> frozenset[str]:
    """The registry fields that the HSDS fields ``kept`` under an entry's ``hsds`` state:
    where a person reads "not listed", the imported file does state them, only locator did
    not map them. Only what an object speaks of counts: a price per session is no price per
    series, and a note on parking says nothing of a wheelchair."""
    holders: list[Any] = [kept or {}]
    for at_location in (kept or {}).get("service_at_locations") or []:
        if isinstance(at_location, Mapping):
            holders += [at_location, at_location.get("location")]
    return frozenset(
        field
        for holder in holders
        if isinstance(holder, Mapping)
        for key in UNMAPPED_STATES
        for item in _items(holder.get(key))
        for field in _stated(key, item)
    )


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


def _stated(key: str, item: Any) -> tuple[str, ...]:
    """The registry fields one kept HSDS object (a cost option, a schedule…) speaks of."""
    if not isinstance(item, Mapping):
        return UNMAPPED_STATES[key] if key == "languages" else ()
    said = " ".join(str(value) for value in item.values() if isinstance(value, str)).lower()
    if key == "cost_options":
        session, series = "session" in said, any(w in said for w in ("series", "course"))
        if session or series:
            return ("price_per_session",) * session + ("price_per_series",) * series
    elif key == "accessibility":
        return ("wheelchair_accessible",) if "wheelchair" in said else ()
    elif key == "schedules":
        days = str(item.get("byday") or "").upper()
        evening = "evening" in said or str(item.get("closes_at") or "")[:5] > _EVENING
        weekend = any(w in said for w in ("weekend", "saturday", "sunday"))
        weekend |= any(day in days for day in _WEEKEND)
        return ("evening_hours",) * evening + ("weekend_hours",) * weekend
    return UNMAPPED_STATES[key]  # a language; a price that does not say what it is for


# An HSDS-required value locator has none for (a document row's quote); an export before
# this one wrote it in an address's unknown parts, which an import still skips.
NOT_LISTED = "not listed"
STATUS = "active"  # HSDS requires a status; a registry lists the clinics it knows of
# ...but no source states it: a metadata row says the status is assumed, and why.
STATUS_ASSUMED = "listed by the registry; no source states a status"
# A service the file says is not active is not listed: a patient would call it in vain, and
# locator shows no status (a "temporarily closed" clinic would look open).
NOT_LISTED_STATUSES = frozenset({"inactive", "defunct", "temporarily closed"})
COUNTRY = "US"
CURRENCY = "USD"
# An organization's description is required; the registry holds none.
ORGANIZATION_NAMED = "No description listed."
# A clinic whose sources name no organization apart from itself: HSDS needs one for a service.
ORGANIZATION_UNNAMED = "No organization is listed apart from the service itself."
SERVED_PLACE = (
    "No office is listed: the service stands at the centre of this place, which it serves."
)
# An office whose coordinates are a centre locator placed it at, not the office's own point.
CENTRE = "Coordinates: {precision} ({latitude}, {longitude}; {source}), not the office."
# An address without all the parts an HSDS address requires: said, not filled with blanks.
PART_ADDRESS = "Address as listed: {address} (the rest is not listed)."

# The service's own fields: locator field -> HSDS service field.
SERVICE_FIELDS = {"name": "name", "website": "url", "last_verified": "assured_date"}

# Practical facts HSDS has a home for (where known): the office's ``accessibility`` and the
# service's ``schedules``, described by what a source says. They stay "locator facts" too,
# read back from there (these are written from them, never read).
ACCESSIBILITY = {
    "wheelchair_accessible": {True: "Wheelchair accessible.", False: "Not wheelchair accessible."}
}
SCHEDULES = {
    "evening_hours": {True: "Open in the evening.", False: "Not open in the evening."},
    "weekend_hours": {True: "Open at weekends.", False: "Not open at weekends."},
}

# Prices: locator field -> the cost option's ``option``.
PRICES = {"price_per_session": "per session", "price_per_series": "per series"}


@dataclass(frozen=True)
class TermField:
    """A list field of vocabulary terms, written as attributes of a locator taxonomy whose
    ``value`` says what a source states of the term ("offered", "not offered")."""

    field: str
    vocabulary: type[Term]
    taxonomy: str
    value: str


TERM_FIELDS = (
    TermField("conditions", Condition, "locator conditions", "treated"),
    TermField("treatments", Treatment, "locator treatments", "offered"),
    TermField("not_offered", Treatment, "locator treatments", "not offered"),
    TermField("payment", Payment, "locator payment", "accepted"),
    TermField("payment_not_accepted", Payment, "locator payment", "not accepted"),
)
TAXONOMY_DESCRIPTIONS = {
    "locator conditions": "What a source says a ketamine-therapy clinic treats.",
    "locator treatments": "What a source says a ketamine-therapy clinic offers or does not.",
    "locator payment": "How a source says a clinic can, or cannot, be paid.",
    "locator facts": "Facts of a locator registry entry that HSDS has no field for; the term "
    "is the registry field, the value as the registry writes it.",
}
FACTS_TAXONOMY = "locator facts"

PRICE_FIELDS = {option: field for field, option in PRICES.items()}  # the cost option's own


# Languages as HSDS writes them (ISO 639-1, or 639-3 where it has none), by term.
LANGUAGE_CODES = {
    Language.ENGLISH: "en",
    Language.SPANISH: "es",
    Language.MANDARIN: "cmn",
    Language.CANTONESE: "yue",
    Language.TAGALOG: "tl",
    Language.VIETNAMESE: "vi",
    Language.ARABIC: "ar",
    Language.FRENCH: "fr",
    Language.KOREAN: "ko",
    Language.RUSSIAN: "ru",
    Language.HAITIAN_CREOLE: "ht",
    Language.PORTUGUESE: "pt",
    Language.HINDI: "hi",
    Language.GERMAN: "de",
    Language.ASL: "ase",
}

LANGUAGES_BY_CODE = {code: language for language, code in LANGUAGE_CODES.items()}


@functools.cache  # a directory names the same few terms thousands of times
def term_named(vocabulary: type[Term], text: Any) -> Term | None:
    """The term of ``vocabulary`` that ``text`` names (its key or label, any case), if any."""
    if not text:
        return None
    try:
        return vocabulary.parse(str(text))
    except UnknownTermError:
        return None


# The fields with an HSDS home above (``location`` has one only for an office, so it is also
# a fact), the sources (metadata rows) and what an import kept as HSDS wrote it.
_NATIVE = {
    *SERVICE_FIELDS,
    *PRICES,
    *(term.field for term in TERM_FIELDS),
    "organization",
    "phone",
    "address",
    "service_area",
    "languages",
    "sources",
    "hsds",
}
# Fields with an HSDS home only when whole: an address missing a part HSDS requires (a
# street, a ZIP) is a "locator facts" attribute instead, never an address with blanks.
PART_FACTS = frozenset({"address"})
# The facts that are an entry's own where a service stands at several locations (written on
# its service at location, not on the service they share).
ENTRY_FACTS = frozenset({"id", "location", *PART_FACTS})
# Everything else is a "locator facts" attribute: derived, so a new field travels at once.
FACTS: tuple[str, ...] = tuple(name for name in Clinic.model_fields if name not in _NATIVE)
# Facts written as they are (text); the others as JSON (true, {"min": 40, "max": 60}).
TEXT_FACTS = frozenset(
    {"id", "kind", "typical_course", "new_patients_checked", "driver_note", "notes"}
)
DATE_FACTS = frozenset({"new_patients_checked"})


def fact_text(field: str, value: Any) -> str:
    """A fact's plain value (as YAML would load it) as an attribute's ``value``."""
    return str(value) if field in TEXT_FACTS else json.dumps(value, ensure_ascii=False)


def fact_value(field: str, text: str) -> Any:
    """The plain value of a fact written by :func:`fact_text` (raises ValueError if it is
    not JSON, or not a date, where one is due)."""
    if field in DATE_FACTS:
        return dt.date.fromisoformat(text)
    return text if field in TEXT_FACTS else json.loads(text)


def written_by_locator(description: Any) -> bool:
    """Whether an office's ``description`` is what locator writes of it (:data:`CENTRE`,
    :data:`PART_ADDRESS`), which it writes again from the entry, never a file's own words."""
    return bool(description) and _LOCATOR_DESCRIPTION.fullmatch(str(description)) is not None


def _pattern(template: str) -> str:
    return re.sub(r"\\\{\w+\\\}", ".+?", re.escape(template))


# What _office writes: the centre it stands at, then the parts of its address (either, or both).
_LOCATOR_DESCRIPTION = re.compile(f"(?:{_pattern(CENTRE)})?(?: ?(?:{_pattern(PART_ADDRESS)}))?")


def phone_number(number: Any) -> str:
    """A phone number as a file gives it, without the quote marks some write around it
    (``"+44 1234 234567"`` with the quotes, as the specification's example does)."""
    return str(number or "").strip().strip(_QUOTE_MARKS).strip()


_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"  # straight and curly, double and single


# Metadata rows: what ``last_action_type`` says a row holds.
QUOTED = "quoted"  # a quote supports the whole field (replacement_value: the field's value)
QUOTED_VALUE = "quoted value"  # a quote names this one value of a list field
QUOTED_NOTHING = "sources"  # the field name of a quote that supports no field (backs notes)
LISTED = "listed"  # a row of the registry's list of documents: a cited document's field
DOCUMENT = "document"  # what those rows' field names start with ("document.title")
ASSUMED = "assumed"  # a value HSDS requires that no source states (the status)
# The kinds of rows locator writes; a file's other rows (its history) are its own, kept.
LOCATOR_ROWS = frozenset({QUOTED, QUOTED_VALUE, LISTED, ASSUMED})
DOCUMENT_FIELDS = ("file", "title", "description", "publisher", "url", "read")


MAPPED = "mapped"  # read into the registry field, written from it
KEPT = "kept, given back"  # under the entry's ``hsds`` as the file wrote it; in its place again


def field_table() -> list[tuple[str, str, str]]:
    """Every HSDS field locator reads or writes: (HSDS field, registry field, what happens
    there and back), from the declarations above; docs/hsds.md shows it, as
    :func:`field_table_text` writes it (a test checks)."""
    facts = ", ".join(f"`{field}`" for field in FACTS)
    return [
        *((f"`service.{hsds}`", f"`{field}`", MAPPED) for field, hsds in SERVICE_FIELDS.items()),
        (
            "`service.id`, `service.organization_id` (`organization.id`), "
            "`service_at_locations[].id`, `location.id`",
            "`hsds`",
            f"{KEPT} (locator's own ids are derived from the entry's `id`)",
        ),
        (
            "`service.status`",
            "`hsds`",
            f"{KEPT}; where no source states one, `{STATUS}` with an `{ASSUMED}` metadata row",
        ),
        ("`organization.name`", "`organization`", MAPPED),
        ("`organization` (its other fields)", "`hsds`", KEPT),
        (
            "`phones[0].number`",
            "`phone`",
            f"{MAPPED} (quote marks around it dropped; the file's given back as written)",
        ),
        ("`phones[]` (extension, type, languages; the other phones)", "`hsds`", KEPT),
        ("`service_areas[].name`", "`service_area`", f'{MAPPED}, where it is "City, ST"'),
        ("`service_areas[].extent`", "`location` (a place served)", MAPPED),
        (
            "`location.latitude`, `location.longitude`",
            "`location`",
            f"{MAPPED}, for a physical location; written only for a street address",
        ),
        (
            "`location.addresses[]` (physical)",
            "`address`",
            f'{MAPPED}; written only whole (else a "{FACTS_TAXONOMY}" attribute)',
        ),
        (
            "`location.addresses[]` (postal, virtual); a location that is not physical",
            "`hsds`",
            f"{KEPT}; never the office",
        ),
        (
            "`location.name` and its other fields; `service_at_locations[]`' contacts, "
            "phones, schedules",
            "`hsds`",
            KEPT,
        ),
        ("`languages[]`", "`languages`", f"{MAPPED}, where locator knows the language"),
        *(
            (f'`cost_options[]`, `option` "{option}"', f"`{field}`", f"{MAPPED}, in {CURRENCY}")
            for field, option in PRICES.items()
        ),
        *(
            (
                f'`attributes[]` of "{term.taxonomy}", value `{term.value}`',
                f"`{term.field}`",
                MAPPED,
            )
            for term in TERM_FIELDS
        ),
        (f'`attributes[]` of "{FACTS_TAXONOMY}"', facts, MAPPED),
        (
            "`attributes[]` of other taxonomies",
            "`conditions`, `treatments`",
            "mapped where the term names one locator knows and the value says yes; "
            "else kept and reported",
        ),
        (
            f"`metadata[]` (`{QUOTED}`, `{QUOTED_VALUE}`, `{LISTED}`)",
            "`sources`, `documents`",
            MAPPED,
        ),
        ("`metadata[]` (the file's own rows: its history)", "`hsds`", KEPT),
        (
            f'`service_at_locations[]` after the first: `attributes[]` of "{FACTS_TAXONOMY}", '
            f"`metadata[]` (`{QUOTED}`, `{QUOTED_VALUE}`, `{LISTED}`)",
            ", ".join(f"`{field}`" for field in sorted(ENTRY_FACTS)) + ", `sources`",
            f"{MAPPED}: another entry of a service at several locations, its own",
        ),
        (
            "`contacts[]`",
            "`providers`",
            f'written from it; read back from "{FACTS_TAXONOMY}"; a file\'s own: {KEPT}',
        ),
        (
            "`schedules[]`, `location.accessibility[]`",
            ", ".join(f"`{field}`" for field in (*SCHEDULES, *ACCESSIBILITY)),
            f'written from it where a source states it; read back from "{FACTS_TAXONOMY}"; '
            f"a file's own: {KEPT}",
        ),
        ("every other field of the service", "`hsds`", KEPT),
    ]


def field_table_text() -> str:
    """:func:`field_table` as the Markdown table docs/hsds.md shows."""
    rows = [("HSDS field", "Registry field", "There and back"), ("---", "---", "---")]
    return "\n".join(f"| {' | '.join(row)} |" for row in [*rows, *field_table()]) + "\n"
