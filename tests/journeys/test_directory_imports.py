"""A maintainer brings in the directory their 211 system keeps, in Open Referral HSDS: File →
Import directory…, the report of what did not map read before anything is saved, and the
imported registry saved as a new file, which opens; never over another."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from locator.data.loader import load_registry
from locator.ui.import_report import ImportReport
from tests.helpers.exporting import save_as, save_as_type
from tests.helpers.paths import REPO
from tests.helpers.user import MakeWindow, User
from tests.journeys.test_exports import answer_with

PACKAGE = REPO / "tests" / "data" / "hsds" / "csv"
SERVICE = REPO / "tests" / "data" / "hsds" / "service_full.json"


def large_directory(path: Path, count: int, near: tuple[float, float] | None = None) -> Path:
    """A 211 agency's file of ``count`` services shaped like the specification's example,
    each its own (2,000 take minutes to import whole); ``near``: each at its own location a
    little north of that latitude and longitude (else where the example puts it: nowhere)."""
    example = json.loads(SERVICE.read_text(encoding="utf-8"))
    services = []
    for index in range(count):
        service = {**example, "id": f"svc-{index}", "name": f"Counselling service {index}"}
        if near is not None:
            [at_location] = example["service_at_locations"]
            location = {
                **at_location["location"],
                "latitude": near[0] + index / 100,
                "longitude": near[1],
            }
            service["service_at_locations"] = [{**at_location, "location": location}]
        services.append(service)
    path.write_text(json.dumps(services), encoding="utf-8")
    return path


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
    # rows no service holds (naming no object of the package, or a table no service links
    # to) are said, never silently dropped
    assert "5 rows no service in the package holds" in details
    assert "attributes.csv row 2; metadata.csv row 2;" in details
    assert "meta_table_descriptions.csv row 2" in details
    assert buttons == "Save as new registry… | Cancel"
    notice = user.named("Message: notice", QLabel)  # the file's name: one line at 800x600
    assert notice.text() == "Imported 1 entry into county clinics.yaml, now the registry on screen."
    assert notice.toolTip() == str(written)  # the whole path, for the mouse and read aloud
    assert str(written) in notice.accessibleDescription()
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
        assert titles[-1] in user.texts()  # the window behind says it too
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


def test_a_registry_opened_shows_none_of_the_last_ones_clinics(
    make_window: MakeWindow, registry_copy: Path, tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere" / "other clinics.yaml"
    other.parent.mkdir()
    shutil.copyfile(registry_copy, other)  # the same clinics, yet another file on screen
    user = make_window()
    user.click_cell("Clinics without a location", 0)
    shown = user.column("Clinics without a location", "Clinic")[0]
    user.wait(lambda: shown in user.named("Clinic details").toPlainText())
    with user.answering(save_as(user, other)):
        user.menu("File", "Open registry…")
    user.wait(lambda: "other clinics.yaml" in user.window.windowTitle())
    user.wait(lambda: "registry" in user.named("Search summary").text())
    details = user.named("Clinic details").toPlainText()
    assert details == "Select a clinic to see everything the registry says."
    assert not user.button("Open website").isEnabled()


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


def test_a_large_import_counts_its_services_and_cancel_stops_it(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    big = large_directory(incoming / "county 211.json", 2000)
    user = make_window()
    with user.answering(save_as(user, big)):  # no report may come: it would not be answered
        user.menu("File", "Import directory…")
    user.wait(lambda: "of 2,000 services" in user.texts())  # how far, in services
    assert f"Importing {big}: " in user.texts()  # then its stage, which moves on meanwhile
    assert user.named("Importing", QProgressBar).maximum() == 2000
    user.named("Clinic details").setFocus()
    user.press("Tab")  # the details' buttons wait for a clinic: next is the import's Cancel
    focused = user.focused()
    assert isinstance(focused, QPushButton)
    assert focused.text() == "Canc&el import"
    user.press("Space")
    # the keys go back to where they were, not to the next widget (the crisis line's link)
    assert user.focused() is user.named("Clinic details")
    user.wait(lambda: f"The import of {big} was cancelled: nothing was written." in user.texts())
    assert user.focused() is user.named("Clinic details")
    assert "of 2,000 services" not in user.texts()  # the bar has gone
    assert sorted(incoming.iterdir()) == [big]
    user.wait(lambda: user.find_action("File", "Import directory…").isEnabled())


def test_quitting_mid_import_asks_first_and_cancelling_stops_it(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    (tmp_path / "incoming").mkdir()
    big = large_directory(tmp_path / "incoming" / "county 211.json", 2000)
    user = make_window()
    with user.answering(save_as(user, big)):
        user.menu("File", "Import directory…")
    user.wait(lambda: "of 2,000 services" in user.texts())
    asked: list[str] = []
    with user.answering(answer_with(user, "Wait", asked)):
        user.press("Ctrl+Q")
    assert user.window.isVisible()  # still there, still importing
    assert "of 2,000 services" in user.texts()
    with user.answering(answer_with(user, "Cancel import and quit", asked)):
        user.press("Ctrl+Q")
    user.wait(lambda: not user.window.isVisible())
    question = (
        f"{big} is still being imported. Wait for it, or cancel the import and quit? "
        "Nothing has been written yet."
    )
    assert asked == [question] * 2
    # read whole, this file takes minutes: no thread of the app's goes on with it
    user.wait(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    assert sorted(big.parent.iterdir()) == [big]


def test_one_agency_with_many_services_keeps_to_one_row_and_is_counted_as_such(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    (tmp_path / "incoming").mkdir()
    agency = large_directory(tmp_path / "incoming" / "agency.json", 30, near=(29.76, -95.37))
    user = make_window()
    with user.answering(
        save_as(user, agency), read_report(user, [], keys="Alt+S"), save_as(user, tmp_path / "a")
    ):
        user.menu("File", "Import directory…")
    user.wait(lambda: "a.yaml" in user.window.windowTitle())
    user.search("Houston, TX")
    [where] = user.column("Clinics found, nearest first", "Where")  # one organization, one row
    assert where.endswith(" and 26 other places"), where  # three named, the rest counted
    assert where.count(";") == 2
    summary = user.named("Search summary").text()
    # one provider, yet each of its places another service: not "1 provider at 6 places"
    assert re.match(r"1 provider with (\d+) distinct services at \1 places within", summary)


def test_the_details_name_the_imported_file_and_what_it_states_unmapped(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    (tmp_path / "incoming").mkdir()
    example = tmp_path / "incoming" / "service_full.json"
    shutil.copy(SERVICE, example)  # Urdu, £35 a session, wheelchair access, weekdays 10 to 6
    user = make_window()
    with user.answering(
        save_as(user, example), read_report(user, [], keys="Alt+S"), save_as(user, tmp_path / "b")
    ):
        user.menu("File", "Import directory…")
    user.wait(lambda: "b.yaml" in user.window.windowTitle())
    user.wait(lambda: user.column("Clinics without a location", "Clinic"))
    user.click_cell("Clinics without a location", 0)  # its latitude, 100, is on no map
    details = " ".join(user.named("Clinic details").toPlainText().split())
    assert (
        "In the imported file, not mapped: Price per session, Languages, Wheelchair access"
    ) in details
    # only what the file states: its one price is per session, its hours end at six on
    # weekdays, so the rest is not listed, never said to be in the file
    not_listed = details.partition("Not listed (no source says): ")[2].partition(" In the")[0]
    assert "Languages" not in not_listed
    assert "Price per session" not in not_listed
    for unstated in ("Price per series", "Evening hours", "Weekend hours"):
        assert unstated in not_listed
    assert "Open Referral HSDS file service_full.json, imported by locator, read " in details


def test_a_link_to_nothing_is_a_name_that_exists_and_nothing_is_written_through_it(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    package = tmp_path / "package"
    shutil.copytree(PACKAGE, package)
    folder = tmp_path / "g1"
    folder.mkdir()
    victim = tmp_path / "victim-new.yaml"  # ~/.bash_login, on a system without one
    (folder / "new.yaml").symlink_to("../victim-new.yaml")
    user = make_window()
    seen: list[str] = []
    titles: list[str] = []

    def asked_again(dialog: QWidget) -> None:
        titles.append(dialog.windowTitle())
        save_as(user, folder / "county")(dialog)

    with user.answering(
        save_as(user, package / "datapackage.json"),
        read_report(user, seen, keys="Alt+S"),
        save_as(user, folder / "new.yaml"),
        asked_again,
    ):
        user.menu("File", "Import directory…")
    user.wait(lambda: "county.yaml" in user.window.windowTitle())
    assert titles == ["new.yaml exists: an import is saved only as a new file; choose another name"]
    assert not victim.exists()  # nothing was written through the link
    assert (folder / "new.yaml").is_symlink()


def test_a_zip_of_a_hundred_megabytes_of_blank_rows_stops_at_a_thousand_problems(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    bomb = incoming / "bomb.zip"  # a few hundred kilobytes
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("services.csv", "w", force_zip64=True) as member,
    ):
        member.write((PACKAGE / "services.csv").read_bytes())
        for _ in range(100):
            member.write(b"\n" * 1_000_000)
    user = make_window()
    seen: list[str] = []
    with user.answering(save_as(user, bomb), read_report(user, seen, keys="Escape")):
        user.menu("File", "Import directory…")
    user.wait(lambda: len(seen) == 3)
    summary, details, buttons = seen
    assert summary == f"more than 1,000 problems in {bomb}; nothing was written"
    assert details.startswith("services.csv row 3:1: “id” is missing; HSDS requires it")
    assert details.endswith("… more than 1,000 problems; stopping here")
    assert buttons == "Close"
    assert sorted(incoming.iterdir()) == [bomb]


def test_a_directory_whose_text_holds_an_emoji_is_imported_whole(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    """An agency's description with an emoji (kept under hsds, as locator does not map it)
    was written in a form no YAML reader takes, so the import was refused as not valid."""
    service = json.loads(SERVICE.read_text(encoding="utf-8"))
    service["description"] = "Walk-ins welcome \U0001f600 every weekday"
    source = tmp_path / "agency.json"
    source.write_text(json.dumps(service, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "agency clinics"
    user = make_window()
    seen: list[str] = []
    with user.answering(
        save_as(user, source), read_report(user, seen, keys="Alt+S"), save_as(user, target)
    ):
        user.menu("File", "Import directory…")
    written = target.with_name("agency clinics.yaml")
    user.wait(lambda: "agency clinics.yaml" in user.window.windowTitle())
    assert seen[0].startswith("1 entry read from agency.json. Nothing is saved until")
    assert "Imported 1 entry into agency clinics.yaml" in user.texts()
    [clinic] = load_registry(written).clinics
    assert clinic.hsds is not None
    assert clinic.hsds["description"] == "Walk-ins welcome \U0001f600 every weekday"


def test_a_file_name_that_would_turn_sentences_around_reads_as_it_is_stored(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    rlo = "\u202e"  # turns what follows around: "nosj.evil" reads "live.json"
    folder = tmp_path / f"fn{rlo}dlo"
    folder.mkdir()
    source = folder / f"x{rlo}nosj.evil.json"
    shutil.copy(SERVICE, source)
    user = make_window()
    seen: list[str] = []
    proposed: list[str] = []

    def pasted(path: Path) -> Callable[[QWidget], None]:
        """A save dialog answered with ``path`` pasted (no keyboard types U+202E)."""

        def answer(dialog: QWidget) -> None:
            QApplication.clipboard().setText(str(path))
            user.press("Ctrl+A")
            user.press("Ctrl+V")
            user.press("Return")

        return answer

    def offered(dialog: QWidget) -> None:  # note the name offered, and save under it
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(name, QLineEdit)
        proposed.append(name.text())
        pasted(folder / Path(name.text()).name)(dialog)

    with user.answering(pasted(source), read_report(user, seen, keys="Escape")):
        user.menu("File", "Import directory…")  # its sources name it as it reads
    user.wait(lambda: len(seen) == 3)
    assert seen[0].startswith("1 entry read from x\ufffdnosj.evil.json. Nothing is saved")
    assert (
        "the file's name holds a character that would turn text around, so the registry names "
        "it x\ufffdnosj.evil.json as the source of its entries"
    ) in seen[1]
    plain = folder / "services.json"  # read, and saved under the folder's turned name
    shutil.copy(SERVICE, plain)
    with user.answering(pasted(plain), read_report(user, seen, keys="Alt+S"), offered):
        user.menu("File", "Import directory…")
    written = folder / "services.yaml"
    user.wait(lambda: "services.yaml" in user.window.windowTitle())
    assert [Path(name).name for name in proposed] == ["services.yaml"]
    assert seen[3].startswith("1 entry read from services.json. Nothing is saved until")
    title = user.window.windowTitle()
    assert "fn\ufffddlo" in title
    assert "Imported 1 entry into services.yaml" in user.texts()
    notice = user.named("Message: notice", QLabel)
    assert notice.toolTip() == f"{tmp_path}/fn\ufffddlo/services.yaml"  # turned as shown
    for shown in (*seen, title, *user.texts()):
        assert rlo not in shown
    assert len(load_registry(written).clinics) == 1
