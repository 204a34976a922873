"""An import of a large directory says how far it has come: each stage in order, each with
the words the window shows for it."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import pty
import re
import subprocess
from pathlib import Path

import pytest

from locator.hsds import importing
from locator.hsds.importing import Stage, import_checked
from locator.hsds.progress import STAGE_WORDS
from locator.hsds.reading import HsdsError
from locator.ui.window_text import importing_directory
from tests.helpers.cli import CliRunner
from tests.helpers.paths import LOCATOR, REPO
from tests.helpers.registry_texts import made_text

HSDS = REPO / "tests" / "data" / "hsds"
PACKAGE = HSDS / "csv"
SERVICE = HSDS / "service_full.json"


def test_an_import_names_each_stage_as_it_starts(tmp_path: Path) -> None:
    heard: list[Stage] = []
    made, report = import_checked(
        PACKAGE, tmp_path / "out.yaml", dt.date(2026, 12, 5), heard.append
    )
    text = made_text(made)
    assert heard == [Stage.READING, Stage.MAKING]
    assert report.entries == 1
    assert text.startswith("#")


def test_the_window_has_words_for_every_stage() -> None:
    assert STAGE_WORDS.keys() == {stage.value for stage in Stage}
    said = importing_directory(Path("/tmp/big <directory>.json"), Stage.MAKING.value)
    assert said == (  # plain text
        "Importing /tmp/big <directory>.json: making the registry's entries and checking them "
        "as locator validate would…"
    )
    said = importing_directory(Path("big.json"), Stage.READING.value, 1200, 5000)
    assert said.endswith("against the HSDS schemas… 1,200 of 5,000 services")
    said = importing_directory(Path("big.json"), Stage.MAKING.value, 20, 5000)
    assert said.endswith("as locator validate would… 20 of 5,000 services")


class CancelledError(Exception):
    """The person pressed Cancel."""


def test_an_import_counts_its_services_and_stops_when_told(tmp_path: Path) -> None:
    heard: list[tuple[Stage, int, int]] = []
    stages: list[Stage] = []

    def step(done: int, total: int) -> None:
        heard.append((stages[-1], done, total))
        if stages[-1] is Stage.MAKING:
            raise CancelledError  # the import stops there

    with pytest.raises(CancelledError):
        import_checked(
            HSDS / "service_list.json",
            tmp_path / "out.yaml",
            dt.date(2026, 12, 5),
            stages.append,
            step,
        )
    reading, making = heard
    assert reading == (Stage.READING, 0, 0)  # read as a stream: how many, known at its end
    assert making == (Stage.MAKING, 0, 1)
    assert list(tmp_path.iterdir()) == []


def _services(folder: Path, count: int, controls: tuple[int, ...] = ()) -> Path:
    """``count`` services like the specification's listed one, in ``folder``/in; those
    numbered in ``controls`` named with a control character, which no registry holds."""
    [first] = json.loads((HSDS / "service_list.json").read_text(encoding="utf-8"))["contents"]
    services = [{**first, "id": f"svc-{n}", "name": f"Service {n}"} for n in range(count)]
    for number in controls:
        services[number]["name"] = "Service \a"
    (folder / "in").mkdir()
    source = folder / "in" / "services.json"
    source.write_text(json.dumps(services), encoding="utf-8")
    return source


def test_cancel_while_entries_are_made_and_checked_stops_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tour26c F3: at 20,000 services the check of the registry made read all of it (seconds)
    before it first heard Cancel; each part of CHECK_EVERY entries (here 30) is now checked as
    it is made, and Cancel is heard every COUNT_EVERY services (20), between them."""
    monkeypatch.setattr(importing, "CHECK_EVERY", 30)
    source = _services(tmp_path, 100)
    heard: list[tuple[int, int]] = []
    stages: list[Stage] = []

    def step(done: int, total: int) -> None:
        if stages[-1] is Stage.MAKING:
            heard.append((done, total))
            if done >= 40:
                raise CancelledError

    with pytest.raises(CancelledError):
        import_checked(source, tmp_path / "out.yaml", dt.date(2026, 12, 5), stages.append, step)
    assert heard == [(0, 100), (20, 100), (40, 100)]
    assert sorted(tmp_path.iterdir()) == [tmp_path / "in"]


def test_every_parts_problems_are_said_where_they_are_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each part is checked as it is made; a part with a problem is checked again as its YAML
    to say each where it is, and the parts after it are checked all the same."""
    monkeypatch.setattr(importing, "CHECK_EVERY", 30)
    source = _services(tmp_path, 100, controls=(5, 95))
    with pytest.raises(HsdsError) as refused:
        import_checked(source, tmp_path / "out.yaml", dt.date(2026, 12, 5))
    said = "“Service \\u0007” holds a control character; remove it"
    assert [problem.split(said)[0] for problem in refused.value.problems] == [
        "services.json: /5: name: ",
        "services.json: /5: sources[0].quote: ",
        "services.json: /95: name: ",
        "services.json: /95: sources[0].quote: ",
    ]
    assert sorted(tmp_path.iterdir()) == [tmp_path / "in"]


def test_a_terminal_sees_how_far_an_import_has_come_then_the_report(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    """On a terminal, `locator import` shows its stage and how many services are done on one
    line, cleared before the report; a pipe gets none of it (the other tests read stderr
    line by line)."""
    services = [{**json.loads(SERVICE.read_text("utf-8")), "id": f"svc-{n}"} for n in range(45)]
    source = tmp_path / "county.json"
    source.write_text(json.dumps(services), encoding="utf-8")
    leader, follower = pty.openpty()
    command = [str(LOCATOR), "--lang", "en", "import", source.name, "-o", "c.yaml"]
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower,
        cwd=tmp_path, env=run_cli.environment(),
    ) as process:  # fmt: skip
        os.close(follower)
        seen = b""
        with contextlib.suppress(OSError):  # EIO: the command has ended
            while chunk := os.read(leader, 4096):
                seen += chunk
        os.close(leader)
        assert process.stdout is not None
        assert process.stdout.read() == b"wrote c.yaml: 45 entries\n"
    assert process.returncode == 0
    shown = seen.decode("utf-8")
    reading = "\rImporting county.json: reading it and checking it against the HSDS schemas…"
    assert reading in shown
    # the first count at once, the line's start and the count kept on the terminal's width
    assert re.search(r"\rImporting county\.json: making the regi[^\r]*… 0 of 45 services", shown)
    line, _, report = shown.partition("\rlocator: ")  # the report, from the line's start
    assert line.endswith(" " * 40)  # the line covered with blanks first
    assert report.startswith("45 entries have no location")
    assert "Importing" not in report
