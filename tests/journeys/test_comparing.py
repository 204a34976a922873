"""A coordinator compares three clinics: the ≠ mark and the highlight fall on the facts that
set them apart, the table can show only those, and the selected cell's text stays readable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QStyleFactory, QTableWidget

from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
COMPARISON = "Comparison of the chosen clinics"


def compare_three(user: User) -> QTableWidget:
    user.search("Dallas, TX")
    for row in range(3):
        user.tick_box(FOUND, row)
    user.click("Compare 3 ticked clinics")
    user.wait(lambda: any(w.windowTitle() == "Compare clinics" for w in user.top_levels()))
    table: QTableWidget = user.named(COMPARISON, QTableWidget)
    return table


def shown_rows(table: QTableWidget) -> list[str]:
    """The row labels a person sees, top to bottom."""
    return [
        table.verticalHeaderItem(r).text()
        for r in range(table.rowCount())
        if not table.isRowHidden(r)
    ]


def highlighted(table: QTableWidget) -> list[str]:
    """The labels of the rows whose cells are painted in the highlight."""
    return [
        table.verticalHeaderItem(r).text()
        for r in range(table.rowCount())
        if table.item(r, 0).background().style() != Qt.BrushStyle.NoBrush
    ]


def test_only_the_facts_that_differ_are_marked_and_can_be_shown_alone(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    table = compare_three(user)
    rows = shown_rows(table)
    marked = [label for label in rows if label.endswith("≠")]
    assert "Depression ≠" in marked
    # who and where each clinic is differs by nature: no mark there
    for label in ("Place", "Distance from Dallas, TX", "Contact", "Sources", "Last verified"):
        assert label in rows, rows
    assert highlighted(table) == marked
    assert len(marked) < len(rows) / 2, marked  # the mark picks out the differences

    user.click_widget(table)
    user.press("Alt+O")  # Show only the facts that differ
    user.wait(lambda: shown_rows(table) == marked)
    user.press("Alt+O")
    user.wait(lambda: shown_rows(table) == rows)


def cell_image(table: QTableWidget, row: int) -> QImage:
    return table.viewport().grab(table.visualItemRect(table.item(row, 0))).toImage()


def test_the_selected_cell_has_no_frame_across_its_text(make_window: MakeWindow) -> None:
    user = make_window()
    table = compare_three(user)
    table.setStyle(QStyleFactory.create("Windows"))  # a style that frames the focused cell
    user.click_widget(table)
    user.press("Home")  # keyboard focus on the first cell
    user.press("Down")
    user.wait(lambda: table.currentRow() == 1 and table.hasFocus())
    focused = cell_image(table, 1)
    user.press("Tab")  # focus on to the buttons; the cell stays selected
    user.wait(lambda: not table.hasFocus())
    assert cell_image(table, 1) == focused  # nothing drawn over the text for the focus
