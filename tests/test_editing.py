"""Maintainers' edits: lossless, validated, atomic, never over someone else's change."""

from __future__ import annotations

import difflib
import errno
import os
import shutil
from pathlib import Path

import pytest

from locator import files
from locator.data.editing import RegistryDocument, canonical
from locator.data.loader import load_registry
from locator.errors import ExternalChangeError, RegistryError, RegistryWriteError
from tests.conftest import REPO, CliRunner
from tests.registry_texts import VALID


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.fixture
def registry(valid_registry: Path) -> Path:
    return valid_registry


def test_one_field_edit_changes_exactly_that_line(registry: Path) -> None:
    document = RegistryDocument.open(registry)
    document.set_value("first-clinic", ("location", "latitude"), 40.6)
    document.save()
    after = registry.read_text(encoding="utf-8")
    assert changed_lines(VALID, after) == ["-      latitude: 40.59161", "+      latitude: 40.6"]
    assert after.startswith("# a small registry\n")
    assert load_registry(registry, use_cache=False).clinics[0].location.latitude == 40.6


def test_editing_the_bundled_registry_touches_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "clinics.yaml"
    shutil.copy(REPO / "clinics.yaml", path)
    before = path.read_text(encoding="utf-8")
    document = RegistryDocument.open(path)
    document.set_value("nortex-psychiatry-allen", ("session_minutes", "max"), 61)
    document.save()
    assert changed_lines(before, path.read_text(encoding="utf-8")) == [
        "-    session_minutes: {min: 40, max: 60}",
        "+    session_minutes: {min: 40, max: 61}",
    ]


def test_new_text_that_yaml_versions_read_differently_is_quoted(registry: Path) -> None:
    document = RegistryDocument.open(registry)
    document.set_value("first-clinic", ("address", "postal_code"), "02108")
    document.set_value("second-clinic", ("notes",), "yes")
    document.save()
    text = registry.read_text(encoding="utf-8")
    assert 'postal_code: "02108"' in text
    assert 'notes: "yes"' in text
    clinics = load_registry(registry, use_cache=False).clinics
    assert clinics[0].address.postal_code == "02108"
    assert clinics[1].notes == "yes"


def test_add_duplicate_and_remove(registry: Path) -> None:
    document = RegistryDocument.open(registry)
    document.duplicate_clinic("first-clinic", "first-clinic-copy")
    document.remove_clinic("second-clinic")
    document.add_clinic(
        {
            "id": "third-clinic",
            "name": "Third Clinic",
            "sources": [{"document": "seed.txt", "quote": "Third."}],
            "last_verified": "2026-02-01",
        }
    )
    document.save()
    ids = [c.id for c in load_registry(registry, use_cache=False).clinics]
    assert ids == ["first-clinic", "first-clinic-copy", "third-clinic"]


def test_invalid_edits_cannot_be_saved(registry: Path) -> None:
    document = RegistryDocument.open(registry)
    document.set_value("first-clinic", ("location", "latitude"), 95)
    with pytest.raises(RegistryError) as caught:
        document.save()
    assert "clinics[0].location.latitude: 95 is out of range" in str(caught.value)
    assert registry.read_text(encoding="utf-8") == VALID


def test_an_external_edit_is_detected(registry: Path) -> None:
    document = RegistryDocument.open(registry)
    document.set_value("first-clinic", ("name",), "Renamed Clinic")
    someone_else = VALID.replace("Second Clinic", "Second Clinic (edited elsewhere)")
    registry.write_text(someone_else, encoding="utf-8")
    assert document.changed_on_disk()
    with pytest.raises(ExternalChangeError, match="changed on disk since it was opened"):
        document.save()
    assert registry.read_text(encoding="utf-8") == someone_else
    elsewhere = document.save(registry.with_name("mine.yaml"))
    assert "Renamed Clinic" in elsewhere.read_text(encoding="utf-8")


def test_a_failed_write_leaves_the_original_intact(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = RegistryDocument.open(registry)
    document.set_value("first-clinic", ("name",), "Renamed Clinic")

    replace = os.replace

    def refuse(source: str, target: str) -> None:
        if Path(target) == registry:  # the backup is written; the registry is not
            raise OSError(errno.ENOSPC, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(RegistryWriteError) as caught:
        document.save()
    assert str(caught.value) == (
        f"Cannot write {registry}: the disk is full; the file is unchanged. "
        "Free some space or choose another folder."
    )
    assert registry.read_text(encoding="utf-8") == VALID
    assert sorted(p.name for p in registry.parent.iterdir()) == ["clinics.yaml", "clinics.yaml.bak"]


def test_the_previous_version_is_kept_as_a_backup(registry: Path) -> None:
    document = RegistryDocument.open(registry)
    document.set_value("first-clinic", ("name",), "Renamed Clinic")
    document.save()
    assert Path(f"{registry}.bak").read_text(encoding="utf-8") == VALID


HAND_FORMATTED = """\
# Hand-kept registry
schema_version: 1   # the format
clinics:
# first entry
-   id: first-clinic
    name: First Clinic      # as the source spells it
    conditions:
    - depression
    - anxiety
    sources:
    -   document: seed.txt
        quote: 'A quote.'
    last_verified: 2026-01-15
"""


def test_fmt_keeps_every_comment_and_value_and_is_stable(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    path = tmp_path / "hand.yaml"
    path.write_text(HAND_FORMATTED, encoding="utf-8")
    before = load_registry(path, use_cache=False)
    assert run_cli("fmt", "--check", str(path)).returncode == 1
    result = run_cli("fmt", str(path))
    assert result.returncode == 0, result.stderr
    formatted = path.read_text(encoding="utf-8")
    for comment in ("# Hand-kept registry", "# the format", "# first entry", "# as the source"):
        assert comment in formatted
    assert load_registry(path, use_cache=False) == before
    assert canonical(formatted) == formatted
    assert run_cli("fmt", "--check", str(path)).returncode == 0


def test_fmt_never_rewrites_an_invalid_file(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "bad.yaml"
    bad = HAND_FORMATTED.replace("depression", "depresion")
    path.write_text(bad, encoding="utf-8")
    result = run_cli("fmt", str(path))
    assert result.returncode == 1
    assert "did you mean 'depression'" in result.stderr
    assert path.read_text(encoding="utf-8") == bad
    assert run_cli("fmt", "--check", str(path)).returncode == 1


def test_the_bundled_registry_is_in_canonical_layout() -> None:
    text = (REPO / "clinics.yaml").read_text(encoding="utf-8")
    assert canonical(text) == text, "run: locator fmt clinics.yaml"


def test_writes_leave_no_temporary_files(registry: Path) -> None:
    document = RegistryDocument.open(registry)
    document.set_value("first-clinic", ("name",), "Renamed")
    document.save()
    leftovers = [p for p in os.listdir(registry.parent) if p.endswith(".tmp")]
    assert leftovers == []
