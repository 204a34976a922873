"""A coordinator compares three clinics: the ≠ mark and the highlight fall on the facts that
set them apart, the table can show only those (and export only those, saying so, with only
the quotes they cite; the quote line under it follows the rows left), and the selected
cell's text stays readable."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QStyleFactory, QTableWidget, QWidget

from tests.helpers.exporting import export_as, save_as
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


def describes(line: str, cell: str) -> bool:
    """Whether the line under the table speaks of a cell showing ``cell``."""
    return line.startswith(cell) or (cell == "not listed" and line.startswith("Not listed"))


def test_the_quote_line_follows_the_rows_left_on_screen(make_window: MakeWindow) -> None:
    user = make_window()
    table = compare_three(user)
    quotes = user.named("Source of the selected cell", QLabel)
    user.click_widget(table)
    user.press("Home")  # the first cell: who the clinic is, a row that is never marked
    user.wait(lambda: table.currentRow() == 0)
    assert "≠" not in table.verticalHeaderItem(0).text()
    assert describes(quotes.text(), table.item(0, 0).text()), quotes.text()

    user.press("Alt+O")  # Show only the facts that differ: the first row goes
    user.wait(lambda: table.isRowHidden(0))
    row, column = table.currentRow(), table.currentColumn()
    assert row >= 0, "a cell stays selected"
    assert not table.isRowHidden(row), "the selection moves to a row still shown"
    assert describes(quotes.text(), table.item(row, column).text()), quotes.text()


def test_export_with_only_the_differences_shown_holds_only_them_and_says_so(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    table = compare_three(user)
    user.click_widget(table)
    user.press("Alt+O")  # Show only the facts that differ
    user.wait(lambda: len(shown_rows(table)) < table.rowCount())
    shown = shown_rows(table)
    window = table.window()
    said: list[str] = []

    def read_then_export(dialog: QWidget) -> None:
        said.extend(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
        export_as(user, "Markdown")(dialog)

    target = tmp_path / "differences.md"
    with user.answering(read_then_export, save_as(user, target)):
        user.click("Export", within=window)
    user.wait(target.exists)
    assert "Only the facts that differ go into it, as the table shows them." in said
    text = target.read_text(encoding="utf-8")
    left_out = table.rowCount() - len(shown)
    assert (
        f"Only the facts that differ are shown: {left_out} rows on which the clinics agree "
        "are left out."
    ) in text
    table_rows = re.findall(r"^\| \*\*(.+?)\*\*( ≠)? \|", text, flags=re.MULTILINE)
    assert [f"{name}{mark}" for name, mark in table_rows] == shown
    table_part, sources_part = text.split("## Sources")
    cited = {
        int(n) for found in re.findall(r"\\\[([\d, ]+)\\\]", table_part) for n in found.split(", ")
    }
    listed = [int(n) for n in re.findall(r"^- \\\[(\d+)\\\] ", sources_part, flags=re.MULTILINE)]
    assert set(listed) == cited == set(range(1, len(cited) + 1)), (
        "every number in the table has its quote, and no quote stands for a row left out"
    )
