"""A coordinator hands the whole directory to the map tool or referral system they use:
File → Export registry as…, a file type, a name, and the file a GIS reads."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from locator.data.loader import load_registry
from tests.helpers.exporting import save_as, save_as_type
from tests.helpers.paths import REPO
from tests.helpers.user import MakeWindow

SCHEMA = REPO / "tests" / "vendor" / "geojson-schema" / "FeatureCollection.json"


def test_a_coordinator_exports_the_registry_as_geojson_for_their_map_tool(
    make_window: MakeWindow, registry_copy: Path, tmp_path: Path
) -> None:
    user = make_window()
    typed = tmp_path / "clinics for the county GIS"  # the type's suffix is added
    with user.answering(save_as(user, typed)):
        user.menu("File", "Export registry as…")
    written = typed.with_name(typed.name + ".geojson")
    user.wait(lambda: f"Exported the registry as GeoJSON to {written}." in user.texts())
    collection = json.loads(written.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(collection)
    registry = load_registry(registry_copy)
    located = [c.name for c in registry.clinics if c.location is not None]
    assert sorted(f["properties"]["name"] for f in collection["features"]) == sorted(located)
    unlocated = [c.id for c in registry.clinics if c.location is None]
    assert unlocated
    # what the file cannot hold is said beside where it went, by entry
    assert "no location and is left out" in user.texts()
    assert all(clinic_id in user.texts() for clinic_id in unlocated)


def test_a_coordinator_exports_the_registry_as_an_hsds_csv_package(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    proposed: list[str] = []
    package = tmp_path / "for the referral network"
    with user.answering(save_as_type(user, package, "Open Referral HSDS (CSV package)", proposed)):
        user.menu("File", "Export registry as…")
    user.wait(lambda: f"(CSV package) to {package}." in user.texts())
    assert proposed == ["locator-hsds"]  # a folder: no suffix
    written = {path.name for path in package.iterdir()}
    assert {"datapackage.json", "services.csv", "locations.csv"} <= written
