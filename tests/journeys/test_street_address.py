"""A clinic with a street address: the patient sees the street and gets directions to it; a
clinic placed at its city says why there are none."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from PySide6.QtWidgets import QMenu, QWidget

from locator.presentation import GOOGLE_MAPS, NO_DIRECTIONS
from tests.helpers.browser import Browser
from tests.helpers.user import MakeWindow

FOUND = "Clinics found, nearest first"
STREET = 'address: {street: 1 Example Way, city: Sandy, state: UT, postal_code: "84070"}'


def test_the_street_is_shown_and_directions_go_to_it(
    make_window: MakeWindow, registry_copy: Path, browser: Browser
) -> None:
    text = registry_copy.read_text(encoding="utf-8")
    registry_copy.write_text(
        text.replace("address: {city: Sandy, state: UT}", STREET, 1), encoding="utf-8"
    )
    user = make_window()
    user.search("Sandy, UT")
    assert user.column(FOUND, "Clinic")[0] == "Nervana Medical"
    user.click_cell(FOUND, 0)
    details = user.named("Clinic details").toPlainText()
    assert "1 Example Way, Sandy, UT 84070" in details
    user.click_selected_marker()
    popup = "(document.querySelector('.locator-popup') || {}).textContent || ''"
    user.wait(lambda: "1 Example Way, Sandy, UT 84070" in user.map(popup))

    def google(menu: QWidget) -> None:
        assert isinstance(menu, QMenu)
        next(a for a in menu.actions() if a.text() == "With Google Maps").trigger()

    with user.answering(google):
        user.click("Directions")
    to = quote("1 Example Way, Sandy, UT 84070")
    user.wait(lambda: browser.opened == [GOOGLE_MAPS.directions + to])
    user.click_cell(FOUND, 1)  # placed at its city: no directions, and the button says why
    assert not user.button("Directions").isEnabled()
    assert user.button("Directions").toolTip() == NO_DIRECTIONS
