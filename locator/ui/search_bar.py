"""The search bar: where, how far, in which unit, and what the clinic must treat or offer."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from locator.data.states import STATE_CODES
from locator.data.vocabulary import Condition, Feature, Language, Payment, Term, Treatment
from locator.i18n import _
from locator.practical import usd
from locator.query import NO_FILTERS, Filters, SearchRequest
from locator.ui import window_text
from locator.ui.focus import ring_current_item
from locator.ui.remembered_search import RememberedSearch
from locator.units import Unit

if TYPE_CHECKING:
    from locator.listed import ListedCounts

RADII = (None, 10, 25, 50, 100, 250)
SUGGESTIONS = 8  # place suggestions offered at once: the list shows them all, none scrolled away


def _ticks_in_place(action: QAction | None) -> bool:
    """A check box of its own (not one choice of several): ticking it keeps the menu open."""
    return (
        action is not None
        and action.isEnabled()
        and action.isCheckable()
        and action.actionGroup() is None
    )


class FilterMenu(QMenu):
    """A menu of filters that stays open while its boxes are ticked, by a click or Space, so
    three conditions are one trip; Enter ticks and closes it, as in any menu, and so does a
    choice of one of several (a state, a price)."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        action = self.actionAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and _ticks_in_place(action):
            assert action is not None
            action.trigger()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        action = self.activeAction()
        if event.key() == Qt.Key.Key_Space and _ticks_in_place(action):
            assert action is not None
            action.trigger()
            return
        super().keyPressEvent(event)


def _show_counts(actions: dict[Term, QAction], count: Callable[[Term], int]) -> None:
    """Each term's item says how many entries list it."""
    for term, action in actions.items():
        action.setText(window_text.listed_item(term.label, count(term)))


class _TermMenuButton(QToolButton):
    """A button whose menu holds a checkable action per vocabulary term, and "clear all"."""

    changed = Signal()

    def __init__(self, title: str, terms: Sequence[Term], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title  # with its mnemonic, "&Conditions"
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("{filter} filter").format(filter=title.replace("&", "")))
        menu = FilterMenu(self)
        self._actions: dict[Term, QAction] = {}
        for term in terms:
            action = menu.addAction(term.label)
            action.setCheckable(True)
            action.toggled.connect(self._on_toggled)
            self._actions[term] = action
        menu.addSeparator()
        menu.addAction(_("Clear all"), self.clear)
        self.setMenu(menu)
        self._refresh()

    def show_counts(self, counts: ListedCounts) -> None:
        """Each term's item says how many entries of the registry list it."""
        _show_counts(self._actions, counts.of)

    def chosen(self) -> list[Term]:
        """The ticked terms."""
        return [term for term, action in self._actions.items() if action.isChecked()]

    def choose(self, terms: Collection[Term]) -> None:
        """Tick exactly ``terms``."""
        for term, action in self._actions.items():
            action.blockSignals(True)
            action.setChecked(term in terms)
            action.blockSignals(False)
        self._refresh()
        self.changed.emit()

    def clear(self) -> None:
        """Untick every term."""
        self.choose(())

    def _on_toggled(self) -> None:
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        count = len(self.chosen())
        self.setText(f"{self._title} ({count})" if count else self._title)
        chosen = ", ".join(term.label for term in self.chosen())
        self.setToolTip(
            chosen or _("Any of the {filter}").format(filter=self._title.replace("&", "").lower())
        )
        self.setAccessibleDescription(chosen or _("none chosen"))


PRICES = (200, 300, 400, 500, 750, 1000)  # "price per session at most", in US dollars


class _MoreFiltersButton(QToolButton):
    """The practical filters: yes-or-no facts, payment, languages, telehealth to a state and
    the most a session may cost. Each asks what a source says; "not listed" never matches."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("More filters"))
        menu = FilterMenu(self)
        self._features = self._checkable(menu, list(Feature))
        menu.addSeparator()
        self._payment = self._checkable(self._submenu(menu, _("&Payment accepted")), list(Payment))
        languages = self._submenu(menu, _("&Languages spoken"))
        self._languages = self._checkable(languages, list(Language))
        states: list[tuple[str, object]] = [(code, code) for code in STATE_CODES]
        self._state = self._exclusive(
            self._submenu(menu, _("&Telehealth to")), [(_("any state"), None), *states]
        )
        prices: list[tuple[str, object]] = [(usd(price), price) for price in PRICES]
        self._price = self._exclusive(
            self._submenu(menu, _("Price per &session at most")),
            [(_("any price"), None), *prices],
        )
        menu.addSeparator()
        menu.addAction(_("&Clear all"), self.clear)
        self.setMenu(menu)
        self._refresh()

    @staticmethod
    def _submenu(menu: QMenu, title: str) -> FilterMenu:
        submenu = FilterMenu(title, menu)
        menu.addMenu(submenu)
        return submenu

    def show_counts(self, counts: ListedCounts) -> None:
        """Each item says how many entries of the registry list it."""
        for actions in (self._features, self._payment, self._languages):
            _show_counts(actions, counts.of)
        for action in self._state.actions():
            if (state := action.data()) is not None:
                action.setText(window_text.listed_item(state, counts.telehealth_to(state)))
        for action in self._price.actions():
            if (price := action.data()) is not None:
                action.setText(window_text.listed_item(usd(price), counts.priced_at_most(price)))

    def _checkable(self, menu: QMenu, terms: Sequence[Term]) -> dict[Term, QAction]:
        actions = {}
        for term in terms:
            action = menu.addAction(term.label)
            action.setCheckable(True)
            action.toggled.connect(self._on_toggled)
            actions[term] = action
        return actions

    def _exclusive(self, menu: QMenu, choices: Sequence[tuple[str, object]]) -> QActionGroup:
        group = QActionGroup(menu)
        for text, value in choices:
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setData(value)
            action.setChecked(value is None)
            group.addAction(action)
        group.triggered.connect(self._on_toggled)
        return group

    def _ticked(self, actions: dict[Term, QAction]) -> list[Term]:
        return [term for term, action in actions.items() if action.isChecked()]

    @property
    def telehealth_state(self) -> str | None:
        """The state chosen under "Telehealth to", or None for any."""
        chosen = self._state.checkedAction()
        return chosen.data() if chosen else None

    @property
    def max_price(self) -> int | None:
        """The most a session may cost, in US dollars, or None for any price."""
        chosen = self._price.checkedAction()
        return chosen.data() if chosen else None

    def filters(
        self, conditions: frozenset[Condition], treatments: frozenset[Treatment]
    ) -> Filters:
        """The whole search filter, with the conditions and treatments chosen elsewhere."""
        return Filters(
            conditions,
            treatments,
            payment=frozenset(t for t in self._ticked(self._payment) if isinstance(t, Payment)),
            features=frozenset(t for t in self._ticked(self._features) if isinstance(t, Feature)),
            languages=frozenset(
                t for t in self._ticked(self._languages) if isinstance(t, Language)
            ),
            telehealth_state=self.telehealth_state,
            max_session_usd=self.max_price,
        )

    def choose(self, filters: Filters) -> None:
        """Choose exactly the practical filters of ``filters`` (a state or price not offered:
        any)."""
        for actions, chosen in (
            (self._features, filters.features),
            (self._payment, filters.payment),
            (self._languages, filters.languages),
        ):
            for term, action in actions.items():
                action.blockSignals(True)
                action.setChecked(term in chosen)
                action.blockSignals(False)
        for group, wanted in (
            (self._state, filters.telehealth_state),
            (self._price, filters.max_session_usd),
        ):
            found = [a for a in group.actions() if a.data() == wanted] or group.actions()[:1]
            found[0].setChecked(True)
        self._refresh()
        self.changed.emit()

    def clear(self) -> None:
        """Back to no practical filter."""
        self.choose(NO_FILTERS)

    def _on_toggled(self) -> None:
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        chosen = [
            term.label
            for actions in (self._features, self._payment, self._languages)
            for term in self._ticked(actions)
        ]
        if self.telehealth_state:
            chosen.append(_("telehealth to {state}").format(state=self.telehealth_state))
        if self.max_price is not None:
            chosen.append(_("at most {price} a session").format(price=usd(self.max_price)))
        title = _("More f&ilters")
        self.setText(f"{title} ({len(chosen)})" if chosen else title)
        self.setToolTip(", ".join(chosen) or _("Accepting new patients, payment, languages, …"))
        self.setAccessibleDescription(", ".join(chosen) or _("none chosen"))


class SearchBar(QWidget):
    """Emits ``search_requested`` on Enter or the Search button, and ``criteria_changed`` when
    the distance, the unit or a filter changes (the window then searches again)."""

    search_requested = Signal()
    unit_changed = Signal()
    criteria_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.place = QLineEdit(self)
        self.place.setPlaceholderText(_("ZIP code, city and state, or street address"))
        self.place.setAccessibleName(_("Place to search near"))
        self.place.setClearButtonEnabled(True)
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(SUGGESTIONS)
        self.place.setCompleter(completer)
        self._complete: Callable[[str], list[str]] | None = None
        self.place.textEdited.connect(self._on_edited)
        self.place.returnPressed.connect(self.search_requested)
        completer.activated.connect(lambda _text: self.search_requested.emit())
        popup = completer.popup()
        assert popup is not None  # a completer makes its list when first asked for it
        ring_current_item(popup)  # Qt's own ring on it touches the words
        self._chooser = popup.selectionModel()
        self._chooser.currentChanged.connect(lambda current, _old: self._unless_chosen(current))

        self.radius = QComboBox(self)
        self.radius.setAccessibleName(_("Search radius"))
        self.unit = QComboBox(self)
        self.unit.setAccessibleName(_("Distance unit"))
        self.unit.addItem(_("miles"), Unit.MILES)
        self.unit.addItem(_("km"), Unit.KM)
        self.unit.currentIndexChanged.connect(self._fill_radii)
        self.unit.currentIndexChanged.connect(lambda _i: self.unit_changed.emit())
        self._fill_radii()
        self.conditions = _TermMenuButton(_("&Conditions"), list(Condition), self)
        self.treatments = _TermMenuButton(_("T&reatments"), list(Treatment), self)
        self.more = _MoreFiltersButton(self)
        self.button = QPushButton(_("&Search"), self)
        self.button.setDefault(True)
        self.button.clicked.connect(self.search_requested)
        self.radius.currentIndexChanged.connect(lambda _i: self.criteria_changed.emit())
        self.unit.currentIndexChanged.connect(lambda _i: self.criteria_changed.emit())
        self.conditions.changed.connect(self.criteria_changed)
        self.treatments.changed.connect(self.criteria_changed)
        self.more.changed.connect(self.criteria_changed)

        where = QLabel(_("&Near:"), self)
        where.setBuddy(self.place)
        within = QLabel(_("&Within:"), self)
        within.setBuddy(self.radius)
        units = QLabel(_("&Units:"), self)
        units.setBuddy(self.unit)
        first_row = QHBoxLayout()
        first_row.addWidget(where)
        first_row.addWidget(self.place, 1)
        second_row = QHBoxLayout()
        for widget in (
            within,
            self.radius,
            units,
            self.unit,
            self.conditions,
            self.treatments,
            self.more,
        ):
            second_row.addWidget(widget)
        second_row.addStretch(1)
        second_row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first_row)
        layout.addLayout(second_row)
        for first, second in (
            (self.place, self.radius),
            (self.radius, self.unit),
            (self.unit, self.conditions),
            (self.conditions, self.treatments),
            (self.treatments, self.more),
            (self.more, self.button),
        ):
            QWidget.setTabOrder(first, second)

    def focus_place(self) -> None:
        """Put the keyboard in the place field, its text selected to be typed over."""
        self.place.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.place.selectAll()

    def set_completer_source(self, complete: Callable[[str], list[str]] | None) -> None:
        """Where place suggestions come from as the user types (the offline gazetteer)."""
        self._complete = complete

    def _on_edited(self, text: str) -> None:
        """Suggest places for what the field says now; for fewer than two letters, none (the
        list for an earlier text would offer places the field no longer asks for)."""
        if self._complete is None:
            return
        typed = len(text.strip()) >= 2
        self._suggestions.setStringList(self._complete(text)[:SUGGESTIONS] if typed else [])

    def _unless_chosen(self, current: QModelIndex) -> None:
        """No suggestion looks chosen until the person moves to it (arrows or pointer): the
        completer marks the first as current, yet Enter searches for what the field says."""
        if current.isValid() and not self._chooser.hasSelection():
            self._chooser.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _fill_radii(self) -> None:
        chosen = self.radius.currentData()
        unit: Unit = self.unit.currentData()
        self.radius.blockSignals(True)
        self.radius.clear()
        for value in RADII:
            self.radius.addItem(
                _("any distance") if value is None else f"{value} {unit.value}", value
            )
        index = self.radius.findData(chosen)
        self.radius.setCurrentIndex(max(index, 0))
        self.radius.blockSignals(False)

    @property
    def chosen_unit(self) -> Unit:
        """The unit chosen."""
        return Unit(self.unit.currentData())

    def set_unit(self, unit: Unit) -> None:
        """Choose a unit."""
        self.unit.setCurrentIndex(self.unit.findData(unit))

    @property
    def within_km(self) -> float | None:
        """The radius in kilometres, or None for any distance."""
        value = self.radius.currentData()
        return None if value is None else self.chosen_unit.to_km(value)

    def set_radius(self, value: int | None) -> None:
        """Choose one of the offered radii (in the current unit)."""
        self.radius.setCurrentIndex(max(self.radius.findData(value or None), 0))

    @property
    def filters(self) -> Filters:
        """The chosen conditions, treatments and practical filters."""
        return self.more.filters(
            frozenset(t for t in self.conditions.chosen() if isinstance(t, Condition)),
            frozenset(t for t in self.treatments.chosen() if isinstance(t, Treatment)),
        )

    def show_counts(self, counts: ListedCounts) -> None:
        """The filter menus say how many entries of the registry list each item."""
        for button in (self.conditions, self.treatments, self.more):
            button.show_counts(counts)

    def clear_filters(self) -> None:
        """Untick every filter, then search again once (``criteria_changed``)."""
        for button in (self.conditions, self.treatments, self.more):
            button.blockSignals(True)
            button.clear()
            button.blockSignals(False)
        self.criteria_changed.emit()

    def remembered(self) -> RememberedSearch:
        """The search as the app keeps it."""
        return RememberedSearch(self.place.text(), self.radius.currentData(), self.filters)

    def restore(self, search: RememberedSearch) -> None:
        """Put a remembered search back."""
        self.place.setText(search.place)
        self.set_radius(search.radius)
        self.conditions.choose(search.filters.conditions)
        self.treatments.choose(search.filters.treatments)
        self.more.choose(search.filters)

    def request(self) -> SearchRequest:
        """What the user asks for now, with the unit they chose to read distances in."""
        return SearchRequest(
            self.place.text().strip(), self.within_km, self.filters, unit=self.chosen_unit
        )
