"""A new user searches at once: on a fresh install the place index is not built yet, and a ZIP
code or "City, ST" is answered straight away all the same (from the slice of the index that
locator ships); a misspelled place waits for the index, with the status line saying how far
its build has come, and is answered once it is built.

Each journey starts with an empty cache and holds the index build's lock at first, as another
locator building the same index would: the window's own build then waits for it, so what is
answered meanwhile is certainly answered without the index.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from locator.geo.index import build_lock_path, index_path
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
SUMMARY = "Search summary"
ACTIVITY = "What locator is doing"
BUILD_MS = 300_000  # a guard, not a limit: the build takes seconds, half a minute when busy


@pytest.fixture
def fresh_install(monkeypatch: pytest.MonkeyPatch, isolated_user_dirs: Path) -> Path:
    """No place index anywhere, as after installing: the index goes in this test's own empty
    cache folder (no LOCATOR_GAZETTEER_INDEX). Returns where it will be built."""
    monkeypatch.delenv("LOCATOR_GAZETTEER_INDEX")
    path = index_path()
    assert path.is_relative_to(isolated_user_dirs)
    assert not path.exists()
    return path


@contextmanager
def built_elsewhere_meanwhile(index: Path) -> Iterator[None]:
    """Hold the lock of the index's build, as another locator building it holds it."""
    lock = build_lock_path(index)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def search(user: User, place: str) -> None:
    """Find a place (Ctrl+F), type it and press Enter, as a person does; no waiting."""
    user.press("Ctrl+F")
    user.type(place)
    user.press("Return")


def test_a_zip_code_and_a_city_are_answered_before_the_place_index_is_built(
    make_window: MakeWindow, fresh_install: Path
) -> None:
    with built_elsewhere_meanwhile(fresh_install):
        user = make_window(wait_ready=False)
        search(user, "84070")
        user.wait(lambda: "within travel distance of Sandy, UT 84070" in user.named(SUMMARY).text())
        assert user.column(FOUND, "Clinic")[0] == "Nervana Medical"
        assert not fresh_install.exists()
        assert (
            user.named(ACTIVITY).text()
            == "Preparing place lookups (the first start builds an index)…"
        )
        search(user, "Sandy, UT")
        user.wait(lambda: "nearest in Sandy, UT (approximate)" in user.named(SUMMARY).text())
        assert user.column(FOUND, "Clinic")[0] == "Nervana Medical"
        assert user.column(FOUND, "Distance")[0] == "same city"
        assert not fresh_install.exists()
    # the other build "ended" without an index: this window builds it, and says how far it is
    user.wait(
        lambda: "% done; ZIP codes and “City, ST” can be searched" in user.named(ACTIVITY).text()
    )
    search(user, "Dallas, TX")
    user.wait(lambda: "within travel distance of Dallas, TX" in user.named(SUMMARY).text())
    user.wait(lambda: user.named(ACTIVITY).text() == "", timeout=BUILD_MS)
    assert fresh_install.is_file()


def test_a_misspelled_place_waits_for_the_place_index_and_is_then_answered(
    make_window: MakeWindow, fresh_install: Path
) -> None:
    with built_elsewhere_meanwhile(fresh_install):
        user = make_window(wait_ready=False)
        search(user, "84070")  # answered: the clinics and the quick lookups are ready
        user.wait(lambda: "within travel distance of Sandy, UT 84070" in user.named(SUMMARY).text())
        search(user, "Sandyy, UT")
        user.wait(
            lambda: (
                user.named(ACTIVITY).text()
                == "Getting ready to search (the first start prepares the place index)…"
            )
        )
        # the last answer stays
        assert "within travel distance of Sandy, UT 84070" in user.named(SUMMARY).text()
        assert not fresh_install.exists()
    user.wait(
        lambda: (
            user.named(ACTIVITY)
            .text()
            .startswith("Searching for “Sandyy, UT” once the place index is built (")
        )
    )
    user.wait(lambda: "No place is called “Sandyy, UT”" in user.texts(), BUILD_MS)
    assert "nearest in Sandy, UT (approximate)" in user.named(SUMMARY).text()
    assert user.column(FOUND, "Clinic")[0] == "Nervana Medical"
    user.wait(lambda: user.named(ACTIVITY).text() == "")
    assert fresh_install.is_file()
