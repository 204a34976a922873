"""The app's words in another language for the length of a block, as its users read them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from locator import i18n
from locator.i18n import _
from tests.helpers.user import User


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
