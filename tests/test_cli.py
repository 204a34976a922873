"""The `locator` command as a user runs it: exit codes, messages, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_bare_locator_and_python_m_print_what_the_command_line_offers() -> None:
    bare = run()
    module = subprocess.run(
        [sys.executable, "-m", "locator"], capture_output=True, text=True, check=False
    )
    assert bare.returncode == module.returncode == 0
    assert "validate" in bare.stdout
    assert bare.stdout == module.stdout


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
