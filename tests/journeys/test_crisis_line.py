"""The crisis line is always on screen, and its Lifeline link works by keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from locator.presentation import LIFELINE_URL
from tests.journeys.conftest import MakeWindow


class _Browser(QObject):
    """The desktop's web browser, as far as the app can tell: it records what it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser() -> Iterator[_Browser]:
    found = _Browser()
    QDesktopServices.setUrlHandler("https", found, "open")
    yield found
    QDesktopServices.unsetUrlHandler("https")


def test_shift_tab_from_the_search_field_reaches_the_lifeline_link(
    make_window: MakeWindow, browser: _Browser
) -> None:
    user = make_window()
    assert "call or text 988" in user.named("Crisis resources").text()
    user.press("Ctrl+F")
    user.press("Shift+Tab")
    assert user.focused() is user.named("Crisis resources")
    user.press("Return")
    user.wait(lambda: browser.opened == [LIFELINE_URL])
