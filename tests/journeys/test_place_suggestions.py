"""The place field's suggestions: Enter searches for what the field shows, and the list
follows what is typed."""

from __future__ import annotations

from tests.helpers.user import MakeWindow

SUMMARY = "Search summary"
PLACE = "Place to search near"


def test_enter_searches_for_what_the_field_shows(make_window: MakeWindow) -> None:
    user = make_window()
    popup = user.suggestions("Fris")
    assert popup.model().index(0, 0).data() == "Frisco, TX"
    assert not popup.currentIndex().isValid(), "a suggestion looks chosen before any is"
    user.press("Return", popup)  # the keys go to the open list, as on a desktop
    user.wait_until_quiet()
    assert user.named(PLACE).text() == "Fris"
    assert "No place is called “Fris”" in user.texts()  # what was searched, and said so
    assert "within travel distance of Frisco" not in user.named(SUMMARY).text()
    assert not popup.isVisible()


def test_the_chosen_suggestion_is_searched(make_window: MakeWindow) -> None:
    user = make_window()
    popup = user.suggestions("Fris")
    user.press("Down", popup)
    assert popup.currentIndex().data() == "Frisco, TX"
    assert user.named(PLACE).text() == "Frisco, TX"
    user.press("Return", popup)
    user.wait(lambda: "within travel distance of Frisco, TX" in user.named(SUMMARY).text())
    user.wait_until_quiet()
    assert "within travel distance of Frisco, TX" in user.named(SUMMARY).text()


def test_the_suggestions_follow_what_is_typed(make_window: MakeWindow) -> None:
    user = make_window()
    popup = user.suggestions("Co")
    assert popup.model().index(0, 0).data().startswith("Co")
    user.press("Ctrl+A")
    user.type("Q")  # one letter: too few to suggest, and the old list is not for it
    assert not popup.isVisible()
    user.type("W")  # no place starts so (a foreign spelling of Columbus is not one)
    assert not popup.isVisible()
    user.press("Ctrl+A")
    user.type("Co")
    user.wait(popup.isVisible)
    user.press("Backspace")  # "C"
    assert not popup.isVisible()
    user.type("o")
    user.wait(popup.isVisible)
    user.press("Ctrl+A")
    user.press("Backspace")  # the field emptied: no list for what it said before
    assert user.named(PLACE).text() == ""
    assert not popup.isVisible()
