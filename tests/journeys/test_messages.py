"""Messages never get in the way of the results: they sit below them, so one that comes or goes
never moves a row under the pointer, and a notice about something done goes with the next
search instead of piling up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint

from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
PHONE = "(801) 555-0142"


def with_a_phone(registry: Path) -> None:
    """The Sandy clinic of the test registry, with a phone number to copy."""
    text = registry.read_text(encoding="utf-8")
    sandy = "  - id: nervana-medical-sandy\n    name: Nervana Medical\n"
    assert sandy in text
    registry.write_text(text.replace(sandy, f'{sandy}    phone: "{PHONE}"\n', 1), "utf-8")


def rows_on_screen(user: User, count: int) -> list[QPoint]:
    """Where the first ``count`` rows of the results are drawn, on the screen."""
    user.look()
    table = user.named(FOUND)
    cells = [table.model().index(row, 2) for row in range(count)]
    return [table.viewport().mapToGlobal(table.visualRect(cell).center()) for cell in cells]


def test_a_notice_or_a_search_message_never_moves_the_rows(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    with_a_phone(registry_copy)
    user = make_window(size=(800, 600), tiles_question=True)  # a question is showing already
    user.search("Sandy, UT")
    before = rows_on_screen(user, 3)
    user.click("Copy phone")  # the first row, Nervana Medical in Sandy, is selected
    user.wait(lambda: f"Copied {PHONE}" in user.texts())
    assert rows_on_screen(user, 3) == before
    user.search("Xqzzy, UT")  # a typo: a message, and the results stay
    assert "No place matches" in user.texts()
    assert rows_on_screen(user, 3) == before


def test_a_notice_goes_with_the_next_search(make_window: MakeWindow, registry_copy: Path) -> None:
    with_a_phone(registry_copy)
    user = make_window()
    user.search("Sandy, UT")
    user.click("Copy phone")
    user.wait(lambda: f"Copied {PHONE}" in user.texts())
    user.search("84070")
    assert "Copied" not in user.texts()
