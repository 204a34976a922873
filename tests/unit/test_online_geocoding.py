"""Online lookups against a Nominatim of our own on 127.0.0.1: answers, cache and failures."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest

from locator.data.vocabulary import Precision
from locator.errors import GeocodingUnavailableError, PlaceNotFoundError
from locator.geo.http import MAX_ANSWER_BYTES
from locator.geo.online import GeocodeCache, OnlineGeocoder, cache_path
from locator.geo.place import Place
from locator.geo.service import Geocoding
from locator.settings import OnlineProvider, Settings
from tests.helpers.cli import CliRunner
from tests.helpers.fake_nominatim import SANDY_HOUSE, Behaviour, fake_nominatim

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
        ("unavailable503", "the online service did not serve the lookup (status 503)"),
        ("limited429", "the online service asked us to slow down"),
        ("garbage", "the online service sent an unreadable answer"),
    ],
)
def test_failures_fall_back_to_the_offline_answer_with_a_note(
    server: tuple[str, Behaviour], mode: str, reason: str
) -> None:
    domain, behaviour = server
    behaviour.mode = mode
    places = _lookup_in_time(Geocoding(online=OnlineGeocoder(provider(domain))), ADDRESS)
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
    # unspaced, the second would come within milliseconds; the slack is for when each is
    # received on a busy machine (the spacing is kept between sends)
    assert second - first >= 0.2


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
        "the online service failed, and no offline answer matches “Xyzzy Plugh Landmark”"
    )
    assert "Traceback" not in result.stderr


# hostile servers ------------------------------------------------------------------------------


def _lookup_in_time(geocoding: Geocoding, query: str) -> list[Place]:
    """``geocoding.lookup(query)``, failing the test (not hanging it) if it never returns."""
    answer: list[list[Place]] = []
    worker = threading.Thread(target=lambda: answer.append(geocoding.lookup(query)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert answer, "the lookup never returned"
    return answer[0]


def test_a_server_that_drips_its_answer_is_cut_off_at_the_deadline(
    server: tuple[str, Behaviour],
) -> None:
    domain, behaviour = server
    behaviour.mode, behaviour.delay_seconds = "drip", 0.05  # 1 byte per read: never a timeout
    places = _lookup_in_time(Geocoding(online=OnlineGeocoder(provider(domain))), ADDRESS)
    assert places[0].note.endswith("the online lookup timed out; offline result")
    assert behaviour.hung_up.wait(timeout=30)
    assert behaviour.bytes_sent < 100  # of some 600: the status line and part of the headers


def test_a_server_that_drips_its_body_after_the_headers_is_cut_off_at_the_deadline(
    server: tuple[str, Behaviour],
) -> None:
    domain, behaviour = server
    behaviour.mode, behaviour.delay_seconds = "drip_body", 0.05
    body = len(json.dumps(behaviour.answer))  # some 400 bytes: 20 s at this pace
    places = _lookup_in_time(Geocoding(online=OnlineGeocoder(provider(domain))), ADDRESS)
    assert places[0].note.endswith("the online lookup timed out; offline result")
    assert behaviour.hung_up.wait(timeout=30)
    assert behaviour.bytes_sent < 100 + body // 2  # the headers and part of the body


def test_an_endless_answer_is_refused_past_its_size_cap(server: tuple[str, Behaviour]) -> None:
    domain, behaviour = server
    behaviour.mode = "endless"
    places = _lookup_in_time(Geocoding(online=OnlineGeocoder(provider(domain))), ADDRESS)
    assert "larger than 1 MB" in places[0].note
    assert places[0].source == "offline"
    assert behaviour.hung_up.wait(timeout=30)
    # the cap plus what the sockets' buffers held when it hung up, not an endless stream
    assert behaviour.bytes_sent < 50 * MAX_ANSWER_BYTES


def test_a_redirect_to_another_host_is_not_followed(server: tuple[str, Behaviour]) -> None:
    domain, behaviour = server
    with fake_nominatim() as (elsewhere, other):
        behaviour.mode, behaviour.redirect_to = "redirect", f"http://{elsewhere}"
        places = _lookup_in_time(Geocoding(online=OnlineGeocoder(provider(domain))), ADDRESS)
    assert "sent us to another site" in places[0].note
    assert places[0].source == "offline"
    assert other.requests == []
    assert GeocodeCache().get(domain, ADDRESS) is None


def test_a_redirect_within_the_provider_is_followed(server: tuple[str, Behaviour]) -> None:
    domain, behaviour = server
    behaviour.mode, behaviour.redirect_to = "redirect", f"http://{domain}/moved"
    places = _lookup_in_time(Geocoding(online=OnlineGeocoder(provider(domain))), ADDRESS)
    assert places[0].label == "350 East Main Street, Sandy, UT 84070"
    assert [request["path"] for request in behaviour.requests] == ["/search", "/moved/search"]


HOSTILE_LABEL = {
    **SANDY_HOUSE,
    "display_name": "\x1b]0;owned\x07\x1b[2JSandy",
    "address": {**SANDY_HOUSE["address"], "city": "Sandy\x1b[2J", "road": "Main\x9b31m"},
}
FAR_AWAY = {**SANDY_HOUSE, "lon": "500.0"}
# half of a UTF-16 pair, as JSON can write one ("\ud800"): no text, in a value or in a name
HALF_IN_A_VALUE = {**SANDY_HOUSE, "address": {**SANDY_HOUSE["address"], "city": "Sandy\ud800"}}
HALF_IN_A_NAME = {**SANDY_HOUSE, "address": {**SANDY_HOUSE["address"], "\udc00": "x"}}


@pytest.mark.parametrize(
    "hostile",
    [HOSTILE_LABEL, FAR_AWAY, HALF_IN_A_VALUE, HALF_IN_A_NAME],
    ids=["controls", "out-of-range", "half-a-character", "name-half-a-character"],
)
def test_an_answer_locator_cannot_trust_is_refused_and_never_cached(
    server: tuple[str, Behaviour], run_cli: CliRunner, hostile: dict[str, object]
) -> None:
    domain, behaviour = server
    behaviour.answer = [hostile]
    Settings(online_provider=provider(domain)).save()
    result = run_cli("geocode", "--online", ADDRESS)
    assert result.returncode == 0
    assert result.stdout.startswith("Sandy, UT 84070")  # the offline answer
    assert "cannot use; offline result" in result.stdout
    for stream in (result.stdout, result.stderr):
        assert not any(character in stream for character in "\x1b\x07\x9b")
    assert "Warning" not in result.stderr
    assert GeocodeCache().get(domain, ADDRESS) is None
    behaviour.answer = [SANDY_HOUSE]  # a good answer later is fetched, not a poisoned cache
    assert run_cli("geocode", "--online", ADDRESS).stdout.startswith("350 East Main Street")


@pytest.mark.parametrize(
    "places",
    [
        "{not json",
        "[{}]",
        '[{"label": "Sandy", "latitude": "north", "longitude": 1, "precision": "city", '
        '"source": "x"}]',
        '[{"label": "\\u001b[2J", "latitude": 40, "longitude": -111, "precision": "city", '
        '"source": "x"}]',
        '{"deep": ' * 5000 + "1" + "}" * 5000,
        "[[[]]]",
        '[{"label": "Sandy\\ud800", "latitude": 40, "longitude": -111, "precision": "city", '
        '"source": "x"}]',
        '[{"label": "Sandy", "label": "Elsewhere", "latitude": 40, "longitude": -111, '
        '"precision": "city", "source": "x"}]',
    ],
    ids=[
        "invalid-json",
        "missing-keys",
        "text-coordinates",
        "controls",
        "deep",
        "wrong-shape",
        "half-a-character",
        "name-twice",
    ],
)
def test_a_damaged_cache_entry_is_asked_again(server: tuple[str, Behaviour], places: str) -> None:
    domain, behaviour = server
    cache = GeocodeCache()
    cache.put(domain, ADDRESS, [])  # makes the file and its table
    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE answer SET places = ?", (places,))
    found = Geocoding(online=OnlineGeocoder(provider(domain), cache)).lookup(ADDRESS)
    assert found[0].label == "350 East Main Street, Sandy, UT 84070"
    assert len(behaviour.requests) == 1


def test_a_zip_code_then_its_place_stays_offline(server: tuple[str, Behaviour]) -> None:
    domain, behaviour = server
    places = Geocoding(online=OnlineGeocoder(provider(domain))).lookup("84070 Sandy, UT")
    assert places[0].label == "Sandy, UT 84070"
    assert behaviour.requests == []  # a ZIP code is no street address to send anywhere


# answers of any JSON shape, and places with coordinates no place has
ODD_ANSWERS = {
    "number": 1,
    "text": "x",
    "true": True,
    "object": {"lat": "40", "lon": "-111"},
    "error-object": {"error": "the server is overloaded"},
    "null-place": [None],
    "number-place": [1],
    "list-place": [[]],
    "text-place": ["x"],
    "empty-place": [{}],
    "latitude-95": [{**SANDY_HOUSE, "lat": "95"}],
    "latitude-minus-1e308": [{**SANDY_HOUSE, "lat": "-1e308"}],
    "latitude-nan": [{**SANDY_HOUSE, "lat": "nan"}],
    "longitude-inf": [{**SANDY_HOUSE, "lon": "inf"}],
    "longitude-500": [{**SANDY_HOUSE, "lon": 500}],
    "latitude-a-list": [{**SANDY_HOUSE, "lat": []}],
    "latitude-text": [{**SANDY_HOUSE, "lat": "north"}],
}


@pytest.mark.parametrize("answer", ODD_ANSWERS)
def test_an_answer_of_any_shape_falls_back_offline_with_a_note(
    server: tuple[str, Behaviour], run_cli: CliRunner, answer: str
) -> None:
    domain, behaviour = server
    behaviour.answer = ODD_ANSWERS[answer]
    Settings(online_provider=provider(domain)).save()
    result = run_cli("geocode", "--online", ADDRESS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Sandy, UT 84070")  # the offline answer
    assert "offline result" in result.stdout  # with a note saying why
    for said in ("Warning", "Traceback", "unexpected error", ".py"):  # nothing raw leaks
        assert said not in result.stderr
    assert len(behaviour.requests) == 1


def test_an_answer_that_is_not_utf_8_falls_back_offline_and_is_never_cached(
    server: tuple[str, Behaviour], run_cli: CliRunner
) -> None:
    """A place named b"\\xff\\xfe" was taken, labelled "��": no name to show or to search."""
    domain, behaviour = server
    behaviour.answer = (
        b'[{"lat": "40.5712", "lon": "-111.8790", "display_name": "\xff\xfe", "address": {}}]'
    )
    Settings(online_provider=provider(domain)).save()
    result = run_cli("geocode", "--online", ADDRESS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Sandy, UT 84070")  # the offline answer
    assert "sent an answer that is not UTF-8 text; offline result" in result.stdout
    assert "\ufffd" not in result.stdout
    assert GeocodeCache().get(domain, ADDRESS) is None


def test_a_cache_that_is_a_folder_is_said_in_the_readers_language_and_the_lookup_goes_on(
    server: tuple[str, Behaviour], run_cli: CliRunner
) -> None:
    """A folder where the online cache goes: the warning is locator's sentence, in Spanish
    for a Spanish reader, never Python's "[Errno 21] Is a directory"; the answer still comes."""
    domain, _ = server
    Settings(online_provider=provider(domain)).save()
    cache_path().mkdir(parents=True)
    result = run_cli("--lang", "es", "geocode", "--online", "--json", ADDRESS)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == domain
    said = f"la caché de búsquedas en línea {cache_path()} no se pudo leer (eso es una carpeta)"
    assert said in result.stderr
    assert "Errno" not in result.stderr


@pytest.mark.parametrize("suffix", ["-journal", "-wal", "-shm"])
def test_a_pipe_beside_the_cache_is_said_and_the_lookup_goes_on_without_it(
    server: tuple[str, Behaviour], suffix: str, caplog: pytest.LogCaptureFixture
) -> None:
    """SQLite opened a pipe at the cache's journal to see whether it was hot, and waited on
    it for good: it is now refused with a sentence, and the answer still comes."""
    domain, _ = server
    online = OnlineGeocoder(provider(domain))
    _lookup_in_time(Geocoding(online=online), ADDRESS)  # the cache is made
    pipe = cache_path().with_name(cache_path().name + suffix)
    os.mkfifo(pipe)
    places = _lookup_in_time(Geocoding(online=online), "353 E Main St, Sandy, UT 84070")
    assert places[0].source == domain
    assert f"{pipe.name} beside it is not a plain file (perhaps a pipe or a device)" in caplog.text
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
