"""Searching: one explicit state, the place lookups it needs, and the newest request only.

A search asked for before the clinics are ready waits and runs as soon as they are. While the
place index is built (on a first start), places are looked up in the slice of it shipped in the
package (exact ZIP codes and names, :mod:`locator.geo.quick`), and a search only the full index
can answer waits for it. A newer search supersedes one still running; a reloaded registry
re-runs the search on screen. The window shows what :class:`SearchState` says, never a guess
from flags.
"""

from __future__ import annotations

import contextlib
import logging
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, SignalInstance

from locator.errors import GeocodingUnavailableError, PlaceIndexNotReadyError
from locator.query import SearchRequest, answer
from locator.settings import OnlineProvider
from locator.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from locator.geo.service import Geocoding
    from locator.search import ClinicIndex, SearchResult

log = logging.getLogger(__name__)


class SearchState(Enum):
    """Where searching stands."""

    STARTING = "starting"  # the clinics or the place lookups are not ready yet
    READY = "ready"  # ready, nothing searched yet
    SEARCHING = "searching"
    SHOWING = "showing"  # a result is on screen
    FAILED = "failed"  # the last search failed; the result before it (if any) stays


class _PlacesRelay(QObject):
    """Carries news from the thread that prepares place lookups; like a task's own signals,
    it outlives a controller closed meanwhile."""

    quick = Signal(object)  # Geocoding on the shipped slice, while the index is built
    progress = Signal(float)  # how far the index's build has come, 0 to 1


def _prepare_places(provider: OnlineProvider | None, relay: _PlacesRelay) -> Geocoding:
    """The place index (built on a first start) and a geocoder, online if the user allows.
    When the index has to be built, lookups on the shipped slice are sent ahead."""
    from locator.geo.index import ensure_index, index_built
    from locator.geo.service import Geocoding

    def send(signal: SignalInstance, value: object) -> None:
        with contextlib.suppress(RuntimeError):  # the window has closed: the build goes on
            signal.emit(value)

    online = None
    if provider is not None:  # geopy and requests only for a user who allows online lookups:
        from locator.geo.online import OnlineGeocoder  # importing them holds up the first draw

        online = OnlineGeocoder(provider)
    if not index_built():
        from locator.geo.quick import QuickGazetteer

        quick = QuickGazetteer.load()
        if quick is not None:
            send(relay.quick, Geocoding(quick, online))
    ensure_index(lambda fraction: send(relay.progress, fraction))
    return Geocoding(online=online)


class SearchController(QObject):
    """Runs searches off the GUI thread and reports their outcome."""

    state_changed = Signal(object)  # SearchState
    finished = Signal(object, bool)  # SearchResult, keep the map view
    failed = Signal(object, object)  # Exception, SearchRequest
    places_ready = Signal(object)  # Geocoding
    places_failed = Signal(object)  # Exception
    progress_changed = Signal(object)  # index_progress

    def __init__(self, geocoding: Geocoding | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = SearchState.STARTING
        self.result: SearchResult | None = None
        self.request: SearchRequest | None = None
        self.geocoding = geocoding
        self._given_geocoding = geocoding is not None
        self._quick: Geocoding | None = None  # lookups while the place index is built
        self.index_progress: float | None = None  # how far its build has come, while it runs
        self._relay: _PlacesRelay | None = None
        self._places_error: Exception | None = None
        self._index: ClinicIndex | None = None
        self._waiting: tuple[SearchRequest, bool] | None = None
        self._needs_index = False  # the waiting search is one only the place index answers
        self._searcher = TaskRunner(self)
        self._places = TaskRunner(self)
        self.busy_changed = self._searcher.busy_changed
        self.places_busy_changed = self._places.busy_changed

    @property
    def waiting(self) -> bool:
        """True when a search waits for the clinics or the place index."""
        return self._waiting is not None

    @property
    def waiting_for_index(self) -> str | None:
        """The place a waiting search asked for when only the place index can answer it (a
        misspelling, another name, a street address), else None."""
        if self._waiting is None or not self._needs_index:
            return None
        return self._waiting[0].query

    @property
    def quick_lookups(self) -> bool:
        """True while the place index is built and exact ZIP codes and names are looked up
        already (in the slice of it shipped in the package)."""
        return self.geocoding is None and self._quick is not None

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
        self.geocoding, self._quick, self._places_error = None, None, None
        self._set_progress(None)
        self._set_state(SearchState.STARTING)
        relay = self._relay = _PlacesRelay()
        relay.quick.connect(self._on_quick)
        relay.progress.connect(self._on_progress)
        self._places.run(
            lambda: _prepare_places(online, relay), self._on_places, self._on_places_failed
        )

    def forget_waiting(self) -> None:
        """Drop the search that waits for clinics that will not come (the registry failed to
        load), so nothing says it is getting ready; a later load runs it again (``rerun``)."""
        if self._waiting is not None:
            self._waiting, self._needs_index = None, False
            self.state_changed.emit(self.state)

    def forget_result(self) -> None:
        """The last result was of clinics no longer on screen (another registry was opened, or
        the file changed after a search that failed): a search that fails now keeps none."""
        self.result = None

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
        index, geocoding = self._index, self.geocoding or self._quick
        if index is None or geocoding is None:
            self._wait(request, keep_view, needs_index=False)
            return
        self._waiting, self._needs_index = None, False

        self._set_state(SearchState.SEARCHING)
        self._searcher.run(
            lambda: answer(request, index, geocoding),
            lambda result: self._on_result(result, keep_view),
            lambda error: self._on_failed(error, request, keep_view),
        )

    def _wait(self, request: SearchRequest, keep_view: bool, *, needs_index: bool) -> None:
        """Run ``request`` once everything it needs is ready: the clinics and place lookups,
        or (``needs_index``) the full place index."""
        self._waiting, self._needs_index = (request, keep_view), needs_index
        self.state = SearchState.STARTING
        self.state_changed.emit(self.state)  # also when it was starting: now a search waits

    def rerun(self, *, reframe: bool = False) -> None:
        """Search again for what is on screen (the registry changed): the map view stays,
        unless ``reframe`` (the search comes back after a shortlist took the map) frames it as
        a fresh search. A search still waiting to run (a remembered one, at start) was never
        drawn: it keeps the framing it was asked with, as a fresh search."""
        if self.request is not None and self.state is not SearchState.READY:
            waiting = self._waiting
            keep_view = waiting[1] if waiting is not None and waiting[0] is self.request else True
            self.search(self.request, keep_view=keep_view and not reframe)

    def _on_result(self, result: SearchResult, keep_view: bool) -> None:
        self.result = result
        self._set_state(SearchState.SHOWING)
        self.finished.emit(result, keep_view)

    def _on_failed(self, error: Exception, request: SearchRequest, keep_view: bool) -> None:
        if isinstance(error, PlaceIndexNotReadyError):  # only the full place index answers it
            if self.geocoding is not None:  # which is ready now
                self.search(request, keep_view=keep_view)
                return
            if self._places_error is None:
                self._wait(request, keep_view, needs_index=True)
                return
            error = GeocodingUnavailableError(str(self._places_error))  # it will not come
        self._set_state(SearchState.FAILED)
        self.failed.emit(error, request)

    def _on_quick(self, quick: Geocoding) -> None:
        if self.sender() is self._relay and self.geocoding is None:  # not a superseded one's
            self._quick = quick
            self._become_ready()

    def _on_progress(self, fraction: float) -> None:
        if self.sender() is self._relay and self.geocoding is None:
            self._set_progress(fraction)

    def _set_progress(self, fraction: float | None) -> None:
        if fraction != self.index_progress:
            self.index_progress = fraction
            self.progress_changed.emit(fraction)

    def _on_places(self, geocoding: Geocoding | None) -> None:
        self.geocoding, self._quick, self._relay = geocoding, None, None
        self._set_progress(None)
        if geocoding is not None:
            self.places_ready.emit(geocoding)
        self._become_ready()

    def _on_places_failed(self, error: Exception) -> None:
        log.warning("place lookups unavailable", exc_info=error)
        self._places_error, self._relay = error, None
        self._set_progress(None)
        self.places_failed.emit(error)
        if self._waiting is not None and self._needs_index:  # it would wait for ever
            request, _keep_view = self._waiting
            self._waiting, self._needs_index = None, False
            self._set_state(SearchState.FAILED)
            self.failed.emit(GeocodingUnavailableError(str(error)), request)

    def _become_ready(self) -> None:
        if self._index is None or (self.geocoding or self._quick) is None:
            return
        if self._waiting is not None:
            if self._needs_index and self.geocoding is None:
                return  # the slice could not answer it; the full index is still being built
            request, keep_view = self._waiting
            self.search(request, keep_view=keep_view)
        elif self.state is SearchState.STARTING:
            self._set_state(SearchState.SHOWING if self.result else SearchState.READY)

    def _set_state(self, state: SearchState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)
