"""Geocoding as the app and the command line use it: offline first, online when allowed."""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from locator.errors import (
    GeocodingUnavailableError,
    IndexBuildError,
    OnlineLookupError,
    PlaceNotFoundError,
)
from locator.geo.gazetteer import MAX_QUERY_LENGTH, OfflineGazetteer
from locator.geo.index import index_path
from locator.geo.place import Place
from locator.i18n import _
from locator.terminal import one_line

if TYPE_CHECKING:  # geopy and requests: imported by whoever goes online, only then
    from locator.geo.online import OnlineGeocoder

log = logging.getLogger(__name__)


class Geocoding:
    """Resolves what a user types into places, best first."""

    def __init__(
        self,
        gazetteer: OfflineGazetteer | None = None,
        online: OnlineGeocoder | None = None,
    ) -> None:
        self.gazetteer = gazetteer or OfflineGazetteer()
        self.online = online

    def lookup(self, query: str, *, suggest: bool = True) -> list[Place]:
        """Every place ``query`` may mean, best first; raises when there is none, with the
        nearest known names unless ``suggest`` is off (looking for them takes longer than the
        lookup itself: a batch asks for them only when told to).

        Online lookups (when configured) are made for street addresses, which offline lookups
        can only place at their ZIP code or city, and for names the gazetteer does not know.
        A failed online lookup falls back to the offline answer with a note saying so.
        """
        try:
            offline = self._offline(query)
        except IndexBuildError as error:
            raise GeocodingUnavailableError(str(error)) from None
        if self.online is not None and (not offline or self.reads_as_street_address(query)):
            try:
                online = self.online.lookup(query)
            except OnlineLookupError as failure:
                if not offline:
                    raise GeocodingUnavailableError(
                        _("{failure}, and no offline answer matches “{query}”").format(
                            failure=failure, query=one_line(query.strip())
                        )
                    ) from None
                return [
                    place.with_note(_("{failure}; offline result").format(failure=failure))
                    for place in offline
                ]
            if online:
                return [*online, *offline]
        if not offline:
            raise PlaceNotFoundError(
                query,
                self.suggestions(query) if suggest else None,
                too_long=len(" ".join(query.split())) > MAX_QUERY_LENGTH,
            )
        return offline

    def reads_as_street_address(self, query: str) -> bool:
        """True for what offline lookups can place only at its ZIP code or city: a street
        address (see :meth:`OfflineGazetteer.reads_as_street_address`)."""
        return self.gazetteer.reads_as_street_address(query)

    def _offline(self, query: str) -> list[Place]:
        """The gazetteer's answer; an index found damaged while reading it (which the check
        before opening it cannot always see) is built again, once."""
        try:
            return self.gazetteer.lookup(query)
        except sqlite3.DatabaseError as error:
            log.warning("the place index is damaged (%s); it is built again", str(error)[:120])
            self.gazetteer = self.gazetteer.rebuilt()
            try:
                return self.gazetteer.lookup(query)
            except sqlite3.DatabaseError:
                raise IndexBuildError(
                    _(
                        "the place index {index_path} is damaged even after building it again; "
                        "delete it and try again"
                    ).format(index_path=index_path())
                ) from None

    def starting_with(self, query: str, limit: int) -> list[str]:
        """Labels of the places whose names begin with ``query`` ("Fris": Frisco, TX), most
        populous first: what a name typed in part may have meant."""
        return [place.label for place in self.gazetteer.complete(query, limit)]

    def suggestions(self, query: str) -> list[str]:
        """The nearest known spellings, for "did you mean"."""
        return self.gazetteer.suggest(query) if len(query) <= MAX_QUERY_LENGTH else []
