"""Online lookups against a Nominatim of our own on 127.0.0.1: answers, cache and failures."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest

from locator.data.vocabulary import Precision
from locator.errors import GeocodingUnavailableError, PlaceNotFoundError
from locator.geo.online import GeocodeCache, OnlineGeocoder
from locator.geo.service import Geocoding
from locator.settings import OnlineProvider, Settings
from tests.conftest import CliRunner
from tests.fake_nominatim import Behaviour, fake_nominatim

ADDRESS = "350 E Main St, Sandy, UT 84070"


@pytest.fixture
def server() -> Iterator[tuple[str, Behaviour]]:
    with fake_nominatim() as running:
        yield running


def provider(domain: str, **overrides: float) -> OnlineProvider:
    settings = {"timeout_seconds": 0.5, "min_delay_seconds": 0.0, **overrides}
    return OnlineProvider(options={"domain": domain, "scheme": "http"}, **settings)


def test_a_street_address_goes_online_and_comes_back_precise(
    server: tuple[str, Behaviour],
) -> None:
    domain, behaviour = server
    geocoding = Geocoding(online=OnlineGeocoder(provider(domain)))
    places = geocoding.lookup(ADDRESS)
    assert places[0].label == "350 East Main Street, Sandy, UT 84070"
    assert places[0].precision is Precision.ADDRESS
    assert places[0].source == domain
    assert places[1].source == "offline"  # the offline answer follows as an alternative
    (request,) = behaviour.requests
    assert request["path"] == "/search"
    assert request["query"]["q"] == [ADDRESS]
    assert request["user_agent"].startswith("locator/")


def test_city_and_zip_queries_stay_offline(server: tuple[str, Behaviour]) -> None:
    domain, behaviour = server
    geocoding = Geocoding(online=OnlineGeocoder(provider(domain)))
    assert geocoding.lookup("Sandy, UT")[0].source == "offline"
    assert geocoding.lookup("84095")[0].source == "offline"
    assert behaviour.requests == []


def test_answers_are_cached_on_disk_and_work_later_offline(
    server: tuple[str, Behaviour],
) -> None:
    domain, behaviour = server
    first = Geocoding(online=OnlineGeocoder(provider(domain))).lookup(ADDRESS)
    behaviour.mode = "error500"  # the service is now broken, the cache is not
    again = Geocoding(online=OnlineGeocoder(provider(domain))).lookup(ADDRESS.upper())
    assert again[0] == replace(first[0], query=ADDRESS.upper())
    assert len(behaviour.requests) == 1
    GeocodeCache().clear()
    assert "failed" in Geocoding(online=OnlineGeocoder(provider(domain))).lookup(ADDRESS)[0].note


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("slow", "the online lookup timed out"),
        ("error500", "the online service failed"),
        ("limited429", "the online service asked us to slow down"),
        ("garbage", "the online service sent an unreadable answer"),
    ],
)
def test_failures_fall_back_to_the_offline_answer_with_a_note(
    server: tuple[str, Behaviour], mode: str, reason: str
) -> None:
    domain, behaviour = server
    behaviour.mode = mode
    started = time.monotonic()
    places = Geocoding(online=OnlineGeocoder(provider(domain))).lookup(ADDRESS)
    assert time.monotonic() - started < 2.5  # the 0.5 s timeout holds; nothing hangs
    assert places[0].label == "Sandy, UT 84070"
    assert places[0].source == "offline"
    assert places[0].note.endswith(f"{reason}; offline result")


def test_no_network_at_all() -> None:
    dead = provider("127.0.0.1:9")  # the discard port: nothing listens there
    places = Geocoding(online=OnlineGeocoder(dead)).lookup(ADDRESS)
    assert "the online service could not be reached; offline result" in places[0].note


def test_no_offline_answer_and_a_failed_service_is_unavailable(
    server: tuple[str, Behaviour],
) -> None:
    domain, behaviour = server
    behaviour.mode = "error500"
    with pytest.raises(GeocodingUnavailableError) as caught:
        Geocoding(online=OnlineGeocoder(provider(domain))).lookup("Xyzzy Plugh Landmark")
    assert caught.value.exit_code == 4


def test_an_empty_online_answer_is_no_match(server: tuple[str, Behaviour]) -> None:
    domain, behaviour = server
    behaviour.answer = []
    with pytest.raises(PlaceNotFoundError):
        Geocoding(online=OnlineGeocoder(provider(domain))).lookup("Xyzzy Plugh Landmark")


def test_requests_are_spaced_by_the_providers_policy(server: tuple[str, Behaviour]) -> None:
    domain, behaviour = server
    geocoding = Geocoding(online=OnlineGeocoder(provider(domain, min_delay_seconds=0.4)))
    geocoding.lookup("1 Main St, Sandy, UT")
    geocoding.lookup("2 Main St, Sandy, UT")
    first, second = (request["at"] for request in behaviour.requests)
    assert second - first >= 0.35


def test_cli_online_flag_uses_the_configured_provider(
    server: tuple[str, Behaviour], run_cli: CliRunner
) -> None:
    domain, _ = server
    Settings(online_provider=provider(domain)).save()
    result = run_cli("geocode", "--online", "--json", ADDRESS)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["precision"] == "address"
    assert answer["source"] == domain
    assert "online lookups send what you type" in result.stderr
    offline = json.loads(run_cli("geocode", "--json", ADDRESS).stdout)
    assert offline["source"] == "offline"


def test_cli_exit_4_when_the_service_fails_and_nothing_is_known_offline(
    server: tuple[str, Behaviour], run_cli: CliRunner
) -> None:
    domain, behaviour = server
    behaviour.mode = "error500"
    Settings(online_provider=provider(domain)).save()
    result = run_cli("geocode", "--online", "Xyzzy Plugh Landmark")
    assert result.returncode == 4
    assert result.stderr.strip().endswith(
        "the online service failed, and no offline answer matches 'Xyzzy Plugh Landmark'"
    )
    assert "Traceback" not in result.stderr
