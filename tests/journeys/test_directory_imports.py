"""A maintainer brings in the directory their 211 system keeps, in Open Referral HSDS: File →
Import directory…, the report of what did not map read before anything is saved, and the
imported registry saved as a new file, which opens; never over another."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from locator.data.loader import load_registry
from locator.ui.import_report import ImportReport
from tests.helpers.exporting import save_as, save_as_type
from tests.helpers.paths import REPO
from tests.helpers.user import MakeWindow, User

PACKAGE = REPO / "tests" / "data" / "hsds" / "csv"
SERVICE = REPO / "tests" / "data" / "hsds" / "service_full.json"


def read_report(user: User, seen: list[str], *, keys: str) -> object:
    """An answer for the import's report: note what it says and which buttons it offers, then
    press ``keys``."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportReport)
        summary = dialog.findChild(QLabel)
        assert summary is not None
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        seen.append(summary.text())
        seen.append(dialog.details.toPlainText())
        seen.append(" | ".join(b.text().replace("&", "") for b in buttons.buttons()))
        user.press(keys)

    return answer


def test_a_maintainer_imports_a_directory_that_opens_as_a_new_registry(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    package = tmp_path / "county 211"
    shutil.copytree(PACKAGE, package)
    target = tmp_path / "mine" / "county clinics"  # ".yaml" is added
    target.parent.mkdir()
    user = make_window()
    seen: list[str] = []
    before = sorted(tmp_path.rglob("*"))

    def nothing_saved_yet(dialog: QWidget) -> None:
        assert sorted(tmp_path.rglob("*")) == before  # the report comes before any file
        read_report(user, seen, keys="Alt+S")(dialog)

    with user.answering(
        save_as(user, package / "datapackage.json"),  # a package is opened by its description
        nothing_saved_yet,
        save_as(user, target),
    ):
        user.menu("File", "Import directory…")
    written = target.with_name("county clinics.yaml")
    user.wait(lambda: "county clinics.yaml" in user.window.windowTitle())
    summary, details, buttons = seen
    assert summary.startswith("1 entry read from county 211. Nothing is saved until")
    assert "\nkept under hsds as the file wrote them" in details  # what did not map
    assert "schedules" in details
    assert buttons == "Save as new registry… | Cancel"
    assert f"Imported 1 entry into {written}" in user.texts()
    assert len(load_registry(written).clinics) == 1


def test_a_file_that_is_not_hsds_gets_every_problem_and_nothing_is_written(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    bad = incoming / "not services.json"
    bad.write_text('{"id": 5, "name": []}', encoding="utf-8")
    user = make_window()
    seen: list[str] = []
    with user.answering(save_as(user, bad), read_report(user, seen, keys="Escape")):
        user.menu("File", "Import directory…")
    user.wait(lambda: len(seen) == 3)
    summary, details, buttons = seen
    assert summary == f"1 problem in {bad}; nothing was written"
    assert details.startswith("not services.json: /: not HSDS services")
    assert buttons == "Close"  # nothing to save
    assert sorted(incoming.iterdir()) == [bad]


def test_a_name_that_exists_is_asked_again_and_never_saved_over(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package)
    kept = tmp_path / "clinics.yaml"
    kept.write_text("# someone's registry\n", encoding="utf-8")
    user = make_window()
    seen: list[str] = []
    titles: list[str] = []

    def asked_again(dialog: QWidget) -> None:  # the import is not thrown away for a name
        titles.append(dialog.windowTitle())
        save_as(user, tmp_path / "county")(dialog)

    with user.answering(
        save_as(user, package / "datapackage.json"),
        read_report(user, seen, keys="Alt+S"),
        save_as(user, kept),  # not offered to be replaced: refused, and asked again
        asked_again,
    ):
        user.menu("File", "Import directory…")
    user.wait(lambda: "county.yaml" in user.window.windowTitle())
    assert titles == [
        "clinics.yaml exists: an import is saved only as a new file; choose another name"
    ]
    assert kept.read_text(encoding="utf-8") == "# someone's registry\n"
    assert len(load_registry(tmp_path / "county.yaml").clinics) == 1


def test_a_directory_exported_as_hsds_comes_back_with_the_same_clinics(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    user.search("Dallas, TX")
    clinics = user.column("Clinics found, nearest first", "Clinic")
    proposed: list[str] = []
    exported = tmp_path / "for the 211 line"  # ".json" is added
    with user.answering(save_as_type(user, exported, "Open Referral HSDS (JSON)", proposed)):
        user.menu("File", "Export registry as…")
    written = exported.with_name("for the 211 line.json")
    user.wait(lambda: f"as Open Referral HSDS (JSON) to {written}." in user.texts())
    assert proposed == ["locator-hsds.json"]  # the type's own name, offered on picking it
    seen: list[str] = []
    back = tmp_path / "back" / "from the 211 line.yaml"
    back.parent.mkdir()
    with user.answering(
        save_as(user, written), read_report(user, seen, keys="Alt+S"), save_as(user, back)
    ):
        user.menu("File", "Import directory…")
    user.wait(lambda: "from the 211 line.yaml" in user.window.windowTitle())
    user.search("Dallas, TX")
    assert user.column("Clinics found, nearest first", "Clinic") == clinics


def test_the_new_registry_shows_none_of_the_last_ones_clinics(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package)
    user = make_window()
    user.click_cell("Clinics without a location", 0)  # before any search: all there is
    shown = user.column("Clinics without a location", "Clinic")[0]
    user.wait(lambda: shown in user.named("Clinic details").toPlainText())
    seen: list[str] = []
    with user.answering(
        save_as(user, package / "datapackage.json"),
        read_report(user, seen, keys="Alt+S"),
        save_as(user, tmp_path / "county"),
    ):
        user.menu("File", "Import directory…")
    user.wait(lambda: "county.yaml" in user.window.windowTitle())
    details = user.named("Clinic details").toPlainText()
    assert shown not in details
    assert details == "Select a clinic to see everything the registry says."
    assert not user.button("Copy phone").isEnabled()
    # the imported entry is placed nowhere: the summary names no places rather than none
    summary = user.named("Search summary").text()
    assert summary == (
        "1 provider with no listed location in the registry. Type a place to find the nearest."
    )


def test_the_specifications_example_goes_back_out_with_every_value_in_its_place(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    """The 211 system's own ids, the phone's extension, the location's name, the contacts and
    hours of the service at that location and the file's history come back in the HSDS the
    maintainer exports; a mailing address is never shown as the office, and the phone has no
    quote marks around it."""
    source = tmp_path / "service_full.json"
    shutil.copy(SERVICE, source)
    user = make_window()
    seen: list[str] = []
    with user.answering(
        save_as(user, source), read_report(user, seen, keys="Alt+S"), save_as(user, tmp_path / "c")
    ):
        user.menu("File", "Import directory…")
    user.wait(lambda: "c.yaml" in user.window.windowTitle())
    user.click_cell("Clinics without a location", 0)
    user.wait(lambda: "Community Counselling" in user.named("Clinic details").toPlainText())
    details = user.named("Clinic details").toPlainText()
    assert "+44 1234 234567" in details
    assert '"+44' not in details
    assert "1-30 Main Street" not in details  # a "postal" address: where mail goes, kept
    exported = tmp_path / "back to the 211 line"
    with user.answering(save_as_type(user, exported, "Open Referral HSDS (JSON)", [])):
        user.menu("File", "Export registry as…")
    written = exported.with_name("back to the 211 line.json")
    user.wait(lambda: f"to {written}." in user.texts())
    [service] = json.loads(written.read_text(encoding="utf-8"))["contents"]
    original = json.loads(SERVICE.read_text(encoding="utf-8"))
    assert service["id"] == original["id"]
    assert service["organization"]["id"] == original["organization"]["id"]
    assert service["phones"][0]["extension"] == 100
    at_office, was = service["service_at_locations"][0], original["service_at_locations"][0]
    for key in ("id", "contacts", "phones", "schedules", "location"):
        assert at_office[key] == was[key], key  # the location's id, name, postal address…
    assert original["metadata"][0] in service["metadata"]  # the location renamed, 2011
