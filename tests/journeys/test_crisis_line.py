"""The crisis line is always on screen, and its Lifeline link works by keyboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from locator.notice import LIFELINE_URL
from tests.helpers.browser import Browser
from tests.helpers.user import MakeWindow, User


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


def test_the_lifeline_link_says_where_it_goes_when_pointed_at(
    make_window: MakeWindow, speak: Callable[[str], None]
) -> None:
    """The pointer rests on 988lifeline.org, in Spanish: a tooltip says it opens the
    Lifeline's site in the web browser."""
    speak("es_US")
    user = make_window(wait_ready=False)  # the names it waits for are English ones
    crisis = user.window.findChild(QLabel, "crisisLine")
    assert crisis is not None
    hovered: list[str] = []
    crisis.linkHovered.connect(hovered.append)
    spot = next(
        (
            QPoint(x, y)
            for y in range(4, crisis.height() - 4, 6)
            for x in range(4, crisis.width() - 4, 8)
            if over_link(user, crisis, QPoint(x, y), hovered)
        ),
        None,
    )
    assert spot is not None, "the pointer finds no link in the crisis line"
    QApplication.sendEvent(  # the pointer rests: Qt asks the label for its tooltip there
        crisis, QHelpEvent(QEvent.Type.ToolTip, spot, crisis.mapToGlobal(spot))
    )
    user.wait(QToolTip.isVisible)
    assert "988lifeline.org abre" in QToolTip.text(), QToolTip.text()


def over_link(user: User, label: QLabel, where: QPoint, hovered: list[str]) -> bool:
    """Move the pointer to ``where`` on ``label``: is it over a link now?"""
    user.qtbot.mouseMove(label, where)
    QApplication.processEvents()
    return bool(hovered and hovered[-1])
