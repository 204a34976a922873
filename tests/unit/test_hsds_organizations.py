"""An HSDS organization's own phones, contacts, locations, programs and funding come back
through the CSV package as the JSON form holds them inside its service; an organization's
locations that other services stand at stay theirs."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from locator.data.loader import parse_registry
from locator.hsds.importing import import_checked
from locator.hsds.reading import read
from locator.hsds.tabular import write_package
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import made_text

EXAMPLES = REPO / "tests" / "data" / "hsds"
TODAY = dt.date(2026, 11, 20)
OWN = ("phones", "contacts", "locations", "programs", "funding")


def _organizations(source: Path, out: Path) -> list[dict[str, Any]]:
    made, _report = import_checked(source, out, TODAY)
    text = made_text(made)
    out.write_text(text, encoding="utf-8")
    return [clinic["hsds"]["organization"] for clinic in yaml.safe_load(text)["clinics"]]


def test_an_organizations_own_objects_survive_the_csv_package(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "service_full.json", tmp_path / "service.json")
    [before] = _organizations(tmp_path / "service.json", tmp_path / "first.yaml")
    assert all(before.get(key) for key in OWN)
    text = (tmp_path / "first.yaml").read_text("utf-8")
    write_package(parse_registry(text.encode(), provenance=True), tmp_path / "pkg", print)
    [after] = _organizations(tmp_path / "pkg", tmp_path / "again.yaml")
    assert after == before


def test_a_location_another_service_stands_at_is_not_brought_to_each_service(
    tmp_path: Path,
) -> None:
    """Two services of one organization that runs both their locations and a head office: in
    the package each service's organization lists the head office and the location it
    stands at, never its sister's (a thousand services would each bring a thousand)."""
    first: dict[str, Any] = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    second = json.loads(json.dumps(first))
    second["id"] = "0b6bd9a5-3f51-4e3d-9e2c-6a3f0e4c2a11"
    at = second["service_at_locations"][0]
    at["id"] = "0b6bd9a5-3f51-4e3d-9e2c-6a3f0e4c2a12"
    at["location"]["id"] = "0b6bd9a5-3f51-4e3d-9e2c-6a3f0e4c2a13"
    office = first["service_at_locations"][0]["location"] | {"id": f"{second['id'][:-1]}9"}
    runs = [office, *(s["service_at_locations"][0]["location"] for s in (first, second))]
    for service in (first, second):
        service["organization"]["locations"] = runs
    (tmp_path / "two.json").write_text(json.dumps([first, second]), encoding="utf-8")
    made, _report = import_checked(tmp_path / "two.json", tmp_path / "two.yaml", TODAY)
    text = made_text(made)
    write_package(parse_registry(text.encode(), provenance=True), tmp_path / "pkg", print)
    services = read(tmp_path / "pkg").services
    stands = [s["service_at_locations"][0]["location"]["id"] for s in services]
    assert [sorted(loc["id"] for loc in s["organization"]["locations"]) for s in services] == [
        sorted([office["id"], stood]) for stood in stands
    ]
