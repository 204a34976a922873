"""The main window: search, results, the map, details, comparison and shortlists."""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QFileSystemWatcher,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from locator import __version__
from locator.compare import ComparisonMatrix
from locator.data.paths import RegistryChoice
from locator.geo.place import looks_like_street_address
from locator.mapping.payload import MapClinic, map_payload, result_payload
from locator.presentation import CRISIS_LINE, DISCLAIMER, coverage_sentence, registry_coverage
from locator.referral import referral_html
from locator.settings import Settings
from locator.shortlists import Shortlists
from locator.ui.compare_dialog import CompareDialog
from locator.ui.detail_pane import DetailPane
from locator.ui.documents import print_html, write_pdf
from locator.ui.map_page_cache import OSM_TILES, app_map_page
from locator.ui.map_view import MapView
from locator.ui.preferences import Preferences
from locator.ui.results_model import CLINIC_ROLE, SORT_ROLE, TICK_COLUMN, ResultsModel
from locator.ui.search_bar import SearchBar
from locator.ui.tasks import TaskRunner
from locator.units import Unit

if TYPE_CHECKING:  # the heavy core (pydantic, geopy, numpy) loads off the GUI thread
    from locator.data.models import Clinic, Registry
    from locator.geo.service import Geocoding
    from locator.search import ClinicIndex, SearchResult
    from locator.ui.registry_editor import RegistryEditor

log = logging.getLogger(__name__)

MAX_COMPARED = 4
PROBLEMS_SHOWN = 3


def _digest(path: Path) -> str | None:
    """The file's SHA-256, or None when it cannot be read."""
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _load(path: Path) -> Registry:
    from locator.data.loader import load_registry

    return load_registry(path)


def _index(registry: Registry) -> ClinicIndex:
    from locator.search import ClinicIndex  # NumPy: after the clinics are on the map

    return ClinicIndex.of(registry)


def _prepare_places(online: bool) -> Geocoding:
    """The place index (built on a first start) and a geocoder, online if the user allows."""
    from locator.geo.index import ensure_index
    from locator.geo.online import OnlineGeocoder
    from locator.geo.service import Geocoding

    ensure_index()
    settings = Settings.load()
    return Geocoding(online=OnlineGeocoder(settings.online_provider) if online else None)


TILES_EXPLAINED = (
    "The map's background comes from OpenStreetMap's tile servers, which then see your "
    "internet address and the area you look at. The clinic markers never need the network."
)
ONLINE_EXPLAINED = (
    "A street address can be placed precisely by an online service (OpenStreetMap's "
    "Nominatim), which then receives the address you typed. Offline, locator places it at its "
    "ZIP code or city."
)


class MainWindow(QMainWindow):
    """locator's one window."""

    def __init__(
        self,
        choice: RegistryChoice,
        *,
        geocoding: Geocoding | None = None,
        preferences: Preferences | None = None,
        shortlists: Shortlists | None = None,
        tiles_url: str | None = None,
    ) -> None:
        super().__init__()
        self.choice = choice
        self.geocoding = geocoding
        self.preferences = preferences or Preferences()
        self.shortlists = shortlists or Shortlists()
        self._tiles_url = tiles_url
        self.registry: Registry | None = None
        self.index: ClinicIndex | None = None
        self.result: SearchResult | None = None
        self._places_ready = False
        self._search_pending = False
        self._ask_online = False
        self._keep_view = False
        self._loaded_digest: str | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_event)
        self._watcher.directoryChanged.connect(self._on_file_event)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(250)
        self._reload_timer.timeout.connect(self._reload_if_changed)
        self.setWindowTitle("locator — find ketamine-therapy clinics")
        self._build()
        self._build_menus()
        self._restore()
        self._loader = TaskRunner(self)
        self._searcher = TaskRunner(self)
        self._indexer = TaskRunner(self)
        self._ranker = TaskRunner(self)
        for runner in (self._loader, self._searcher, self._indexer, self._ranker):
            runner.busy_changed.connect(self._update_busy)
        self.settings = Settings.load()
        self.map_payload: dict[str, object] = map_payload([])
        self._map_waiting = False
        self._show_map_page()
        self.load_registry()  # place lookups are prepared once the clinics are on screen
        if self._tiles_url is None and self.settings.map_tiles is None:
            self.show_message(
                f"{escape(TILES_EXPLAINED)} <a href='tiles:on'>Show the base map</a> · "
                "<a href='tiles:off'>Keep it off</a> (Tools → Privacy changes this later).",
                "consent",
            )

    # building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.crisis = QLabel(
            f"<b>{escape(CRISIS_LINE)}</b> &nbsp; {escape(DISCLAIMER)}", objectName="crisisLine"
        )
        self.crisis.setAccessibleName("Crisis resources")
        self.crisis.setWordWrap(True)
        self.crisis.setStyleSheet(
            "#crisisLine { border: 2px solid #c62828; border-radius: 4px; padding: 4px 8px; }"
        )
        self.search_bar = SearchBar(self)
        self.search_bar.search_requested.connect(self.search)
        self.search_bar.unit_changed.connect(self._on_unit_changed)
        self.message = QLabel(self, objectName="messageBar")
        self.message.setWordWrap(True)
        self.message.setOpenExternalLinks(False)
        self.message.linkActivated.connect(self._on_message_link)
        self.message.setStyleSheet(
            "#messageBar { background: palette(alternate-base); border-left: 4px solid #e0a800;"
            " padding: 4px 8px; }"
        )
        self.message.hide()
        self.summary = QLabel(self, objectName="summary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Search summary")

        self.model = ResultsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = self._table(self.proxy, "Clinics found, nearest first")
        self.unlocated_model = ResultsModel(self)
        self.unlocated_table = self._table(self.unlocated_model, "Clinics without a location")
        self.unlocated_label = QLabel("<b>Location not listed</b> — not ranked by distance:")
        self.model.ticked_changed.connect(self._update_compare)
        self.unlocated_model.ticked_changed.connect(self._update_compare)

        self.map = MapView(self)
        self.map.clinic_clicked.connect(self.select_clinic)
        self.detail = DetailPane(self)
        self.detail.message.connect(self.statusBar().showMessage)
        self.detail.shortlist_requested.connect(self._add_to_shortlist)

        self.compare_button = QPushButton("&Compare ticked clinics", self)
        self.compare_button.clicked.connect(self.compare)
        self.referral_button = QPushButton("Referral summary (&PDF)…", self)
        self.referral_button.clicked.connect(self._export_referral)
        actions = QHBoxLayout()
        actions.addWidget(self.compare_button)
        actions.addWidget(self.referral_button)
        actions.addStretch()

        results = QWidget(self)
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.table, 3)
        results_layout.addWidget(self.unlocated_label)
        results_layout.addWidget(self.unlocated_table, 1)
        results_layout.addLayout(actions)
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.addWidget(self.map)
        self.right.addWidget(self.detail)
        self.right.setSizes([420, 300])
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.addWidget(results)
        self.main_splitter.addWidget(self.right)
        self.main_splitter.setSizes([620, 620])

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.crisis)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName("Working")
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self._update_compare()
        QWidget.setTabOrder(self.search_bar.button, self.table)
        QWidget.setTabOrder(self.table, self.unlocated_table)
        QWidget.setTabOrder(self.unlocated_table, self.compare_button)

    def _table(self, model: object, name: str) -> QTableView:
        table = QTableView(self)
        table.setModel(model)  # type: ignore[arg-type]
        table.setAccessibleName(name)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.setColumnWidth(TICK_COLUMN, 28)
        table.setColumnWidth(1, 70)
        table.setColumnWidth(2, 190)
        table.setColumnWidth(3, 170)
        table.setSortingEnabled(model is self.proxy)
        table.selectionModel().currentRowChanged.connect(
            lambda current, _previous, t=table: self._on_row_changed(t, current)
        )
        tick = QShortcut(QKeySequence(Qt.Key.Key_Space), table, lambda t=table: self._toggle(t))
        tick.setContext(Qt.ShortcutContext.WidgetShortcut)
        return table

    def _toggle(self, table: QTableView) -> None:
        """Space ticks or unticks the current row for comparison."""
        current = table.currentIndex()
        if not current.isValid():
            return
        index = table.model().index(current.row(), TICK_COLUMN)
        ticked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        state = Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked
        table.model().setData(index, state.value, Qt.ItemDataRole.CheckStateRole)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&Find a place", QKeySequence.StandardKey.Find, self.focus_search)
        self._action(
            file_menu, "&Open registry…", QKeySequence.StandardKey.Open, self._open_registry
        )
        self._action(
            file_menu, "&Reload registry", QKeySequence.StandardKey.Refresh, self.load_registry
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Export comparison…", "Ctrl+E", self._export_comparison)
        self._action(
            file_menu, "&Print comparison…", QKeySequence.StandardKey.Print, self._print_comparison
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        lists = self.menuBar().addMenu("&Shortlists")
        self._action(
            lists,
            "Add selected clinic to a shortlist…",
            "Ctrl+D",
            lambda: self._add_to_shortlist(self.detail.clinic),
        )
        self._action(lists, "&Open a shortlist…", "Ctrl+L", self._open_shortlist)
        self._action(lists, "&Delete a shortlist…", None, self._delete_shortlist)
        tools = self.menuBar().addMenu("&Tools")
        self._action(tools, "&Privacy and stored data…", None, self._privacy)
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&About locator", None, self._about)

    def _action(self, menu: object, text: str, shortcut: object, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[arg-type]
        action.triggered.connect(slot)  # type: ignore[arg-type]
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _restore(self) -> None:
        if (geometry := self.preferences.geometry) is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        for name, splitter in (("main", self.main_splitter), ("right", self.right)):
            if (state := self.preferences.splitter(name)) is not None:
                splitter.restoreState(state)
        self.search_bar.set_unit(Unit(self.preferences.unit))
        self.model.unit = self.search_bar.chosen_unit
        if search := self.preferences.last_search:
            self.search_bar.restore(search)

    def _show_map_page(self) -> None:
        """Load the (cached) map page; base-map tiles only once the user has allowed them."""
        if self._tiles_url is not None:
            tiles: str | None = self._tiles_url
        else:
            tiles = OSM_TILES if self.settings.map_tiles else ""
        self.map.show_page(app_map_page(tiles))
        self._update_map()

    def _prepare_places(self) -> None:
        if self._indexer.busy:
            return
        online = self.settings.online_lookups is True
        self._indexer.run(
            lambda: _prepare_places(online), self._on_places_ready, self._on_places_failed
        )

    # registry -------------------------------------------------------------------------

    def load_registry(self) -> None:
        """(Re)load the registry off the GUI thread; the last good data stays meanwhile."""
        path = self.choice.path
        self._watch(path)
        self._loaded_digest = _digest(path)
        self.statusBar().showMessage(f"Loading {path}…")
        self._loader.run(lambda: _load(path), self._on_loaded, self._on_load_failed)

    def _watch(self, path: Path) -> None:
        """Follow the registry file, also when an editor saves by writing a new file and
        renaming it over the old one (the watch on the file is lost then; the folder's stays)."""
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        for target in (path, path.parent):
            if target.exists():
                self._watcher.addPath(str(target))

    def _on_file_event(self, _changed: str) -> None:
        self._reload_timer.start()  # editors write in bursts: wait for the last of them

    def _reload_if_changed(self) -> None:
        path = self.choice.path
        if str(path) not in self._watcher.files() and path.exists():
            self._watcher.addPath(str(path))
        if _digest(path) != self._loaded_digest:
            self._keep_view = self.result is not None
            self.load_registry()

    def _on_loaded(self, registry: Registry) -> None:
        self.registry, self.index = registry, None
        self.hide_message("registry")
        self._ranker.run(lambda: _index(registry), self._on_index_ready, self._on_load_failed)
        if self.geocoding is None:
            self._prepare_places()
        count = len(registry.clinics)
        self.statusBar().showMessage(f"{count} clinics from {self.choice.path}", 8000)
        self.unlocated_model.set_clinics([c for c in registry.clinics if c.location is None])
        if self.result is not None:
            self._search_pending = True  # run it again on the new data once it is ranked
        else:
            self._show_everything()

    def _on_index_ready(self, index: ClinicIndex) -> None:
        self.index = index
        self._run_pending_search()

    def _on_load_failed(self, error: Exception) -> None:
        from locator.data.loader import RegistryError

        if self.geocoding is None:
            self._prepare_places()
        path = self.choice.path
        if isinstance(error, RegistryError):
            shown = "<br>".join(
                escape(p.format(str(path))) for p in error.problems[:PROBLEMS_SHOWN]
            )
            more = len(error.problems) - PROBLEMS_SHOWN
            extra = f"<br>…and {more} more (run <tt>locator validate</tt>)" if more > 0 else ""
            kept = " The last good data stays on screen." if self.registry else ""
            self.show_message(
                f"<b>The registry has problems</b> — fix them and reload (F5).{kept}<br>"
                f"{shown}{extra}<br><a href='open-registry'>Open the file</a>",
                "registry",
            )
        else:
            self.show_message(f"The registry could not be loaded: {escape(str(error))}", "registry")

    def _show_everything(self) -> None:
        """Before any search: every located clinic on the map, so the coverage is clear."""
        if self.registry is None:
            return
        clinics = [MapClinic(c) for c in self.registry.clinics]
        self.map_payload = map_payload(clinics, unit=self.search_bar.chosen_unit)
        self._update_map()
        covered = coverage_sentence(registry_coverage(self.registry.clinics))
        self.summary.setText(
            f"{len(self.registry.clinics)} clinics in the registry, covering {escape(covered)}. "
            "Type a place to find the nearest."
        )

    # searching ------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the place field (Ctrl+F)."""
        self.search_bar.place.setFocus()
        self.search_bar.place.selectAll()

    def search(self) -> None:
        """Geocode the place and search, off the GUI thread; a newer search supersedes this."""
        query = self.search_bar.place.text().strip()
        if not query:
            self.show_message("Type a place: a ZIP code, a city and state, or a street address.")
            return
        if self.registry is None and not self._loader.busy:
            self.show_message("The registry is not loaded; fix it and reload it (F5) to search.")
            return
        index, geocoding = self.index, self.geocoding
        if index is None or geocoding is None:  # still starting: search as soon as it can
            self._search_pending = True
            self.statusBar().showMessage("Getting ready to search…")
            return
        within, filters = self.search_bar.within_km, self.search_bar.filters
        self.preferences.last_search = self.search_bar.as_dict()
        self._ask_online = self.settings.online_lookups is None and looks_like_street_address(query)

        def work() -> SearchResult:
            origin = geocoding.lookup(query)[0]
            return index.nearest(origin, limit=10, within_km=within, filters=filters)

        self._searcher.run(work, self._on_result, self._on_search_failed)

    def _on_result(self, result: SearchResult) -> None:
        self.result = result
        self.hide_message("search")
        if self._ask_online:
            self.show_message(
                f"{escape(ONLINE_EXPLAINED)} <a href='online:on'>Allow online lookups</a> · "
                "<a href='online:off'>Stay offline</a>",
                "consent",
            )
        unit = self.search_bar.chosen_unit
        note = f" ({escape(result.origin.note)})" if result.origin.note else ""
        self.summary.setText(escape(result.summary(unit)) + note)
        self.model.set_matches(result.matches)
        self.proxy.sort(1, Qt.SortOrder.AscendingOrder)
        self.unlocated_model.set_clinics(result.unlocated)
        self.map_payload = {**result_payload(result, unit), "keep_view": self._keep_view}
        self._update_map()
        selected = self.detail.clinic.id if self._keep_view and self.detail.clinic else None
        self._keep_view = False
        if selected is not None and self.model.row_of(selected) is not None:
            self.select_clinic(selected)  # a reload keeps the selection
        elif result.matches:
            self.table.selectRow(0)
        else:
            self.detail.show_clinic(None)

    def _on_search_failed(self, error: Exception) -> None:
        from locator.geo.service import GeocodingUnavailableError, PlaceNotFoundError

        if isinstance(error, PlaceNotFoundError):
            links = " or ".join(
                f"<a href='place:{escape(s)}'>{escape(s)}</a>" for s in error.suggestions
            )
            hint = f" Did you mean {links}?" if links else ""
            self.show_message(
                f"No place matches <b>{escape(error.query)}</b>.{hint} Try a ZIP code or "
                "“City, ST”. The results below are from your last search."
            )
        elif isinstance(error, GeocodingUnavailableError):
            self.show_message(f"{escape(str(error))}. Try a ZIP code or “City, ST” offline.")
        else:
            log.warning("search failed", exc_info=error)
            self.show_message(f"The search could not be completed: {escape(str(error))}")

    def _update_map(self) -> None:
        """Draw the current payload now, or as soon as the page has loaded."""
        if self.map.ready:
            self.map.set_results(self.map_payload)
        elif not self._map_waiting:
            self._map_waiting = True
            self.map.page_ready.connect(self._on_map_ready)

    def _on_map_ready(self, ok: bool) -> None:
        self.map.page_ready.disconnect(self._on_map_ready)
        self._map_waiting = False
        if ok:
            self.map.set_results(self.map_payload)

    def _on_unit_changed(self) -> None:
        unit = self.search_bar.chosen_unit
        self.preferences.unit = unit.value
        self.model.set_unit(unit)
        if self.result is not None:
            self.summary.setText(escape(self.result.summary(unit)))
            self.map_payload = result_payload(self.result, unit)
            self._update_map()

    def _on_places_ready(self, geocoding: Geocoding) -> None:
        self._places_ready = True
        if self.geocoding is None:
            self.geocoding = geocoding
        gazetteer = self.geocoding.gazetteer
        self.search_bar.set_completer_source(
            lambda text: [place.label for place in gazetteer.complete(text)]
        )
        self._run_pending_search()

    def _run_pending_search(self) -> None:
        if self._search_pending and self.index is not None and self.geocoding is not None:
            self._search_pending = False
            self.search()

    def _on_places_failed(self, error: Exception) -> None:
        self.show_message(f"Place lookups are unavailable: {escape(str(error))}")

    # selection ------------------------------------------------------------------------

    def _on_row_changed(self, table: QTableView, current: QModelIndex) -> None:
        if not current.isValid():
            return
        clinic = current.data(CLINIC_ROLE)
        if clinic is not None:
            other = self.unlocated_table if table is self.table else self.table
            other.selectionModel().clearSelection()
            self.detail.show_clinic(clinic)
            if clinic.location is not None:
                self.map.select(clinic.id)

    def select_clinic(self, clinic_id: str) -> None:
        """Select a clinic's row (a click on its marker lands here)."""
        row = self.model.row_of(clinic_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 1))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    # comparing, exporting -------------------------------------------------------------

    def ticked(self) -> list[Clinic]:
        """Clinics ticked for comparison, found ones first."""
        return self.model.ticked + self.unlocated_model.ticked

    def _update_compare(self) -> None:
        count = len(self.ticked())
        self.compare_button.setEnabled(2 <= count <= MAX_COMPARED)
        self.compare_button.setText(
            f"&Compare {count} ticked clinics" if count else "&Compare ticked clinics"
        )
        self.compare_button.setToolTip(f"Tick 2 to {MAX_COMPARED} clinics in the table")
        self.referral_button.setEnabled(count > 0)

    def _distances(self) -> dict[str, str]:
        if self.result is None:
            return {}
        unit = self.search_bar.chosen_unit
        return {
            m.clinic.id: f"{unit.format(m.distance_km)} (straight-line)"
            for m in self.result.matches
        }

    def comparison(self) -> ComparisonMatrix | None:
        """The comparison of the ticked clinics, when 2 to 4 are ticked."""
        clinics = self.ticked()
        if not 2 <= len(clinics) <= MAX_COMPARED:
            return None
        distances = self._distances()
        column = [distances.get(c.id, "—") for c in clinics] if distances else None
        return ComparisonMatrix.of(clinics, column)

    def compare(self) -> CompareDialog | None:
        """Open the side-by-side view of the ticked clinics."""
        matrix = self.comparison()
        if matrix is None:
            self.show_message(f"Tick 2 to {MAX_COMPARED} clinics to compare them.")
            return None
        dialog = CompareDialog(matrix, self)
        dialog.setModal(False)
        dialog.show()
        return dialog

    def _export_comparison(self) -> None:
        dialog = self.compare()
        if dialog is not None:
            dialog._ask_and_export("PDF (*.pdf)", ".pdf")

    def _print_comparison(self) -> None:
        matrix = self.comparison()
        if matrix is None:
            self.show_message(f"Tick 2 to {MAX_COMPARED} clinics to print a comparison.")
            return
        print_html(matrix.to_html(), self)

    def referral_summary(self, clinics: list[Clinic] | None = None) -> str:
        """The referral summary HTML for the ticked clinics (or those given)."""
        searched = self.result.origin.label if self.result else None
        return referral_html(
            clinics or self.ticked(), searched=searched, distances=self._distances()
        )

    def _export_referral(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Referral summary", "referral.pdf", "PDF (*.pdf)"
        )
        if name:
            write_pdf(self.referral_summary(), Path(name))
            self.statusBar().showMessage(f"Wrote {name}", 8000)

    # shortlists -----------------------------------------------------------------------

    def _add_to_shortlist(self, clinic: Clinic | None) -> None:
        if clinic is None:
            self.show_message("Select a clinic first.")
            return
        names = self.shortlists.names()
        name, ok = QInputDialog.getItem(
            self,
            "Add to shortlist",
            f"Shortlist for {clinic.name}:",
            names or ["Shortlist"],
            0,
            True,
        )
        if ok and name.strip():
            self.shortlists.add(name.strip(), clinic.id)
            self.statusBar().showMessage(f"Added {clinic.name} to “{name.strip()}”", 8000)

    def _open_shortlist(self) -> None:
        names = self.shortlists.names()
        if not names or self.registry is None:
            self.show_message("No shortlists yet: select a clinic and choose Add to shortlist.")
            return
        name, ok = QInputDialog.getItem(self, "Open shortlist", "Shortlist:", names, 0, False)
        if ok:
            self.show_shortlist(name)

    def show_shortlist(self, name: str) -> None:
        """Tick a shortlist's clinics in the tables (those in the current results)."""
        if self.registry is None:
            return
        wanted = set(self.shortlists.ids(name))
        known = {c.id: c for c in self.registry.clinics}
        missing = [i for i in wanted if i not in known]
        clinics = [known[i] for i in self.shortlists.ids(name) if i in known]
        self.model.set_clinics([c for c in clinics if c.location is not None])
        self.unlocated_model.set_clinics([c for c in clinics if c.location is None])
        for model in (self.model, self.unlocated_model):
            for row in range(model.rowCount()):
                model.setData(
                    model.index(row, TICK_COLUMN),
                    Qt.CheckState.Checked.value,
                    Qt.ItemDataRole.CheckStateRole,
                )
        self.result = None
        self.map_payload = map_payload([MapClinic(c) for c in clinics])
        self._update_map()
        gone = f" {len(missing)} are no longer in the registry." if missing else ""
        self.summary.setText(f"Shortlist “{escape(name)}”: {len(clinics)} clinics.{gone}")

    def _delete_shortlist(self) -> None:
        names = self.shortlists.names()
        if not names:
            return
        name, ok = QInputDialog.getItem(self, "Delete shortlist", "Shortlist:", names, 0, False)
        if ok:
            self.shortlists.delete(name)

    # messages, dialogs ----------------------------------------------------------------

    def show_message(self, html: str, kind: str = "search") -> None:
        """An inline message above the results (never a cascade of dialogs).

        ``kind`` says what may take it away: a new search result clears "search" messages,
        a good registry load clears "registry" ones, "consent" stays until answered.
        """
        self.message.setText(html)
        self.message.setProperty("kind", kind)
        self.message.show()

    def hide_message(self, kind: str | None = None) -> None:
        """Remove the inline message (only if it is of ``kind``, when given)."""
        if kind is None or self.message.property("kind") == kind:
            self.message.hide()
            self.message.clear()

    def _on_message_link(self, link: str) -> None:
        if link in ("tiles:on", "tiles:off"):
            self.settings = Settings.load().allowing_tiles(link == "tiles:on")
            self.settings.save()
            self.hide_message()
            self._show_map_page()
        elif link in ("online:on", "online:off"):
            self.settings = Settings.load().allowing_online(link == "online:on")
            self.settings.save()
            self.hide_message()
            self.geocoding = None
            self._search_pending = link == "online:on"
            self._prepare_places()
        elif link == "open-registry":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.choice.path)))
        elif link.startswith("place:"):
            self.search_bar.place.setText(link.removeprefix("place:"))
            self.search()

    def _open_registry(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open registry", "", "YAML (*.yaml *.yml)")
        if name:
            self.choice = RegistryChoice(Path(name), "opened in the app")
            self.load_registry()

    def edit_registry(self) -> RegistryEditor | None:
        """Open the registry editor. Edits to the shipped registry go to the user's own copy:
        locator never writes inside its installed package."""
        from locator.data.paths import user_registry
        from locator.ui.registry_editor import RegistryEditor

        target = user_registry() if self.choice.shipped else self.choice.path
        try:
            editor = RegistryEditor(
                self.choice.path, save_to=target, locate=self._locate, parent=self
            )
        except Exception as error:  # an unreadable file: say so, keep the app
            self.show_message(f"The registry cannot be edited: {escape(str(error))}", "registry")
            return None
        editor.saved.connect(self._on_registry_saved)
        editor.located.connect(self.map.preview)
        editor.show()
        return editor

    def _locate(self, query: str) -> tuple[float, float, str, str]:
        if self.geocoding is None:
            raise RuntimeError("place lookups are still being prepared")
        place = self.geocoding.lookup(query)[0]
        source = (
            "offline gazetteer (US ZIP codes, GeoNames)"
            if place.source == "offline"
            else (place.source)
        )
        return place.latitude, place.longitude, place.precision.value, f"{source}: {place.label}"

    def _on_registry_saved(self, path: Path) -> None:
        if path != self.choice.path:
            self.choice = RegistryChoice(path, "your own copy")
            self.show_message(
                f"Your edits were saved as your own copy at <b>{escape(str(path))}</b>; "
                "locator uses it from now on (the registry it ships with is never changed).",
                "registry-saved",
            )
        self._keep_view = self.result is not None
        self.load_registry()

    def _privacy(self) -> None:
        from locator.ui.privacy_dialog import PrivacyDialog

        PrivacyDialog(self.preferences, self.shortlists, self).exec()
        before = self.settings
        self.settings = Settings.load()
        if self.settings.map_tiles != before.map_tiles:
            self._show_map_page()
        if self.settings.online_lookups != before.online_lookups:
            self.geocoding = None
            self._prepare_places()

    def _about(self) -> None:
        registry = self.registry
        if registry is None:
            facts = "The registry is not loaded."
        else:
            dates = sorted(c.last_verified for c in registry.clinics)
            covered = coverage_sentence(registry_coverage(registry.clinics))
            facts = (
                f"Registry: {escape(str(self.choice.path))} ({escape(self.choice.reason)})<br>"
                f"{len(registry.clinics)} clinics, covering {escape(covered)}.<br>"
                f"Entries last verified between {dates[0]} and {dates[-1]}."
            )
        QMessageBox.about(
            self,
            "About locator",
            f"<h3>locator {__version__}</h3><p>Find and compare ketamine-therapy clinics near "
            f"a place, offline first.</p><p>{facts}</p>"
            f"<p><b>{escape(DISCLAIMER)}</b> {escape(CRISIS_LINE)}</p>"
            "<p>Place data: US ZIP codes (zipcodes) and GeoNames. Map: Leaflet, "
            "© OpenStreetMap contributors.</p>",
        )

    def _update_busy(self) -> None:
        self.busy.setVisible(self._loader.busy or self._searcher.busy)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.preferences.geometry = self.saveGeometry()
        self.preferences.set_splitter("main", self.main_splitter.saveState())
        self.preferences.set_splitter("right", self.right.saveState())
        super().closeEvent(event)
