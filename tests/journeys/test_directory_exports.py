"""A coordinator hands the whole directory to the map tool or referral system they use:
File → Export registry as…, a file type, a name, and the file a GIS reads."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from PySide6.QtCore import QThreadPool

from locator.data.loader import load_registry
from tests.helpers.exporting import a_busy_machine, save_as, save_as_type
from tests.helpers.paths import REPO
from tests.helpers.user import MakeWindow, User
from tests.journeys.test_exports import answer_with

HSDS = "Open Referral HSDS (JSON)"
SAVING = f"Saving the registry as {HSDS}…"
SCHEMA = REPO / "tests" / "vendor" / "geojson-schema" / "FeatureCollection.json"


def test_a_coordinator_exports_the_registry_as_geojson_for_their_map_tool(
    make_window: MakeWindow, registry_copy: Path, tmp_path: Path
) -> None:
    user = make_window()
    typed = tmp_path / "clinics for the county GIS"  # the type's suffix is added
    with user.answering(save_as(user, typed)):
        user.menu("File", "Export registry as…")
    written = typed.with_name(typed.name + ".geojson")
    user.wait(lambda: f"Exported the registry as GeoJSON to {written}." in user.texts())
    collection = json.loads(written.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(collection)
    registry = load_registry(registry_copy)
    located = [c.name for c in registry.clinics if c.location is not None]
    assert sorted(f["properties"]["name"] for f in collection["features"]) == sorted(located)
    unlocated = [c.id for c in registry.clinics if c.location is None]
    assert unlocated
    # what the file cannot hold is said beside where it went, by entry
    assert "no location and is left out" in user.texts()
    assert all(clinic_id in user.texts() for clinic_id in unlocated)


def test_a_coordinator_exports_the_registry_as_an_hsds_csv_package(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    proposed: list[str] = []
    package = tmp_path / "for the referral network"
    with user.answering(save_as_type(user, package, "Open Referral HSDS (CSV package)", proposed)):
        user.menu("File", "Export registry as…")
    user.wait(lambda: f"(CSV package) to {package}." in user.texts())
    assert proposed == ["locator-hsds"]  # a folder: no suffix
    written = {path.name for path in package.iterdir()}
    assert {"datapackage.json", "services.csv", "locations.csv"} <= written


def start_export(user: User, target: Path) -> None:
    """File → Export registry as… HSDS JSON to ``target``, on a machine too busy to start it:
    it shows on its strip, and a file at that name meanwhile is last week's."""
    target.parent.mkdir(exist_ok=True)
    with user.answering(save_as_type(user, target, HSDS, [])):
        user.menu("File", "Export registry as…")
    user.wait(lambda: SAVING in user.texts())
    target.write_text("last week's export", encoding="utf-8")


def test_quitting_mid_registry_export_asks_and_cancelling_keeps_the_old_file(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    target = tmp_path / "out" / "for the network.json"
    asked: list[str] = []
    with a_busy_machine():
        start_export(user, target)
        with user.answering(answer_with(user, "Wait", asked)):
            user.press("Ctrl+Q")
        assert user.window.isVisible()  # still there, still saving
        assert SAVING in user.texts()
        with user.answering(answer_with(user, "Cancel saving and close", asked)):
            user.press("Ctrl+Q")
        user.wait(lambda: not user.window.isVisible())
    question = (
        f"The registry as {HSDS} is still being saved to {target}. Wait for it, or cancel the "
        "saving and leave the file as it was?"
    )
    assert asked == [question] * 2
    QThreadPool.globalInstance().waitForDone()  # the export stops at its first step…
    user.look()
    assert target.read_text(encoding="utf-8") == "last week's export"  # …and writes nothing
    assert [path.name for path in target.parent.iterdir()] == [target.name]  # no part-file


def test_the_strip_cancels_a_registry_export_and_the_old_file_stays(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    target = tmp_path / "out" / "for the network.json"
    with a_busy_machine():
        start_export(user, target)
        user.click("Cancel export")
    user.wait(lambda: f"Cancelled: nothing was written to {target}." in user.texts())
    assert SAVING not in user.texts()  # the strip is gone
    assert target.read_text(encoding="utf-8") == "last week's export"
    assert [path.name for path in target.parent.iterdir()] == [target.name]
    again = target.with_name("again.json")
    with user.answering(save_as_type(user, again, HSDS, [])):
        user.menu("File", "Export registry as…")  # and again, to the end
    user.wait(lambda: f"Exported the registry as {HSDS} to {again}." in user.texts())
    assert json.loads(again.read_text(encoding="utf-8"))["contents"]


def test_waiting_for_a_registry_export_on_quit_quits_once_it_is_saved(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    target = tmp_path / "out" / "for the network.json"
    asked: list[str] = []
    with a_busy_machine():
        start_export(user, target)
        with user.answering(answer_with(user, "Wait", asked)):
            user.press("Ctrl+Q")
        assert user.window.isVisible()
    user.wait(lambda: not user.window.isVisible())  # saved, then gone, as asked
    assert len(asked) == 1
    assert json.loads(target.read_text(encoding="utf-8"))["contents"]
