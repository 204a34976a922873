"""A registry as HSDS services: each entry one service, with its organization, its office (a
location, only where one is known), the places it serves, phones, languages, prices, the
vocabularies and facts as attributes, and each quote as metadata rows.

Unknown stays absent: a practical fact no source states has no attribute, never a "no".
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from locator.data.bidi import neutral
from locator.data.models import Address, Clinic, Document, Registry, Source
from locator.data.vocabulary import Precision
from locator.exports import PROGRESS_STEP, Progress
from locator.files import writing
from locator.hsds import correspondence as c
from locator.hsds import schema
from locator.hsds.addresses import without_refused
from locator.i18n import ngettext, number, source_language
from locator.notice import notice
from locator.presentation import inferred_note, page_text

# Entries a sentence names before "and N more".
NAMED_MISFITS = 5
# (entry id, HSDS property) for each value kept under an entry's ``hsds`` that is not valid HSDS
Misfits = list[tuple[str, str]]


def services(
    registry: Registry, misfits: Misfits | None = None, apart: list[str] | None = None
) -> Iterator[dict[str, Any]]:
    """Each entry of ``registry`` as an HSDS service object (service.json), in order; the
    entries an import made of one service at several locations are that one service again,
    with a service at location per entry (at the first one's place). What an entry keeps
    under ``hsds`` that is not valid HSDS is left out and added to ``misfits``; the ids of
    entries edited apart from their service (exported as services of their own) to
    ``apart``."""
    left = misfits if misfits is not None else []
    alone: list[str] = []
    groups = _groups(registry, alone)
    if apart is not None:
        apart.extend(alone)
    separate = set(alone)
    standing = {member.id for members in groups.values() for member in members}
    for clinic in registry.clinics:
        if clinic.id in standing:
            continue  # at its service's, with the first entry
        found = service(clinic, registry, left, alone=clinic.id in separate)
        for member in groups.get(clinic.id, []):
            _stand_at(found, service(member, registry, left))
        yield found


def count(registry: Registry) -> int:
    """How many services :func:`services` gives of ``registry``."""
    groups = _groups(registry, [])
    return len(registry.clinics) - sum(len(members) for members in groups.values())


def _groups(registry: Registry, apart: list[str]) -> dict[str, list[Clinic]]:
    """The first entry's id -> the other entries of the one HSDS service they were imported
    from (each with an office of its own, and nothing else of the service edited since). An
    entry whose service's fields differ from the first's now
    is a service of its own; its id is added to ``apart``."""
    shared: dict[str, list[Clinic]] = {}
    for clinic in registry.clinics:
        given = (clinic.hsds or {}).get("id")
        if isinstance(given, str) and schema.fits(given, "id"):
            shared.setdefault(given, []).append(clinic)
    groups: dict[str, list[Clinic]] = {}
    for clinics in shared.values():
        if len(clinics) < 2:
            continue
        first, *rest = clinics
        if not _one_office(first):
            apart.extend(clinic.id for clinic in rest)
            continue
        same = _of_the_service(first)
        members = [c for c in rest if _one_office(c) and _of_the_service(c) == same]
        apart.extend(clinic.id for clinic in rest if clinic not in members)
        if members:
            groups[first.id] = members
    return groups


def _one_office(clinic: Clinic) -> bool:
    """Whether ``clinic`` is at one office of its own (the place its service stands at)."""
    kept = (clinic.hsds or {}).get("service_at_locations") or []
    return _office(clinic) is not None and len(kept) <= 1


def _of_the_service(clinic: Clinic) -> dict[str, Any]:
    """What of ``clinic`` is its service's, not its office's: the same for every entry of a
    service at several locations until one is edited apart."""
    plain = clinic.model_dump(
        mode="json", exclude={"id", "address", "location", "sources"}, exclude_none=True
    )
    plain["hsds"] = {k: v for k, v in (clinic.hsds or {}).items() if k != "service_at_locations"}
    return plain


def _stand_at(found: dict[str, Any], member: dict[str, Any]) -> None:
    """Add ``member`` (another entry's service) to ``found`` as its service at location,
    carrying what is the entry's own: its id (and an address HSDS cannot hold whole) as
    attributes, its quotes and documents as metadata rows."""
    at = dict(member["service_at_locations"][0])
    at_id = at["id"]
    at["attributes"] = [
        attribute | {"link_id": at_id, "link_entity": "service_at_location"}
        for attribute in member["attributes"]
        if attribute["taxonomy_term"]["taxonomy"] == c.FACTS_TAXONOMY
        and attribute["taxonomy_term"]["code"] in c.ENTRY_FACTS
    ]
    at["metadata"] = [
        row | {"resource_type": "service_at_location", "resource_id": at_id}
        if row["resource_type"] == "service"
        else row
        for row in member["metadata"]
        if row["last_action_type"] != c.ASSUMED
    ]
    found["service_at_locations"] = [*found["service_at_locations"], at]


def edited_apart(apart: list[str]) -> list[str]:
    """The sentence an export says of entries exported apart from the service they were
    imported with (none when there are none)."""
    if not apart:
        return []
    named = ", ".join(apart[:NAMED_MISFITS])
    more = len(apart) - NAMED_MISFITS
    if more > 0:
        named += ngettext(" and {count} more", " and {count} more", more).format(count=number(more))
    return [
        ngettext(
            "{count} entry differs now from the others of the service it was imported "
            "with, so it is exported as a service of its own, with a new id: {named}",
            "{count} entries differ now from the others of the services they were imported "
            "with, so each is exported as a service of its own, with a new id: {named}",
            len(apart),
        ).format(count=number(len(apart)), named=named)
    ]


def service(
    clinic: Clinic, registry: Registry, misfits: Misfits | None = None, alone: bool = False
) -> dict[str, Any]:
    """``clinic`` as an HSDS service, with everything it links to inline; an imported entry
    keeps the ids its file gave (so the source directory can match its records again), but
    the service's own id only if it is not ``alone``: edited apart from the other entries of
    its service, it is a service of its own."""
    plain = clinic.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    plain["id"] = clinic.id  # a fact too: the service's own id is a UUID
    kept = clinic.hsds or {}
    given_id = None if alone else kept.get("id")
    service_id = (
        given_id if given_id and schema.fits(given_id, "id") else c.hsds_id("service", clinic.id)
    )
    found: dict[str, Any] = {"id": service_id, "status": c.STATUS}
    for field, hsds_field in c.SERVICE_FIELDS.items():
        if field in plain:
            found[hsds_field] = plain[field]
    found["organization"] = _organization(clinic)
    found["organization_id"] = found["organization"]["id"]
    if clinic.phone:
        found["phones"] = [{"id": c.hsds_id("phone", clinic.id), "number": clinic.phone}]
    areas = _service_areas(clinic)
    if areas:
        found["service_areas"] = areas
    office = _office(clinic)
    if office:
        found["service_at_locations"] = [office]
    if clinic.languages:
        found["languages"] = [
            {
                "id": c.hsds_id("language", clinic.id, language),
                "name": language.english,
                "code": c.LANGUAGE_CODES[language],
            }
            for language in clinic.languages
        ]
    costs = _cost_options(clinic)
    if costs:
        found["cost_options"] = costs
    if clinic.providers:
        found["contacts"] = [
            {"id": c.hsds_id("contact", clinic.id, index), "name": provider.name}
            | ({"title": provider.title} if provider.title else {})
            for index, provider in enumerate(clinic.providers)
        ]
    schedules = _described(clinic, c.SCHEDULES, "schedule")
    if schedules:
        found["schedules"] = schedules
    found["attributes"] = _attributes(clinic, plain, service_id)
    found["metadata"] = _metadata(clinic, plain, registry, found)
    if kept:
        left = misfits if misfits is not None else []
        point = (clinic.location.latitude, clinic.location.longitude) if clinic.location else None
        _give_back(found, kept, lambda key: left.append((clinic.id, key)), point)
    return found


def _organization(clinic: Clinic) -> dict[str, Any]:
    if clinic.organization:
        return {
            "id": c.hsds_id("organization", clinic.organization),
            "name": clinic.organization,
            "description": c.ORGANIZATION_NAMED,
        }
    return {
        "id": c.hsds_id("organization", "of", clinic.id),
        "name": clinic.name,
        "description": c.ORGANIZATION_UNNAMED,
    }


def _service_areas(clinic: Clinic) -> list[dict[str, Any]]:
    served = clinic.location.served_place if clinic.location else None
    areas = []
    for place in clinic.service_area:
        area: dict[str, Any] = {"id": c.hsds_id("service_area", clinic.id, place), "name": place}
        said = []
        if place == served and clinic.location:
            point = {
                "type": "Point",
                "coordinates": [clinic.location.longitude, clinic.location.latitude],
            }
            said.append(c.SERVED_PLACE)
            area |= {"extent": json.dumps(point), "extent_type": "geojson"}
        inferred = inferred_note(clinic, place)
        if inferred:
            said.append(inferred)
        if said:
            area["description"] = " ".join(said)
        areas.append(area)
    return areas


def whole(address: Address | None) -> bool:
    """Whether ``address`` has every part an HSDS address requires (else it is a fact)."""
    return bool(
        address and address.street and address.city and address.state and address.postal_code
    )


def _office(clinic: Clinic) -> dict[str, Any] | None:
    """The service at its office: only where an address or the office's coordinates are known
    (a place it serves is a service area, never a location). Coordinates are written only
    where they are the office's own point (a street address); a centre locator placed it at
    is said in the description, as is an address missing a part HSDS requires."""
    located = clinic.location if clinic.location and not clinic.location.served_place else None
    if located is None and clinic.address is None:
        return None
    location: dict[str, Any] = {
        "id": c.hsds_id("location", clinic.id),
        "location_type": "physical",
        "name": clinic.name,
    }
    said = []
    if located and located.precision is Precision.ADDRESS:
        location |= {"latitude": located.latitude, "longitude": located.longitude}
    elif located:
        said.append(
            c.CENTRE.format(
                precision=located.precision.english,
                latitude=located.latitude,
                longitude=located.longitude,
                source=located.source,
            )
        )
    address = clinic.address
    if address and whole(address):
        location["addresses"] = [
            {
                "id": c.hsds_id("address", clinic.id),
                "address_1": address.street,
                "city": address.city,
                "state_province": address.state,
                "postal_code": address.postal_code,
                "country": c.COUNTRY,
                "address_type": "physical",
            }
        ]
    elif address:
        parts = (address.street, address.city, address.state, address.postal_code)
        said.append(c.PART_ADDRESS.format(address=", ".join(p for p in parts if p)))
    if said:
        location["description"] = " ".join(said)
    accessibility = _described(clinic, c.ACCESSIBILITY, "accessibility")
    if accessibility:
        location["accessibility"] = accessibility
    return {"id": c.hsds_id("service_at_location", clinic.id), "location": location}


def _described(
    clinic: Clinic, facts: dict[str, dict[bool, str]], kind: str
) -> list[dict[str, Any]]:
    """The practical facts HSDS has a home for (accessibility, schedules), where a source
    states them, each described by what it says."""
    return [
        {"id": c.hsds_id(kind, clinic.id, field), "description": said[value]}
        for field, said in facts.items()
        if (value := getattr(clinic, field)) is not None
    ]


def _cost_options(clinic: Clinic) -> list[dict[str, Any]]:
    costs = []
    for field, option in c.PRICES.items():
        price = getattr(clinic, field)
        if price is None:
            continue
        said = f"${price.min:,}" if price.min == price.max else f"${price.min:,} to ${price.max:,}"
        costs.append(
            {
                "id": c.hsds_id("cost_option", clinic.id, field),
                "option": option,
                "currency": c.CURRENCY,
                "amount": price.min,
                "amount_description": f"{said} {option}",
            }
        )
    return costs


@functools.cache  # the same few terms for every clinic: one object each, never changed
def taxonomy_term(taxonomy: str, code: str, name: str) -> dict[str, Any]:
    """A term of one of locator's taxonomies, with the taxonomy it belongs to."""
    return {
        "id": c.hsds_id("taxonomy_term", taxonomy, code),
        "code": code,
        "name": name,
        "description": f"{name} ({taxonomy})",
        "taxonomy": taxonomy,
        "taxonomy_id": c.hsds_id("taxonomy", taxonomy),
        "taxonomy_detail": {
            "id": c.hsds_id("taxonomy", taxonomy),
            "name": taxonomy,
            "description": c.TAXONOMY_DESCRIPTIONS[taxonomy],
        },
    }


def _attributes(clinic: Clinic, plain: dict[str, Any], service_id: str) -> list[dict[str, Any]]:
    found = []
    for term_field in c.TERM_FIELDS:
        for term in getattr(clinic, term_field.field):
            found.append(
                {
                    "id": c.hsds_id("attribute", clinic.id, term_field.field, term),
                    "link_id": service_id,
                    "link_entity": "service",
                    "value": term_field.value,
                    "taxonomy_term": taxonomy_term(term_field.taxonomy, term, term.english),
                }
            )
    facts = [*c.FACTS, *(() if whole(clinic.address) else c.PART_FACTS)]
    for field in facts:
        if field in plain:
            found.append(
                {
                    "id": c.hsds_id("attribute", clinic.id, field),
                    "link_id": service_id,
                    "link_entity": "service",
                    "value": c.fact_text(field, plain[field]),
                    "taxonomy_term": taxonomy_term(c.FACTS_TAXONOMY, field, field),
                }
            )
    return found


def _metadata(
    clinic: Clinic, plain: dict[str, Any], registry: Registry, found: dict[str, Any]
) -> list[dict[str, Any]]:
    """A row per field or value each quote supports (``previous_value``: the quote, as HSDS
    has no column for one), the same for the accessibility and schedules written from a
    quoted fact, a row saying the status is assumed (unless the imported file stated one),
    then the rows that list the documents the quotes come from."""
    service_id = found["id"]
    described = _described_ids(clinic, found)
    rows = []
    cited: dict[str, Document | None] = {}
    for index, source in enumerate(clinic.sources):
        document = registry.document(source.document)
        cited[source.document] = document
        date = (document.read if document and document.read else clinic.last_verified).isoformat()
        for position, (field, kind, value) in enumerate(_cited(source, plain)):
            row = {
                "id": c.hsds_id("metadata", clinic.id, index, position),
                "resource_id": service_id,
                "resource_type": "service",
                "last_action_date": date,
                "last_action_type": kind,
                "field_name": field,
                "previous_value": source.quote,
                "replacement_value": value,
                "updated_by": _shown(document, source.document),
            }
            rows.append(row)
            if field in described:
                resource_type, resource_id, said = described[field]
                rows.append(
                    row
                    | {
                        "id": c.hsds_id("metadata", clinic.id, index, position, resource_type),
                        "resource_id": resource_id,
                        "resource_type": resource_type,
                        "field_name": "description",
                        "replacement_value": said,
                    }
                )
    if (clinic.hsds or {}).get("status") != c.STATUS:  # none the file stated is given back
        rows.append(
            {
                "id": c.hsds_id("metadata", clinic.id, "status"),
                "resource_id": service_id,
                "resource_type": "service",
                "last_action_date": clinic.last_verified.isoformat(),
                "last_action_type": c.ASSUMED,
                "field_name": "status",
                "previous_value": c.STATUS_ASSUMED,
                "replacement_value": c.STATUS,
                "updated_by": "locator",
            }
        )
    for document in cited.values():
        if document is not None:
            rows.extend(_document_rows(document, clinic, service_id))
    return rows


def _described_ids(clinic: Clinic, found: dict[str, Any]) -> dict[str, tuple[str, str, str]]:
    """practical fact -> (the kind of object written from it, its id, its description)."""
    homes = [("schedule", c.SCHEDULES)]
    if found.get("service_at_locations"):  # accessibility is the office's
        homes.append(("accessibility", c.ACCESSIBILITY))
    return {
        field: (kind, c.hsds_id(kind, clinic.id, field), said[value])
        for kind, facts in homes
        for field, said in facts.items()
        if (value := getattr(clinic, field)) is not None
    }


def _cited(source: Source, plain: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(field, last_action_type, value) for each field or value ``source`` supports; a whole
    field's value cut at :data:`~locator.presentation.LONGEST_ON_A_PAGE` characters."""
    if not source.covers:  # a quote the sources hold for itself (it backs the notes)
        yield c.QUOTED_NOTHING, c.QUOTED, source.quote
    for cover in source.covers:
        if isinstance(cover, dict):
            for field, values in cover.items():
                for value in values:
                    yield field, c.QUOTED_VALUE, value
        else:  # a field the entry leaves empty: the quote is all there is to give
            value = plain.get(cover, source.quote)
            # cut as a page cuts it: the field holds the value whole, and a row per quote
            # repeating a megabyte made a 16 MB registry a 2.5 GB export (read back, a whole
            # field's row names the field, never its value)
            yield cover, c.QUOTED, page_text(value if isinstance(value, str) else json.dumps(value))


def _shown(document: Document | None, file: str) -> str:
    """A document as people name it: its title, else its description, else its file."""
    if document is None:
        return file
    return document.title or document.description or file


def _document_rows(document: Document, clinic: Clinic, service_id: str) -> list[dict[str, Any]]:
    """The rows that list a cited document, with the service (each service carries what its
    quotes need, in the CSV package too)."""
    plain = document.model_dump(mode="json", exclude_none=True)
    date = (document.read or clinic.last_verified).isoformat()
    return [
        {
            "id": c.hsds_id("metadata", clinic.id, c.DOCUMENT, document.file, field),
            "resource_id": service_id,
            "resource_type": "service",
            "last_action_date": date,
            "last_action_type": c.LISTED,
            "field_name": f"{c.DOCUMENT}.{field}",
            # listed, not changed: HSDS requires a previous value, and it is the same
            "previous_value": str(plain[field]),
            "replacement_value": str(plain[field]),
            "updated_by": _shown(document, document.file),
        }
        for field in c.DOCUMENT_FIELDS
        if field in plain
    ]


def misfits_left_out(misfits: Misfits) -> list[str]:
    """The sentence an export says of ``misfits`` (none when there are none)."""
    if not misfits:
        return []
    named = ", ".join(f"{entry} ({key})" for entry, key in misfits[:NAMED_MISFITS])
    more = len(misfits) - NAMED_MISFITS
    if more > 0:
        named += ngettext(" and {count} more", " and {count} more", more).format(count=number(more))
    return [
        ngettext(
            "{count} value kept under hsds is not valid HSDS and is left out: {named}",
            "{count} values kept under hsds are not valid HSDS and are left out: {named}",
            len(misfits),
        ).format(count=number(len(misfits)), named=named)
    ]


def _give_back(
    found: dict[str, Any],
    kept: dict[str, Any],
    misfit: Callable[[str], None],
    point: tuple[float, float] | None,
) -> None:
    """Put back what an import kept of the service as HSDS wrote it, in its places: its own
    fields and ids, and the objects no registry field holds, after those the registry writes;
    never an address the registry would refuse as a website or email (a ``javascript:`` one),
    nor a character that would turn text around.

    What the registry holds wins (:func:`_under`): a name, an organization or an office point
    edited since the import, or written into ``hsds`` by hand, is exported as the registry
    says, and a status only as the registry lists its entries (active). A registry edited by
    hand may keep anything there (a contact with no id, a phone as text): a property that
    would not be valid HSDS once given back is left as the registry writes it, and ``misfit``
    is told its name, so that the export stays valid and says so."""
    for key, value in _read_as_stored(without_refused(kept)).items():
        if key == "id" or (key == "status" and value != c.STATUS):
            continue  # the service's own id, written above; a listed entry is active
        given = _given(found.get(key), key, value, point)
        if given is None or not schema.fits(given, key):
            misfit(key)
            continue
        found[key] = given
        if key == "organization":  # its id too, by which the file's other services name it
            found["organization_id"] = given["id"]


def _read_as_stored(kept: Any) -> Any:
    """``kept`` with every character that would turn text around replaced, as the registry's
    own text is in every export (:func:`locator.data.bidi.neutral`)."""
    if isinstance(kept, str):
        return neutral(kept)
    if isinstance(kept, dict):
        return {neutral(str(key)): _read_as_stored(value) for key, value in kept.items()}
    if isinstance(kept, list):
        return [_read_as_stored(item) for item in kept]
    return kept


def _given(written: Any, key: str, kept: Any, point: tuple[float, float] | None) -> Any | None:
    """The property ``key`` with ``kept`` given back into what the registry ``written``; None
    where ``kept`` is not of the shape that needs (a list of objects, an object)."""
    if key in ("service_at_locations", "phones"):
        if not (isinstance(kept, list) and all(isinstance(item, dict) for item in kept)):
            return None
        if key == "phones":
            return _phones(written, kept)
        return _at_locations(written, kept, point)
    if key == "organization":
        return _under(written, kept) if isinstance(kept, dict) else None
    if isinstance(kept, list) and isinstance(written, list):
        return [*written, *kept]
    return kept if written is None else written  # the file's own description, alert…


def _under(written: dict[str, Any], kept: dict[str, Any]) -> dict[str, Any]:
    """``kept``'s fields under what the registry ``written``: the registry's values win, but
    the ids are the file's (so it can match its records again), as is what locator only
    filled in for want of the file's own words ("No description listed.")."""
    merged = dict(written)
    for key, value in kept.items():
        if key not in written or key == "id" or _filled_in(written[key]):
            merged[key] = value
    return merged


def _filled_in(value: Any) -> bool:
    """Whether ``value`` is what locator writes where a registry holds nothing of its own."""
    return value in (c.ORGANIZATION_NAMED, c.ORGANIZATION_UNNAMED) or c.written_by_locator(value)


def _at_locations(
    written: list[dict[str, Any]] | None, kept: list[Any], point: tuple[float, float] | None
) -> list[Any]:
    """The service at its office with what the file said of it (its id, contacts, phones,
    schedules, and the location's id, name, addresses…), or, where no office is written (a
    virtual location, a postal address), the file's own as it wrote them. The file's point
    for an office given only as a city comes back only where the entry is still there: moved
    since (or unplaced), the office is where the registry says."""
    if not written or not kept:
        return [*(written or []), *kept]
    office, given = written[0], kept[0]
    location = dict(office["location"])
    mine = given.get("location", {})
    if not isinstance(mine, dict):
        return [*written, *kept]
    if _moved(mine, point):
        mine = {k: v for k, v in mine.items() if k not in ("latitude", "longitude")}
    for key, value in mine.items():
        if key == "addresses" and isinstance(value, list):
            location[key] = _addresses(location.get(key), value)
        elif isinstance(value, list):
            location[key] = [*location.get(key, []), *value]
        elif key not in location or key in ("id", "name") or _filled_in(location[key]):
            location[key] = value  # the location's name: locator's is the entry's
    office = _under(office, {k: v for k, v in given.items() if k != "location"})
    return [{**office, "location": location}, *kept[1:]]


_ADDRESS_PARTS = ("address_1", "city", "state_province", "postal_code")


def _addresses(written: list[dict[str, Any]] | None, kept: list[Any]) -> list[Any]:
    """The office's addresses as the file wrote them (their ids, second lines, a mailing
    address), the office's own as the registry says it where it was moved since."""
    if not written:
        return kept
    office = written[0]
    for index, given in enumerate(kept):
        if isinstance(given, dict) and given.get("address_type") in (None, "", "physical"):
            if all(office.get(part) == given.get(part) for part in _ADDRESS_PARTS):
                return kept
            return [*kept[:index], office, *kept[index + 1 :]]
    return [office, *kept]


def _moved(location: dict[str, Any], point: tuple[float, float] | None) -> bool:
    """Whether the file's point for ``location`` is not the entry's ``point`` (to 5 decimals,
    as an import keeps it), or the entry has none now."""
    if "latitude" not in location and "longitude" not in location:
        return False
    if point is None:
        return True
    try:
        return (round(float(location["latitude"]), 5), round(float(location["longitude"]), 5)) != (
            round(point[0], 5),
            round(point[1], 5),
        )
    except (KeyError, TypeError, ValueError):
        return True


def _phones(written: list[dict[str, Any]] | None, kept: list[dict[str, Any]]) -> list[Any]:
    """The file's phones as it wrote them (extension, type, languages…, and the number with
    any quote marks around it) where the first is still the entry's number; else the
    entry's phone, then the file's."""
    if not kept:
        return written or []
    first = kept[0]
    if written and c.phone_number(first.get("number")) == written[0]["number"]:
        return kept
    return [*(written or []), *kept]


def page(count: int) -> dict[str, Any]:
    """The frame of a whole list of services, as the HSDS API pages them (service_list), with
    locator's notice beside them."""
    return {
        "total_items": count,
        "total_pages": 1,
        "page_number": 1,
        "size": count,
        "first_page": True,
        "last_page": True,
        "empty": count == 0,
        "notice": english_notice(),
    }


def english_notice() -> str:
    """ "locator is a directory, not medical advice. In a crisis, call or text 988 …": every
    export carries it; in English, as the rest of the data is."""
    with source_language():
        return notice()


def write_json(registry: Registry, path: Path, progress: Progress) -> list[str]:
    """Write ``registry`` as one HSDS JSON file of services at ``path``, one service at a
    time (a large registry never sits in memory twice), through :func:`locator.files.writing`
    (a pipe or a device is written into, never replaced); returns what was left out: values
    kept under ``hsds`` that are not valid HSDS, and entries edited apart from their
    service."""
    total = count(registry)
    frame = json.dumps(page(total), ensure_ascii=False)
    misfits: Misfits = []
    apart: list[str] = []
    with writing(path) as out:
        out.write((frame[:-1] + ', "contents": [').encode("utf-8"))
        for index, found in enumerate(services(registry, misfits, apart)):
            out.write(b",\n" if index else b"\n")
            out.write(json.dumps(found, ensure_ascii=False).encode("utf-8"))
            if index % PROGRESS_STEP == 0:
                progress(index / max(total, 1))
        out.write(b"\n]}\n")
    progress(1.0)
    return misfits_left_out(misfits) + edited_apart(apart)
