"""Messages never get in the way of the results: they sit below them in a strip that keeps its
height, so one that comes or goes never moves a row or a button under the pointer; a notice
replaces the one before it, and goes with the next search instead of piling up."""

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
    """Where the first ``count`` rows of the results are drawn, on the screen, and the bottom
    of the table and the buttons under it."""
    user.look()
    table = user.named(FOUND)
    cells = [table.model().index(row, 2) for row in range(count)]
    rows = [table.viewport().mapToGlobal(table.visualRect(cell).center()) for cell in cells]
    below = [user.button(text) for text in ("Compare", "Referral summary")]
    bottom = table.mapToGlobal(table.rect().bottomLeft())
    return [*rows, bottom, *(button.mapToGlobal(QPoint(0, 0)) for button in below)]


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
    user.click("✕")  # the message dismissed, the question comes back
    user.wait(lambda: "No place matches" not in user.texts())
    assert rows_on_screen(user, 3) == before


def test_a_newer_notice_replaces_the_older(make_window: MakeWindow, registry_copy: Path) -> None:
    with_a_phone(registry_copy)
    user = make_window(size=(800, 600))
    user.search("Sandy, UT")
    user.search("Xqzzy, UT")  # a typo: a message, and the results stay
    assert "No place matches" in user.texts()
    user.click("Copy phone")
    user.wait(lambda: f"Copied {PHONE}" in user.texts())
    assert "No place matches" not in user.texts()  # one message about what was just done


def test_a_notice_goes_with_the_next_search(make_window: MakeWindow, registry_copy: Path) -> None:
    with_a_phone(registry_copy)
    user = make_window()
    user.search("Sandy, UT")
    user.click("Copy phone")
    user.wait(lambda: f"Copied {PHONE}" in user.texts())
    user.search("84070")
    assert "Copied" not in user.texts()
