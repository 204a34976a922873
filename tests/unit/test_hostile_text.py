"""Text from a registry or a query never drives the terminal that shows it."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
from pathlib import Path

from locator.text_table import text_table
from tests.helpers.cli import CliRunner
from tests.helpers.paths import LOCATOR
from tests.helpers.registry_texts import VALID

CONTROLS = ("\x1b", "\x07", "\x9b", "\x00", "\u202e")


def assert_no_controls(*outputs: str) -> None:
    for output in outputs:
        assert not [c for c in CONTROLS if c in output], repr(output)


def test_validate_shows_control_characters_as_text_and_refuses_them(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    hostile = VALID.replace("name: First Clinic", 'name: "First\\e]0;owned\\aClinic\\e[2J"')
    hostile = hostile.replace("conditions:", '"treat\\e[2Jments": [x]\n    conditions:', 1)
    (tmp_path / "evil.yaml").write_text(hostile, encoding="utf-8")
    result = run_cli("validate", "evil.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert_no_controls(result.stdout, result.stderr)
    assert "clinics[0].name: 'First\\x1b]0;owned\\x07Clinic\\x1b[2J' holds a control" in (
        result.stderr
    )
    assert "clinics[0].treat\\u001b[2Jments: unknown field" in result.stderr


def test_a_website_with_a_control_character_is_refused(tmp_path: Path, run_cli: CliRunner) -> None:
    hostile = VALID.replace(
        "name: First Clinic", 'name: First Clinic\n    website: "https://x.org/\\0\\e"'
    )
    (tmp_path / "evil.yaml").write_text(hostile, encoding="utf-8")
    result = run_cli("validate", "evil.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "clinics[0].website:" in result.stderr
    assert_no_controls(result.stderr)


def test_a_query_with_escape_sequences_is_echoed_as_text(run_cli: CliRunner) -> None:
    for command in (("geocode",), ("nearest",)):
        result = run_cli(*command, "Sandy\x1b]0;owned\x07 \x9b2J\u202eUT")
        assert_no_controls(result.stdout, result.stderr)
        assert "Traceback" not in result.stderr


def test_a_table_cell_is_cut_after_its_controls_are_made_visible() -> None:
    table = text_table(("name", "city"), [("\x1b]0;" + "x" * 60 + "\x07", "Sandy")])
    assert_no_controls(table)
    assert table.splitlines()[2].startswith("\\u001b]0;xxx")
    assert table.splitlines()[2].endswith("…  Sandy")


def test_a_closed_pipe_ends_a_batch_quietly(tmp_path: Path, run_cli: CliRunner) -> None:
    places = tmp_path / "places.txt"
    places.write_text("".join(f"{84000 + n % 100:05d}\n" for n in range(20_000)))
    with (
        places.open() as lines,
        subprocess.Popen(
            [str(LOCATOR), "geocode", "-"],
            stdin=lines,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=run_cli.environment(),
            text=True,
        ) as batch,
    ):
        assert batch.stdout is not None
        assert batch.stderr is not None
        assert batch.stdout.readline().startswith('{"query": "84000"')
        batch.stdout.close()  # as `| head -1` does
        assert batch.wait(timeout=120) == 141
        assert batch.stderr.read() == ""


def test_a_long_batch_shows_its_progress_on_a_terminal(run_cli: CliRunner) -> None:
    """Lines go in one at a time, each answered before the next, until the terminal on
    standard error shows a progress line (it appears after two seconds of work)."""
    controller, terminal = pty.openpty()
    with subprocess.Popen(
        [str(LOCATOR), "geocode", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=run_cli.environment(),
        text=True,
        bufsize=1,
    ) as batch:
        os.close(terminal)
        assert batch.stdin is not None
        assert batch.stdout is not None
        shown = b""
        for n in range(1_000_000):
            batch.stdin.write(f"{84000 + n % 100:05d}\n")
            batch.stdin.flush()
            assert batch.stdout.readline().startswith('{"query": "840')
            while select.select([controller], [], [], 0)[0]:
                shown += os.read(controller, 1024)
            if b"geocoded" in shown:
                break
        batch.stdin.close()
        assert batch.wait(timeout=120) == 0
    while select.select([controller], [], [], 0)[0]:
        try:
            shown += os.read(controller, 1024)
        except OSError:  # the other end has closed
            break
    os.close(controller)
    assert re.search(rb"\rgeocoded [0-9,]+ lines \([0-9,]+/s\)", shown)
    assert re.search(rb"\rgeocoded [0-9,]+ lines\. +\r?\n", shown)
