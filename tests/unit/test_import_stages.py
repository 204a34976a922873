"""An import of a large directory says how far it has come: each stage in order, each with
the words the window shows for it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from locator.hsds.importing import Stage, import_checked
from locator.ui.window_text import IMPORT_STAGES, importing_directory
from tests.helpers.paths import REPO

PACKAGE = REPO / "tests" / "data" / "hsds" / "csv"


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
    assert said == "Importing /tmp/big &lt;directory&gt;.json: making the registry's entries…"
