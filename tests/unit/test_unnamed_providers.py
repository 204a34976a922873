"""An entry for providers a source reports in an area without naming any is never a clinic:
the command line labels it, counts it apart, ranks it after the clinics, names the nearest
clinic instead, gives its kind in JSON; validation refuses a way to contact it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import CliRunner
from tests.helpers.registry_texts import UNNAMED_PROVIDER

MIXED = (
    """\
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
"""
    + UNNAMED_PROVIDER
)


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
    assert lines[0] == (
        "2 providers at 2 places within 25 mi of Sandy, UT, nearest in Sandy, UT (approximate): "
        "Sandy Ketamine Clinic; and 1 unnamed provider reported in South Jordan, UT, with no one "
        "named to contact."
    )
    rows = [line for line in lines if " mi " in line or "(approximate)" in line][1:]
    assert ["Sandy Ketamine" in rows[0], "Draper" in rows[1]] == [True, True]
    assert "Unnamed provider reported in this area" in rows[2]  # after the clinics, though nearer
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
    assert data["summary"].startswith(
        "2 providers at 2 places within travel distance of Sandy, UT, nearest"
    )
    assert "and 1 unnamed provider reported in South Jordan, UT" in data["summary"]


def test_only_unnamed_providers_found_the_nearest_clinic_is_named(
    mixed: Path, run_cli: CliRunner
) -> None:
    result = run_cli("nearest", "South Jordan, UT", "--within", "2", "--registry", str(mixed))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "No clinic within 2.0 mi of South Jordan, UT; the nearest clinic is ≈ 3 mi away, in "
        "Sandy, UT: Sandy Ketamine Clinic. 1 unnamed provider reported in South Jordan, UT, with "
        "no one named to contact."
    )


def test_an_unnamed_provider_has_no_practical_facts_to_ask_about(
    mixed: Path, run_cli: CliRunner
) -> None:
    result = run_cli("nearest", "Sandy, UT", "--registry", str(mixed))
    assert result.returncode == 0, result.stderr
    facts = [line for line in result.stdout.splitlines() if "not listed: Payment" in line]
    assert [line.split(":")[0] for line in facts] == [
        "Sandy Ketamine Clinic (Sandy, UT)",
        "Draper Ketamine Clinic (Draper, UT)",
    ]
    assert "South Jordan, UT (South Jordan, UT)" not in result.stdout  # its place is said once


def test_a_stated_fact_ending_a_sentence_is_not_punctuated_twice(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    path = tmp_path / "driver.yaml"
    path.write_text(
        MIXED.replace(
            '    sources:\n      - {document: a.txt, quote: "Sandy Ketamine Clinic, Sandy.", '
            "covers: [name, address]}",
            "    driver_note: You will need a driver after each infusion.\n"
            "    wheelchair_accessible: true\n"
            '    sources:\n      - {document: a.txt, quote: "Sandy Ketamine Clinic, Sandy. You '
            'will need a driver after each infusion. Wheelchair access.", covers: [name, '
            "address, driver_note, wheelchair_accessible]}",
        ),
        encoding="utf-8",
    )
    result = run_cli("nearest", "Sandy, UT", "--registry", str(path))
    assert result.returncode == 0, result.stderr
    assert "Driver after treatment: You will need a driver after each infusion; not listed:" in (
        result.stdout
    )
    assert ".;" not in result.stdout


@pytest.mark.parametrize(
    ("fact", "field"),
    [
        ('    phone: "801-555-0100"', "“Phone” (`phone`)"),
        ("    website: https://example.org", "“Website” (`website`)"),
        ("    organization: South Jordan Providers", "“Organization” (`organization`)"),
        ("    providers: [{name: Pat Doe}]", "“Providers” (`providers`)"),
    ],
)
def test_validate_refuses_a_way_to_contact_an_unnamed_provider(
    tmp_path: Path, run_cli: CliRunner, fact: str, field: str
) -> None:
    path = tmp_path / "contact.yaml"
    path.write_text(
        MIXED.replace(
            "    address: {city: South Jordan, state: UT}",
            f"{fact}\n    address: {{city: South Jordan, state: UT}}",
        ),
        encoding="utf-8",
    )
    result = run_cli("validate", str(path))
    assert result.returncode != 0
    line = MIXED.splitlines().index("  - id: provider-south-jordan") + 1
    assert f"contact.yaml:{line}:5: " in result.stderr  # the entry, where its kind is said
    assert (
        f"an unnamed provider has no one to contact, yet {field} is given: make the entry a "
        f"clinic (remove `kind: unnamed_provider`) or remove {field}"
    ) in result.stderr
