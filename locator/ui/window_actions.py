"""Every command of the main window, declared once (napari's ``app_model`` actions): id, menu
text, shortcut, what it does, and when it cannot run (the sentence said instead); then the
menus, as lists of those ids. The window builds its menu bar and Help's shortcut list from
these, and its buttons run the same commands by id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from locator.data.vocabulary import EntryKind
from locator.i18n import N_, _
from locator.referral import referable
from locator.ui import window_text
from locator.ui.commands import Action, Menu
from locator.ui.detail_pane import NOT_SHORTLISTED
from locator.ui.help_dialogs import show_about, show_shortcuts
from locator.ui.language_dialog import choose_language
from locator.ui.message_bar import MessageKind
from locator.ui.search_controller import SearchState

if TYPE_CHECKING:
    from locator.data.models import Clinic
    from locator.ui.main_window import MainWindow

Key = QKeySequence.StandardKey


def _focus(widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _to_map(window: MainWindow) -> None:
    """The map, shown again if the details had its room."""
    window.enlarge_details(False)
    window.map.take_keyboard()


def _selected(window: MainWindow) -> Clinic:
    """The clinic in the details, which the command's enablement has checked is there."""
    clinic = window.detail.clinic
    assert clinic is not None
    return clinic


def _add_to_shortlist(window: MainWindow) -> None:
    """Offer a shortlist the ticked clinics when any can go on one, else the one in the
    details; ticked unnamed providers never go (there is no one to contact), and the dialog
    and the notice say so."""
    ticked = window.results.ticked()
    clinics = referable(ticked)
    clinic = window.detail.clinic
    chosen = clinics or ([clinic] if clinic is not None else [])
    window.shortlist_actions.add(chosen, left_out=len(ticked) - len(clinics))


def _clinics_to_add(window: MainWindow) -> str | None:
    # the clinics on screen are the search before's until this one's results are in
    if window.searching.state is SearchState.SEARCHING:
        return window_text.search_still_running()
    clinic = window.detail.clinic
    if referable(window.results.ticked()):
        return None
    if clinic is None:
        return window_text.select_a_clinic()
    if clinic.kind is EntryKind.UNNAMED_PROVIDER:  # from the menu: its button is disabled
        return window_text.notice(_(NOT_SHORTLISTED))
    return None


def _shortlist_on_screen(window: MainWindow) -> str | None:
    if window.shortlist_actions.current is None:
        return window_text.no_shortlist_open()
    return None


def _shortlists_kept(window: MainWindow) -> str | None:
    if window.shortlists.names():
        return None
    return window_text.no_shortlists(
        window.shortlists.problem if window.shortlists.unreadable else None
    )


def _shortlist_to_open(window: MainWindow) -> str | None:
    if window.session.registry is None:
        return window_text.registry_not_loaded_yet()
    return _shortlists_kept(window)


def _clinic_on_shortlist(window: MainWindow) -> str | None:
    if window.shortlist_actions.current is None or window.detail.clinic is None:
        return window_text.open_a_shortlist()
    return None


def _privacy(window: MainWindow) -> None:
    from locator.ui.privacy_dialog import PrivacyDialog  # only when asked for: start-up stays light

    PrivacyDialog(window.preferences, window.shortlists, window.settings, window).exec()
    window.privacy_changed()


def _language(window: MainWindow) -> None:
    name = choose_language(window, window.settings)
    if name is not None:
        window.messages.post(MessageKind.NOTICE, window_text.language_chosen(name))


def _shortcuts(window: MainWindow) -> None:
    show_shortcuts(window, window.commands.shortcut_rows(MENUS))


ACTIONS: tuple[Action[MainWindow], ...] = (
    Action("file.find", N_("&Find a place"), lambda w: w.search_bar.focus_place(), Key.Find),
    Action("file.open", N_("&Open registry…"), lambda w: w.registry_actions.open(), Key.Open),
    Action(
        "file.reload", N_("&Reload registry"), lambda w: w.registry_actions.reload(), Key.Refresh
    ),
    Action("file.edit", N_("&Edit registry…"), lambda w: w.registry_actions.edit(), "Ctrl+Shift+E"),
    Action(
        "file.export_registry",
        N_("Export registry &as…"),
        lambda w: w.directory_actions.export(),
        enablement=lambda w: w.directory_actions.why_not_export(),
    ),
    Action(
        "file.import_directory",
        N_("&Import directory…"),
        lambda w: w.directory_actions.import_directory(),
        enablement=lambda w: w.directory_actions.why_not_import(),
    ),
    Action(
        "file.export_comparison",
        N_("E&xport comparison…"),
        lambda w: w.comparing.export(),
        "Ctrl+E",
        lambda w: w.comparing.why_not_compare(),
    ),
    Action(
        "file.print_comparison",
        N_("&Print comparison…"),
        lambda w: w.comparing.print(),
        Key.Print,
        lambda w: w.comparing.why_not_compare(),
    ),
    Action(
        "file.referral",
        N_("Referral &summary (PDF)…"),
        lambda w: w.comparing.refer(),
        "Ctrl+Shift+R",
        lambda w: w.comparing.why_not_refer(),
    ),
    Action("file.quit", N_("&Quit"), lambda w: w.close(), Key.Quit),
    Action("view.results", N_("&Results"), lambda w: _focus(w.results.table), "Ctrl+1"),
    Action("view.map", N_("&Map"), _to_map, "Ctrl+2"),
    Action("view.details", N_("&Details"), lambda w: _focus(w.detail.browser), "Ctrl+3"),
    # F8 as in mail readers, where it shows or hides a pane: the same key on every layout
    Action(
        "view.large_details",
        N_("&Large details (map hidden)"),
        lambda w: w.enlarge_details(not w.details_enlarged),
        "F8",
        checked=lambda w: w.details_enlarged,
    ),
    Action(
        "shortlists.add",
        N_("&Add ticked or selected clinics to a shortlist…"),
        _add_to_shortlist,
        "Ctrl+D",
        _clinics_to_add,
    ),
    Action(
        "shortlists.open",
        N_("&Open a shortlist…"),
        lambda w: w.shortlist_actions.open(),
        "Ctrl+L",
        _shortlist_to_open,
    ),
    Action(
        "shortlists.back",
        N_("&Back to the search results"),
        lambda w: w.shortlist_actions.back(),
        Key.Back,
        _shortlist_on_screen,
    ),
    Action(
        "shortlists.remove",
        N_("Re&move selected clinic from the shortlist"),
        lambda w: w.shortlist_actions.remove(_selected(w)),
        enablement=_clinic_on_shortlist,
    ),
    Action(
        "shortlists.rename",
        N_("Re&name a shortlist…"),
        lambda w: w.shortlist_actions.rename(),
        enablement=_shortlists_kept,
    ),
    Action(
        "shortlists.delete",
        N_("&Delete a shortlist…"),
        lambda w: w.shortlist_actions.delete(),
        enablement=_shortlists_kept,
    ),
    Action("tools.privacy", N_("&Privacy and stored data…"), _privacy),
    Action("tools.language", N_("&Language…"), _language),
    Action("help.shortcuts", N_("&Keyboard shortcuts"), _shortcuts, "F1"),
    Action(
        "help.about",
        N_("&About locator"),
        lambda w: show_about(w, w.session.registry, w.session.choice),
    ),
    # the results' Compare button, in no menu (File → Export comparison compares, then saves)
    Action(
        "results.compare",
        N_("Co&mpare ticked clinics"),
        lambda w: w.comparing.compare(),
        enablement=lambda w: w.comparing.why_not_compare(),
    ),
)

MENUS = (
    Menu(
        N_("&File"),
        (
            "file.find",
            "file.open",
            "file.reload",
            "file.edit",
            "file.export_registry",
            "file.import_directory",
            None,
            "file.export_comparison",
            "file.print_comparison",
            "file.referral",
            None,
            "file.quit",
        ),
    ),
    Menu(N_("&View"), ("view.results", "view.map", "view.details", None, "view.large_details")),
    Menu(
        N_("Short&lists"),
        (
            "shortlists.add",
            "shortlists.open",
            "shortlists.back",
            "shortlists.remove",
            "shortlists.rename",
            "shortlists.delete",
        ),
    ),
    Menu(N_("&Tools"), ("tools.privacy", "tools.language")),
    Menu(N_("&Help"), ("help.shortcuts", "help.about")),
)
