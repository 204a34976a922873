"""A registry with values no one would read whole: a clinic whose name, first quote and notes
are each a million characters with no space. The person searches, reads the results and the
details, asks why it is listed and compares it; every surface shows the value cut with "…"
(as pages do), and the window answers instead of laying out a megabyte."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPlainTextEdit, QTableWidget, QTextEdit, QWidget

from locator.presentation import LONGEST_ON_A_PAGE
from tests.helpers.user import MakeWindow

FOUND = "Clinics found, nearest first"
MILLION = 1_000_000
NAME, QUOTE, NOTES = "W" * MILLION, "Q" * MILLION, "N" * MILLION


def huge_values(registry: Path) -> None:
    """Nervana Medical's name, first quote and notes made a million characters long."""
    text = registry.read_text(encoding="utf-8")
    notes_start = text.index("    notes: >-\n")
    notes_end = text.index("    sources:\n", notes_start)
    text = (
        text[:notes_start]
        + f"    notes: {NOTES}\n"
        + text[notes_end:].replace(
            "quote: \"Exciting News! Mind's Journey & Nervana Medical Are Coming Together to "
            'provide even more services"',
            f"quote: {QUOTE}",
            1,
        )
    )
    text = text.replace("name: Nervana Medical", f"name: {NAME}", 1)
    # a provider of its own, not a second place of Nervana Medical's listed under that name
    text = text.replace("organization: Nervana Medical", "organization: Huge", 1)
    # a document not at hand: the quotes are not compared with it
    registry.write_text(text.replace("000_5c7c8aabd53983aa.txt", "huge.txt"), "utf-8")


def cut(value: str) -> str:
    """``value`` as every surface shows it."""
    return value[:LONGEST_ON_A_PAGE] + "…"


def test_a_million_character_value_is_shown_cut_everywhere(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    huge_values(registry_copy)
    user = make_window()
    user.search("Sandy, UT")
    names = user.column(FOUND, "Clinic")
    assert cut(NAME) in names  # the results cell
    user.click_cell(FOUND, names.index(cut(NAME)))
    details = user.named("Clinic details", QTextEdit)
    user.wait(lambda: cut(QUOTE) in details.toPlainText())
    shown = details.toPlainText()
    assert "Q" * (LONGEST_ON_A_PAGE + 1) not in shown
    assert cut(NAME) in shown
    assert "W" * (LONGEST_ON_A_PAGE + 1) not in shown
    read: list[str] = []

    def read_notes(dialog: QWidget) -> None:
        read.append(dialog.findChild(QPlainTextEdit).toPlainText())
        user.press("Escape")

    with user.answering(read_notes):
        user.press("Alt+E")  # Why is this listed this way?
    assert read == [cut(NOTES)]

    for row in range(2):
        user.tick_box(FOUND, row)
    user.click("Compare 2 ticked clinics")
    user.wait(lambda: any(w.windowTitle() == "Compare clinics" for w in user.top_levels()))
    table = user.named("Comparison of the chosen clinics", QTableWidget)
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert cut(NAME) in headers, [header[:40] for header in headers]
    table.window().close()
