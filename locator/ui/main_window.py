"""The main window: wiring between the registry session, the search controller and the views.

Each job has its own home — :mod:`registry_session` (which file, loading, watching),
:mod:`search_controller` (searching, its state), :mod:`message_bar`, :mod:`results_panel`,
:mod:`commands` (the menus as data), :mod:`shared_settings` — and this window connects them.
"""

from __future__ import annotations

import itertools
import logging
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from locator import __version__
from locator.compare import ComparisonMatrix
from locator.data.paths import RegistryChoice
from locator.data.vocabulary import EntryKind
from locator.errors import LocatorError, RegistryError
from locator.i18n import LANGUAGES, N_, _, ngettext, pgettext
from locator.mapping.payload import MapClinic, map_payload, result_payload
from locator.presentation import (
    CRISIS_LINE,
    DISCLAIMER,
    LIFELINE_URL,
    coverage_sentence,
    distance_and_drive,
    found_text,
    place_note,
    registry_coverage,
    shown_name,
)
from locator.query import SearchRequest
from locator.referral import referable, referral_html
from locator.shortlists import Shortlists
from locator.ui.browser import open_in_browser
from locator.ui.commands import Command, Menu, build_menus, shortcut_rows
from locator.ui.compare_dialog import CompareDialog
from locator.ui.detail_pane import NOT_SHORTLISTED, DetailPane
from locator.ui.documents import print_html, write_pdf
from locator.ui.file_dialogs import ask_save_path
from locator.ui.language import use_language
from locator.ui.live_text import LiveText, ShownText
from locator.ui.map_page_cache import OSM_TILES, app_map_page
from locator.ui.map_view import MapWebEngineView
from locator.ui.message_bar import LinkText, MessageBar, MessageKind
from locator.ui.preferences import Preferences
from locator.ui.registry_session import LoadReason, RegistrySession
from locator.ui.results_panel import MAX_COMPARED, ResultsPanel
from locator.ui.search_bar import SearchBar
from locator.ui.search_controller import SearchController, SearchState
from locator.ui.shared_settings import SharedSettings

if TYPE_CHECKING:
    from locator.data.models import Clinic, Registry
    from locator.geo.service import Geocoding
    from locator.search import SearchResult
    from locator.settings import Settings
    from locator.ui.registry_editor import RegistryEditor

log = logging.getLogger(__name__)

PROBLEMS_SHOWN = 3

TILES_EXPLAINED = N_(
    "The map's background comes from OpenStreetMap's tile servers, which then see your "
    "internet address and the area you look at. The clinic markers never need the network."
)
ONLINE_EXPLAINED = N_(
    "A street address can be placed precisely by an online service (OpenStreetMap's "
    "Nominatim), which then receives the address you typed. Offline, locator places it at its "
    "ZIP code or city."
)
SHORTCUTS_WITHOUT_MENU = (
    (N_("Enter"), N_("Search (in the place field)")),
    (N_("Tab, Shift+Tab"), N_("Move between controls, in reading order")),
    (N_("Arrow keys"), N_("Move between clinics in a table")),
    (N_("Space"), N_("Tick or untick the clinic for comparison (in a table)")),
    (N_("Alt + underlined letter"), N_("Go to that control")),
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
        settings: SharedSettings | None = None,
        tiles_url: str | None = None,
        language: str | None = None,
    ) -> None:
        """``language`` ("es", from ``--lang``) overrides the one chosen in Tools → Language,
        which overrides the system's."""
        super().__init__()
        self.preferences = preferences or Preferences()
        self.shortlists = shortlists or Shortlists()
        self.settings = settings or SharedSettings(parent=self)
        use_language(language or self.settings.value.language)
        self.setWindowTitle(_("Find ketamine-therapy clinics"))
        self._tiles_url = tiles_url
        self._shortlist: str | None = None  # the shortlist on screen, if one is
        self._editor: RegistryEditor | None = None
        self._map_payload: dict[str, Any] = map_payload([])
        self._map_waiting = False
        self.session = RegistrySession(choice, self)
        self.searching = SearchController(geocoding, self)
        self._build()
        problems = [self.settings.value.problem, self.shortlists.problem]
        if any(problems):  # the user's files could not be used: say so, not only in a log
            self.messages.post(MessageKind.NOTICE, "<br>".join(escape(p) for p in problems if p))
        self.menus = self._menus()
        build_menus(self.menuBar(), self.menus, self)
        self._connect()
        self._restore()
        self._show_map_page()
        self.session.load()  # place lookups are prepared once the clinics are on screen
        if self.search_bar.request().query:
            self._search()  # a remembered search runs as soon as the clinics are ready
        if self._tiles_url is None and self.settings.value.map_tiles is None:
            self.messages.post(
                MessageKind.TILES_QUESTION,
                _(
                    "{explained} <a href='tiles:off'>Keep it off</a> · <a href='tiles:on'>Show the "
                    "base map</a> (Tools → Privacy changes this later)."
                ).format(explained=escape(_(TILES_EXPLAINED))),
            )

    # building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.crisis = LinkText(self)
        self.crisis.show_text(
            f"<b>{escape(_(CRISIS_LINE))}</b> "
            + _("Or chat: {link}").format(link=f"<a href='{LIFELINE_URL}'>988lifeline.org</a>")
            + f" &nbsp; {escape(_(DISCLAIMER))}"
        )
        self.crisis.linkActivated.connect(self._open_link)
        self.crisis.setObjectName("crisisLine")
        self.crisis.setAccessibleName(_("Crisis resources"))
        self.crisis.setWordWrap(True)
        self.crisis.setStyleSheet(
            "#crisisLine { border: 2px solid #c62828; border-radius: 4px; padding: 4px 8px; }"
        )
        self.search_bar = SearchBar(self)
        self.messages = MessageBar(self)
        self.summary = LiveText(self)  # screen readers hear each search's outcome
        self.summary.setObjectName("summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # registry and typed text, as is
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("Search summary"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results = ResultsPanel(self)
        self.map = MapWebEngineView(self)
        self.detail = DetailPane(self)
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.addWidget(self.map)
        self.right.addWidget(self.detail)
        self.right.setSizes([420, 300])
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.addWidget(self.results)
        self.main_splitter.addWidget(self.right)
        self.main_splitter.setSizes([620, 620])
        for splitter in (self.right, self.main_splitter):
            splitter.setChildrenCollapsible(False)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.crisis)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.messages)
        layout.addWidget(self.summary)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)
        self.activity = ShownText(self)
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
        """Reading order: search bar, results and their buttons, map, details, then the crisis
        line's link (first on screen; Shift+Tab from the search field reaches it). Run again once
        the map's page exists, since the web view's focus proxy is only made then."""
        chain = [
            self.search_bar.button,
            *self.messages.controls(),
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
            self.crisis,  # its link, then round to the top: the line is first on screen
            self.search_bar.place,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _menus(self) -> list[Menu]:
        """Every command of the window, in menu order."""
        return [
            Menu(
                _("&File"),
                [
                    Command(_("&Find a place"), self._focus_search, QKeySequence.StandardKey.Find),
                    Command(
                        _("&Open registry…"), self._open_registry, QKeySequence.StandardKey.Open
                    ),
                    Command(_("&Reload registry"), self._reload, QKeySequence.StandardKey.Refresh),
                    Command(_("&Edit registry…"), self._edit_registry, "Ctrl+Shift+E"),
                    None,
                    Command(_("E&xport comparison…"), self._export_comparison, "Ctrl+E"),
                    Command(
                        _("&Print comparison…"),
                        self._print_comparison,
                        QKeySequence.StandardKey.Print,
                    ),
                    Command(_("Referral &summary (PDF)…"), self._export_referral, "Ctrl+Shift+R"),
                    None,
                    Command(_("&Quit"), self.close, QKeySequence.StandardKey.Quit),
                ],
            ),
            Menu(
                _("&View"),
                [
                    Command(_("&Results"), lambda: self._focus(self.results.table), "Ctrl+1"),
                    Command(_("&Map"), lambda: self._focus(self.map), "Ctrl+2"),
                    Command(_("&Details"), lambda: self._focus(self.detail.browser), "Ctrl+3"),
                ],
            ),
            Menu(
                _("Short&lists"),
                [
                    Command(
                        _("&Add selected clinic to a shortlist…"),
                        lambda: self._add_to_shortlist(self.detail.clinic),
                        "Ctrl+D",
                    ),
                    Command(_("&Open a shortlist…"), self._open_shortlist, "Ctrl+L"),
                    Command(
                        _("Re&move selected clinic from the shortlist"), self._remove_from_list
                    ),
                    Command(_("Re&name a shortlist…"), self._rename_shortlist),
                    Command(_("&Delete a shortlist…"), self._delete_shortlist),
                ],
            ),
            Menu(
                _("&Tools"),
                [
                    Command(_("&Privacy and stored data…"), self._privacy),
                    Command(_("&Language…"), self._choose_language),
                ],
            ),
            Menu(
                _("&Help"),
                [
                    Command(_("&Keyboard shortcuts"), self._keyboard_help, "F1"),
                    Command(_("&About locator"), self._about),
                ],
            ),
        ]

    def _connect(self) -> None:
        session, searching = self.session, self.searching
        session.loading.connect(self._update_activity)
        session.busy_changed.connect(self._update_activity)
        session.loaded.connect(self._on_loaded)
        session.indexed.connect(searching.set_index)
        session.failed.connect(self._on_load_failed)
        searching.state_changed.connect(self._update_activity)
        searching.places_busy_changed.connect(self._update_activity)
        searching.progress_changed.connect(self._update_activity)
        searching.finished.connect(self._on_result)
        searching.failed.connect(self._on_search_failed)
        searching.places_ready.connect(self._on_places_ready)
        searching.places_failed.connect(
            lambda error: self.messages.post(
                MessageKind.SEARCH,
                _("Place lookups are unavailable: {error}").format(error=escape(str(error))),
            )
        )
        self.search_bar.search_requested.connect(self._search)
        self.search_bar.criteria_changed.connect(self._on_criteria_changed)
        self.search_bar.unit_changed.connect(self._on_unit_changed)
        self.results.selected.connect(self._on_clinic_selected)
        self.results.compare_requested.connect(self._compare)
        self.results.referral_requested.connect(self._export_referral)
        self.map.clinic_clicked.connect(self.results.select)
        self.map.page_ready.connect(lambda _ok: self._set_tab_order())
        self.detail.message.connect(
            lambda text: self.messages.post(MessageKind.NOTICE, escape(text))
        )
        self.detail.shortlist_requested.connect(self._add_to_shortlist)
        self.settings.changed.connect(self._on_settings_changed)
        self.settings.save_failed.connect(
            lambda text: self.messages.post(MessageKind.NOTICE, escape(text))
        )
        self.messages.set_handlers(
            {
                "tiles": lambda answer: self.settings.allow_tiles(answer == "on"),
                "online": lambda answer: self.settings.allow_online(answer == "on"),
                "place": self._search_for,
                "open-registry": lambda _: self._open_registry_file(),
                "edit-registry": lambda _: self._edit_registry(),
            }
        )

    def _restore(self) -> None:
        if (geometry := self.preferences.geometry) is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        for splitter, state in (
            (self.main_splitter, self.preferences.main_splitter),
            (self.right, self.preferences.right_splitter),
        ):
            if state is not None:
                splitter.restoreState(state)
        self.search_bar.set_unit(self.preferences.unit)
        self.results.set_unit(self.search_bar.chosen_unit)
        if (search := self.preferences.last_search) is not None:
            self.search_bar.restore(search)

    # the map ----------------------------------------------------------------------------

    def _show_map_page(self) -> None:
        """Load the (cached) map page; base-map tiles only once the user has allowed them."""
        if self._tiles_url is not None:
            tiles = self._tiles_url
        else:
            tiles = OSM_TILES if self.settings.value.map_tiles else ""
        self.map.show_page(app_map_page(tiles))
        self._draw(self._map_payload)

    def _draw(self, payload: dict[str, Any]) -> None:
        """Draw ``payload`` now, or as soon as the page has loaded."""
        self._map_payload = payload
        if self.map.ready:
            self.map.set_results(payload)
        elif not self._map_waiting:
            self._map_waiting = True
            self.map.page_ready.connect(self._on_map_ready)

    def _on_map_ready(self, ok: bool) -> None:
        self.map.page_ready.disconnect(self._on_map_ready)
        self._map_waiting = False
        if ok:
            self.map.set_results(self._map_payload)
            if self.detail.clinic is not None and self.detail.clinic.location is not None:
                self.map.select(self.detail.clinic.id)

    # the registry -----------------------------------------------------------------------

    def _reload(self) -> None:
        self.session.load(LoadReason.RELOADED)

    def _on_loaded(self, registry: Registry, reason: LoadReason) -> None:
        self.messages.clear(MessageKind.REGISTRY)
        self.detail.maintainer = registry.maintainer
        self.searching.set_index(None)
        if self.searching.geocoding is None:
            self.searching.prepare_places(self._online_provider())
        count = len(registry.clinics)
        self.statusBar().showMessage(
            ngettext("{count} clinic from {path}", "{count} clinics from {path}", count).format(
                count=count, path=self.session.path
            ),
            8000,
        )
        if self._shortlist is not None:
            self._show_shortlist(self._shortlist)
        elif self.searching.request is not None and self.searching.state is not SearchState.READY:
            self.searching.rerun()  # runs on the new data once it is indexed
        else:
            self._show_everything(registry)

    def _on_load_failed(self, error: Exception, _reason: LoadReason) -> None:
        if self.searching.geocoding is None:
            self.searching.prepare_places(self._online_provider())
        if self.session.registry is None:
            self.searching.forget_waiting()
        path = self.session.path
        kept = _(" The last good data stays on screen.") if self.session.registry else ""
        if isinstance(error, RegistryError):
            shown = "<br>".join(
                escape(p.format(str(path))) for p in error.problems[:PROBLEMS_SHOWN]
            )
            more = len(error.problems) - PROBLEMS_SHOWN
            extra = (
                _("<br>…and {more} more (run <tt>locator validate</tt>)").format(more=more)
                if more > 0
                else ""
            )
            self.messages.post(
                MessageKind.REGISTRY,
                _(
                    "<b>The registry has problems</b> — fix them and reload "
                    "(F5).{kept}<br>{shown}{extra}<br><a href='open-registry:'>Open the file</a> "
                    "· <a "
                    "href='edit-registry:'>Edit it in locator</a>"
                ).format(kept=kept, shown=shown, extra=extra),
            )
        else:
            log.warning(_("registry not loaded"), exc_info=error)
            self.messages.post(
                MessageKind.REGISTRY,
                _(
                    "The registry could not be loaded: {error}.{kept} Choose another with File → "
                    "Open "
                    "registry (Ctrl+O)."
                ).format(error=escape(str(error)), kept=kept),
            )

    def _show_everything(self, registry: Registry) -> None:
        """Before any search: every located clinic on the map, so the coverage is clear."""
        clinics = registry.clinics
        self.results.show_clinics([], [c for c in clinics if c.location is None])
        self._draw(map_payload([MapClinic(c) for c in clinics], unit=self.search_bar.chosen_unit))
        covered = coverage_sentence(registry_coverage(clinics))
        self.summary.setText(
            _(
                "{found} in the registry, covering {places}. Type a place to find the nearest."
            ).format(found=found_text(clinics), places=covered)
        )

    def _open_registry(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Open registry"), str(self.session.path.parent), "YAML (*.yaml *.yml)"
        )
        if name:
            self._shortlist = None
            self.session.open(RegistryChoice(Path(name), N_("opened in the app")))

    def _open_link(self, url: str) -> None:
        """A link in the crisis line: the Lifeline's site in the browser, or where it is."""
        failed = open_in_browser(url)
        if failed:
            self.messages.post(MessageKind.NOTICE, escape(failed))

    def _open_registry_file(self) -> None:
        """Open the registry file in the program the desktop uses for it, or say where it is."""
        path = self.session.path
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QGuiApplication.clipboard().setText(str(path))
            self.messages.post(
                MessageKind.NOTICE,
                _(
                    "No program is set up to open YAML files here. The file is <b>{path}</b> (its "
                    "path "
                    "is on the clipboard); open it in a text editor, or <a "
                    "href='edit-registry:'>edit it "
                    "in locator</a>."
                ).format(path=escape(str(path))),
            )

    def _edit_registry(self) -> None:
        """Open the registry editor. Edits to the shipped registry go to the user's own copy:
        locator never writes inside its installed package."""
        from locator.data.paths import user_registry
        from locator.ui.registry_editor import RegistryEditor

        if self._editor is not None and self._editor.isVisible():
            self._editor.raise_()  # one editor per registry
            self._editor.activateWindow()
            return
        choice = self.session.choice
        target = user_registry() if choice.shipped else choice.path
        try:
            editor = RegistryEditor(choice.path, save_to=target, locate=self._locate, parent=self)
        except RegistryError as error:  # not YAML: nothing the form could show or keep
            problems = "<br>".join(escape(p.format(str(choice.path))) for p in error.problems)
            self.messages.post(
                MessageKind.REGISTRY,
                _(
                    "<b>The editor cannot open the registry</b> until it is valid YAML again: fix "
                    "this "
                    "line in a text editor, save, and reload (F5).<br>{problems}<br><a "
                    "href='open-registry:'>Open the file</a>"
                ).format(problems=problems),
            )
            return
        except (OSError, LocatorError) as error:  # an unreadable file: say so, keep the app
            self.messages.post(
                MessageKind.REGISTRY,
                _("The registry cannot be edited: {error}").format(error=escape(str(error))),
            )
            return
        editor.saved.connect(self._on_registry_saved)
        editor.located.connect(self.map.preview)
        self._editor = editor
        editor.show()

    def _locate(self, query: str) -> tuple[float, float, str, str]:
        geocoding = self.searching.geocoding
        if geocoding is None:
            raise LocatorError(_("Place lookups are still being prepared; try again in a moment."))
        place = geocoding.lookup(query)[0]
        source = (
            _("offline gazetteer (US ZIP codes, GeoNames)")
            if place.source == "offline"
            else place.source
        )
        return place.latitude, place.longitude, place.precision.value, f"{source}: {place.label}"

    def _on_registry_saved(self, path: Path) -> None:
        if path != self.session.path:
            self.session.choice = RegistryChoice(path, N_("your own copy"))
            self.messages.post(
                MessageKind.NOTICE,
                _(
                    "Your edits were saved as your own copy at <b>{path}</b>; locator uses it "
                    "from now "
                    "on (the registry it ships with is never changed)."
                ).format(path=escape(str(path))),
            )
        self.session.load(LoadReason.RELOADED)

    # searching --------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search_bar.place.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.place.selectAll()

    def _focus(self, widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _search_for(self, place: str) -> None:
        self.search_bar.place.setText(place)
        self._search()

    def _search(self) -> None:
        """Search for what the search bar says, off the GUI thread."""
        request = self.search_bar.request()
        if not request.query:
            self.messages.post(
                MessageKind.SEARCH,
                _("Type a place: a ZIP code, a city and state, or a street address."),
            )
            self._focus_search()
            return
        if self.session.registry is None and not self.session.busy:
            self.messages.post(
                MessageKind.SEARCH,
                _("The registry is not loaded; fix it and reload it (F5) to search."),
            )
            return
        self._shortlist = None
        self.preferences.last_search = self.search_bar.remembered()
        self.searching.search(request)

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
        request = self.searching.request
        if (
            self.settings.value.online_lookups is None
            and request is not None
            and self.searching.geocoding is not None
            and self.searching.geocoding.reads_as_street_address(request.query)
        ):
            self.messages.post(
                MessageKind.ONLINE_QUESTION,
                _(
                    "{explained} <a href='online:off'>Stay offline</a> · <a "
                    "href='online:on'>Allow online lookups</a>"
                ).format(explained=escape(_(ONLINE_EXPLAINED))),
            )
        unit, note = self.search_bar.chosen_unit, result.origin.note
        self.summary.setText(" ".join(filter(None, (result.summary(unit), place_note(note)))))
        selected = self.detail.clinic.id if keep_view and self.detail.clinic else None
        self.results.show_matches(result.matches, result.unlocated, result.origin)
        self._draw({**result_payload(result, unit), "keep_view": keep_view})
        if not (selected and self.results.select(selected)) and not self.results.select_first():
            self.detail.show_clinic(None)

    def _on_search_failed(self, error: Exception, request: SearchRequest) -> None:
        from locator.errors import GeocodingUnavailableError, PlaceNotFoundError

        kept = _(" The results below are from your last search.") if self.searching.result else ""
        if isinstance(error, PlaceNotFoundError):
            links = _(" or ").join(
                f"<a href='place:{escape(s)}'>{escape(s)}</a>" for s in error.suggestions
            )
            hint = _(" Did you mean {links}?").format(links=links) if links else ""
            self.messages.post(
                MessageKind.SEARCH,
                _(
                    "No place matches <b>{query}</b>.{hint} Try a ZIP code or “City, ST”.{kept}"
                ).format(query=escape(request.query), hint=hint, kept=kept),
            )
        elif isinstance(error, GeocodingUnavailableError):
            self.messages.post(
                MessageKind.SEARCH,
                _("{error}. Try a ZIP code or “City, ST”, which work offline.{kept}").format(
                    error=escape(str(error)), kept=kept
                ),
            )
        else:
            log.warning(_("search failed"), exc_info=error)
            self.messages.post(
                MessageKind.SEARCH,
                _("The search could not be completed: {error}.{kept}").format(
                    error=escape(str(error)), kept=kept
                ),
            )

    def _on_places_ready(self, geocoding: Geocoding) -> None:
        gazetteer = geocoding.gazetteer
        self.search_bar.set_completer_source(
            lambda text: [place.label for place in gazetteer.complete(text)]
        )

    def _online_provider(self) -> Any:
        settings = self.settings.value
        return settings.online_provider if settings.online_lookups else None

    def _update_activity(self, *_signal: object) -> None:
        """The status line says what runs now, and nothing once it has ended; while the place
        index is built (a first start), how far that has come, and the bar shows it too."""
        progress = self.searching.index_progress
        percent = None if progress is None else round(progress * 100)
        # Translators: how much of a task is done, as your language writes percentages
        done = "" if percent is None else _("{percent}%").format(percent=percent)
        if self.session.busy:
            text = _("Loading {name}…").format(name=self.session.path.name)
        elif (place := self.searching.waiting_for_index) is not None and percent is not None:
            text = _(
                "Searching for “{place}” once the place index is built ({done} done): "
                "misspellings and street addresses need it…"
            ).format(place=" ".join(place.split()), done=done)
        elif self.searching.waiting and percent is not None:
            text = _(
                "Getting ready to search: building the place index (first start only), {done} done…"
            ).format(done=done)
        elif self.searching.waiting:
            text = _("Getting ready to search (the first start prepares the place index)…")
        elif self.searching.state is SearchState.SEARCHING:
            text = _("Searching…")
        elif self.searching.preparing_places and percent is not None:
            if self.searching.quick_lookups:
                text = _(
                    "Building the place index (first start only), {done} done; ZIP codes and "
                    "“City, ST” can be searched already…"
                ).format(done=done)
            else:
                text = _("Building the place index (first start only), {done} done…").format(
                    done=done
                )
        elif self.searching.preparing_places:
            text = _("Preparing place lookups (the first start builds an index)…")
        else:
            text = ""
        self.activity.setText(text)
        self.busy.setRange(0, 0 if percent is None else 100)
        self.busy.setValue(percent or 0)
        self.busy.setVisible(bool(text))

    # selection --------------------------------------------------------------------------

    def _on_clinic_selected(self, clinic: Clinic) -> None:
        distances, place = self._distances()
        distance = distances.get(clinic.id)
        self.detail.show_clinic(
            clinic,
            _("from {place}: {distance}").format(place=place, distance=distance)
            if distance
            else None,
        )
        if clinic.location is not None and self.map.ready:  # else selected once it is
            self.map.select(clinic.id)

    # comparing, exporting ---------------------------------------------------------------

    def _distances(self) -> tuple[dict[str, str], str | None]:
        """The distances shown in the results, by clinic id, and the place they are from."""
        result = self.searching.result
        if result is None:
            return {}, None
        unit = self.search_bar.chosen_unit
        shown = self.results.found.measured
        distances = {
            clinic.id: distance_and_drive(km, clinic, unit, result.origin) for clinic, km in shown
        }
        return distances, result.origin.label if distances else None

    def _comparison(self) -> ComparisonMatrix | None:
        clinics = self.results.ticked()
        if not 2 <= len(clinics) <= MAX_COMPARED:
            self.messages.post(
                MessageKind.SEARCH,
                _(
                    "Tick 2 to {MAX_COMPARED} clinics in the results (Space ticks the selected "
                    "one) to "
                    "compare them; {count} ticked now."
                ).format(MAX_COMPARED=MAX_COMPARED, count=len(clinics)),
            )
            return None
        distances, place = self._distances()
        column = [distances.get(c.id, "—") for c in clinics] if distances else None
        return ComparisonMatrix.of(clinics, column, place=place)

    def _compare(self) -> CompareDialog | None:
        matrix = self._comparison()
        if matrix is None:
            return None
        dialog = CompareDialog(matrix, self.preferences, self)
        dialog.setModal(False)
        dialog.show()
        return dialog

    def _export_comparison(self) -> None:
        dialog = self._compare()
        if dialog is not None:
            dialog.export_pdf_interactively()

    def _print_comparison(self) -> None:
        matrix = self._comparison()
        if matrix is not None:
            print_html(matrix.to_html(), self, landscape=True)

    def _export_referral(self) -> None:
        clinics = self.results.ticked()
        if not referable(clinics):
            self.messages.post(
                MessageKind.SEARCH,
                _("Tick the clinics for the referral summary first (Space).")
                + (" " + escape(_(NOT_SHORTLISTED)) if clinics else ""),
            )
            return
        distances, place = self._distances()
        html = referral_html(clinics, searched=place, distances=distances)
        path = ask_save_path(
            self,
            self.preferences,
            _("Save the referral summary"),
            # Translators: the name offered for a saved referral summary, without ".pdf".
            pgettext("file name", "referral") + ".pdf",
            "PDF (*.pdf)",
        )
        if path is None:
            return
        try:
            written = write_pdf(html, path)
        except LocatorError as error:
            self.messages.post(MessageKind.NOTICE, escape(str(error)))
        else:
            self.messages.post(
                MessageKind.NOTICE,
                _("Saved the referral summary as {written}.").format(written=escape(str(written))),
            )

    # shortlists -------------------------------------------------------------------------

    def _add_to_shortlist(self, clinic: Clinic | None) -> None:
        if clinic is None:
            self.messages.post(MessageKind.SEARCH, _("Select a clinic first."))
            return
        if clinic.kind is EntryKind.UNNAMED_PROVIDER:  # from the menu: its button is disabled
            self.messages.post(MessageKind.SEARCH, escape(_(NOT_SHORTLISTED)))
            return
        names = self.shortlists.names()
        name, ok = QInputDialog.getItem(
            self,
            _("Add to shortlist"),
            _("Shortlist for {name} (choose one or type a new name):").format(
                name=shown_name(clinic)
            ),
            names or [_("Shortlist")],
            names.index(self._shortlist) if self._shortlist in names else 0,
            True,
        )
        if ok and name.strip():
            self._change_shortlists(lambda: self.shortlists.add(name.strip(), clinic.id))
            self.messages.post(
                MessageKind.NOTICE,
                _("Added {name} to “{strip}”.").format(
                    name=escape(shown_name(clinic)), strip=escape(name.strip())
                ),
            )

    def _choose_shortlist(self, title: str) -> str | None:
        names = self.shortlists.names()
        if not names:
            self.messages.post(
                MessageKind.SEARCH,
                _("No shortlists yet: select a clinic and choose Add to shortlist (Ctrl+D)."),
            )
            return None
        current = names.index(self._shortlist) if self._shortlist in names else 0
        name, ok = QInputDialog.getItem(self, title, _("Shortlist:"), names, current, False)
        return name if ok else None

    def _open_shortlist(self) -> None:
        if self.session.registry is None:
            self.messages.post(MessageKind.SEARCH, _("The registry is not loaded yet."))
            return
        name = self._choose_shortlist(_("Open shortlist"))
        if name is not None:
            self._show_shortlist(name)

    def _show_shortlist(self, name: str) -> None:
        """Show a shortlist's clinics, ticked; with their distances when a search is on."""
        from locator.search import SearchResult, measured_from

        registry = self.session.registry
        if registry is None:
            return
        self._shortlist = name
        known = {c.id: c for c in registry.clinics}
        ids = self.shortlists.ids(name)
        clinics = [known[i] for i in ids if i in known]
        missing = len(ids) - len(clinics)
        unlocated = [c for c in clinics if c.location is None]
        result = self.searching.result
        unit = self.search_bar.chosen_unit
        if result is not None:
            matches = measured_from(result.origin, clinics)
            self.results.show_matches(matches, unlocated, result.origin)
            origin = result.origin
            shown = SearchResult(origin=origin, matches=matches, unlocated=unlocated)
            payload = result_payload(shown, unit)
            where = _(", distances from {label}").format(label=origin.label)
        else:
            self.results.show_clinics([c for c in clinics if c.location], unlocated)
            payload = map_payload([MapClinic(c) for c in clinics], unit=unit)
            where = ""
        self.results.tick(clinics)
        self._draw(payload)
        gone = (
            _(" {missing} are no longer in the registry.").format(missing=missing)
            if missing
            else ""
        )
        count = ngettext("{count} clinic", "{count} clinics", len(clinics)).format(
            count=len(clinics)
        )
        self.summary.setText(
            _("Shortlist “{name}”: {count}{where}.{gone}").format(
                name=name, count=count, where=where, gone=gone
            )
        )
        if not self.results.select_first():
            self.detail.show_clinic(None)

    def _remove_from_list(self) -> None:
        clinic, name = self.detail.clinic, self._shortlist
        if name is None or clinic is None:
            self.messages.post(
                MessageKind.SEARCH,
                _("Open a shortlist (Ctrl+L) and select the clinic to take off it."),
            )
            return
        self._change_shortlists(lambda: self.shortlists.remove(name, clinic.id))
        self.messages.post(
            MessageKind.NOTICE,
            _("Took {name} off “{name2}”.").format(
                name=escape(shown_name(clinic)), name2=escape(name)
            ),
        )
        self._show_shortlist(name)

    def _rename_shortlist(self) -> None:
        old = self._choose_shortlist(_("Rename shortlist"))
        if old is None:
            return
        new, ok = QInputDialog.getText(
            self, _("Rename shortlist"), _("New name for “{old}”:").format(old=old), text=old
        )
        new = new.strip()
        if not ok or not new or new == old:
            return
        renamed = self._change_shortlists(lambda: self.shortlists.rename(old, new))
        if renamed and self._shortlist == old:
            self._show_shortlist(new)

    def _delete_shortlist(self) -> None:
        name = self._choose_shortlist(_("Delete shortlist"))
        if name is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete shortlist"),
            _("Delete the shortlist “{name}”? Its clinics stay in the registry.").format(name=name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._change_shortlists(lambda: self.shortlists.delete(name))
            self.messages.post(
                MessageKind.NOTICE, _("Deleted the shortlist “{name}”.").format(name=escape(name))
            )
            if self._shortlist == name:  # it was on screen: back to the search, or everything
                self._shortlist = None
                if self.searching.request is not None:
                    self.searching.rerun()
                elif self.session.registry is not None:
                    self._show_everything(self.session.registry)

    def _change_shortlists(self, change: Any) -> bool:
        """Apply a change to the shortlists; a failure becomes a message, not a traceback."""
        try:
            change()
        except (OSError, LocatorError) as error:
            self.messages.post(MessageKind.NOTICE, escape(str(error)))
            return False
        return True

    # settings, dialogs ------------------------------------------------------------------

    def _on_settings_changed(self, new: Settings, old: Settings) -> None:
        if new.map_tiles != old.map_tiles:
            self.messages.clear(MessageKind.TILES_QUESTION)
            self._show_map_page()
        if new.online_lookups != old.online_lookups or new.online_provider != old.online_provider:
            self.messages.clear(MessageKind.ONLINE_QUESTION)
            self.searching.prepare_places(self._online_provider())
            if new.online_lookups and self.searching.request is not None:
                self.searching.rerun()

    def _privacy(self) -> None:
        from locator.ui.privacy_dialog import PrivacyDialog

        PrivacyDialog(self.preferences, self.shortlists, self.settings, self).exec()

    def _choose_language(self) -> None:
        """Each language is offered in its own words; the choice is remembered in the settings
        and takes effect when locator next starts (every window is built in one language)."""
        system = _("The system's language")
        names = [system, *LANGUAGES.values()]
        chosen = self.settings.value.language
        name, ok = QInputDialog.getItem(
            self,
            _("Language"),
            _("The language locator speaks, from its next start:"),
            names,
            names.index(LANGUAGES[chosen]) if chosen else 0,
            False,
        )
        if not ok:
            return
        code = next((code for code, shown in LANGUAGES.items() if shown == name), None)
        self.settings.replace(self.settings.value.speaking(code))
        self.messages.post(
            MessageKind.NOTICE,
            escape(_("locator will speak {language} from its next start.").format(language=name)),
        )

    def _keyboard_help(self) -> None:
        rows = shortcut_rows(self.menus) + [(_(k), _(w)) for k, w in SHORTCUTS_WITHOUT_MENU]
        table = "".join(
            f"<tr><td><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>" for keys, what in rows
        )
        QMessageBox.information(
            self, _("Keyboard shortcuts"), f"<table cellspacing='6'>{table}</table>"
        )

    def _about(self) -> None:
        registry = self.session.registry
        choice = self.session.choice
        if registry is None:
            facts = _("The registry is not loaded.")
        else:
            dates = sorted(c.last_verified for c in registry.clinics)
            covered = coverage_sentence(registry_coverage(registry.clinics))
            facts = "<br>".join(
                (
                    _("Registry: {path} ({reason})").format(
                        path=escape(str(choice.path)), reason=escape(_(choice.reason))
                    ),
                    _("{found}, covering {places}.").format(
                        found=found_text(registry.clinics), places=escape(covered)
                    ),
                    _("Entries last verified between {first} and {last}.").format(
                        first=dates[0], last=dates[-1]
                    ),
                )
            )
        QMessageBox.about(
            self,
            _("About locator"),
            f"<h3>locator {__version__}</h3><p>"
            + escape(_("Find and compare ketamine-therapy clinics near a place, offline first."))
            + f"</p><p>{facts}</p>"
            f"<p><b>{escape(_(DISCLAIMER))}</b> {escape(_(CRISIS_LINE))}</p><p>"
            + escape(
                _(
                    "Place data: US ZIP codes (zipcodes) and GeoNames. Map: Leaflet, "
                    "© OpenStreetMap contributors."
                )
            )
            + "</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.preferences.geometry = self.saveGeometry()
        self.preferences.main_splitter = self.main_splitter.saveState()
        self.preferences.right_splitter = self.right.saveState()
        super().closeEvent(event)
