"""A keyboard user sees where the focus is: the results table and the details pane show it
when Tab lands there, and the ring on a list's item (a place suggestion, a shortlist's name)
has room beside the item's words."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QWidget

from locator.shortlists import Shortlists
from locator.ui.contrast import contrast_ratio
from locator.ui.focus import OUTLINE_PX
from locator.ui.results_model import DISTANCE_COLUMN
from locator.ui.results_panel import first_of_group
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
DETAILS = "Clinic details"
PLACE = "Place to search near"
ANY_INK = 1.3  # a pixel this far from the row's ground is part of a letter, or its edge
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


def with_and_without_focus(user: User, widget: QWidget) -> tuple[QImage, QImage]:
    """How ``widget`` looks once Tab lands on it, and once Tab moves on."""
    tab_to(user, widget)
    user.look()
    focused = widget.grab().toImage()
    user.press("Tab")
    user.wait(lambda: user.focused() is not widget)
    user.look()
    return focused, widget.grab().toImage()


def assert_focus_seen(user: User, widget: QWidget) -> None:
    """Tab lands on ``widget``: it looks clearly different from when Tab moves on, by at least
    a ring one pixel wide all round it."""
    focused, left = with_and_without_focus(user, widget)
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


def room_around_words(
    view: QAbstractItemView, row: int, column: int = 0, below: int = 0
) -> tuple[int, int, int]:
    """How many pixels of a cell (from ``below`` pixels down) are free of its words at its
    start, top and bottom, where its focus ring is drawn (read inside the ring's place,
    whether drawn or not)."""
    rect = view.visualRect(view.model().index(row, column)).adjusted(0, below, 0, 0)
    image = view.viewport().grab(rect).toImage()
    far = image.width() - 1 - OUTLINE_PX
    ground = image.pixelColor(far, image.height() // 2)
    ink = [
        (x, y)
        for y in range(OUTLINE_PX, image.height() - OUTLINE_PX)
        for x in range(OUTLINE_PX, far)
        if contrast_ratio(image.pixelColor(x, y), ground) >= ANY_INK
    ]
    assert ink, "the row shows no words"
    return (
        min(x for x, _ in ink),
        min(y for _, y in ink),
        image.height() - 1 - max(y for _, y in ink),
    )


def test_a_suggestion_s_ring_clears_its_words(make_window: MakeWindow) -> None:
    """Typed "Fris", Down to "Frisco, TX": the ring drawn on its edges has room beside its
    words, as every suggestion's (laid out alike) has."""
    user = make_window()
    popup = user.suggestions("Fris")
    user.press("Down", popup)
    user.look()
    for row in (1, 2):
        room = room_around_words(popup, row)
        assert min(room) > OUTLINE_PX, f"suggestion {row + 1}'s ring would touch its words"


def test_the_shortlist_chooser_s_ring_clears_its_words(make_window: MakeWindow) -> None:
    """Open a shortlist (Ctrl+L): the first name, ringed as the keys land on it, has room
    beside its words for the ring."""
    Shortlists().add("referrals for J.", "nervana-medical")  # kept by an earlier session
    user = make_window()
    rooms: list[tuple[int, int, int]] = []

    def look_then_cancel(dialog: QWidget) -> None:
        names = user.named("Shortlists", QListWidget)
        user.wait(lambda: user.focused() is names)
        user.look()
        rooms.append(room_around_words(names, 0))
        user.press("Escape")

    with user.answering(look_then_cancel):
        user.press("Ctrl+L")
    assert rooms
    assert min(rooms[0]) > OUTLINE_PX, f"the ring would touch the shortlist's name: {rooms}"


def test_the_more_filters_button_s_ring_clears_its_words(make_window: MakeWindow) -> None:
    """Tab to "More filters": the ring its focus draws touches none of its letters (Fusion
    drew it a few pixels in, over them)."""
    user = make_window()
    button = user.named("More filters")
    focused, left = with_and_without_focus(user, button)
    ground = left.pixelColor(left.width() // 2, 3)  # inside the frame, above the words
    width, height = left.width(), left.height()
    ink = {
        (x, y)
        for y in range(3, height - 3)
        for x in range(3, width - 10)  # the letters, not the menu's arrow in the corner
        if contrast_ratio(left.pixelColor(x, y), ground) >= ANY_INK
    }
    ring = {
        (x, y)
        for y in range(height)
        for x in range(width)
        if contrast_ratio(focused.pixelColor(x, y), left.pixelColor(x, y)) >= MIN_UI_CONTRAST
    }
    assert ring, "no focus ring is drawn"
    touching = {
        (x, y)
        for x, y in ring
        if any((x + dx, y + dy) in ink for dx in (-1, 0, 1) for dy in (-1, 0, 1))
    }
    assert not touching, f"the ring touches the words at {sorted(touching)[:5]}"


def test_every_results_cell_s_ring_clears_its_words(make_window: MakeWindow) -> None:
    """At 800 by 600 near Frisco, TX, cells wrap over up to four lines (the towns the first
    clinic serves; an unnamed provider's name, under its group's heading): going down the rows
    with the keys, the ring drawn on each cell's edges has room above and below its words."""
    user = make_window(size=(800, 600))
    user.search("Frisco, TX")
    table = user.named(FOUND, QAbstractItemView)
    tab_to(user, table)
    model = table.model()
    tallest = 0
    for row in range(model.rowCount()):
        user.look()
        assert table.currentIndex().row() == row
        heading = table.heading_height() if first_of_group(model.index(row, 0)) else 0
        tallest = max(tallest, table.rowHeight(row) - heading)
        columns = range(DISTANCE_COLUMN, model.columnCount())
        for column in (c for c in columns if not table.isColumnHidden(c)):
            room = room_around_words(table, row, column, below=heading)
            assert min(room) > OUTLINE_PX, f"the ring would touch cell {row + 1}, {column}: {room}"
        user.press("Down")
    assert tallest > 3 * table.fontMetrics().lineSpacing()  # a cell of four lines among them
