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
from locator.settings import Settings, settings_path
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import VALID

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
    text, report = import_checked(source, tmp_path / "state.yaml", dt.date(2026, 12, 5))
    assert report.entries == 100
    (tmp_path / "state.yaml").write_text(text, encoding="utf-8")
    assert len(load_registry(tmp_path / "state.yaml").clinics) == 100


@pytest.mark.parametrize("limit", ["lots", 0, 2.5, True, 5000])
def test_a_limit_that_is_no_number_of_megabytes_is_said_and_the_default_kept(limit: Any) -> None:
    _set(limit)
    assert registry_limit() == MAX_REGISTRY_BYTES
    problem = Settings.load().problem
    assert problem is not None
    assert "'registry_limit_mb'" in problem
    assert "expected a whole number of megabytes from 1 to 4096" in problem
