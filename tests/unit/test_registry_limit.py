"""The largest registry locator reads is a setting (issue 26): a directory of 100,000 services
imported whole keeps some 500 MB of its own HSDS, past the 256 MB locator reads by default."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from locator.data.loader import MAX_REGISTRY_BYTES, load_registry, registry_limit
from locator.errors import RegistryError
from locator.hsds.importing import import_checked
from locator.hsds.reading import HsdsError
from locator.settings import OnlineProvider, Settings, settings_path
from tests.helpers.cli import CliRunner
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import VALID, made_text

EXAMPLE = REPO / "tests" / "data" / "hsds" / "service_full.json"


def _set(limit: Any) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"registry_limit_mb": limit}), encoding="utf-8")


def test_a_registry_over_the_limit_names_the_setting_that_lets_it_open(tmp_path: Path) -> None:
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID + "# " + "x" * (3 * 1024 * 1024) + "\n", encoding="utf-8")
    _set(2)
    with pytest.raises(RegistryError) as refused:
        load_registry(path, use_cache=False)
    assert str(refused.value) == (
        f"{path}:1:1: the file is 3 MB; a registry may be at most 2 MB (the setting "
        f"registry_limit_mb in {settings_path()} changes that)"
    )
    _set(4)
    assert load_registry(path, use_cache=False).clinics


def test_an_import_too_large_names_the_setting_and_is_made_once_it_is_raised(
    tmp_path: Path,
) -> None:
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    source = tmp_path / "state.json"
    services = [example | {"id": f"s{n}", "name": f"Service {n}"} for n in range(100)]
    source.write_text(json.dumps(services), encoding="utf-8")
    _set(1)
    with pytest.raises(HsdsError) as refused:
        import_checked(source, tmp_path / "state.yaml", dt.date(2026, 12, 5))
    [problem] = refused.value.problems
    assert problem.startswith("state.json: the registry made from it would be 2 MB, ")
    assert problem.endswith(
        f"a registry may be at most 1 MB (the setting registry_limit_mb in {settings_path()} "
        "changes that), so it is not saved; import part of the directory at a time, or raise "
        "the setting"
    )
    assert sorted(tmp_path.iterdir()) == [source]
    _set(3)
    made, report = import_checked(source, tmp_path / "state.yaml", dt.date(2026, 12, 5))
    text = made_text(made)
    assert report.entries == 100
    (tmp_path / "state.yaml").write_text(text, encoding="utf-8")
    assert len(load_registry(tmp_path / "state.yaml").clinics) == 100


@pytest.mark.parametrize("limit", ["lots", 0, 2.5, True, 5000])
def test_a_limit_that_is_no_number_of_megabytes_is_said_and_the_default_kept(limit: Any) -> None:
    _set(limit)
    assert registry_limit() == MAX_REGISTRY_BYTES
    problem = Settings.load().problem
    assert problem is not None
    assert "“registry_limit_mb”" in problem
    assert "expected a whole number of megabytes from 1 to 4096" in problem


@pytest.mark.parametrize(("written", "megabytes"), [("1e3", 1000), ("512.0", 512), ("2E1", 20)])
def test_a_whole_number_of_megabytes_is_taken_however_json_writes_it(
    written: str, megabytes: int
) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(f'{{"registry_limit_mb": {written}}}', encoding="utf-8")
    assert Settings.load().problem is None
    assert registry_limit() == megabytes << 20


@pytest.mark.parametrize(("written", "said"), [("1e400", "large"), ("-1e400", "small")])
def test_a_number_past_what_json_can_hold_is_said_as_such(written: str, said: str) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(f'{{"registry_limit_mb": {written}}}', encoding="utf-8")
    assert registry_limit() == MAX_REGISTRY_BYTES
    problem = Settings.load().problem
    assert problem is not None
    assert f"from 1 to 4096, not a number too {said} to hold)" in problem
    assert "inf" not in problem.replace(str(settings_path()), "")


def test_a_limit_that_cannot_be_used_leaves_online_lookups_on_and_is_kept_as_written(
    run_cli: CliRunner,
) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    written = {"online_lookups": True, "registry_limit_mb": "lots"}
    settings_path().write_text(json.dumps(written), encoding="utf-8")
    loaded = Settings.load()
    assert loaded.online_lookups is True
    assert loaded.online_provider == OnlineProvider()  # nothing to do with privacy
    assert loaded.problem == (
        f"The setting “registry_limit_mb” in {settings_path()} is not usable (expected a whole "
        "number of megabytes from 1 to 4096, not the text “lots”): registries of up to 256 MB, "
        "locator's own limit, are read until it is corrected or removed."
    )
    shown = run_cli("settings", "--online-lookups", "off")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[:2] == [
        "online lookups: off (provider: nominatim, sent to nominatim.openstreetmap.org)",
        "largest registry read: 256 MB (locator's own; the setting registry_limit_mb changes it)",
    ]
    assert "Online lookups are off" not in shown.stdout + shown.stderr
    assert (shown.stdout + shown.stderr).count("“registry_limit_mb”") == 1
    saved = json.loads(settings_path().read_text())
    assert (saved["online_lookups"], saved["registry_limit_mb"]) == (False, "lots")


def test_a_limit_beside_a_broken_provider_is_said_and_online_lookups_stay_off() -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    broken = {"online_provider": {"service": 7}, "registry_limit_mb": 0}
    settings_path().write_text(json.dumps(broken), encoding="utf-8")
    loaded = Settings.load()
    assert loaded.online_provider is None
    assert loaded.problem is not None
    online, limit = loaded.problem.split(" The setting ")
    assert online.startswith("Online lookups are off: the setting “online_provider”")
    assert limit.startswith("“registry_limit_mb”")


@pytest.mark.parametrize(
    ("limit", "said"),
    [
        (None, "256 MB (locator's own; the setting registry_limit_mb changes it)"),
        (1024, "1,024 MB (the setting registry_limit_mb)"),
    ],
)
def test_the_settings_command_shows_the_largest_registry_read(
    limit: int | None, said: str, run_cli: CliRunner
) -> None:
    if limit is not None:
        _set(limit)
    shown = run_cli("settings")
    assert shown.returncode == 0, shown.stderr
    assert f"largest registry read: {said}" in shown.stdout.splitlines()


def test_sizes_in_sentences_are_grouped_as_numbers_are(run_cli: CliRunner, tmp_path: Path) -> None:
    """A 100 GB registry (sparse: nothing is written) was "the file is 102400 MB"."""
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as file:
        file.truncate(100 << 30)
    result = run_cli("validate", str(huge))
    assert "the file is 102,400 MB; a registry may be at most 256 MB" in result.stderr
