"""A coordinator keeps shortlists: adds the ticked clinics at once, sees what each list holds
before opening, renaming or deleting it, goes back to the search, and finds the ticks and the
open list again after a restart. Deleting one asks first, and Enter keeps it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from tests.helpers.user import MakeWindow, User
from tests.journeys.test_coordinator import choose_in

FOUND = "Clinics found, nearest first"
SUMMARY = "Search summary"


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
