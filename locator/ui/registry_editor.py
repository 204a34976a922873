"""The registry editor: a form per clinic built from the schema, saved without losing a byte.

Edits are kept as plain data until Save, which applies only what changed to the round-trip
document (so comments and formatting stay), validates the whole file and writes it atomically.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
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
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from locator.data.loader import RegistryError, clinic_problems
from locator.data.vocabulary import Condition, Payment, Precision, Term, Treatment

_SCALARS = ("id", "name", "organization", "typical_course", "phone", "website", "notes")
_TABLE_KEYS = {"sources": ("document", "quote"), "providers": ("name", "title", "credentials")}


def plain(value: Any) -> Any:
    """ruamel's round-trip values as plain Python data (dates as ISO text)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def _changed_fields(before: dict, after: dict) -> frozenset[str]:
    return frozenset(k for k in set(before) | set(after) if before.get(k) != after.get(k))


class _Edit(QUndoCommand):
    """One change to one clinic's data; typing in one field merges into one step."""

    def __init__(self, editor: RegistryEditor, index: int, before: dict, after: dict) -> None:
        super().__init__(f"edit {after.get('id', '')}")
        self._editor, self._index = editor, index
        self._before, self._after = before, after
        self._fields = _changed_fields(before, after)
        self._typed = True  # pushed while typing: the form already shows it

    def id(self) -> int:
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not (
            isinstance(other, _Edit)
            and other._index == self._index
            and other._fields == self._fields
        ):
            return False
        self._after = other._after
        return True

    def redo(self) -> None:
        self._editor._apply(self._index, self._after, refresh_form=not self._typed)
        self._typed = False

    def undo(self) -> None:
        self._editor._apply(self._index, self._before)


class _TermList(QListWidget):
    """Checkable labels of a vocabulary; holds the chosen keys."""

    def __init__(self, terms: list[Term], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for term in terms:
            item = QListWidgetItem(term.label, self)
            item.setData(Qt.ItemDataRole.UserRole, term.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.setMaximumHeight(min(22 * len(terms) + 6, 170))

    def keys(self) -> list[str]:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_keys(self, keys: list[str]) -> None:
        for i in range(self.count()):
            item = self.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in keys
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


class RegistryEditor(QDialog):
    """Add, edit, duplicate and remove clinics; Save is refused while anything is invalid."""

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
        from locator.data.editing import RegistryDocument

        self.setWindowTitle(f"Edit registry — {path}")
        self.resize(1000, 760)
        self.document = RegistryDocument.open(path)
        self.save_to = save_to or path
        self._locate = locate
        self.original = [plain(c) for c in self.document.data["clinics"]]
        self.clinics = copy.deepcopy(self.original)
        self.undo_stack = QUndoStack(self)
        self._loading = False
        self._current = -1
        self._build()
        self._refresh_list()
        if self.clinics:
            self._show(0)

    # building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.list = QListWidget(self)
        self.list.setAccessibleName("Clinics in the registry")
        self.list.currentRowChanged.connect(self._show)
        add, duplicate, remove = (QPushButton(t, self) for t in ("&Add", "Du&plicate", "Re&move"))
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
        self.form = QFormLayout(form_widget)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        for key in _SCALARS[:3]:
            self._add(key, QLineEdit(self))
        self._add("affiliations", QLineEdit(self), "Works with (comma-separated)")
        for key in ("street", "city", "state", "postal_code"):
            self._add(f"address.{key}", QLineEdit(self), f"Address: {key.replace('_', ' ')}")
        self._add("location.latitude", QLineEdit(self), "Latitude")
        self._add("location.longitude", QLineEdit(self), "Longitude")
        precision = QComboBox(self)
        precision.addItem("(no location)", None)
        for term in Precision:
            precision.addItem(term.label, term.value)
        self._add("location.precision", precision, "Location precision")
        self._add("location.source", QLineEdit(self), "Coordinates from")
        self.locate_button = QPushButton("&Locate from the address", self)
        self.locate_button.setEnabled(self._locate is not None)
        self.locate_button.clicked.connect(self.locate)
        self.form.addRow("", self.locate_button)
        self._add("service_area", QLineEdit(self), "Serves ('City, ST'; separated by ';')")
        self._add("conditions", _TermList(list(Condition), self), "Treats")
        self._add("treatments", _TermList(list(Treatment), self), "Offers")
        self._add("not_offered", _TermList(list(Treatment), self), "Says it does not offer")
        self._add("session_minutes", QLineEdit(self), "Session minutes (e.g. 40-60)")
        providers = QTableWidget(0, 3, self)
        providers.setHorizontalHeaderLabels(["Name", "Title (before)", "Credentials (after)"])
        providers.horizontalHeader().setStretchLastSection(True)
        providers.setMinimumHeight(90)
        self._add("providers", providers, "Providers")
        add_provider = QPushButton("Add a pro&vider", self)
        add_provider.clicked.connect(lambda: self._add_row(providers))
        self.form.addRow("", add_provider)
        self._add("payment", _TermList(list(Payment), self), "Payment")
        telehealth = QComboBox(self)
        for text, value in (("not listed", None), ("yes", True), ("no", False)):
            telehealth.addItem(text, value)
        self._add("telehealth", telehealth, "Telehealth")
        for key in _SCALARS[3:6]:
            self._add(key, QLineEdit(self))
        self._add("notes", QPlainTextEdit(self))
        sources = QTableWidget(0, 2, self)
        sources.setHorizontalHeaderLabels(["Document", "Exact quote"])
        sources.horizontalHeader().setStretchLastSection(True)
        sources.setMinimumHeight(120)
        self._add("sources", sources, "Sources")
        add_source = QPushButton("Add a s&ource", self)
        add_source.clicked.connect(lambda: self._add_row(sources))
        self.form.addRow("", add_source)
        verified = QDateEdit(self)
        verified.setCalendarPopup(True)
        verified.setDisplayFormat("yyyy-MM-dd")
        self._add("last_verified", verified, "Last verified")
        self.form_scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setSizes([260, 740])
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.save_button = QPushButton("&Save", self)
        self.save_button.clicked.connect(self.save)
        close = QPushButton("&Close", self)
        close.clicked.connect(self.close)
        undo, redo = QPushButton("&Undo", self), QPushButton("&Redo", self)
        undo.clicked.connect(self.undo_stack.undo)
        redo.clicked.connect(self.undo_stack.redo)
        undo.setEnabled(False)
        redo.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(redo.setEnabled)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_stack.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, self.undo_stack.redo)
        buttons = QHBoxLayout()
        buttons.addWidget(undo)
        buttons.addWidget(redo)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        for first, second in itertools.pairwise((verified, undo, redo, self.save_button, close)):
            QWidget.setTabOrder(first, second)  # after the form, as the buttons read
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def _add_row(self, table: QTableWidget) -> None:
        table.insertRow(table.rowCount())
        self._changed()

    def _add(self, key: str, widget: QWidget, label: str | None = None) -> None:
        self.fields[key] = widget
        widget.setAccessibleName(label or key.replace("_", " "))
        widget.installEventFilter(self)
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)  # Tab moves on: a tab character is never wanted
        elif isinstance(widget, QTableWidget):
            widget.setTabKeyNavigation(False)  # arrow keys move between cells, Tab moves on
        elif isinstance(widget, QComboBox | QDateEdit):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not focus it
        error = QLabel(self)
        error.setStyleSheet("color: #b00020")
        error.setWordWrap(True)
        error.hide()
        box = QWidget(self)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(widget)
        box_layout.addWidget(error)
        self.errors.setdefault(key.split(".")[0], error)  # a group's errors under its first
        self.form.addRow(label or key.replace("_", " ").capitalize(), box)
        signal = {
            QLineEdit: "textEdited",
            QPlainTextEdit: "textChanged",
            QComboBox: "currentIndexChanged",
            QDateEdit: "dateChanged",
            _TermList: "itemChanged",
            QTableWidget: "itemChanged",
        }[type(widget)]
        getattr(widget, signal).connect(lambda *_: self._changed())

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
        reasons = self.save_button.toolTip()
        self.status.setText(
            f"Cannot save yet: {reasons}" if reasons else "Nothing to save: no edits yet."
        )

    # the form and the data ------------------------------------------------------------

    def _refresh_list(self) -> None:
        self.list.blockSignals(True)
        row = self.list.currentRow()
        self.list.clear()
        for clinic in self.clinics:
            self.list.addItem(f"{clinic.get('name') or '(no name)'} — {clinic.get('id') or '?'}")
        self.list.setCurrentRow(min(max(row, 0), len(self.clinics) - 1))
        self.list.blockSignals(False)

    def _show(self, index: int) -> None:
        self._current = index
        if not 0 <= index < len(self.clinics):
            return
        clinic = self.clinics[index]
        self._loading = True
        for key, widget in self.fields.items():
            self._put(widget, key, clinic)
        self._loading = False
        self._validate()

    def _put(self, widget: QWidget, key: str, clinic: dict[str, Any]) -> None:
        head, _, tail = key.partition(".")
        value = (clinic.get(head) or {}).get(tail) if tail else clinic.get(head)
        if isinstance(widget, _TermList):
            widget.set_keys(value or [])
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        elif isinstance(widget, QDateEdit):
            widget.setDate(QDate.fromString(str(value or dt.date.today()), "yyyy-MM-dd"))
        elif isinstance(widget, QTableWidget):
            widget.blockSignals(True)
            widget.setRowCount(0)
            for entry in value or []:
                row = widget.rowCount()
                widget.insertRow(row)
                for column, name in enumerate(_TABLE_KEYS[key]):
                    widget.setItem(row, column, QTableWidgetItem(entry.get(name) or ""))
            widget.blockSignals(False)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif not isinstance(widget, QLineEdit):
            raise TypeError(f"no way to show {key} in a {type(widget).__name__}")
        elif key == "session_minutes":
            widget.setText("" if not value else f"{value.get('min')}-{value.get('max')}")
        elif key in ("affiliations", "service_area"):
            widget.setText(("; " if key == "service_area" else ", ").join(value or []))
        else:
            widget.setText("" if value is None else str(value))

    def _read(self) -> dict[str, Any]:
        """The form as a clinic entry; fields left empty are left out (not listed)."""
        entry: dict[str, Any] = {}
        for key, widget in self.fields.items():
            value = self._value(widget, key)
            if value in (None, "", [], {}):
                continue
            head, _, tail = key.partition(".")
            if tail:
                entry.setdefault(head, {})[tail] = value
            else:
                entry[head] = value
        return entry

    def _value(self, widget: QWidget, key: str) -> Any:
        if isinstance(widget, _TermList):
            return widget.keys()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QDateEdit):
            return widget.date().toString("yyyy-MM-dd")
        if isinstance(widget, QTableWidget):
            rows = []
            for row in range(widget.rowCount()):
                cells = [widget.item(row, c) for c in range(widget.columnCount())]
                texts = [c.text().strip() if c else "" for c in cells]
                entry = {k: t for k, t in zip(_TABLE_KEYS[key], texts, strict=True) if t}
                if entry:
                    rows.append(entry)
            return rows
        if isinstance(widget, QPlainTextEdit):
            text = widget.toPlainText()
        elif isinstance(widget, QLineEdit):
            text = widget.text()
        else:
            raise TypeError(f"no way to read {key} from a {type(widget).__name__}")
        text = text.strip()
        if key in ("location.latitude", "location.longitude"):
            try:
                return float(text) if text else None
            except ValueError:
                return text  # the schema check says what is wrong with it
        if key == "session_minutes" and text:
            low, _, high = text.replace("\u2013", "-").partition("-")
            try:
                return {"min": int(low), "max": int(high or low)}
            except ValueError:
                return text
        if key in ("affiliations", "service_area"):
            separator = ";" if key == "service_area" else ","
            return [part.strip() for part in text.split(separator) if part.strip()]
        return text

    def _changed(self) -> None:
        if self._loading or not 0 <= self._current < len(self.clinics):
            return
        before, after = self.clinics[self._current], self._read()
        if after != before:
            self.undo_stack.push(_Edit(self, self._current, copy.deepcopy(before), after))

    def _apply(self, index: int, entry: dict[str, Any], *, refresh_form: bool = True) -> None:
        self.clinics[index] = copy.deepcopy(entry)
        if refresh_form and index == self._current:
            self._show(index)
        self._refresh_list()
        self._validate()

    def _validate(self) -> bool:
        """Show each field's problem beside it; True when every clinic is valid."""
        problems = clinic_problems(self.clinics[self._current]) if self.clinics else {}
        for field, label in self.errors.items():
            label.setText(problems.get(field, ""))
            label.setVisible(field in problems)
        invalid = [c.get("id") or "?" for c in self.clinics if clinic_problems(c)]
        ids = [c.get("id") for c in self.clinics]
        repeated = sorted({i for i in ids if i and ids.count(i) > 1})
        reasons = []
        if invalid:
            reasons.append(f"fix {', '.join(invalid)} first")
        if repeated:
            reasons.append(f"ids must be unique: {', '.join(repeated)}")
        self.save_button.setEnabled(not reasons and self.has_changes())
        self.save_button.setToolTip("; ".join(reasons))
        self.status.setText(("Cannot save yet: " + "; ".join(reasons)) if reasons else "")
        return not reasons

    def has_changes(self) -> bool:
        """True when there are edits not yet saved."""
        return self.clinics != self.original

    # actions --------------------------------------------------------------------------

    def add_clinic(self) -> None:
        """Start a new entry (invalid until it has a name, an id and a source)."""
        today = dt.date.today().isoformat()
        self.clinics.append({"id": "", "name": "", "sources": [], "last_verified": today})
        self._select(len(self.clinics) - 1)

    def _select(self, index: int) -> None:
        self._refresh_list()
        self.list.setCurrentRow(index)
        self._show(index)

    def duplicate_clinic(self) -> None:
        """Copy the selected entry under a new id."""
        if not 0 <= self._current < len(self.clinics):
            return
        entry = copy.deepcopy(self.clinics[self._current])
        ids = {c.get("id") for c in self.clinics}
        base, number = entry.get("id") or "clinic", 2
        while f"{base}-{number}" in ids:
            number += 1
        entry["id"] = f"{base}-{number}"
        self.clinics.insert(self._current + 1, entry)
        self._select(self._current + 1)

    def remove_clinic(self) -> None:
        """Remove the selected entry."""
        if 0 <= self._current < len(self.clinics):
            del self.clinics[self._current]
            self._select(min(self._current, len(self.clinics) - 1))

    def locate(self) -> None:
        """Fill the coordinates from the address, with the precision actually known."""
        if self._locate is None:
            return
        entry = self.clinics[self._current]
        address = entry.get("address") or {}
        query = ", ".join(
            str(address[k]) for k in ("street", "city", "state", "postal_code") if address.get(k)
        )
        if not query:
            self.status.setText("Fill in the address first.")
            return
        try:
            latitude, longitude, precision, source = self._locate(query)
        except Exception as error:  # geocoding errors are sentences for the maintainer
            self.status.setText(f"Could not locate {query!r}: {error}")
            return
        for key, value in (
            ("location.latitude", str(latitude)),
            ("location.longitude", str(longitude)),
            ("location.source", source),
        ):
            field = self.fields[key]
            assert isinstance(field, QLineEdit)
            field.setText(value)
        precision_box = self.fields["location.precision"]
        assert isinstance(precision_box, QComboBox)
        precision_box.setCurrentIndex(max(precision_box.findData(precision), 0))
        self._changed()
        self.located.emit(latitude, longitude, str(entry.get("name") or query))

    def save(self) -> Path | None:
        """Apply the changes to the document and write it; returns where, or None."""
        from locator.data.editing import ExternalChangeError, RegistryWriteError

        if not self._validate():
            return None
        self._apply_to_document()
        target = self.save_to
        try:
            written = self.document.save(target)
        except ExternalChangeError as error:
            return self._resolve_conflict(str(error), target)
        except (RegistryError, RegistryWriteError) as error:
            self.status.setText(str(error))
            return None
        self._after_save(written)
        return written

    def _after_save(self, written: Path) -> None:
        self.original = copy.deepcopy(self.clinics)
        self.undo_stack.setClean()
        self._validate()
        self.status.setText(f"Saved {written}.")
        self.saved.emit(written)

    def _resolve_conflict(self, problem: str, target: Path) -> Path | None:
        """Someone else changed the file: reload theirs, or keep ours as another file."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, "The registry changed on disk", problem, parent=self
        )
        reload = box.addButton("Reload (discard my edits)", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Save mine as another file…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is reload:
            self.reload()
            return None
        if box.clickedButton() is keep:
            name, _ = QFileDialog.getSaveFileName(
                self, "Save as", f"{target.with_suffix('')}.mine.yaml", "YAML (*.yaml)"
            )
            if name:
                written = self.document.save(Path(name))
                self._after_save(written)
                return written
        return None

    def reload(self) -> None:
        """Read the file again, dropping unsaved edits."""
        from locator.data.editing import RegistryDocument

        self.document = RegistryDocument.open(self.document.path)
        self.original = [plain(c) for c in self.document.data["clinics"]]
        self.clinics = copy.deepcopy(self.original)
        self.undo_stack.clear()
        self._select(0 if self.clinics else -1)
        self.status.setText(f"Reloaded {self.document.path}.")

    def _apply_to_document(self) -> None:
        """Bring the round-trip document in line with the edited entries, touching only
        the fields that changed."""
        document = self.document
        by_id = {plain(c)["id"]: c for c in document.data["clinics"]}
        wanted = [c["id"] for c in self.clinics]
        for clinic_id in list(by_id):
            if clinic_id not in wanted:
                document.remove_clinic(clinic_id)
        for entry in self.clinics:
            if entry["id"] not in by_id:
                document.add_clinic(entry)
                continue
            current = plain(document.clinic(entry["id"]))
            for key in set(current) | set(entry):
                old, new = current.get(key), entry.get(key)
                if old == new:
                    continue
                if isinstance(old, dict) and isinstance(new, dict):
                    for sub in set(old) | set(new):
                        if old.get(sub) != new.get(sub):
                            document.set_value(entry["id"], (key, sub), new.get(sub))
                else:
                    document.set_value(entry["id"], (key,), new)
        present = [str(c["id"]) for c in document.data["clinics"]]
        if present != wanted:
            order = {clinic_id: i for i, clinic_id in enumerate(wanted)}
            document.data["clinics"].sort(key=lambda c: order[str(c["id"])])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.has_changes():
            answer = QMessageBox.question(
                self,
                "Unsaved edits",
                "You have edits that are not saved. Close and lose them?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        super().closeEvent(event)
