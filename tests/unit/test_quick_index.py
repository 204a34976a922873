"""Place lookups before the place index is built (locator.geo.quick): the slice shipped in the
package is exactly what scripts/build_quick_index.py cuts from the index built out of the
packages installed; what it answers is what the full index answers, and the rest (misspellings,
other names, street addresses, completions) waits for the index."""

from __future__ import annotations

import gzip
import importlib.util
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

from locator.errors import PlaceIndexNotReadyError, PlaceNotFoundError
from locator.geo import quick as quick_module
from locator.geo.gazetteer import OfflineGazetteer
from locator.geo.index import ensure_index
from locator.geo.quick import QUICK_INDEX, QuickGazetteer
from locator.geo.service import Geocoding
from tests.helpers.paths import REPO

REGENERATE = "run `python scripts/build_quick_index.py` and commit what it writes"


def _script() -> ModuleType:
    path = REPO / "scripts" / "build_quick_index.py"
    spec = importlib.util.spec_from_file_location("build_quick_index", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def full_index() -> Path:
    """The full place index, built from the packages installed (once for the session)."""
    return ensure_index()


@pytest.fixture
def quick() -> QuickGazetteer:
    gazetteer = QuickGazetteer.load()
    assert gazetteer is not None, f"the shipped slice is of other package versions: {REGENERATE}"
    return gazetteer


def _contents(image: bytes) -> dict[str, object]:
    """Every table's definition and rows (the bytes also name the SQLite that wrote them)."""
    db = sqlite3.connect(":memory:")
    db.deserialize(image)
    tables = db.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    contents: dict[str, object] = {"schema": tables}
    for name, _sql in tables:
        if not name.startswith("sqlite_autoindex"):
            columns = len(db.execute(f"SELECT * FROM {name} LIMIT 0").description)
            order = ", ".join(str(number) for number in range(1, columns + 1))
            contents[name] = db.execute(f"SELECT * FROM {name} ORDER BY {order}").fetchall()
    return contents


def test_the_shipped_slice_is_what_the_script_cuts_from_the_index_of_the_data_installed(
    full_index: Path, quick: QuickGazetteer
) -> None:
    shipped = _contents(gzip.decompress(QUICK_INDEX.read_bytes()))
    assert shipped == _contents(_script().cut(full_index)), f"the slice is stale: {REGENERATE}"


def test_a_slice_cut_from_other_versions_of_the_data_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(quick_module, "data_versions", lambda: "format4-zipcodes9.9-other")
    assert QuickGazetteer.load() is None


def _sample(full_index: Path) -> list[str]:
    """Every 25th ZIP code; every 10th place as "Name, ST", "Name ST" and bare; the states."""
    with sqlite3.connect(full_index) as db:
        codes = [code for (code,) in db.execute("SELECT code FROM zip ORDER BY code")]
        places = db.execute("SELECT name, state FROM place ORDER BY id").fetchall()
        states = db.execute("SELECT code, name FROM state ORDER BY code").fetchall()
    queries = codes[::25]
    for name, state in places[::10]:
        queries += [f"{name}, {state}", f"{name} {state}", name]
    for code, name in states:
        queries += [code, name, f"{name}, USA"]
    return queries


def test_what_the_slice_answers_is_what_the_full_index_answers(
    full_index: Path, quick: QuickGazetteer
) -> None:
    full = OfflineGazetteer(index=full_index)
    queries = _sample(full_index)
    answered = 0
    for query in queries:
        try:
            found = quick.lookup(query)
        except PlaceIndexNotReadyError:
            continue
        assert found == full.lookup(query), query
        answered += 1
    assert answered / len(queries) > 0.95  # bare names that are other places' aliases wait


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("84070", "Sandy, UT 84070"),
        ("84070-1234", "Sandy, UT 84070"),
        ("Sandy, UT", "Sandy, UT"),
        ("sandy utah", "Sandy, UT"),
        ("Sandy, Utah, USA", "Sandy, UT"),
        ("Sandy UT 84070", "Sandy, UT 84070"),
        ("84070 Sandy, UT", "Sandy, UT 84070"),
        ("St. George, UT", "Saint George, UT"),
        ("Dallas, TX", "Dallas, TX"),
        ("Kansas City", "Kansas City, MO"),
        ("The Bronx, NY", "The Bronx, NY"),
        ("New York", "New York City, NY"),
        ("Utah", "Utah"),
        ("N.H.", "New Hampshire"),
        ("Calif.", "California"),
    ],
)
def test_zip_codes_names_and_states_are_answered_as_the_index_answers_them(
    full_index: Path, quick: QuickGazetteer, query: str, label: str
) -> None:
    found = quick.lookup(query)
    assert found[0].label == label
    assert found == OfflineGazetteer(index=full_index).lookup(query)


@pytest.mark.parametrize(
    "query",
    [
        "Sndy, UT",  # misspelled
        "Sandyy UT",
        "Provo, Uta",  # the state misspelled
        "Tenessee",
        "Salt Lake Cty, UT",  # the Postal Service's other name for Salt Lake City
        "350 E Main St, Sandy, UT 84070",  # a street address
    ],
)
def test_misspellings_other_names_and_street_addresses_wait_for_the_index(
    full_index: Path, quick: QuickGazetteer, query: str
) -> None:
    with pytest.raises(PlaceIndexNotReadyError):
        Geocoding(quick).lookup(query)
    assert Geocoding(OfflineGazetteer(index=full_index)).lookup(query)


def test_completions_and_suggestions_wait_for_the_index(quick: QuickGazetteer) -> None:
    with pytest.raises(PlaceIndexNotReadyError):
        quick.complete("San")
    with pytest.raises(PlaceIndexNotReadyError):
        quick.suggest("Sndy, UT")


def test_a_zip_code_no_one_has_is_not_found_by_either(
    full_index: Path, quick: QuickGazetteer
) -> None:
    for gazetteer in (quick, OfflineGazetteer(index=full_index)):
        with pytest.raises(PlaceNotFoundError, match="no place matches “00000”"):
            Geocoding(gazetteer).lookup("00000")
