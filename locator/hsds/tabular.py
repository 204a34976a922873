"""HSDS as a Tabular Data Package: one CSV file per object and a ``datapackage.json`` whose
Table Schemas (the vendored HSDS ones) say what each column holds.

Services flatten into rows and rows assemble back into services by the same links, read from
the vendored schemas (:func:`locator.hsds.schema.links`): a phone inside a service is a row
of phones.csv whose ``service_id`` names it; an attribute's row names what it describes by
``link_id``, a metadata row by ``resource_id``.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from locator.data.models import Registry
from locator.errors import FileWriteError
from locator.exports import PROGRESS_STEP, Progress
from locator.files import atomic_write, remove_stray_temporaries, writing
from locator.hsds import schema
from locator.hsds.writing import (
    Misfits,
    count,
    edited_apart,
    english_notice,
    misfits_left_out,
    services,
)
from locator.spreadsheet import spreadsheet_safe

# A linked object whose row is named by a column other than "<object>_id".
DESCRIPTION = "datapackage.json"  # the package's own description of its tables
_KEY_OF = {"taxonomy": "taxonomy_id", "taxonomy_detail": "taxonomy_id"}
# Objects that, inside a service, bring only their own fields.
_SHALLOW = frozenset({"organization", "program"})
# What a shallow object, inside a service, still brings: what is its own alone (the JSON form
# holds an organization's identifiers there too).
_OWN = frozenset({"organization_identifiers"})
# What a child's row names its parent by, where not "<parent>_id".
_PARENT_KEY = {"attribute": "link_id", "metadata": "resource_id"}


def _key(name: str) -> str:
    return _KEY_OF.get(name, f"{name}_id")


def rows(service: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(object, row) for the service and everything it holds inline, parents first."""
    yield from _flatten(service, "service", None, None)


def _flatten(
    found: Mapping[str, Any], name: str, parent: str | None, parent_id: str | None
) -> Iterator[tuple[str, dict[str, Any]]]:
    row = {key: value for key, value in found.items() if not isinstance(value, list | dict)}
    if parent_id is not None:
        if name == "attribute":
            row.setdefault("link_id", parent_id)
            row.setdefault("link_entity", parent)
        elif name == "metadata":  # inside an object (as a file may write it), it is about it
            row.setdefault("resource_id", parent_id)
        else:
            row.setdefault(f"{parent}_id", parent_id)
    children: list[tuple[str, dict[str, Any]]] = []
    for key, child, many in schema.links(name):
        value = found.get(key)
        if many and isinstance(value, list):
            for item in value:
                children.extend(_flatten(item, child, name, found["id"]))
        elif isinstance(value, dict):
            row.setdefault(_key(key if child == "taxonomy" else child), value["id"])
            if child == "program" and found.get("organization_id"):  # its row must name one:
                value = {"organization_id": found["organization_id"], **value}  # the service's
            children.extend(_flatten(value, child, None, None))
    yield name, row
    yield from children


def is_package(folder: Path) -> bool:
    """Whether ``folder`` holds a package :func:`write_package` wrote, and nothing else: its
    description and tables only. Such a folder an export may replace, once asked; any other
    file there is someone else's, so another folder is not written into."""
    written = {table["path"] for table in schema.resources()} | {DESCRIPTION}
    try:
        held = set(os.listdir(folder))
    except OSError:
        return False
    return DESCRIPTION in held and held <= written


def write_package(registry: Registry, folder: Path, progress: Progress) -> list[str]:
    """Write ``registry`` as an HSDS tabular package in ``folder`` (made if missing): one CSV
    per object that has rows, and datapackage.json naming them; returns what was left out
    (values kept under ``hsds`` that are not valid HSDS). Rows are written as services are
    made, and a row shared by many services (an organization, a taxonomy term) once.

    Each file goes through :func:`locator.files.writing` and replaces only its own name: a
    link planted in the folder is replaced itself, never followed. A table of a package
    written there before that this one has no rows for is removed, so that the folder is
    exactly this package; no other file there is touched. Raises :class:`FileWriteError`
    when ``folder`` is something other than a folder (a file the user asked to write over)."""
    made = _make_folder(folder)
    for name in (*(found["path"] for found in schema.resources()), DESCRIPTION):
        remove_stray_temporaries(folder / name, follow_link=False)  # a killed export's
    try:
        return _write_tables(registry, folder, progress)
    except BaseException:  # cancelled or failed: the folders it made go, and only those
        for made_folder in reversed(made):
            with contextlib.suppress(OSError):  # rmdir removes only what is empty
                made_folder.rmdir()
        raise


def _write_tables(registry: Registry, folder: Path, progress: Progress) -> list[str]:
    """The work of :func:`write_package`, in a folder that is there."""
    written: dict[str, set[str]] = {}
    writers: dict[str, csv.DictWriter[str]] = {}
    total = count(registry)
    misfits: Misfits = []
    apart: list[str] = []
    with contextlib.ExitStack() as files:
        for index, service in enumerate(services(registry, misfits, apart)):
            for name, row in _merged(rows(service)):
                seen = written.setdefault(name, set())
                if row["id"] in seen:
                    continue
                seen.add(row["id"])
                if name not in writers:
                    path = folder / schema.resource(name)["path"]
                    stream = files.enter_context(writing(path, follow_link=False))
                    text = files.enter_context(
                        io.TextIOWrapper(stream, encoding="utf-8", newline="")
                    )
                    writers[name] = csv.DictWriter(
                        text, schema.columns(name), extrasaction="ignore"
                    )
                    writers[name].writeheader()
                writers[name].writerow(_safe(name, row))
            if index % PROGRESS_STEP == 0:
                progress(index / max(total, 1))
    atomic_write(folder / DESCRIPTION, _description(list(writers)), follow_link=False)
    for resource in schema.resources():  # a package replaced: the tables it had and this lacks
        if resource["name"] not in writers:
            old = folder / resource["path"]
            try:
                old.unlink(missing_ok=True)  # a link goes, never what it leads to
            except IsADirectoryError:  # a folder of the user's, never a table locator wrote
                pass
            except OSError as error:
                raise FileWriteError.not_removed(old, error) from None
    progress(1.0)
    return misfits_left_out(misfits) + edited_apart(apart)


def _merged(found: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """A service's rows, one per object: an object it holds in several places (a language
    of the service, of its phone and of its location, as an imported file may) is one row
    naming each of them."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for name, row in found:
        into = merged.setdefault((name, row["id"]), {})
        for key, value in row.items():
            into.setdefault(key, value)
    for (name, _id), row in merged.items():
        yield name, row


def _safe(name: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row with each text cell marked as text where a spreadsheet would run it as a
    formula (reading the package undoes it); ids, addresses and numbers are left alone."""
    text = _text_columns(name)
    return {
        key: spreadsheet_safe(value) if key in text and isinstance(value, str) else value
        for key, value in row.items()
    }


@functools.cache
def _text_columns(name: str) -> frozenset[str]:
    return frozenset(
        field["name"]
        for field in schema.resource(name)["schema"]["fields"]
        if field["type"] == "string" and field.get("format") in (None, "default")
    )


def _make_folder(folder: Path) -> list[Path]:
    """Make ``folder`` (and its parents) unless it is a folder already; anything else there
    (a file, a device, a link to nothing) is refused with a sentence, and left as it was.
    Returns the folders it made, outermost first."""
    if os.path.lexists(folder) and not folder.is_dir():
        raise FileWriteError.not_a_folder(folder)
    missing = []
    place = Path(os.path.abspath(folder))
    while not os.path.lexists(place) and place != place.parent:
        missing.append(place)
        place = place.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileWriteError.of(folder, error, existed=False) from error
    return missing[::-1]


def _description(names: Iterable[str]) -> str:
    """datapackage.json for the tables written: HSDS's own, with only those resources."""
    wanted = set(names)
    described = dict(schema.package())
    described["notice"] = english_notice()  # a property of locator's own, as packages allow
    described["resources"] = [table for table in schema.resources() if table["name"] in wanted]
    for table in described["resources"]:  # a link to a table not written would not resolve
        keys = table["schema"].get("foreignKeys", [])
        kept = [key for key in keys if key["reference"]["resource"] in wanted]
        table["schema"] = {**table["schema"], "foreignKeys": kept}
    return json.dumps(described, indent=2, ensure_ascii=False) + "\n"


def assemble(tables: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The services of a package's ``tables`` (object -> its rows, values typed), each with
    what it links to inline, as the JSON form holds them."""
    by_id = {
        name: {row["id"]: row for row in table if "id" in row} for name, table in tables.items()
    }
    children: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for name, table in tables.items():
        parent_key = _PARENT_KEY.get(name)
        for row in table:
            for column, value in row.items():
                if (
                    column == parent_key or (parent_key is None and column.endswith("_id"))
                ) and value:
                    children.setdefault((name, column, str(value)), []).append(row)
    services = [_nest("service", row, by_id, children, set()) for row in tables.get("service", [])]
    held = _held(tables)
    for service in services:
        _organizations_own(service, by_id, children, held)
    return services


# The services' links to what an organization lists too: a service at location's location, a
# service's program. (object, its id) -> the services that link to it.
Held = dict[tuple[str, str], set[str]]


def _held(tables: Mapping[str, list[dict[str, Any]]]) -> Held:
    held: Held = {}
    for row in tables.get("service_at_location", []):
        if row.get("location_id") and row.get("service_id"):
            held.setdefault(("location", str(row["location_id"])), set()).add(
                str(row["service_id"])
            )
    for row in tables.get("service", []):
        if row.get("program_id"):
            held.setdefault(("program", str(row["program_id"])), set()).add(str(row["id"]))
    return held


def _organizations_own(
    service: dict[str, Any],
    by_id: Mapping[str, Mapping[str, dict[str, Any]]],
    children: Mapping[tuple[str, str, str], list[dict[str, Any]]],
    held: Held,
) -> None:
    """Give ``service``'s organization the phones, contacts, locations, programs and funding
    that are its own, as the JSON form holds them inside the service: each row naming the
    organization that names no other service (nor another service's location or service at
    location), and no location or program only other services link to. An organization
    running a thousand locations does not bring them all to each of its services."""
    organization = service.get("organization")
    if not isinstance(organization, dict):
        return
    service_id = str(service.get("id"))
    at = service.get("service_at_locations") or []
    mine = {
        "service_id": {service_id},
        "service_at_location_id": {str(a.get("id")) for a in at},
        "location_id": {str((a.get("location") or {}).get("id")) for a in at},
    }
    for key, child, many in schema.links("organization"):
        if not many or key in _OWN:
            continue
        rows = [
            row
            for row in children.get((child, "organization_id", str(organization.get("id"))), [])
            if all(not row.get(column) or str(row[column]) in ids for column, ids in mine.items())
            and service_id in held.get((child, str(row.get("id"))), {service_id})
        ]
        if rows:
            # inside the organization, a row names none of the objects it is merged from
            above = {
                "service",
                "organization",
                "service_at_location",
                "location",
                "contact",
                "phone",
            }
            organization[key] = [
                _nest(child, row, by_id, children, above, "organization") for row in rows
            ]


def unlinked(tables: Mapping[str, list[dict[str, Any]]]) -> Iterator[tuple[str, int]]:
    """(object, row number, the header row 1) of each attribute and metadata row whose link
    names no object of ``tables``: it describes nothing a service holds."""
    ids = {str(row["id"]) for table in tables.values() for row in table if "id" in row}
    for name, key in _PARENT_KEY.items():
        for number, row in enumerate(tables.get(name, []), start=2):
            if str(row.get(key)) not in ids:
                yield name, number


def unheld(
    tables: Mapping[str, list[dict[str, Any]]], services: Iterable[Mapping[str, Any]]
) -> Iterator[tuple[str, int]]:
    """(object, row number, the header row 1) of each row that no service of ``services`` (the
    package's, assembled) holds anywhere: an organization's own phone, a table the services
    never link to (meta_table_descriptions.csv). No entry keeps it, so the report names it."""
    held: set[tuple[str, str]] = set()
    for service in services:
        _hold(service, "service", held)
    for name, table in tables.items():
        for number, row in enumerate(table, start=2):
            if (name, str(row.get("id"))) not in held:
                yield name, number


def _hold(found: Mapping[str, Any], name: str, held: set[tuple[str, str]]) -> None:
    held.add((name, str(found.get("id"))))
    for key, child, many in schema.links(name):
        value = found.get(key)
        for item in value if many and isinstance(value, list) else [value]:
            if isinstance(item, dict):
                _hold(item, child, held)


def _parent_keys(name: str, above: set[str]) -> list[str]:
    if name == "attribute":
        return ["link_id"]
    if name == "metadata":
        return []
    return [f"{parent}_id" for parent in above]


def _nest(
    name: str,
    row: dict[str, Any],
    by_id: Mapping[str, Mapping[str, dict[str, Any]]],
    children: Mapping[tuple[str, str, str], list[dict[str, Any]]],
    above: set[str],
    parent: str | None = None,
) -> dict[str, Any]:
    found = dict(row)
    for key in _parent_keys(name, above):  # inside its parent, a row need not name it
        found.pop(key, None)
    if name == "attribute" and found.get("link_entity") == parent:
        del found["link_entity"]
    inside = above | {name}
    for key, child, many in schema.links(name):
        if many and name in _SHALLOW and above and key not in _OWN:
            continue  # a service's organization does not bring every location it runs
        if many:
            parent_key = _PARENT_KEY.get(child, f"{name}_id")
            items = children.get((child, parent_key, str(row.get("id"))), [])
            if items:
                found[key] = [_nest(child, item, by_id, children, inside, name) for item in items]
        else:
            column = _key(key if child == "taxonomy" else child)
            linked = by_id.get(child, {}).get(str(row.get(column)))
            if linked is not None:
                found[key] = _nest(child, linked, by_id, children, inside, name)
                if name == "attribute":
                    del found[column]  # its term, inline, says it
    return found
