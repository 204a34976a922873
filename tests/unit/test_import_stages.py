"""An import of a large directory says how far it has come: each stage in order, each with
the words the window shows for it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from locator.hsds.importing import Stage, import_checked
from locator.ui.window_text import IMPORT_STAGES, importing_directory
from tests.helpers.paths import REPO

HSDS = REPO / "tests" / "data" / "hsds"
PACKAGE = HSDS / "csv"


def test_an_import_names_each_stage_as_it_starts(tmp_path: Path) -> None:
    heard: list[Stage] = []
    text, report = import_checked(
        PACKAGE, tmp_path / "out.yaml", dt.date(2026, 12, 5), heard.append
    )
    assert heard == [Stage.READING, Stage.MAKING, Stage.CHECKING]
    assert report.entries == 1
    assert text.startswith("#")


def test_the_window_has_words_for_every_stage() -> None:
    assert IMPORT_STAGES.keys() == {stage.value for stage in Stage}
    said = importing_directory(Path("/tmp/big <directory>.json"), Stage.MAKING.value)
    assert said == "Importing /tmp/big <directory>.json: making the registry's entries…"  # plain
    said = importing_directory(Path("big.json"), Stage.READING.value, 1200, 5000)
    assert said.endswith("against the HSDS schemas… 1,200 of 5,000 services")
    said = importing_directory(Path("big.json"), Stage.CHECKING.value, 20, 5000)
    assert said.endswith("as locator validate would… 20 of 5,000 entries")


class CancelledError(Exception):
    """The person pressed Cancel."""


def test_an_import_counts_its_services_and_stops_when_told(tmp_path: Path) -> None:
    heard: list[tuple[Stage, int, int]] = []
    stages: list[Stage] = []

    def step(done: int, total: int) -> None:
        heard.append((stages[-1], done, total))
        if stages[-1] is Stage.CHECKING:
            raise CancelledError  # the import stops there

    with pytest.raises(CancelledError):
        import_checked(
            HSDS / "service_list.json",
            tmp_path / "out.yaml",
            dt.date(2026, 12, 5),
            stages.append,
            step,
        )
    assert [stage for stage, _done, _total in heard] == [
        Stage.READING, Stage.MAKING, Stage.CHECKING
    ]  # fmt: skip
    reading, making, checking = heard
    assert reading[1:] == (0, 1)
    assert making[1:] == (0, 1)
    assert checking[1:] == (0, 0)  # the entries being read: not yet counted
    assert list(tmp_path.iterdir()) == []


def test_cancel_while_the_made_registry_is_read_stops_the_check_there(tmp_path: Path) -> None:
    """tour26c F3: at 20,000 services the check read the whole registry made (seconds) before
    it first heard Cancel; it now hears it as each entry is read, and stops there."""
    [first] = json.loads((HSDS / "service_list.json").read_text(encoding="utf-8"))["contents"]
    services = [{**first, "id": f"svc-{n}", "name": f"Service {n}"} for n in range(100)]
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / "services.json"
    source.write_text(json.dumps(services), encoding="utf-8")
    heard: list[tuple[int, int]] = []
    stages: list[Stage] = []

    def step(done: int, total: int) -> None:
        if stages[-1] is Stage.CHECKING:
            heard.append((done, total))
            if done >= 40:
                raise CancelledError

    with pytest.raises(CancelledError):
        import_checked(source, tmp_path / "out.yaml", dt.date(2026, 12, 5), stages.append, step)
    assert heard == [(0, 0), (20, 0), (40, 0)]  # 40 entries read, none of them checked yet
    assert sorted(tmp_path.iterdir()) == [tmp_path / "in"]
