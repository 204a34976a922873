"""Counting entries: providers (an organization once), places (entries with a location) and
unnamed providers apart, the same words wherever a count is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from locator.data.models import Registry
from locator.data.vocabulary import EntryKind
from locator.presentation import Tally, found_text, tally_text
from locator.ui import window_text
from tests.helpers.counting import counted
from tests.helpers.language import speaking
from tests.helpers.registry_texts import pick


def test_an_organization_is_one_provider_at_each_of_its_places(registry: Registry) -> None:
    nortex = [c for c in registry.clinics if c.organization == "NorTex Psychiatry"]
    assert Tally.of(nortex) == Tally(
        providers=1, places=len(nortex), unlocated=0, unnamed=0, services=1
    )
    assert found_text(nortex) == f"1 provider at {len(nortex)} places"


def test_a_provider_of_differently_named_entries_counts_its_services(registry: Registry) -> None:
    nortex = [c for c in registry.clinics if c.organization == "NorTex Psychiatry"]
    services = [c.model_copy(update={"name": f"Service {n}"}) for n, c in enumerate(nortex)]
    count = len(services)
    assert found_text(services) == f"1 provider with {count} distinct services at {count} places"


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            "12,000 providers (10,000 at 9,000 places, 2,000 with no listed location) and "
            "1,500 unnamed providers",
        ),
        (
            "es",
            "12,000 proveedores (10,000 en 9,000 lugares, 2,000 sin ubicación indicada) y "
            "1,500 proveedores sin nombre",
        ),
    ],
)
def test_every_count_is_written_as_the_language_writes_numbers(language: str, said: str) -> None:
    """Those with a location, those without and the unnamed were written bare ("10000"),
    beside "12,000" (US Spanish groups thousands as US English does: docs/languages.md)."""
    tally = Tally(providers=12_000, places=9_000, unlocated=2_000, unnamed=1_500, services=12_000)
    with speaking(language):
        assert tally_text(tally) == said
        assert window_text.shortlist_preview([], 1_200).startswith("1,200 ")


def test_entries_without_an_organization_or_a_location_or_a_name(registry: Registry) -> None:
    (nervana,) = pick(registry, "nervana-medical-sandy")
    loose = nervana.model_copy(update={"id": "loose", "organization": None, "location": None})
    assert found_text([loose]) == "1 provider with no listed location"
    unnamed = [c for c in registry.clinics if c.kind is EntryKind.UNNAMED_PROVIDER]
    assert found_text([nervana, loose, *unnamed]) == (
        "2 providers (1 at 1 place, 1 with no listed location) and 2 unnamed providers"
    )
    assert found_text(unnamed) == "2 unnamed providers"
    assert found_text([]) == "0 providers"


def test_every_screen_counts_the_registry_as_the_oracle_does(registry: Registry) -> None:
    every = counted(registry.clinics)
    assert found_text(registry.clinics) == every
    assert window_text.everything_summary(registry.clinics).startswith(f"{every} in the")
    assert window_text.registry_loaded(registry.clinics, Path("x.yaml")) == f"{every} from x.yaml"
