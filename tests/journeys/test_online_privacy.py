"""A patient whose settings name a private geocoder with one option wrong: the app says online
lookups are off and why, places the street address offline, and sends it nowhere. A geocoder
that answers nonsense leaves the offline place, with a note, never a traceback; a cache that
cannot be cleared says so."""

from __future__ import annotations

import errno
import json
import os
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QCheckBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from locator.data import registry_cache
from locator.geo.online import GeocodeCache
from locator.settings import OnlineProvider, Settings, settings_path
from tests.helpers.fake_nominatim import fake_nominatim
from tests.helpers.network_watch import hosts_reached
from tests.helpers.screen import available_area
from tests.helpers.user import MakeWindow, plain

ADDRESS = "350 E Main St, Sandy, UT 84070"


def test_a_private_geocoder_set_up_wrong_sends_the_address_nowhere(
    make_window: MakeWindow,
) -> None:
    with fake_nominatim() as (domain, behaviour), hosts_reached() as hosts:
        provider = {"options": {"domain": domain, "scheme": "http"}, "timeout_seconds": 600}
        settings_path().parent.mkdir(parents=True, exist_ok=True)
        settings_path().write_text(
            json.dumps({"online_lookups": True, "map_tiles": False, "online_provider": provider})
        )
        user = make_window()
        said = "Online lookups are off: the setting “online_provider” in"
        assert said in unescape(user.texts())
        assert "timeout_seconds must be a number of seconds from 0.1 to 60" in user.texts()
        user.search(ADDRESS)
        assert "Sandy, UT 84070" in user.named("Search summary").text()  # placed offline
        assert "Allow online lookups" not in user.texts()  # nothing to allow until corrected

        def privacy(dialog: QWidget) -> None:
            (switch,) = [
                box
                for box in dialog.findChildren(QCheckBox)
                if plain(box.text()) == "Allow online lookups for street addresses"
            ]
            assert not switch.isEnabled()
            assert not switch.isChecked()
            assert said in unescape(user.texts())  # the dialog says why
            user.click("Close", within=dialog)

        with user.answering(privacy):
            user.menu("Tools", "Privacy and stored data…")
    assert behaviour.requests == []
    assert set(hosts) <= {"127.0.0.1"}  # not public Nominatim either


@pytest.mark.parametrize("answer", [1, "x", [None], [1], [[]], [{"lat": "95", "lon": "0"}]])
def test_a_geocoder_answering_nonsense_leaves_the_offline_place_and_a_note(
    make_window: MakeWindow, answer: object
) -> None:
    with fake_nominatim() as (domain, behaviour):
        behaviour.answer = answer
        provider = OnlineProvider(options={"domain": domain, "scheme": "http"})
        Settings(online_lookups=True, map_tiles=False, online_provider=provider).save()
        user = make_window()
        user.search(ADDRESS)
        summary = user.named("Search summary").text()
        assert "Sandy, UT 84070" in summary  # placed offline
        assert "the online service sent an unreadable answer; offline result" in summary
        assert len(behaviour.requests) == 1


def test_the_privacy_dialog_names_the_host_addresses_go_to(make_window: MakeWindow) -> None:
    provider = OnlineProvider(options={"domain": "127.0.0.1:9", "scheme": "http"})
    Settings(online_lookups=True, map_tiles=False, online_provider=provider).save()
    user = make_window()
    seen: dict[str, str] = {}

    def privacy(dialog: QWidget) -> None:
        seen["said"] = "\n".join(label.text() for label in dialog.findChildren(QLabel))
        user.click("Close", within=dialog)

    with user.answering(privacy):
        user.menu("Tools", "Privacy and stored data…")
    assert "With online lookups on, street addresses you type go to 127.0.0.1:9." in seen["said"]


def refuse_removal(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing in ``folder`` can be removed, as for a user (root, whom no folder refuses, is
    refused by the system call as a user would be)."""
    folder.chmod(0o555)
    if os.geteuid() == 0:

        def refuse(call: Callable[..., None]) -> Callable[..., None]:
            def refused(path: str | Path, *args: object, dir_fd: int | None = None) -> None:
                where = Path(os.readlink(f"/proc/self/fd/{dir_fd}")) if dir_fd else Path()
                if folder in ((where / path).parent, where / path):
                    raise PermissionError(errno.EACCES, "Permission denied", str(path))
                call(path, *args, dir_fd=dir_fd)

            return refused

        monkeypatch.setattr(os, "unlink", refuse(os.unlink))
        monkeypatch.setattr(os, "rmdir", refuse(os.rmdir))


def test_caches_that_cannot_be_cleared_say_so_in_a_sentence(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    online_cache = GeocodeCache().path
    (online_cache / "planted").mkdir(parents=True)  # a folder where the cache file goes
    registries = registry_cache.cache_dir()
    registries.mkdir(parents=True)
    (registries / "checked.json").write_text("{}")
    user = make_window()
    refuse_removal(registries, monkeypatch)
    seen: dict[str, str] = {}

    def privacy(dialog: QWidget) -> None:
        for button in ("Clear online lookup cache", "Clear registry cache"):
            user.click(button, within=dialog)
        shown = "\n".join(label.text() for label in dialog.findChildren(QLabel))
        seen["said"] = shown.replace("\u200b", "")  # as read: a path's line breaks unseen
        user.click("Close", within=dialog)

    try:
        with user.answering(privacy):
            user.menu("Tools", "Privacy and stored data…")
    finally:
        registries.chmod(0o755)
    assert f"Not cleared: Cannot remove {online_cache}: that is a folder" in seen["said"]
    assert "Not cleared: Cannot remove" in seen["said"].replace(str(online_cache), "")
    assert "permission denied; it is left as it was." in seen["said"]
    assert online_cache.is_dir()
    assert list(registries.glob("*.json"))  # nothing claimed cleared that was not
    assert user.texts()  # the window is still there, with no traceback dialog


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("trailing-comma", "it is damaged (not valid JSON)"),
        ("options-twice", "/online_provider: “options” given twice"),  # the last one wins
    ],
)
def test_an_unreadable_settings_file_keeps_a_private_geocoder_off_and_unchanged(
    fault: str, reason: str, make_window: MakeWindow
) -> None:
    with fake_nominatim() as (domain, behaviour), hosts_reached() as hosts:
        provider = {"options": {"domain": domain, "scheme": "http"}}
        settings_path().parent.mkdir(parents=True, exist_ok=True)
        written = json.dumps({"online_lookups": True, "online_provider": provider})
        if fault == "trailing-comma":
            written = written[:-1] + ",}"  # not JSON
        else:  # JSON, but the empty options would send addresses to public Nominatim
            written = written[:-2] + ', "options": {}}}'
        settings_path().write_text(written)
        user = make_window(tiles_question=True)  # the file cannot take the answer
        said = unescape(user.texts())
        assert f"{settings_path()} could not be used: {reason}" in said  # names file and why
        assert "Online lookups are off until it is corrected or removed" in said
        user.search(ADDRESS)
        assert "Sandy, UT 84070" in user.named("Search summary").text()  # placed offline
        assert "Allow online lookups" not in user.texts()  # nothing to allow until corrected

        def privacy(dialog: QWidget) -> None:
            (switch,) = [
                box
                for box in dialog.findChildren(QCheckBox)
                if plain(box.text()) == "Allow online lookups for street addresses"
            ]
            assert not switch.isEnabled()
            user.click("Close", within=dialog)

        with user.answering(privacy):
            user.menu("Tools", "Privacy and stored data…")
    assert settings_path().read_text() == written  # never replaced by the public default
    assert behaviour.requests == []
    assert set(hosts) <= {"127.0.0.1"}


def test_the_sentence_of_a_cache_not_cleared_is_read_whole_on_a_small_screen(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    online_cache = GeocodeCache().path
    (online_cache / "planted").mkdir(parents=True)  # a folder where the cache file goes
    seen: list[str] = []
    with available_area(qtbot, 800, 600) as screen:
        user = make_window(size=None)

        def privacy(dialog: QWidget) -> None:
            user.click("Clear online lookup cache", within=dialog)
            user.look()
            [said] = [
                label
                for label in dialog.findChildren(QLabel)
                if label.text().startswith("Not cleared")
            ]
            seen.append(said.text().replace("\u200b", ""))  # as read: the breaks unseen
            shown = QRect(said.mapTo(dialog, QPoint(0, 0)), said.size())
            assert dialog.rect().contains(shown), f"{shown} is cut by {dialog.rect()}"
            assert screen.contains(dialog.frameGeometry())
            width = said.contentsRect().width()
            assert said.height() >= said.heightForWidth(width), "lines are cut off below"
            words = re.split(r"[\s\u200b]+", said.text())  # where a line may break
            longest = max(words, key=said.fontMetrics().horizontalAdvance)
            assert said.fontMetrics().horizontalAdvance(longest) <= width, "cut off at the side"
            user.click("Close", within=dialog)

        with user.answering(privacy):
            user.menu("Tools", "Privacy and stored data…")
    [sentence] = seen
    assert sentence.startswith(f"Not cleared: Cannot remove {online_cache}: that is a folder")
