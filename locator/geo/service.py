"""Geocoding as the app and the command line use it: offline first, online when allowed."""

from __future__ import annotations

from locator.errors import LocatorError
from locator.geo.gazetteer import MAX_QUERY_LENGTH, OfflineGazetteer
from locator.geo.index import IndexBuildError
from locator.geo.online import OnlineGeocoder, OnlineLookupError
from locator.geo.place import Place, looks_like_street_address


class PlaceNotFoundError(LocatorError):
    """Nothing matches the query; the message suggests the nearest spellings."""

    exit_code = 3

    def __init__(self, query: str, suggestions: list[str]) -> None:
        self.query = query
        self.suggestions = suggestions
        shown = " ".join(query.split())
        if not shown:
            message = "type a place: a ZIP code, 'City, ST', a state, or a street address"
        elif len(shown) > MAX_QUERY_LENGTH:
            message = (
                f"that is too long for a place ({len(shown)} characters); "
                "type a ZIP code or 'City, ST'"
            )
        elif suggestions:
            message = f"no place matches {shown!r}; did you mean {' or '.join(suggestions)}?"
        else:
            message = f"no place matches {shown!r}; try a ZIP code or 'City, ST'"
        super().__init__(message)


class GeocodingUnavailableError(LocatorError):
    """No offline answer, and the online service failed."""

    exit_code = 4


class Geocoding:
    """Resolves what a user types into places, best first."""

    def __init__(
        self,
        gazetteer: OfflineGazetteer | None = None,
        online: OnlineGeocoder | None = None,
    ) -> None:
        self.gazetteer = gazetteer or OfflineGazetteer()
        self.online = online

    def lookup(self, query: str) -> list[Place]:
        """Every place ``query`` may mean, best first; raises when there is none.

        Online lookups (when configured) are made for street addresses, which offline lookups
        can only place at their ZIP code or city, and for names the gazetteer does not know.
        A failed online lookup falls back to the offline answer with a note saying so.
        """
        try:
            offline = self.gazetteer.lookup(query)
        except IndexBuildError as error:
            raise GeocodingUnavailableError(str(error)) from None
        if self.online is not None and (not offline or looks_like_street_address(query)):
            try:
                online = self.online.lookup(query)
            except OnlineLookupError as failure:
                if not offline:
                    raise GeocodingUnavailableError(
                        f"{failure}, and no offline answer matches {query.strip()!r}"
                    ) from None
                return [place.with_note(f"{failure}; offline result") for place in offline]
            if online:
                return [*online, *offline]
        if not offline:
            raise PlaceNotFoundError(query, self.suggestions(query))
        return offline

    def suggestions(self, query: str) -> list[str]:
        """The nearest known spellings, for "did you mean"."""
        return self.gazetteer.suggest(query) if len(query) <= MAX_QUERY_LENGTH else []
