"""The registry editor: a form per clinic built from the field table; it shows and collects.

The document (``locator.data.editing``) holds the clinics and saves them without losing a
byte; every change (a field, an added, duplicated or removed clinic) is an undo step that
addresses its clinic by the document's key, never by row.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from locator.data.editing import DUPLICATE_ID, RegistryDocument, Removal
from locator.data.entry_fields import FIELDS, FieldSpec, Kind, label_of
from locator.data.provenance import FACT_FIELDS
from locator.errors import (
    EntryRewriteError,
    ExternalChangeError,
    RegistryError,
    RegistryWriteError,
    TargetExistsError,
)
from locator.i18n import _, ngettext
from locator.ui.contrast import error_colour

_KEY = Qt.ItemDataRole.UserRole


def _html(text: str) -> str:
    """Text for a rich-text label: markup escaped, quotes left as typed."""
    return html.escape(text, quote=False)


class _Edit(QUndoCommand):
    """One field of one clinic changed; typing in one field merges into one step."""

    def __init__(
        self, editor: RegistryEditor, key: int, path: tuple[str, ...], before: Any, after: Any
    ) -> None:
        super().__init__(_("edit {join}").format(join=".".join(path)))
        self._editor, self._key, self._path = editor, key, path
        self._before, self._after = before, after
        self._typed = True  # pushed while typing: the form already shows it

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not (isinstance(other, _Edit) and (other._key, other._path) == (self._key, self._path)):
            return False
        self._after = other._after
        return True

    def redo(self) -> None:
        self._editor.document.apply(self._key, {self._path: self._after})
        self._editor.changed(self._key, refresh_form=not self._typed)
        self._typed = False

    def undo(self) -> None:
        self._editor.document.apply(self._key, {self._path: self._before})
        self._editor.changed(self._key)


class _Structure(QUndoCommand):
    """Adding, duplicating or removing a clinic: undone by removing or restoring it."""

    def __init__(
        self, editor: RegistryEditor, text: str, make: Callable[[], int] | None, key: int = 0
    ) -> None:
        super().__init__(text)
        self._editor, self._make, self._key = editor, make, key
        self._removal: Removal | None = None

    def _add(self) -> None:
        document = self._editor.document
        if self._removal is not None:
            document.restore(self._removal)
        elif self._make is not None:
            self._key = self._make()
        self._editor.structure_changed(self._key)

    def _remove(self) -> None:
        index = self._editor.document.index_of(self._key)
        self._removal = self._editor.document.remove(self._key)
        keys = self._editor.document.clinic_keys()
        self._editor.structure_changed(keys[min(index, len(keys) - 1)] if keys else 0)

    def redo(self) -> None:
        self._remove() if self._make is None else self._add()

    def undo(self) -> None:
        self._add() if self._make is None else self._remove()


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


class RegistryEditor(QDialog):
    """Add, edit, duplicate and remove clinics; Save is refused, with the reason, while
    anything is invalid."""

    saved = Signal(Path)
    located = Signal(float, float, str)  # a clinic placed by Locate, to preview on the map

    def __init__(
        self,
        path: Path,
        *,
        save_to: Path | None = None,
        locate: Callable[[str], tuple[float, float, str, str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit registry — {path}").format(path=path))
        self.resize(1000, 760)
        self.document = RegistryDocument.open(path)
        self.save_to = save_to or path
        self._locate = locate
        self.undo_stack = QUndoStack(self)
        self._loading = False
        self._current = 0
        self._invalid: dict[int, str] = {}
        self._items: dict[int, QListWidgetItem] = {}
        self._build()
        self._show_document()

    # building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Clinics in the registry"))
        self.list.setUniformItemSizes(True)  # 10,000 rows lay out at once
        self.list.currentItemChanged.connect(self._on_current_item)
        add, duplicate, remove = (
            QPushButton(t, self) for t in (_("&Add"), _("Du&plicate"), _("Re&move"))
        )
        add.clicked.connect(self.add_clinic)
        duplicate.clicked.connect(self.duplicate_clinic)
        remove.clicked.connect(self.remove_clinic)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.list)
        row = QHBoxLayout()
        for button in (add, duplicate, remove):
            row.addWidget(button)
        left_layout.addLayout(row)

        form_widget = QWidget(self)
        # the form is as wide as its pane, never wider: tabbing into a field must not scroll it
        # sideways and hide the labels; a label too long to sit beside its field goes above it
        form_widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.form = QFormLayout(form_widget)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.kept = QLabel(self)  # what the form does not show, kept as written
        self.kept.setWordWrap(True)
        self.kept.setAccessibleName(_("Kept as written"))
        self.kept.setTextFormat(Qt.TextFormat.RichText)
        self.kept.linkActivated.connect(self._follow)
        self.form.addRow(self.kept)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        for spec in FIELDS:
            self._add(spec)
            if spec.key == "id":
                self.id_button = QPushButton(_("Suggest an &id"), self)
                self.id_button.clicked.connect(self._id_button_clicked)
                self.form.addRow("", self.id_button)
            elif spec.key == "location.source":
                self.locate_button = QPushButton(_("&Locate from the address"), self)
                self.locate_button.setEnabled(self._locate is not None)
                self.locate_button.clicked.connect(self.locate)
                self.form.addRow("", self.locate_button)
            elif spec.kind is Kind.TABLE:
                text = _("Add a pro&vider") if spec.key == "providers" else _("Add a s&ource")
                button = QPushButton(text, self)
                table = self.fields[spec.key]
                assert isinstance(table, QTableWidget)
                button.clicked.connect(lambda _=False, t=table: t.insertRow(t.rowCount()))
                self.form.addRow("", button)
        self.form_scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName(_("Fields of the selected clinic"))
        scroll.setWidget(form_widget)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setSizes([260, 740])
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(self._follow)
        # three lines at least: a long reason grows it, so its links stay in sight
        self.status.setMinimumHeight(3 * self.status.fontMetrics().lineSpacing())
        self.save_button = QPushButton(_("&Save"), self)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(_("&Close"), self)
        close.clicked.connect(self.close)
        undo, redo = QPushButton(_("&Undo"), self), QPushButton(_("&Redo"), self)
        undo.clicked.connect(self.undo_stack.undo)
        redo.clicked.connect(self.undo_stack.redo)
        undo.setEnabled(False)
        redo.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(redo.setEnabled)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_stack.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, self.undo_stack.redo)
        buttons = QHBoxLayout()
        buttons.addWidget(undo)
        buttons.addWidget(redo)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        verified = self.fields["last_verified"]
        for first, second in itertools.pairwise((verified, undo, redo, self.save_button, close)):
            QWidget.setTabOrder(first, second)  # after the form, as the buttons read
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def _add(self, spec: FieldSpec) -> None:
        widget = self._widget(spec)
        self.fields[spec.key] = widget
        widget.setAccessibleName(_(spec.label))  # what a screen reader says: the visible label
        if spec.hint:
            hint = _(spec.hint).format(fields=", ".join(FACT_FIELDS))
            widget.setToolTip(hint)
            widget.setAccessibleDescription(hint)
        widget.installEventFilter(self)
        error = QLabel(self)
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
        self.form.addRow(_(spec.label), box)
        label = self.form.labelForField(box)
        if isinstance(label, QLabel):  # screen readers name the field by its label (a combo
            label.setBuddy(widget)  # box's own name is its value on Linux)
        signal = {
            QLineEdit: "textEdited",
            QPlainTextEdit: "textChanged",
            QComboBox: "currentIndexChanged",
            QDateEdit: "dateChanged",
            _TermList: "itemChanged",
            QTableWidget: "itemChanged",
        }[type(widget)]
        getattr(widget, signal).connect(lambda *_: self._collect(spec))
        if isinstance(widget, QTableWidget):
            widget.model().rowsInserted.connect(lambda *_: self._collect(spec))

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Keep the data from changing by accident. The wheel over a field without the focus
        scrolls the form instead of changing the field's value; an Alt letter that no enabled
        button takes (Save while there is nothing to save) is not typed into the field."""
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QComboBox | QDateEdit):
            if not watched.hasFocus():
                QApplication.sendEvent(self.form_scroll.verticalScrollBar(), event)
                return True
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers()
            alt = modifiers & Qt.KeyboardModifier.AltModifier
            if alt and not modifiers & Qt.KeyboardModifier.ControlModifier and event.text():
                if QKeySequence(event.keyCombination()) == QKeySequence.mnemonic(
                    self.save_button.text()
                ):
                    self._say_why_not_saved()
                return True
        return super().eventFilter(watched, event)

    def _say_why_not_saved(self) -> None:
        reason = self._why_not()
        self.status.setText(reason or _("Nothing to save: no edits yet."))

    # the list ---------------------------------------------------------------------------

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self._items = {}
        for key in self.document.clinic_keys():
            self._items[key] = item = QListWidgetItem(self._title(key))
            item.setData(_KEY, key)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _title(self, key: int) -> str:
        entry = self.document.entry(key)
        return f"{entry.get('name') or '(no name)'} — {entry.get('id') or '(no id yet)'}"

    def _on_current_item(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self._show(item.data(_KEY))

    def _select(self, key: int) -> None:
        item = self._items.get(key)
        if item is not None:
            self.list.blockSignals(True)
            self.list.setCurrentItem(item)
            self.list.blockSignals(False)
            self._show(key)

    # the form ---------------------------------------------------------------------------

    def _show(self, key: int) -> None:
        """Put one clinic in the form; what the form cannot show exactly is shown as kept."""
        self._current = key
        entry = self.document.entry(key)
        scroll = self.form_scroll.verticalScrollBar().value()
        self._loading = True
        for spec in FIELDS:
            widget = self.fields[spec.key]
            value = spec.value_in(entry)
            shown = spec.shows(value)
            widget.setEnabled(shown)
            self._put(widget, spec, value if shown else None)
        saved_id = self.document.saved_id(key)
        id_field = self.fields["id"]
        assert isinstance(id_field, QLineEdit)
        id_field.setReadOnly(saved_id is not None)
        self.id_button.setText(_("Change the &id…") if saved_id else _("Suggest an &id"))
        self._loading = False
        self._show_kept(key)
        self._show_problems(key)
        self.form_scroll.verticalScrollBar().setValue(scroll)

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

    def _collect(self, spec: FieldSpec) -> None:
        """A field was changed by the maintainer: one undo step for that field alone."""
        if self._loading or not self.document.clinic_keys():
            return
        key = self._current
        before = spec.value_in(self.document.entry(key))
        after = spec.from_form(self._read(self.fields[spec.key]))
        if after != before or type(after) is not type(before):
            self.undo_stack.push(_Edit(self, key, spec.path, before, after))

    def _show_kept(self, key: int) -> None:
        """Name, with their lines, the keys and values the form does not show: they are
        saved exactly as written."""
        entry = self.document.entry(key)
        kept = []
        known = {spec.path for spec in FIELDS}
        for name, value in entry.items():
            paths: list[tuple[str, ...]] = [(name,)]
            if isinstance(value, dict) and name in ("address", "location"):
                paths = [(name, sub) for sub in value]
            for path in paths:
                spec = next((s for s in FIELDS if s.path == path), None)
                if path in known and spec is not None and spec.shows(spec.value_in(entry)):
                    continue
                if spec is None and len(path) == 1 and any(s.path[0] == name for s in FIELDS):
                    continue
                line = self.document.line_of(key, path)
                problem = next((p for w, p in self.document.problems(key) if w[:1] == path[:1]), "")
                why = (
                    problem.split(": ", 1)[-1] if problem else _("the form cannot show this value")
                )
                blocking = _(" (fix it in the file before saving)") if problem else ""
                kept.append(
                    _("line {line}: {path} — {why}{blocking}").format(
                        line=line, path=_html(label_of(path)), why=_html(why), blocking=blocking
                    )
                )
        if kept:
            # kept as written whatever happens; but a problem among them (an unknown key)
            # makes the file invalid, and no save goes through until it is fixed by hand
            self.kept.setText(
                _(
                    "<b>Kept as written, not in the form</b> (never changed or lost by a "
                    "save; <a href='open-file:'>open the file</a> to change it):<br>"
                )
                + "<br>".join(kept)
            )
        self.kept.setVisible(bool(kept))

    def _show_problems(self, key: int) -> None:
        # errors first; then facts without a quote in a registry without covers (no block)
        problems = self.document.problems(key) + self.document.gaps(key)
        for field, label in self.errors.items():
            message = next((p for where, p in problems if where[:1] == (field,)), "")
            label.setText(message)
            label.setToolTip(message)

    # changes ----------------------------------------------------------------------------

    def changed(self, key: int, *, refresh_form: bool = True) -> None:
        """A clinic's data changed (an edit, its undo or redo): show it, check it."""
        item = self._items.get(key)
        if item is not None:
            item.setText(self._title(key))
        self._recheck(key)
        clinic_id = str(self.document.entry(key).get("id") or "")
        if self.document.id_count(clinic_id) > 1 or any(
            p.startswith(_(DUPLICATE_ID).split("{")[0]) for p in self._invalid.values()
        ):
            for other in self.document.clinic_keys():  # an id change can fix or break another
                self._recheck(other)
        if refresh_form or key != self._current:
            self._select(key)
        else:
            self._show_problems(key)
        self._update_save()

    def structure_changed(self, key: int) -> None:
        """A clinic was added, duplicated, removed or put back."""
        self._fill_list()
        present = set(self.document.clinic_keys())
        self._invalid = {k: v for k, v in self._invalid.items() if k in present}
        if key in present:
            self._recheck(key)
            self._select(key)
        self._update_save()

    def _recheck(self, key: int) -> None:
        problems = self.document.problems(key)
        if problems:
            self._invalid[key] = problems[0][1]
        else:
            self._invalid.pop(key, None)

    def _why_not(self) -> str:
        """Why Save is refused, naming the clinic, the line and the field in words."""
        if not self._invalid:
            return ""
        key = min(self._invalid, key=self.document.index_of)
        entry = self.document.entry(key)
        name = f"{entry.get('name') or 'the new clinic'} ({entry.get('id') or 'no id yet'})"
        problem = self._invalid[key]
        where = next((w for w, p in self.document.problems(key) if p == problem), ())
        line = self.document.line_of(key, where)
        more = len(self._invalid) - 1
        others = (
            ngettext(" — and {count} more clinic", " — and {count} more clinics", more).format(
                count=more
            )
            if more
            else ""
        )
        return _(
            "Cannot save yet: {name}, line {line}: {problem}{others}. <a "
            "href='clinic:{key}'>Show it</a> · <a href='open-file:'>Open the "
            "file</a>"
        ).format(name=_html(name), line=line, problem=_html(problem), others=others, key=key)

    def _update_save(self) -> None:
        reason = self._why_not()
        self.save_button.setEnabled(not reason and self.has_changes())
        self.save_button.setToolTip(reason)
        self.status.setText(reason)

    def _on_clean_changed(self, _clean: bool) -> None:
        if shiboken6.isValid(self.undo_stack):  # a stack being deleted clears itself first
            self._update_save()

    def has_changes(self) -> bool:
        """True when there are edits not yet saved."""
        return not self.undo_stack.isClean()

    def _follow(self, link: str) -> None:
        if link.startswith("clinic:"):
            self._select(int(link.removeprefix("clinic:")))
        elif link == "open-file:":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.document.path)))

    # actions --------------------------------------------------------------------------

    def add_clinic(self) -> None:
        """Start a new entry (invalid until it has a name, an id and a source)."""
        data = {"id": "", "name": "", "sources": [], "last_verified": dt.date.today().isoformat()}
        self.undo_stack.push(_Structure(self, _("add a clinic"), lambda: self.document.add(data)))

    def duplicate_clinic(self) -> None:
        """Copy the selected entry under a new id."""
        if self.document.clinic_keys():
            key = self._current
            self.undo_stack.push(
                _Structure(self, _("duplicate a clinic"), lambda: self.document.duplicate(key))
            )

    def remove_clinic(self) -> None:
        """Remove the selected entry."""
        if self.document.clinic_keys():
            self.undo_stack.push(_Structure(self, _("remove a clinic"), None, self._current))

    def _id_button_clicked(self) -> None:
        """A new clinic gets an id made from its name and city; a saved clinic's id changes
        only after a warning, since shortlists and links name clinics by id."""
        key = self._current
        field = self.fields["id"]
        assert isinstance(field, QLineEdit)
        saved = self.document.saved_id(key)
        if saved is None:
            field.setText(self.document.suggest_id(key))
            self._collect(next(s for s in FIELDS if s.key == "id"))
            return
        answer = QMessageBox.question(
            self,
            _("Change the id?"),
            _(
                "This clinic is saved with the id '{saved}'. Shortlists, links and "
                "other files that name it by that id will no longer find it. Change it "
                "anyway?"
            ).format(saved=saved),
        )
        if answer == QMessageBox.StandardButton.Yes:
            field.setReadOnly(False)
            field.setFocus()

    def locate(self) -> None:
        """Fill the coordinates from the address, with the precision actually known."""
        if self._locate is None or not self.document.clinic_keys():
            return
        entry = self.document.entry(self._current)
        address = entry.get("address")
        if not isinstance(address, dict):
            address = {}
        query = ", ".join(
            str(address[k]) for k in ("street", "city", "state", "postal_code") if address.get(k)
        )
        if not query:
            self.status.setText(_("Fill in the address first."))
            return
        try:
            latitude, longitude, precision, source = self._locate(query)
        except Exception as error:  # geocoding errors are sentences for the maintainer
            self.status.setText(
                _("Could not locate {query}: {error}").format(
                    query=_html(query), error=_html(str(error))
                )
            )
            return
        self.undo_stack.beginMacro("locate")
        for key, value in (
            ("location.latitude", str(latitude)),
            ("location.longitude", str(longitude)),
            ("location.source", source),
        ):
            field = self.fields[key]
            assert isinstance(field, QLineEdit)
            field.setText(value)
            self._collect(next(s for s in FIELDS if s.key == key))
        box = self.fields["location.precision"]
        assert isinstance(box, QComboBox)
        box.setCurrentIndex(max(box.findData(precision), 0))
        self.undo_stack.endMacro()
        self.located.emit(latitude, longitude, str(entry.get("name") or query))

    def save(self) -> Path | None:
        """Write the document; returns where, or None (the status says why)."""
        if self._why_not():
            self._update_save()
            return None
        return self._save(self.save_to)

    def _save(self, target: Path, *, overwrite: bool = False) -> Path | None:
        try:
            written = self.document.save(target, overwrite=overwrite)
        except ExternalChangeError as error:
            return self._resolve_conflict(str(error), target)
        except TargetExistsError as error:
            answer = QMessageBox.question(
                self, _("Replace the file?"), _("{error}. Replace it?").format(error=error)
            )
            if answer == QMessageBox.StandardButton.Yes:
                return self._save(target, overwrite=True)
            return None
        except (RegistryError, RegistryWriteError, EntryRewriteError) as error:
            self.status.setText(_html(str(error)).replace("\n", "<br>"))
            return None
        self.undo_stack.setClean()
        self._select(self._current)
        self._update_save()
        self.status.setText(_("Saved {written}.").format(written=_html(str(written))))
        self.saved.emit(written)
        return written

    def _resolve_conflict(self, problem: str, target: Path) -> Path | None:
        """Someone else changed the file: reload theirs, or keep ours as another file."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, _("The registry changed on disk"), problem, parent=self
        )
        reload = box.addButton(
            _("Reload (discard my edits)"), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(_("Save mine as another file…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is reload:
            self.reload()
            return None
        if box.clickedButton() is keep:
            name, _filter = QFileDialog.getSaveFileName(  # the dialog asks before replacing a file
                self, _("Save as"), f"{target.with_suffix('')}.mine.yaml", "YAML (*.yaml)"
            )
            if name:
                return self._save(Path(name), overwrite=True)
        return None

    def _show_document(self) -> None:
        """List the document's clinics, note which are invalid, and show the first."""
        self._fill_list()
        keys = self.document.clinic_keys()
        self._invalid = {k: p[0][1] for k in keys if (p := self.document.problems(k))}
        if keys:
            self._select(keys[0])
        self._update_save()

    def reload(self) -> None:
        """Read the file again, dropping unsaved edits."""
        self.document = RegistryDocument.open(self.document.path)
        self.undo_stack.clear()
        self._show_document()
        self.status.setText(_("Reloaded {path}.").format(path=_html(str(self.document.path))))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.has_changes():
            answer = QMessageBox.question(
                self,
                _("Unsaved edits"),
                _("You have edits that are not saved. Close and lose them?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        super().closeEvent(event)
