"""An entry for providers a source reports in an area without naming any is never a clinic:
the command line labels it, counts it apart and gives its kind in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CliRunner

MIXED = """\
schema_version: 1
clinics:
  - id: sandy-clinic
    name: Sandy Ketamine Clinic
    address: {city: Sandy, state: UT}
    location: {latitude: 40.59161, longitude: -111.8841, precision: city, source: GeoNames 5781061}
    sources:
      - {document: a.txt, quote: "Sandy Ketamine Clinic, Sandy.", covers: [name, address]}
    last_verified: 2026-01-15
  - id: draper-clinic
    name: Draper Ketamine Clinic
    address: {city: Draper, state: UT}
    location: {latitude: 40.52467, longitude: -111.86382, precision: city, source: GeoNames 5774001}
    sources:
      - {document: b.txt, quote: "Draper Ketamine Clinic, Draper.", covers: [name, address]}
    last_verified: 2026-01-15
  - id: provider-south-jordan
    kind: unnamed_provider
    name: Ketamine provider, South Jordan (name not given in source)
    address: {city: South Jordan, state: UT}
    location: {latitude: 40.56217, longitude: -111.92966, precision: city, source: GeoNames 5781770}
    sources:
      - {document: c.txt, quote: "Providers in South Jordan.", covers: [name, address]}
    last_verified: 2026-01-15
"""


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED, encoding="utf-8")
    return path


def test_nearest_counts_unnamed_providers_apart_and_labels_them(
    mixed: Path, run_cli: CliRunner
) -> None:
    result = run_cli("nearest", "Sandy, UT", "--within", "25", "--registry", str(mixed))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2 clinics and 1 unnamed provider within 25 mi of Sandy, UT")
    (row,) = [line for line in lines if "South Jordan, UT" in line and "mi" in line]
    assert "Unnamed provider reported in this area" in row
    assert "Ketamine provider, South Jordan" not in result.stdout


def test_nearest_json_gives_each_entry_its_kind(mixed: Path, run_cli: CliRunner) -> None:
    result = run_cli("nearest", "Sandy, UT", "--json", "--registry", str(mixed))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    kinds = {entry["id"]: entry["kind"] for entry in data["results"]}
    assert kinds == {
        "sandy-clinic": "clinic",
        "draper-clinic": "clinic",
        "provider-south-jordan": "unnamed_provider",
    }
    assert data["summary"].startswith("2 clinics and 1 unnamed provider near Sandy, UT")


def test_only_unnamed_providers_found_are_not_called_clinics(
    mixed: Path, run_cli: CliRunner
) -> None:
    result = run_cli("nearest", "South Jordan, UT", "--within", "2", "--registry", str(mixed))
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("1 unnamed provider within ")
    assert "clinic" not in first
