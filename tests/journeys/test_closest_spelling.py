"""A place found by the closest spelling of what was typed says so where it is always seen,
the message strip, and offers the places whose names begin with what was typed: at 800x600,
in English and Spanish."""

from __future__ import annotations

import pytest

from locator.i18n import _
from tests.helpers.language import speaking, wait_quiet
from tests.helpers.user import MakeWindow, User
from tests.journeys.test_messages import in_sight_whole, message


def searched(place: str) -> str:
    """ "within travel distance of Fries, VA", in the language spoken: how the summary names
    a place."""
    return _("within travel distance of {place}").format(place=place)


def summary(user: User) -> str:
    """The search summary's text, in the language spoken."""
    return str(user.named(_("Search summary")).text())


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_name_typed_in_part_says_what_was_searched_and_offers_what_it_begins(
    make_window: MakeWindow, language: str
) -> None:
    with speaking(language):
        user = make_window(size=(800, 600))
        user.press("Ctrl+F")
        user.type("Fris")
        user.press("Return")  # searches "Fris" as written: no place has that name
        wait_quiet(user)
        assert searched("Fries, VA") in summary(user)
        assert "'Fris'" not in summary(user)  # said once, in the message
        said = _("No place is called “{query}”; showing <b>{chosen}</b>, the closest spelling.")
        said = said.format(query="Fris", chosen="Fries, VA")
        assert said in message(user, "search").text()
        assert ">Frisco, TX</a>" in message(user, "search").text()  # a name that begins so
        assert in_sight_whole(user, "search")
        user.click_link(said, "Frisco, TX")
        user.wait(lambda: searched("Frisco, TX") in summary(user))
        wait_quiet(user)
        assert said.split("“")[0] not in user.texts()  # Frisco, TX is a place of that name


def test_following_a_place_link_leaves_the_keys_in_the_place_field(
    make_window: MakeWindow,
) -> None:
    """A click on "Frisco, TX" in the closest-spelling message takes the message away, and
    the keyboard with it to the place field: not to the next message's link, where Enter or
    Space would answer a question the person never read."""
    user = make_window(size=(800, 600))
    user.press("Ctrl+F")
    user.type("Fris")
    user.press("Return")
    wait_quiet(user)
    said = message(user, "search")
    user.click_widget(said)  # the click that follows the link gives the message the focus
    assert user.focused() is said
    user.click_link("the closest spelling", "Frisco, TX")
    user.wait(lambda: "within travel distance of Frisco, TX" in summary(user))
    wait_quiet(user)
    assert user.focused() is user.named("Place to search near")
    user.type(" x")
    assert user.named("Place to search near").text().endswith(" x")
