"""An import of a large directory says how far it has come: each stage in order, each with
the words the window shows for it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from locator.hsds import importing
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
    assert reading[1:] == (0, 0)  # read as a stream: how many, known at its end
    assert making[1:] == (0, 1)
    assert checking[1:] == (0, 1)  # the entries made: counted before they are checked
    assert list(tmp_path.iterdir()) == []


def _services(folder: Path, count: int) -> Path:
    """``count`` services like the specification's listed one, in ``folder``/in."""
    [first] = json.loads((HSDS / "service_list.json").read_text(encoding="utf-8"))["contents"]
    services = [{**first, "id": f"svc-{n}", "name": f"Service {n}"} for n in range(count)]
    (folder / "in").mkdir()
    source = folder / "in" / "services.json"
    source.write_text(json.dumps(services), encoding="utf-8")
    return source


def _heard_until_cancel(
    tmp_path: Path, cancel: Callable[[list[tuple[int, int]]], bool]
) -> list[tuple[int, int]]:
    """What an import of 100 services says of its progress while it checks the registry it
    made, (done, total) each time, until Cancel is pressed once ``cancel(heard)``."""
    source = _services(tmp_path, 100)
    heard: list[tuple[int, int]] = []
    stages: list[Stage] = []

    def step(done: int, total: int) -> None:
        if stages[-1] is Stage.CHECKING:
            heard.append((done, total))
            if cancel(heard):
                raise CancelledError

    with pytest.raises(CancelledError):
        import_checked(source, tmp_path / "out.yaml", dt.date(2026, 12, 5), stages.append, step)
    return heard


def test_cancel_while_the_made_registry_is_read_stops_the_check_there(tmp_path: Path) -> None:
    """tour26c F3: at 20,000 services the check read the whole registry made (seconds) before
    it first heard Cancel; it now hears it as each entry is read, and stops there."""
    heard = _heard_until_cancel(tmp_path, lambda heard: heard[-1][0] >= 40)
    assert heard == [(0, 100), (20, 100), (40, 100)]  # 40 entries read, none of them checked
    assert sorted(tmp_path.iterdir()) == [tmp_path / "in"]


def test_cancel_after_a_part_is_checked_is_heard_before_the_next_parts_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The made registry's models were checked all at once once it was read: Cancel waited
    (2.7 s at 20,000 entries). They are checked a part at a time now, Cancel heard between
    two parts: here a part of 30 entries (CHECK_EVERY is 1,000)."""
    monkeypatch.setattr(importing, "CHECK_EVERY", 30)
    heard = _heard_until_cancel(tmp_path, lambda heard: len(heard) == 5)
    # the first part's entries read (0, 20), its models checked, its quotes checked (0, 20);
    # then Cancel, heard as the next part is first read: its models are never checked
    assert heard == [(0, 100), (20, 100), (0, 100), (20, 100), (30, 100)]
    assert sorted(tmp_path.iterdir()) == [tmp_path / "in"]
