"""An HSDS service offered at several locations: an import makes an entry per location, and
an export gives them back as the one service they are, with every id the file gave, until
an entry is edited apart from its service."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from locator.data.loader import parse_registry
from locator.hsds.importing import import_checked
from locator.hsds.tabular import write_package
from locator.hsds.writing import write_json
from tests.helpers.hsds_schema import service_validator
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import made_text

EXAMPLES = REPO / "tests" / "data" / "hsds"
TODAY = dt.date(2026, 11, 20)
SERVICE_ID = "0b6bd9a5-3f51-4e3d-9e2c-6a3f0e4c2a11"


def _at(number: int, city: str, zip_code: str, latitude: float, longitude: float) -> Any:
    """A service at location in a US city, every object with the file's own id."""
    return {
        "id": f"5a0c4d6e-0000-4000-8000-00000000010{number}",
        "location": {
            "id": f"5a0c4d6e-0000-4000-8000-00000000020{number}",
            "location_type": "physical",
            "name": f"Clear Mind {city}",
            "latitude": latitude,
            "longitude": longitude,
            "addresses": [
                {
                    "id": f"5a0c4d6e-0000-4000-8000-00000000030{number}",
                    "address_1": f"{number}00 Main St",
                    "address_2": f"Suite {number}",
                    "city": city,
                    "state_province": "TX",
                    "postal_code": zip_code,
                    "country": "US",
                    "address_type": "physical",
                },
                {
                    "id": f"5a0c4d6e-0000-4000-8000-00000000040{number}",
                    "address_1": f"PO Box {number}",
                    "city": city,
                    "state_province": "TX",
                    "postal_code": zip_code,
                    "country": "US",
                    "address_type": "postal",
                },
            ],
        },
    }


def _service() -> dict[str, Any]:
    """A service at two offices, with what locator maps and what it keeps."""
    return {
        "id": SERVICE_ID,
        "name": "Clear Mind Ketamine",
        "status": "active",
        "url": "https://example.org/clear-mind",
        "email": "hello@example.org",
        "description": "Ketamine infusions for depression.",
        "assured_date": "2026-10-01",
        "phones": [
            {"id": "5a0c4d6e-0000-4000-8000-000000000501", "number": "214-555-0100"},
        ],
        "service_at_locations": [
            _at(1, "Dallas", "75201", 32.7876, -96.7994),
            _at(2, "Austin", "78701", 30.2711, -97.7437),
        ],
    }


def _imported(source: Path, folder: Path) -> tuple[str, list[str]]:
    """The registry YAML made of ``source``, written in ``folder``, and the report."""
    out = folder / "imported.yaml"
    made, report = import_checked(source, out, TODAY)
    text = made_text(made)
    out.write_text(text, encoding="utf-8")
    return text, report.sentences()


def _exported(text: str, fmt: str, out: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The services of ``text`` (a registry) exported as ``fmt`` to ``out``, as the JSON
    form holds them, and what the export said."""
    registry = parse_registry(text.encode("utf-8"), provenance=True)
    if fmt == "hsds":
        said = write_json(registry, out, lambda _done: None)
        services: list[dict[str, Any]] = json.loads(out.read_text("utf-8"))["contents"]
        return services, said
    said = write_package(registry, out, lambda _done: None)
    from locator.hsds.reading import read

    return list(read(out, lambda _d, _t: None).services), said


def _entries(text: str) -> list[dict[str, Any]]:
    clinics: list[dict[str, Any]] = yaml.safe_load(text)["clinics"]
    return clinics


def _file(folder: Path, services: list[dict[str, Any]]) -> Path:
    path = folder / "directory.json"
    path.write_text(json.dumps({"contents": services}), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["hsds", "hsds-csv"])
def test_a_service_at_two_locations_comes_back_as_one_service_field_by_field(
    tmp_path: Path, fmt: str
) -> None:
    """HSDS → locator → HSDS → locator → HSDS: one service with its two service at
    locations, every id the file gave, each entry field by field, the second export the
    first."""
    first, said = _imported(_file(tmp_path, [_service()]), tmp_path)
    assert any("Clear Mind Ketamine (2 locations)" in line for line in said)
    assert any("gives it back as one service" in line for line in said)
    entries = _entries(first)
    assert [e["address"]["city"] for e in entries] == ["Dallas", "Austin"]
    assert [e["hsds"]["id"] for e in entries] == [SERVICE_ID, SERVICE_ID]

    out = tmp_path / ("one.json" if fmt == "hsds" else "one")
    exported, said = _exported(first, fmt, out)
    assert said == []
    [service] = exported
    assert service["id"] == SERVICE_ID
    assert [at["id"] for at in service["service_at_locations"]] == [
        at["id"] for at in _service()["service_at_locations"]
    ]
    assert _address_ids(service) == _address_ids(_service())
    assert [p["id"] for p in service["phones"]] == ["5a0c4d6e-0000-4000-8000-000000000501"]
    validator = service_validator()
    assert [f"{e.json_path}: {e.message}" for e in validator.iter_errors(service)] == []

    again_folder = tmp_path / "again"
    again_folder.mkdir()
    source = _file(again_folder, exported) if fmt == "hsds" else out
    second, _said = _imported(source, again_folder)
    assert _without_documents(_entries(second)) == _without_documents(entries)
    twice, _said = _exported(second, fmt, tmp_path / ("two.json" if fmt == "hsds" else "two"))
    assert twice == exported


def _address_ids(service: dict[str, Any]) -> list[list[str]]:
    """The ids of each office's addresses, as the service at location holds them."""
    offices = [at["location"] for at in service["service_at_locations"]]
    return [[address["id"] for address in office["addresses"]] for office in offices]


def _without_documents(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries, each source's document left out: the second import's file is the export,
    as its listed document says the first was."""
    return [
        {**entry, "sources": [{**s, "document": None} for s in entry["sources"]]}
        for entry in entries
    ]


def test_offices_at_two_addresses_each_come_back_with_their_entry(tmp_path: Path) -> None:
    """Each entry keeps its own office: its address, second line and mailing address."""
    first, _said = _imported(_file(tmp_path, [_service()]), tmp_path)
    [service], _said = _exported(first, "hsds", tmp_path / "one.json")
    for at, given in zip(
        service["service_at_locations"], _service()["service_at_locations"], strict=True
    ):
        assert at["location"]["addresses"] == given["location"]["addresses"]
        assert at["location"]["name"] == given["location"]["name"]


@pytest.mark.parametrize("fmt", ["hsds", "hsds-csv"])
def test_an_entry_edited_apart_from_its_service_is_a_service_of_its_own_and_said(
    tmp_path: Path, fmt: str
) -> None:
    first, _said = _imported(_file(tmp_path, [_service()]), tmp_path)
    registry = yaml.safe_load(first)
    registry["clinics"][1]["website"] = "https://example.org/austin"  # a service-level field
    edited = yaml.safe_dump(registry, sort_keys=False, allow_unicode=True)
    out = tmp_path / ("one.json" if fmt == "hsds" else "one")
    exported, said = _exported(edited, fmt, out)
    austin = _entries(edited)[1]["id"]
    assert said == [
        "1 entry differs now from the others of the service it was imported with, so it is "
        f"exported as a service of its own, with a new id: {austin}"
    ]
    assert [s["url"] for s in exported] == [
        "https://example.org/clear-mind",
        "https://example.org/austin",
    ]
    assert exported[0]["id"] == SERVICE_ID
    assert exported[1]["id"] != SERVICE_ID
    assert [len(s["service_at_locations"]) for s in exported] == [1, 1]


def test_an_office_moved_since_is_where_the_registry_says_with_the_files_mailing_address(
    tmp_path: Path,
) -> None:
    first, _said = _imported(_file(tmp_path, [_service()]), tmp_path)
    registry = yaml.safe_load(first)
    registry["clinics"][1]["address"]["street"] = "900 Congress Ave"
    moved = yaml.safe_dump(registry, sort_keys=False, allow_unicode=True)
    [service], said = _exported(moved, "hsds", tmp_path / "one.json")
    assert said == []
    austin = service["service_at_locations"][1]["location"]["addresses"]
    assert [(a["address_1"], a["address_type"]) for a in austin] == [
        ("900 Congress Ave", "physical"),
        ("PO Box 2", "postal"),
    ]
    assert austin[1]["id"] == "5a0c4d6e-0000-4000-8000-000000000402"
