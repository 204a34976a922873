"""A registry that has not changed since it was checked is read back from the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from locator.data import registry_cache
from locator.data.loader import RegistryError, load_registry
from tests.test_validate_errors import VALID


def test_an_unchanged_file_is_answered_from_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    first = load_registry(path)
    assert registry_cache.lookup(path.read_bytes()) == first
    assert load_registry(path) == first


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
