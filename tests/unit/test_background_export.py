"""The window's exports check where they go before making anything, as the command line does,
a second export to the file still being saved is not started, and each format of File →
Export registry as… says how far it has come, for the bar a large registry shows."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from locator.data.models import Registry
from locator.data.synthetic import synthetic_registry
from locator.exports import EXPORT_FORMATS, PROGRESS_STEP, ExportFormat
from locator.ui.background_export import BackgroundExport, SavingBar, Steps


@pytest.fixture
def export(qtbot: QtBot) -> Iterator[BackgroundExport]:
    """An export showing its progress in a window of its own (kept until the test ends)."""
    window = QWidget()
    qtbot.addWidget(window)
    yield BackgroundExport(SavingBar(window))
    window.close()


def read_only(path: Path) -> str:
    path.write_text("kept")
    path.chmod(0o444)
    return "the file is read-only; it is unchanged"


def folder(path: Path) -> str:
    path.mkdir()
    return "that is a folder"


PLACES = {
    "a missing folder": ("none/out.pdf", lambda path: "its folder does not exist"),
    "a read-only file": ("out.pdf", read_only),
    "a folder": ("out.pdf", folder),
}


@pytest.mark.parametrize("writes_itself", [False, True], ids=["made then written", "written"])
@pytest.mark.parametrize("place", PLACES)
def test_an_export_no_write_could_take_is_refused_before_the_document_is_made(
    export: BackgroundExport, tmp_path: Path, place: str, writes_itself: bool
) -> None:
    name, make = PLACES[place]
    path = tmp_path / name
    reason = make(path)
    before = sorted(tmp_path.rglob("*"))
    made: list[Steps] = []
    failed: list[str] = []
    if writes_itself:
        export.start_writing("the registry", path, made.append, print, failed.append, str)
    else:
        export.start("the comparison", path, lambda steps: b"", print, failed.append)
    assert failed == [f"Cannot write {path}: {reason}" + failed[0].partition(reason)[2]]
    assert not export.busy
    assert not made
    assert sorted(tmp_path.rglob("*")) == before


def test_a_file_where_a_folder_of_files_goes_is_refused_before_anything_is_made(
    export: BackgroundExport, tmp_path: Path
) -> None:
    path = tmp_path / "package"
    path.write_text("kept")
    failed: list[str] = []
    export.start_writing("the registry", path, print, print, failed.append, str, folder=True)
    assert failed[0].startswith(f"Cannot write {path}: it is there and is not a folder")
    assert not export.busy
    assert path.read_text() == "kept"


def test_a_second_export_to_a_file_still_being_saved_is_not_started_and_says_why(
    qtbot: QtBot, export: BackgroundExport, tmp_path: Path
) -> None:
    path = tmp_path / "comparison.pdf"
    release = threading.Event()
    saved: list[Path] = []
    failed: list[str] = []

    def first(steps: Steps) -> bytes:
        release.wait(30)
        return b"first"

    export.start("the comparison", path, first, saved.append, failed.append)
    export.start("the comparison", path, lambda steps: b"second", saved.append, failed.append)
    assert failed == [
        f"The comparison is still being saved to {path}; this one was not started. Wait "
        "until it is written, or choose another file."
    ]
    release.set()
    qtbot.waitUntil(lambda: bool(saved), timeout=30_000)
    assert path.read_bytes() == b"first"
    assert len(failed) == 1


@pytest.fixture(scope="module")
def large_registry() -> Registry:
    """Enough entries for a writer to report its progress more than at its start and end."""
    return Registry.model_validate(synthetic_registry(PROGRESS_STEP + 1))


@pytest.mark.parametrize("form", EXPORT_FORMATS, ids=lambda form: form.name)
def test_every_registry_export_reports_its_progress_as_it_is_written(
    large_registry: Registry, tmp_path: Path, form: ExportFormat
) -> None:
    heard: list[float] = []
    path = tmp_path / form.default_output
    form.write(large_registry, path, heard.append)
    assert len(heard) >= 3  # more than a start and an end: a bar that moves
    assert heard == sorted(heard)
    assert heard[-1] == 1.0
    assert path.exists()
