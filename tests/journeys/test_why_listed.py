"""A patient reads a clinic's details without the registry keepers' working notes, and can
ask "Why is this listed this way?" to read them, by mouse or keyboard; the editor still shows
and edits them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QTextBrowser, QWidget

from locator.i18n import _
from locator.ui.detail_pane import WHY_LINK
from tests.helpers.editor import choose_clinic, open_editor
from tests.helpers.language import search, small_window_speaking
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
DETAILS = "Clinic details"
WHY = "Why is this listed this way?"
NOTE_TEXT = "The source does not name the state: GeoNames lists one South Jordan in the US"


def test_the_details_leave_the_notes_out_and_offer_them_on_demand(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Sandy, UT")
    user.click_cell(FOUND, user.column(FOUND, "Clinic").index("Nervana Medical"))
    user.wait(lambda: "Nervana Medical" in user.named(DETAILS).toPlainText())
    details = " ".join(user.named(DETAILS).toPlainText().split())
    assert "GeoNames lists one South Jordan" not in details
    assert "coming together" not in details  # the notes' words, not the source's quote
    assert details.startswith(f"Nervana Medical [2] {WHY} (Alt+E) ")  # under the name, with its key
    read: list[str] = []

    def read_notes(dialog: QWidget) -> None:
        assert dialog.windowTitle() == WHY
        box = dialog.findChild(QPlainTextEdit)
        assert box.isReadOnly()
        assert box.accessibleName() == "The registry keepers' notes"
        user.wait(lambda: user.focused() is box)  # a screen reader starts on the notes
        read.append(" ".join(box.toPlainText().split()))
        user.press("Escape")

    with user.answering(read_notes):  # by mouse: the link under the clinic's name
        click_anchor(user, user.named(DETAILS), WHY_LINK)
    with user.answering(read_notes):  # by keyboard, from anywhere in the window
        user.press("Alt+E")
    assert len(read) == 2, "no dialog opened"
    assert NOTE_TEXT in read[0]
    assert read[0] == read[1]


def click_anchor(user: User, details: QTextBrowser, href: str) -> None:
    """Click the details' link to ``href`` where it is drawn."""
    viewport = details.viewport()
    spot = next(
        QPoint(x, y)
        for y in range(0, viewport.height(), 2)
        for x in range(0, viewport.width(), 2)
        if details.anchorAt(QPoint(x, y)) == href
    )
    user.qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=spot)


def test_the_editor_still_shows_the_notes(make_window: MakeWindow) -> None:
    user = make_window()
    editor = open_editor(user)
    choose_clinic(user, 0)  # Nervana Medical, South Jordan
    notes = " ".join(user.named("Notes", QPlainTextEdit).toPlainText().split())
    assert NOTE_TEXT in notes
    user.click("Close", within=editor)


@pytest.mark.parametrize("language", ["en_US", "es_US"])
def test_every_button_under_the_details_is_whole_at_800x600(
    make_window: MakeWindow, speak: Callable[[str], None], language: str
) -> None:
    """Long labels wrap the buttons to a third row on an 800x600 screen: that row is shown
    whole, never cut by the pane's edge."""
    with small_window_speaking(make_window, speak, language) as user:
        search(user, "Sacramento, CA")
        pane = user.named(_(DETAILS)).parentWidget()
        for row in range(len(user.column(_(FOUND), _("Clinic")))):
            user.click_cell(_(FOUND), row)
            for button in pane.findChildren(QPushButton):
                if button.isVisible():
                    seen = button.visibleRegion().boundingRect()
                    assert seen.height() == button.height(), (button.text(), row)
