"""Open Referral HSDS: what `locator export --format hsds|hsds-csv` writes is valid HSDS 3.0
(JSON Schema, Table Schema) and honest; `locator import` reads the specification's own
examples and locator's exports back, losing nothing, and refuses an invalid file whole."""

from __future__ import annotations

import csv
import json
import shutil
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from frictionless import validate as frictionless_validate

from locator.data.loader import load_registry, parse_registry
from locator.data.models import Registry
from locator.data.synthetic import synthetic_registry
from locator.hsds.addresses import refused
from tests.helpers.cli import CliRunner
from tests.helpers.hsds_packages import zip_example_package
from tests.helpers.hsds_schema import service_validator
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import PRACTICAL, VALID

EXAMPLES = REPO / "tests" / "data" / "hsds"
SHIPPED = REPO / "clinics.yaml"

# Every field the registry holds, on entries HSDS holds in different places: a full street
# address and phone, an organization, affiliations, per-value quotes of listed documents,
# what an earlier import kept under hsds.
RICH = """\
schema_version: 1
documents:
  - file: rich.txt
    title: A made-up clinic page
    publisher: Made Up
    url: "https://example.org/p"
    read: 2026-10-01
clinics:
  - id: full-clinic-boise
    name: Full Clinic
    organization: Full Group
    affiliations: [Some Hospital]
    address: {street: 1 Main St, city: Boise, state: ID, postal_code: "83702"}
    location: {latitude: 43.6135, longitude: -116.2035, precision: address, source: test}
    service_area: ["Boise, ID", "Meridian, ID"]
    conditions: [depression, ptsd]
    treatments: [iv_ketamine_infusion]
    not_offered: [esketamine_nasal_spray]
    session_minutes: {min: 40, max: 60}
    typical_course: six infusions over two weeks
    providers:
      - {name: Ann Smith, title: Dr., credentials: MD}
    payment: [self_pay]
    payment_not_accepted: [medicaid]
    price_per_session: {min: 450, max: 450}
    phone: "208-555-0100"
    website: https://example.org/full
    notes: Listed from its own page.
    hsds:
      description: Counselling as the imported file described it.
      attributes:
        - id: 3f7b145d-84af-42d7-8fae-eaca714b02b3
          value: "yes"
          taxonomy_term: {id: 3f7b145d-84af-42d7-8fae-eaca714b02b4, name: Walk-in, description: d}
    sources:
      - document: rich.txt
        quote: Full Clinic, part of Full Group, works with Some Hospital.
        covers: [name, organization, affiliations: [Some Hospital], address, phone, website]
      - document: rich.txt
        quote: We treat depression and PTSD in Boise and Meridian with IV infusions.
        covers:
          - conditions: [depression, ptsd]
          - service_area: ["Boise, ID", "Meridian, ID"]
          - treatments: [iv_ketamine_infusion]
      - document: rich.txt
        quote: No Spravato here; sessions of 40 to 60 minutes, six over two weeks, by Dr. Smith.
        covers:
          - not_offered: [esketamine_nasal_spray]
          - session_minutes
          - typical_course
          - providers: [Ann Smith]
      - document: rich.txt
        quote: Self-pay, $450 a session; we do not take Medicaid.
        covers:
          - payment: [self_pay]
          - payment_not_accepted: [medicaid]
          - price_per_session
      - {document: rich.txt, quote: A quote that backs the notes.}
    last_verified: 2026-11-01
"""
REGISTRIES = {
    "shipped": SHIPPED.read_text(encoding="utf-8"),
    "practical": PRACTICAL,
    "valid": VALID,
    "rich": RICH,
    "synthetic": yaml.safe_dump(synthetic_registry(40, seed=3)),
}


def test_the_registries_exported_are_valid() -> None:
    for text in REGISTRIES.values():
        parse_registry(text.encode(), provenance=True)


def _registry_file(folder: Path, name: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(REGISTRIES[name], encoding="utf-8")
    return path


def _export(run_cli: CliRunner, registry: Path, fmt: str, out: Path) -> None:
    result = run_cli(
        "--lang", "en", "export", "--format", fmt, "--registry", str(registry), "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout


def _services(path: Path) -> list[dict[str, Any]]:
    contents: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))["contents"]
    return contents


@pytest.mark.parametrize("name", sorted(REGISTRIES))
def test_every_json_export_validates_against_the_hsds_schema(
    run_cli: CliRunner, tmp_path: Path, name: str
) -> None:
    out = tmp_path / "hsds.json"
    _export(run_cli, _registry_file(tmp_path, name), "hsds", out)
    services = _services(out)
    registry = parse_registry(REGISTRIES[name].encode())
    assert [s["name"] for s in services] == [c.name for c in registry.clinics]
    validator = service_validator()
    problems = [f"{e.json_path}: {e.message}" for s in services for e in validator.iter_errors(s)]
    assert problems == []
    notice = json.loads(out.read_text("utf-8"))["notice"]
    assert "not medical advice" in notice
    assert "988" in notice


def test_ids_are_name_based_uuids_the_same_at_every_export() -> None:
    from locator.hsds.correspondence import _NAMESPACE, hsds_id

    for names in [("service", "nortex-psychiatry-allen"), ("metadata", "a-b", 3, 0), ("é",)]:
        expected = uuid.uuid5(_NAMESPACE, "/".join(str(n) for n in names))
        assert hsds_id(*names) == str(expected)


def test_the_schema_check_resolves_the_linked_objects() -> None:
    """A phone without its number is caught inside the service (phone.json, by $ref)."""
    service = {"id": "ac148810-d857-441c-9679-408f346de14b", "name": "A", "status": "active"}
    service["phones"] = [{"id": "1554f2e2-a373-45db-a3fa-9fc48a61c15e"}]
    errors = list(service_validator().iter_errors(service))
    assert [e.message for e in errors] == ["'number' is a required property"]


@pytest.mark.parametrize("name", ["shipped", "rich", "practical"])
def test_the_csv_package_validates_against_its_table_schemas(
    run_cli: CliRunner, tmp_path: Path, name: str
) -> None:
    out = tmp_path / "package"
    _export(run_cli, _registry_file(tmp_path, name), "hsds-csv", out)
    report = frictionless_validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "message"])
    assert (out / "services.csv").is_file()
    assert (out / "metadata.csv").is_file()
    described = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert "not medical advice" in described["notice"]
    assert "988" in described["notice"]


def test_a_place_served_is_a_service_area_never_an_invented_office(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "hsds.json"
    _export(run_cli, _registry_file(tmp_path, "shipped"), "hsds", out)
    registry = load_registry(SHIPPED)
    for clinic, service in zip(registry.clinics, _services(out), strict=True):
        assert clinic.address is None
        assert "service_at_locations" not in service  # no location, no address
        if clinic.location is None:
            continue
        [served] = [
            a for a in service["service_areas"] if a["name"] == clinic.location.served_place
        ]
        assert "No office is listed" in served["description"]
        assert json.loads(served["extent"])["coordinates"] == [
            clinic.location.longitude,
            clinic.location.latitude,
        ]
        assert {a["name"] for a in service["service_areas"]} == set(clinic.service_area)


def test_the_status_no_source_states_is_said_to_be_assumed(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """HSDS requires a status and has no "unknown": locator writes "active" and a metadata
    row saying it is assumed, as no source states it."""
    out = tmp_path / "hsds.json"
    _export(run_cli, _registry_file(tmp_path, "shipped"), "hsds", out)
    for service in _services(out):
        [row] = [row for row in service["metadata"] if row["field_name"] == "status"]
        assert (service["status"], row["last_action_type"]) == ("active", "assumed")
        assert row["previous_value"] == "listed by the registry; no source states a status"
        assert row["replacement_value"] == "active"


def test_an_office_point_is_written_only_where_it_is_the_street_address(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A city or ZIP centre is not the office's point: no coordinates, and the location's
    description says what the point is; a street address's point is written."""
    out = tmp_path / "hsds.json"
    _export(run_cli, _registry_file(tmp_path, "practical"), "hsds", out)
    stated = _services(out)[0]
    location = stated["service_at_locations"][0]["location"]
    assert "latitude" not in location
    assert "longitude" not in location
    assert location["description"] == (
        "Coordinates: City centre (40.59161, -111.8841; test), not the office. "
        "Address as listed: Sandy, UT (the rest is not listed)."
    )
    rich = tmp_path / "rich.json"
    _export(run_cli, _registry_file(tmp_path, "rich"), "hsds", rich)
    office = _services(rich)[0]["service_at_locations"][0]["location"]
    assert (office["latitude"], office["longitude"]) == (43.6135, -116.2035)
    assert office["location_type"] == "physical"  # the office a patient goes to
    assert "description" not in office


def test_locators_vocabularies_are_an_hsds_taxonomy_another_directory_reads(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """Conditions, treatments and payment travel as attributes naming a term of a locator
    taxonomy by its name, as another directory's reader shows it, and the CSV package lists
    those taxonomies and terms, each term linked to its taxonomy."""
    from locator.hsds.reading import read

    package = tmp_path / "package"
    _export(run_cli, _registry_file(tmp_path, "rich"), "hsds-csv", package)
    [service] = read(package).services
    said = {
        (a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["name"], a["value"])
        for a in service["attributes"]
        if a["taxonomy_term"].get("taxonomy", "").startswith("locator ")
        and a["taxonomy_term"]["taxonomy"] != "locator facts"
    }
    assert said == {
        ("locator conditions", "Depression", "treated"),
        ("locator conditions", "PTSD", "treated"),
        ("locator treatments", "IV ketamine infusion", "offered"),
        ("locator treatments", "Esketamine nasal spray (Spravato)", "not offered"),
        ("locator payment", "Self-pay", "accepted"),
        ("locator payment", "Medicaid", "not accepted"),
    }
    with (package / "taxonomies.csv").open(encoding="utf-8", newline="") as rows:
        taxonomies = {row["id"]: row["name"] for row in csv.DictReader(rows)}
    assert set(taxonomies.values()) == {
        "locator conditions",
        "locator treatments",
        "locator payment",
        "locator facts",
    }
    with (package / "taxonomy_terms.csv").open(encoding="utf-8", newline="") as rows:
        terms = {row["name"]: taxonomies.get(row["taxonomy_id"]) for row in csv.DictReader(rows)}
    assert terms["PTSD"] == "locator conditions"
    assert terms["Medicaid"] == "locator payment"
    assert terms["Walk-in"] is None  # an imported file's own term, given back as it was


@pytest.mark.parametrize("name", sorted(REGISTRIES))
def test_an_address_part_not_listed_never_fills_an_address_field(
    run_cli: CliRunner, tmp_path: Path, name: str
) -> None:
    """An address without a street (or a ZIP) is no HSDS address with "not listed" in it."""
    out = tmp_path / "hsds.json"
    _export(run_cli, _registry_file(tmp_path, name), "hsds", out)
    for service in _services(out):
        for at_location in service.get("service_at_locations", []):
            for address in at_location["location"].get("addresses", []):
                assert "not listed" not in address.values()


def test_an_inferred_state_says_it_is_inferred(run_cli: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "hsds.json"
    _export(run_cli, _registry_file(tmp_path, "shipped"), "hsds", out)
    areas = {
        area["name"]: area.get("description", "")
        for service in _services(out)
        for area in service.get("service_areas", [])
    }
    assert (
        "UT is inferred, as no source names it: The source names no state;"
        in (areas["South Jordan, UT"])
    )
    assert "inferred" not in areas["Allen, TX"]


def test_access_and_hours_are_hsds_accessibility_and_schedules_with_their_quotes(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "hsds.json"
    _export(run_cli, _registry_file(tmp_path, "practical"), "hsds", out)
    stated, _refused, silent = _services(out)
    [access] = stated["service_at_locations"][0]["location"]["accessibility"]
    assert access["description"] == "Wheelchair accessible."
    hours = [schedule["description"] for schedule in stated["schedules"]]
    assert hours == ["Open in the evening.", "Not open at weekends."]
    quoted = {
        (row["resource_type"], row["replacement_value"]): row["previous_value"]
        for row in stated["metadata"]
        if row["resource_id"] in {access["id"], *(s["id"] for s in stated["schedules"])}
    }
    assert set(quoted) == {
        ("accessibility", "Wheelchair accessible."),
        ("schedule", "Open in the evening."),
        ("schedule", "Not open at weekends."),
    }
    assert all(quoted.values())  # each the quote that states it
    assert "schedules" not in silent  # no source says: nothing written, never a "no"
    assert "accessibility" not in silent["service_at_locations"][0]["location"]


def test_what_no_source_states_is_absent_never_no(run_cli: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "hsds.json"
    _export(run_cli, _registry_file(tmp_path, "practical"), "hsds", out)
    stated, refused, silent = _services(out)

    def facts(service: dict[str, Any]) -> dict[str, str]:
        return {
            a["taxonomy_term"]["code"]: a["value"]
            for a in service["attributes"]
            if a["taxonomy_term"]["taxonomy"] == "locator facts"
        }

    assert facts(stated)["wheelchair_accessible"] == "true"
    assert facts(stated)["weekend_hours"] == "false"  # a source says no: "false"
    assert facts(refused)["telehealth"] == "false"
    assert "evening_hours" not in facts(refused)  # not listed: absent
    # an address without a street is a fact, not an HSDS address with "not listed" in it
    assert set(facts(silent)) == {"id", "location", "address"}
    for key in ("languages", "cost_options", "phones", "contacts"):
        assert key not in silent
    assert {a["value"] for a in silent["attributes"]} - {"offered"} == {
        "canyon-mind-care-murray",
        json.dumps({"city": "Murray", "state": "UT"}),
        json.dumps(
            {"latitude": 40.66689, "longitude": -111.88799, "precision": "city", "source": "test"}
        ),
    }
    [price] = stated["cost_options"]
    assert (price["option"], price["currency"], price["amount"]) == ("per session", "USD", 400)
    assert price["amount_description"] == "$400 to $750 per session"
    refusals = [a for a in refused["attributes"] if a["value"] == "not accepted"]
    assert [a["taxonomy_term"]["code"] for a in refusals] == ["insurance"]


def test_each_quote_is_a_metadata_row_per_value_with_its_document(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "hsds.json"
    _export(run_cli, _registry_file(tmp_path, "rich"), "hsds", out)
    [service] = _services(out)
    rows = service["metadata"]
    area = [r for r in rows if r["field_name"] == "service_area"]
    assert [r["replacement_value"] for r in area] == ["Boise, ID", "Meridian, ID"]
    for row in area:
        assert row["previous_value"].startswith("We treat depression and PTSD")
        assert row["updated_by"] == "A made-up clinic page"  # the document's title
        assert row["last_action_date"] == "2026-10-01"  # when it was read
    listed = {
        r["field_name"]: r["replacement_value"] for r in rows if r["last_action_type"] == "listed"
    }
    # nothing unknown is written as a value ("sources: not listed" would read as a fact)
    assert "not listed" not in [
        r[key] for r in rows for key in ("previous_value", "replacement_value")
    ]
    notes = [r for r in rows if r["field_name"] == "sources"]
    assert [(r["previous_value"], r["replacement_value"]) for r in notes] == [
        ("A quote that backs the notes.", "A quote that backs the notes.")
    ]
    documents = [r for r in rows if r["last_action_type"] == "listed"]
    assert all(r["previous_value"] == r["replacement_value"] for r in documents)
    assert listed == {
        "document.file": "rich.txt",
        "document.title": "A made-up clinic page",
        "document.publisher": "Made Up",
        "document.url": "https://example.org/p",
        "document.read": "2026-10-01",
    }


def _import(run_cli: CliRunner, source: Path, out: Path) -> str:
    result = run_cli("--lang", "en", "import", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    return result.stderr


def _validate(run_cli: CliRunner, path: Path) -> None:
    result = run_cli("--lang", "en", "validate", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


@pytest.mark.parametrize("fmt", ["hsds", "hsds-csv"])
@pytest.mark.parametrize("name", sorted(REGISTRIES))
def test_a_round_trip_gives_back_every_field(
    run_cli: CliRunner, tmp_path: Path, name: str, fmt: str
) -> None:
    exported = tmp_path / ("hsds.json" if fmt == "hsds" else "package")
    _export(run_cli, _registry_file(tmp_path, name), fmt, exported)
    back = tmp_path / "back" / "back.yaml"
    back.parent.mkdir()
    _import(run_cli, exported, back)
    _validate(run_cli, back)
    before = parse_registry(REGISTRIES[name].encode())
    after = load_registry(back)
    assert len(after.clinics) == len(before.clinics)
    for old, new in zip(before.clinics, after.clinics, strict=True):
        for field in type(old).model_fields:
            assert getattr(new, field) == getattr(old, field), (old.id, field)
    _same_documents(before, after)


def _same_documents(before: Registry, after: Registry) -> None:
    cited = {s.document for c in before.clinics for s in c.sources}
    assert {d.file: d for d in after.documents} == {
        d.file: d for d in before.documents if d.file in cited
    }


def test_the_specifications_service_imports_with_a_report(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "directory.yaml"
    out.parent.mkdir()
    said = _import(run_cli, EXAMPLES / "service_full.json", out)
    assert "locator: 1 taxonomy term not recognised: name" in said
    assert "kept under hsds as the file wrote them" in said
    _validate(run_cli, out)
    [clinic] = load_registry(out).clinics
    assert clinic.name == "Community Counselling"
    assert clinic.organization == "Example Organization Inc."
    assert clinic.website == "http://example.com/counselling"
    assert clinic.address is None  # its one address is "postal": a mailing address, kept
    assert clinic.location is None  # latitude 100 is no place on Earth: kept, not mapped
    assert clinic.phone == "+44 1234 234567"  # without the quote marks the file wrote
    assert clinic.last_verified.isoformat() == "2005-01-01"  # its assured_date
    assert {s.document for s in clinic.sources} == {"service_full.json"}
    assert clinic.hsds is not None
    assert clinic.hsds["service_at_locations"][0]["location"]["latitude"] == 100
    assert clinic.hsds["attributes"][0]["taxonomy_term"]["name"] == "name"
    assert "Urdu" in [language["name"] for language in clinic.hsds["languages"]]


@pytest.mark.parametrize(
    "example",
    [
        "service_list.json",
        "service_at_location_full.json",
        "service_at_location_list.json",
        "organization_full.json",
    ],
)
def test_each_json_form_of_the_specifications_examples_imports(
    run_cli: CliRunner, tmp_path: Path, example: str
) -> None:
    """A page of services, a service at a location (alone or a page of them), an organization
    with its services: each is the example's one service, at its location where it has one."""
    out = tmp_path / "out" / "example.yaml"
    out.parent.mkdir()
    _import(run_cli, EXAMPLES / example, out)
    _validate(run_cli, out)
    [clinic] = load_registry(out).clinics
    assert clinic.name == "Community Counselling"
    assert clinic.organization == "Example Organization Inc."
    assert clinic.hsds is not None
    assert clinic.hsds["eligibility_description"].startswith("This service is intended")
    if "at_location" in example:
        assert clinic.hsds["service_at_locations"][0]["location"]["latitude"] == 100


@pytest.mark.parametrize("form", ["folder", "zip", "deflated zip"])
def test_the_specifications_csv_package_imports(
    run_cli: CliRunner, tmp_path: Path, form: str
) -> None:
    """As a folder or a zip, stored or compressed as zip tools usually make them."""
    source = EXAMPLES / "csv"
    if form != "folder":
        source = tmp_path / "package.zip"
        method = zipfile.ZIP_DEFLATED if form == "deflated zip" else zipfile.ZIP_STORED
        zip_example_package(source, method=method, folder="hsds/")
    out = tmp_path / "out" / "package.yaml"
    out.parent.mkdir()
    said = _import(run_cli, source, out)
    # its attribute and metadata rows name ids the package does not have, its term and
    # taxonomy only that attribute, and no service reads its table descriptions: said, not
    # dropped; its organization's identifier is kept
    assert (
        "5 rows no service in the package holds (they link to nothing, or to what no service "
        "holds), so no entry keeps them: attributes.csv row 2; metadata.csv row 2; "
        "taxonomy_terms.csv row 2; meta_table_descriptions.csv row 2; taxonomies.csv row 2"
    ) in said
    _validate(run_cli, out)
    [clinic] = load_registry(out).clinics
    assert clinic.name == "Community Counselling"
    assert clinic.address is None  # "postal": kept, never the office
    assert clinic.hsds is not None
    [address] = clinic.hsds["service_at_locations"][0]["location"]["addresses"]
    assert (address["address_1"], address["address_type"]) == ("1-30 Main Street", "postal")
    assert clinic.hsds["email"] == "email@example.com"
    [identifier] = clinic.hsds["organization"]["organization_identifiers"]
    assert (identifier["identifier_scheme"], identifier["identifier"]) == ("GB-COH", "1234567")


def test_an_export_gives_back_what_an_import_could_not_map(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    imported = tmp_path / "out" / "directory.yaml"
    imported.parent.mkdir()
    _import(run_cli, EXAMPLES / "service_full.json", imported)
    again = tmp_path / "again.json"
    _export(run_cli, imported, "hsds", again)
    [service] = _services(again)
    original = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    for key in ("description", "email", "eligibility_description", "schedules", "funding"):
        assert service[key] == original[key]
    assert original["attributes"][0] in service["attributes"]
    location = service["service_at_locations"][0]["location"]
    assert location["addresses"] == original["service_at_locations"][0]["location"]["addresses"]
    assert service_validator().is_valid(service)


def _lost(original: Any, exported: Any, path: str = "") -> list[str]:
    """Each value of ``original`` (a path to it) that ``exported`` does not hold in the same
    place; list items are matched by their id (a phone number keeps the quote marks written
    around it, as every value comes back as written)."""
    if isinstance(original, dict):
        if not isinstance(exported, dict):
            return [path]
        return [
            lost for k, v in original.items() for lost in _lost(v, exported.get(k), f"{path}/{k}")
        ]
    if isinstance(original, list):
        if not isinstance(exported, list):
            return [path]
        lost = []
        for index, item in enumerate(original):
            match = exported[index] if index < len(exported) else None
            if isinstance(item, dict) and "id" in item:
                match = next((e for e in exported if e.get("id") == item["id"]), None)
            lost.extend(_lost(item, match, f"{path}/{index}"))
        return lost
    if original == exported:
        return []
    return [f"{path}: {original!r} became {exported!r}"]


@pytest.mark.parametrize(
    "example",
    [
        "service_full.json",
        "service_list.json",
        "service_at_location_full.json",
        "service_at_location_list.json",
        "organization_full.json",
        "csv",
    ],
)
def test_the_specifications_examples_come_back_field_by_field(
    run_cli: CliRunner, tmp_path: Path, example: str
) -> None:
    """Imported, then exported again: every value of the example is in its place (the phone's
    extension, the service at location's contacts, phones and schedules, the location's name,
    every id, the file's own metadata rows…), and the export is valid HSDS."""
    from locator.hsds.reading import read

    imported = tmp_path / "out" / "directory.yaml"
    imported.parent.mkdir()
    _import(run_cli, EXAMPLES / example, imported)
    fmt = "hsds-csv" if example == "csv" else "hsds"
    again = tmp_path / ("package" if example == "csv" else "again.json")
    _export(run_cli, imported, fmt, again)
    [original] = read(EXAMPLES / example).services
    [service] = read(again).services
    assert _lost(original, service) == []
    assert service["status"] == "active"  # the file says so: no "assumed" row
    assert "assumed" not in [row["last_action_type"] for row in service["metadata"]]
    if example != "csv":
        assert service_validator().is_valid(service)
        package = tmp_path / "package"  # the CSV form too (the example's own package has
        _export(run_cli, imported, "hsds-csv", package)  # links to rows it lacks)
        report = frictionless_validate(package / "datapackage.json")
        assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "message"])


def test_a_virtual_or_postal_location_is_never_the_office(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """Only a physical (or untyped) location and address are where a patient goes: a virtual
    location is kept with its id and name, given back in its place, and the export is valid."""
    service = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    location = service["service_at_locations"][0]["location"]
    location |= {"location_type": "virtual", "latitude": 40.57, "longitude": -111.86}
    location["addresses"][0] |= {"state_province": "UT", "postal_code": "84070"}
    location["addresses"][0]["address_type"] = "physical"
    source = tmp_path / "virtual.json"
    source.write_text(json.dumps(service), encoding="utf-8")
    out = tmp_path / "out" / "virtual.yaml"
    out.parent.mkdir()
    _import(run_cli, source, out)
    [clinic] = load_registry(out).clinics
    assert (clinic.address, clinic.location) == (None, None)
    again = tmp_path / "again.json"
    _export(run_cli, out, "hsds", again)
    [exported] = _services(again)
    assert exported["service_at_locations"][0]["location"] == location
    assert service_validator().is_valid(exported)


def test_the_field_table_is_what_the_code_maps() -> None:
    """docs/hsds.md's round-trip table is the one the correspondence writes, and names every
    field of a service the import reads."""
    from locator.hsds.correspondence import field_table, field_table_text
    from locator.hsds.importing import READ

    assert field_table_text() in (REPO / "docs" / "hsds.md").read_text("utf-8")
    named = " ".join(hsds for hsds, _field, _how in field_table())
    for field in READ:
        assert f"`{field}" in named or f"`service.{field}" in named or f"{field}[]" in named, field


def test_an_invalid_json_file_is_refused_whole_with_every_problem(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    broken = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    del broken["name"]
    broken["status"] = "open"
    broken["phones"][0].pop("number")
    source = tmp_path / "broken.json"
    source.write_text(json.dumps([broken]), encoding="utf-8")
    out = tmp_path / "broken.yaml"
    result = run_cli("--lang", "en", "import", str(source), "-o", str(out))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "broken.json: /0: “name” is missing; HSDS requires it" in lines
    assert (
        "broken.json: /0/status: expected one of active, inactive, defunct, temporarily closed; "
        "found the text “open”" in lines
    )
    assert "broken.json: /0/phones/0: “number” is missing; HSDS requires it" in lines
    assert lines[-1] == "3 problems in " + str(source) + "; nothing was written"
    assert not out.exists()


def test_an_invalid_csv_package_names_each_row_and_column(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    package = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", package)
    services = package / "services.csv"
    text = services.read_text("utf-8").replace(",active,", ",open,")
    services.write_text(text, encoding="utf-8")
    locations = package / "locations.csv"
    locations.write_text(locations.read_text("utf-8").replace(",100,101,", ",north,101,"), "utf-8")
    out = tmp_path / "package.yaml"
    result = run_cli("--lang", "en", "import", str(package), "-o", str(out))
    assert result.returncode == 1
    assert (
        "services.csv row 2:9: expected one of active, inactive, defunct, temporarily closed; "
        "found the text “open”" in result.stderr
    )
    assert "locations.csv row 2:9: expected a number, found the text “north”" in result.stderr
    assert "2 problems in" in result.stderr
    assert not out.exists()


def test_a_latin_1_csv_is_one_problem_at_its_row_and_column(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """services.csv saved as Latin-1 (as Excel on Windows may): the first byte that is not
    UTF-8 is named at its row and column, and its columns are all read (none "missing")."""
    package = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", package)
    services = package / "services.csv"
    text = services.read_text("utf-8").replace("Community Counselling", "Clínica Counselling")
    services.write_bytes(text.replace("Counselling", "Counsellíng").encode("latin-1"))
    result = run_cli("--lang", "en", "import", str(package), "-o", str(tmp_path / "p.yaml"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "services.csv row 2:4: byte 0xed is not UTF-8 text; save the file as UTF-8",
        f"1 problem in {package}; nothing was written",
    ]


def test_a_note_longer_than_the_csv_modules_cells_comes_back_whole_through_a_package(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A 1.1 MB note (the csv module's cells stop at 131,072 characters) is written into the
    CSV package and read back whole by locator's own import."""
    registry = yaml.safe_load(VALID)
    note = ("word " * 220_000).strip()
    registry["clinics"][0]["notes"] = note
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(registry, sort_keys=False), encoding="utf-8")
    package = tmp_path / "package"
    _export(run_cli, path, "hsds-csv", package)
    back = tmp_path / "back.yaml"
    _import(run_cli, package, back)
    assert note in [clinic.notes for clinic in load_registry(back).clinics]


def test_a_column_given_twice_is_a_problem_at_its_header(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A header naming a column twice is said as such, where it is, and nothing is written."""
    package = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", package)
    services = package / "services.csv"
    header, rest = services.read_text("utf-8").split("\n", 1)
    services.write_text(f"{header},name\n{rest}", encoding="utf-8")
    out = tmp_path / "package.yaml"
    result = run_cli("--lang", "en", "import", str(package), "-o", str(out))
    assert result.returncode == 1
    column = len(header.split(",")) + 1
    assert f"services.csv row 1:{column}: the column “name” is given twice" in result.stderr
    assert not out.exists()


def test_a_repeated_id_is_a_problem_at_its_row(run_cli: CliRunner, tmp_path: Path) -> None:
    """An id is a table's primary key: repeated, it is refused at its row before any row is
    joined to another (joined, a few hundred rows sharing one id make millions)."""
    package = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", package)
    for name in ("services.csv", "phones.csv"):
        table = package / name
        header, row = table.read_text("utf-8").splitlines()[:2]
        table.write_text("\n".join([header, *[row] * 300]) + "\n", encoding="utf-8")
    out = tmp_path / "package.yaml"
    result = run_cli("--lang", "en", "import", str(package), "-o", str(out))
    assert result.returncode == 1
    first = (package / "services.csv").read_text("utf-8").splitlines()[1].split(",")[0]
    assert f"services.csv row 3:1: the id “{first}” is already row 2's" in result.stderr
    assert "598 problems in" in result.stderr
    assert not out.exists()


def test_import_never_replaces_a_file(run_cli: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "clinics.yaml"
    out.write_text("mine", encoding="utf-8")
    result = run_cli("--lang", "en", "import", str(EXAMPLES / "service_full.json"), "-o", str(out))
    assert result.returncode == 2
    assert "exists; name another file with -o" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"


def test_not_hsds_at_all_is_one_sentence(run_cli: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "notes.json"
    source.write_text('{"hello": "world"}', encoding="utf-8")
    result = run_cli("--lang", "en", "import", str(source), "-o", str(tmp_path / "x.yaml"))
    assert result.returncode == 1
    assert "notes.json: /: not HSDS services" in result.stderr
    assert "Traceback" not in result.stderr


def test_each_service_at_each_location_is_an_entry(run_cli: CliRunner, tmp_path: Path) -> None:
    """A page of services, one of them at two locations: three entries, each keeping what
    its service held that does not map."""
    service = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    service["service_at_locations"][0]["location"]["addresses"][0]["address_type"] = "physical"
    second = json.loads(json.dumps(service))
    second["id"], second["name"] = "0b6bd9a5-3f51-4e3d-9e2c-6a3f0e4c2a11", "Second Service"
    at_two = second["service_at_locations"]
    at_two.append(json.loads(json.dumps(at_two[0])))
    at_two[1]["location"]["addresses"][0]["city"] = "Otherton"
    source = tmp_path / "page.json"
    source.write_text(json.dumps({"contents": [service, second]}), encoding="utf-8")
    out = tmp_path / "out" / "page.yaml"
    out.parent.mkdir()
    said = _import(run_cli, source, out)
    _validate(run_cli, out)
    assert (
        "1 service stands at more than one location, so it became an entry per location; an "
        "HSDS export gives it back as one service, unless an entry is edited apart from the "
        "others: Second Service (2 locations)"
    ) in said
    clinics = load_registry(out).clinics
    assert [(c.name, c.address and c.address.city) for c in clinics] == [
        ("Community Counselling", "MyCity"),
        ("Second Service", "MyCity"),
        ("Second Service", "Otherton"),
    ]
    assert len({c.id for c in clinics}) == 3
    assert all(c.hsds and c.hsds["email"] == "email@example.com" for c in clinics)


def test_quotes_are_the_files_own_words_when_it_is_at_hand(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """Imported beside the file, `locator validate` checks each quote against it: the phone
    number is quoted as the file says it, without the quote marks written around it."""
    shutil.copy(EXAMPLES / "service_full.json", tmp_path / "service.json")
    out = tmp_path / "service.yaml"
    _import(run_cli, tmp_path / "service.json", out)
    result = run_cli("--lang", "en", "validate", str(out))
    assert result.returncode == 0, result.stderr
    assert "not checked" not in result.stderr
    [clinic] = load_registry(out).clinics
    assert clinic.phone == "+44 1234 234567"
    assert "+44 1234 234567" in [source.quote for source in clinic.sources]


def test_a_json_file_that_escapes_characters_imports_and_its_quotes_check(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """JSON as Python writes it by default (``\\u00ed``) and as PHP writes it (``\\/``): the
    quotes are the file's decoded words, and `locator validate` finds them in it."""
    service = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    service["name"] = 'Clínica "Esperanza"'
    service["url"] = "https://example.org/clinic"
    text = json.dumps(service).replace("/", "\\/")
    assert "\\u00ed" in text
    assert "https:\\/\\/" in text
    (tmp_path / "escaped.json").write_text(text, encoding="utf-8")
    out = tmp_path / "escaped.yaml"
    _import(run_cli, tmp_path / "escaped.json", out)
    result = run_cli("--lang", "en", "validate", str(out))
    assert result.returncode == 0, result.stderr
    assert "not checked" not in result.stderr
    [clinic] = load_registry(out).clinics
    assert clinic.name == 'Clínica "Esperanza"'
    quotes = [source.quote for source in clinic.sources]
    assert 'Clínica "Esperanza"' in quotes
    assert "https://example.org/clinic" in quotes


def test_an_accented_name_keeps_its_letters_in_the_id(run_cli: CliRunner, tmp_path: Path) -> None:
    service = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    service["name"] = "Clínica San José"
    service["service_at_locations"][0]["location"]["addresses"][0]["address_type"] = "physical"
    source = tmp_path / "clinica.json"
    source.write_text(json.dumps(service), encoding="utf-8")
    out = tmp_path / "out" / "clinica.yaml"
    out.parent.mkdir()
    _import(run_cli, source, out)
    [clinic] = load_registry(out).clinics
    assert clinic.id == "clinica-san-jose-mycity"


def test_a_service_without_coordinates_is_placed_by_its_address_and_says_so(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    service = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    location = service["service_at_locations"][0]["location"]
    del location["latitude"], location["longitude"]
    address = location["addresses"][0]
    address |= {"city": "Sandy", "state_province": "UT", "postal_code": "84070"}
    address["address_type"] = "physical"  # a postal address is no office to stand at
    source = tmp_path / "sandy.json"
    source.write_text(json.dumps(service), encoding="utf-8")
    out = tmp_path / "out" / "sandy.yaml"
    out.parent.mkdir()
    said = _import(run_cli, source, out)
    assert "1 entry placed by its address with the offline gazetteer" in said
    _validate(run_cli, out)
    [clinic] = load_registry(out).clinics
    assert clinic.location is not None
    assert clinic.location.precision == "postal_code"
    assert clinic.location.source.startswith("offline gazetteer (US ZIP codes, GeoNames): ")
    assert clinic.location.source.endswith("84070")
    assert abs(clinic.location.latitude - 40.57) < 0.1
    assert abs(clinic.location.longitude + 111.86) < 0.1


def test_a_service_no_longer_active_is_not_listed_and_the_report_says_so(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    service = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    defunct = service | {"id": "0b6bd9a5-3f51-4e3d-9e2c-6a3f0e4c2a12", "name": "Gone"}
    closed = service | {"id": "0b6bd9a5-3f51-4e3d-9e2c-6a3f0e4c2a13", "name": "Closed Now"}
    defunct["status"], closed["status"] = "defunct", "temporarily closed"
    source = tmp_path / "statuses.json"
    source.write_text(json.dumps([service, defunct, closed]), encoding="utf-8")
    out = tmp_path / "out" / "statuses.yaml"
    out.parent.mkdir()
    said = _import(run_cli, source, out)
    assert (
        "2 services not imported, as the file says they are not active: Gone (defunct); "
        "Closed Now (temporarily closed)"
    ) in said
    assert [c.name for c in load_registry(out).clinics] == ["Community Counselling"]


def _attribute(number: int, name: str, value: str | None) -> dict[str, Any]:
    """An attribute of another directory's taxonomy naming a term locator knows."""
    term = {"id": f"3f7b145d-84af-42d7-8fae-eaca714b02{number:02d}", "name": name}
    term |= {"description": name, "taxonomy": "another directory's"}
    attribute = {"id": f"ae58cc39-8b70-4ab1-8aea-786882e5ac{number:02d}", "taxonomy_term": term}
    return attribute if value is None else attribute | {"value": value}


def test_a_term_the_file_says_no_to_is_never_claimed(run_cli: CliRunner, tmp_path: Path) -> None:
    """A clear yes (or no value) is claimed; a clear no, or a value that is neither, is not:
    it is kept under hsds and the report names it."""
    service = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    service["attributes"] = [
        _attribute(1, "Anxiety", "false"),
        _attribute(2, "IV ketamine infusion", "not offered"),
        _attribute(3, "PTSD", "maybe"),
        _attribute(4, "Depression", "Yes"),
        _attribute(5, "Esketamine nasal spray", None),
        _attribute(6, "Bipolar depression", "0"),
    ]
    source = tmp_path / "said.json"
    source.write_text(json.dumps(service), encoding="utf-8")
    out = tmp_path / "said.yaml"
    said = _import(run_cli, source, out)
    _validate(run_cli, out)
    [clinic] = load_registry(out).clinics
    assert clinic.conditions == ["depression"]
    assert clinic.treatments == ["esketamine_nasal_spray"]
    assert clinic.hsds is not None
    assert [a["value"] for a in clinic.hsds["attributes"]] == ["false", "not offered", "maybe", "0"]
    assert (
        "3 taxonomy terms the file says no to, so not claimed (kept under hsds): "
        "Anxiety (false), IV ketamine infusion (not offered), Bipolar depression (0)"
    ) in said
    assert "1 taxonomy term whose value is neither a clear yes nor a clear no" in said
    assert "PTSD (maybe)" in said


def test_a_long_list_of_terms_names_the_first_20_as_the_file_orders_them(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """30 unknown terms: the first 20 in the file's order (2 before 10), then a count."""
    service = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    service["attributes"] = [_attribute(n, f"Term number {n}", None) for n in range(1, 31)]
    source = tmp_path / "terms.json"
    source.write_text(json.dumps(service), encoding="utf-8")
    said = _import(run_cli, source, tmp_path / "terms.yaml")
    named = ", ".join(f"Term number {n}" for n in range(1, 21))
    assert f"30 taxonomy terms not recognised: {named}, … and 10 more" in said


def test_a_price_without_digits_is_kept_not_an_error(run_cli: CliRunner, tmp_path: Path) -> None:
    service = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    service["cost_options"] = [
        {"id": "1fdf4d39-3d80-484d-9f92-a8ffa08621e7", "option": "per session", "currency": "USD"}
        | {"amount_description": "$, per session"}
    ]
    source = tmp_path / "price.json"
    source.write_text(json.dumps(service), encoding="utf-8")
    out = tmp_path / "price.yaml"
    _import(run_cli, source, out)
    [clinic] = load_registry(out).clinics
    assert clinic.price_per_session is None
    assert clinic.hsds is not None
    assert clinic.hsds["cost_options"][0]["amount_description"] == "$, per session"


def test_csv_package_cells_never_run_as_formulas_and_come_back_whole(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A name a spreadsheet would run is written marked as text, and read back as it was."""
    registry = tmp_path / "formula.yaml"
    registry.write_text(VALID.replace("First Clinic", "=First Clinic"), encoding="utf-8")
    package = tmp_path / "package"
    _export(run_cli, registry, "hsds-csv", package)
    cells = [
        cell
        for table in package.glob("*.csv")
        for row in csv.reader(table.read_text("utf-8").splitlines())
        for cell in row
    ]
    assert "'=First Clinic" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]
    out = tmp_path / "out" / "again.yaml"
    out.parent.mkdir()
    _import(run_cli, package, out)
    assert "=First Clinic" in [clinic.name for clinic in load_registry(out).clinics]


def test_a_long_value_many_quotes_cover_is_cut_in_their_rows_and_kept_whole_in_its_field(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """300 quotes covering a 100,000-character name: each metadata row carries the name cut
    as a page cuts it, so the export grows with the quotes, not with quotes times the name."""
    name = "First Clinic " + "word " * 20_000
    quotes = "".join(
        f'      - {{document: seed.txt, quote: "Quote {n}.", covers: [name]}}\n' for n in range(300)
    )
    text = VALID.replace("name: First Clinic", f"name: {name}", 1).replace(
        "    last_verified: 2026-01-15\n  - id: second-clinic",
        f"{quotes}    last_verified: 2026-01-15\n  - id: second-clinic",
        1,
    )
    registry = tmp_path / "long.yaml"
    registry.write_text(text, encoding="utf-8")
    out = tmp_path / "hsds.json"
    _export(run_cli, registry, "hsds", out)
    assert out.stat().st_size < 2_000_000  # whole in each row, it would be over 30 MB
    [first, _second] = _services(out)
    assert first["name"] == name.strip()  # the field itself, whole
    rows = [r for r in first["metadata"] if r["field_name"] == "name"]
    assert len(rows) == 301
    assert {r["replacement_value"] for r in rows} == {name[:1000].rstrip() + "…"}
    folder = tmp_path / "package"
    _export(run_cli, registry, "hsds-csv", folder)
    assert (folder / "metadata.csv").stat().st_size < 2_000_000


def test_a_javascript_or_reversed_address_is_left_out_of_an_import_and_every_export(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A file whose service url, email and organization website the registry would refuse
    as a website or email: the import says so and keeps none of them, and an export of a
    registry that holds them under hsds (edited by hand) writes none of them either."""
    out = tmp_path / "hsds.json"
    _export(run_cli, _registry_file(tmp_path, "rich"), "hsds", out)
    page = json.loads(out.read_text("utf-8"))
    [service] = page["contents"]
    service["url"] = "javascript:alert(document.cookie)"  # instead of the website a quote…
    service["metadata"] = [r for r in service["metadata"] if r["field_name"] != "website"]
    service["email"] = "a@b.c\u202e"
    service["organization"]["website"] = "javascript:alert(1)"
    hostile = tmp_path / "h2-jsurl.json"
    hostile.write_text(json.dumps(page), encoding="utf-8")
    registry = tmp_path / "imported.yaml"
    said = _import(run_cli, hostile, registry)
    assert "3 addresses not kept, as the registry takes no such website or email" in said
    assert ": url: a javascript: address" in said
    assert ": organization/website: a javascript: address" in said
    assert ": email: an address with characters that change the order it reads in" in said
    text = registry.read_text("utf-8")
    assert "javascript" not in text
    assert "\u202e" not in text
    assert "\\u202E" not in text.upper()
    _validate(run_cli, registry)
    edited = tmp_path / "edited.yaml"  # a maintainer puts them back by hand
    entry = yaml.safe_load(text)
    entry["clinics"][0].setdefault("hsds", {})["url"] = "javascript:alert(2)"
    entry["clinics"][0]["hsds"]["contacts"] = [
        {"id": "c1", "name": "X", "email": "x@evil\u202e.example"}
    ]
    edited.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    for fmt, written in (("hsds", tmp_path / "again.json"), ("hsds-csv", tmp_path / "again")):
        _export(run_cli, edited, fmt, written)
        files = [written] if written.is_file() else sorted(written.iterdir())
        for file in files:
            body = file.read_text("utf-8")
            assert "javascript" not in body, file
            assert "evil\u202e" not in body, file
            assert "\\u202e" not in body, file


def test_a_website_whose_host_is_not_the_host_opened_is_left_out_for_that_reason() -> None:
    kept = {
        "organization": {"website": "https://b\u00fccher.example/"},
        "url": "https://ok.example:99999/",
        "locations": [{"url": "https://0x7f.1/"}, {"url": "HTTPS://GOOD.EXAMPLE/"}],
    }
    opened = "a web address that would not open the host it shows: "
    assert list(refused(kept)) == [
        (
            "organization/website",
            opened + "the host b\u00fccher.example is not plain ASCII, so the host used is "
            "xn--bcher-kva.example",
        ),
        ("url", opened + "the port “99999” is not one from 1 to 65535"),
        ("locations/0/url", opened + "the host 0x7f.1 is a number, so the host used is 127.0.0.1"),
        ("locations/1/url", "a web address whose http:// or https:// is not in lower case"),
    ]


def test_hsds_a_registry_edited_by_hand_keeps_in_any_shape_is_left_out_and_named(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A maintainer edits what an entry keeps under hsds into shapes HSDS does not take (a
    contact with no id, a phone as text, an organization as a list, empty lists): both HSDS
    exports still finish, stay valid, keep what fits, and name what they left out."""
    entry = yaml.safe_load(REGISTRIES["rich"])
    clinic = entry["clinics"][0]
    clinic["hsds"] = {
        "contacts": [{"name": "No id"}],
        "phones": "801-555-0100",
        "organization": ["not", "an", "object"],
        "service_at_locations": [],
        "schedules": [],
        "alert": "Closed on Fridays",
    }
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    validator = service_validator()
    for fmt, out in (("hsds", tmp_path / "out.json"), ("hsds-csv", tmp_path / "package")):
        result = run_cli(
            "--lang", "en", "export", "--format", fmt, "--registry", str(edited), "-o", str(out)
        )
        assert result.returncode == 0, result.stderr
        said = result.stdout + result.stderr
        assert "unexpected error" not in said
        assert "3 values kept under hsds are not valid HSDS and are left out" in said
        assert f"{clinic['id']} (contacts)" in said
        assert f"{clinic['id']} (organization)" in said
    [service, *_] = _services(tmp_path / "out.json")
    assert [f"{e.json_path}: {e.message}" for e in validator.iter_errors(service)] == []
    assert service["alert"] == "Closed on Fridays"  # what fits is still given back
    assert service["phones"][0]["number"] != "801-555-0100"
    report = frictionless_validate(tmp_path / "package" / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "message"])


def test_only_what_a_kept_object_speaks_of_is_said_to_be_in_the_file() -> None:
    """A price per session is no price per series; a note on parking says nothing of a
    wheelchair; weekday hours to six are neither evening nor weekend hours."""
    from locator.hsds.correspondence import held_under_hsds

    kept: dict[str, Any] = {
        "cost_options": [{"option": "Adults", "amount_description": "per 1 hour session"}],
        "schedules": [{"byday": "MO,TU", "opens_at": "10:00:00", "closes_at": "18:00:00"}],
        "service_at_locations": [{"location": {"accessibility": [{"description": "Parking."}]}}],
    }
    assert held_under_hsds(kept) == {"price_per_session"}
    kept["cost_options"].append({"option": "A course of six"})
    kept["schedules"].append({"byday": "SA", "closes_at": "20:30"})
    kept["service_at_locations"][0]["location"]["accessibility"].append(
        {"description": "Wheelchair access on all floors."}
    )
    assert held_under_hsds(kept) == {
        "price_per_session",
        "price_per_series",
        "evening_hours",
        "weekend_hours",
        "wheelchair_accessible",
    }


def test_what_the_registry_holds_wins_over_what_hsds_keeps(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A hand edit of hsds (or an entry moved since its import) never renames the clinic,
    closes it, changes its organization or moves its office in an HSDS export; the file's
    own ids and what the registry does not say still come back, with no character in them
    that would turn text around."""
    entry = yaml.safe_load(REGISTRIES["rich"])
    clinic = entry["clinics"][0]
    clinic["hsds"] = {
        "name": "Evil Clinic",
        "status": "inactive",
        "alert": "Closed \u202eyadirf\u202c on holidays",
        "organization": {"id": "org-1", "name": "Evil Org", "description": "Call 1-900-EVIL"},
        "service_at_locations": [
            {"id": "sal-1", "location": {"id": "loc-1", "latitude": 0.0, "longitude": 0.0}}
        ],
    }
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out.json"
    _export(run_cli, edited, "hsds", out)
    [service] = _services(out)
    assert service["name"] == clinic["name"]
    assert service["status"] == "active"
    assert service["organization"]["name"] == clinic["organization"]
    assert service["organization"]["id"] == "org-1"  # the file's own, to match its records
    assert service["organization"]["description"] == "Call 1-900-EVIL"  # the registry: none
    [office] = service["service_at_locations"]
    assert office["id"] == "sal-1"
    assert office["location"]["id"] == "loc-1"
    point = (office["location"]["latitude"], office["location"]["longitude"])
    assert point == (clinic["location"]["latitude"], clinic["location"]["longitude"])
    assert service["alert"] == "Closed \ufffdyadirf\ufffd on holidays"
    assert "\u202e" not in out.read_text("utf-8")
    clinic["location"]["precision"] = "city"  # an office the file gave only as a city…
    clinic["hsds"]["service_at_locations"][0]["location"] |= {"latitude": 43.6, "longitude": -116.2}
    edited.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    _export(run_cli, edited, "hsds", out)
    [office] = _services(out)[0]["service_at_locations"]
    assert "latitude" not in office["location"]  # …moved since: not the file's old point


def test_an_export_into_a_package_folder_removes_what_a_killed_export_left_there(
    valid_registry: Path, tmp_path: Path
) -> None:
    """A killed export leaves its temporaries (unlocked, named as locator's own); the next
    export into the folder removes them, and nothing of the user's named alike."""
    from locator.hsds.tabular import write_package

    folder = tmp_path / "package"
    folder.mkdir()
    left = [
        folder / ".services.csv.locator-k1ll3d00.tmp",
        folder / ".datapackage.json.locator-abcdefgh.tmp",
    ]
    for stray in left:
        stray.write_text("half a table")
    mine = [
        folder / ".services.csv.locator-notes.tmp",
        folder / "services.csv.locator-k1ll3d00.tmp",
    ]
    for kept in mine:
        kept.write_text("mine")
    write_package(load_registry(valid_registry), folder, lambda _fraction: None)
    assert not any(stray.exists() for stray in left)
    assert all(kept.read_text() == "mine" for kept in mine)
    assert (folder / "services.csv").is_file()


def test_a_website_naming_a_user_before_the_host_is_left_out_for_that_reason() -> None:
    """What an import report says of such an address: the host it would open, not the
    generic "not a web address"."""
    from locator.hsds.addresses import without_refused

    kept = {
        "url": "https://trusted.example@evil.example/",
        "organization": {"website": "https://me:secret@evil.example/x", "name": "Kept"},
    }
    said = (
        "a web address that would not open the host it shows: it names a user before '@', "
        "so the host used is evil.example"
    )
    assert list(refused(kept)) == [("url", said), ("organization/website", said)]
    assert without_refused(kept) == {"organization": {"name": "Kept"}}
