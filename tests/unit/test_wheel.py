"""A wheel built from the repository carries the registry and works outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from locator.data.loader import load_registry
from tests.helpers.cli import CliRunner
from tests.helpers.counting import counted
from tests.helpers.paths import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("locator-*.whl")
    return built


def test_the_wheel_carries_the_registry_its_schema_and_catalogs_but_no_tests(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "locator/data/clinics.yaml" in names
    assert "locator/data/clinics.schema.json" in names
    assert "locator/data/seeds/000_5c7c8aabd53983aa.txt" in names  # the quotes' documents
    packaged = zipfile.ZipFile(wheel).read("locator/data/clinics.yaml")
    assert packaged == (REPO / "clinics.yaml").read_bytes()
    assert "locator/locale/es/LC_MESSAGES/locator.mo" in names
    assert "locator/geo/quick_index.sqlite.gz" in names  # ZIP codes answered before the index
    assert not [name for name in names if name.startswith(("tests/", "benchmarks/", "scripts/"))]
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "locator = locator.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_installed_package_validates_its_own_registry(
    wheel: Path, tmp_path: Path, run_cli: CliRunner
) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("validate", module=True, cwd=elsewhere, env={"PYTHONPATH": str(site)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok: {counted(load_registry(REPO / 'clinics.yaml').clinics)}"
    where = subprocess.run(
        [sys.executable, "-c", "from locator.data.paths import shipped_registry as s; print(s())"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env={**os.environ, "PYTHONPATH": str(site)},
        check=True,
    )
    assert where.stdout.strip() == str(site / "locator" / "data" / "clinics.yaml")
