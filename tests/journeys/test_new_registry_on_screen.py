"""A registry opened, reloaded or imported after a search that found no place: the results,
the "Location not listed" table and the summary are that registry's, never the last one's, and
a row that looks selected shows its own clinic's details."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers.exporting import save_as
from tests.helpers.registry_texts import VALID
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
UNLOCATED = "Clinics without a location"
SUMMARY = "Search summary"
DETAILS = "Clinic details"


def after_a_failed_search(user: User) -> list[str]:
    """Search near Sandy, then for a place that does not exist: the results stay. Returns the
    clinics then shown."""
    user.search("Sandy, UT")
    user.search("Xqzzy, UT")
    assert "The results shown are from your last search." in user.texts()
    shown = user.column(FOUND, "Clinic") + user.column(UNLOCATED, "Clinic")
    assert shown
    return shown


def shows_only_the_small_registry(user: User, before: list[str]) -> None:
    """The small registry's clinics, none of the last one's, and a summary not about Sandy."""
    user.wait(lambda: user.column(UNLOCATED, "Clinic") == ["Second Clinic"])
    user.wait_until_quiet()
    assert user.column(FOUND, "Clinic") == []
    assert not set(before) & set(user.column(UNLOCATED, "Clinic"))
    assert "within travel distance of Sandy" not in user.named(SUMMARY).text()
    assert "from your last search" not in user.texts()
    user.click_cell(UNLOCATED, 0)  # the row chosen shows its own clinic
    user.wait(lambda: "Second Clinic" in user.named(DETAILS).toPlainText())


def test_a_registry_opened_after_a_failed_search_shows_its_own_clinics(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    small = tmp_path / "small.yaml"
    small.write_text(VALID, encoding="utf-8")
    user = make_window(size=(800, 600))
    before = after_a_failed_search(user)
    with user.answering(save_as(user, small)):
        user.menu("File", "Open registry…")
    user.wait(lambda: "small.yaml" in user.window.windowTitle())
    shows_only_the_small_registry(user, before)


def test_a_registry_reloaded_after_a_failed_search_shows_its_new_clinics(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window(size=(800, 600))
    before = after_a_failed_search(user)
    registry_copy.write_text(VALID, encoding="utf-8")  # another program saved it
    user.press("F5")
    shows_only_the_small_registry(user, before)


def test_a_directory_imported_after_a_failed_search_shows_its_own_clinics(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    from tests.journeys.test_directory_imports import SERVICE, read_report

    source = tmp_path / "service_full.json"
    shutil.copy(SERVICE, source)
    user = make_window(size=(800, 600))
    before = after_a_failed_search(user)
    seen: list[str] = []
    with user.answering(
        save_as(user, source), read_report(user, seen, keys="Alt+S"), save_as(user, tmp_path / "c")
    ):
        user.menu("File", "Import directory…")
    user.wait(lambda: "c.yaml" in user.window.windowTitle())
    user.wait(lambda: user.column(UNLOCATED, "Clinic") != before)
    user.wait_until_quiet()
    assert user.column(FOUND, "Clinic") == []
    [imported] = user.column(UNLOCATED, "Clinic")
    assert "Community Counselling" in imported
    assert "within travel distance of Sandy" not in user.named(SUMMARY).text()
    user.click_cell(UNLOCATED, 0)
    user.wait(lambda: "Community Counselling" in user.named(DETAILS).toPlainText())
