"""The offline gazetteer places what patients type, with honest precision, in any spelling."""

from __future__ import annotations

import pytest
from geopy.location import Location
from hypothesis import given, settings
from hypothesis import strategies as st

from locator.data.vocabulary import Precision
from locator.geo.gazetteer import OfflineGazetteer
from locator.geo.place import Place

_GAZETTEER = OfflineGazetteer()  # opens its index lazily, on the first lookup


@pytest.fixture
def gazetteer() -> OfflineGazetteer:
    return _GAZETTEER


def best(gazetteer: OfflineGazetteer, query: str) -> Place:
    places = gazetteer.lookup(query)
    assert places, f"nothing found for {query!r}"
    return places[0]


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("South Jordan, UT", "South Jordan, UT"),
        ("south jordan utah", "South Jordan, UT"),
        ("SOUTH JORDAN", "South Jordan, UT"),
        ("Sandy, UT", "Sandy, UT"),
        ("sandy ut", "Sandy, UT"),
        ("Sandy Utah", "Sandy, UT"),
        ("  sandy,   UT!! ", "Sandy, UT"),
        ("Allen, TX", "Allen, TX"),
        ("allen texas", "Allen, TX"),
        ("McKinney, TX", "McKinney, TX"),
        ("mckinney tx", "McKinney, TX"),
        ("Mc Kinney, Texas", "McKinney, TX"),
        ("Frisco, TX", "Frisco, TX"),
        ("frisco texas", "Frisco, TX"),
        ("Dallas", "Dallas, TX"),
        ("dallas, tx", "Dallas, TX"),
        ("Sacramento", "Sacramento, CA"),
        ("sacramento california", "Sacramento, CA"),
        ("Buena Park, CA", "Buena Park, CA"),
        ("buena park california", "Buena Park, CA"),
    ],
)
def test_seed_places_in_many_spellings(gazetteer: OfflineGazetteer, query: str, label: str) -> None:
    place = best(gazetteer, query)
    assert place.label == label
    assert place.precision is Precision.CITY
    assert place.source == "offline"
    assert place.note is None


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("Buena Prk CA", "Buena Park, CA"),
        ("South Jordon, UT", "South Jordan, UT"),
        ("Sacremento", "Sacramento, CA"),
        ("mckiney tx", "McKinney, TX"),
        ("Sndy UT", "Sandy, UT"),
        ("Fricso TX", "Frisco, TX"),
    ],
)
def test_misspellings_find_the_place_and_say_so(
    gazetteer: OfflineGazetteer, query: str, label: str
) -> None:
    place = best(gazetteer, query)
    assert place.label == label
    assert place.note == f"closest spelling to {query!r}"


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("84095", "South Jordan, UT 84095"),
        ("84095-1234", "South Jordan, UT 84095"),
        ("840951234", "South Jordan, UT 84095"),
        ("84070", "Sandy, UT 84070"),
        ("Sandy UT 84070", "Sandy, UT 84070"),
        ("McKinney, Texas 75070", "McKinney, TX 75070"),
    ],
)
def test_zip_codes(gazetteer: OfflineGazetteer, query: str, label: str) -> None:
    place = best(gazetteer, query)
    assert place.label == label
    assert place.precision is Precision.POSTAL_CODE
    assert place.postal_code == label[-5:]


def test_a_street_address_is_placed_at_its_zip_and_never_claims_more(
    gazetteer: OfflineGazetteer,
) -> None:
    place = best(gazetteer, "350 E Main St, Sandy, UT 84070")
    assert place.label == "Sandy, UT 84070"
    assert place.precision is Precision.POSTAL_CODE
    assert "ZIP code" in place.note


def test_a_street_address_without_zip_is_placed_at_its_city(gazetteer: OfflineGazetteer) -> None:
    place = best(gazetteer, "10 W Broadway, Buena Park, CA")
    assert place.label == "Buena Park, CA"
    assert place.precision is Precision.CITY
    assert "city" in place.note


def test_ambiguous_names_come_most_populous_first(gazetteer: OfflineGazetteer) -> None:
    places = gazetteer.lookup("Springfield")
    assert places[0].label == "Springfield, MO"
    assert [place.label for place in places[:5]] == [
        "Springfield, MO",
        "Springfield, MA",
        "Springfield, IL",
        "Springfield, OR",
        "Springfield, OH",
    ]


def test_a_state_alone(gazetteer: OfflineGazetteer) -> None:
    for query in ("Utah", "ut", "UTAH."):
        place = best(gazetteer, query)
        assert (place.label, place.precision) == ("Utah", Precision.STATE)
    assert best(gazetteer, "texas").state == "TX"


def test_a_big_city_named_like_its_state_comes_before_the_state(
    gazetteer: OfflineGazetteer,
) -> None:
    places = gazetteer.lookup("New York")
    assert places[0].precision is Precision.CITY
    assert places[0].state == "NY"
    assert places[1].label == "New York"


def test_small_towns_with_a_zip_code_are_found(gazetteer: OfflineGazetteer) -> None:
    place = best(gazetteer, "Holtsville, NY")
    assert place.label == "Holtsville, NY"


@pytest.mark.parametrize(
    "query", ["", "   ", "!!!", "a" * 5000, "\x00\x01\x02", "xyzzy qwerty", "99999", "00000"]
)
def test_empty_and_absurd_input_finds_nothing_without_error(
    gazetteer: OfflineGazetteer, query: str
) -> None:
    assert gazetteer.lookup(query) == []
    assert gazetteer.geocode(query) is None


def test_control_characters_are_ignored(gazetteer: OfflineGazetteer) -> None:
    assert best(gazetteer, "\x00sandy\tut\n").label == "Sandy, UT"


def test_it_is_a_geopy_geocoder(gazetteer: OfflineGazetteer) -> None:
    location = gazetteer.geocode("Sandy, UT")
    assert isinstance(location, Location)
    assert location.address == "Sandy, UT"
    assert location.latitude == pytest.approx(40.59, abs=0.01)
    assert Place.from_location(location) == best(gazetteer, "Sandy, UT")
    several = gazetteer.geocode("Springfield", exactly_one=False)
    assert isinstance(several, list)
    assert len(several) > 3


def test_autocomplete_by_prefix(gazetteer: OfflineGazetteer) -> None:
    assert "Sandy, UT" in [place.label for place in gazetteer.complete("sand")]
    assert gazetteer.complete("sandy, o")[0].label == "Sandy, OR"
    assert [place.label for place in gazetteer.complete("8409", limit=3)] == [
        "Sandy, UT 84090",
        "Sandy, UT 84091",
        "Sandy, UT 84092",
    ]
    assert gazetteer.complete("") == []


def test_suggestions_for_did_you_mean(gazetteer: OfflineGazetteer) -> None:
    assert gazetteer.suggest("Sandyy UT")[0] == "Sandy, UT"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_no_input_raises(text: str) -> None:
    gazetteer = _GAZETTEER
    for place in gazetteer.lookup(text):
        assert -90 <= place.latitude <= 90
        assert -180 <= place.longitude <= 180
    gazetteer.complete(text)
    gazetteer.suggest(text)
