"""The search bar: where, how far, in which unit, and what the clinic must treat or offer."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from locator.data.vocabulary import Condition, Term, Treatment
from locator.units import Filters, Unit

RADII = (None, 10, 25, 50, 100, 250)


class _TermMenuButton(QToolButton):
    """A button whose menu holds a checkable action per vocabulary term, and "clear all"."""

    changed = Signal()

    def __init__(self, title: str, terms: Sequence[Term], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAccessibleName(f"{title} filter")
        menu = QMenu(self)
        self._actions: dict[Term, QAction] = {}
        for term in terms:
            action = menu.addAction(term.label)
            action.setCheckable(True)
            action.toggled.connect(self._on_toggled)
            self._actions[term] = action
        menu.addSeparator()
        menu.addAction("Clear all", self.clear)
        self.setMenu(menu)
        self._refresh()

    def chosen(self) -> list[Term]:
        """The ticked terms."""
        return [term for term, action in self._actions.items() if action.isChecked()]

    def choose(self, keys: Sequence[str]) -> None:
        """Tick exactly the terms with these keys."""
        for term, action in self._actions.items():
            action.blockSignals(True)
            action.setChecked(term.value in keys)
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
        self.setToolTip(", ".join(term.label for term in self.chosen()) or f"Any {self._title}")


class SearchBar(QWidget):
    """Emits ``search_requested`` on Enter or the Search button."""

    search_requested = Signal()
    unit_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.place = QLineEdit(self)
        self.place.setPlaceholderText("ZIP code, city and state, or street address")
        self.place.setAccessibleName("Place to search near")
        self.place.setClearButtonEnabled(True)
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.place.setCompleter(completer)
        self._complete: Callable[[str], list[str]] | None = None
        self.place.textEdited.connect(self._on_edited)
        self.place.returnPressed.connect(self.search_requested)
        completer.activated.connect(lambda _text: self.search_requested.emit())

        self.radius = QComboBox(self)
        self.radius.setAccessibleName("Search radius")
        self.unit = QComboBox(self)
        self.unit.setAccessibleName("Distance unit")
        self.unit.addItem("miles", Unit.MILES)
        self.unit.addItem("km", Unit.KM)
        self.unit.currentIndexChanged.connect(self._fill_radii)
        self.unit.currentIndexChanged.connect(lambda _i: self.unit_changed.emit())
        self._fill_radii()
        self.conditions = _TermMenuButton("Conditions", list(Condition), self)
        self.treatments = _TermMenuButton("Treatments", list(Treatment), self)
        self.button = QPushButton("&Search", self)
        self.button.setDefault(True)
        self.button.clicked.connect(self.search_requested)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        where = QLabel("&Near:", self)
        where.setBuddy(self.place)
        layout.addWidget(where)
        layout.addWidget(self.place, 1)
        within = QLabel("&Within:", self)
        within.setBuddy(self.radius)
        layout.addWidget(within)
        layout.addWidget(self.radius)
        layout.addWidget(self.unit)
        layout.addWidget(self.conditions)
        layout.addWidget(self.treatments)
        layout.addWidget(self.button)
        for first, second in (
            (self.place, self.radius),
            (self.radius, self.unit),
            (self.unit, self.conditions),
            (self.conditions, self.treatments),
            (self.treatments, self.button),
        ):
            QWidget.setTabOrder(first, second)

    def set_completer_source(self, complete: Callable[[str], list[str]] | None) -> None:
        """Where place suggestions come from as the user types (the offline gazetteer)."""
        self._complete = complete

    def _on_edited(self, text: str) -> None:
        if self._complete is not None and len(text.strip()) >= 2:
            self._suggestions.setStringList(self._complete(text))

    def _fill_radii(self) -> None:
        chosen = self.radius.currentData()
        unit: Unit = self.unit.currentData()
        self.radius.blockSignals(True)
        self.radius.clear()
        for value in RADII:
            self.radius.addItem("any distance" if value is None else f"{value} {unit.value}", value)
        index = self.radius.findData(chosen)
        self.radius.setCurrentIndex(max(index, 0))
        self.radius.blockSignals(False)

    @property
    def chosen_unit(self) -> Unit:
        """The unit chosen."""
        return self.unit.currentData()

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
        """The chosen conditions and treatments."""
        return Filters(
            frozenset(self.conditions.chosen()),  # type: ignore[arg-type]
            frozenset(self.treatments.chosen()),  # type: ignore[arg-type]
        )

    def as_dict(self) -> dict[str, object]:
        """The search as plain values, to remember it."""
        return {
            "query": self.place.text(),
            "radius": self.radius.currentData() or 0,
            "conditions": [t.value for t in self.conditions.chosen()],
            "treatments": [t.value for t in self.treatments.chosen()],
        }

    def restore(self, search: dict[str, object]) -> None:
        """Put a remembered search back."""
        self.place.setText(str(search.get("query", "")))
        radius = search.get("radius")
        self.set_radius(radius if isinstance(radius, int) else None)
        self.conditions.choose([str(v) for v in search.get("conditions", [])])  # type: ignore[union-attr]
        self.treatments.choose([str(v) for v in search.get("treatments", [])])  # type: ignore[union-attr]
