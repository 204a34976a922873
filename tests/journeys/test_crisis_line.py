"""The crisis line is always on screen, and its Lifeline link works by keyboard."""

from __future__ import annotations

from locator.presentation import LIFELINE_URL
from tests.helpers.browser import Browser
from tests.helpers.user import MakeWindow


def test_shift_tab_from_the_search_field_reaches_the_lifeline_link(
    make_window: MakeWindow, browser: Browser
) -> None:
    user = make_window()
    assert "call or text 988" in user.named("Crisis resources").text()
    user.press("Ctrl+F")
    user.press("Shift+Tab")
    assert user.focused() is user.named("Crisis resources")
    user.press("Return")
    user.wait(lambda: browser.opened == [LIFELINE_URL])
