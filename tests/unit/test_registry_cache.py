"""A registry that has not changed since it was checked is read back from the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from locator.data import registry_cache
from locator.data.loader import load_registry
from locator.errors import RegistryError
from tests.helpers.cli import CliRunner
from tests.helpers.registry_texts import VALID


def _rename_first_clinic(entry: Path) -> None:
    """Change a cached registry as someone editing the cache by hand would."""
    cached = entry.read_text(encoding="utf-8")
    entry.write_text(cached.replace("First Clinic", "From Cache"), encoding="utf-8")


def _cache_a_renamed_copy(path: Path) -> None:
    """Store in the cache, for the file as it is, a registry whose first clinic has another
    name: a load that shows that name was answered by the cache, not by the file."""
    registry = load_registry(path, use_cache=False)
    first = registry.clinics[0].model_copy(update={"name": "From Cache"})
    renamed = registry.model_copy(update={"clinics": [first, *registry.clinics[1:]]})
    registry_cache.store(path.read_bytes(), renamed)


def test_an_unchanged_file_is_answered_from_the_cache(valid_registry: Path) -> None:
    _cache_a_renamed_copy(valid_registry)
    assert load_registry(valid_registry).clinics[0].name == "From Cache"


def test_without_the_cache_the_file_is_parsed(valid_registry: Path) -> None:
    _cache_a_renamed_copy(valid_registry)
    assert load_registry(valid_registry, use_cache=False).clinics[0].name == "First Clinic"


def test_an_edited_cache_entry_is_removed_and_the_file_read(valid_registry: Path) -> None:
    load_registry(valid_registry)
    (entry,) = registry_cache.cache_dir().glob("*.json")
    _rename_first_clinic(entry)
    assert load_registry(valid_registry).clinics[0].name == "First Clinic"
    assert registry_cache.cache_dir().glob("*.json")  # written again, sealed
    assert "From Cache" not in next(registry_cache.cache_dir().glob("*.json")).read_text()


def test_validate_reads_the_file_whatever_the_cache_holds(
    tmp_path: Path, valid_registry: Path, run_cli: CliRunner
) -> None:
    invalid = VALID.replace("latitude: 40.59161", "latitude: 95").encode()
    (tmp_path / "bad.yaml").write_bytes(invalid)
    registry_cache.store(invalid, load_registry(valid_registry))  # a planted "ok"
    result = run_cli("validate", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.yaml:8:17: clinics[0].location.latitude: 95 is out of range" in result.stderr


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    load_registry(path)
    path.write_text(VALID.replace("latitude: 40.59161", "latitude: 95"), encoding="utf-8")
    with pytest.raises(RegistryError):
        load_registry(path)


def test_a_corrupt_cache_entry_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    load_registry(path)
    for entry in registry_cache.cache_dir().glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert [clinic.id for clinic in load_registry(path).clinics] == [
        "first-clinic",
        "second-clinic",
    ]


def test_an_unwritable_cache_does_not_stop_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert len(load_registry(path).clinics) == 2
