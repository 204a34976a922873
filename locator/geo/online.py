"""Online geocoding through a geopy provider: rate-limited, with a timeout, cached on disk.

Used only when the user allows network use, and only for what the offline gazetteer cannot
place precisely (street addresses, or names it does not know). Every answer is cached, so a
repeated query is instant and still works offline later.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import math
import os
import sqlite3
import stat
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs
from geopy import exc as geopy_errors
from geopy.adapters import AdapterHTTPError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service
from geopy.location import Location

from locator import __version__, json_text
from locator.data.vocabulary import Precision
from locator.errors import FileWriteError, OnlineLookupError, os_reason
from locator.files import PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, private_folder
from locator.geo.http import BoundedAdapter
from locator.geo.names import fold, state_names
from locator.geo.place import Place
from locator.i18n import _
from locator.settings import OnlineProvider
from locator.terminal import has_controls, one_line

log = logging.getLogger(__name__)

# geopy warns before it refuses a latitude past a pole; the refusal becomes a note, and its
# warning (a raw line with a source path) is not for the user
warnings.filterwarnings("ignore", category=UserWarning, module=r"geopy\.point")

USER_AGENT = f"locator/{__version__} (desktop directory of ketamine-therapy clinics)"


def cache_path() -> Path:
    """Where online answers are kept."""
    return Path(platformdirs.user_cache_dir("locator")) / "online-geocode-cache.sqlite"


class GeocodeCache:
    """Online answers on disk (SQLite), keyed by provider and the folded query."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        """The cache, opened as this user's private file (made 0600 in a 0700 folder, an
        older one made private): the places typed are no one else's to read. A link planted
        at its name or its journal's is removed, never followed; raises ``OSError`` for
        anything but a plain file there, or at a journal's name (SQLite would wait on a pipe
        there for ever)."""
        made = _private_file(self.path)
        db = sqlite3.connect(self.path)
        if made:
            with db:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS answer (provider TEXT, query TEXT, places TEXT, "
                    "fetched REAL, PRIMARY KEY (provider, query))"
                )
        return db

    def _use(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run ``work`` on the cache; a damaged cache file (not SQLite, cut short, no table) is
        removed and made again, once. Raises ``sqlite3.Error`` for anything else."""
        for attempt in (1, 2):
            try:
                with self._lock, contextlib.closing(self._connect()) as db, db:
                    return work(db)
            except sqlite3.DatabaseError as error:
                if attempt == 2 or not _damaged(error):
                    raise
                log.warning(
                    "%s",
                    _("the online lookup cache {path} was damaged; it starts afresh").format(
                        path=self.path
                    ),
                )
                self.path.unlink(missing_ok=True)
        return None

    def get(self, provider: str, query: str) -> list[Place] | None:
        """The cached answer, or None when this query was never answered."""
        try:
            row = self._use(
                lambda db: db.execute(
                    "SELECT places FROM answer WHERE provider = ? AND query = ?",
                    (provider, _cache_key(query)),
                ).fetchone()
            )
        except (sqlite3.Error, OSError) as error:
            log.warning(
                "%s",
                _("the online lookup cache {path} could not be read ({reason})").format(
                    path=self.path, reason=_cache_reason(error)
                ),
            )
            return None
        if row is None:
            return None
        try:
            return [_place_from_json(item, query) for item in json_text.loads(row[0])]
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            log.warning(
                "%s",
                _("a damaged online lookup cache entry for “{query}” was ignored").format(
                    query=one_line(query)
                ),
            )
            return None

    def put(self, provider: str, query: str, places: list[Place]) -> None:
        """Remember an answer (an empty one too: "no such address" is worth keeping)."""
        payload = json.dumps([_place_to_json(place) for place in places])
        try:
            self._use(
                lambda db: db.execute(
                    "INSERT OR REPLACE INTO answer VALUES (?, ?, ?, ?)",
                    (provider, _cache_key(query), payload, time.time()),
                )
            )
        except (sqlite3.Error, OSError) as error:
            log.warning(
                "%s",
                _("the online lookup cache {path} was not written ({reason})").format(
                    path=self.path, reason=_cache_reason(error)
                ),
            )

    def kept(self) -> bool:
        """True when something is at the cache's name: answers kept, or what Clear would
        remove or name (a link, a folder planted there); False when there is nothing to
        clear."""
        return os.path.lexists(self.path)

    def clear(self) -> None:
        """Forget every cached answer, SQLite's journals beside it too (a journal left by a crash
        still holds pages of typed places); raises ``FileWriteError`` with a sentence when a
        file cannot go (a folder in its place, a read-only folder)."""
        for suffix in _SQLITE_COMPANIONS:
            path = self.path.with_name(self.path.name + suffix)
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                raise FileWriteError.not_removed(path, error) from None


def _cache_reason(error: sqlite3.Error | OSError) -> str:
    """Why the cache could not be used, in the reader's language where locator knows it."""
    if isinstance(error, OSError):
        return os_reason(error)
    return _("it is not a database locator can use")


# What SQLite keeps beside a database, each made at the database's name with this suffix.
_SQLITE_COMPANIONS = ("", "-journal", "-wal", "-shm")


def _private_file(path: Path) -> bool:
    """Make ``path`` a plain file for this user alone (0600, its folder 0700), removing a link
    planted at its name or at a SQLite companion's, and opening it without following one;
    True when it was empty (just made). Raises ``OSError`` when something else is there."""
    private_folder(path.parent)
    for suffix in _SQLITE_COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.is_symlink():
            log.warning(
                "a link at %s was removed: the cache is never written through one", companion
            )
            companion.unlink()
        elif suffix and _neither_file_nor_absent(companion):  # SQLite would open it and wait
            raise OSError(
                errno.EINVAL,
                _("{name} beside it is not a plain file (perhaps a pipe or a device)").format(
                    name=companion.name
                ),
            )
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags, PRIVATE_FILE_MODE)
    try:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode):
            raise OSError(errno.EINVAL, "not a plain file", str(path))
        if found.st_mode & 0o077 and hasattr(os, "fchmod"):
            os.fchmod(descriptor, stat.S_IMODE(found.st_mode) & PRIVATE_FOLDER_MODE)
        return found.st_size == 0
    finally:
        os.close(descriptor)


def _neither_file_nor_absent(path: Path) -> bool:
    """True when something other than a plain file (a pipe, a device, a folder) is at
    ``path`` itself."""
    try:
        return not stat.S_ISREG(path.lstat().st_mode)
    except OSError:  # nothing there: the open that follows says what else is wrong
        return False


def _cache_key(query: str) -> str:
    """The query as cached: any case and spacing, nothing else folded ("St" stays "st": the
    gazetteer's folding would read it as "saint", and two addresses would share an answer)."""
    return " ".join(query.casefold().split())


def _damaged(error: sqlite3.DatabaseError) -> bool:
    """True for a file that is not (or no longer) a whole cache: SQLITE_CORRUPT, SQLITE_NOTADB,
    or its table missing (an empty file)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "no such table" in str(error)


def _place_to_json(place: Place) -> dict[str, Any]:
    return {
        "label": place.label,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "precision": place.precision.value,
        "source": place.source,
        "state": place.state,
        "city": place.city,
        "postal_code": place.postal_code,
    }


def _place_from_json(data: dict[str, Any], query: str) -> Place:
    """A cached place, checked as strictly as a fresh answer; raises ValueError (or TypeError,
    KeyError) when the entry is not one locator wrote."""
    return Place(
        query=query,
        label=_text(data["label"]),
        latitude=_coordinate(data["latitude"], 90),
        longitude=_coordinate(data["longitude"], 180),
        precision=Precision(data["precision"]),
        source=_text(data["source"]),
        state=_optional_text(data.get("state")),
        city=_optional_text(data.get("city")),
        postal_code=_optional_text(data.get("postal_code")),
    )


def _optional_text(value: object) -> str | None:
    """None, or a :func:`_text`."""
    return None if value is None else _text(value)


def _text(value: object) -> str:
    """Text fit to show and to keep: a string with no control characters, at most 500 long."""
    if not isinstance(value, str) or has_controls(value) or not value.strip() or len(value) > 500:
        raise ValueError(f"not a usable text: {value!r:.80}")
    return value


def _coordinate(value: object, limit: float) -> float:
    """A latitude (``limit`` 90) or longitude (180) given as a number or numeric text."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"not a coordinate: {value!r:.80}")
    number = float(value)
    if not math.isfinite(number) or abs(number) > limit:
        raise ValueError(f"coordinate out of range: {value!r:.80}")
    return number


class OnlineGeocoder:
    """Asks one online provider, no faster than its policy allows, through the cache."""

    def __init__(self, provider: OnlineProvider, cache: GeocodeCache | None = None):
        self.provider = provider
        self.cache = cache or GeocodeCache()
        self._geocode: Callable[..., Any] | None = None  # made when first needed
        self._lock = threading.Lock()  # one request at a time, whichever thread asks

    def _rate_limited_geocode(self) -> Callable[..., Any]:
        """geopy's geocoder for the provider, made on first use: settings that name a service
        geopy does not know then fail one online lookup, never the offline ones."""
        if self._geocode is None:
            try:
                geocoder_class = get_geocoder_for_service(self.provider.service)
                # one attempt per request: a timeout is reported, never retried in silence
                geocoder = geocoder_class(
                    user_agent=USER_AGENT,
                    timeout=self.provider.timeout_seconds,
                    adapter_factory=BoundedAdapter,
                    **self.provider.options,
                )
            except (geopy_errors.GeopyError, TypeError, ValueError) as error:
                log.info("online provider unusable: %s", error)
                raise OnlineLookupError(
                    _(
                        "the online service in the settings (“{service}” with its options) is "
                        "not one locator can use; correct or remove online_provider in "
                        "settings.json"
                    ).format(service=one_line(self.provider.service))
                ) from None
            self._geocode = RateLimiter(
                geocoder.geocode,
                min_delay_seconds=self.provider.min_delay_seconds,
                max_retries=0,
                swallow_exceptions=False,
            )
        return self._geocode

    def lookup(self, query: str) -> list[Place]:
        """US places for ``query``, best first; raises :class:`OnlineLookupError`."""
        cached = self.cache.get(self.provider.name, query)
        if cached is not None:
            return cached
        with self._lock:
            answer = self._ask(query)
        places = []
        for location in answer:
            try:
                places.append(self._place(query, location))
            except (ValueError, TypeError) as error:
                log.info("an online answer for %r was refused: %s", query, error)
        if answer and not places:  # nothing usable: not "no such place", and not cached
            raise OnlineLookupError(_("the online service sent an answer locator cannot use"))
        self.cache.put(self.provider.name, query, places)
        return places

    def _ask(self, query: str) -> list[Location]:
        options: dict[str, Any] = {"exactly_one": False}
        if self.provider.service == "nominatim":
            options.update(addressdetails=True, country_codes="us", limit=5)
        try:
            answer = self._rate_limited_geocode()(query, **options)
        except geopy_errors.GeocoderTimedOut as error:
            if isinstance(error.__cause__, AdapterHTTPError):  # geopy's name for a 503 or 504
                raise OnlineLookupError(
                    _("the online service did not serve the lookup (status {status})").format(
                        status=error.__cause__.status_code
                    )
                ) from None
            raise OnlineLookupError(_("the online lookup timed out")) from None
        except (geopy_errors.GeocoderRateLimited, geopy_errors.GeocoderQuotaExceeded):
            raise OnlineLookupError(_("the online service asked us to slow down")) from None
        except geopy_errors.GeocoderUnavailable:
            raise OnlineLookupError(_("the online service could not be reached")) from None
        except (
            geopy_errors.GeocoderParseError,
            ValueError,
            KeyError,
            IndexError,
            TypeError,
            AttributeError,  # geopy reads any JSON as places: 1, "x" or [null] have no .get
            RecursionError,
        ):
            raise OnlineLookupError(_("the online service sent an unreadable answer")) from None
        except geopy_errors.GeopyError as error:
            log.info("online lookup failed: %s", error)
            raise OnlineLookupError(_("the online service failed")) from None
        return list(answer or [])

    def _place(self, query: str, location: Location) -> Place:
        raw: dict[str, Any] = location.raw if isinstance(location.raw, dict) else {}
        found = raw.get("address")
        address: dict[str, Any] = found if isinstance(found, dict) else {}
        state = _state_code(address.get("state"))
        city = next(
            (address[k] for k in ("city", "town", "village", "hamlet") if address.get(k)), None
        )
        return _place_from_json(
            {
                "label": _label(location.address, address, city, state),
                # the provider's own numbers (Nominatim's lat and lon): geopy's Location has
                # already wrapped a longitude of 500 round to 140
                "latitude": raw.get("lat", location.latitude),
                "longitude": raw.get("lon", location.longitude),
                "precision": _precision(raw, address).value,
                "source": self.provider.name,
                "state": state,
                "city": city,
                "postal_code": address.get("postcode"),
            },
            query,
        )


def _state_code(name: object) -> str | None:
    return state_names().get(fold(name)) if isinstance(name, str) else None


def _precision(raw: dict[str, Any], address: dict[str, Any]) -> Precision:
    """Claim no more than the answer shows: a house number, a ZIP code, a state, else a city."""
    kind = raw.get("addresstype") or raw.get("type")
    if address.get("house_number") or kind in ("house", "building"):
        return Precision.ADDRESS
    if kind == "postcode":
        return Precision.POSTAL_CODE
    if kind in ("state", "administrative") and not any(
        address.get(k) for k in ("city", "town", "village", "county")
    ):
        return Precision.STATE
    return Precision.CITY


def _label(display: str, address: dict[str, Any], city: str | None, state: str | None) -> str:
    street = " ".join(filter(None, (address.get("house_number"), address.get("road"))))
    place = ", ".join(filter(None, (street, city, state)))
    if place and address.get("postcode"):
        place += f" {address['postcode']}"
    return place or display
