"""A patient reads the results and a clinic's details, in English and in Spanish, on a laptop
screen and a small one: every cell says what it means whole, the order is the one its arrow
says, a distance to a clinic placed at a city centre says it is approximate, and the details
put what is known first with the unknowns in one line."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from locator import i18n
from locator.i18n import _
from locator.ui.language import use_language
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
DETAILS = "Clinic details"


@pytest.fixture
def speak(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """``speak("es_US")``: the system's language for the windows the test opens."""

    def use(code: str) -> None:
        for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(variable, raising=False)
        monkeypatch.setenv("LANG", f"{code}.UTF-8")

    yield use
    use_language(i18n.SOURCE_LANGUAGE)


def search(user: User, place: str) -> None:
    """Ctrl+F, the place, Enter, and wait until the status line (in its language) is quiet."""
    user.press("Ctrl+F")
    user.type(place)
    user.press("Return")
    user.wait(lambda: user.named(_("What locator is doing")).text() == "")


def test_the_details_list_what_is_known_and_the_unknowns_in_one_line(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    search(user, "Sandy, UT")
    details = user.named(DETAILS).toPlainText()
    assert details.startswith("Nervana Medical")
    lines = details.splitlines()
    unknown = [line for line in lines if "not listed" in line.casefold()]
    assert len(unknown) == 1, unknown  # one line, not a row for each unknown
    assert unknown[0].startswith("Not listed (no source says): ")
    for fact in ("Session length", "Price per session", "Wheelchair access", "Contact"):
        assert fact in unknown[0]
        assert fact not in lines, f"{fact} has a row of its own though no source says it"
    assert "contact not listed" not in details
    assert "South Jordan, UT; Sandy, UT" in details  # places apart, each with its state
    assert "Depression, Anxiety" in details  # what is known keeps its row


def test_the_details_in_spanish_say_each_unknown_once(
    make_window: MakeWindow, speak: Callable[[str], None]
) -> None:
    speak("es_US")
    user = make_window(wait_ready=False)
    user.wait(lambda: user.named(_("Search summary")).text() != "")
    search(user, "Sandy, UT")
    details = user.named(_(DETAILS)).toPlainText()
    assert "Contacto: contacto" not in details.replace("\n", ": ")
    assert "contacto no consta" not in details
    assert sum("no consta" in line.casefold() for line in details.splitlines()) == 1
