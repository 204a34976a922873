"""`locator export --format geojson`: the whole registry for map tools, valid GeoJSON that says
what `nearest --json` says of each clinic, and what it left out."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from locator.data.loader import load_registry
from tests.helpers.cli import CliRunner
from tests.helpers.paths import REPO

SCHEMA = REPO / "tests" / "vendor" / "geojson-schema" / "FeatureCollection.json"
SHIPPED = REPO / "clinics.yaml"
# What `nearest --json` says of a clinic as found from one place; the rest is the clinic's own.
ABOUT_THE_SEARCH = {
    "latitude",
    "longitude",
    "distance_miles",
    "distance_km",
    "drive_minutes",
    "drive_minutes_reason",
    "serves_origin",
    "also_at",
}


def _export(run_cli: CliRunner, folder: Path) -> tuple[dict[str, object], str]:
    out = folder / "clinics.geojson"
    result = run_cli(
        "--lang", "en", "export", "--format", "geojson", "--registry", str(SHIPPED), "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    return json.loads(out.read_text(encoding="utf-8")), result.stderr


def test_the_export_is_a_valid_geojson_feature_collection(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    collection, _ = _export(run_cli, tmp_path)
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(collection)
    for feature in collection["features"]:  # RFC 7946 §3.1.1: longitude first, in WGS 84
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180
        assert -90 <= latitude <= 90
    assert "not medical advice" in str(collection["notice"]).lower()


def test_each_located_entry_is_a_point_where_the_registry_places_it(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    collection, stderr = _export(run_cli, tmp_path)
    registry = load_registry(SHIPPED)
    located = {c.id: c.location for c in registry.clinics if c.location is not None}
    features = {f["id"]: f for f in collection["features"]}
    assert features.keys() == located.keys()
    for clinic_id, location in located.items():
        assert features[clinic_id]["geometry"] == {
            "type": "Point",
            "coordinates": [location.longitude, location.latitude],
        }
    unlocated = [c.id for c in registry.clinics if c.location is None]
    assert unlocated, "the shipped registry has an entry with no location to leave out"
    said = f"{len(unlocated)} entr{'y has' if len(unlocated) == 1 else 'ies have'} no location"
    assert said in stderr
    assert all(clinic_id in stderr for clinic_id in unlocated)


def test_properties_are_what_nearest_json_says_of_the_clinic(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    collection, _ = _export(run_cli, tmp_path)
    features = {f["id"]: f["properties"] for f in collection["features"]}
    nearest = run_cli("nearest", "Sandy, UT", "--registry", str(SHIPPED), "--limit", "50", "--json")
    assert nearest.returncode == 0, nearest.stderr
    results = json.loads(nearest.stdout)["results"]
    assert results
    for result in results:
        own = {key: value for key, value in result.items() if key not in ABOUT_THE_SEARCH}
        assert features[result["id"]] == own


def test_a_served_place_is_not_called_an_office(run_cli: CliRunner, tmp_path: Path) -> None:
    collection, _ = _export(run_cli, tmp_path)
    served = [f["properties"] for f in collection["features"] if f["properties"]["served_place"]]
    assert served, "the shipped registry has an entry standing at a place it serves"
    for properties in served:
        assert properties["city"] is None
        assert properties["state"] is None
        assert properties["served_place"] in properties["service_area"]


def test_an_output_that_cannot_be_written_gets_a_sentence(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "no such folder" / "clinics.geojson"
    result = run_cli("--lang", "en", "export", "--format", "geojson", "-o", str(out))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert str(out.parent) in result.stderr
    assert not out.parent.exists()


def test_export_written_where_asked_by_default(run_cli: CliRunner, tmp_path: Path) -> None:
    result = run_cli("--lang", "en", "export", "--format", "geojson", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = json.loads((tmp_path / "locator-clinics.geojson").read_text(encoding="utf-8"))
    assert written["type"] == "FeatureCollection"
