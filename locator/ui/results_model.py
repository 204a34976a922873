"""The results table's model: one row per clinic, columns from one declared list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from locator.data.vocabulary import EntryKind
from locator.drive_time import at_searched_place
from locator.i18n import N_, _, locale_tag
from locator.presentation import (
    LOCATION_NOT_LISTED,
    distance_text,
    full_address,
    how_far,
    inferred_mark,
    labels,
    other_places,
    page_text,
    place_name,
    served_place,
    shown_name,
    where_short,
)
from locator.ui.literal_text import literal
from locator.units import Unit

if TYPE_CHECKING:
    from locator.data.models import Clinic
    from locator.search import Match

CLINIC_ROLE = Qt.ItemDataRole.UserRole + 1  # the Clinic of a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what the column sorts by
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3  # 0: clinics, 1: unnamed providers, listed after
UNNAMED_GROUP = N_(
    "Unnamed providers reported in the area, listed after the clinics: no one to contact"
)

_Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(  # the roles :meth:`ResultsModel.data` answers, as numbers
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.AccessibleDescriptionRole,
        CLINIC_ROLE,
        SORT_ROLE,
        GROUP_ROLE,
    )
)


@dataclass(frozen=True)
class _Row:
    """A clinic shown, with what the search found about it (None: shown without a distance)."""

    clinic: Clinic
    match: Match | None = None

    @property
    def distance_km(self) -> float | None:
        return None if self.match is None else self.match.distance_km

    @property
    def serves_origin(self) -> bool:
        return self.match is not None and self.match.serves_origin

    @property
    def also_at(self) -> tuple[str, ...]:
        return () if self.match is None else self.match.also_at


@dataclass(frozen=True)
class Column:
    """A column: its title, its text for a row, and what it sorts by."""

    title: str
    text: Callable[[_Row, Unit], str]
    sort_key: Callable[[_Row], Any]
    least: int = 0  # a column with none is as wide as its contents
    share: int = 0


def _where(row: _Row, unit: Unit) -> str:
    """Where it is, and the other places of its organization, marked once where a state
    among them is the registry's inference (the tooltip's address marks its own)."""
    places = [place_name(row.clinic), *row.also_at]
    return _where_at(row, where_short(row.clinic), inferred_mark(row.clinic, places))


def _where_at(row: _Row, place: str, mark: str = "") -> str:
    """``place`` with what the search found about it: serves the place searched, other sites;
    ``mark`` (" (state inferred)") right after the places it is about, never after "your
    place", which the person typed."""
    text = place + ("" if row.also_at else mark)
    if row.serves_origin and row.clinic.kind is EntryKind.UNNAMED_PROVIDER:
        text += _(" · reported in your place")  # providers a source reports, serving no one
    elif row.serves_origin:
        text += _(" · serves your place")
    if row.also_at and served_place(row.clinic):  # other places it serves, not other sites
        text += _(" · also serves {join}").format(join=other_places(row.also_at)) + mark
    elif row.also_at:
        text += _(" · also {join}").format(join=other_places(row.also_at)) + mark
    return text


def row_sentence(row: _Row, unit: Unit) -> str:
    """The row as a screen reader says it: "Nervana Medical, 4.2 mi, in Sandy, UT, treats
    Depression and Anxiety" (the cells alone would be read as a list of fragments)."""
    from babel.lists import format_list  # on first use, as locator.i18n.number does

    clinic = row.clinic
    if row.distance_km is None:
        where = _(LOCATION_NOT_LISTED)
    else:
        distance = distance_text(row.distance_km, clinic, unit)  # or "in Sandy, UT (approximate)"
        place = place_name(clinic)
        where = (
            distance
            if place in distance
            else _("{distance}, in {place}").format(distance=distance, place=place)
        )
    if clinic.conditions:
        locale = locale_tag().replace("-", "_")
        conditions = format_list([term.running for term in clinic.conditions], locale=locale)
        treats = _("treats {conditions}").format(conditions=conditions)
    else:
        treats = _("conditions treated not listed")
    sentence = _("{name}, {where}, {treats}").format(
        name=page_text(shown_name(clinic, with_place=False)), where=where, treats=treats
    )
    if clinic.kind is EntryKind.UNNAMED_PROVIDER:  # the group heading, which is only drawn
        return _("{sentence}; listed after the clinics, with no one to contact").format(
            sentence=sentence
        )
    return sentence


def _distance_order(row: _Row) -> float:
    """Nearest first, a clinic said to be in the searched city ("same city") as 0, and a
    clinic without a distance last."""
    if row.distance_km is None:
        return float("inf")
    return 0.0 if at_searched_place(row.distance_km, row.clinic) else row.distance_km


def _text_order(text: Callable[[_Row, Unit], str]) -> Callable[[_Row], str]:
    """Sorted by the text shown, as a reader would, whatever its case."""
    return lambda row: text(row, Unit.MILES).casefold()


def _treats(row: _Row, unit: Unit) -> str:
    return labels(row.clinic.conditions)


def _offers(row: _Row, unit: Unit) -> str:
    return labels(row.clinic.treatments)


def _name(row: _Row, unit: Unit) -> str:
    return shown_name(row.clinic)


def _distance(row: _Row, unit: Unit) -> str:
    """ "4.2 mi", "≈ 5 mi" for a clinic placed approximately, "same city", or "—"."""
    if row.distance_km is None:
        return "—"
    return distance_text(row.distance_km, row.clinic, unit, short=True)


# What a text column needs at least (px) and its share of the room left: the table fits its
# width, dropping the columns at the right that no longer fit (the details show them all).
COLUMNS = (
    Column("", lambda row, unit: "", lambda row: 0),  # the compare tick; ticked ones sort first
    Column(N_("Distance"), _distance, _distance_order),
    Column(N_("Clinic"), _name, _text_order(_name), least=130, share=3),
    Column(N_("Where"), _where, _text_order(_where), least=110, share=3),
    Column(N_("Treats"), _treats, _text_order(_treats), least=100, share=2),
    Column(N_("Offers"), _offers, _text_order(_offers), least=110, share=2),
)
TICK_COLUMN = 0
DISTANCE_COLUMN = 1
NAME_COLUMN = 2
WHERE_COLUMN = 3


def tick_key(clinic: Clinic) -> str:
    """What a tick belongs to: the organization, so a provider ticked at one of its presences
    stays ticked where a later search shows another."""
    return clinic.organization or clinic.id


class Ticks(QObject):
    """The clinics chosen for comparison or a referral, shared by every results table."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys: set[str] = set()

    def __contains__(self, clinic: Clinic) -> bool:
        return tick_key(clinic) in self._keys

    def set(self, clinic: Clinic, ticked: bool) -> None:
        """Tick or untick ``clinic`` (and its organization's other presences)."""
        key = tick_key(clinic)
        if ticked != (key in self._keys):
            (self._keys.add if ticked else self._keys.discard)(key)
            self.changed.emit()

    @property
    def keys(self) -> tuple[str, ...]:
        """What is ticked (organizations and clinic ids), to be kept across a restart."""
        return tuple(sorted(self._keys))

    def restore(self, keys: tuple[str, ...]) -> None:
        """Tick exactly ``keys`` (as :attr:`keys` gave them)."""
        if set(keys) != self._keys:
            self._keys = set(keys)
            self.changed.emit()

    def clear(self) -> None:
        """Untick everything."""
        if self._keys:
            self._keys.clear()
            self.changed.emit()


class ResultsModel(QAbstractTableModel):
    """Clinics found by a search (or clinics without a location), with compare ticks."""

    def __init__(self, ticks: Ticks, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._ticks = ticks
        ticks.changed.connect(self._on_ticks_changed)
        self.unit = Unit.MILES
        self._texts: dict[tuple[int, int], str] = {}  # the cells' texts, by (row, column)

    def set_matches(self, matches: Sequence[Match]) -> None:
        """Show the matches of a search, nearest first."""
        self._reset(_Row(match.clinic, match) for match in matches)

    def set_clinics(self, clinics: Sequence[Clinic]) -> None:
        """Show clinics without distances (those with no location)."""
        self._reset(_Row(clinic) for clinic in clinics)

    def _reset(self, rows: Any) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts.clear()
        self.endResetModel()

    def set_unit(self, unit: Unit) -> None:
        """Show distances in ``unit``."""
        self.unit = unit
        self._texts.clear()
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, DISTANCE_COLUMN), self.index(last, DISTANCE_COLUMN))

    def clinic_at(self, row: int) -> Clinic:
        """The clinic shown in ``row``."""
        return self._rows[row].clinic

    def row_of(self, clinic_id: str) -> int | None:
        """The row showing ``clinic_id``, if any."""
        for number, row in enumerate(self._rows):
            if row.clinic.id == clinic_id:
                return number
        return None

    @property
    def ticked(self) -> list[Clinic]:
        """Clinics ticked for comparison, in table order."""
        return [row.clinic for row in self._rows if row.clinic in self._ticks]

    @property
    def clinics(self) -> list[Clinic]:
        """Every clinic shown, in model order."""
        return [row.clinic for row in self._rows]

    def _on_ticks_changed(self) -> None:
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(
                self.index(0, TICK_COLUMN),
                self.index(last, TICK_COLUMN),
                [Qt.ItemDataRole.CheckStateRole],
            )

    # Qt's model interface ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section].title)
        if role == Qt.ItemDataRole.ToolTipRole and section == TICK_COLUMN:
            return _("Tick 2 to 4 clinics to compare them")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for a dozen roles per cell each time it measures or paints one (fonts,
        # colours, alignment...): those it does not give are turned away first, and a cell's
        # text is made once per search (``_texts``), not again for each of those questions.
        if role not in _ROLES or not index.isValid():
            return None
        row, column = self._rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            key = (index.row(), index.column())
            text = self._texts.get(key)
            if text is None:
                # registry text is cut as a page cuts it: a 1 MB name would stall the table
                text = self._texts[key] = page_text(column.text(row, self.unit))
            return text
        if role == Qt.ItemDataRole.ToolTipRole and index.column() != TICK_COLUMN:
            return literal(page_text(self._tip(row, index.column())))  # never markup
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == TICK_COLUMN:
            ticked = row.clinic in self._ticks
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == TICK_COLUMN:
            return _("compare {clinic}").format(clinic=page_text(shown_name(row.clinic)))
        # Whichever cell of a row has the focus, a screen reader can say the whole row: the
        # clinic's cell as its name, every other cell as its description.
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == NAME_COLUMN:
            return row_sentence(row, self.unit)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and index.column() != NAME_COLUMN:
            return row_sentence(row, self.unit)
        if role == CLINIC_ROLE:
            return row.clinic
        if role == SORT_ROLE:
            if index.column() == TICK_COLUMN:
                return 0 if row.clinic in self._ticks else 1
            return column.sort_key(row)
        if role == GROUP_ROLE:
            return int(row.clinic.kind is EntryKind.UNNAMED_PROVIDER)
        return None

    def _tip(self, row: _Row, column: int) -> str:
        """What a cell's tooltip says: its text in full, or more than it has room for."""
        if column == DISTANCE_COLUMN and row.match is not None:
            # behind "same city", and the estimated drive the narrow column leaves out
            return how_far(row.match, self.unit)
        if column == WHERE_COLUMN:  # with the street, where one is listed
            return _where_at(row, full_address(row.clinic))
        return COLUMNS[column].text(row, self.unit)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != TICK_COLUMN:
            return False
        self._ticks.set(
            self._rows[index.row()].clinic, Qt.CheckState(value) == Qt.CheckState.Checked
        )
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == TICK_COLUMN:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base
