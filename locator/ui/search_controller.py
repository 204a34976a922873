"""Searching: one explicit state, the place lookups it needs, and the newest request only.

A search asked for before the clinics and the place index are ready waits and runs as soon as
they are; a newer search supersedes one still running; a reloaded registry re-runs the search
on screen. The window shows what :class:`SearchState` says, never a guess from flags.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from locator.settings import OnlineProvider
from locator.ui.tasks import TaskRunner
from locator.units import NO_FILTERS, Filters

if TYPE_CHECKING:
    from locator.geo.service import Geocoding
    from locator.search import ClinicIndex, SearchResult

log = logging.getLogger(__name__)

RESULTS_SHOWN = 10


class SearchState(Enum):
    """Where searching stands."""

    STARTING = "starting"  # the clinics or the place index are not ready yet
    READY = "ready"  # ready, nothing searched yet
    SEARCHING = "searching"
    SHOWING = "showing"  # a result is on screen
    FAILED = "failed"  # the last search failed; the result before it (if any) stays


@dataclass(frozen=True)
class SearchRequest:
    """What the user asked for."""

    query: str
    within_km: float | None = None
    filters: Filters = NO_FILTERS


def _prepare_places(provider: OnlineProvider | None) -> Geocoding:
    """The place index (built on a first start) and a geocoder, online if the user allows."""
    from locator.geo.index import ensure_index
    from locator.geo.online import OnlineGeocoder
    from locator.geo.service import Geocoding

    ensure_index()
    return Geocoding(online=OnlineGeocoder(provider) if provider is not None else None)


class SearchController(QObject):
    """Runs searches off the GUI thread and reports their outcome."""

    state_changed = Signal(object)  # SearchState
    finished = Signal(object, bool)  # SearchResult, keep the map view
    failed = Signal(object, object)  # Exception, SearchRequest
    places_ready = Signal(object)  # Geocoding
    places_failed = Signal(object)  # Exception

    def __init__(self, geocoding: Geocoding | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = SearchState.STARTING
        self.result: SearchResult | None = None
        self.request: SearchRequest | None = None
        self.geocoding = geocoding
        self._given_geocoding = geocoding is not None
        self._index: ClinicIndex | None = None
        self._waiting: tuple[SearchRequest, bool] | None = None
        self._searcher = TaskRunner(self)
        self._places = TaskRunner(self)
        self.busy_changed = self._searcher.busy_changed
        self.places_busy_changed = self._places.busy_changed

    @property
    def waiting(self) -> bool:
        """True when a search waits for the clinics or the place index."""
        return self._waiting is not None

    @property
    def busy(self) -> bool:
        """True while a search runs."""
        return self._searcher.busy

    @property
    def preparing_places(self) -> bool:
        """True while the place index and the geocoder are being made ready."""
        return self._places.busy

    def prepare_places(self, online: OnlineProvider | None) -> None:
        """(Re)build the geocoder; ``online`` names the provider when lookups may go online."""
        if self._given_geocoding:
            self._on_places(self.geocoding)
            return
        self.geocoding = None
        self._set_state(SearchState.STARTING)
        self._places.run(lambda: _prepare_places(online), self._on_places, self._on_places_failed)

    def forget_waiting(self) -> None:
        """Drop the search that waits for clinics that will not come (the registry failed to
        load), so nothing says it is getting ready; a later load runs it again (``rerun``)."""
        if self._waiting is not None:
            self._waiting = None
            self.state_changed.emit(self.state)

    def set_index(self, index: ClinicIndex | None) -> None:
        """The clinics to search (None while a new registry is being indexed)."""
        self._index = index
        if index is None:
            self._set_state(SearchState.STARTING)
        else:
            self._become_ready()

    def search(self, request: SearchRequest, *, keep_view: bool = False) -> None:
        """Search now, or as soon as everything is ready."""
        self.request = request
        index, geocoding = self._index, self.geocoding
        if index is None or geocoding is None:
            self._waiting = (request, keep_view)
            self.state = SearchState.STARTING
            self.state_changed.emit(self.state)  # also when it was starting: now a search waits
            return
        self._waiting = None

        def work() -> SearchResult:
            origin = geocoding.lookup(request.query)[0]
            return index.nearest(
                origin, limit=RESULTS_SHOWN, within_km=request.within_km, filters=request.filters
            )

        self._set_state(SearchState.SEARCHING)
        self._searcher.run(
            work,
            lambda result: self._on_result(result, keep_view),
            lambda error: self._on_failed(error, request),
        )

    def rerun(self) -> None:
        """Search again for what is on screen (the registry changed): the map view stays."""
        if self.request is not None and self.state is not SearchState.READY:
            self.search(self.request, keep_view=True)

    def _on_result(self, result: SearchResult, keep_view: bool) -> None:
        self.result = result
        self._set_state(SearchState.SHOWING)
        self.finished.emit(result, keep_view)

    def _on_failed(self, error: Exception, request: SearchRequest) -> None:
        self._set_state(SearchState.FAILED)
        self.failed.emit(error, request)

    def _on_places(self, geocoding: Geocoding | None) -> None:
        self.geocoding = geocoding
        if geocoding is not None:
            self.places_ready.emit(geocoding)
        self._become_ready()

    def _on_places_failed(self, error: Exception) -> None:
        log.warning("place lookups unavailable", exc_info=error)
        self.places_failed.emit(error)

    def _become_ready(self) -> None:
        if self._index is None or self.geocoding is None:
            return
        if self._waiting is not None:
            request, keep_view = self._waiting
            self.search(request, keep_view=keep_view)
        elif self.state is SearchState.STARTING:
            self._set_state(SearchState.SHOWING if self.result else SearchState.READY)

    def _set_state(self, state: SearchState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)
