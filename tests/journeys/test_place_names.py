"""A place is shown by its own name, and a name several places share says which one was
searched and offers the others."""

from __future__ import annotations

from tests.helpers.user import MakeWindow

SUMMARY = "Search summary"
PLACE = "Place to search near"


def test_a_name_several_places_share_says_which_and_offers_the_others(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Springfield")
    assert "within travel distance of Springfield, MO" in user.named(SUMMARY).text()
    said = "Several places are called <b>Springfield</b>: these results are near"
    assert said in user.texts()
    assert "Springfield, IL" in user.texts()  # offered
    user.click_link(said, "Springfield, IL")
    user.wait(lambda: "within travel distance of Springfield, IL" in user.named(SUMMARY).text())
    user.wait_until_quiet()
    assert "Several places are called" not in user.texts()  # "Springfield, IL" is one place


def test_an_abbreviation_is_shown_as_the_place_it_stands_for(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("SLC")
    summary = user.named(SUMMARY).text()
    assert "within travel distance of Salt Lake City, UT" in summary
    assert "Slc" not in summary
    popup = user.suggestions("SLC")
    assert popup.model().index(0, 0).data() == "Salt Lake City, UT"


def test_every_suggestion_shows_whole_wherever_the_arrows_go(make_window: MakeWindow) -> None:
    user = make_window(size=(800, 600))
    popup = user.suggestions("sa")
    rows = popup.model().rowCount()
    assert rows > 1
    for _ in range(rows):  # down to the last suggestion
        user.press("Down", popup)
    user.look()
    shown = popup.viewport().rect()
    for row in range(rows):
        cell = popup.visualRect(popup.model().index(row, 0))
        assert shown.contains(cell), f"suggestion {row + 1} is cut: {cell} in {shown}"
