"""Online geocoding through a geopy provider: rate-limited, with a timeout, cached on disk.

Used only when the user allows network use, and only for what the offline gazetteer cannot
place precisely (street addresses, or names it does not know). Every answer is cached, so a
repeated query is instant and still works offline later.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.error import URLError

import platformdirs
from geopy import exc as geopy_errors
from geopy.adapters import URLLibAdapter
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service
from geopy.location import Location

from locator import __version__
from locator.data.vocabulary import Precision
from locator.errors import OnlineLookupError
from locator.geo.names import fold, state_names
from locator.geo.place import Place
from locator.settings import OnlineProvider

log = logging.getLogger(__name__)

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
        if not self.path.exists():  # made once; every lookup after that only opens it
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(self.path) as db:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS answer (provider TEXT, query TEXT, places TEXT, "
                    "fetched REAL, PRIMARY KEY (provider, query))"
                )
        return sqlite3.connect(self.path)

    def get(self, provider: str, query: str) -> list[Place] | None:
        """The cached answer, or None when this query was never answered."""
        try:
            with self._lock, self._connect() as db:
                row = db.execute(
                    "SELECT places FROM answer WHERE provider = ? AND query = ?",
                    (provider, fold(query)),
                ).fetchone()
        except sqlite3.Error as error:
            log.warning("online lookup cache unreadable: %s", error)
            return None
        if row is None:
            return None
        return [_place_from_json(item, query) for item in json.loads(row[0])]

    def put(self, provider: str, query: str, places: list[Place]) -> None:
        """Remember an answer (an empty one too: "no such address" is worth keeping)."""
        payload = json.dumps([_place_to_json(place) for place in places])
        try:
            with self._lock, self._connect() as db:
                db.execute(
                    "INSERT OR REPLACE INTO answer VALUES (?, ?, ?, ?)",
                    (provider, fold(query), payload, time.time()),
                )
        except sqlite3.Error as error:
            log.warning("online lookup cache not written: %s", error)

    def clear(self) -> None:
        """Forget every cached answer."""
        self.path.unlink(missing_ok=True)


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
    return Place(query=query, **{**data, "precision": Precision(data["precision"])})


class OnlineGeocoder:
    """Asks one online provider, no faster than its policy allows, through the cache."""

    def __init__(self, provider: OnlineProvider | None = None, cache: GeocodeCache | None = None):
        self.provider = provider or OnlineProvider()
        self.cache = cache or GeocodeCache()
        geocoder_class = get_geocoder_for_service(self.provider.service)
        # urllib makes one attempt per request: a timeout is reported, never retried in silence.
        self._geocoder = geocoder_class(
            user_agent=USER_AGENT,
            timeout=self.provider.timeout_seconds,
            adapter_factory=URLLibAdapter,
            **self.provider.options,
        )
        self._geocode: Callable[..., Any] = RateLimiter(
            self._geocoder.geocode,
            min_delay_seconds=self.provider.min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )
        self._lock = threading.Lock()  # one request at a time, whichever thread asks

    def lookup(self, query: str) -> list[Place]:
        """US places for ``query``, best first; raises :class:`OnlineLookupError`."""
        cached = self.cache.get(self.provider.name, query)
        if cached is not None:
            return cached
        with self._lock:
            answer = self._ask(query)
        places = [self._place(query, location) for location in answer]
        self.cache.put(self.provider.name, query, places)
        return places

    def _ask(self, query: str) -> list[Location]:
        options: dict[str, Any] = {"exactly_one": False}
        if self.provider.service == "nominatim":
            options.update(addressdetails=True, country_codes="us", limit=5)
        try:
            answer = self._geocode(query, **options)
        except geopy_errors.GeocoderTimedOut:
            raise OnlineLookupError("the online lookup timed out") from None
        except (geopy_errors.GeocoderRateLimited, geopy_errors.GeocoderQuotaExceeded):
            raise OnlineLookupError("the online service asked us to slow down") from None
        except geopy_errors.GeocoderUnavailable:
            raise OnlineLookupError("the online service could not be reached") from None
        except (geopy_errors.GeocoderParseError, ValueError, KeyError, TypeError):
            raise OnlineLookupError("the online service sent an unreadable answer") from None
        except geopy_errors.GeopyError as error:
            log.info("online lookup failed: %s", error)
            if isinstance(error.__context__, URLError):  # refused, no route, no DNS
                raise OnlineLookupError("the online service could not be reached") from None
            raise OnlineLookupError("the online service failed") from None
        return list(answer or [])

    def _place(self, query: str, location: Location) -> Place:
        raw: dict[str, Any] = location.raw if isinstance(location.raw, dict) else {}
        found = raw.get("address")
        address: dict[str, Any] = found if isinstance(found, dict) else {}
        state = _state_code(address.get("state"))
        city = next(
            (address[k] for k in ("city", "town", "village", "hamlet") if address.get(k)), None
        )
        return Place(
            query=query,
            label=_label(location.address, address, city, state),
            latitude=float(location.latitude),
            longitude=float(location.longitude),
            precision=_precision(raw, address),
            source=self.provider.name,
            state=state,
            city=city,
            postal_code=address.get("postcode"),
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
