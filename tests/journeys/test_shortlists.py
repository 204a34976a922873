"""A coordinator keeps shortlists: adds the ticked clinics at once, sees what each list holds
before opening, renaming or deleting it (a long list's clinics scroll in a chooser that fits the
screen), goes back to the search, and finds the ticks and the open list again after a restart.
Deleting one asks first, and Enter keeps it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMessageBox, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from locator.data.loader import load_registry
from locator.shortlists import Shortlists, shortlists_path
from tests.helpers.counting import counted
from tests.helpers.map_support import framing
from tests.helpers.screen import available_area, on_screen
from tests.helpers.shortlist_answers import choose_in
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
SUMMARY = "Search summary"
UNLOCATED = "Clinics without a location"


def test_enter_in_the_delete_question_keeps_the_shortlist(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Dallas, TX")
    with user.answering(choose_in(user, "referrals for J.")):
        user.press("Ctrl+D")

    def press_enter(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert "Delete the shortlist “referrals for J.”?" in box.text()
        user.press("Return")

    with user.answering(choose_in(user, "referrals for J."), press_enter):
        user.menu("Shortlists", "Delete a shortlist…")
    assert "Deleted the shortlist" not in user.texts()
    with user.answering(choose_in(user, "referrals for J.")):
        user.press("Ctrl+L")
    user.wait(lambda: "Shortlist “referrals for J.”" in user.named(SUMMARY).text())


def opened(user: User) -> str:
    return user.named(SUMMARY).text()


def test_ticked_clinics_go_on_a_list_seen_before_opening_left_and_back_after_a_restart(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Dallas, TX")
    shown = user.column(FOUND, "Clinic")
    names = [name for name in shown if not name.startswith("Unnamed provider")][:2]
    for name in names:
        user.tick_box(FOUND, shown.index(name))
    user.tick_box(UNLOCATED, 0)
    names.append(user.column(UNLOCATED, "Clinic")[0])
    searched = user.named(SUMMARY).text()
    asked: list[str] = []

    def name_it(dialog: QWidget) -> None:
        asked.append("\n".join(label.text() for label in dialog.findChildren(QLabel)))
        choose_in(user, "referrals for J.")(dialog)

    with user.answering(name_it):
        user.press("Ctrl+D")  # Add ticked or selected clinics to a shortlist
    assert "the 3 ticked clinics" in asked[0]
    user.wait(
        lambda: (
            "Added 3 providers (2 at 2 places, 1 with no listed location) to “referrals for J.”"
            in user.texts()
        )
    )

    previews: list[str] = []

    def look_then_open(dialog: QWidget) -> None:
        previews.append(user.named("Clinics on this shortlist", QLabel).text())
        choose_in(user, "referrals for J.")(dialog)

    with user.answering(look_then_open):
        user.press("Ctrl+L")
    assert all(name in previews[0] for name in names), previews
    user.wait(
        lambda: (
            "Shortlist “referrals for J.”: 3 providers (2 at 2 places, 1 with no listed location)"
            in opened(user)
        )
    )
    assert "Back to the search results" in user.texts()

    user.press("Alt+Left")  # Shortlists → Back to the search results
    user.wait(lambda: user.named(SUMMARY).text() == searched)
    assert user.column(FOUND, "Clinic") == shown

    with user.answering(choose_in(user, "referrals for J.")):
        user.menu("Shortlists", "Open a shortlist…")
    user.wait(lambda: "Shortlist “referrals for J.”" in opened(user))
    user.tick_box(FOUND, 0)  # one unticked, to see the ticks come back as they were
    ticks = user.ticked(FOUND)
    user.menu("File", "Quit")

    again = make_window()
    again.wait(
        lambda: (
            "Shortlist “referrals for J.”: 3 providers (2 at 2 places, 1 with no listed location)"
            in opened(again)
        )
    )
    assert again.ticked(FOUND) == ticks


def test_the_shortlists_menu_greys_out_what_needs_a_list_open_and_says_why(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Dallas, TX")
    user.click_cell(FOUND, 0)
    with user.answering(choose_in(user, "referrals for J.")):
        user.press("Ctrl+D")
    user.wait(lambda: "to “referrals for J.”" in user.texts())

    items = user.open_menu("Shortlists")
    assert items["Back to the search results"] == (
        "No shortlist is open: the search results are on screen."
    )
    assert items["Remove selected clinic from the shortlist"] == (
        "Open a shortlist (Ctrl+L) and select the clinic to take off it."
    )
    assert items["Open a shortlist…"] is None
    user.press("Alt+Left")  # its shortcut still says why, with the menu closed
    user.wait(lambda: "No shortlist is open" in user.texts())

    with user.answering(choose_in(user, "referrals for J.")):
        user.press("Ctrl+L")
    user.wait(lambda: "Shortlist “referrals for J.”" in opened(user))
    user.click_cell(FOUND, 0)
    items = user.open_menu("Shortlists")
    assert items["Back to the search results"] is None
    assert items["Remove selected clinic from the shortlist"] is None


def with_many_clinics(registry: Path, copies: int) -> list[str]:
    """The registry with ``copies`` more entries, each a copy of its first clinic; every id."""
    text = registry.read_text(encoding="utf-8")
    first = text.index("  - id: ")
    entry = text[first : text.index("  - id: ", first + 1)]
    clinic_id = entry.split()[2]
    more = "".join(entry.replace(clinic_id, f"{clinic_id}-{n:02d}") for n in range(copies))
    registry.write_text(text + "\n" + more, encoding="utf-8")
    return re.findall(r"^  - id: (\S+)", text + more, flags=re.MULTILINE)


def test_a_long_shortlist_is_previewed_in_a_chooser_that_fits_a_small_screen(
    make_window: MakeWindow, registry_copy: Path, qtbot: QtBot
) -> None:
    ids = with_many_clinics(registry_copy, 25)[:30]
    Shortlists().add("long list", *ids)  # kept by an earlier session
    with available_area(qtbot, 800, 600) as screen:
        user = make_window(size=None)
        seen: list[int] = []

        def look_then_open(dialog: QWidget) -> None:
            on_screen(user, dialog, screen, ["OK", "Cancel"])
            preview = user.named("Clinics on this shortlist", QLabel)
            seen.append(len(preview.text().splitlines()))
            scroll = user.named("Clinics on this shortlist", QScrollArea)
            user.wheel(scroll.viewport(), -100)  # the pointer over the list, down to its end
            user.look()
            shown = preview.visibleRegion().boundingRect()
            assert shown.bottom() == preview.height() - 1, "the last clinic scrolls into view"
            choose_in(user, "long list")(dialog)

        with user.answering(look_then_open):
            user.press("Ctrl+L")
        assert seen == [len(ids)]
        listed = [c for c in load_registry(registry_copy).clinics if c.id in set(ids)]
        user.wait(lambda: f"Shortlist “long list”: {counted(listed)}" in opened(user))


def test_back_to_the_search_results_frames_the_map_on_the_search_again(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Dallas, TX")
    user.wait_until_quiet()
    user.wait_map_laid_out()
    searched = framing(user)
    far = user.column(FOUND, "Clinic").index("Nervana Medical")  # in Sandy, UT
    user.tick_box(FOUND, far)
    with user.answering(choose_in(user, "far away")):
        user.press("Ctrl+D")
    with user.answering(choose_in(user, "far away")):
        user.press("Ctrl+L")
    user.wait(lambda: "Shortlist “far away”" in opened(user))
    user.wait_until_quiet()
    assert framing(user)["zoom"] < searched["zoom"]  # framed on Dallas and Sandy together

    user.press("Alt+Left")  # Shortlists → Back to the search results
    user.wait(lambda: "within travel distance of Dallas, TX" in opened(user))
    user.wait_map_laid_out()
    user.wait(lambda: framing(user)["zoom"] == searched["zoom"])
    assert framing(user)["origin"] == searched["origin"]


def test_the_start_message_about_a_lists_name_goes_once_it_is_renamed(
    make_window: MakeWindow,
) -> None:
    """The strip's start message named a list kept under a name no list is given now; it
    still named it after the user renamed it, as the message asks (Privacy did not)."""
    shortlists_path().parent.mkdir(parents=True, exist_ok=True)
    shortlists_path().write_text(json.dumps({"a\nb": ["nervana-medical-sandy"]}), "utf-8")
    user = make_window()
    assert "“a\\u000ab”: it holds a control character" in user.texts()
    with user.answering(choose_in(user, "a\\u000ab"), choose_in(user, "a b")):
        user.menu("Shortlists", "Rename a shortlist…")
    assert Shortlists().names() == ["a b"]
    assert "a\\u000ab" not in user.texts()
    assert "no list is given now" not in user.texts()
