"""The registry is chosen as DESIGN.md says: flag, environment, the user's copy, shipped file."""

from __future__ import annotations

from pathlib import Path

from locator.data.paths import choose_registry, shipped_registry, user_registry


def test_explicit_path_wins(tmp_path: Path) -> None:
    choice = choose_registry(tmp_path / "a.yaml", {"LOCATOR_REGISTRY": str(tmp_path / "b.yaml")})
    assert choice.path == tmp_path / "a.yaml"
    assert not choice.shipped


def test_environment_variable_next(tmp_path: Path) -> None:
    choice = choose_registry(None, {"LOCATOR_REGISTRY": str(tmp_path / "b.yaml")})
    assert choice.path == tmp_path / "b.yaml"


def test_the_users_copy_before_the_shipped_file() -> None:
    assert choose_registry(None, {}).path == shipped_registry()
    user_registry().parent.mkdir(parents=True)
    user_registry().write_text("schema_version: 1\nclinics: []\n", encoding="utf-8")
    choice = choose_registry(None, {})
    assert choice.path == user_registry()
    assert choice.reason == "your own copy"
