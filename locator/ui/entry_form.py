"""The registry editor's form, built from the field table: a row per field, with a widget of
the field's kind, its label, its hint and a line for its problem.

The form shows a clinic's values and reads back what the maintainer typed, converted by the
field's spec both ways; what to do with a change is the editor's (``registry_editor``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from locator.data.entry_fields import FieldSpec, Kind
from locator.data.provenance import FACT_FIELDS
from locator.i18n import _
from locator.ui.contrast import error_colour
from locator.ui.literal_text import literal

_KEY = Qt.ItemDataRole.UserRole


class _TermList(QListWidget):
    """Checkable labels of a vocabulary; holds the chosen keys in the order they were given."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        terms = list(spec.vocabulary or ())
        for term in terms:
            item = QListWidgetItem(term.label, self)
            item.setData(_KEY, term.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.setFixedHeight(min(22 * len(terms) + 6, 170))
        self._order: list[str] = []

    def keys(self) -> list[str]:
        ticked = [
            self.item(i).data(_KEY)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]
        return [k for k in self._order if k in ticked] + [k for k in ticked if k not in self._order]

    def set_keys(self, keys: list[str]) -> None:
        self._order = list(keys)
        for i in range(self.count()):
            item = self.item(i)
            checked = item.data(_KEY) in keys
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def _table(spec: FieldSpec, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(spec.columns), parent)
    table.setHorizontalHeaderLabels([_(heading) for _key, heading in spec.columns])
    table.horizontalHeader().setStretchLastSection(True)
    table.setFixedHeight(120)
    return table


class EntryForm(QWidget):
    """A row per field of ``specs`` under ``header``; a button below each field named in
    ``buttons`` (field key → its text), and below each table one that adds a row.

    ``edited`` carries the spec of a field the maintainer changed; a value put in by
    :meth:`show_entry` is not an edit.
    """

    edited = Signal(object)

    def __init__(
        self,
        specs: Sequence[FieldSpec],
        *,
        header: QWidget,
        buttons: Mapping[str, str],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._specs = tuple(specs)
        self._loading = False
        # the form is as wide as its pane, never wider: tabbing into a field must not scroll it
        # sideways and hide the labels; a label too long to sit beside its field goes above it
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._layout = QFormLayout(self)
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._layout.addRow(header)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        for spec in self._specs:
            self._add(spec)
            if spec.key in buttons:
                self.buttons[spec.key] = self._add_button(buttons[spec.key])
            elif spec.kind is Kind.TABLE:
                text = _("Add a pro&vider") if spec.key == "providers" else _("Add a s&ource")
                button = self._add_button(text)
                table = self.fields[spec.key]
                assert isinstance(table, QTableWidget)
                button.clicked.connect(lambda _=False, t=table: t.insertRow(t.rowCount()))

    def _add_button(self, text: str) -> QPushButton:
        button = QPushButton(text, self)
        self._layout.addRow("", button)
        return button

    def _add(self, spec: FieldSpec) -> None:
        label = QLabel(_(spec.label), self)  # made first: screen readers list it before its field
        widget = self._widget(spec)
        self.fields[spec.key] = widget
        widget.setAccessibleName(_(spec.label))  # what a screen reader says: the visible label
        if spec.hint:
            hint = _(spec.hint).format(fields=", ".join(FACT_FIELDS))
            widget.setToolTip(hint)
            widget.setAccessibleDescription(hint)
        error = QLabel(self)
        error.setTextFormat(Qt.TextFormat.PlainText)  # problems quote the registry's values
        error.setStyleSheet(f"color: {error_colour(self.palette())}")
        # a line, always there: a short problem appearing never moves the fields below it;
        # a long one wraps to the form's width rather than widening it past the window
        error.setMinimumHeight(error.fontMetrics().lineSpacing())
        error.setWordWrap(True)
        error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        box = QVBoxLayout()  # a layout, not a widget: the row's label stays the field's sibling
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(widget)
        box.addWidget(error)
        self.errors.setdefault(spec.path[0], error)  # a group's errors under its first
        self._layout.addRow(label, box)
        # screen readers name the field by its label (a combo box's own name is its value on
        # Linux)
        label.setBuddy(widget)
        signal = {
            QLineEdit: "textEdited",
            QPlainTextEdit: "textChanged",
            QComboBox: "currentIndexChanged",
            QDateEdit: "dateChanged",
            _TermList: "itemChanged",
            QTableWidget: "itemChanged",
        }[type(widget)]
        getattr(widget, signal).connect(lambda *_: self._changed(spec))
        if isinstance(widget, QTableWidget):
            widget.model().rowsInserted.connect(lambda *_: self._changed(spec))

    def _widget(self, spec: FieldSpec) -> QWidget:
        if spec.kind is Kind.TERMS:
            return _TermList(spec, self)
        if spec.kind is Kind.TABLE:
            table = _table(spec, self)
            table.setTabKeyNavigation(False)  # arrow keys move between cells, Tab moves on
            return table
        if spec.kind is Kind.CHOICE:
            box = QComboBox(self)
            for text, value in spec.choices:
                box.addItem(_(text), value)
            box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not focus it
            return box
        if spec.kind is Kind.DATE:
            date = QDateEdit(self)
            date.setCalendarPopup(True)
            date.setDisplayFormat("yyyy-MM-dd")
            date.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return date
        if spec.kind is Kind.MULTILINE:
            notes = QPlainTextEdit(self)
            notes.setTabChangesFocus(True)  # Tab moves on: a tab character is never wanted
            notes.setFixedHeight(80)
            return notes
        return QLineEdit(self)

    def _changed(self, spec: FieldSpec) -> None:
        if not self._loading:
            self.edited.emit(spec)

    # showing and reading ------------------------------------------------------------------

    def show_entry(self, entry: dict[str, Any]) -> None:
        """Put a clinic's values in the fields; a field that cannot show its value exactly
        is left empty and disabled (the editor names it as kept as written)."""
        self._loading = True
        for spec in self._specs:
            widget = self.fields[spec.key]
            value = spec.value_in(entry)
            shown = spec.shows(value)
            widget.setEnabled(shown)
            self._put(widget, spec, value if shown else None)
        self._loading = False

    def show_problems(self, problems: Sequence[tuple[tuple[str | int, ...], str]]) -> None:
        """Each field's first problem on the line below it; the others' lines emptied."""
        for field, label in self.errors.items():
            message = next((p for where, p in problems if where[:1] == (field,)), "")
            label.setText(message)
            label.setToolTip(literal(message))

    def value(self, spec: FieldSpec) -> Any:
        """The entry's value for what the field holds now."""
        return spec.from_form(self._read(self.fields[spec.key]))

    def _put(self, widget: QWidget, spec: FieldSpec, value: Any) -> None:
        shown = spec.to_form(value)
        if isinstance(widget, _TermList):
            widget.set_keys(shown)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(shown), 0))
        elif isinstance(widget, QDateEdit):
            widget.setDate(QDate.fromString(shown or dt.date.today().isoformat(), "yyyy-MM-dd"))
        elif isinstance(widget, QTableWidget):
            widget.blockSignals(True)
            widget.model().blockSignals(True)
            widget.setRowCount(len(shown))
            for row, cells in enumerate(shown):
                for column, text in enumerate(cells):
                    widget.setItem(row, column, QTableWidgetItem(text))
            widget.model().blockSignals(False)
            widget.blockSignals(False)
            widget.viewport().update()
        elif isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != shown:
                widget.setPlainText(shown)
        elif isinstance(widget, QLineEdit) and widget.text() != shown:
            widget.setText(shown)

    def _read(self, widget: QWidget) -> Any:
        if isinstance(widget, _TermList):
            return widget.keys()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QDateEdit):
            return widget.date().toString("yyyy-MM-dd")
        if isinstance(widget, QTableWidget):
            return [
                [
                    cell.text() if (cell := widget.item(row, column)) else ""
                    for column in range(widget.columnCount())
                ]
                for row in range(widget.rowCount())
            ]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return widget.text()
