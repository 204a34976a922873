"""The results: clinics found (nearest first), clinics without a location, and what to do
with the ticked ones (compare them, write a referral summary)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from locator.i18n import _, ngettext
from locator.ui.flow_layout import FlowLayout
from locator.ui.results_model import (
    CLINIC_ROLE,
    DISTANCE_COLUMN,
    SORT_ROLE,
    TICK_COLUMN,
    ResultsModel,
    Ticks,
)
from locator.ui.why_not import offer
from locator.units import Unit

if TYPE_CHECKING:
    from locator.data.models import Clinic
    from locator.search import Match

MAX_COMPARED = 4


def _table(model: QSortFilterProxyModel | ResultsModel, name: str, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in ((TICK_COLUMN, 28), (DISTANCE_COLUMN, 90), (2, 180), (3, 170)):
        table.setColumnWidth(column, width)
    return table


class ResultsPanel(QWidget):
    """Two tables sharing one set of ticks, and the compare and referral buttons."""

    selected = Signal(object)  # Clinic
    compare_requested = Signal()
    referral_requested = Signal()
    ticks_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticks = Ticks(self)
        self.ticks.changed.connect(self._on_ticks_changed)
        self.found = ResultsModel(self.ticks, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.found)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = _table(self.proxy, _("Clinics found, nearest first"), self)
        self.table.setSortingEnabled(True)
        self.unlocated = ResultsModel(self.ticks, self)
        self.unlocated_table = _table(self.unlocated, _("Clinics without a location"), self)
        self.unlocated_label = QLabel(
            _("<b>Location not listed</b> — not ranked by distance:"), self
        )
        self.compare_button = QPushButton(self)
        self.compare_button.clicked.connect(self.compare_requested)
        self.referral_button = QPushButton(_("Referral summary (&PDF)…"), self)
        self.referral_button.clicked.connect(self.referral_requested)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)  # in the text colour: greyed out, it would be hard to read
        buttons = FlowLayout()
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.referral_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.unlocated_label)
        layout.addWidget(self.unlocated_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        for table in (self.table, self.unlocated_table):
            # a selected row, not the current one: Tab into a table makes a row current
            # without the user choosing it
            table.selectionModel().selectionChanged.connect(
                lambda _selected, _deselected, t=table: self._on_selection_changed(t)
            )
            tick = QShortcut(QKeySequence(Qt.Key.Key_Space), table, lambda t=table: self._toggle(t))
            tick.setContext(Qt.ShortcutContext.WidgetShortcut)
        QWidget.setTabOrder(self.table, self.unlocated_table)
        QWidget.setTabOrder(self.unlocated_table, self.compare_button)
        QWidget.setTabOrder(self.compare_button, self.referral_button)
        self._on_ticks_changed()

    # what is shown --------------------------------------------------------------------

    def show_matches(self, matches: Sequence[Match], unlocated: Sequence[Clinic]) -> None:
        """A search's clinics, nearest first, and those without a location apart."""
        self.found.set_matches(matches)
        self.proxy.sort(DISTANCE_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSortIndicator(DISTANCE_COLUMN, Qt.SortOrder.AscendingOrder)
        self.unlocated.set_clinics(unlocated)
        self._on_ticks_changed()

    def show_clinics(self, located: Sequence[Clinic], unlocated: Sequence[Clinic]) -> None:
        """Clinics without distances (a shortlist opened before any search)."""
        self.found.set_clinics(located)
        self.unlocated.set_clinics(unlocated)
        self._on_ticks_changed()

    def set_unit(self, unit: Unit) -> None:
        """Show distances in ``unit``."""
        self.found.set_unit(unit)

    @property
    def clinics(self) -> list[Clinic]:
        """Every clinic in the tables."""
        return self.found.clinics + self.unlocated.clinics

    def ticked(self) -> list[Clinic]:
        """Clinics ticked, found ones first."""
        return self.found.ticked + self.unlocated.ticked

    def tick(self, clinics: Sequence[Clinic]) -> None:
        """Tick exactly ``clinics``."""
        self.ticks.clear()
        for clinic in clinics:
            self.ticks.set(clinic, True)

    def select(self, clinic_id: str) -> bool:
        """Select a clinic's row (a click on its marker lands here); False if not shown."""
        for table, model in ((self.table, self.found), (self.unlocated_table, self.unlocated)):
            row = model.row_of(clinic_id)
            if row is None:
                continue
            index = model.index(row, 2)
            if table is self.table:
                index = self.proxy.mapFromSource(index)
            table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            table.scrollTo(index)
            return True
        return False

    def select_first(self) -> bool:
        """Select the nearest clinic; False when none is shown."""
        for table in (self.table, self.unlocated_table):
            if table.model().rowCount() > 0:
                index = table.model().index(0, 2)
                table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                return True
        return False

    # reacting ---------------------------------------------------------------------------

    def _on_selection_changed(self, table: QTableView) -> None:
        rows = table.selectionModel().selectedRows(2)
        if not rows:
            return
        clinic = rows[0].data(CLINIC_ROLE)
        if clinic is not None:
            other = self.unlocated_table if table is self.table else self.table
            other.selectionModel().clearSelection()
            self.selected.emit(clinic)

    def _toggle(self, table: QTableView) -> None:
        """Space ticks or unticks the current row."""
        current = table.currentIndex()
        clinic = current.data(CLINIC_ROLE) if current.isValid() else None
        if clinic is not None:
            self.ticks.set(clinic, clinic not in self.ticks)

    def _on_ticks_changed(self) -> None:
        count = len(self.ticked())
        self.compare_button.setText(
            ngettext(
                "Co&mpare {count} ticked clinic", "Co&mpare {count} ticked clinics", count
            ).format(count=count)
            if count
            else _("Co&mpare ticked clinics")
        )
        if count < 2:
            hint = _(
                "Tick 2 to {MAX_COMPARED} clinics (Space in the table) to compare them."
            ).format(MAX_COMPARED=MAX_COMPARED)
        elif count > MAX_COMPARED:
            hint = _(
                "Untick some: at most {MAX_COMPARED} clinics can be compared side by side."
            ).format(MAX_COMPARED=MAX_COMPARED)
        else:
            hint = ""
        self.hint.setText(hint)
        offer(self.compare_button, hint or None, _("Open the side-by-side comparison"))
        offer(
            self.referral_button,
            None if count else _("Tick the clinics to refer to (Space in the table) first."),
            _("A PDF of the ticked clinics, with their contacts and sources, to hand on."),
        )
        self.ticks_changed.emit()
