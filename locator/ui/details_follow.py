"""The details follow the list: the one home of "select a row of the list just refilled, and so
fill its details", which a search, a reload of the registry, a shortlist, a filter, a restart in
another language and an editor's save all go through.

The map goes first: filling the details is the slowest part of showing results (some 20 ms of
a search's 40 on the seed registry), and the map is what a person looks at first. So the row is
selected once the map has painted the new markers, at once when there is no map to wait for
(not loaded, failed, hidden behind enlarged details), and at the latest after a moment (a page
covered or minimised paints nothing). Until then the details are those of the list before, for
a frame or two; a command that reads them (add to a shortlist) brings them up to date first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from locator.ui.detail_pane import DetailPane
    from locator.ui.map_view import MapWebEngineView
    from locator.ui.results_panel import ResultsPanel

# how long the details wait at most for the map to say it has painted (milliseconds)
AT_THE_LATEST_MS = 250


class DetailsFollow(QObject):
    """Selects the row kept (or the first) once the map has painted a refilled list."""

    def __init__(
        self,
        results: ResultsPanel,
        detail: DetailPane,
        map_view: MapWebEngineView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._results, self._detail, self._map = results, detail, map_view
        # while waiting: (the clinic to keep selected if it is still listed, else None)
        self._waiting: tuple[str | None] | None = None
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(AT_THE_LATEST_MS)
        self._later.timeout.connect(self.settle)
        map_view.drawn.connect(self.settle)
        # a row chosen by the person (or a marker clicked) meanwhile stays chosen
        results.selected.connect(lambda _clinic: self._forget())

    @property
    def waiting(self) -> bool:
        """True while a refilled list's row waits for the map to paint before it is selected."""
        return self._waiting is not None

    def refilled(self, keep: str | None = None) -> None:
        """The list was refilled (and the map given its clinics): select ``keep`` if it is
        listed, else the first row, else show no clinic; once the map has painted them."""
        self._waiting = (keep,)
        if self._map.ready and self._map.isVisible():
            self._later.start()
        else:  # nothing will paint
            self.settle()

    def settle(self) -> None:
        """Select the row waited for now (the map has painted, or the details are needed)."""
        if self._waiting is None:
            return
        (keep,) = self._waiting
        self._forget()
        results = self._results
        if not (keep and results.select(keep)) and not results.select_first():
            self._detail.show_clinic(None)

    def show_none(self) -> None:
        """The rows on screen may not be read as the details' (another file's): no clinic."""
        self._forget()
        self._detail.show_clinic(None)

    def keep_as_is(self) -> None:
        """The list was refilled with no row to select (every clinic, before a search): the
        details stay as they are."""
        self._forget()

    def _forget(self) -> None:
        self._waiting = None
        self._later.stop()
