"""HSDS services as registry entries: each service at a location one entry (a service with no
location one entry of the places it serves), mapped through :mod:`.correspondence`.

What maps is mapped: the vocabularies by locator's own taxonomies, or a term's name where it
is a condition or treatment locator knows ("Anxiety"); what does not (an unknown taxonomy's
terms, Urdu, a UK postcode) is counted in the report and kept, as HSDS wrote it, under the
entry's ``hsds`` field, so that an export gives it back. A file locator exported comes back
with its quotes and documents (its metadata rows); any other names the imported file as the
source of each fact, quoting the file's own words.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from locator import json_text
from locator.data.bidi import neutral
from locator.data.entry_fields import label_of
from locator.data.models import Clinic, Line, Place, PostalCode, UsdRange, WebAddress
from locator.data.states import STATE_CODES
from locator.data.vocabulary import Condition, Language, Treatment
from locator.hsds import correspondence as c
from locator.hsds.addresses import fits, refused, without_refused
from locator.hsds.citing import cite
from locator.hsds.reading import HsdsError, services_of
from locator.i18n import _, megabytes, ngettext, number, source_language
from locator.presentation import IMPORTED_FILE, OFFLINE_GAZETTEER
from locator.progress import Counted, uncounted
from locator.terminal import one_line

_OFFICE_ADDRESSES = (None, "", "physical")  # an address type the office's may be (not postal)
_TERM_FIELD = {(term.taxonomy, term.value): term for term in c.TERM_FIELDS}
_TAXONOMIES = {term.taxonomy for term in c.TERM_FIELDS} | {c.FACTS_TAXONOMY}
# What a service holds that the entries are made of (the rest is kept as written); each is in
# the round-trip table (correspondence.field_table).
READ = frozenset(
    {
        "id", "name", "url", "assured_date", "organization", "organization_id",
        "phones", "service_areas", "service_at_locations", "languages", "cost_options",
        "attributes", "metadata",
    }
)  # fmt: skip


COUNT_EVERY = 20  # services between two counts: a moment's work, and no flood of news


@dataclass
class Report:
    """What an import could not map, said before anything is saved."""

    entries: int = 0
    unrecognised_terms: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)  # entries that kept each HSDS field
    geocoded: int = 0  # entries placed by their address, the file giving no coordinates
    not_active: list[str] = field(default_factory=list)  # services left out: "Name (defunct)"
    said_no: Counter[str] = field(default_factory=Counter)  # "Anxiety (false)": terms valued no
    unclear: Counter[str] = field(default_factory=Counter)  # terms valued neither yes nor no
    nameless: list[str] = field(default_factory=list)  # services left out: where each is
    misfits: list[str] = field(default_factory=list)  # "Name: $800 to $400 per session"
    unplaced: list[str] = field(default_factory=list)  # "Name: latitude 100 is not on Earth"
    # "metadata.csv row 2": a package's row no service holds (it links to nothing)
    unlinked: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)  # "Name (2 locations)": one entry per location
    # "Name: url: a javascript: address": what the registry would refuse as a website or email
    refused: list[str] = field(default_factory=list)
    # the name the registry gives the file, where its own would turn text around
    renamed: str | None = None

    def sentences(self) -> list[str]:
        """The report in words: one sentence per kind of thing not mapped."""
        said = []
        if self.renamed is not None:
            said.append(
                _(
                    "the file's name holds a character that would turn text around, so the "
                    "registry names it {name} as the source of its entries"
                ).format(name=self.renamed)
            )
        if self.not_active:
            said.append(
                ngettext(
                    "{count} service not imported, as the file says it is not active: {names}",
                    "{count} services not imported, as the file says they are not active: {names}",
                    len(self.not_active),
                ).format(count=number(len(self.not_active)), names=_listed(self.not_active))
            )
        if self.nameless:
            said.append(
                ngettext(
                    "{count} service not imported, as it has no name: {places}",
                    "{count} services not imported, as they have no name: {places}",
                    len(self.nameless),
                ).format(count=number(len(self.nameless)), places=_listed(self.nameless))
            )
        if self.unplaced:
            said.append(
                ngettext(
                    "{count} entry has no location, so no search by distance finds it: {why}",
                    "{count} entries have no location, so no search by distance finds them: {why}",
                    len(self.unplaced),
                ).format(count=number(len(self.unplaced)), why=_listed(self.unplaced))
            )
        if self.misfits:
            said.append(
                ngettext(
                    "{count} price locator cannot hold (over $1,000,000, or its high end below "
                    "its low), kept under hsds: {prices}",
                    "{count} prices locator cannot hold (over $1,000,000, or their high end "
                    "below their low), kept under hsds: {prices}",
                    len(self.misfits),
                ).format(count=number(len(self.misfits)), prices=_listed(self.misfits))
            )
        if self.split:
            said.append(
                ngettext(
                    "{count} service stands at more than one location, so it became an entry "
                    "per location; an HSDS export gives it back as one service, unless an "
                    "entry is edited apart from the others: {names}",
                    "{count} services stand at more than one location, so each became an "
                    "entry per location; an HSDS export gives each back as one service, "
                    "unless an entry is edited apart from the others: {names}",
                    len(self.split),
                ).format(count=number(len(self.split)), names=_listed(self.split))
            )
        if self.geocoded:
            said.append(
                ngettext(
                    "{count} entry placed by its address with the offline gazetteer (the file "
                    "gives no coordinates); its location says so",
                    "{count} entries placed by their address with the offline gazetteer (the "
                    "file gives no coordinates); their locations say so",
                    self.geocoded,
                ).format(count=number(self.geocoded))
            )
        if self.said_no:
            terms = list(self.said_no)  # as the file first names them
            said.append(
                ngettext(
                    "{count} taxonomy term the file says no to, so not claimed (kept under "
                    "hsds): {terms}",
                    "{count} taxonomy terms the file says no to, so not claimed (kept under "
                    "hsds): {terms}",
                    len(terms),
                ).format(count=number(len(terms)), terms=_listed(terms, ", "))
            )
        if self.unclear:
            terms = list(self.unclear)  # as the file first names them
            said.append(
                ngettext(
                    "{count} taxonomy term whose value is neither a clear yes nor a clear no, "
                    "so not claimed (kept under hsds): {terms}",
                    "{count} taxonomy terms whose values are neither a clear yes nor a clear "
                    "no, so not claimed (kept under hsds): {terms}",
                    len(terms),
                ).format(count=number(len(terms)), terms=_listed(terms, ", "))
            )
        if self.unrecognised_terms:
            terms = list(self.unrecognised_terms)  # as the file first names them
            said.append(
                ngettext(
                    "{count} taxonomy term not recognised: {terms}",
                    "{count} taxonomy terms not recognised: {terms}",
                    len(terms),
                ).format(count=number(len(terms)), terms=_listed(terms, ", "))
            )
        if self.unlinked:
            said.append(
                ngettext(
                    "{count} row no service in the package holds (it links to nothing, or to "
                    "what no service holds), so no entry keeps it: {rows}",
                    "{count} rows no service in the package holds (they link to nothing, or to "
                    "what no service holds), so no entry keeps them: {rows}",
                    len(self.unlinked),
                ).format(count=number(len(self.unlinked)), rows=_listed(self.unlinked))
            )
        if self.refused:
            said.append(
                ngettext(
                    "{count} address not kept, as the registry takes no such website or "
                    "email: {addresses}",
                    "{count} addresses not kept, as the registry takes no such website or "
                    "email: {addresses}",
                    len(self.refused),
                ).format(count=number(len(self.refused)), addresses=_listed(self.refused))
            )
        if self.kept:
            said.append(
                _(
                    "kept under hsds as the file wrote them (an HSDS export gives them back): "
                    "{fields}"
                ).format(fields=", ".join(sorted(self.kept)))
            )
        return said


_NAMED = 20  # of a report's services or entries, named before the rest are counted


def _listed(items: list[str], between: str = "; ") -> str:
    """The first :data:`_NAMED` of ``items``, each on one line (a line break in a service's
    name written ``\\u000a``, as quoted names are everywhere), then how many more: a report of
    a large file stays readable, a sentence to a line."""
    shown = between.join(one_line(item) for item in items[:_NAMED])
    more = len(items) - _NAMED
    if more <= 0:
        return shown
    return shown + ngettext(
        "{between}… and {count} more", "{between}… and {count} more", more
    ).format(between=between, count=number(more))


def _fields(documents: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """A registry's own fields before its entries: its version, and the documents cited."""
    registry: dict[str, Any] = {"schema_version": 1}
    if documents:
        registry["documents"] = list(documents.values())
    return registry


def _made(
    path: Path,
    services: Iterable[tuple[dict[str, Any], str]],
    total: int,
    today: dt.date,
    report: Report,
    documents: dict[str, dict[str, Any]],
    step: Counted,
) -> Iterator[tuple[dict[str, Any], str, dict[str, Any]]]:
    """Each entry made of ``services`` (each with where it is in the file at ``path``), one at
    a time, with its service's place in the file and the service; ``report`` and
    ``documents`` (the sources cited) grow as they are made, ``report.entries`` counting
    them."""
    name = neutral(path.name)  # as it reads: a registry holds no text turned around
    if name != path.name:
        report.renamed = name
    imported = {
        "file": name,
        "description": IMPORTED_FILE[_kind(path)].format(name=name),  # English, as read
        "read": today,
    }
    taken: set[str] = set()
    place = _Placer()
    for done, (service, origin) in enumerate(services):
        step(done, total)
        if service.get("status") in c.NOT_LISTED_STATUSES:
            report.not_active.append(f"{service.get('name')} ({service['status']})")
            continue
        if not str(service.get("name") or "").strip():  # no entry, and no way to name one
            report.nameless.append(origin)
            continue
        for clinic, location in _entries(service, imported, documents, report, today):
            clinic["id"] = _unique(clinic["id"], taken)
            if "location" not in clinic:
                if place(clinic):
                    report.geocoded += 1
                    clinic = _in_order(clinic)
                else:
                    why = "; ".join(_unplaced(clinic, location))
                    report.unplaced.append(f"{clinic['name']} ({why})")
            report.entries += 1
            yield clinic, origin, service


def _unplaced(clinic: Mapping[str, Any], location: Mapping[str, Any]) -> list[str]:
    """Why an entry has no location: what of the file's place could not be read, or is not
    the office (as :func:`_address_and_location` takes it)."""
    kind = location.get("location_type")
    if kind not in (None, "physical"):
        return [_("its location is {kind}, not an office").format(kind=kind)]
    why = []
    for key, limit in (("latitude", 90), ("longitude", 180)):
        value = location.get(key)
        if value is not None and not _number(value, limit):
            field = label_of(("location", key)).lower()  # the reader's word: "latitud"
            why.append(_("{field} {value} is not on Earth").format(field=field, value=value))
    addresses = location.get("addresses") or []
    offices = [a for a in addresses if a.get("address_type") in _OFFICE_ADDRESSES]
    for found in offices[:1]:
        state, code = found.get("state_province"), found.get("postal_code")
        if state and state not in STATE_CODES:
            why.append(_("state “{value}” is not a US state").format(value=one_line(state)))
        if code and not fits(PostalCode, code):
            why.append(_("postal code “{value}” is not a US ZIP code").format(value=one_line(code)))
    if addresses and not offices:
        kind = addresses[0].get("address_type")
        why.append(_("its address is a {kind} address, not the office's").format(kind=kind))
    if why:
        return why
    if clinic.get("address"):
        return [_("the offline gazetteer does not know its address")]
    if clinic.get("service_area"):
        return [_("the file gives no office, only the places it serves")]
    return [_("the file gives no coordinates and no US address")]


def _kind(path: Path) -> str:
    """What the imported document is, as its description says it (registry text: English)."""
    return "file" if path.suffix.lower() == ".json" else "package"


class _Placer:
    """Places an entry the file gives no coordinates by its US address, with the offline
    gazetteer (opened at the first such entry), writing where the coordinates came from as
    the registry editor's Locate does: "offline gazetteer (US ZIP codes, GeoNames): Sandy, UT"."""

    def __init__(self) -> None:
        self._gazetteer: Any = None

    def __call__(self, clinic: dict[str, Any]) -> bool:
        """Whether ``clinic`` now has a location."""
        address = clinic.get("address") or {}
        if not (address.get("postal_code") or (address.get("city") and address.get("state"))):
            return False
        if self._gazetteer is None:
            from locator.geo.gazetteer import OfflineGazetteer

            self._gazetteer = OfflineGazetteer()
        query = ", ".join(
            str(address[key])
            for key in ("street", "city", "state", "postal_code")
            if key in address
        )
        with source_language():  # registry text is English, shown translated when read
            places = self._gazetteer.lookup(query)
        if not places or places[0].closest_spelling:
            return False  # a guess at a misspelling is no place to stand an entry
        found = places[0]
        clinic["location"] = {
            "latitude": round(found.latitude, 5),
            "longitude": round(found.longitude, 5),
            "precision": found.precision.value,
            "source": f"{OFFLINE_GAZETTEER}: {found.label}",
        }
        return True


def _unique(wanted: str, taken: set[str]) -> str:
    found, count = wanted, 1
    while found in taken:
        count += 1
        found = f"{wanted[:75]}-{count}"
    taken.add(found)
    return found


def _entries(
    service: dict[str, Any],
    imported: dict[str, Any],
    documents: dict[str, dict[str, Any]],
    report: Report,
    today: dt.date,
) -> Iterator[tuple[dict[str, Any], Mapping[str, Any]]]:
    """Each entry of ``service``, with the HSDS location it stands at (or nothing). Every
    entry of a service at several locations keeps the service's id, so that an export gives
    them back as the one service they are."""
    facts = _facts(service)
    lead = facts.get("id")  # the first entry's id where locator exported the file
    at_locations = service.get("service_at_locations") or [None]
    if lead:  # locator's own export: the first entry's office, then each other entry's
        at_locations = [at_locations[0], *(at for at in at_locations[1:] if _facts(at or {}))]
    elif len(at_locations) > 1:
        report.split.append(
            ngettext(
                "{name} ({count} location)", "{name} ({count} locations)", len(at_locations)
            ).format(name=neutral(str(service["name"])), count=len(at_locations))
        )
    metadata = service.get("metadata") or []
    for index, at_location in enumerate(at_locations):
        kept: dict[str, Any] = {
            key: value
            for key, value in service.items()
            if key not in READ and value not in (None, "")
        }
        if kept.get("status") == c.STATUS and _assumed(metadata):  # locator's assumption
            del kept["status"]
        if _theirs(service.get("id"), lead, "service"):  # every entry of the service has it
            kept["id"] = service["id"]
        history = [row for row in metadata if row.get("last_action_type") not in c.LOCATOR_ROWS]
        if history:  # the file's own rows (its history): given back as it wrote them
            kept["metadata"] = history
        _drop_written(kept, "schedules", lead, "schedule")
        own = facts
        cited = service
        if lead and index > 0:  # another entry of the service: its own id, office, quotes
            own = {k: v for k, v in facts.items() if k not in c.ENTRY_FACTS}
            own |= _facts(at_location or {})
            cited = {**service, "metadata": _about_service(at_location or {})}
        clinic = _entry(service, at_location, own, lead, kept, report, today, imported["file"])
        cite(clinic, cited, imported, documents)
        said = [f"{neutral(clinic['name'])}: {where}: {why}" for where, why in refused(kept)]
        if said:  # most entries keep every address: nothing to leave out
            report.refused.extend(said)
            kept = without_refused(kept)
        if kept:
            clinic["hsds"] = kept
            report.kept.update(kept.keys())
        yield _in_order(clinic), (at_location or {}).get("location") or {}


def _about_service(at_location: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The metadata rows locator wrote on a service at location for its entry's quotes, as
    the rows of a service (where a service's only entry has them)."""
    return [
        {**row, "resource_type": "service"}
        if row.get("resource_type") == "service_at_location"
        else row
        for row in at_location.get("metadata") or []
    ]


def _assumed(metadata: list[dict[str, Any]]) -> bool:
    """Whether locator wrote the status, saying no source states it (its own export)."""
    return any(
        row.get("last_action_type") == c.ASSUMED and row.get("field_name") == "status"
        for row in metadata
    )


def _theirs(found: Any, own: str | None, kind: str, *names: str) -> bool:
    """Whether the id ``found`` is the file's own, not the one locator derives for the
    entry ``own`` (so the export gives it back, and the source can match its records)."""
    if not found:
        return False
    return own is None or found != c.hsds_id(kind, *(names or (own,)))


def _drop_written(kept: dict[str, Any], key: str, own: str | None, kind: str) -> None:
    """Leave out of ``kept[key]`` what locator wrote from a practical fact (schedules,
    accessibility), as the fact itself comes back and writes it again."""
    if not own or not isinstance(kept.get(key), list):
        return
    written = {c.hsds_id(kind, own, field) for field in (*c.SCHEDULES, *c.ACCESSIBILITY)}
    left = [item for item in kept[key] if item.get("id") not in written]
    if left:
        kept[key] = left
    else:
        del kept[key]


def _facts(service: Mapping[str, Any]) -> dict[str, Any]:
    """The "locator facts" attributes of a service: registry field -> plain value."""
    found = {}
    for attribute in service.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        code = term.get("code")
        if term.get("taxonomy") == c.FACTS_TAXONOMY and (code in c.FACTS or code in c.PART_FACTS):
            try:
                found[term["code"]] = c.fact_value(term["code"], str(attribute.get("value", "")))
            except ValueError:
                continue  # not as locator writes it: it stays among the unrecognised
    return found


def _entry(
    service: dict[str, Any],
    at_location: dict[str, Any] | None,
    facts: dict[str, Any],
    lead: str | None,
    kept: dict[str, Any],
    report: Report,
    today: dt.date,
    document: str,
) -> dict[str, Any]:
    """The entry of ``service`` at ``at_location``; ``facts`` are its own (its id, where
    locator exported it), ``lead`` the id of the service's first entry, of which locator
    derived the ids of what the service holds; ``document`` the name the registry gives the
    imported file, where its coordinates come from."""
    name = str(service.get("name") or "").strip()
    location = (at_location or {}).get("location") or {}
    own = facts.get("id")
    clinic: dict[str, Any] = {"id": own or _slug(name, location)}
    clinic["name"] = name
    organization = service.get("organization") or {}
    if organization.get("name") and organization.get("description") != c.ORGANIZATION_UNNAMED:
        clinic["organization"] = organization["name"]
    derived = (  # the organization's id locator writes: by its name, or of the entry
        ("organization", str(organization.get("name")))
        if "organization" in clinic
        else ("organization", "of", str(lead))
    )
    extra = {
        k: v
        for k, v in organization.items()
        if k != "name"
        and v not in (None, "", [])
        and not (k == "description" and v in (c.ORGANIZATION_NAMED, c.ORGANIZATION_UNNAMED))
        and not (k == "id" and not _theirs(v, lead, *derived))
    }
    if extra:
        kept["organization"] = extra
    url = service.get("url")
    if url and fits(WebAddress, url):
        clinic["website"] = url
    elif url:
        kept["url"] = url
    _address_and_location(clinic, location, at_location, kept, own, document)
    _phones(clinic, service, location, kept, lead)
    _service_areas(clinic, service, kept, document)
    _languages(clinic, service.get("languages") or [], location.get("languages") or [], kept)
    _prices(clinic, service, kept, report)
    _terms(clinic, service, kept, report, facts)
    clinic.update(facts)  # locator's own words for what HSDS holds less exactly (location)
    if facts.get("providers"):
        kept.pop("contacts", None)  # they are the providers
    clinic["last_verified"] = _date(service.get("assured_date"), today)
    return clinic


def _in_order(clinic: dict[str, Any]) -> dict[str, Any]:
    """The entry's fields in the registry's order (the canonical layout's)."""
    return {name: clinic[name] for name in Clinic.model_fields if name in clinic}


def _slug(name: str, location: Mapping[str, Any]) -> str:
    """An entry's id from its name and city, its letters kept: "Clínica San José" gives
    ``clinica-san-jose-…`` (accents folded to ASCII, as an id is)."""
    cities = [a.get("city") for a in location.get("addresses") or [] if a.get("city")]
    folded = unicodedata.normalize("NFKD", " ".join([name, *map(str, cities[:1])]))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return words[:70].strip("-") or "hsds-service"


def _date(text: Any, today: dt.date) -> dt.date:
    """A date HSDS gives (assured_date), or the day of the import: the imported file is the
    entry's source, checked as it is read."""
    try:
        found = dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return today
    return found if found <= today else today


def _address_and_location(
    clinic: dict[str, Any],
    location: Mapping[str, Any],
    at_location: Mapping[str, Any] | None,
    kept: dict[str, Any],
    own: str | None,
    document: str,
) -> None:
    """The office: only a physical (or untyped) location's physical (or untyped) address and
    coordinates; a postal or virtual one is kept, as are the location's and the service at
    location's own fields and ids, for the export to give back in their places."""
    left: dict[str, Any] = {
        k: v
        for k, v in location.items()
        if k not in ("id", "location_type", "latitude", "longitude", "addresses")
        and v not in (None, "", [])
    }
    if own and left.get("name") == clinic["name"]:  # locator names its office so
        del left["name"]
    if own and c.written_by_locator(left.get("description")):
        del left["description"]
    _drop_written(left, "accessibility", own, "accessibility")
    addresses = location.get("addresses") or []
    latitude, longitude = location.get("latitude"), location.get("longitude")
    if location.get("location_type") in (None, "physical"):
        offices = [a for a in addresses if a.get("address_type") in _OFFICE_ADDRESSES]
        address, rest = _address(offices[0]) if offices else ({}, bool(addresses))
        if address:
            clinic["address"] = address
        if rest or len(addresses) > 1:
            left["addresses"] = addresses
        if _number(latitude, 90) and _number(longitude, 180):
            precise = bool(address.get("street"))
            clinic["location"] = {
                "latitude": latitude,
                "longitude": longitude,
                "precision": "address" if precise else "city",
                "source": f"{document}: {_place(address, location)}",
            }
            if not precise:  # the file's point, which the export gives only for a street
                left |= {"latitude": latitude, "longitude": longitude}
        elif latitude is not None or longitude is not None:
            left |= {"latitude": latitude, "longitude": longitude}
    else:  # not where the clinic is: kept whole
        left |= {k: v for k, v in location.items() if k in ("addresses", "latitude", "longitude")}
    if left and "location_type" in location:
        left["location_type"] = location["location_type"]
    if _theirs(location.get("id"), own, "location"):
        left = {"id": location["id"], **left}
    at = {
        k: v
        for k, v in _not_written(at_location or {}, own).items()
        if k not in ("id", "location", "location_id", "service_id") and v not in (None, "", [])
    }
    if at_location and _theirs(at_location.get("id"), own, "service_at_location"):
        at = {"id": at_location["id"], **at}
    if left:
        at["location"] = left
    if at:
        kept["service_at_locations"] = [at]


def _not_written(at_location: Mapping[str, Any], own: str | None) -> dict[str, Any]:
    """A service at location without what locator wrote on it for its entry (the entry's
    own facts and quotes, read into the entry), where locator exported the file."""
    found = dict(at_location)
    if not own:
        return found
    found["attributes"] = [
        attribute
        for attribute in found.get("attributes") or []
        if (attribute.get("taxonomy_term") or {}).get("taxonomy") != c.FACTS_TAXONOMY
    ]
    found["metadata"] = [
        row
        for row in found.get("metadata") or []
        if row.get("last_action_type") not in c.LOCATOR_ROWS
    ]
    return found


def _place(address: Mapping[str, Any], location: Mapping[str, Any]) -> str:
    """The office as a reader knows it ("1 Main St, Sandy, UT"), else the location's name:
    where in the file its coordinates are, never an id only a machine reads."""
    parts = [address.get(key) for key in ("street", "city", "state") if address.get(key)]
    if parts:
        return ", ".join(map(str, parts))
    named = " ".join(str(location.get("name") or "").split())
    if not named.isprintable():  # seldom: each character looked at only then
        named = "".join(c for c in named if c.isprintable())
    return neutral(named) if named else "its location"  # registry text: English


def _number(value: Any, limit: float) -> bool:
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and -limit <= value <= limit
    )


# What each part of a registry address accepts; a street written on two lines, as directories
# write a suite, is no registry street: the address stays whole under `hsds`, given back so.
_ADDRESS_KINDS: dict[str, Any] = {"street": Line, "city": Line, "postal_code": PostalCode}


def _address(found: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """A registry address from an HSDS one, and whether anything of it did not map."""
    address: dict[str, Any] = {}
    parts = {
        "street": found.get("address_1"),
        "city": found.get("city"),
        "state": found.get("state_province"),
        "postal_code": found.get("postal_code"),
    }
    unmapped = any(found.get(k) for k in ("address_2", "attention", "region"))
    unmapped |= found.get("country") not in (None, "", c.COUNTRY)
    for key, value in parts.items():
        if not value or value == c.NOT_LISTED:
            continue
        if value in STATE_CODES if key == "state" else fits(_ADDRESS_KINDS[key], value):
            address[key] = value
        else:
            unmapped = True
    return address, unmapped


def _phones(
    clinic: dict[str, Any],
    service: Mapping[str, Any],
    location: Mapping[str, Any],
    kept: dict[str, Any],
    own: str | None,
) -> None:
    """The first phone's number (without quote marks written around it); the service's
    phones kept as the file wrote them (extension, type, languages, ids) where it says more."""
    phones = service.get("phones") or location.get("phones") or []
    if phones and phones[0].get("number"):
        clinic["phone"] = c.phone_number(phones[0]["number"])
    if not service.get("phones"):
        return  # the location's are kept with it
    first = phones[0]
    more = set(first) - {"id", "number"} or _theirs(first.get("id"), own, "phone")
    if len(phones) > 1 or more or "phone" not in clinic:
        kept["phones"] = phones


def _service_areas(
    clinic: dict[str, Any], service: Mapping[str, Any], kept: dict[str, Any], document: str
) -> None:
    """The places served ("City, ST"); a place the service is said to be at (its point)
    places the entry, the coordinates' source naming the file and the place."""
    places, rest = [], []
    for area in service.get("service_areas") or []:
        name = area.get("name")
        if name and fits(Place, name):
            places.append(name)
            served = str(area.get("description") or "").startswith(c.SERVED_PLACE)
            point = _point(area) if served else None
            if point and "location" not in clinic:
                clinic["location"] = {
                    "latitude": point[1],
                    "longitude": point[0],
                    "precision": "city",
                    "source": f"{document}: {name}",
                    "served_place": name,
                }
        else:
            rest.append(area)
    if places:
        clinic["service_area"] = places
    if rest:
        kept["service_areas"] = rest


def _point(area: Mapping[str, Any]) -> tuple[float, float] | None:
    try:
        extent = json_text.loads(area.get("extent") or "")
        longitude, latitude = extent["coordinates"]
    except (ValueError, TypeError, KeyError):
        return None
    return (longitude, latitude) if _number(latitude, 90) and _number(longitude, 180) else None


def _languages(
    clinic: dict[str, Any],
    languages: list[dict[str, Any]],
    at_location: list[dict[str, Any]],
    kept: dict[str, Any],
) -> None:
    """The languages of the service and of its location (whose own are kept with it)."""
    found, rest = [], []
    for language in [*languages, *at_location]:
        code = str(language.get("code") or "")
        term = c.LANGUAGES_BY_CODE.get(code) or c.term_named(Language, language.get("name"))
        if term is None:
            if language in languages:
                rest.append(language)
        elif term.value not in found:
            found.append(term.value)
    if found:
        clinic["languages"] = found
    if rest:
        kept["languages"] = rest


def _prices(
    clinic: dict[str, Any], service: Mapping[str, Any], kept: dict[str, Any], report: Report
) -> None:
    """Prices in US dollars as locator writes them; one it cannot hold (out of range, or
    reversed) is kept as the file wrote it, and the report names it."""
    rest = []
    for cost in service.get("cost_options") or []:
        field_ = c.PRICE_FIELDS.get(cost.get("option"))
        said = str(cost.get("amount_description") or "")
        amounts = [int(n.replace(",", "")) for n in re.findall(r"\$(\d[\d,]*)", said)]
        price = {"min": amounts[0], "max": amounts[-1]} if amounts else None
        if field_ and str(cost.get("currency", "")).upper() == c.CURRENCY and price:
            if fits(UsdRange, price):
                clinic[field_] = price
                continue
            report.misfits.append(f"{service.get('name')}: {said}")
        rest.append(cost)
    if rest:
        kept["cost_options"] = rest


def _terms(
    clinic: dict[str, Any],
    service: Mapping[str, Any],
    kept: dict[str, Any],
    report: Report,
    facts: Mapping[str, Any],
) -> None:
    rest = []
    for attribute in service.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        taxonomy = term.get("taxonomy")
        if taxonomy == c.FACTS_TAXONOMY and term.get("code") in facts:
            continue
        mapped = _TERM_FIELD.get((str(taxonomy), str(attribute.get("value"))))
        key = term.get("code") if mapped else None
        if mapped and key in {t.value for t in mapped.vocabulary}:
            clinic.setdefault(mapped.field, []).append(key)
            continue
        if taxonomy not in _TAXONOMIES:
            known = c.term_named(Condition, term.get("name")) or c.term_named(
                Treatment, term.get("name")
            )
            says = _says_yes(attribute.get("value"))
            if known is not None and not says:
                name = f"{term.get('name')} ({attribute.get('value')})"
                (report.said_no if says is False else report.unclear)[name] += 1
                rest.append(attribute)
                continue
            if known is not None:
                where = "conditions" if isinstance(known, Condition) else "treatments"
                if known.value not in clinic.get(where, []):
                    clinic.setdefault(where, []).append(known.value)
                continue
        report.unrecognised_terms[
            str(term.get("name") or term.get("code") or attribute.get("id"))
        ] += 1
        rest.append(attribute)
    if rest:
        kept["attributes"] = rest


_YES = frozenset({"", "true", "yes", "y", "1", "offered", "treated", "available", "provided"})
_NO = frozenset(
    {"false", "no", "n", "0", "none", "not offered", "not treated", "not available", "unavailable"}
)


def _says_yes(value: Any) -> bool | None:
    """Whether a term's attribute value says the service has it: no value or a clear yes
    does, a clear no does not, and anything else (None) is not read as either, since a
    patient must never be told a clinic offers what its directory says it does not."""
    words = " ".join(str("" if value is None else value).lower().replace("_", " ").split())
    if words in _YES:
        return True
    return False if words in _NO else None


class Stage(Enum):
    """Where an import stands, for a person waiting on a large file."""

    READING = "reading"  # the file read and checked against the HSDS schemas
    MAKING = "making"  # the registry entries made, and checked as `locator validate` would


# Entries of the registry made checked together: the memory a check holds (a part's text,
# lines, values and models, some 20 MB), and a moment's work between two chances to cancel.
CHECK_EVERY = 1_000


def import_checked(
    source: Path,
    output: Path,
    today: dt.date,
    stage: Callable[[Stage], None] = lambda _stage: None,
    step: Counted = uncounted,
) -> tuple[Made, Report]:
    """The registry YAML made from the HSDS file, folder or zip at ``source`` on ``today``,
    checked as `locator validate` checks ``output`` (where it is to be written), and the report
    of what did not map: what `locator import` and the app's Import directory… write; ``stage``
    hears each :class:`Stage` as it starts, and ``step(done, total)`` how many of the stage's
    services are done, every :data:`COUNT_EVERY`: an exception it raises (the person
    cancelled) stops the import. Raises :class:`~locator.hsds.reading.HsdsError` with every
    problem (one of the registry made named by the service it came from), or when no entry
    could be made, or the registry would be too large to open; nothing is written here.

    The services are read as a stream where the file allows (:func:`~locator.hsds.reading.
    services_of`); each entry's YAML is written as it is made, and its service let go of; the
    entries are checked :data:`CHECK_EVERY` at a time as they are made (:class:`_Parts`)."""
    from locator.hsds.registry_text import entry_yaml, registry_head

    def counted(done: int, total: int) -> None:
        if done % COUNT_EVERY == 0:
            step(done, total)

    stage(Stage.READING)
    services = services_of(source, counted)
    stage(Stage.MAKING)
    report = Report(unlinked=services.unlinked)
    documents: dict[str, dict[str, Any]] = {}
    parts = _Parts(output, services.path, documents)
    registry = Made()
    try:
        made = _made(
            services.path, services.again(), services.count, today, report, documents, counted
        )
        for clinic, origin, service in made:
            entry = entry_yaml(clinic)
            registry.add(entry)
            parts.add(clinic, entry, origin, service)
        parts.check()
        if not report.entries:  # every service left out: the report says why
            nothing = _("no entry could be made of it")
            raise HsdsError([f"{source.name}: {nothing}", *report.sentences()], nothing=True)
        registry.head = registry_head(_fields(documents))
        too_large = registry_too_large(registry.size)
        if too_large is not None:
            raise HsdsError([f"{source.name}: {too_large}"])
        if parts.problems:
            raise HsdsError(list(parts.problems))
    except BaseException:
        registry.close()
        raise
    return registry, report


class Made:
    """The registry YAML an import made: its head (its own fields, known once every entry is
    made) and its entries, written as they are made to a temporary file that has no name
    (the system's; it goes when it is closed, or when the process ends), not held in memory
    (some 500 MB at 100,000 services) while the report waits to be read."""

    def __init__(self) -> None:
        self._entries = tempfile.TemporaryFile()  # noqa: SIM115 (open until written)
        self.head = ""
        self._size = 0

    @property
    def size(self) -> int:
        """The registry's size in bytes, as it will be written."""
        return self._size + len(self.head.encode("utf-8"))

    def add(self, entry: str) -> None:
        """One entry's YAML, after those added before."""
        data = entry.encode("utf-8")
        self._entries.write(data)
        self._size += len(data)

    def chunks(self) -> Iterator[bytes]:
        """The registry's bytes, a megabyte at a time."""
        yield self.head.encode("utf-8")
        self._entries.seek(0)
        while chunk := self._entries.read(1 << 20):
            yield chunk

    def write(self, path: Path) -> None:
        """Write the registry at ``path``, a new file, atomically (never over a file there,
        even one made meanwhile); raises FileWriteError with a sentence."""
        from locator.files import writing

        with writing(path, new_only=True) as stream:
            for chunk in self.chunks():
                stream.write(chunk)

    def close(self) -> None:
        """Let the temporary file go."""
        self._entries.close()


class _Parts:
    """The entries of an import checked :data:`CHECK_EVERY` at a time as they are made, as
    `locator validate` would check them written at ``output``: the values made are checked as
    they are (:func:`~locator.data.checking.checked_quickly`: what the entry's YAML reads
    back, as the tests of :mod:`.registry_text` show), rather than their YAML read again
    (most of an import's time); and the quotes an entry makes of the imported JSON file
    itself, each one of its service's texts, are found among the part's services' texts,
    rather than in the file's words read whole (gigabytes at 100,000 services). A part in
    which anything is wrong is checked again as its YAML, with every document read whole,
    for every problem to be said as `locator validate` says it, where it is in the file."""

    def __init__(self, output: Path, source: Path, documents: dict[str, dict[str, Any]]) -> None:
        from locator.data.provenance import words_beside

        self._output, self._documents, self._name = output, documents, source.name
        self._words = words_beside(output)
        self._own = _own_document(output, source)  # the imported file's name, where trusted
        self._clinics: list[dict[str, Any]] = []
        self._entries: list[str] = []
        self._origins: list[str] = []
        self._texts: set[str] = set()  # the part's services' texts, as they are
        self._last: dict[str, Any] | None = None
        self.problems: dict[str, None] = {}  # a problem of the registry's own fields: once

    def add(self, clinic: dict[str, Any], entry: str, origin: str, service: dict[str, Any]) -> None:
        """One entry made, its YAML ``entry``, of ``service`` at ``origin``."""
        if self._own is not None and (service is not self._last or not self._clinics):
            self._texts.update(_texts(service))
            self._last = service
        self._clinics.append(clinic)
        self._entries.append(entry)
        self._origins.append(origin)
        if len(self._clinics) >= CHECK_EVERY:
            self.check()

    def check(self) -> None:
        """Check the part made so far, and start the next."""
        if self._clinics and not self._fine():
            self._located()
        self._clinics, self._entries, self._origins = [], [], []
        self._texts = set()

    def _fine(self) -> bool:
        from locator.data import bidi
        from locator.data.checking import checked_quickly
        from locator.data.loader import gc_paused
        from locator.data.models import Registry
        from locator.data.provenance import DocumentWords

        own = DocumentWords("\n".join(self._texts), frozenset(self._texts))

        def words(document: str) -> DocumentWords | None:
            return own if document == self._own else self._words(document)

        plain = _fields(self._documents) | {"clinics": self._clinics}
        reorders = any(map(bidi.may_reorder, self._entries))
        with gc_paused([]):
            found = checked_quickly(
                plain, reorders=reorders, provenance=True, documents=self._output, words=words
            )
        return isinstance(found, Registry)

    def _located(self) -> None:
        """Every problem of the part, as `locator validate` says it of its YAML, each named by
        the service it came from."""
        from locator.data.loader import parse_registry
        from locator.errors import RegistryError
        from locator.hsds.registry_text import registry_head

        head = registry_head(_fields(self._documents))
        data = (head + "".join(self._entries)).encode("utf-8")
        try:
            parse_registry(
                data,
                str(self._output),
                provenance=True,
                documents=self._output,
                words=self._words,
            )
        except RegistryError as error:  # named where it is in the HSDS file: no YAML written
            said = (_in_file(found, self._origins, self._name) for found in error.problems)
            self.problems.update(dict.fromkeys(said))


def _own_document(output: Path, source: Path) -> str | None:
    """The name the registry gives the imported JSON file, where its quotes are checked
    against it (it is at hand beside ``output`` and read, as `locator validate` would find
    it): None for a package, or where the file is not the one found."""
    from locator.data.provenance import document_path, unread_document
    from locator.files import ZIP_START

    name = neutral(source.name)
    found = document_path(output, name)
    if found is None or found.suffix != ".json" or unread_document(found) is not None:
        return None  # a package's quotes are its cells; another file's, its words as written
    try:
        with found.open("rb") as document:
            zipped = document.read(len(ZIP_START)) == ZIP_START
        return name if found.samefile(source) and not zipped else None
    except OSError:
        return None


def _texts(service: Any) -> list[str]:
    """Each text of ``service`` (not its names), as it is. A quote (its white space one space
    each run, none at its ends) found in one of them is in the same text with its white
    space made so, as `locator validate` compares them: no run is cut at the quote's ends."""
    found: list[str] = []
    stack = [service] if isinstance(service, dict | list) else []
    while stack:  # only lists and mappings are put on it
        value = stack.pop()
        for item in value.values() if isinstance(value, dict) else value:
            if isinstance(item, str):
                found.append(item)
            elif isinstance(item, dict | list):
                stack.append(item)
    return found


def registry_too_large(size: int) -> str | None:
    """Why a registry of ``size`` bytes made by an import cannot be saved (None: it can): a
    registry is at most :func:`~locator.data.loader.registry_limit`, as locator opens no
    larger one; the sentence names the setting that changes it. The same sentence for
    `locator import` and the app's report."""
    from locator.data import loader
    from locator.settings import LIMIT_SETTING, settings_path

    if size <= loader.registry_limit():
        return None
    return _(
        "the registry made from it would be {size} MB, and a registry may be at most "
        "{limit} MB (the setting {setting} in {settings} changes that), so it is not saved; "
        "import part of the directory at a time, or raise the setting"
    ).format(
        size=megabytes(size),
        limit=megabytes(loader.registry_limit()),
        setting=LIMIT_SETTING,
        settings=settings_path(),
    )


def _in_file(problem: Any, origins: list[str], name: str) -> str:
    """A problem of the registry made, named by the service it came from ("services.csv row
    5: price_per_session.min: …"), never by a line of a YAML that was not written."""
    from locator.data.yaml_source import field_path

    where = tuple(getattr(problem, "where", ()))
    if len(where) >= 2 and where[0] == "clinics" and isinstance(where[1], int):
        said = problem.said(lambda path: field_path(path[2:]) or _("its entry"))
        return f"{origins[where[1]]}: {said}"
    return f"{name}: {problem.said(field_path)}"
