"""Nearest clinics: order, radius, filters, and honest answers when nothing is near."""

from __future__ import annotations

import random

import pytest
from geopy.distance import geodesic

from locator.data.loader import load_registry
from locator.data.models import Clinic, Registry
from locator.data.synthetic import synthetic_clinic
from locator.data.vocabulary import Condition, EntryKind, Precision, Treatment
from locator.geo.place import Place
from locator.query import Filters
from locator.search import ClinicIndex
from locator.summary import summary
from locator.units import Unit
from tests.helpers.paths import REPO


@pytest.fixture(scope="module")
def index() -> ClinicIndex:
    return ClinicIndex.of(load_registry(REPO / "clinics.yaml", use_cache=False))


def place(label: str, latitude: float, longitude: float, city: str, state: str) -> Place:
    return Place(label, label, latitude, longitude, Precision.CITY, city=city, state=state)


SANDY = place("Sandy, UT", 40.59161, -111.8841, "Sandy", "UT")
RENO = place("Reno, NV", 39.52963, -119.8138, "Reno", "NV")
SACRAMENTO = place("Sacramento, CA", 38.58157, -121.4944, "Sacramento", "CA")
BOSTON = place("Boston, MA", 42.35843, -71.05977, "Boston", "MA")


def test_nearest_first_with_geodesic_distances(index: ClinicIndex) -> None:
    result = index.nearest(SANDY, limit=10, by_organization=False)
    ids = [match.clinic.id for match in result.matches]
    assert ids[:2] == ["nervana-medical-sandy", "nervana-medical-south-jordan"]
    assert len(ids) == 8  # every located clinic; the ninth has no location
    assert ids[-2:] == ["ketamine-provider-sacramento", "ketamine-provider-buena-park"]
    distances = [match.distance_km for match in result.matches]
    assert distances[:-2] == sorted(distances[:-2])  # clinics, then unnamed providers
    assert distances[-2:] == sorted(distances[-2:])
    south_jordan = result.matches[1]
    location = south_jordan.clinic.location
    expected = geodesic((SANDY.latitude, SANDY.longitude), (location.latitude, location.longitude))
    assert south_jordan.distance_km == pytest.approx(expected.km, rel=1e-9)
    assert result.matches[0].serves_origin
    assert result.matches[1].serves_origin  # Nervana in South Jordan says it serves Sandy
    assert not result.matches[2].serves_origin


def test_one_organization_shows_once_at_its_nearest_presence(index: ClinicIndex) -> None:
    dallas = place("Dallas, TX", 32.78306, -96.80667, "Dallas", "TX")
    result = index.nearest(dallas, limit=3)
    nortex = result.matches[0]
    assert nortex.clinic.id == "nortex-psychiatry-dallas"
    assert sorted(nortex.also_at) == ["Allen, TX", "Frisco, TX", "McKinney, TX"]
    assert [m.clinic.organization for m in result.matches].count("NorTex Psychiatry") == 1


def test_clinics_without_a_location_are_reported_apart(index: ClinicIndex) -> None:
    result = index.nearest(SANDY)
    assert [clinic.id for clinic in result.unlocated] == ["neuroplasticity-md-clinic"]
    assert "without a listed location" in summary(result)


def test_a_radius_that_excludes_everything_names_the_nearest_clinic(index: ClinicIndex) -> None:
    result = index.nearest(RENO, within_km=Unit.MILES.to_km(100))
    assert result.matches == []
    assert result.nearest_outside.clinic.id == "nervana-medical-south-jordan"
    said = summary(result, Unit.MILES)
    assert said.startswith(
        "Nothing within 100 mi of Reno, NV; the nearest clinic is ≈ 424 mi away, serving South "
        "Jordan, UT (office not listed): Nervana Medical."
    )
    assert "unnamed" not in said  # the unnamed provider 112 mi away is no one to contact


def test_unnamed_providers_near_a_place_are_mentioned_apart_from_the_nearest_clinic(
    index: ClinicIndex,
) -> None:
    result = index.nearest(SACRAMENTO, within_km=Unit.MILES.to_km(10))
    assert [m.clinic.id for m in result.matches] == ["ketamine-provider-sacramento"]
    assert summary(result, Unit.MILES).startswith(
        "No clinic within 10 mi of Sacramento, CA; the nearest clinic is ≈ 528 mi away, serving "
        "South Jordan, UT (office not listed): Nervana Medical. 1 unnamed provider reported in "
        "Sacramento, CA, with no one named to contact."
    )


def test_unnamed_providers_are_ranked_after_every_clinic(index: ClinicIndex) -> None:
    result = index.nearest(SACRAMENTO)
    assert [m.clinic.id for m in result.matches][-2:] == [
        "ketamine-provider-sacramento",
        "ketamine-provider-buena-park",
    ]
    assert result.matches[0].clinic.id == "nervana-medical-south-jordan"
    assert summary(result, Unit.MILES).startswith(
        "No clinic within travel distance of Sacramento, CA. The nearest is ≈ 528 mi away "
        "(straight-line): "
        "Nervana Medical. 2 unnamed providers reported in Sacramento, CA and Buena Park, CA, with "
        "no one named to contact."
    )


def test_a_radius_keeps_what_is_inside(index: ClinicIndex) -> None:
    result = index.nearest(SANDY, within_km=10, by_organization=False)
    assert [m.clinic.id for m in result.matches] == [
        "nervana-medical-sandy",
        "nervana-medical-south-jordan",
    ]


def test_far_from_everything_says_which_areas_are_covered(index: ClinicIndex) -> None:
    said = summary(index.nearest(BOSTON))
    assert "This registry covers Buena Park and Sacramento, CA; Allen, Dallas, Frisco and " in (
        said
    )
    assert "Sandy and South Jordan, UT." in said


def test_filters_need_every_value_and_count_what_is_not_listed(index: ClinicIndex) -> None:
    both = Filters(frozenset({Condition.DEPRESSION, Condition.ANXIETY}))
    result = index.nearest(SANDY, filters=both, by_organization=False)
    assert {m.clinic.id for m in result.matches} == {
        "nervana-medical-south-jordan",
        "nervana-medical-sandy",
        "ketamine-provider-sacramento",  # "Whether it is depression, anxiety, or PTSD"
        "ketamine-provider-buena-park",  # "… depression, anxiety, PTSD, and chronic pain"
    }
    # NorTex (its 4 sites listed apart here) and Neuroplasticity MD: providers, as ever
    assert result.excluded_not_listed == 2
    ptsd_iv = Filters(frozenset({Condition.PTSD}), frozenset({Treatment.IV_KETAMINE_INFUSION}))
    result = index.nearest(SANDY, filters=ptsd_iv)
    assert result.matches == []
    assert result.unlocated == []
    assert result.excluded_not_listed == 3  # Nervana, NorTex, Neuroplasticity MD
    assert "3 providers left out because what you filtered on is not listed" in summary(result)


def test_left_out_clinics_are_counted_as_the_headline_counts_them(index: ClinicIndex) -> None:
    result = index.nearest(SANDY, filters=Filters(frozenset({Condition.DEPRESSION})))
    said = summary(result, Unit.MILES)
    assert said.startswith("1 provider at 2 places within travel distance of Sandy, UT")  # Nervana
    assert "2 providers left out" in said  # NorTex once for its 4 sites; no unnamed provider


def _clinic(clinic_id: str, **fields: object) -> Clinic:
    data = {
        "id": clinic_id,
        "name": clinic_id,
        "location": {"latitude": 40.6, "longitude": -111.9, "precision": "city", "source": "t"},
        "sources": [{"document": "t.txt", "quote": "t"}],
        "last_verified": "2026-01-01",
        **fields,
    }
    return Clinic.model_validate(data)


def test_not_offered_is_not_counted_as_not_listed() -> None:
    registry = Registry(
        schema_version=1,
        clinics=[
            _clinic("offers", treatments=["iv_ketamine_infusion"]),
            _clinic("says-no", not_offered=["iv_ketamine_infusion"]),
            _clinic("silent"),
        ],
    )
    result = ClinicIndex.of(registry).nearest(
        SANDY, filters=Filters(treatments=frozenset({Treatment.IV_KETAMINE_INFUSION}))
    )
    assert [m.clinic.id for m in result.matches] == ["offers"]
    assert result.excluded_not_listed == 1


def test_units() -> None:
    assert Unit.MILES.format(Unit.MILES.to_km(476.2)) == "476 mi"
    assert Unit.KM.format(4.24) == "4.2 km"


def test_ranking_matches_brute_force_geodesic_on_a_large_registry() -> None:
    rng = random.Random(7)
    clinics = [Clinic.model_validate(synthetic_clinic(i, rng)) for i in range(3000)]
    index = ClinicIndex(clinics)
    origin = place("Somewhere", 39.0, -98.0, "Somewhere", "KS")
    result = index.nearest(origin, limit=10, within_km=800, by_organization=False)
    exact = sorted(
        (geodesic((39.0, -98.0), (c.location.latitude, c.location.longitude)).km, c.id)
        for c in clinics
    )
    expected = [clinic_id for km, clinic_id in exact if km <= 800][:10]
    assert [m.clinic.id for m in result.matches] == expected


def test_an_organizations_other_sites_come_with_the_result_saying_which_were_found(
    index: ClinicIndex,
) -> None:
    dallas = place("Dallas, TX", 32.78306, -96.80667, "Dallas", "TX")
    found = index.nearest(dallas, limit=10, within_km=40)
    assert [m.clinic.id for m in found.matches] == ["nortex-psychiatry-dallas"]  # listed once
    others = {site.match.clinic.id: site.found for site in found.other_sites}
    # Allen within the 40 km, Frisco and McKinney beyond it: kept, and said to be outside
    assert others == {
        "nortex-psychiatry-allen": True,
        "nortex-psychiatry-frisco": False,
        "nortex-psychiatry-mckinney": False,
    }
    distances = [site.match.distance_km for site in found.other_sites]
    assert distances == sorted(distances)


def test_each_filter_count_is_what_that_filter_alone_finds() -> None:
    """The menus' "— 3 entries list it" is the number of entries the filter alone keeps,
    anywhere; "no entry lists it" means the filter can only leave every clinic out."""
    from locator.data.vocabulary import Feature, Language, Payment
    from locator.listed import listed_counts

    rng = random.Random(11)
    clinics = [Clinic.model_validate(synthetic_clinic(i, rng)) for i in range(300)]
    index = ClinicIndex(clinics)
    counts = listed_counts(clinics)
    origin = place("Somewhere", 39.0, -98.0, "Somewhere", "KS")

    def found(filters: Filters) -> int:
        result = index.nearest(origin, limit=len(clinics), filters=filters, by_organization=False)
        return len(result.matches) + len(result.unlocated)

    for condition in Condition:
        assert counts.of(condition) == found(Filters(frozenset({condition}))), condition
    for treatment in Treatment:
        assert counts.of(treatment) == found(Filters(treatments=frozenset({treatment})))
    for payment in Payment:
        assert counts.of(payment) == found(Filters(payment=frozenset({payment})))
    for feature in Feature:
        assert counts.of(feature) == found(Filters(features=frozenset({feature})))
    for language in Language:
        assert counts.of(language) == found(Filters(languages=frozenset({language})))
    for state in ("UT", "TX", "CA"):
        assert counts.telehealth_to(state) == found(Filters(telehealth_state=state))
    for price in (200, 500):
        assert counts.priced_at_most(price) == found(Filters(max_session_usd=price))
    assert sum(counts.of(t) for t in Feature) > 0  # the synthetic entries do list facts


@pytest.mark.parametrize("by_organization", [True, False])
@pytest.mark.parametrize("origin", [SACRAMENTO, SANDY, BOSTON, RENO], ids=lambda p: p.label)
def test_a_limited_list_is_the_first_rows_of_the_whole_one(
    index: ClinicIndex, origin: Place, by_organization: bool
) -> None:
    """`--limit 3` near Sacramento once gave the unnamed providers there, though the whole list
    puts every clinic before them."""
    whole = index.nearest(origin, limit=100, by_organization=by_organization).matches
    for limit in range(1, len(whole) + 1):
        shown = index.nearest(origin, limit=limit, by_organization=by_organization).matches
        assert [m.clinic.id for m in shown] == [m.clinic.id for m in whole[:limit]], limit


def test_a_limited_list_keeps_clinics_first_when_unnamed_providers_crowd_the_nearest() -> None:
    rng = random.Random(5)
    clinics = [Clinic.model_validate(synthetic_clinic(i, rng)) for i in range(400)]
    nearest_first = sorted(
        clinics,
        key=lambda c: geodesic((39.0, -98.0), (c.location.latitude, c.location.longitude)).km,
    )
    unnamed = {c.id for c in nearest_first[:6]}  # the six nearest name no one to contact
    clinics = [
        c.model_copy(update={"kind": EntryKind.UNNAMED_PROVIDER}) if c.id in unnamed else c
        for c in clinics
    ]
    index = ClinicIndex(clinics)
    origin = place("Somewhere", 39.0, -98.0, "Somewhere", "KS")
    whole = index.nearest(origin, limit=len(clinics), by_organization=False).matches
    assert {m.clinic.id for m in whole[-6:]} == unnamed
    for limit in (1, 3, 5, 10):
        shown = index.nearest(origin, limit=limit, by_organization=False).matches
        assert [m.clinic.id for m in shown] == [m.clinic.id for m in whole[:limit]]
        assert not {m.clinic.id for m in shown} & unnamed


BUENA_PARK = place("Buena Park, CA", 33.86751, -117.99812, "Buena Park", "CA")
NEW_YORK = place("New York, NY", 40.71427, -74.00597, "New York", "NY")


@pytest.mark.parametrize(
    ("origin", "nearest"),
    [
        (BUENA_PARK, "The nearest is ≈ 570 mi away (straight-line): Nervana Medical."),
        (NEW_YORK, "The nearest is ≈ 1,349 mi away (straight-line): NorTex Psychiatry."),
    ],
    ids=["Buena Park", "New York"],
)
def test_no_clinic_is_near_beyond_the_distance_a_person_would_travel(
    index: ClinicIndex, origin: Place, nearest: str
) -> None:
    result = index.nearest(origin)
    said = summary(result, Unit.MILES)
    assert said.startswith(f"No clinic within travel distance of {origin.label}. {nearest}")
    assert " near " not in said
    assert not result.clinic_within_travel
    kinds = [m.clinic.kind for m in result.matches]
    assert kinds[:2] == [EntryKind.CLINIC, EntryKind.CLINIC]  # still listed, nearest first
    distances = [m.distance_km for m in result.matches[:2]]
    assert distances == sorted(distances)


def test_clinics_beyond_the_travel_distance_are_counted_apart(index: ClinicIndex) -> None:
    result = index.nearest(SANDY)
    said = summary(result, Unit.MILES)
    assert said.startswith(
        "1 provider at 2 places within travel distance of Sandy, UT, nearest: Nervana Medical, "
        "which "
        "serves Sandy, UT (office not listed)"
    )
    assert "; 1 more provider farther away; " in said  # NorTex, about 1,000 mi away
    assert result.clinic_within_travel
    # any distance: the travel radius is named as such, not as a distance that was chosen
    assert "250" not in said
    assert "402" not in summary(result, Unit.KM)
    chosen = summary(index.nearest(SANDY, within_km=402.3), Unit.KM)
    assert chosen.startswith("1 provider at 2 places within 402 km of Sandy")


def test_a_summary_never_puts_a_provider_in_a_place_it_only_serves(index: ClinicIndex) -> None:
    """NorTex names no office: the nearest one offering a consultation is "serving Frisco,
    TX", never "in" it; an unnamed provider that matches is said even when no clinic does."""
    consultation = Filters(treatments=frozenset({Treatment.CONSULTATION}))
    said = summary(index.nearest(SANDY, filters=consultation, within_km=80), Unit.MILES)
    assert "is serving Frisco, TX (office not listed): NorTex Psychiatry" in said
    assert "in Frisco" not in said
    three = Filters(frozenset({Condition.DEPRESSION, Condition.ANXIETY, Condition.PTSD}))
    said = summary(index.nearest(SANDY, filters=three), Unit.MILES)
    assert said.startswith("No clinic with a location in this registry is listed as treating")
    assert "2 unnamed providers reported in Sacramento, CA and Buena Park, CA, with no one " in said


def test_the_summary_counts_every_provider_within_reach_however_few_are_listed(
    index: ClinicIndex,
) -> None:
    nervana = next(c for c in index.clinics if c.name == "Nervana Medical" and c.location)
    assert nervana.location is not None
    copies = [
        nervana.model_copy(
            update={
                "id": f"copy-{n}",
                "name": f"Copy {n}",
                "organization": None,
                "location": nervana.location.model_copy(
                    update={"latitude": nervana.location.latitude + n / 100}
                ),
            }
        )
        for n in range(12)
    ]
    twelve = ClinicIndex.of(Registry(schema_version=1, clinics=copies))
    every = summary(twelve.nearest(SANDY, limit=1000))
    assert every.startswith(
        "12 providers at 12 places within travel distance of Sandy, UT, nearest "
    )
    listed = summary(twelve.nearest(SANDY, limit=5))
    assert listed.startswith(
        "12 providers at 12 places (the nearest 5 listed) within travel distance"
    )
    for km in (5, 20, 40):  # a radius: those within it, however many are listed
        every = summary(twelve.nearest(SANDY, limit=1000, within_km=km))
        listed = summary(twelve.nearest(SANDY, limit=2, within_km=km))
        assert listed.replace(" (the nearest 2 listed)", "") == every
