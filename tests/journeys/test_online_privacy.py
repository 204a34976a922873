"""A patient whose settings name a private geocoder with one option wrong: the app says online
lookups are off and why, places the street address offline, and sends it nowhere. A geocoder
that answers nonsense leaves the offline place, with a note, never a traceback."""

from __future__ import annotations

import json
from html import unescape

import pytest
from PySide6.QtWidgets import QCheckBox, QWidget

from locator.settings import OnlineProvider, Settings, settings_path
from tests.helpers.fake_nominatim import fake_nominatim
from tests.helpers.network_watch import hosts_reached
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
        said = "Online lookups are off: the setting 'online_provider' in"
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
