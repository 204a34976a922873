"""The registry editor's form, built from the field table: a row per field, with a widget of
the field's kind, its label, its hint and a line for its problem.

The form shows a clinic's values and reads back what the maintainer typed, converted by the
field's spec both ways; what to do with a change is the editor's (``registry_editor``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHeaderView,
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

from locator.data.bidi import held, named, neutral
from locator.data.entry_fields import (
    FieldSpec,
    Kind,
    cover_label,
    each_value,
    field_label,
    grouped,
    list_keys,
    unknown_terms,
    value_choice,
    value_cover,
)
from locator.data.provenance import EXEMPT, fact_fields, value_keys
from locator.i18n import N_, _
from locator.presentation import page_text
from locator.terminal import one_line
from locator.ui.contrast import error_colour
from locator.ui.literal_text import HOLDS_REORDERING, AsStored, buddy_text, literal
from locator.ui.why_not import offer

KEPT_AS_WRITTEN = N_(
    "Kept as written: the form cannot show this value exactly, so it is off; the lines above "
    "the form name it, and a save keeps it."
)

_KEY = Qt.ItemDataRole.UserRole


# A word longer than this breaks a line anywhere in it: Qt looks for a word boundary in a word
# of a megabyte again and again (a 1 MB note took minutes to show); the text stays as written.
LONGEST_WORD_WRAPPED = 200
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD_WRAPPED + 1}}}")


def _wrap(box: QPlainTextEdit, text: str) -> None:
    """Wrap ``box`` anywhere while ``text`` holds a word too long to wrap at its end."""
    mode = (
        QTextOption.WrapMode.WrapAnywhere
        if _LONG_WORD.search(text)
        else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    )
    if box.wordWrapMode() != mode:
        box.setWordWrapMode(mode)


class _TermList(QListWidget):
    """Checkable labels of ``choices`` (label, key); holds the chosen keys in the order they
    were given.

    A chosen key the choices do not hold (a typo in the file) is shown ticked below them,
    named by ``other`` ("depresion (not a known condition)"), so it is neither lost nor locks
    the list; unticking drops it. Every row is in sight: the list never scrolls, so the wheel
    over it scrolls the form.
    """

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        other: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        self._other = other
        self._order: list[str] = []
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.set_keys([])

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        """Offer these choices from now on, keeping what is ticked."""
        if list(choices) != self._choices:
            self._choices = list(choices)
            self.set_keys(self.keys())

    def keys(self) -> list[str]:
        ticked = [
            self.item(i).data(_KEY)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]
        return [k for k in self._order if k in ticked] + [k for k in ticked if k not in self._order]

    def set_keys(self, keys: list[str]) -> None:
        self._order = list(keys)
        known = {key for _label, key in self._choices}
        rows = self._choices + [(self._other(key), key) for key in keys if key not in known]
        blocked = self.blockSignals(True)  # the items are made again: no change of a tick
        self.clear()
        for label, key in rows:
            item = QListWidgetItem(label, self)
            item.setData(_KEY, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = Qt.CheckState.Checked if key in keys else Qt.CheckState.Unchecked
            item.setCheckState(checked)
        self.blockSignals(blocked)
        rows_height = sum(self.sizeHintForRow(i) for i in range(self.count()))
        height = max(rows_height, self.fontMetrics().lineSpacing())  # an empty list: one line
        self.setFixedHeight(height + 2 * self.frameWidth() + 2)


class _Table(QTableWidget):
    """A table of the form: its cells wrap, and it is as tall as its rows, so nothing in it is
    cut and the wheel over it scrolls the form, never the table."""

    def __init__(self, spec: FieldSpec, parent: QWidget) -> None:
        super().__init__(0, len(spec.columns), parent)
        self.setHorizontalHeaderLabels([_(heading) for _key, heading in spec.columns])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setWordWrap(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabKeyNavigation(False)  # arrow keys move between cells, Tab moves on
        self.setItemDelegate(AsStored(self))
        self.model().rowsInserted.connect(self.fit)
        self.model().rowsRemoved.connect(self.fit)
        self.itemChanged.connect(self.fit)
        self.horizontalHeader().sectionResized.connect(self.fit)  # wider columns: fewer lines
        self.fit()

    def fit(self) -> None:
        """Rows as tall as their text; the table as tall as its rows (one empty row at least)."""
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        rows = max(rows, self.verticalHeader().defaultSectionSize())
        header = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(header + rows + 2 * self.frameWidth())


def _put_fields(table: QTableWidget, row: int, column: int, names: list[str]) -> None:
    """A cell naming fields: their labels shown, the names kept; edited by its checklist."""
    cell = QTableWidgetItem(", ".join(map(_fact_label, names)))
    cell.setData(_KEY, names)
    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
    table.setItem(row, column, cell)


def _cell_text(cell: QTableWidgetItem) -> str:
    """A cell's text as the field's converter reads it: the names, for a cell of fields."""
    names = cell.data(_KEY)
    return ", ".join(names) if isinstance(names, list) else cell.text()


def _fact_label(name: str) -> str:
    """A covers item in the form's words; one naming values, with them (see
    :func:`~locator.data.entry_fields.cover_label`)."""
    if "[" in name and name.partition("[")[0] in fact_fields():
        return cover_label(name)
    return field_label(name) if name in fact_fields() else f"“{one_line(name)}”"


def _not_a_fact(name: str) -> str:
    """A ticked name that is no fact of the clinic, or a value the clinic does not hold (any
    more), named as such."""
    field, bracket, value = name.partition("[")
    if bracket and field in fact_fields():
        return _("{value} (not filled in for this clinic)").format(
            value=value_choice(field, value[:-1])
        )
    if name in fact_fields():
        return _("{field} (not filled in for this clinic)").format(field=field_label(name))
    if name in EXEMPT:
        return _("{name} (needs no quote)").format(name=name)
    return _("{name} (not a field of a clinic)").format(name=name)


class EntryForm(QWidget):
    """A row per field of ``specs`` under ``header``; a button below each field named in
    ``buttons`` (field key → its text), and below each table one that adds a row.

    ``sections`` names a heading shown above some fields (field key → its text).
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
        sections: Mapping[str, str] | None = None,
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
        # under each text field, the characters it holds that reorder what is shown, live
        self.reordering: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        self._fixes: dict[str, QPushButton] = {}  # a list's "Replace 'depresion' with …"
        self.headings: dict[str, QLabel] = {}  # a section's heading, by its first field
        self._supports: tuple[FieldSpec, _Table, int, _TermList] | None = None
        for spec in self._specs:
            name = _(sections[spec.key]) if sections and spec.key in sections else ""
            heading = QLabel(name, self) if name and name != _(spec.label) else None
            if heading is not None:
                self._layout.addRow(heading)
            label = self._add(spec)
            if name:  # a field named as its section (Sources) is its own heading
                shown = self.headings[spec.key] = heading or label
                font = shown.font()
                font.setBold(True)
                shown.setFont(font)
            if spec.key in buttons:
                self.buttons[spec.key] = self._add_button(buttons[spec.key])
            elif spec.kind is Kind.TABLE:
                text = _("Add a pro&vider") if spec.key == "providers" else _("Add a s&ource")
                button = self._add_button(text)
                table = self.fields[spec.key]
                assert isinstance(table, QTableWidget)
                button.clicked.connect(lambda _=False, t=table: self._add_row(t))
                remove = self._add_button(
                    _("Remove t&he selected provider")
                    if spec.key == "providers"
                    else _("Remove the selec&ted source")
                )
                remove.clicked.connect(lambda _=False, s=spec, t=table: self._remove_row(s, t))
                table.itemSelectionChanged.connect(
                    lambda t=table, b=remove: offer(
                        b, None if t.selectedIndexes() else _("Select a row in the table first.")
                    )
                )
                table.itemSelectionChanged.emit()  # off, saying why, until a row is selected
                if spec.list_columns:
                    self._add_supports(spec)

    def _add_row(self, table: QTableWidget) -> None:
        table.insertRow(table.rowCount())
        table.setCurrentCell(table.rowCount() - 1, 0)  # what is ticked below is about it
        table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove_row(self, spec: FieldSpec, table: QTableWidget) -> None:
        """Take the selected row out: a row added by mistake need not be filled in or undone."""
        row = table.currentRow()
        if row < 0:
            return
        table.removeRow(row)
        self._changed(spec)

    def _add_supports(self, spec: FieldSpec) -> None:
        """Below a table with a column of field names (a quote's Supports): a checklist of
        the form's own labels for the selected row. The column shows the labels too."""
        table = self.fields[spec.key]
        assert isinstance(table, _Table)
        column = next(i for i, (key, _h) in enumerate(spec.columns) if key in spec.list_columns)
        label = QLabel(_("What the selected quote supports (its row in the table above):"), self)
        label.setWordWrap(True)
        checklist = _TermList([], _not_a_fact, self)
        checklist.setAccessibleName(_("What the selected quote supports"))
        label.setBuddy(checklist)
        self._layout.addRow(label)
        self._layout.addRow(checklist)
        self._supports = (spec, table, column, checklist)
        table.currentCellChanged.connect(lambda *_: self._show_supports())
        checklist.itemChanged.connect(lambda *_: self._take_supports())

    def _facts_filled_in(self) -> list[tuple[str, str]]:
        """What a quote can support, as (label, covers item): each fact this clinic states
        now ("Offers"), and after a list's fact each of its values ("Offers: Consultation")."""
        choices: list[tuple[str, str]] = []
        for name in fact_fields():
            specs = [spec for spec in self._specs if spec.path[0] == name]
            shown = [spec for spec in specs if self.fields[spec.key].isEnabled()]
            values = {spec.key: self.value(spec) for spec in shown}
            if len(shown) == len(specs) and all(value is None for value in values.values()):
                continue  # not filled in (a field kept as written is, whatever it holds)
            choices.append((field_label(name), name))
            for key in value_keys(values, name) or []:
                if key and not set(key) & set("[];"):  # a value a covers item can name
                    choices.append((value_choice(name, key), value_cover(name, key)))
        return choices

    def _show_supports(self) -> None:
        if self._supports is None:
            return
        _spec, table, column, checklist = self._supports
        row = table.currentRow()
        cell = table.item(row, column) if row >= 0 else None
        checklist.set_choices(self._facts_filled_in())
        checklist.set_keys(each_value(cell.data(_KEY) or []) if cell else [])
        offer(
            checklist,
            _(KEPT_AS_WRITTEN)
            if not table.isEnabled()
            else None
            if row >= 0
            else _(
                "Select a source in the table above first: this list says what its quote supports."
            ),
        )

    def _take_supports(self) -> None:
        """Ticks changed: the selected row's Supports cell says so, as one edit."""
        assert self._supports is not None
        spec, table, column, checklist = self._supports
        row = table.currentRow()
        if row < 0:
            return
        table.blockSignals(True)
        _put_fields(table, row, column, grouped(checklist.keys()))
        table.blockSignals(False)
        table.fit()
        self._changed(spec)

    def _add_button(self, text: str) -> QPushButton:
        button = QPushButton(text, self)
        self._layout.addRow("", button)
        return button

    def _add(self, spec: FieldSpec) -> QLabel:
        """The field's row; returns its label."""
        label = QLabel(_(spec.label), self)  # made first: screen readers list it before its field
        widget = self._widget(spec)
        self.fields[spec.key] = widget
        widget.setAccessibleName(_(spec.label))  # what a screen reader says: the visible label
        if spec.hint:
            hint = _(spec.hint)
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
        if isinstance(widget, _TermList):
            fix = self._fixes[spec.key] = QPushButton(self)
            fix.setVisible(False)
            fix.clicked.connect(lambda _=False: self._fix_term(spec))
            box.addWidget(fix, 0, Qt.AlignmentFlag.AlignLeft)
        if isinstance(widget, QLineEdit | QPlainTextEdit | _Table):
            warning = self.reordering[spec.key] = QLabel(self)
            warning.setTextFormat(Qt.TextFormat.PlainText)
            warning.setStyleSheet(error.styleSheet())
            warning.setWordWrap(True)
            warning.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            warning.setVisible(False)
            box.addWidget(warning)
        box.addWidget(error)
        self.errors.setdefault(spec.path[0], error)  # a group's errors under its first
        # a list or a table takes the form's whole width, a long label a line of its own: the
        # labels beside their fields stay narrow, so the fields are wide at 800 pixels too
        wide = (
            label.fontMetrics().horizontalAdvance(label.text()) > 12 * label.fontInfo().pixelSize()
        )
        if spec.kind in (Kind.TERMS, Kind.TABLE) or wide:
            self._layout.addRow(label)
            self._layout.addRow(box)
        else:
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
            _Table: "itemChanged",
        }[type(widget)]
        getattr(widget, signal).connect(lambda *_: self._changed(spec))
        if isinstance(widget, QTableWidget):
            widget.model().rowsInserted.connect(lambda *_: self._changed(spec))
        return label

    def _widget(self, spec: FieldSpec) -> QWidget:
        if spec.kind is Kind.TERMS:
            vocabulary = spec.vocabulary or ()
            noun = _(spec.vocabulary.noun) if spec.vocabulary else ""
            return _TermList(
                [(term.label, term.value) for term in vocabulary],
                lambda key: _("{key} (not a known {noun})").format(key=key, noun=noun),
                self,
            )
        if spec.kind is Kind.TABLE:
            return _Table(spec, self)
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
        widget = self.fields[spec.key]
        if isinstance(widget, QPlainTextEdit):
            _wrap(widget, widget.toPlainText())
        if not self._loading:
            self._name_reordering(spec)
            self._offer_fix(spec)
            if self._supports is not None and spec is not self._supports[0]:
                self._supports[3].set_choices(self._facts_filled_in())  # a fact filled in
            self.edited.emit(spec)

    def _offer_fix(self, spec: FieldSpec) -> None:
        """Offer, in one click, the term a misspelled one most likely means."""
        fix = self._fixes.get(spec.key)
        widget = self.fields[spec.key]
        if fix is None or spec.vocabulary is None or not isinstance(widget, _TermList):
            return
        typo = next((pair for pair in unknown_terms(spec, widget.keys()) if pair[1]), None)
        if typo is not None:
            key, meant = typo
            label = spec.vocabulary(str(meant)).label
            fix.setText(
                _("R&eplace “{key}” with “{label}”").format(
                    key=buddy_text(one_line(key)), label=buddy_text(label)
                )
            )
        fix.setVisible(typo is not None)

    def _fix_term(self, spec: FieldSpec) -> None:
        """Put the known term in the misspelled one's place: one edit, undone at once."""
        widget = self.fields[spec.key]
        assert isinstance(widget, _TermList)
        keys = widget.keys()
        key, meant = next(pair for pair in unknown_terms(spec, keys) if pair[1])
        fixed = [str(meant) if k == key else k for k in keys]
        self._loading = True
        widget.set_keys(list(dict.fromkeys(fixed)))  # once, if it was ticked already
        self._loading = False
        self._changed(spec)

    # showing and reading ------------------------------------------------------------------

    def show_entry(self, entry: dict[str, Any]) -> None:
        """Put a clinic's values in the fields; a field that cannot show its value exactly
        is left empty and disabled (the editor names it as kept as written)."""
        self._loading = True
        for spec in self._specs:
            widget = self.fields[spec.key]
            value = spec.value_in(entry)
            shown = spec.shows(value)
            offer(widget, None if shown else _(KEPT_AS_WRITTEN), _(spec.hint) if spec.hint else "")
            self._put(widget, spec, value if shown else None)
            self._name_reordering(spec)
        self._loading = False
        self._show_supports()

    def _name_reordering(self, spec: FieldSpec) -> None:
        """Name, under the field, the characters its text holds that reorder what is shown
        (locator.data.bidi's one list, the one validate refuses): a field shows its text as
        typed, so "\u202emoc.live" reads "evil.com" in it."""
        warning = self.reordering.get(spec.key)
        if warning is None:
            return
        value = self._read(self.fields[spec.key])
        text = value if isinstance(value, str) else "\n".join("\t".join(r) for r in value)
        characters = held(text)
        warning.setText(_(HOLDS_REORDERING).format(characters=named(characters)))
        warning.setVisible(bool(characters))

    def fit_tables(self) -> None:
        """Each table's rows as tall as their text at the table's width now: rows fitted
        while the form was narrower would leave a gap below the table."""
        for table in self.findChildren(_Table):
            table.fit()

    def show_problems(self, problems: Sequence[tuple[tuple[str | int, ...], str]]) -> None:
        """Each field's first problem on the line below it; the others' lines emptied."""
        for field, label in self.errors.items():
            message = next((p for where, p in problems if where[:1] == (field,)), "")
            label.setText(neutral(message))  # it may quote a key as the file holds it
            label.setToolTip(literal(neutral(message)))

    def field_at(self, where: tuple[str | int, ...]) -> QWidget | None:
        """The field holding a problem's path (``("location", "latitude")``, ``("treats",
        "conditions", 0)``): the field of that path, else the first of its group; None when
        the form has no field for it (a key it does not know)."""
        names = tuple(part for part in where if isinstance(part, str))
        held = [spec for spec in self._specs if names[: len(spec.path)] == spec.path]
        group = [spec for spec in self._specs if spec.path[:1] == names[:1]]
        found = held or group
        return self.fields[found[0].key] if found else None

    def value(self, spec: FieldSpec) -> Any:
        """The entry's value for what the field holds now."""
        return spec.from_form(self._read(self.fields[spec.key]))

    def _put(self, widget: QWidget, spec: FieldSpec, value: Any) -> None:
        shown = spec.to_form(value)
        if isinstance(widget, _TermList):
            widget.set_keys(shown)
            self._offer_fix(spec)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(shown), 0))
        elif isinstance(widget, QDateEdit):
            widget.setDate(QDate.fromString(shown or dt.date.today().isoformat(), "yyyy-MM-dd"))
        elif isinstance(widget, _Table):  # no edit while loading: ``_loading`` is set
            widget.setRowCount(len(shown))
            for row, cells in enumerate(shown):
                for column, text in enumerate(cells):
                    if spec.columns[column][0] in spec.list_columns:
                        _put_fields(widget, row, column, list_keys(text))
                    else:
                        cell = QTableWidgetItem(text)
                        # a document's name or a quote in full, read as it is stored (the
                        # cell itself holds the value as written, to be edited)
                        cell.setToolTip(literal(neutral(page_text(text))))
                        widget.setItem(row, column, cell)
            widget.fit()
        elif isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != shown:
                _wrap(widget, shown)  # before the text: it is laid out once
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
                    _cell_text(cell) if (cell := widget.item(row, column)) else ""
                    for column in range(widget.columnCount())
                ]
                for row in range(widget.rowCount())
            ]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return widget.text()
