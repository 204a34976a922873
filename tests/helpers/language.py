"""The app's words in another language for the length of a block, as its users read them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from locator import i18n
from locator.i18n import _
from tests.helpers.user import MakeWindow, User


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Translate into ``language`` inside the block (the catalog must be compiled), then go
    back to the language before."""
    before = i18n.language()
    assert i18n.set_language(language) == language, f"no compiled catalog for {language}"
    try:
        yield
    finally:
        i18n.set_language(before)


def wait_ready(user: User) -> None:
    """The journeys' own wait for a started window, by the names it has in its language."""
    user.wait(lambda: user.named(_("Map of the clinics found")).ready)
    user.wait(lambda: user.named(_("Search summary")).text() != "")
    wait_quiet(user)


def wait_quiet(user: User) -> None:
    """Wait until the window says it is doing nothing, in its language."""
    user.wait(lambda: user.named(_("What locator is doing")).text() == "")
    user.wait_for_details()


def search(user: User, place: str) -> None:
    """Ctrl+F, type ``place``, Enter, as :meth:`User.search` does, but waiting by the names the
    window has in its language, before (an answer may have started work) and after."""
    wait_quiet(user)
    user.press("Ctrl+F")
    user.type(place)
    user.press("Return")
    wait_quiet(user)


@contextmanager
def small_window_speaking(
    make_window: MakeWindow, speak: Callable[[str], None], language: str
) -> Iterator[User]:
    """An 800x600 window as it first opens on a system in ``language`` ("es_US"): asking
    whether the map may use OpenStreetMap, ready; the block reads the app's words in it."""
    speak(language)
    with speaking(language[:2]):
        user = make_window(size=(800, 600), tiles_question=True, wait_ready=False)
        wait_ready(user)
        yield user
