"""The offline gazetteer places what patients type, with honest precision, in any spelling."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import us
from geopy.location import Location
from hypothesis import given, settings
from hypothesis import strategies as st

from locator.data.vocabulary import Precision
from locator.geo.gazetteer import OfflineGazetteer
from locator.geo.place import Place
from tests.helpers import place_queries
from tests.helpers.cli import CliRunner
from tests.helpers.language import speaking

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
    assert place.note == f"closest spelling to “{query}”"


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


def test_suggestions_start_as_typed_or_are_an_other_name_typed_whole(
    gazetteer: OfflineGazetteer,
) -> None:
    assert gazetteer.complete("QW") == []  # not Columbus, by a foreign spelling "qwlwmbws"
    assert "Columbus, OH" not in [place.label for place in gazetteer.complete("kolu")]
    assert gazetteer.complete("SLC")[0].label == "Salt Lake City, UT"


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


# What people paste (issue 11) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("Draper, UT, USA", "Draper, UT"),
        ("Bozeman, Montana, United States", "Bozeman, MT"),
        ("Draper, Utah, U.S.A.", "Draper, UT"),
        ("Draper UT US", "Draper, UT"),
        ("Draper, UT, U.S.", "Draper, UT"),
        ("Draper, Utah, United States of America.", "Draper, UT"),
        ("Washington, DC, USA", "Washington, DC"),
        ("Kansas City, MO, USA", "Kansas City, MO"),
    ],
)
def test_a_trailing_country_in_any_common_form_is_understood(
    gazetteer: OfflineGazetteer, query: str, label: str
) -> None:
    place = best(gazetteer, query)
    assert (place.label, place.precision, place.note) == (label, Precision.CITY, None)


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("Sandy, UT 84070, USA", "Sandy, UT 84070"),
        ("Sandy, UT 84070-1234, United States", "Sandy, UT 84070"),
        ("84070, USA", "Sandy, UT 84070"),
    ],
)
def test_a_country_after_a_zip_code(gazetteer: OfflineGazetteer, query: str, label: str) -> None:
    place = best(gazetteer, query)
    assert (place.label, place.precision) == (label, Precision.POSTAL_CODE)


def test_a_street_address_copied_from_a_web_map_is_placed_at_its_city(
    gazetteer: OfflineGazetteer,
) -> None:
    place = best(gazetteer, "123 Main St, Sandy, Utah, USA")
    assert (place.label, place.precision) == ("Sandy, UT", Precision.CITY)
    assert place.note == "street address located at its city (offline lookups stop there)"


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("Fresno, Califonia", "Fresno, CA"),
        ("Provo, Uta", "Provo, UT"),
        ("Plano, Texsa", "Plano, TX"),
        ("Nashville, Tenessee", "Nashville, TN"),
        ("Plano Texsa", "Plano, TX"),
        ("Charleston, West Virgina", "Charleston, WV"),
        ("Provo, Uta, USA", "Provo, UT"),
        ("123 Main St, Provo, Uta", "Provo, UT"),
    ],
)
def test_a_misspelled_state_is_read_before_the_city_is_looked_up(
    gazetteer: OfflineGazetteer, query: str, label: str
) -> None:
    place = best(gazetteer, query)
    assert place.label == label
    assert place.note is not None
    assert place.note.startswith(f"closest spelling to “{query}”")


def test_only_a_place_found_by_its_closest_spelling_says_so(gazetteer: OfflineGazetteer) -> None:
    assert not best(gazetteer, "Frisco, TX").closest_spelling
    assert not best(gazetteer, "75034").closest_spelling
    fries = best(gazetteer, "Fris")
    assert (fries.label, fries.closest_spelling) == ("Fries, VA", True)
    assert fries.note_besides_spelling() is None  # the window says the spelling apart
    assert [p.label for p in gazetteer.complete("Fris", 2)] == ["Frisco, TX", "Frisco, CO"]


@pytest.mark.parametrize("query", ["Tenessee", "Tenessee, USA"])
def test_a_misspelled_state_alone_is_the_state(gazetteer: OfflineGazetteer, query: str) -> None:
    place = best(gazetteer, query)
    assert (place.label, place.precision) == ("Tennessee", Precision.STATE)
    assert place.note == f"closest spelling to “{query}”"


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("Helena MT", "Helena, MT"),
        ("Helena Mt.", "Helena, MT"),
        ("Portland ME", "Portland, ME"),
        ("Portland OR", "Portland, OR"),
        ("Gary IN", "Gary, IN"),
        ("Tulsa OK", "Tulsa, OK"),
        ("Dover DE", "Dover, DE"),
        ("Erie PA", "Erie, PA"),
        ("Hilo HI", "Hilo, HI"),
        ("Akron OH", "Akron, OH"),
    ],
)
def test_a_final_state_code_is_the_state_even_when_it_is_also_a_word(
    gazetteer: OfflineGazetteer, query: str, label: str
) -> None:
    place = best(gazetteer, query)
    assert (place.label, place.note) == (label, None)


def test_a_name_ending_in_mt_is_still_found_when_no_state_follows(
    gazetteer: OfflineGazetteer,
) -> None:
    assert best(gazetteer, "Rocky Mt, VA").label == "Rocky Mount, VA"
    assert best(gazetteer, "Rocky Mt").label == "Rocky Mount, NC"


@pytest.mark.parametrize(
    ("query", "label"), [("Ohio, USA", "Ohio"), ("Oklahoma, USA", "Oklahoma"), ("UT, US", "Utah")]
)
def test_a_state_with_a_country_is_the_state(
    gazetteer: OfflineGazetteer, query: str, label: str
) -> None:
    place = best(gazetteer, query)
    assert (place.label, place.precision) == (label, Precision.STATE)


@pytest.mark.parametrize("state", us.states.STATES_AND_TERRITORIES, ids=str)
def test_every_state_and_territory_by_its_name_code_or_newspaper_abbreviation(
    gazetteer: OfflineGazetteer, state: us.states.State
) -> None:
    for written in filter(None, (state.name, state.abbr, state.ap_abbr)):
        place = best(gazetteer, f"{written}, USA")
        assert (place.label, place.precision) == (state.name, Precision.STATE), written


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("Concord, N.H.", "Concord, NH"),
        ("Fresno, Calif.", "Fresno, CA"),
        ("Washington, D.C.", "Washington, DC"),
        ("Nashville, Tenn.", "Nashville, TN"),
    ],
)
def test_newspaper_state_abbreviations(gazetteer: OfflineGazetteer, query: str, label: str) -> None:
    assert best(gazetteer, query).label == label


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("St. George, UT", "Saint George, UT"),
        ("Saint George UT", "Saint George, UT"),
        ("Saint Louis, MO", "St. Louis, MO"),
        ("St Louis MO", "St. Louis, MO"),
        ("Ft. Worth, TX", "Fort Worth, TX"),
        ("Ft Lauderdale", "Fort Lauderdale, FL"),
        ("Mt. Vernon, WA", "Mount Vernon, WA"),
        ("Mount Pleasant, SC", "Mount Pleasant, SC"),
        ("Mt Pleasant SC", "Mount Pleasant, SC"),
        ("Ste. Genevieve, MO", "Sainte Genevieve, MO"),
    ],
)
def test_saint_fort_and_mount_either_way(
    gazetteer: OfflineGazetteer, query: str, label: str
) -> None:
    assert best(gazetteer, query).label == label


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("123 Main St Ste 200, Sandy, UT 84070", "Sandy, UT 84070"),
        ("123 Main St #4B, Sandy, UT 84070", "Sandy, UT 84070"),
        ("123 Main St, Apt 12, Sandy, UT", "Sandy, UT"),
        ("12 Elm Street, Suite 4, Fort Worth, Texas, USA", "Fort Worth, TX"),
        ("350 E Main St Unit 3, Sandy, Utah 84070, USA", "Sandy, UT 84070"),
        ("Apt 4B, 350 E Main St, Sandy, UT 84070", "Sandy, UT 84070"),  # the unit first
        ("Suite 200, 350 E Main St, Sandy, UT", "Sandy, UT"),
    ],
)
def test_suite_and_apartment_parts_of_an_address(
    gazetteer: OfflineGazetteer, query: str, label: str
) -> None:
    place = best(gazetteer, query)
    assert place.label == label
    assert place.note is not None
    assert place.note.startswith("street address located at its")


@pytest.mark.parametrize(
    "query", ["84070 Sandy, UT", "84070 Sandy UT", "84070, Sandy, Utah, USA", "84070 Sndy, UT"]
)
def test_a_zip_code_before_the_city(gazetteer: OfflineGazetteer, query: str) -> None:
    place = best(gazetteer, query)
    assert (place.label, place.precision) == ("Sandy, UT 84070", Precision.POSTAL_CODE)


def test_a_zip_code_before_a_place_in_another_state_is_not_taken(
    gazetteer: OfflineGazetteer,
) -> None:
    assert best(gazetteer, "84070 Portland, OR").label == "Portland, OR"


def test_a_neighbourhood_before_the_city_in_an_address(gazetteer: OfflineGazetteer) -> None:
    place = best(gazetteer, "350 E Main St, Ste 4, Historic District, Sandy, Utah, USA")
    assert (place.label, place.precision) == ("Sandy, UT", Precision.CITY)


def test_a_five_digit_house_number_is_not_read_as_a_zip_code(gazetteer: OfflineGazetteer) -> None:
    place = best(gazetteer, "12345 Main St, Sandy, UT")  # 12345 is a ZIP code in New York
    assert (place.label, place.precision) == ("Sandy, UT", Precision.CITY)


def test_an_address_in_a_neighbourhood_the_postal_service_does_not_list_is_placed_at_its_zip(
    gazetteer: OfflineGazetteer,
) -> None:
    place = best(gazetteer, "11400 S Grandville Ave, Daybreak, UT 84095")
    assert (place.label, place.precision) == ("South Jordan, UT 84095", Precision.POSTAL_CODE)


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("Sandy,\u00a0UT", "Sandy, UT"),
        ("\u201cSandy, Utah\u201d", "Sandy, UT"),
        ("Sandy\u00a0\u2013\u00a0UT", "Sandy, UT"),
        ("Sandy\u2009,\u2009UT\u00a0\u00a0", "Sandy, UT"),
        ("Sandy,\u200b UT", "Sandy, UT"),
        ("Coeur d\u2019Alene, ID", "Coeur d'Alene, ID"),
        ("Coeur d\u00b4Alene, ID", "Coeur d'Alene, ID"),  # an acute accent for an apostrophe
        ("Sandy, UT\u00a084070\u20111234", "Sandy, UT 84070"),
        ("\uff18\uff14\uff10\uff17\uff10", "Sandy, UT 84070"),  # full-width digits
    ],
)
def test_text_pasted_from_documents(gazetteer: OfflineGazetteer, query: str, label: str) -> None:
    assert best(gazetteer, query).label == label


def test_suggestions_stay_in_the_state_typed(gazetteer: OfflineGazetteer) -> None:
    assert gazetteer.suggest("123 Main St, Sandy, Utah, USA") == ["Sandy, UT"]
    suggestions = gazetteer.suggest("Sandyyyy, Utah, USA")
    assert suggestions[0] == "Sandy, UT"
    assert all(label.endswith(", UT") for label in suggestions)
    assert gazetteer.suggest("Sandyy, Uta") == ["Sandy, UT"]  # a misspelled state counts too
    assert "Sandy, OR" in gazetteer.suggest("Sandyyyy")  # no state typed: anywhere
    assert gazetteer.suggest("Daybreak, UT") == []  # nothing close in Utah, nor elsewhere


@pytest.mark.parametrize(
    ("query", "wrong"),
    [
        ("Nashville, Tenessee", {"Ash, NC", "Nashua, NH", "Ashville, OH"}),
        ("Fresno, Califonia", {"Califon, NJ", "Acra, NY", "Onia, AR"}),
        ("Bozemann, Montana, United States", {"Marbury, AL", "Tate, GA"}),
    ],
)
def test_suggestions_are_whole_place_names_never_fragments(
    gazetteer: OfflineGazetteer, query: str, wrong: set[str]
) -> None:
    suggestions = gazetteer.suggest(query)
    assert suggestions
    assert not wrong & set(suggestions)


def test_autocomplete_reads_states_and_countries_as_typed(gazetteer: OfflineGazetteer) -> None:
    def labels(prefix: str) -> list[str]:
        return [place.label for place in gazetteer.complete(prefix)]

    assert labels("Sandy, Utah") == ["Sandy, UT"]
    assert labels("Sandy, UT, USA") == ["Sandy, UT"]
    assert labels("Sandy, Ut") == ["Sandy, UT"]
    assert labels("Helena MT")[0] == "Helena, MT"
    assert labels("Sandy\u00a0Utah")[0] == "Sandy, UT"
    assert labels("Ohio, USA") == ["Ohio"]
    assert "Fort Worth, TX" in labels("Fort W")  # the last word is still being typed
    assert "Fort Worth, TX" in labels("Ft. Wor")
    assert "Saint George, UT" in labels("St. G")
    assert labels("Helena M")[0] == "Helena, MT"  # a state code being typed, no comma
    assert labels("84070 Sa") == ["Sandy, UT 84070"]  # a ZIP code, then its place's name
    assert labels("84070 Ogden") == []


def test_real_places_as_people_write_them_are_placed_within_25_km() -> None:
    """The accuracy set (tests/helpers/place_queries.py): 99% overall, 97% or more of every kind."""
    results: dict[str, list[bool]] = defaultdict(list)
    misses: dict[str, list[str]] = defaultdict(list)
    for query in place_queries.load():
        found = _GAZETTEER.lookup(query.query)
        right = bool(found) and place_queries.placed(query, found[0].latitude, found[0].longitude)
        results[query.kind].append(right)
        if not right:
            misses[query.kind].append(query.query)
    everything = [right for kind in results.values() for right in kind]
    assert len(everything) > 3000
    assert sum(everything) / len(everything) >= 0.99, dict(misses)
    for kind, outcomes in results.items():
        assert sum(outcomes) / len(outcomes) >= 0.97, (kind, misses[kind])


def test_a_bundle_uses_the_index_it_ships_without_building_one(
    gazetteer_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from locator.geo import index

    OfflineGazetteer().lookup("84095")  # the session's index exists: ship a copy of it
    shipped = tmp_path / "bundle" / "gazetteer.sqlite"
    shipped.parent.mkdir()
    shutil.copyfile(gazetteer_index, shipped)
    monkeypatch.delenv("LOCATOR_GAZETTEER_INDEX")
    monkeypatch.setattr(index, "PREBUILT", shipped)
    monkeypatch.setattr(index, "data_versions", lambda: "zipcodes-missing")  # data left out
    assert index.ensure_index() == shipped
    assert OfflineGazetteer().lookup("Sandy, UT")[0].label == "Sandy, UT"
    assert not list(Path(os.environ["XDG_CACHE_HOME"]).rglob("gazetteer-*"))  # none built


def test_a_locator_finding_another_building_the_index_waits_and_uses_that_one(
    gazetteer_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl
    from concurrent.futures import ThreadPoolExecutor

    from locator.geo.index import build_lock_path, ensure_index

    OfflineGazetteer().lookup("84095")  # the session's index exists: the other one's build
    path = tmp_path / "cache" / "gazetteer.sqlite"
    monkeypatch.setenv("LOCATOR_GAZETTEER_INDEX", str(path))
    heard: list[float] = []
    path.parent.mkdir()
    with build_lock_path(path).open("a") as lock, ThreadPoolExecutor(1) as pool:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another locator is building it
        waiting = pool.submit(ensure_index, heard.append)
        shutil.copyfile(gazetteer_index, path)  # its build is done
        fcntl.flock(lock, fcntl.LOCK_UN)
        assert waiting.result() == path
    assert heard == []  # nothing built here


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("Dallas, Tex.", "Dallas, TX"),  # older abbreviations than the AP's
        ("Billings, Mont.", "Billings, MT"),
        ("Pheonix", "Phoenix, AZ"),  # equal slips: the far larger place
        ("75070 Sandy, UT", "Sandy, UT"),  # a ZIP code of another state: the name decides
    ],
)
def test_what_a_user_tour_found(query: str, label: str) -> None:
    assert OfflineGazetteer().lookup(query)[0].label == label


def test_a_zip_code_of_another_state_is_said_to_be_ignored() -> None:
    (first, *_) = OfflineGazetteer().lookup("75070 Sandy, UT")
    assert first.note == "ZIP code 75070 is not in the place named; placed by the name"


@pytest.mark.parametrize(
    ("query", "label"),
    [("Salt Lake Cty, UT", "Salt Lake City, UT"), ("Saint Louisvl, OH", "Saint Louisville, OH")],
)
def test_postal_shortenings_are_other_names_of_the_place_never_places(
    query: str, label: str
) -> None:
    assert OfflineGazetteer().lookup(query)[0].label == label
    assert all("Cty" not in p.label for p in OfflineGazetteer().complete("Salt Lake C"))


@pytest.mark.parametrize("before", ["none", "open-to-others", "a-link"])
def test_the_lock_of_a_build_in_the_cache_is_for_the_user_alone(
    isolated_user_dirs: Path, before: str
) -> None:
    """The lock was made 0644 inside the 0700 cache folder, through a link planted at its
    name too (making a file where the link led); one an older locator left open is closed."""
    from locator.geo import index

    path = index._cached_index_path()
    lock = index.build_lock_path(path)
    elsewhere = isolated_user_dirs / "elsewhere"
    if before != "none":
        path.parent.mkdir(parents=True, mode=0o700)
    if before == "open-to-others":
        lock.touch(mode=0o644)
    if before == "a-link":
        lock.symlink_to(elsewhere)
    with index._build_lock(path):
        found = lock.lstat()
    assert not elsewhere.exists()
    if before != "a-link":
        assert oct(found.st_mode & 0o777) == oct(0o600)


def test_an_index_the_cache_folder_cannot_hold_is_said_about_that_folder_in_spanish_too(
    monkeypatch: pytest.MonkeyPatch, isolated_user_dirs: Path
) -> None:
    """Choosing "another folder" was no advice for the cache, which no one chose; and the
    builder's own sentence was English in a Spanish session."""
    from locator.errors import IndexBuildError
    from locator.geo.index import ensure_index

    monkeypatch.delenv("LOCATOR_GAZETTEER_INDEX")
    folder = isolated_user_dirs / "xdg_cache_home" / "locator"
    folder.write_text("in the way")
    with pytest.raises(IndexBuildError) as english:
        ensure_index()
    assert str(english.value) == (
        f"the place index could not be built in locator's cache folder {folder} (part of its "
        f"path is a file, not a folder). Make {folder} a folder you can write to (move aside "
        "whatever is in its way), or set LOCATOR_GAZETTEER_INDEX to a file in another folder."
    )
    with speaking("es"), pytest.raises(IndexBuildError) as spanish:
        ensure_index()
    assert str(spanish.value).startswith(
        f"no se pudo crear el índice de lugares en la carpeta de caché de locator, {folder} "
        "(parte de su ruta es un archivo, no una carpeta)."
    )
    assert folder.read_text() == "in the way"


def test_an_index_that_cannot_be_read_or_removed_is_said_in_locators_words(
    tmp_path: Path,
) -> None:
    """Both were the system's English ("Is a directory") in a Spanish session too."""
    from locator.errors import IndexBuildError
    from locator.geo import index

    in_the_way = tmp_path / "gazetteer.sqlite"
    in_the_way.mkdir()
    with speaking("es"):
        assert index._damage(in_the_way) == "ilegible: eso es una carpeta"
        with pytest.raises(IndexBuildError) as refused:
            index.discard_index(in_the_way)
    assert "eso es una carpeta" in str(refused.value)  # refused, or not removed: either way
    assert in_the_way.is_dir()


def test_the_index_builder_is_given_the_index_by_its_whole_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A relative name that reads as an option ("-h") reaches the builder as a path from /,
    and the sentence names the file as it was given."""
    import subprocess

    from locator.errors import IndexBuildError
    from locator.geo.index import ensure_index

    started: list[list[str]] = []
    popen = subprocess.Popen

    def watched(args: list[str], **kwargs: Any) -> Any:
        started.append(args)
        return popen(args, **kwargs)

    monkeypatch.chdir(tmp_path)
    (tmp_path / "-h").write_text("a file, not a folder")
    monkeypatch.setenv("LOCATOR_GAZETTEER_INDEX", "-h/gazetteer.sqlite")
    monkeypatch.setattr(subprocess, "Popen", watched)
    with pytest.raises(IndexBuildError) as refused:
        ensure_index()
    assert started[0][-1] == str(tmp_path / "-h" / "gazetteer.sqlite")
    assert str(refused.value) == (
        "the place index could not be built: Cannot write -h/gazetteer.sqlite: part of its path "
        "is a file, not a folder. Choose another folder."
    )


def _foreign_database(path: Path) -> None:
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('data', 'my own')")
        db.commit()


# What a typo in $LOCATOR_GAZETTEER_INDEX may name: the user's notes, a database of theirs, a
# pipe, a folder.
NOT_AN_INDEX = {
    "text-file": lambda path: path.write_text("notes\n"),
    "foreign-sqlite": _foreign_database,
    "fifo": os.mkfifo,
    "folder": Path.mkdir,
    # a build once made the index where the link pointed
    "link-to-nothing": lambda path: path.symlink_to(path.with_name("elsewhere.sqlite")),
}


@pytest.mark.parametrize("found", NOT_AN_INDEX)
def test_a_path_that_is_not_locators_index_is_refused_and_left_as_it_is(
    found: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text file there was deleted and a 14 MB index put in its place (a pipe too), and a
    ``.lock`` made beside it: locator's own sentence advises setting the variable."""
    from locator.errors import IndexBuildError
    from locator.geo.index import ensure_index, index_built

    path = tmp_path / "chosen"
    NOT_AN_INDEX[found](path)
    before = {child.name: child.lstat() for child in tmp_path.iterdir()}
    content = path.read_bytes() if path.is_file() else None
    monkeypatch.setenv("LOCATOR_GAZETTEER_INDEX", str(path))
    assert not index_built()
    with pytest.raises(IndexBuildError) as refused:
        ensure_index()
    assert str(refused.value).startswith(
        f"LOCATOR_GAZETTEER_INDEX names {path}, which locator leaves as it is: "
    )
    assert str(refused.value).endswith(
        "Set LOCATOR_GAZETTEER_INDEX to the name of a new file, or unset it to keep the place "
        "index in locator's cache folder."
    )
    after = {child.name: child.lstat() for child in tmp_path.iterdir()}
    assert after.keys() == before.keys()  # no lock, no journal, nothing put in its place
    assert after["chosen"].st_mode == before["chosen"].st_mode
    assert after["chosen"].st_ino == before["chosen"].st_ino
    if content is not None:
        assert path.read_bytes() == content


def test_an_index_locator_built_at_the_chosen_path_is_its_to_replace_when_out_of_date(
    gazetteer_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Locator's own index there, from other data (an older locator's), is still its to
    replace; so is an index built before indexes carried their mark."""
    import sqlite3

    from locator.geo import index

    OfflineGazetteer().lookup("84095")  # the session's index exists
    path = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(gazetteer_index, path)
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE meta SET value = 'format5-zipcodes1' WHERE key = 'data'")
        db.execute("PRAGMA application_id = 0")
        db.commit()
    monkeypatch.setenv("LOCATOR_GAZETTEER_INDEX", str(path))
    assert not index.index_built()
    assert index._foreign(path) is None
    index.discard_index(path)  # what a build does first
    assert not path.exists()


@pytest.mark.parametrize(
    ("found", "reason"),
    [
        ("text-file", "it is not a place index locator made"),
        ("fifo", "it is a pipe or a device, not a file"),  # and "building…" was said
        (
            "link-to-nothing",
            "it is a link to {folder}/elsewhere.sqlite, which is not there, and locator makes "
            "no file where a link points",
        ),
    ],
)
def test_the_command_line_says_why_and_builds_nothing_over_the_users_file(
    found: str, reason: str, tmp_path: Path, run_cli: CliRunner
) -> None:
    chosen = tmp_path / "notes.txt"
    NOT_AN_INDEX[found](chosen)
    said = run_cli("geocode", "Sandy, UT", env={"LOCATOR_GAZETTEER_INDEX": str(chosen)})
    assert said.returncode == 4
    assert said.stderr == (
        f"locator: LOCATOR_GAZETTEER_INDEX names {chosen}, which locator leaves as it is: "
        f"{reason.format(folder=tmp_path)}. Set LOCATOR_GAZETTEER_INDEX to the name of a new "
        "file, or unset it to keep the place index in locator's cache folder.\n"
    )
    assert sorted(child.name for child in tmp_path.iterdir()) == ["notes.txt"]
    if found == "text-file":
        assert chosen.read_text() == "notes\n"


@pytest.mark.parametrize("suffix", ["-journal", "-wal"])
def test_a_pipe_beside_the_index_is_never_opened(
    suffix: str, gazetteer_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite opens a journal beside the index to see whether it is hot: a pipe there held
    every lookup for good. At $LOCATOR_GAZETTEER_INDEX it is said and left as it is; in
    locator's cache folder it goes, and the lookup is answered."""
    from concurrent.futures import ThreadPoolExecutor

    from locator.errors import IndexBuildError
    from locator.geo.index import _cached_index_path, ensure_index

    OfflineGazetteer().lookup("84095")  # the session's index exists
    chosen = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(gazetteer_index, chosen)
    os.mkfifo(tmp_path / f"gazetteer.sqlite{suffix}")
    monkeypatch.setenv("LOCATOR_GAZETTEER_INDEX", str(chosen))
    with ThreadPoolExecutor(1) as pool:  # a failure is bounded, never a hung run
        with pytest.raises(IndexBuildError, match=f"gazetteer.sqlite{suffix} beside it is not"):
            pool.submit(ensure_index).result(timeout=60)
        assert stat.S_ISFIFO((tmp_path / f"gazetteer.sqlite{suffix}").lstat().st_mode)
        monkeypatch.delenv("LOCATOR_GAZETTEER_INDEX")
        cached = _cached_index_path()
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(gazetteer_index, cached)
        os.mkfifo(cached.with_name(cached.name + suffix))
        found = pool.submit(lambda: OfflineGazetteer().lookup("Sandy, UT")).result(timeout=60)
    assert found[0].label == "Sandy, UT"
    assert not os.path.lexists(cached.with_name(cached.name + suffix))
