"""schema.org MedicalClinic JSON-LD on exported pages (`locator map`, the comparison's HTML):
one object per clinic, saying only what the sources say, and no registry text ends its script."""

from __future__ import annotations

import json
from pathlib import Path

from locator.data.loader import load_registry
from locator.data.models import Provider
from locator.schema_org import medical_specialties
from tests.helpers.cli import CliRunner
from tests.helpers.linked_data import linked_data
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import PRACTICAL, VALID

SHIPPED = REPO / "clinics.yaml"
BREAKOUT = "</script><script>alert(1)</script><!-- & -->"


def _write(folder: Path, text: str) -> Path:
    registry = folder / "clinics.yaml"
    registry.write_text(text, encoding="utf-8")
    return registry


def test_an_exported_map_describes_each_clinic_as_its_sources_do(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "map.html"
    result = run_cli(
        "map", "Sandy, UT", "--registry", str(SHIPPED), "--limit", "50", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    objects, _ = linked_data(out)
    assert objects
    registry = {clinic.id: clinic for clinic in load_registry(SHIPPED).clinics}
    assert len({o["identifier"] for o in objects}) == len(objects)  # once each
    served = 0
    for found in objects:
        assert found["@context"] == "https://schema.org"
        assert found["@type"] == "MedicalClinic"
        clinic = registry[str(found["identifier"])]
        assert found["name"] == clinic.name
        places = [a if isinstance(a, str) else a["name"] for a in found.get("areaServed", [])]
        assert places == clinic.service_area
        if clinic.location is not None and clinic.location.served_place:
            served += 1
            assert "address" not in found  # a place it serves is no office
        assert found.get("isAcceptingNewPatients") == clinic.accepting_new_patients
        assert found.get("telephone") == clinic.phone
        assert found.get("url") == clinic.website
    assert served, "the shipped registry's entries near Sandy include one at a place it serves"


def test_new_patients_and_the_address_only_where_a_source_says_them(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    registry = _write(tmp_path, PRACTICAL)
    out = tmp_path / "map.html"
    result = run_cli("map", "Sandy, UT", "--registry", str(registry), "-o", str(out))
    assert result.returncode == 0, result.stderr
    objects = {o["identifier"]: o for o in linked_data(out)[0]}
    assert objects["wasatch-infusions-sandy"]["isAcceptingNewPatients"] is True
    assert objects["valley-ketamine-draper"]["isAcceptingNewPatients"] is False
    assert "isAcceptingNewPatients" not in objects["canyon-mind-care-murray"]  # not listed
    assert objects["canyon-mind-care-murray"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Murray",
        "addressRegion": "UT",
    }
    assert all("medicalSpecialty" not in o for o in objects.values())  # none names one


def test_the_comparisons_html_carries_one_object_per_clinic(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    registry = _write(tmp_path, PRACTICAL)
    out = tmp_path / "compare.html"
    result = run_cli(
        "compare",
        "wasatch-infusions-sandy",
        "valley-ketamine-draper",
        "--registry",
        str(registry),
        "--format",
        "html",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    objects, _ = linked_data(out)
    assert [o["name"] for o in objects] == ["Wasatch Infusions", "Valley Ketamine"]


def test_registry_text_cannot_end_the_script(run_cli: CliRunner, tmp_path: Path) -> None:
    hostile = VALID.replace("name: First Clinic", f"name: {json.dumps(BREAKOUT)}").replace(
        "name: Second Clinic", f"name: {json.dumps('Second <!-- Clinic')}"
    )
    registry = _write(tmp_path, hostile)
    pages = [tmp_path / "map.html", tmp_path / "compare.html"]
    mapped = run_cli("map", "Sandy, UT", "--registry", str(registry), "-o", str(pages[0]))
    compared = run_cli(
        "compare", "first-clinic", "second-clinic", "--registry", str(registry),
        "--format", "html", "-o", str(pages[1]),
    )  # fmt: skip
    assert mapped.returncode == 0, mapped.stderr
    assert compared.returncode == 0, compared.stderr
    for page in pages:
        objects, scripts = linked_data(page)
        assert BREAKOUT in [o["name"] for o in objects]
        assert "<script>alert(1)" not in page.read_text(encoding="utf-8")
        assert scripts == page.read_text(encoding="utf-8").count("<script")  # none injected
    assert [o["name"] for o in linked_data(pages[1])[0]] == [BREAKOUT, "Second <!-- Clinic"]


def test_a_specialty_only_where_a_clinicians_credentials_name_it() -> None:
    """A clinic's name is no source's word for its specialty: "NorTex Psychiatry" alone gives
    none (it would be an inference, stated as fact); a clinician's credentials do."""
    registry = load_registry(SHIPPED)
    by_name = {clinic.name: medical_specialties(clinic) for clinic in registry.clinics}
    assert by_name["NorTex Psychiatry"] == []
    # "ketamine" names a treatment, not a specialty; "PHNP" as written names none
    assert not any(by_name.values())
    nervana = next(c for c in registry.clinics if c.name == "Nervana Medical")
    nurse = Provider(name="A. Nurse", credentials="PMHNP-BC, CRNA")
    assert medical_specialties(nervana.model_copy(update={"providers": [nurse]})) == [
        "Psychiatric",
        "Anesthesia",
    ]


def test_a_place_served_whose_state_is_inferred_says_so(run_cli: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    result = run_cli("map", "Sandy, UT", "--registry", str(SHIPPED), "-o", str(out))
    assert result.returncode == 0, result.stderr
    areas = [area for found in linked_data(out)[0] for area in found.get("areaServed", [])]
    inferred = [area for area in areas if isinstance(area, dict)]
    assert inferred
    for area in inferred:
        assert area["@type"] == "Place"
        assert area["name"].endswith(", UT")
        assert area["description"].startswith("UT is inferred, as no source names it: ")


def test_the_docs_worked_example_is_what_the_map_writes(run_cli: CliRunner, tmp_path: Path) -> None:
    """docs/command-line.md shows a clinic's object from `locator map --offline "Dallas, TX"`
    (test_docs_commands.py runs the command as shown): the page holds it as shown."""
    docs = (REPO / "docs" / "command-line.md").read_text(encoding="utf-8")
    after = docs.split('<script type="application/ld+json">', 1)[1]
    shown = json.loads(after.split("```json\n", 1)[1].split("```", 1)[0])
    out = tmp_path / "dallas.html"
    args = ("map", "--offline", "Dallas, TX", "--registry", str(SHIPPED), "-o", str(out))
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    objects, _ = linked_data(out)
    assert shown in objects
