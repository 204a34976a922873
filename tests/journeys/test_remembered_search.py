"""A person's last search comes back when locator starts again — the place and every filter —
once they have said it may be kept (asked once, the private answer first); and once they clear
it (Tools → Privacy), nothing of it is left on this computer."""

from __future__ import annotations

import configparser
import json
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from locator.ui.preferences import preferences_path
from tests.helpers.user import MakeWindow, User, plain

SUMMARY = "Search summary"
MORE = "More filters"
PLACE = "Place to search near"
ASKED = "Keep your last search on this computer for the next start?"


def choose(user: User, *keys: str) -> Callable[[QWidget], None]:
    """An answer for a menu that opens: press ``keys`` in it, one after another."""

    def answer(menu: QWidget) -> None:
        for key in keys:
            user.press(key, menu)

    return answer


def set_every_more_filter(user: User) -> None:
    """A yes-or-no fact, a payment, a language, a telehealth state and a price: the menu
    opened with a click each time, the choice made in it by keyboard."""

    def more_filters(*answers: Callable[[QWidget], None]) -> None:
        before = user.named(MORE).text()
        with user.answering(*answers):
            user.click(plain(before))
        user.wait(lambda: user.named(MORE).text() != before)

    def in_submenu(letter: str) -> Callable[[QWidget], None]:
        """Its letter, then Down and Enter in the submenu it opens, typed in one go: on a busy
        machine, a pause between them let a late event of the menu close the submenu."""

        def answer(menu: QWidget) -> None:
            user.press(letter, menu)
            submenu = QApplication.activePopupWidget()
            assert submenu is not None
            assert submenu is not menu, f"{letter} opened no submenu"
            choose(user, "Down", "Return")(submenu)

        return answer

    more_filters(choose(user, "Down", "Return"))  # the first yes-or-no fact
    for letter in ("P", "L", "T", "S"):  # payment, languages, telehealth to, price
        more_filters(in_submenu(letter))
    assert plain(user.named(MORE).text()) == "More filters (5)"


def test_the_place_and_every_filter_come_back_until_the_search_is_cleared(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    set_every_more_filter(user)
    user.search("Sandy, UT")
    user.click_link(ASKED, "Keep it")
    searched = user.named(SUMMARY).text()
    assert "telehealth to" in searched  # with every filter
    chosen = user.named(MORE).accessibleDescription()
    assert chosen.count(",") == 4  # five filters, each named
    assert "telehealth to" in chosen
    user.menu("File", "Quit")

    again = make_window()
    assert again.named("Place to search near").text() == "Sandy, UT"
    assert plain(again.named(MORE).text()) == "More filters (5)"
    assert again.named(MORE).accessibleDescription() == chosen
    again.wait(lambda: again.named(SUMMARY).text() == searched)  # and it runs again

    def clear_the_last_search(dialog: QWidget) -> None:
        again.click("Clear last search", within=dialog)
        again.click("Close", within=dialog)

    with again.answering(clear_the_last_search):
        again.menu("Tools", "Privacy and stored data…")
    kept = preferences_path().read_text(encoding="utf-8")
    for word in ("Sandy", "telehealth", "spanish", "english", "insurance", "self_pay"):
        assert word not in kept
    ini = configparser.ConfigParser(interpolation=None, strict=False)
    ini.read_string(kept)
    assert not ini.has_section("search") or set(ini["search"]) == {"unit"}
    again.menu("File", "Quit")
    assert make_window().named("Place to search near").text() == ""


def test_a_search_kept_by_an_earlier_locator_is_read_once_then_kept_as_one_value(
    make_window: MakeWindow,
) -> None:
    preferences_path().parent.mkdir(parents=True, exist_ok=True)
    preferences_path().write_text(  # as locator wrote it, one key a filter
        "[privacy]\nremember_searches=true\n"
        '[search]\nquery="Sandy, UT"\nradius=25\nunit=km\nconditions=depression\n'
        "languages=spanish\npayment=insurance, self_pay\ntelehealth_to=@Invalid()\n"
        "max_price=500\n",
        encoding="utf-8",
    )
    user = make_window()
    assert user.named("Place to search near").text() == "Sandy, UT"
    assert user.named("Search radius").currentText() == "25 km"
    assert plain(user.named("Conditions filter").text()) == "Conditions (1)"
    assert plain(user.named(MORE).text()) == "More filters (4)"
    searched = "treating Depression and accepting Self-pay and Insurance and speaking Spanish and "
    user.wait(lambda: searched + "charging at most $500 a session" in user.named(SUMMARY).text())
    kept = configparser.ConfigParser(interpolation=None, strict=False)
    kept.read_string(preferences_path().read_text(encoding="utf-8"))
    assert set(kept["search"]) == {"unit", "last"}


def sandy(radius: str) -> str:
    """A search for Sandy, UT in Spanish as window.ini keeps it (JSON, quoted as QSettings
    quotes it), with the radius written as ``radius``: Python writes no number of 5,000 digits."""
    search = {"place": "Sandy, UT", "radius": 0, "filters": {"languages": ["spanish"]}}
    text = json.dumps(search).replace('"radius": 0', f'"radius": {radius}')
    return 'last="{}"'.format(text.replace('"', '\\"'))


@pytest.mark.parametrize(
    ("search", "place", "more"),
    [
        pytest.param("last=" + "[" * 100_000 + "]" * 100_000, "", "More filters", id="deep"),
        pytest.param(
            sandy(str(2**63)),
            "Sandy, UT",
            "More filters (1)",
            id="radius-2^63",
        ),
        pytest.param(
            f'query="Provo, UT"\nradius={"9" * 5_000}\nmax_price={2**64}',
            "Provo, UT",
            "More filters",
            id="old-keys-huge",
        ),
        pytest.param(
            sandy("1" * 5_000) + '\nquery="Provo, UT"\nradius=25',
            "Sandy, UT",
            "More filters (1)",
            id="old-and-new",
        ),
    ],
)
def test_locator_starts_on_a_hand_edited_search_and_keeps_what_it_can_use(
    search: str, place: str, more: str, make_window: MakeWindow
) -> None:
    preferences_path().parent.mkdir(parents=True, exist_ok=True)
    preferences_path().write_text(
        f"[privacy]\nremember_searches=true\n[search]\nunit=km\n{search}\n", encoding="utf-8"
    )
    user = make_window()
    assert user.named("Place to search near").text() == place
    assert user.named("Search radius").currentText() == "any distance"  # the huge one left out
    assert user.named("Distance unit").currentText() == "km"  # the rest of the file kept
    assert plain(user.named(MORE).text()) == more


def test_a_hand_edited_no_to_remembering_searches_means_no(make_window: MakeWindow) -> None:
    preferences_path().parent.mkdir(parents=True, exist_ok=True)
    preferences_path().write_text(
        '[privacy]\nremember_searches=no\n[search]\nquery="Provo, UT"\n', encoding="utf-8"
    )
    user = make_window()
    assert user.named("Place to search near").text() == ""
    user.search("Sandy, UT")
    user.menu("File", "Quit")
    assert "Sandy" not in preferences_path().read_text(encoding="utf-8")
    assert make_window().named("Place to search near").text() == ""


def test_a_search_is_kept_only_once_the_person_says_so(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Sandy, UT")
    question = next(line for line in user.texts().splitlines() if ASKED in line)
    assert question.index("Don't keep it") < question.index(">Keep it<")  # the private one first
    user.menu("File", "Quit")
    assert "Sandy" not in preferences_path().read_text(encoding="utf-8")  # not kept meanwhile

    again = make_window()
    assert again.named(PLACE).text() == ""
    again.search("Provo, UT")
    assert ASKED in again.texts()  # still asked: it was never answered
    again.click_link(ASKED, "Keep it")
    again.wait(lambda: ASKED not in again.texts())
    again.menu("File", "Quit")

    third = make_window()
    assert third.named(PLACE).text() == "Provo, UT"
    third.wait_until_quiet()
    third.search("Sandy, UT")
    assert ASKED not in third.texts()  # asked once


def test_with_remembering_off_privacy_says_no_search_is_kept(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Sandy, UT")
    user.click_link(ASKED, "Keep it")
    kept = "the place, radius and filters"
    seen: list[bool] = []

    def turn_remembering_off(dialog: QWidget) -> None:
        seen.append(kept in labels(dialog))
        user.click("Remember my last search", within=dialog)
        user.wait(lambda: kept not in labels(dialog))
        user.click("Close", within=dialog)

    def look_again(dialog: QWidget) -> None:
        seen.append(kept in labels(dialog))
        assert not user.button("Clear last search", within=dialog).isEnabled()
        user.click("Close", within=dialog)

    with user.answering(turn_remembering_off):
        user.menu("Tools", "Privacy and stored data…")
    with user.answering(look_again):
        user.menu("Tools", "Privacy and stored data…")
    assert seen == [True, False]
    assert "Sandy" not in preferences_path().read_text(encoding="utf-8")


def labels(dialog: QWidget) -> str:
    """Every label's text in ``dialog``."""
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))
