"""One way of counting, said in words, on every screen: the start screen, a search's summary
and a shortlist count providers (an organization once, however many sites it has) at places
(its entries with a location), and say unnamed providers apart."""

from __future__ import annotations

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
    assert said.startswith("1 provider at 4 places within 250 mi of Dallas, TX, nearest ")
    assert "; 1 more provider farther away; " in said  # Nervana Medical, in Utah
    assert user.column(FOUND, "Clinic").count("NorTex Psychiatry") == 1
