"""The estimated drive time: published driving times fall in its range, its bands behave, and it
is shown (as an estimate) wherever a distance is, and never ranks."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from geopy.distance import geodesic

from locator.data.models import Clinic, Registry
from locator.data.vocabulary import Precision
from locator.drive_time import AcrossWater, DriveTime, drive_time
from locator.geo.bridges import LINKS
from locator.geo.place import Place
from locator.geo.water import LINK_FACTOR, ROUND_FACTOR, _shore, detour
from locator.mapping.payload import FIELDS, MapClinic, map_payload, result_payload
from locator.presentation import how_far
from locator.query import distance_texts
from locator.search import ClinicIndex, Match, measured_from
from locator.units import KM_PER_MILE, Unit
from tests.helpers.cli import CliRunner
from tests.helpers.registry_texts import TRIPS, WHIDBEY, pick

# City centres as the offline gazetteer gives them (`locator geocode --json "Dallas, TX"`).
DALLAS = (32.78306, -96.80667)
FRISCO = (33.15067, -96.82361)
ALLEN = (33.10317, -96.67055)
THE_COLONY = (33.08901, -96.88639)
DECATUR = (33.23428, -97.58614)
SACRAMENTO = (38.58157, -121.4944)
LOS_ANGELES = (34.05223, -118.24368)
DALLAS_PLACE = Place("Dallas, TX", "Dallas, TX", *DALLAS, Precision.CITY)
SANDY = Place("Sandy, UT", "Sandy, UT", 40.59161, -111.8841, Precision.CITY)
ACROSS = (
    "no drive-time estimate: open water lies between, with no bridge locator knows of on the way; "
    "a ferry or a long drive round may be needed"
)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(geodesic(a, b).km)


@pytest.mark.parametrize(
    ("origin", "destination", "published_minutes"),
    [
        # travelpander.com/distance-from-frisco-to-dallas: "about 27 miles … by road. Driving
        # takes roughly 28 minutes."
        (DALLAS, FRISCO, [28]),
        # meetways.com/info/driving-time/Allen, Texas/The Colony, Texas: by the Dallas North
        # Tollway "approximately 15 miles … around 20 minutes" with average traffic.
        (ALLEN, THE_COLONY, [20]),
        # spacestudy.blog/allen-to-dallas: 24.6 miles along US-75, "Commute time typically
        # ranges from 25 to 40 minutes".
        (ALLEN, DALLAS, [25, 40]),
        # meetways.com/info/driving-time/Allen, Texas/Decatur, Texas: about 68 miles by US-75
        # and US-380, "around an hour" off-peak.
        (ALLEN, DECATUR, [60]),
        # travelpander.com/?p=53053: Los Angeles to Sacramento "about 386 miles … via
        # Interstate-5, taking around 6 hours".
        (SACRAMENTO, LOS_ANGELES, [360]),
    ],
    ids=["Dallas-Frisco", "Allen-The Colony", "Allen-Dallas", "Allen-Decatur", "Sacramento-LA"],
)
def test_published_driving_times_fall_in_the_estimated_range(
    origin: tuple[float, float], destination: tuple[float, float], published_minutes: list[int]
) -> None:
    drive = DriveTime.estimate(_km(origin, destination))
    for minutes in published_minutes:
        assert drive.low <= minutes <= drive.high, (drive, minutes)
    assert drive.high - drive.low <= max(drive.low, 30), "a range this wide would say nothing"


def test_the_range_grows_steadily_with_distance() -> None:
    previous = DriveTime.estimate(0)
    for tenth_miles in range(1, 5000, 7):
        drive = DriveTime.estimate(tenth_miles / 10 * KM_PER_MILE)
        assert drive.low <= drive.high
        assert drive.low >= previous.low, tenth_miles
        assert drive.high >= previous.high, tenth_miles
        previous = drive


def test_ranges_are_rounded_outwards_to_five_minutes_or_half_hours() -> None:
    short, long = DriveTime.estimate(20 * KM_PER_MILE), DriveTime.estimate(300 * KM_PER_MILE)
    assert short.low % 5 == 0
    assert short.high % 5 == 0
    assert long.high >= 120
    assert long.low % 30 == 0
    assert long.high % 30 == 0
    assert DriveTime(70, 150).text == "about 70 min to 2½ hours by car (estimate)"


def test_the_text_always_says_it_is_an_estimate() -> None:
    assert DriveTime.estimate(25.35 * KM_PER_MILE).text == "about 25\u201355 min by car (estimate)"
    assert DriveTime.estimate(1.0).text == "under 5 min by car (estimate)"
    assert DriveTime.estimate(5.0, uncertainty_km=5.0).text.startswith("up to about ")
    assert DriveTime(330, 480).text == "about 5½\u20138 hours by car (estimate)"
    assert DriveTime(25, 55).as_json() == {"low": 25, "high": 55, "estimate": True}


def test_an_approximate_location_widens_the_range() -> None:
    exact, approximate = DriveTime.estimate(20.0), DriveTime.estimate(20.0, uncertainty_km=5.0)
    assert approximate.low <= exact.low
    assert approximate.high > exact.high


def test_a_clinic_in_the_same_city_gets_no_estimate_and_one_nearby_a_wide_one(
    registry: Registry,
) -> None:
    sandy, south_jordan = pick(registry, "nervana-medical-sandy", "nervana-medical-south-jordan")
    assert drive_time(0.0, sandy, SANDY) is None  # "same city" says enough
    nearby = drive_time(5.1, south_jordan, SANDY)  # at its city centre: give or take a town
    assert isinstance(nearby, DriveTime)
    assert nearby.low == 0
    text = how_far(Match(south_jordan, 5.1, serves_origin=False, drive=nearby), Unit.MILES)
    assert text == "≈ 3 mi (approximate: city centre); up to about 20 min by car (estimate)"


def test_the_search_works_out_each_drive_once_and_every_view_reads_it(
    registry: Registry,
) -> None:
    result = ClinicIndex.of(registry).nearest(DALLAS_PLACE, limit=10, by_organization=False)
    for match in result.matches:
        assert match.drive == drive_time(match.distance_km, match.clinic, DALLAS_PLACE)
    allen = next(m for m in result.matches if m.clinic.id == "nortex-psychiatry-allen")
    assert isinstance(allen.drive, DriveTime)
    assert distance_texts(result.matches, Unit.MILES)[allen.clinic.id] == how_far(allen, Unit.MILES)
    payload = result_payload(result)  # the map's popups
    drives = {row[0]: row[FIELDS.index("drive")] for row in payload["rows"]}
    assert drives[allen.clinic.id] == allen.drive.text
    assert map_payload([MapClinic(allen.clinic)])["rows"][0][FIELDS.index("drive")] is None
    (shortlisted,) = measured_from(DALLAS_PLACE, [allen.clinic])  # a shortlist shown meanwhile
    assert shortlisted.drive == allen.drive


def test_nearest_gives_the_estimate_in_text_and_json_but_ranks_by_distance(
    run_cli: CliRunner,
) -> None:
    result = run_cli("nearest", "Frisco, TX", "--json", "--every-presence")
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)["results"]
    distances = [r["distance_km"] for r in results]
    assert distances == sorted(distances)
    assert results[0]["drive_minutes"] is None  # in Frisco itself: "same city" says enough
    drive = results[1]["drive_minutes"]
    assert drive["estimate"] is True
    assert 0 <= drive["low"] < drive["high"]
    text = run_cli("nearest", "Frisco, TX").stdout
    assert "by car (estimate)" in text
    assert "Drive times are rough estimates" in text


# Open water on the straight line: real pairs, the geometry the app ships (centres from the
# offline gazetteer, or the city halls where it has no entry). Each is a ferry's crossing.
ACROSS_WATER = {
    "Coupeville to Port Townsend, WA (Admiralty Inlet)": (48.21982, -122.68628, 48.117, -122.7604),
    "Seattle to Bremerton, WA (Puget Sound)": (47.60621, -122.33207, 47.56732, -122.63264),
    "Milwaukee, WI to Muskegon, MI (Lake Michigan)": (43.0389, -87.90647, 43.23418, -86.24839),
    "Bridgeport, CT to Port Jefferson, NY (Long Island Sound)": (41.18, -73.19, 40.95, -73.07),
}
BOISE = (43.6135, -116.20345)
SANDY_UT = (40.59161, -111.8841)
BUENA_PARK = (33.86751, -117.99812)
# Trips a road makes as the straight line goes, or nearly: no obstacle to claim.
STRAIGHT = {
    "Sandy to South Jordan, UT": (*SANDY_UT, 40.56217, -111.92966),
    "Dallas to Frisco, TX": (*DALLAS, *FRISCO),
    "Coupeville to Oak Harbor, WA (the same island)": (48.21982, -122.68628, 48.29316, -122.64322),
    "New York to Philadelphia (rivers most roads bridge)": (40.7143, -74.006, 39.9523, -75.1638),
    # a lake inland always has a road round it, within the allowance for winding roads
    "Boise, ID to Sandy, UT (the Great Salt Lake on the line)": (*BOISE, *SANDY_UT),
    "Boise to South Jordan, UT": (*BOISE, 40.56217, -111.92966),
    "Grantsville to Ogden, UT (the Great Salt Lake)": (40.59994, -112.46438, 41.223, -111.97383),
    "Dallas, TX to Sandy, UT": (*DALLAS, *SANDY_UT),
    "Buena Park to Sacramento, CA": (*BUENA_PARK, *SACRAMENTO),
}
# Open water a road goes round or over: the estimate is worked out on that longer way.
AROUND_OR_OVER = {
    "San Francisco to Oakland, CA (the Bay Bridge)": (37.77493, -122.41942, 37.80437, -122.2708),
    "Tampa to St. Petersburg, FL (over Tampa Bay)": (27.9506, -82.4572, 27.7676, -82.6403),
    "Chicago to Detroit (round Lake Michigan's foot)": (41.85003, -87.65005, 42.33143, -83.04575),
    # two waters far apart: the Bay at the start, Puget Sound near the end (I-5 and a bridge)
    "San Francisco, CA to Bremerton, WA": (37.77493, -122.41942, 47.56732, -122.63264),
}


@pytest.mark.parametrize("pair", ACROSS_WATER.values(), ids=list(ACROSS_WATER))
def test_open_water_with_no_bridge_on_the_way_is_found(
    pair: tuple[float, float, float, float],
) -> None:
    assert detour(*pair) is None
    assert detour(*pair[2:], *pair[:2]) is None  # either way round


@pytest.mark.parametrize("pair", STRAIGHT.values(), ids=list(STRAIGHT))
def test_no_obstacle_is_claimed_that_the_map_cannot_show(
    pair: tuple[float, float, float, float],
) -> None:
    assert detour(*pair) == 1.0


@pytest.mark.parametrize("pair", AROUND_OR_OVER.values(), ids=list(AROUND_OR_OVER))
def test_a_way_round_or_over_open_water_lengthens_the_trip(
    pair: tuple[float, float, float, float],
) -> None:
    factor = detour(*pair)
    assert factor is not None
    assert 1.0 < factor <= max(ROUND_FACTOR, LINK_FACTOR)
    assert detour(*pair[2:], *pair[:2]) == factor


@pytest.mark.parametrize("link", LINKS, ids=[link.name for link in LINKS])
def test_each_known_bridge_crosses_open_water_from_land(link: tuple[str, float, ...]) -> None:
    """A bridge written a little off its landings would join nothing: each crosses open water
    on the map, and each landing is on land or within 1.5 km of it (the shore is coarse)."""
    _name, lat_a, lon_a, lat_b, lon_b = link
    steps = np.linspace(0, 1, 41)
    shore = _shore()
    assert shore.water(lon_a + (lon_b - lon_a) * steps, lat_a + (lat_b - lat_a) * steps).any()
    for lat, lon in ((lat_a, lon_a), (lat_b, lon_b)):
        turns = np.radians(np.arange(0, 360, 30))
        around = [(lat, lon)] + [
            (lat + km * np.cos(t) / 111.2, lon + km * np.sin(t) / (111.2 * np.cos(np.radians(lat))))
            for km in (0.5, 1.0, 1.5)
            for t in turns
        ]
        lats, lons = np.array(around).T
        assert not shore.water(lons, lats).all(), (lat, lon)


def test_over_a_bridge_the_drive_is_estimated_on_the_way_over_it() -> None:
    """San Francisco to Oakland: an estimate, a little longer than the straight line's."""
    san_francisco = Place("San Francisco, CA", "San Francisco, CA", 37.77493, -122.41942,
                          Precision.CITY)  # fmt: skip
    clinic = Clinic.model_validate(
        {
            "id": "oakland",
            "name": "Oakland Clinic",
            "address": {"city": "Oakland", "state": "CA"},
            "location": {"latitude": 37.80437, "longitude": -122.2708, "precision": "address",
                         "source": "test"},
            "sources": [{"document": "t.txt", "quote": "A quote.", "covers": ["name"]}],
            "last_verified": "2026-11-01",
        }
    )  # fmt: skip
    km = _km((san_francisco.latitude, san_francisco.longitude), (37.80437, -122.2708))
    drive = drive_time(km, clinic, san_francisco)
    factor = detour(san_francisco.latitude, san_francisco.longitude, 37.80437, -122.2708)
    assert factor is not None
    assert factor > 1.0
    assert drive == DriveTime.estimate(km * factor)
    assert drive.text.endswith("by car (estimate)")


def test_nearest_gives_every_plain_drive_an_estimate(run_cli: CliRunner) -> None:
    """Boise, ID to Sandy, UT and every other presence: an estimate each, no water claimed."""
    result = run_cli("nearest", "Boise, ID", "--json", "--every-presence")
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)["results"]
    assert "nervana-medical-sandy" in [r["id"] for r in results]
    for found in results:
        assert found["drive_minutes"]["estimate"] is True, found["id"]
        assert found["drive_minutes_reason"] is None
    text = run_cli("nearest", "Boise, ID", "--every-presence").stdout
    assert "open water" not in text
    assert "ferry" not in text


def test_a_long_drive_past_two_waters_gets_an_estimate(run_cli: CliRunner, tmp_path: Path) -> None:
    """San Francisco to Bremerton, WA leaves over the Golden Gate and crosses Puget Sound's
    inlets near the end, too far apart for one turn or bridge to pass both: I-5 and the Tacoma
    Narrows Bridge make it a plain drive, not a ferry's."""
    (tmp_path / "trips.yaml").write_text(TRIPS, encoding="utf-8")
    search = ("nearest", "San Francisco, CA", "--registry", str(tmp_path / "trips.yaml"))
    result = run_cli(*search, "--json")
    assert result.returncode == 0, result.stderr
    bremerton = {r["id"]: r for r in json.loads(result.stdout)["results"]}["bremerton-test-clinic"]
    assert bremerton["drive_minutes_reason"] is None
    assert bremerton["drive_minutes"]["estimate"] is True
    assert 11 * 60 <= bremerton["drive_minutes"]["low"] < bremerton["drive_minutes"]["high"]
    text = run_cli(*search).stdout
    assert "open water" not in text
    assert "ferry" not in text


def test_across_water_the_drive_is_not_estimated_but_explained() -> None:
    coupeville = Place("Coupeville, WA", "Coupeville, WA", 48.21982, -122.68628, Precision.CITY)
    clinic = Clinic.model_validate(
        {
            "id": "port-townsend",
            "name": "Port Townsend Clinic",
            "address": {"city": "Port Townsend", "state": "WA"},
            "location": {"latitude": 48.117, "longitude": -122.7604, "precision": "city",
                         "source": "test"},
            "sources": [{"document": "t.txt", "quote": "A quote.", "covers": ["name"]}],
            "last_verified": "2026-11-01",
        }
    )  # fmt: skip
    km = _km((coupeville.latitude, coupeville.longitude), (48.117, -122.7604))
    assert isinstance(drive_time(km, clinic, coupeville), AcrossWater)
    result = ClinicIndex([clinic]).nearest(coupeville)
    assert how_far(result.matches[0], Unit.MILES) == f"≈ 8 mi (approximate: city centre); {ACROSS}"
    payload = result_payload(result)  # the map's popup
    assert payload["rows"][0][FIELDS.index("drive")].startswith("no drive-time estimate")
    assert isinstance(drive_time(km, clinic, None), DriveTime)  # no origin, nothing to cross


def test_nearest_says_why_there_is_no_estimate_across_water(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "whidbey.yaml").write_text(WHIDBEY, encoding="utf-8")
    search = ("nearest", "Coupeville, WA", "--registry", str(tmp_path / "whidbey.yaml"))
    result = run_cli(*search, "--json")
    assert result.returncode == 0, result.stderr
    by_id = {r["id"]: r for r in json.loads(result.stdout)["results"]}
    across = by_id["port-townsend-clinic"]
    assert (across["drive_minutes"], across["drive_minutes_reason"]) == (None, "water")
    same_island = by_id["oak-harbor-clinic"]
    assert same_island["drive_minutes"]["estimate"] is True
    assert same_island["drive_minutes_reason"] is None
    text = run_cli(*search).stdout
    assert "none: open water" in text  # in the table's narrow column, and below it:
    assert f"Port Townsend Clinic: {ACROSS}" in text
    assert text.count("by car (estimate)") == 1  # Oak Harbor's, on the same island
