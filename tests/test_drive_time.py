"""The estimated drive time: published driving times fall in its range, its bands behave, and it
is shown (as an estimate) wherever a distance is, and never ranks."""

from __future__ import annotations

import json

import pytest
from geopy.distance import geodesic

from locator.data.models import Registry
from locator.drive_time import DriveTime
from locator.mapping.payload import FIELDS, MapClinic, map_payload
from locator.presentation import distance_and_drive, drive_time
from locator.units import KM_PER_MILE, Unit
from tests.conftest import CliRunner
from tests.registry_texts import pick

# City centres as the offline gazetteer gives them (`locator geocode --json "Dallas, TX"`).
DALLAS = (32.78306, -96.80667)
FRISCO = (33.15067, -96.82361)
ALLEN = (33.10317, -96.67055)
THE_COLONY = (33.08901, -96.88639)
DECATUR = (33.23428, -97.58614)
SACRAMENTO = (38.58157, -121.4944)
LOS_ANGELES = (34.05223, -118.24368)


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
    assert drive_time(0.0, sandy) is None  # "same city" says enough
    nearby = drive_time(5.1, south_jordan)  # placed at its city centre: give or take a town
    assert nearby is not None
    assert nearby.low == 0
    text = distance_and_drive(5.1, south_jordan, Unit.MILES)
    assert text == "3.2 mi; up to about 20 min by car (estimate)"


def test_the_map_popup_gets_the_estimate(registry: Registry) -> None:
    (allen,) = pick(registry, "nortex-psychiatry-allen")
    payload = map_payload([MapClinic(allen, 30.0), MapClinic(allen)])
    drives = [row[FIELDS.index("drive")] for row in payload["rows"]]
    assert drives[0].endswith("by car (estimate)")
    assert drives[1] is None  # no search, no distance, no drive


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
