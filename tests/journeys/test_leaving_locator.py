"""A patient follows a link out of locator — a clinic's website, directions, the 988 Lifeline's
chat — and is told before where it goes and after what happened; a button that cannot be used
says why."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QPushButton, QWidget

from locator.presentation import GOOGLE_MAPS, OPENSTREETMAP
from tests.helpers.browser import Browser
from tests.helpers.user import MakeWindow, User, plain, tooltip_shows

FOUND = "Clinics found, nearest first"
STREET = (
    'address: {street: 1 Example Way, city: Sandy, state: UT, postal_code: "84070"}\n'
    "    website: https://example.org/nervana\n"
    '    phone: "(801) 555-0142"'
)
TO = quote("1 Example Way, Sandy, UT 84070")


def with_street_and_website(registry: Path) -> None:
    """Nervana Medical in Sandy gets a street address, a website and a phone number."""
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        text.replace("address: {city: Sandy, state: UT}", STREET, 1), encoding="utf-8"
    )


def nervana_popup(make_window: MakeWindow, registry: Path) -> User:
    """The window after a search near Sandy, UT, with Nervana Medical (given a street address,
    a website and a phone number) selected and its map popup opened by a click."""
    with_street_and_website(registry)
    user = make_window()
    user.search("Sandy, UT")
    user.click_cell(FOUND, user.column(FOUND, "Clinic").index("Nervana Medical"), 2)
    user.click_selected_marker()
    return user


def choose(text: str, user: User) -> object:
    """An answer for a popup menu: its item ``text``, by keyboard."""

    def answer(menu: QWidget) -> None:
        assert isinstance(menu, QMenu)
        items = [plain(a.text()) for a in menu.actions()]
        assert text in items, items
        for _item in range(items.index(text) + 1):
            user.press("Down", menu)
        user.press("Return", menu)

    return answer


def test_directions_say_where_they_go_and_offer_openstreetmap(
    make_window: MakeWindow, registry_copy: Path, browser: Browser
) -> None:
    with_street_and_website(registry_copy)
    user = make_window()
    user.search("Sandy, UT")
    assert user.column(FOUND, "Clinic")[0] == "Nervana Medical"
    directions = user.button("Directions")
    said = tooltip_shows(directions)
    for words in ("OpenStreetMap", "Google Maps", "address"):
        assert words in said
    assert directions.accessibleDescription() == said  # heard as well as seen

    with user.answering(choose("With OpenStreetMap", user)):
        user.click("Directions")
    user.wait(lambda: browser.opened == [OPENSTREETMAP.directions + TO])
    assert "Your web browser was asked to open www.openstreetmap.org" in user.texts()
    with user.answering(choose("With Google Maps", user)):
        user.press("Alt+D")
    user.wait(lambda: browser.opened[-1] == GOOGLE_MAPS.directions + TO)

    website = user.button("Open website")
    assert plain(website.text()) == "Open website (example.org)"  # where a click leads
    assert "https://example.org/nervana" in tooltip_shows(website)
    user.click("Open website")
    user.wait(lambda: browser.opened[-1] == "https://example.org/nervana")
    assert "Your web browser was asked to open example.org" in user.texts()

    crisis = user.named("Crisis resources")
    assert "988lifeline.org opens" in crisis.toolTip()
    assert "web browser" in crisis.toolTip()
    user.click_link("call or text 988", "988lifeline.org")
    user.wait(lambda: browser.opened[-1] == "https://988lifeline.org")
    assert "Your web browser was asked to open 988lifeline.org" in user.texts()

    def read_privacy(dialog: QWidget) -> None:
        assert isinstance(dialog, QDialog)
        text = " ".join(label.text() for label in dialog.findChildren(QLabel))
        for words in ("Google Maps", "OpenStreetMap", "988"):
            assert words in text
        dialog.reject()

    with user.answering(read_privacy):
        user.menu("Tools", "Privacy and stored data…")


def test_without_a_browser_the_link_is_on_the_clipboard_and_said(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    user = make_window()
    for variable in ("BROWSER", "DEFAULT_BROWSER"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no browser, nor anything to start one
    user.click_link("call or text 988", "988lifeline.org")
    user.wait(lambda: "No web browser is set up to open https://988lifeline.org" in user.texts())


def test_the_map_popups_links_offer_openstreetmap_and_say_where_they_went(
    make_window: MakeWindow, registry_copy: Path, browser: Browser
) -> None:
    user = nervana_popup(make_window, registry_copy)
    for service in ("OpenStreetMap", "Google Maps"):  # the open one first, as in the details
        assert user.map_link_title(service) == tooltip_shows(user.button("Directions"))
    shown = user.popup_text()
    assert shown.index("OpenStreetMap") < shown.index("Google Maps")
    user.click_map_link("OpenStreetMap")
    user.wait(lambda: browser.opened == [OPENSTREETMAP.directions + TO])
    user.wait(lambda: "Your web browser was asked to open www.openstreetmap.org" in user.texts())
    user.click_map_link("Google Maps")
    user.wait(lambda: browser.opened[-1] == GOOGLE_MAPS.directions + TO)
    user.wait(lambda: "Your web browser was asked to open www.google.com" in user.texts())
    assert user.map_link_title("website (example.org)") == tooltip_shows(
        user.button("Open website")
    )  # the host it opens, as the details' button names it
    user.click_map_link("website (example.org)")
    user.wait(lambda: browser.opened[-1] == "https://example.org/nervana")
    user.wait(lambda: "Your web browser was asked to open example.org" in user.texts())


def test_a_map_popups_phone_number_is_copied_and_handed_to_the_phone_app(
    make_window: MakeWindow, registry_copy: Path, browser: Browser
) -> None:
    user = nervana_popup(make_window, registry_copy)
    assert "phone app" in user.map_link_title("(801) 555-0142")  # says what a click does
    user.click_map_link("(801) 555-0142")
    user.wait(lambda: browser.opened == ["tel:(801)%20555-0142"])
    user.wait(lambda: "Copied (801) 555-0142; this computer" in user.texts())  # as written
    assert QGuiApplication.clipboard().text() == "(801) 555-0142"
    # back to the map by its shortcut: its keys work at once, though the click on the link
    # left the map the window's focus and the page's on the link
    user.press("Ctrl+2")
    user.wait(lambda: user.map("document.activeElement === locatorMap.map.getContainer()"))
    user.press("Escape")
    user.wait(lambda: user.popup_text() == "")
    zoom = user.map("locatorMap.map.getZoom()")
    user.press("-")
    user.wait(lambda: user.map("locatorMap.map.getZoom()") == zoom - 1)


def test_without_a_phone_app_a_map_popups_phone_number_is_copied_and_said(
    make_window: MakeWindow, registry_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    user = nervana_popup(make_window, registry_copy)
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing to hand a phone number to
    user.click_map_link("(801) 555-0142")
    user.wait(lambda: "no phone app is set up on this computer" in user.texts())
    assert QGuiApplication.clipboard().text() == "(801) 555-0142"


def test_without_a_browser_a_map_popups_link_is_on_the_clipboard_and_said(
    make_window: MakeWindow, registry_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    user = nervana_popup(make_window, registry_copy)
    for variable in ("BROWSER", "DEFAULT_BROWSER"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no browser, nor anything to start one
    user.click_map_link("OpenStreetMap")
    url = OPENSTREETMAP.directions + TO
    user.wait(lambda: f"No web browser is set up to open {url}" in user.texts())
    assert QGuiApplication.clipboard().text() == url


def test_every_disabled_button_says_why(make_window: MakeWindow, registry_copy: Path) -> None:
    with_street_and_website(registry_copy)
    user = make_window()

    def why_not_said() -> dict[str, str]:
        """Each disabled button on screen, and what its tooltip and description say."""
        said = {}
        for name in (
            "Open website",
            "Copy phone",
            "Directions",
            "Suggest a correction",
            "Add to shortlist",
            "Compare ticked clinics",
            "Referral summary (PDF)",
        ):
            button = user.button(name)
            if not button.isEnabled():
                assert button.accessibleDescription() == tooltip_shows(button), name
                said[name] = tooltip_shows(button)
        return said

    before = why_not_said()  # nothing selected yet
    assert set(before) >= {"Open website", "Copy phone", "Directions", "Referral summary (PDF)"}
    assert all(before.values()), before
    assert "Select a clinic" in before["Open website"]
    user.search("Sandy, UT")
    user.click_cell(FOUND, user.column(FOUND, "Clinic").index("Nervana Medical"), 2)
    assert "Open website" not in why_not_said()
    user.search("Dallas, TX")  # NorTex lists neither a website nor a phone number
    user.click_cell(FOUND, user.column(FOUND, "Clinic").index("NorTex Psychiatry"), 2)
    said = why_not_said()
    assert said["Open website"] == "No website is listed for it."
    assert said["Copy phone"] == "No phone number is listed for it."
    assert "Tick" in said["Referral summary (PDF)"]

    def read_privacy(dialog: QWidget) -> None:
        """Nothing kept yet: each Clear button is off, and says why."""
        off = [b for b in dialog.findChildren(QPushButton) if b.isVisible() and not b.isEnabled()]
        assert off, "no Clear button is off though nothing is kept"
        for button in off:
            assert "nothing to clear" in tooltip_shows(button), button.text()
            assert button.accessibleDescription() == tooltip_shows(button)
        dialog.reject()

    with user.answering(read_privacy):
        user.menu("Tools", "Privacy and stored data…")
