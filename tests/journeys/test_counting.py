"""One way of counting, said in words, on every screen: the start screen, a search's summary
and a shortlist count providers (an organization once, however many sites it has) at places
(its entries with a location), and say unnamed providers apart."""

from __future__ import annotations

from pathlib import Path

from locator.data.loader import load_registry
from tests.helpers.counting import counted
from tests.helpers.paths import TEST_REGISTRY
from tests.helpers.user import MakeWindow

SUMMARY = "Search summary"
FOUND = "Clinics found, nearest first"


def test_the_start_screen_and_a_search_count_alike(make_window: MakeWindow) -> None:
    user = make_window()
    start = user.named(SUMMARY).text()
    every = counted(load_registry(TEST_REGISTRY).clinics)  # from the entries, not by heart
    assert start.startswith(f"{every} in the registry, covering ")
    assert " at 6 places" in start  # the test registry: several providers, several places
    user.search("Dallas, TX")
    said = user.named(SUMMARY).text()
    # NorTex Psychiatry, once in the table, at its four sites round Dallas
    assert said.startswith("1 provider at 4 places within travel distance of Dallas, TX, nearest ")
    assert "; 1 more provider farther away; " in said  # Nervana Medical, in Utah
    assert user.column(FOUND, "Clinic").count("NorTex Psychiatry") == 1


def test_a_search_counts_every_provider_within_reach_not_only_the_rows_listed(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    """Twelve clinics round Sandy, the list holds the nearest 10: the summary says 12."""
    clinics = "".join(
        f"""\
  - id: clinic-{index}
    name: Clinic {index}
    address: {{city: Sandy, state: UT, postal_code: "84070"}}
    location: {{latitude: {40.59 + index / 100}, longitude: -111.88, precision: city,
      source: GeoNames 5781061}}
    sources:
      - {{document: seed.txt, quote: "Clinic {index}.", covers: [name, address]}}
    last_verified: 2026-01-15
"""
        for index in range(12)
    )
    registry = tmp_path / "twelve.yaml"
    registry.write_text(f"schema_version: 1\nclinics:\n{clinics}", encoding="utf-8")
    user = make_window(registry)
    user.search("Sandy, UT")
    assert len(user.column(FOUND, "Clinic")) == 10
    said = user.named(SUMMARY).text()
    assert said.startswith(
        "12 providers at 12 places (the nearest 10 listed) within travel distance of Sandy, UT, "
        "nearest "
    ), said
    user.search("84070")  # a ZIP code, the same place: the same count
    assert user.named(SUMMARY).text().startswith("12 providers at 12 places (the nearest 10")
