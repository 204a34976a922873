"""New values written in the file's own style, and edits merged into a file another program
changed meanwhile: nothing of either side lost but what both changed."""

from __future__ import annotations

from pathlib import Path

from locator.data.editing import RegistryDocument
from tests.helpers.registry_texts import VALID

NEW = {
    "id": "third-clinic",
    "name": "Third Clinic",
    "address": {"city": "Sandy", "state": "UT"},
    "conditions": ["depression"],
    "sources": [
        {"document": "seed.txt", "quote": "Third.", "covers": ["name", "address", "conditions"]}
    ],
    "last_verified": "2026-01-15",
}


def test_a_new_clinic_takes_the_files_flow_style(valid_registry: Path) -> None:
    document = RegistryDocument.open(valid_registry)
    document.add(NEW)
    document.save()
    assert valid_registry.read_text(encoding="utf-8") == VALID + (
        "  - id: third-clinic\n"
        "    name: Third Clinic\n"
        "    address: {city: Sandy, state: UT}\n"
        "    conditions: [depression]\n"
        "    sources:\n"
        '      - {document: seed.txt, quote: "Third.", covers: [name, address, conditions]}\n'
        "    last_verified: 2026-01-15\n"
    )


def test_a_new_clinic_in_a_block_style_file_stays_block(valid_registry: Path) -> None:
    block = VALID.replace(
        '    address: {city: Sandy, state: UT, postal_code: "84070"}\n',
        '    address:\n      city: Sandy\n      state: UT\n      postal_code: "84070"\n',
    )
    valid_registry.write_text(block, encoding="utf-8")
    document = RegistryDocument.open(valid_registry)
    document.add(NEW)
    document.save()
    assert "    address:\n      city: Sandy\n      state: UT\n    conditions" in (
        valid_registry.read_text(encoding="utf-8")
    )


def test_edits_to_clinics_the_other_change_left_alone_are_merged(valid_registry: Path) -> None:
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("second-clinic"), {("phone",): "(801) 555-0100"})
    document.add(NEW)
    theirs = VALID.replace("latitude: 40.59161", "latitude: 40.6")
    valid_registry.write_text(theirs, encoding="utf-8")
    merge = document.merged_with_disk()
    assert merge.lost == []
    assert merge.kept == ["Second Clinic (second-clinic)", "Third Clinic (third-clinic)"]
    merged = merge.document.render().decode("utf-8")
    assert "latitude: 40.6\n" in merged  # theirs
    assert "    phone: (801) 555-0100\n" in merged  # mine
    assert merged.startswith(theirs.split("  - id: second-clinic")[0])  # theirs, byte for byte
    merged_document = merge.document
    in_file = {
        str(merged_document.entry(key)["id"]): merged_document.in_file(key)
        for key in merged_document.clinic_keys()
    }
    # the clinic added here is carried over, but is in no line of the file until a save
    assert in_file == {"first-clinic": True, "second-clinic": True, "third-clinic": False}


def test_a_clinic_both_changed_keeps_theirs_and_says_so(valid_registry: Path) -> None:
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("location", "latitude"): 41.0})
    document.remove(document.key_for("second-clinic"))
    theirs = VALID.replace("latitude: 40.59161", "latitude: 40.6")
    valid_registry.write_text(theirs, encoding="utf-8")
    merge = document.merged_with_disk()
    assert merge.lost == ["First Clinic (first-clinic)"]
    assert merge.kept == ["Second Clinic (second-clinic)"]  # removed here, untouched there
    merged = merge.document.render().decode("utf-8")
    assert "latitude: 40.6\n" in merged
    assert "second-clinic" not in merged
