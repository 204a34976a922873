"""A coordinator filters a search: the menus say how many entries list each item, stay open
while several are ticked, and an empty result offers to clear the filters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QWidget

from tests.helpers.user import MakeWindow, User, plain

FOUND = "Clinics found, nearest first"
SUMMARY = "Search summary"
CONDITIONS = "Conditions filter"


def items(menu: QMenu) -> list[str]:
    return [plain(a.text()) for a in menu.actions() if not a.isSeparator() and not a.menu()]


def click_item(user: User, menu: QMenu, text: str) -> None:
    """Click the menu item that starts with ``text``, as a person's pointer does."""
    action = next(a for a in menu.actions() if plain(a.text()).startswith(text))
    user.qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def test_more_filters_say_which_facts_no_entry_lists(make_window: MakeWindow) -> None:
    user = make_window(shipped=True)
    seen: list[str] = []

    def read(menu: QWidget) -> None:
        assert isinstance(menu, QMenu)
        seen.extend(items(menu))
        user.press("Escape", menu)

    with user.answering(read):
        user.click(plain(user.named("More filters").text()))
    assert "Accepting new patients — no entry lists it" in seen, seen
    assert "Wheelchair access — no entry lists it" in seen, seen

    with user.answering(read):
        user.click(plain(user.named(CONDITIONS).text()))
    assert "Depression — 4 entries list it" in seen, seen  # Nervana twice, the unnamed two


def test_three_conditions_in_one_trip_then_clear_them_from_the_empty_result(
    make_window: MakeWindow,
) -> None:
    user = make_window(shipped=True)
    user.search("Sandy, UT")
    assert user.column(FOUND, "Clinic")
    stayed_open: list[bool] = []

    def tick_three(menu: QWidget) -> None:
        assert isinstance(menu, QMenu)
        for condition in ("Depression", "Anxiety", "OCD"):
            click_item(user, menu, condition)
            stayed_open.append(menu.isVisible())
        user.press("Escape", menu)

    with user.answering(tick_three):
        user.click(plain(user.named(CONDITIONS).text()))
    assert stayed_open == [True, True, True]
    assert plain(user.named(CONDITIONS).text()) == "Conditions (3)"
    user.wait_until_quiet()
    user.wait(lambda: "Clear the filters" in user.texts())
    assert user.column(FOUND, "Clinic") == []

    user.click_link("No clinic matches every filter chosen", "Clear the filters")
    user.wait(lambda: plain(user.named(CONDITIONS).text()) == "Conditions")
    user.wait_until_quiet()
    user.wait(lambda: user.column(FOUND, "Clinic") != [])
    assert "Clear the filters" not in user.texts()
