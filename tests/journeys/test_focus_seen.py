"""A keyboard user sees where the focus is: the results table and the details pane show it
when Tab lands there."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from locator.ui.contrast import contrast_ratio
from locator.ui.focus import OUTLINE_PX
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
DETAILS = "Clinic details"
MIN_UI_CONTRAST = 3.0  # WCAG 1.4.11: a focus indicator against what it is drawn over


def tab_to(user: User, widget: QWidget) -> None:
    """Press Tab until ``widget`` has the focus, as a keyboard user goes round the window."""
    for _ in range(40):
        if user.focused() is widget:
            return
        user.press("Tab")
    raise AssertionError(f"Tab never reaches {widget.accessibleName()!r}")


def clearly_changed(before: QImage, after: QImage) -> int:
    """How many pixels change to a colour at 3:1 or more from what they were."""
    return sum(
        contrast_ratio(before.pixelColor(x, y), after.pixelColor(x, y)) >= MIN_UI_CONTRAST
        for x in range(before.width())
        for y in range(before.height())
    )


def assert_focus_seen(user: User, widget: QWidget) -> None:
    """Tab lands on ``widget``: it looks clearly different from when Tab moves on, by at least
    a ring one pixel wide all round it."""
    tab_to(user, widget)
    user.look()
    focused = widget.grab().toImage()
    user.press("Tab")
    user.wait(lambda: user.focused() is not widget)
    user.look()
    left = widget.grab().toImage()
    outlined = clearly_changed(focused, left)
    perimeter = 2 * (widget.width() + widget.height()) - 8 * OUTLINE_PX  # inside its edge
    assert outlined >= perimeter, (
        f"{widget.accessibleName()}: only {outlined} pixels change clearly with the focus"
    )


def test_the_results_and_the_details_show_the_focus_when_tab_lands_there(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Sandy, UT")
    user.press("Ctrl+F")
    assert_focus_seen(user, user.named(FOUND))
    assert_focus_seen(user, user.named(DETAILS))
