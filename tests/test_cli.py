"""The `locator` command as a user runs it: exit codes, messages, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_validate_errors import VALID

LOCATOR = Path(sys.executable).with_name("locator")


def run(*args: str, cwd: Path = REPO, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the installed `locator` command as a user would."""
    return subprocess.run(
        [str(LOCATOR), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "validate" in result.stdout
    assert "schema" in result.stdout
    assert "988" in result.stdout


def test_python_m_locator_is_the_same_command() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "locator", "--help"], capture_output=True, text=True, check=False
    )
    assert module.returncode == 0
    assert module.stdout == run("--help").stdout
    assert "gui" in module.stdout


def test_validate_the_shipped_registry() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok: 9 clinics"


def test_validate_a_broken_file_prints_every_problem_with_the_path_as_given(
    tmp_path: Path,
) -> None:
    (tmp_path / "bad.yaml").write_text(
        VALID.replace("latitude: 40.59161", "latitude: 95").replace("id: second", "id: Second"),
        encoding="utf-8",
    )
    result = run("validate", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("bad.yaml:8:17: clinics[0].location.latitude: 95")
    assert lines[1].startswith("bad.yaml:18:9: clinics[1].id: ")
    assert lines[2] == "2 problems in bad.yaml"
    assert "Traceback" not in result.stderr


def test_validate_a_missing_file(tmp_path: Path) -> None:
    result = run("validate", "missing.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("missing.yaml:1:1: no such file")


def test_validate_follows_the_environment_variable(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(VALID, encoding="utf-8")
    result = subprocess.run(
        [str(LOCATOR), "validate"],
        capture_output=True,
        text=True,
        env={"LOCATOR_REGISTRY": str(tmp_path / "mine.yaml"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.stdout.strip() == "ok: 2 clinics", result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    result = run("valdate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_schema_prints_and_writes_the_json_schema(tmp_path: Path) -> None:
    printed = run("schema")
    assert printed.returncode == 0
    assert '"title": "locator clinic registry"' in printed.stdout
    written = run("schema", "--output", str(tmp_path / "schema.json"))
    assert written.returncode == 0
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == printed.stdout


def test_nearest_json_for_scripts() -> None:
    result = run("nearest", "Sandy, UT", "--json", "--limit", "2", "--every-presence")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["origin"]["label"] == "Sandy, UT"
    assert [r["id"] for r in data["results"]] == [
        "nervana-medical-sandy",
        "nervana-medical-south-jordan",
    ]
    assert data["results"][1]["distance_miles"] == pytest.approx(3.1, abs=0.1)
    assert data["results"][0]["serves_origin"] is True
    assert data["unlocated"] == ["neuroplasticity-md-clinic"]
    assert "988" in data["notice"]


def test_nearest_within_a_radius_that_excludes_everything() -> None:
    result = run("nearest", "Reno, NV", "--within", "25", "--json")
    data = json.loads(result.stdout)
    assert result.returncode == 0
    assert data["results"] == []
    assert data["nearest_outside"]["id"] == "ketamine-provider-sacramento"
    assert data["summary"].startswith("Nothing within 25 mi of Reno, NV; the nearest clinic is")


def test_nearest_plain_output_shows_the_crisis_line() -> None:
    result = run("nearest", "75070", "--km")
    assert result.returncode == 0
    assert "NorTex Psychiatry" in result.stdout
    assert " km " in result.stdout
    assert "call or text 988" in result.stdout
    assert "straight-line" in result.stdout


def test_nearest_unknown_filter_lists_the_valid_values() -> None:
    result = run("nearest", "Sandy, UT", "--treatment", "spravatto")
    assert result.returncode == 2
    assert "unknown treatment 'spravatto'" in result.stderr
    assert "esketamine_nasal_spray" in result.stderr


def test_nearest_unknown_place_exits_3() -> None:
    assert run("nearest", "Qwxzt Plorb").returncode == 3


def test_nearest_broken_registry_exits_1(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("schema_version: 1\nclinics: {}\n", encoding="utf-8")
    result = run("nearest", "Sandy, UT", "--registry", str(tmp_path / "bad.yaml"))
    assert result.returncode == 1
    assert "bad.yaml:2:10: clinics:" in result.stderr


def test_map_writes_a_standalone_page(tmp_path: Path) -> None:
    result = run("map", "Dallas, TX", "--output", "clinics.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "clinics.html").read_text(encoding="utf-8")
    assert "nortex-psychiatry-dallas" in page
    assert "<script src=" not in page


def test_compare_formats_and_unknown_ids(tmp_path: Path) -> None:
    table = run("compare", "nervana-medical-sandy", "nortex-psychiatry-allen")
    assert table.returncode == 0
    assert "IV ketamine infusion" in table.stdout
    assert "988" in table.stdout
    written = run(
        "compare", "nervana-medical-sandy", "nortex-psychiatry-allen",
        "--format", "html", "--output", str(tmp_path / "c.html"),
    )  # fmt: skip
    assert written.returncode == 0
    assert "<table>" in (tmp_path / "c.html").read_text(encoding="utf-8")
    unknown = run("compare", "nervana-medical-sandy", "nortex-psyciatry-allen")
    assert unknown.returncode == 2
    assert "did you mean nortex-psychiatry-allen" in unknown.stderr
    single = run("compare", "nervana-medical-sandy")
    assert single.returncode == 2
