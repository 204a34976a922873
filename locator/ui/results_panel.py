"""The results: clinics found (nearest first), clinics without a location, and what to do
with the ticked ones (compare them, write a referral summary)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from locator.i18n import _, ngettext
from locator.ui.flow_layout import FlowLayout
from locator.ui.results_model import (
    CLINIC_ROLE,
    COLUMNS,
    DISTANCE_COLUMN,
    GROUP_ROLE,
    SORT_ROLE,
    TICK_COLUMN,
    UNNAMED_GROUP,
    ResultsModel,
    Ticks,
)
from locator.ui.why_not import offer
from locator.units import Unit

if TYPE_CHECKING:
    from locator.data.models import Clinic
    from locator.search import Match

MAX_COMPARED = 4
FITTED_SHARE = 4  # the clinics without a location take at most a quarter of the results'
# height (two rows at least): two rows at 800x600, four in a window 900 pixels tall
_PADDING = 4  # around the unnamed providers' heading
_Index = QModelIndex | QPersistentModelIndex


class GroupedProxy(QSortFilterProxyModel):
    """Sorted by the column chosen, either way, within each group: clinics always come first,
    then unnamed providers (no one to contact), under the heading the table draws."""

    def lessThan(self, left: _Index, right: _Index) -> bool:  # noqa: N802 - Qt's name
        groups: tuple[int, int] = (left.data(GROUP_ROLE), right.data(GROUP_ROLE))
        if groups[0] != groups[1]:
            # Qt sorts descending by asking lessThan(right, left): the groups keep their order
            descending = self.sortOrder() is Qt.SortOrder.DescendingOrder
            return (groups[0] < groups[1]) != descending
        mine, theirs = left.data(SORT_ROLE), right.data(SORT_ROLE)
        return bool(mine < theirs)


def first_of_group(index: _Index) -> bool:
    """True for the first unnamed provider's row, under which the group's heading is drawn."""
    if index.data(GROUP_ROLE) != 1:
        return False
    above = index.model().index(index.row() - 1, 0) if index.row() else None
    return above is None or above.data(GROUP_ROLE) != 1


class _HeadingRoom(QStyledItemDelegate):
    """Leaves room above the first unnamed provider's row for its group's heading."""

    def __init__(self, table: ResultsTable) -> None:
        super().__init__(table)
        self.table = table

    def _below(self, option: QStyleOptionViewItem, index: _Index) -> QStyleOptionViewItem:
        moved = QStyleOptionViewItem(option)
        if first_of_group(index):
            moved.rect = option.rect.adjusted(0, self.table.heading_height(), 0, 0)
        return moved

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        if first_of_group(index):  # the style leaves the focus ring room around the words
            size.setHeight(size.height() + self.table.heading_height())
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        super().paint(painter, self._below(option, index), index)

    def editorEvent(  # noqa: N802 - Qt's name
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: _Index,
    ) -> bool:
        """A click anywhere in a row's tick cell ticks it: the box is drawn lower in a row
        under a heading, and a bigger target is easier to hit."""
        if index.column() != TICK_COLUMN or not isinstance(event, QMouseEvent):
            return super().editorEvent(event, model, self._below(option, index), index)
        on_cell = option.rect.contains(event.position().toPoint())
        if event.button() != Qt.MouseButton.LeftButton or not on_cell:
            return False
        if event.type() is not QEvent.Type.MouseButtonRelease:
            return True  # the press, or a double click: the release ticks
        ticked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        state = Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked
        return model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)


class ResultsTable(QTableView):
    """A results table that fits its width (its text wraps; the columns at the right that no
    longer fit are left out, the details showing everything) and draws the heading of the
    unnamed providers' group above them."""

    def __init__(
        self, model: QAbstractItemModel, name: str, parent: QWidget, *, fitted: bool = False
    ) -> None:
        """``fitted``: no taller than its rows, nor than :data:`FITTED_SHARE` of its parent
        (two rows at least; it scrolls for more), for a table under one that needs the room
        more; else it takes the room it is given."""
        super().__init__(parent)
        self._fitted = fitted
        self.setModel(model)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_HeadingRoom(self))
        self.verticalHeader().hide()
        # rows are sized to their wrapped text by :meth:`fit`, once per change of rows or
        # widths: a header resizing to contents would measure every cell again at each layout
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setStretchLastSection(False)
        model.modelReset.connect(self.fit)
        model.layoutChanged.connect(self.fit)
        model.dataChanged.connect(self.fit)
        model.headerDataChanged.connect(self.fit)

    def heading_height(self) -> int:
        """The height of the unnamed providers' heading at the table's width."""
        width = max(self.viewport().width() - self.columnWidth(TICK_COLUMN) - 2 * _PADDING, 1)
        flags = Qt.TextFlag.TextWordWrap
        text = self.fontMetrics().boundingRect(0, 0, width, 10_000, flags, _(UNNAMED_GROUP))
        return text.height() + 2 * _PADDING

    def fit(self) -> None:
        """Columns across the width, never beyond it: the tick and the distance as wide as
        their contents, then each text column in turn while its least width fits, sharing
        what is left."""
        header = self.horizontalHeader()
        room = self.contentsRect().width() - self.verticalScrollBar().sizeHint().width()
        for number, column in enumerate(COLUMNS):
            if not column.least:
                width = max(self.sizeHintForColumn(number), header.sectionSizeHint(number))
                self.setColumnWidth(number, width)
                room -= width
        shown: list[int] = []
        full = False
        for number, column in enumerate(COLUMNS):
            if column.least:
                needed = sum(COLUMNS[n].least for n in shown) + column.least
                full = full or (bool(shown) and needed > room)
                self.setColumnHidden(number, full)
                if not full:
                    shown.append(number)
        spare = max(room - sum(COLUMNS[n].least for n in shown), 0)
        shares = sum(COLUMNS[n].share for n in shown)
        widths = [COLUMNS[n].least + spare * COLUMNS[n].share // shares for n in shown]
        widths[-1] += max(room - sum(widths), 0)  # what rounding left over
        for number, width in zip(shown, widths, strict=True):
            self.setColumnWidth(number, width)
        self.verticalHeader().resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalScrollBar().setValue(0)
        self.fit_height()

    def fit_height(self) -> None:
        """As tall as its rows (one, when it has none), up to its share of its parent's
        height, so that the room it does not need goes to the table above: two rows on a small
        screen, more in a tall window."""
        if not self._fitted:
            return
        default = self.verticalHeader().defaultSectionSize()
        heights = [self.rowHeight(r) or default for r in range(max(self.model().rowCount(), 1))]
        header = self.horizontalHeader().sizeHint().height()
        edges = header + 2 * self.frameWidth()  # the frame: the focus ring's place
        parent = self.parentWidget()
        share = parent.height() // FITTED_SHARE - header if parent is not None else 0
        rows = min(sum(heights), max(sum(heights[:2]), share))
        self.setMaximumHeight(edges + rows)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """The cells, then the heading of the unnamed providers' group above the first one."""
        super().paintEvent(event)
        model = self.model()
        first = next(
            (r for r in range(model.rowCount()) if first_of_group(model.index(r, 0))), None
        )
        if first is None:
            return
        top = self.rowViewportPosition(first)
        left = self.columnWidth(TICK_COLUMN)  # the tick cell is all the row's, for a click
        band = QRect(left, top, self.viewport().width() - left, self.heading_height())
        painter = QPainter(self.viewport())
        painter.fillRect(band, self.palette().color(QPalette.ColorRole.Window))
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        text = band.adjusted(_PADDING, _PADDING, -_PADDING, -_PADDING)
        painter.drawText(text, Qt.TextFlag.TextWordWrap, _(UNNAMED_GROUP))
        painter.drawLine(band.bottomLeft(), band.bottomRight())
        painter.end()


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
        self.proxy = GroupedProxy(self)
        self.proxy.setSourceModel(self.found)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = ResultsTable(self.proxy, _("Clinics found, nearest first"), self)
        self.table.setSortingEnabled(True)
        self.unlocated = ResultsModel(self.ticks, self)
        self.unlocated_table = ResultsTable(
            self.unlocated, _("Clinics without a location"), self, fitted=True
        )
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
        layout.addWidget(self.table, 1)
        layout.addWidget(self.unlocated_label)
        layout.addWidget(self.unlocated_table)
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
        self._list_unlocated(())
        self._on_ticks_changed()

    # what is shown --------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.unlocated_table.fit_height()  # its share of a taller or shorter panel

    def show_matches(self, matches: Sequence[Match], unlocated: Sequence[Clinic]) -> None:
        """A search's clinics, nearest first, and those without a location apart."""
        self.found.set_matches(matches)
        self.proxy.sort(DISTANCE_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSortIndicator(DISTANCE_COLUMN, Qt.SortOrder.AscendingOrder)
        self._list_unlocated(unlocated)
        self._on_ticks_changed()

    def show_clinics(self, located: Sequence[Clinic], unlocated: Sequence[Clinic]) -> None:
        """Clinics without distances (a shortlist opened before any search)."""
        self.found.set_clinics(located)
        self._list_unlocated(unlocated)
        self._on_ticks_changed()

    def _list_unlocated(self, unlocated: Sequence[Clinic]) -> None:
        """The clinics without a location, under their title only when there are any: an
        empty table with its headers (after a filter) took 70 pixels of an 800x600 window
        from the clinics above."""
        self.unlocated.set_clinics(unlocated)
        for widget in (self.unlocated_label, self.unlocated_table):
            widget.setVisible(bool(unlocated))

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
