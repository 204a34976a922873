"""The main window: wiring between the registry session, the search controller and the views.

Each job has its own home and this window connects them: :mod:`registry_session` (which file,
loading, watching), :mod:`search_controller` (searching, its state), :mod:`search_startup`
(the order the search gets going in), :mod:`window_actions` (every command, declared, built by
:mod:`commands`), :mod:`registry_actions`, :mod:`directory_actions` (exporting the registry),
:mod:`shortlist_actions`, :mod:`comparison_actions`,
:mod:`window_text` (what the window says), :mod:`message_bar`, :mod:`results_panel`,
:mod:`map_view`, :mod:`detail_pane`, :mod:`preferences` and :mod:`shared_settings`.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QProgressBar, QSplitter, QVBoxLayout, QWidget

from locator.i18n import _
from locator.listed import listed_counts
from locator.mapping.payload import (
    SERVED_FROM,
    FixedParts,
    MapClinic,
    map_payload,
    result_payload,
)
from locator.presentation import shown_name, where_marked
from locator.query import distance_texts
from locator.shortlists import Shortlists
from locator.ui import focus_return, window_text
from locator.ui.background_export import BackgroundExport, SavingBar
from locator.ui.browser import open_and_say
from locator.ui.commands import Commands
from locator.ui.comparison_actions import ComparisonActions
from locator.ui.detail_pane import DetailPane
from locator.ui.details_follow import DetailsFollow
from locator.ui.directory_actions import DirectoryActions
from locator.ui.editor_geocoder import EditorGeocoder
from locator.ui.language import use_language
from locator.ui.live_text import OneLineText, ShownText
from locator.ui.map_page_cache import OSM_TILES, app_map_page
from locator.ui.map_view import MapWebEngineView
from locator.ui.message_bar import CrisisLine, MessageBar, MessageKind
from locator.ui.preferences import Preferences
from locator.ui.registry_actions import RegistryActions
from locator.ui.registry_session import LoadReason, RegistrySession
from locator.ui.results_panel import ResultsPanel
from locator.ui.screen_fit import fit_to_screen, keep_on_screen
from locator.ui.search_bar import SearchBar
from locator.ui.search_controller import SearchController, SearchState
from locator.ui.search_startup import SearchStartup
from locator.ui.shared_settings import SharedSettings
from locator.ui.shortlist_actions import ShortlistActions
from locator.ui.window_actions import ACTIONS, MENUS

if TYPE_CHECKING:
    from locator.data.models import Clinic, Registry
    from locator.data.paths import RegistryChoice
    from locator.geo.place import Place
    from locator.geo.service import Geocoding
    from locator.query import SearchRequest
    from locator.search import Match, SearchResult
    from locator.settings import Settings
    from locator.ui.remembered_search import RememberedSearch

log = logging.getLogger(__name__)
# The least a mouse may leave the map, dragging the bar above the details: its zoom buttons,
# whole (its legend and scale step aside on a map this short).
MAP_LEAST_HEIGHT = 80
# How long a loaded registry's counts wait at most for its map to paint (milliseconds): a map
# covered or minimised paints nothing. Longer than the details wait: a large registry's map
# asks the window for its first view's clusters before it paints, and counting 100,000 clinics
# first (most of a second) would hold that answer up.
TALLY_AT_THE_LATEST_MS = 1000


class MainWindow(QMainWindow):
    """locator's one window."""

    def __init__(
        self,
        choice: RegistryChoice,
        *,
        geocoding: Geocoding | None = None,
        preferences: Preferences | None = None,
        shortlists: Shortlists | None = None,
        settings: SharedSettings | None = None,
        tiles_url: str | None = None,
        language: str | None = None,
        search: RememberedSearch | None = None,
        selected: str | None = None,
    ) -> None:
        """``language`` ("es", from ``--lang``) overrides the one chosen in Tools → Language,
        which overrides the system's; ``search`` is put in the search bar (and run) instead of
        the remembered one; ``selected`` is the clinic to select in its first results."""
        super().__init__()
        focus_return.install()  # no window manager may hand the keys back after a dialog
        self._search_given = search
        self._reselect = selected  # a restart keeps the row the person was on
        self.preferences = preferences or Preferences()
        self.shortlists = shortlists or Shortlists()
        self.settings = settings or SharedSettings(parent=self)
        use_language(language or self.settings.value.language)
        self._tiles_url = tiles_url
        # where the clinics on screen were measured from, and their matches: see _distances
        self._shown: tuple[Place, Sequence[Match]] | None = None
        self._map_rows = FixedParts()  # what every map payload of the registry shares
        self.session: RegistrySession = RegistrySession(choice, self)
        self.setWindowTitle(window_text.window_title(choice))
        self.searching = SearchController(geocoding, self)
        self.startup = SearchStartup(self.session, self.searching, self.settings, self)
        self._build()
        self.registry_actions: RegistryActions = RegistryActions(
            self.session,
            self.messages,
            EditorGeocoder(lambda: self.searching.geocoding),
            self._preview_location,
            self.preferences,
            self,
        )
        self.shortlist_actions: ShortlistActions = ShortlistActions(
            self.shortlists, self.messages, self._shortlist_preview, self
        )
        self.comparing: ComparisonActions = ComparisonActions(
            self.results, self._distances, self.preferences, self.messages, self, self.saving
        )
        self.directory_actions: DirectoryActions = DirectoryActions(
            self.session,
            self.preferences,
            self.messages,
            self.registry_actions.open_choice,
            self.exporting,
            self.importing,
            self,
        )
        # a command reads the details of the list on screen, not those of the list before
        self.commands = Commands(
            ACTIONS, self, self._say, self._command_runs, before=self.follow.settle
        )
        self.commands.build_menus(self.menuBar(), MENUS, self)
        self._connect()
        self._restore()
        self._show_map_page()
        self.session.load()  # place lookups are prepared once the clinics are on screen
        if self.search_bar.request().query:
            self._search()  # a remembered search runs as soon as the clinics are ready
        # the list on screen at the last quit comes back over the first results, and the ticks
        self._reopen = self.preferences.open_shortlist
        self.results.ticks.restore(self.preferences.ticked)
        if self._tiles_url is None and self.settings.value.map_tiles is None:
            self.messages.post(MessageKind.TILES_QUESTION, window_text.tiles_question())
        # the user's files could not be used: said on top (not only in a log), and kept
        # until dismissed, past the remembered search that runs at start
        if (unusable := self._files_unusable()) is not None:
            self.messages.post(MessageKind.FILES, unusable)
        self.search_bar.focus_place()  # typing at once goes there; the crisis line stays first

    # building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.crisis = CrisisLine(self)
        self.crisis.linkActivated.connect(self._open_link)
        self.search_bar: SearchBar = SearchBar(self)
        self.messages = MessageBar(self)
        self.summary = OneLineText(self)  # screen readers hear each search's outcome
        self.summary.setObjectName("summary")
        self.summary.setAccessibleName(_("Search summary"))
        self.results: ResultsPanel = ResultsPanel(self)
        self.map: MapWebEngineView = MapWebEngineView(self)
        self.detail: DetailPane = DetailPane(self)
        # every refilled list selects its row, and so fills the details, through this
        self.follow = DetailsFollow(self.results, self.detail, self.map, self)
        self._untallied: Registry | None = None  # loaded, its counts not yet shown (_tally)
        self._tally_later = QTimer(self)
        self._tally_later.setSingleShot(True)
        self._tally_later.setInterval(TALLY_AT_THE_LATEST_MS)
        self._tally_later.timeout.connect(self._tally)
        self.map.drawn.connect(self._tally)
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.map.setMinimumHeight(MAP_LEAST_HEIGHT)
        self.right.addWidget(self.map)
        self.right.addWidget(self.detail)
        self.right.setSizes([420, 300])
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.addWidget(self.results)
        self.main_splitter.addWidget(self.right)
        # the results a little wider than the map: their rows wrap less and their buttons
        # share a line, so more rows are in sight on a small screen
        self.main_splitter.setSizes([700, 540])
        for splitter in (self.right, self.main_splitter):
            splitter.setChildrenCollapsible(False)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.crisis)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.main_splitter, 1)
        self.saving = SavingBar(self)  # a referral summary being saved, with Cancel
        layout.addWidget(self.saving)
        self.exporting = SavingBar(self, _("Exporting"), _("Cancel e&xport"))  # File → Export…
        layout.addWidget(self.exporting)
        self.importing = SavingBar(self, _("Importing"), _("Canc&el import"))  # File → Import
        layout.addWidget(self.importing)
        layout.addWidget(self.messages)  # below the rows, and never resized under the pointer
        self.messages.hold_while_pointed_at(self.main_splitter)
        self.setCentralWidget(central)
        self.activity = ShownText(self)
        self.activity.setTextFormat(Qt.TextFormat.PlainText)  # a typed place, a file's name
        self.activity.setAccessibleName(_("What locator is doing"))
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName(_("Working"))
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.activity, 1)  # not hidden by passing notes
        self.statusBar().addPermanentWidget(self.busy)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Reading order: search bar, results and their buttons, map, details, the messages
        under them, then the crisis line's link (first on screen; Shift+Tab from the search
        field reaches it). Run again once the map's page exists, since the web view's focus
        proxy is only made then."""
        chain = [
            self.search_bar.button,
            self.summary,  # Tab shows it whole
            self.results.table,
            self.results.unlocated_table,
            self.results.compare_button,
            self.results.referral_button,
            self.map,
            self.detail.browser,
            self.detail.website,
            self.detail.phone,
            self.detail.directions,
            self.detail.correction,
            self.detail.shortlist,
            self.saving.cancel,  # a summary being saved, an import being read: shown meanwhile
            self.exporting.cancel,
            self.importing.cancel,
            *self.messages.controls(),
            self.crisis,  # its link, then round to the top: the line is first on screen
            self.search_bar.place,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        session, searching, trigger = self.session, self.searching, self.commands.trigger
        session.loading.connect(self._update_activity)
        session.busy_changed.connect(self._update_activity)
        session.loaded.connect(self._on_loaded)
        session.failed.connect(self._on_load_failed)
        session.indexed.connect(searching.set_index)
        searching.state_changed.connect(self._update_activity)
        searching.places_busy_changed.connect(self._update_activity)
        searching.progress_changed.connect(self._update_activity)
        searching.finished.connect(self._on_result)
        searching.failed.connect(self._on_search_failed)
        searching.places_ready.connect(self._on_places_ready)
        searching.places_failed.connect(
            lambda error: self._say(window_text.places_unavailable(error))
        )
        self.search_bar.search_requested.connect(self._search)
        self.search_bar.criteria_changed.connect(self._on_criteria_changed)
        self.search_bar.unit_changed.connect(self._on_unit_changed)
        self.results.selected.connect(self._on_clinic_selected)
        self.results.compare_requested.connect(lambda: trigger("results.compare"))
        self.results.referral_requested.connect(lambda: trigger("file.referral"))
        self.results.ticks_changed.connect(self._take_back_out_of_date)
        self.map.clinic_clicked.connect(self.results.select)
        self.map.page_ready.connect(self._on_map_ready)
        self.detail.message.connect(self._notice)
        self.map.message.connect(self._notice)
        self.detail.shortlist_requested.connect(lambda _clinic: trigger("shortlists.add"))
        self.registry_actions.opened.connect(self.shortlist_actions.off_screen)
        self.shortlist_actions.show_requested.connect(self._show_shortlist)
        self.shortlist_actions.left.connect(self._back_from_shortlist)
        self.shortlist_actions.changed.connect(self._files_changed)
        self.settings.changed.connect(self._on_settings_changed)
        self.settings.save_failed.connect(self._notice)
        self.messages.set_focus_home(self.search_bar.place)
        self.messages.set_handlers(
            {
                "tiles": lambda answer: self.settings.allow_tiles(answer == "on"),
                "online": lambda answer: self.settings.allow_online(answer == "on"),
                "remember": lambda answer: self._remember_searches(answer == "on"),
                "place": self._search_for,
                "shortlist-back": lambda _: self.commands.trigger("shortlists.back"),
                "clear-filters": lambda _: self.search_bar.clear_filters(),
                "open-registry": self.registry_actions.open_file,
                "edit-registry": lambda _: self.registry_actions.edit(),
            }
        )

    def _restore(self) -> None:
        if (geometry := self.preferences.geometry) is not None:
            self.restoreGeometry(geometry)
        else:
            fit_to_screen(self, QSize(1280, 820))
        for splitter, state in (
            (self.main_splitter, self.preferences.main_splitter),
            (self.right, self.preferences.right_splitter),
        ):
            if state is not None:
                splitter.restoreState(state)
        self.search_bar.set_unit(self.preferences.unit)
        self.results.set_unit(self.search_bar.chosen_unit)
        if (search := self._search_given or self.preferences.last_search) is not None:
            self.search_bar.restore(search)

    def _say(self, html: str) -> None:
        """A message about what was just asked for (why a command cannot run, say)."""
        self.messages.post(MessageKind.SEARCH, html)

    def _command_runs(self, said: str | None) -> None:
        """A command runs: why one could not (``said``) no longer holds, and a notice about
        what was done before is old news; one with a link to follow (back from a shortlist)
        stays."""
        if said is not None:
            self.messages.withdraw(MessageKind.SEARCH, said)
        if "href=" not in self.messages.text(MessageKind.NOTICE):
            self.messages.clear(MessageKind.NOTICE)

    def _take_back_out_of_date(self) -> None:
        """The ticks changed: "tick the clinics first" goes once they are ticked."""
        if (said := self.commands.out_of_date()) is not None:
            self.messages.withdraw(MessageKind.SEARCH, said)

    def _notice(self, text: str) -> None:
        self.messages.post(MessageKind.NOTICE, window_text.notice(text))

    # the map ----------------------------------------------------------------------------

    def _show_map_page(self) -> None:
        """Load the (cached) map page; base-map tiles only once the user has allowed them."""
        if self._tiles_url is not None:
            tiles = self._tiles_url
        else:
            tiles = OSM_TILES if self.settings.value.map_tiles else ""
        self.map.show_page(app_map_page(tiles))

    def _on_map_ready(self, ok: bool) -> None:
        """The page has loaded (with the results drawn): its focus proxy takes its place in
        the Tab order, and the clinic in the details is selected on it."""
        self._set_tab_order()
        clinic = self.detail.clinic
        if ok and clinic is not None and clinic.location is not None:
            self.map.select(clinic.id)

    @property
    def details_enlarged(self) -> bool:
        """Whether the details fill the map's column, the map hidden to make room."""
        return self.map.isHidden()

    def enlarge_details(self, enlarged: bool) -> None:
        """Give the details the map's room, or give it back. Under the map at 800x600 they
        show three or four lines at a time, and a person reading by keyboard cannot drag the
        splitter; reading them is what this is for, so the keys go there. Hiding the map (not
        shrinking it) leaves its size, framing and the splitter's remembered split as they were
        for when it comes back."""
        self.map.setHidden(enlarged)
        if enlarged:
            self.detail.browser.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _preview_location(self, latitude: float, longitude: float, label: str) -> None:
        """Show where the editor's Locate placed a clinic: on the map, shown again if the
        details had its room (a preview on a hidden map is seen by no one)."""
        self.enlarge_details(False)
        self.map.preview(latitude, longitude, label)

    # the registry -----------------------------------------------------------------------

    def _on_loaded(self, registry: Registry, reason: LoadReason) -> None:
        self.messages.clear(MessageKind.REGISTRY)
        # the rows on screen are another file's, or (the last search found no place) those of
        # the search before, perhaps in another file: none may stay to be read as this one's
        stale = reason is LoadReason.OPENED or self.searching.state is SearchState.FAILED
        if stale:
            self.follow.show_none()
        self.setWindowTitle(window_text.window_title(self.session.choice))
        self.detail.maintainer = registry.maintainer
        self.startup.registry_loaded()
        reopened = self._reopen if self.searching.request is None else None
        if reopened not in self.shortlists.names():
            reopened = None
        if reopened is not None:
            self._reopen = None
            self._show_shortlist(reopened)
            self.results.ticks.restore(self.preferences.ticked)
        elif self.shortlist_actions.current is not None:
            self._show_shortlist(self.shortlist_actions.current)
        elif self.searching.request is not None and self.searching.state is not SearchState.READY:
            if stale:  # this registry's clinics until the search, run again, answers on them
                self.searching.forget_result()
                self._show_everything(registry)
            self.searching.rerun()  # runs on the new data once it is indexed
        else:
            self._show_everything(registry)
        # once the map has painted the clinics (as the details wait for it): 100,000 clinics
        # take most of a second to count and tally, which the first paint does not need
        self._untallied = registry
        if self.map.ready and self.map.isVisible():
            self._tally_later.start()
        else:  # nothing will paint
            QTimer.singleShot(0, self._tally)

    def _tally(self) -> None:
        """What a loaded registry shows that its map's first paint need not wait for: the
        filter menus' counts, the status line's tally, and the summary before any search (empty
        until then, never another registry's numbers)."""
        registry, self._untallied = self._untallied, None
        self._tally_later.stop()
        if registry is None or self.session.registry is not registry:
            return  # told already, or another one has loaded since: its own call comes
        if not self.summary.text():  # nothing else (a search's summary) came meanwhile
            self.summary.setText(window_text.everything_summary(registry.clinics))
        self.search_bar.show_counts(listed_counts(registry.clinics))
        self.statusBar().showMessage(
            window_text.registry_loaded(registry.clinics, self.session.path), 8000
        )

    def _on_load_failed(self, _error: Exception, _reason: LoadReason) -> None:
        """No registry to show: the summary says so rather than nothing (the last good one,
        if any, stays on screen with its summary)."""
        if self.session.registry is None:
            self.summary.setText(window_text.registry_unreadable_summary())

    def _show_everything(self, registry: Registry) -> None:
        """Before any search: every located clinic on the map, so the coverage is clear."""
        clinics = registry.clinics
        self.results.show_clinics([], [c for c in clinics if c.location is None])
        self.follow.keep_as_is()
        self._shown = None
        unit = self.search_bar.chosen_unit
        fixed = self._map_rows.of(registry)
        if sum(1 for c in clinics if c.location is not None) >= SERVED_FROM:
            from locator.mapping.clusters import Overview  # numpy: only for a large registry

            self.map.set_overview(Overview(clinics, unit, fixed))
        else:
            self.map.set_results(
                map_payload([MapClinic(c) for c in clinics], unit=unit, fixed=fixed)
            )
        self.summary.setText("")  # its words come after the map's first paint (_tally)

    def _open_link(self, url: str) -> None:
        """A link in the crisis line: the Lifeline's site in the browser, saying so, or where
        it is."""
        self._notice(open_and_say(url))

    # searching --------------------------------------------------------------------------

    def _search_for(self, place: str) -> None:
        self.search_bar.place.setText(place)
        self._search()

    def _search(self) -> None:
        """Search for what the search bar says, off the GUI thread."""
        request = self.search_bar.request()
        if not request.query:
            self._say(window_text.type_a_place())
            self.search_bar.focus_place()
            return
        if self.session.registry is None and not self.session.busy:
            self._say(window_text.registry_needed_to_search())
            return
        self.shortlist_actions.off_screen()
        self.messages.clear(MessageKind.NOTICE)  # about what was done before this search
        self.preferences.last_search = self.search_bar.remembered()
        self.searching.search(request)

    def _remember_searches(self, on: bool) -> None:
        """The answer to the question: keep the last search (this one, from now) or not."""
        self.preferences.remember_searches = on
        if on:
            self.preferences.last_search = self.search_bar.remembered()
        self.privacy_changed()

    def privacy_changed(self) -> None:
        """A privacy choice was made (here or in Tools → Privacy): its question is answered,
        and what was said of files it cleared is said anew."""
        if self.preferences.remembering_asked:
            self.messages.clear(MessageKind.REMEMBER_QUESTION)
        self._files_changed()

    def _files_unusable(self) -> str | None:
        """What is wrong with the user's own files now, as the strip says it."""
        problems = [self.settings.value.problem, self.shortlists.problem, self.preferences.problem]
        return window_text.files_unusable(problems)

    def _files_changed(self) -> None:
        """The start's message about the user's files named shortlists since renamed or
        deleted: it says what is wrong now, and goes when nothing is."""
        self.messages.revise(MessageKind.FILES, self._files_unusable())

    def _on_criteria_changed(self) -> None:
        """A changed distance, unit or filter searches again: results are never stale."""
        searched = (SearchState.SHOWING, SearchState.FAILED, SearchState.SEARCHING)
        if self.searching.state in searched and self.search_bar.request().query:
            self._search()

    def _on_unit_changed(self) -> None:
        unit = self.search_bar.chosen_unit
        self.preferences.unit = unit
        self.results.set_unit(unit)

    def _on_result(self, result: SearchResult, keep_view: bool) -> None:
        self.messages.clear(MessageKind.SEARCH)
        asking = self.messages.posted(MessageKind.REMEMBER_QUESTION)
        if not (self.preferences.remembering_asked or asking):  # a search worth keeping: ask
            self.messages.post(MessageKind.REMEMBER_QUESTION, window_text.remember_question())
        request, geocoding = self.searching.request, self.searching.geocoding
        provider = self.settings.value.online_provider  # None: it says why not at start
        if (
            self.settings.value.online_lookups is None
            and provider is not None
            and request is not None
            and geocoding is not None
            and geocoding.reads_as_street_address(request.query)
        ):
            question = window_text.online_question(provider.host)
            self.messages.post(MessageKind.ONLINE_QUESTION, question)
        if result.origin.closest_spelling and request is not None:
            origin = result.origin.label
            self._say(window_text.closest_spelling(request.query, origin, result.begin_alike))
        elif result.also_named and request is not None:
            origin = result.origin.label
            self._say(window_text.also_named(request.query, origin, result.also_named))
        unit = self.search_bar.chosen_unit
        self.summary.setText(window_text.search_summary(result, unit))
        if keep_view:  # the clinic the person is on: the one the details are about to show
            self.follow.settle()
        selected = self.detail.clinic.id if keep_view and self.detail.clinic else None
        # the map first: its page draws in its own process while the list is built, and the
        # details (the slowest part) are filled once it has painted
        fixed = self._map_rows.of(self.session.registry)
        self.map.set_results({**result_payload(result, unit, fixed), "keep_view": keep_view})
        self.results.show_matches(result.matches, result.unlocated)
        self._shown = (result.origin, result.matches)
        self.follow.refilled(selected)
        if result.filters and not result.matches and not result.unlocated:
            self._say(window_text.nothing_matches_the_filters())
        if self._reopen is not None:  # the remembered search's results, under the list
            name, self._reopen = self._reopen, None
            if name in self.shortlists.names():
                self._show_shortlist(name)
                self.results.ticks.restore(self.preferences.ticked)
        if self._reselect is not None:
            clinic_id, self._reselect = self._reselect, None
            self.follow.refilled(clinic_id)
        self.messages.settle()  # the rows are new: the strip may take the height it waits for

    def _on_search_failed(self, error: Exception, request: SearchRequest) -> None:
        if not isinstance(error, window_text.EXPECTED_SEARCH_ERRORS):
            log.warning(_("search failed"), exc_info=error)
        kept = self.searching.result is not None
        self._say(window_text.search_failed(error, request.query, results_kept=kept))

    def _on_places_ready(self, geocoding: Geocoding) -> None:
        gazetteer = geocoding.gazetteer
        self.search_bar.set_completer_source(
            lambda text: [place.label for place in gazetteer.complete(text)]
        )

    def _update_activity(self, *_signal: object) -> None:
        """The status line says what runs now, and nothing once it has ended; while the place
        index is built (a first start), how far that has come, and the bar shows it too."""
        searching = self.searching
        now = window_text.activity(
            loading=self.session.path.name if self.session.busy else None,
            progress=searching.index_progress,
            waiting_for=searching.waiting_for_index,
            waiting=searching.waiting,
            searching=searching.state is SearchState.SEARCHING,
            preparing_places=searching.preparing_places,
            quick_lookups=searching.quick_lookups,
        )
        self.activity.setText(now.text)
        self.busy.setRange(0, 0 if now.percent is None else 100)
        self.busy.setValue(now.percent or 0)
        self.busy.setVisible(bool(now.text))

    # selection, shortlists ---------------------------------------------------------------

    def _on_clinic_selected(self, clinic: Clinic) -> None:
        distances, place = self._distances()
        self.detail.show_clinic(clinic, window_text.seen_from(place, distances.get(clinic.id)))
        self.map.select(clinic.id)  # once the page is ready; without a marker, none is shown

    def _distances(self) -> tuple[dict[str, str], str | None]:
        """The distances shown in the results, by clinic id, and the place they are from."""
        if self._shown is None:
            return {}, None
        origin, matches = self._shown
        distances = distance_texts(matches, self.search_bar.chosen_unit)
        return distances, origin.label if distances else None

    def _show_shortlist(self, name: str) -> None:
        """Show a shortlist's clinics, ticked; with their distances when a search is on."""
        from locator.search import measured_from  # the search engine loads off the start path

        registry = self.session.registry
        if registry is None:
            return
        newly = self.shortlist_actions.current != name  # not shown again after a change
        self.shortlist_actions.current = name
        known = {c.id: c for c in registry.clinics}
        ids = self.shortlists.ids(name)
        clinics = [known[i] for i in ids if i in known]
        unlocated = [c for c in clinics if c.location is None]
        result, unit = self.searching.result, self.search_bar.chosen_unit
        fixed = self._map_rows.of(registry)
        if result is not None:
            matches = measured_from(result.origin, clinics)
            self.results.show_matches(matches, unlocated)
            self._shown = (result.origin, matches)
            shown = [MapClinic.found(match) for match in matches]
            payload = map_payload(shown, result.origin, unit=unit, fixed=fixed)
        else:
            self.results.show_clinics([c for c in clinics if c.location], unlocated)
            self._shown = None
            payload = map_payload([MapClinic(c) for c in clinics], unit=unit, fixed=fixed)
        self.results.tick(clinics)
        self.map.set_results(payload)
        searched = result.origin.label if result is not None else None
        missing = len(ids) - len(clinics)
        self.summary.setText(window_text.shortlist_summary(name, clinics, missing, searched))
        self.follow.refilled()
        if newly:
            self.messages.post(MessageKind.NOTICE, window_text.showing_shortlist(name))

    def _shortlist_preview(self, name: str) -> tuple[list[str], int]:
        """The clinics of a shortlist as its chooser shows them, and how many are gone."""
        registry = self.session.registry
        known = {c.id: c for c in registry.clinics} if registry is not None else {}
        ids = self.shortlists.ids(name)
        shown = [
            f"{shown_name(known[i], with_place=False)} ({where_marked(known[i])})"
            for i in ids
            if i in known
        ]
        return shown, len(ids) - len(shown)

    def _back_from_shortlist(self) -> None:
        """The shortlist on screen is left or gone: back to the search, or to every clinic."""
        if "shortlist-back:" in self.messages.text(MessageKind.NOTICE):
            self.messages.clear(MessageKind.NOTICE)
        if self.searching.request is not None:
            self.searching.rerun(reframe=True)  # the shortlist had framed the map on itself
        elif self.session.registry is not None:
            self._show_everything(self.session.registry)

    # settings, closing ------------------------------------------------------------------

    def _on_settings_changed(self, new: Settings, old: Settings) -> None:
        if new.map_tiles != old.map_tiles:
            self.messages.clear(MessageKind.TILES_QUESTION)
            self._show_map_page()
        if new.online_differs(old):  # place lookups are prepared again: search_startup
            self.messages.clear(MessageKind.ONLINE_QUESTION)

    def reopen(self) -> MainWindow:
        """locator as it starts now (in the language just chosen, say): a new window on this
        registry, with the search and the clinic selected on screen, at this window's size and
        place; this one closes."""
        self.follow.settle()  # the clinic selected is the one the details were to show
        self._keep_layout()
        typed = self.search_bar.remembered()
        successor = MainWindow(
            self.session.choice,
            preferences=self.preferences,
            shortlists=self.shortlists,
            tiles_url=self._tiles_url,
            search=typed if typed.place.strip() else None,
            selected=self.detail.clinic.id if self.detail.clinic else None,
        )
        if not (self.isMaximized() or self.isFullScreen()):
            # exactly here: restoring the saved geometry allows for a title bar, and with no
            # window manager to draw one the window would creep down and shrink at each restart
            successor.setGeometry(self.geometry())
        focus_return.show_in_front(successor)  # before this one closes: the app goes on
        self.close()
        self.deleteLater()
        return successor

    def _keep_layout(self) -> None:
        """What the next window opens with: this one's layout, ticks and shortlist on screen."""
        self.preferences.geometry = self.saveGeometry()
        self.preferences.main_splitter = self.main_splitter.saveState()
        self.preferences.right_splitter = self.right.saveState()
        self.preferences.ticked = self.results.ticks.keys
        self.preferences.open_shortlist = self.shortlist_actions.current

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not event.spontaneous():  # shown by locator, not given back by the desktop
            # the layout may have grown a restored window on its way to the screen
            keep_on_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        # a summary, the registry, or a comparison in a Compare window, still being saved: wait,
        # or cancel it
        # and a directory being imported, likewise
        exports = self.findChildren(BackgroundExport)
        if not (
            all(export.may_close(self) for export in exports) and self.directory_actions.may_close()
        ):
            event.ignore()
            return
        self._keep_layout()
        self.directory_actions.cancel_import()  # nothing goes on growing once the window goes
        super().closeEvent(event)
