"""The registry editor: the clinics' list, a form per clinic (``entry_form``), undo and save.

The document (``locator.data.editing``) holds the clinics and saves them without losing a
byte; every change (a field, an added, duplicated or removed clinic) is an undo step that
addresses its clinic by the document's key, never by row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from locator.data.bidi import neutral
from locator.data.editing import DUPLICATE_ID, RegistryDocument, Removal
from locator.data.entry_fields import FIELDS, SECTIONS, FieldSpec, label_of
from locator.errors import (
    EntryRewriteError,
    ExternalChangeError,
    LocatorError,
    RegistryError,
    RegistryWriteError,
    TargetExistsError,
    os_reason,
)
from locator.i18n import _, ngettext
from locator.presentation import page_text
from locator.ui.disk_change import MERGE, RELOAD, DiskChangeBar
from locator.ui.entry_form import EntryForm
from locator.ui.file_dialogs import ask_save_path
from locator.ui.file_watch import FileWatch
from locator.ui.literal_text import confirmed, literal, message_box
from locator.ui.preferences import Preferences
from locator.ui.screen_fit import fit_to_screen
from locator.ui.text_editor import Opened, open_at_line
from locator.ui.why_not import offer
from locator.ui.window_text import no_yaml_program, opened_at_top

_KEY = Qt.ItemDataRole.UserRole
# clinics checked in one turn of the event loop: the first batch before the window shows,
# the rest once it is shown (some 10 ms a batch; 10,000 clinics take half a second in all)
CHECKED_AT_ONCE = 200


def _html(text: str) -> str:
    """Text for a rich-text label: markup escaped, quotes left as typed, and what would turn
    it around shown in the order it is stored (locator.data.bidi)."""
    return html.escape(neutral(text), quote=False)


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
        # typed back to what it was: no edit at all, so the stack may be clean again (Save off)
        self.setObsolete(self._after == self._before and type(self._after) is type(self._before))
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
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences or Preferences()  # where files were saved last
        self.setWindowTitle(_("Edit registry — {path}").format(path=neutral(str(path))))
        fit_to_screen(self, QSize(1000, 760))
        self.document = RegistryDocument.open(path)
        self.save_to = save_to or path
        self._locate = locate
        self.undo_stack = QUndoStack(self)
        self._current = 0
        self._invalid: dict[int, str] = {}
        self._unchecked: list[int] = []  # clinics not checked yet since the file was read
        self._checker = QTimer(self)  # checks the next batch of them, once the window is idle
        self._checker.setSingleShot(True)
        self._checker.timeout.connect(self._check_more)
        self._new: set[int] = set()  # clinics added or duplicated since the last save
        # the fields typed into so far of each clinic made by Add: an empty field the
        # maintainer has not reached yet is no problem to show (until a save is tried)
        self._filled: dict[int, set[str]] = {}
        # the source rows of each clinic added by "Add a source" since the last save (in no
        # line of the file), and those of them not typed into yet (no problem to show yet)
        self._added_rows: dict[int, set[int]] = {}
        self._fresh_rows: dict[int, set[int]] = {}
        self._items: dict[int, QListWidgetItem] = {}
        self._build()
        self._show_document()
        self._watch = FileWatch(self.document.path, self)
        self._watch.changed.connect(self._on_disk_changed)

    # building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.find_box = QLineEdit(self)
        self.find_box.setAccessibleName(_("Find a clinic"))
        self.find_box.setPlaceholderText(_("Find a clinic: name, id or city"))
        self.find_box.setClearButtonEnabled(True)
        self.find_box.textChanged.connect(self._filter_list)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Clinics in the registry"))
        # whole names, wrapped to the list's width (a narrow window elides none); the rows are
        # laid out in batches, so 10,000 clinics open at once and the rest follow
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAlternatingRowColors(True)  # where one clinic's lines end
        self.list.currentItemChanged.connect(self._on_current_item)
        add, duplicate, remove = (
            QPushButton(t, self) for t in (_("&Add"), _("Du&plicate"), _("Re&move"))
        )
        add.clicked.connect(self.add_clinic)
        duplicate.clicked.connect(self.duplicate_clinic)
        remove.clicked.connect(self.remove_clinic)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.find_box)
        left_layout.addWidget(self.list)
        row = QHBoxLayout()
        for button in (add, duplicate, remove):
            row.addWidget(button)
        left_layout.addLayout(row)

        self.kept = QLabel(self)  # what the form does not show, kept as written
        self.kept.setWordWrap(True)
        self.kept.setAccessibleName(_("Kept as written"))
        self.kept.setTextFormat(Qt.TextFormat.RichText)
        self.kept.linkActivated.connect(self._follow)
        self.form = EntryForm(
            FIELDS,
            header=self.kept,
            buttons={
                "id": _("Suggest an &id"),
                "location.source": _("&Locate from the address"),
            },
            sections={key: name for name, key in SECTIONS},
            parent=self,
        )
        self.form.edited.connect(self._collect)
        form_layout = self.form.layout()
        assert form_layout is not None
        self._form_end = form_layout.contentsMargins().bottom()  # below the last row, as built
        self.fields, self.errors = self.form.fields, self.form.errors
        for widget in self.fields.values():
            widget.installEventFilter(self)
            if isinstance(widget, QAbstractItemView):
                widget.viewport().installEventFilter(self)  # where the wheel's events go
        self.id_button = self.form.buttons["id"]
        self.id_button.clicked.connect(self._id_button_clicked)
        self.locate_button = self.form.buttons["location.source"]
        offer(
            self.locate_button,
            None if self._locate is not None else _("No place finder is available here."),
            _("Fills in the coordinates from the address, with the precision actually known."),
        )
        self.locate_button.clicked.connect(self.locate)
        self.form_scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName(_("Fields of the selected clinic"))
        scroll.setWidget(self.form)

        # the sections, always in sight above the form: Sources is one click away (links, as
        # Tab and Enter reach them, and no button without an Alt letter of its own)
        jumps = QLabel(self)
        jumps.setWordWrap(True)
        jumps.setTextFormat(Qt.TextFormat.RichText)
        jumps.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        jumps.setText(
            _("Go to: {sections}").format(
                sections=" · ".join(
                    f"<a href='section:{key}'>{_html(_(name))}</a>" for name, key in SECTIONS
                )
            )
        )
        jumps.linkActivated.connect(self._follow)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(jumps)
        right_layout.addWidget(scroll, 1)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)  # a wider window widens the list too
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([300, 700])
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(self._follow)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # two lines, always: a long reason scrolls (its links come first) and never shrinks
        # the form or moves the buttons
        status_area = QScrollArea(self)
        status_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its links take the focus
        status_area.setAccessibleName(_("Why Save is refused"))
        status_area.setWidgetResizable(True)
        status_area.setFrameShape(QFrame.Shape.NoFrame)
        status_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        status_area.setWidget(self.status)
        self.status.setText("&nbsp;<br>&nbsp;")  # two lines of rich text: their height
        status_area.setFixedHeight(self.status.heightForWidth(400))
        self.status.clear()
        self.save_button = QPushButton(_("&Save"), self)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(_("&Close"), self)
        close.clicked.connect(self.close)
        self.undo_button = undo = QPushButton(_("&Undo"), self)
        self.redo_button = redo = QPushButton(_("&Redo"), self)
        for button in (undo, redo):
            # a click leaves the keys in the field edited: turned off by the step it takes
            # (nothing left to undo), a focused button would hand them on to Close
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        undo.clicked.connect(self.undo_stack.undo)
        redo.clicked.connect(self.undo_stack.redo)
        self._offer_undo()
        self.undo_stack.indexChanged.connect(self._offer_undo)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_stack.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, self.undo_stack.redo)
        QShortcut(QKeySequence.StandardKey.Save, self, self._save_by_key)
        buttons = QHBoxLayout()
        buttons.addWidget(undo)
        buttons.addWidget(redo)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        verified = self.fields["last_verified"]
        for first, second in itertools.pairwise((verified, undo, redo, self.save_button, close)):
            QWidget.setTabOrder(first, second)  # after the form, as the buttons read
        self.disk_bar = DiskChangeBar(self)
        self.disk_bar.merge_requested.connect(self.merge)
        self.disk_bar.reload_requested.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        # under the form, above the line saying why Save is off: appearing, it moves neither
        # the field being typed in nor the buttons
        layout.addWidget(self.disk_bar)
        layout.addWidget(status_area)
        layout.addLayout(buttons)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Keep the data from changing by accident. The wheel over a field without the focus
        scrolls the form instead of changing the field's value; an Alt letter that no enabled
        button takes (Save while there is nothing to save) is not typed into the field."""
        if event.type() == QEvent.Type.Wheel:
            # a list or table of the form is watched through its viewport
            field = watched.parent() if watched not in self.fields.values() else watched
            if isinstance(field, QComboBox | QDateEdit | QAbstractItemView) and not (
                field.hasFocus() and isinstance(field, QTableWidget)
            ):
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

    def go_to_section(self, key: str) -> None:
        """Show a section of the form at the top, its first field focused."""
        self.fields[key].setFocus(Qt.FocusReason.OtherFocusReason)
        self.form_scroll.verticalScrollBar().setValue(self.form.headings[key].y())

    def _save_by_key(self) -> None:
        """Ctrl+S, a desktop editor's Save: saves as the button does, or says why not while
        the button is off (a shortcut alone would do nothing, silently)."""
        if self.save_button.isEnabled():
            self.save()
        else:
            self._say_why_not_saved()

    def _say_why_not_saved(self) -> None:
        self._check_all()
        reason = self._why_not()
        if reason:
            self._show_every_problem()
        self.status.setText(reason or _("Nothing to save: no edits yet."))

    # the list ---------------------------------------------------------------------------

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self._items = {}
        for key in self.document.clinic_keys():
            self._items[key] = item = QListWidgetItem(self._title(key))
            item.setToolTip(literal(item.text()))
            item.setData(_KEY, key)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.find_box.text():  # new items are shown: only a search hides any
            self._filter_list(self.find_box.text())

    def _title(self, key: int) -> str:
        """The clinic's name, and its id on a second line: both in full in a narrow list (up
        to a page's length), in the order they are stored (locator.data.bidi), as the window
        shows them."""
        entry = self.document.entry(key)
        name, key_id = entry.get("name") or _("(no name)"), entry.get("id") or _("(no id yet)")
        return neutral(f"{page_text(str(name))}\n{page_text(str(key_id))}")

    def _filter_list(self, text: str) -> None:
        """Show only the clinics whose name, id or city holds what was typed."""
        wanted = text.casefold().strip()
        for key, item in self._items.items():
            address = self.document.entry(key).get("address")
            city = address.get("city") if isinstance(address, dict) else ""
            found = wanted in f"{item.text()} {city or ''}".casefold()
            item.setHidden(bool(wanted) and not found)

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
        self.form.show_entry(entry)
        saved_id = self.document.saved_id(key)
        id_field = self.fields["id"]
        assert isinstance(id_field, QLineEdit)
        id_field.setReadOnly(saved_id is not None)
        self.id_button.setText(_("Change the &id…") if saved_id else _("Suggest an &id"))
        self._show_kept(key)
        self._show_problems(key)
        self.form_scroll.verticalScrollBar().setValue(scroll)

    def _lay_out_form(self) -> None:
        """Place the form's rows for what it shows now (its lists' and tables' heights, its
        problems' lines), then give it the height they need. Left to Qt, a row placed before
        a list above it grew stays where it was: a label drawn over a field until the form
        is scrolled. The field with the keys stays where it was under the pointer, though a
        problem line above it came or went; were the form now too short for that (scrolled
        to its end), room is left below its last row, until it is scrolled up."""
        layout = self.form.layout()
        assert layout is not None
        bar = self.form_scroll.verticalScrollBar()
        focused = QApplication.focusWidget()
        anchor = focused if focused is not None and self.form.isAncestorOf(focused) else None

        def top() -> int:
            return anchor.mapTo(self.form, QPoint()).y() if anchor is not None else 0

        in_view = top() - bar.value()
        margins = layout.contentsMargins()
        layout.setContentsMargins(margins.left(), margins.top(), margins.right(), self._form_end)
        for step in range(3):  # the rows for the height they need, then in that height
            layout.invalidate()  # every row's size asked again, not taken from before
            layout.activate()
            self.form.fit_tables()  # at the width the form has now
            QApplication.sendEvent(self.form_scroll, QEvent(QEvent.Type.LayoutRequest))
            if step == 1 and top() - in_view > bar.maximum():
                end = self._form_end + top() - in_view - bar.maximum()
                layout.setContentsMargins(margins.left(), margins.top(), margins.right(), end)
        bar.setValue(top() - in_view)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """A table's rows are as tall as their wrapped text once its columns have their
        width, which they get as the window is laid out on showing."""
        super().showEvent(event)
        self._lay_out_form()

    def _collect(self, spec: FieldSpec) -> None:
        """A field was changed by the maintainer: one undo step for that field alone."""
        if not self.document.clinic_keys():
            return
        key = self._current
        before = spec.value_in(self.document.entry(key))
        after = self.form.value(spec)
        if key in self._filled:
            self._filled[key].add(spec.path[0])
        if spec.path == ("sources",):
            self._follow_rows(key, before, after)
        if after != before or type(after) is not type(before):
            self.undo_stack.push(_Edit(self, key, spec.path, before, after))

    def _follow_rows(self, key: int, before: Any, after: Any) -> None:
        """Keep :attr:`_added_rows` and :attr:`_fresh_rows` on the rows they name as a source
        is added, removed or typed into."""
        old, new = (v if isinstance(v, list) else [] for v in (before, after))
        added, fresh = (
            self._added_rows.setdefault(key, set()),
            self._fresh_rows.setdefault(key, set()),
        )
        if len(new) == len(old) + 1 and new[: len(old)] == old:  # "Add a source"
            added.add(len(old))
            fresh.add(len(old))
        elif len(new) == len(old) - 1:  # a row removed: the rows below it move up
            gone = next((i for i, row in enumerate(new) if row != old[i]), len(new))
            for rows in (added, fresh):
                rows.difference_update({gone})
                moved = {row - 1 if row > gone else row for row in rows}
                rows.clear()
                rows.update(moved)
        else:  # a cell typed into, a support ticked: that row's problems are shown now
            fresh.difference_update(
                i for i, row in enumerate(new) if i >= len(old) or row != old[i]
            )

    def _in_fresh_row(self, key: int, where: tuple[str | int, ...]) -> bool:
        """True for a problem in a source row just added and not typed into yet."""
        return (
            where[:1] == ("sources",)
            and len(where) > 1
            and where[1] in self._fresh_rows.get(key, ())
        )

    def _in_file(self, key: int, where: tuple[str | int, ...]) -> bool:
        """False for a problem of a clinic, or a source row, added since the last save: it is
        in no line of the file yet."""
        added = self._added_rows.get(key, ())
        in_added = where[:1] == ("sources",) and len(where) > 1 and where[1] in added
        return key not in self._new and not in_added

    def _show_kept(self, key: int) -> None:
        """Name, with their lines, the keys and values the form does not show: they are
        saved exactly as written."""
        entry = self.document.entry(key)
        kept = []
        kept_paths: list[tuple[str, ...]] = []
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
                kept_paths.append(path)
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
                    "save; <a href='open-file:{line}'>open the file</a> to change it):<br>"
                ).format(line=self.document.line_of(key, kept_paths[0]))
                + "<br>".join(kept)
            )
        self.kept.setVisible(bool(kept))

    def _show_problems(self, key: int) -> None:
        # errors first; then facts without a quote in a registry without covers, and quotes
        # whose documents are not at hand (neither stops a save)
        document = self.document
        problems = document.problems(key) + document.gaps(key) + document.quote_notes(key)
        filled = self._filled.get(key)
        if filled is not None:
            problems = [p for p in problems if p[0][:1] and p[0][0] in filled]
        problems = [p for p in problems if not self._in_fresh_row(key, p[0])]
        self.form.show_problems(problems)
        self._lay_out_form()

    # changes ----------------------------------------------------------------------------

    def changed(self, key: int, *, refresh_form: bool = True) -> None:
        """A clinic's data changed (an edit, its undo or redo): show it, check it."""
        self._check_all()
        item = self._items.get(key)
        if item is not None:
            item.setText(self._title(key))
            item.setToolTip(literal(item.text()))
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
        self._check_all()
        self._fill_list()
        present = set(self.document.clinic_keys())
        self._invalid = {k: v for k, v in self._invalid.items() if k in present}
        if key in present:
            self._recheck(key)
            self._select(key)
        self._update_save()

    def _recheck(self, key: int) -> None:
        # a source row not typed into yet is named last: a problem the maintainer made first
        problems = sorted(self.document.problems(key), key=lambda p: self._in_fresh_row(key, p[0]))
        if problems:
            self._invalid[key] = problems[0][1]
        else:
            self._invalid.pop(key, None)

    def _first_invalid(self) -> int:
        return next(key for key in self.document.clinic_keys() if key in self._invalid)

    def _where_of_problem(self, key: int) -> tuple[str | int, ...]:
        """The path of the field with the clinic's first problem; () for the whole entry."""
        problem = self._invalid.get(key)
        return next((w for w, p in self.document.problems(key) if p == problem), ())

    def _line_of_problem(self, key: int) -> int:
        """The line of the field with the clinic's first problem, in the file as saved now."""
        return self.document.line_of(key, self._where_of_problem(key))

    def _problem(self) -> str:
        """Why Save is refused, in plain words naming the clinic, where it is and the field;
        "" when nothing stops a save. A clinic not saved yet is in no line of the file."""
        if not self._invalid:
            return ""
        key = self._first_invalid()
        entry = self.document.entry(key)
        said = page_text(str(entry.get("name") or _("the new clinic")))
        name = f"{said} ({entry.get('id') or _('no id yet')})"
        problem = self._invalid[key]
        if key in self._new:
            place = _("not in the file yet")
        elif not self._in_file(key, self._where_of_problem(key)):
            place = _("a new source, not in the file yet")
        else:
            place = _("line {line}").format(line=self._line_of_problem(key))
        more = len(self._invalid) - 1
        others = (
            ngettext(" — and {count} more clinic", " — and {count} more clinics", more).format(
                count=more
            )
            if more
            else ""
        )
        return neutral(  # said in labels, tooltips and a question: read as it is stored
            _("{name}, {place}: {problem}{others}").format(
                name=name, place=place, problem=problem, others=others
            )
        )

    def _why_not(self) -> str:
        """:meth:`_problem` for the status line, its links first: a long problem scrolls in
        the status line's two lines, and the links stay in sight."""
        problem = self._problem()
        if not problem:
            return ""
        key = self._first_invalid()
        links = _("<a href='clinic:{key}'>Show it</a>").format(key=key)
        if self._in_file(key, self._where_of_problem(key)):  # what is not saved has no line
            line = self._line_of_problem(key)
            links += " · " + _(
                "<a href='open-file:{line}'>Open the file at line {line}</a>"
            ).format(line=line)
        return _("Cannot save yet ({links}): {problem}.").format(
            links=links, problem=_html(problem)
        )

    def _update_save(self) -> None:
        problem = self._problem()
        offer(
            self.save_button,
            _("Cannot save yet: {problem}.").format(problem=problem)
            if problem
            else None
            if self.has_changes()
            else _("Nothing to save: no edits yet."),
            _("Writes your edits to {path} ({key}).").format(
                path=self.save_to,
                key=QKeySequence(QKeySequence.StandardKey.Save).toString(
                    QKeySequence.SequenceFormat.NativeText
                ),
            ),
        )
        self.status.setText(self._why_not())

    def _offer_undo(self) -> None:
        """Undo and Redo say what they would do, or why there is nothing to do."""
        if not shiboken6.isValid(self.undo_stack):  # a stack being deleted clears itself first
            return
        offer(
            self.undo_button,
            None
            if self.undo_stack.canUndo()
            else _("Nothing to undo since the merge: it holds your earlier edits.")
            if self.has_changes()  # a merge's edits, not saved yet
            else _("Nothing to undo: no edits yet."),
            _("Takes back your last edit."),
        )
        offer(
            self.redo_button,
            None
            if self.undo_stack.canRedo()
            else _("Nothing to redo: Redo brings back an edit you have undone."),
            _("Brings back the edit you undid last."),
        )

    def _on_clean_changed(self, _clean: bool) -> None:
        if shiboken6.isValid(self.undo_stack):  # a stack being deleted clears itself first
            self._update_save()

    def has_changes(self) -> bool:
        """True when there are edits not yet saved."""
        return not self.undo_stack.isClean()

    def _follow(self, link: str) -> None:
        if link.startswith("section:"):
            self.go_to_section(link.removeprefix("section:"))
        elif link.startswith("clinic:"):
            self._show_problem(int(link.removeprefix("clinic:")))
        elif link.startswith("open-file:"):
            self._open_file(int(link.removeprefix("open-file:")))

    def _show_problem(self, key: int) -> None:
        """A problem's "Show it": its clinic in the form, scrolled to the field at fault with
        the sentence below it in sight, and that field takes the keys."""
        self._select(key)
        where = self._where_of_problem(key)
        field = self.form.field_at(where)
        if field is None:
            return
        error = self.form.errors.get(str(where[0]))
        if error is not None:
            self.form_scroll.ensureWidgetVisible(error)  # what is wrong …
        self.form_scroll.ensureWidgetVisible(field)  # … below the field itself, its top first
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_file(self, line: int) -> None:
        """Open the file at ``line`` in the user's editor; else say the line to go to."""
        path = self.document.path
        opened = open_at_line(path, line)
        if opened is Opened.FILE_ONLY:
            self.status.setText(_html(opened_at_top(path, line)))
        elif opened is Opened.NOT_AT_ALL:
            self.status.setText(no_yaml_program(path, line))

    # actions --------------------------------------------------------------------------

    def add_clinic(self) -> None:
        """Start a new entry (invalid until it has a name, an id and a source)."""
        data = {"id": "", "name": "", "sources": [], "last_verified": dt.date.today().isoformat()}

        def make() -> int:
            key = self.document.add(data)
            self._new.add(key)
            self._filled[key] = set()
            return key

        self.undo_stack.push(_Structure(self, _("add a clinic"), make))
        self._focus_first_field()

    def _focus_first_field(self) -> None:
        """A new entry is typed in next: its first field, not the button that made it, takes
        the keys."""
        first = self.fields[FIELDS[0].key]
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.form_scroll.ensureWidgetVisible(first)

    def duplicate_clinic(self) -> None:
        """Copy the selected entry under a new id."""
        if self.document.clinic_keys():
            key = self._current

            def make() -> int:
                made = self.document.duplicate(key)
                self._new.add(made)
                return made

            self.undo_stack.push(_Structure(self, _("duplicate a clinic"), make))
            self._focus_first_field()  # its id, new and unique, is the first thing to change

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
        if confirmed(
            self,
            _("Change the id?"),
            _(
                "This clinic is saved with the id '{saved}'. Shortlists, links and "
                "other files that name it by that id will no longer find it. Change it "
                "anyway?"
            ).format(saved=saved),
        ):
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
        self._check_all()
        if self._why_not():
            self._show_every_problem()
            self._update_save()
            return None
        return self._save(self.save_to)

    def _show_every_problem(self) -> None:
        """A save tried: the problems of fields and source rows not typed into yet are shown
        too, as what stops it."""
        self._filled.clear()
        self._fresh_rows.clear()
        self._show_problems(self._current)

    def _save(self, target: Path, *, overwrite: bool = False) -> Path | None:
        try:
            written = self.document.save(target, overwrite=overwrite)
        except ExternalChangeError as error:
            return self._resolve_conflict(str(error), target)
        except TargetExistsError as error:
            if confirmed(
                self, _("Replace the file?"), _("{error}. Replace it?").format(error=error)
            ):
                return self._save(target, overwrite=True)
            return None
        except (RegistryError, RegistryWriteError, EntryRewriteError) as error:
            self.status.setText(_html(str(error)).replace("\n", "<br>"))
            return None
        self.undo_stack.setClean()
        self._new.clear()
        self._filled.clear()
        self._added_rows.clear()
        self._fresh_rows.clear()
        self.disk_bar.hide()
        self._watch.follow(self.document.path)
        self._select(self._current)
        self._update_save()
        self.status.setText(_("Saved {written}.").format(written=_html(str(written))))
        self.saved.emit(written)
        return written

    def _resolve_conflict(self, problem: str, target: Path) -> Path | None:
        """Someone else changed the file: reload theirs, or keep ours as another file."""
        box = message_box(
            QMessageBox.Icon.Warning, _("The registry changed on disk"), problem, self
        )
        merge = box.addButton(_(MERGE), QMessageBox.ButtonRole.ActionRole)
        reload = box.addButton(_(RELOAD), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("&Save mine as another file…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        # one above the other: side by side, in Spanish, they were cut at 800x600
        buttons = box.findChild(QDialogButtonBox)
        if buttons is not None:
            buttons.setOrientation(Qt.Orientation.Vertical)
        box.exec()
        if box.clickedButton() is merge:
            self.merge()
            return None
        if box.clickedButton() is reload:
            self.reload()
            return None
        if box.clickedButton() is keep:
            chosen = ask_save_path(  # the dialog every save goes through; it asks before replacing
                self,
                self.preferences,
                _("Save as"),
                f"{target.stem}.mine.yaml",
                "YAML (*.yaml)",
                folder=target.parent,
            )
            if chosen is not None:
                return self._save(chosen, overwrite=True)
        return None

    def _show_document(self) -> None:
        """List the document's clinics and show the first; which are invalid is found a batch
        at a time, the first batch now and the rest once the window is shown (:meth:`_check`)."""
        self._fill_list()
        keys = self.document.clinic_keys()
        self._invalid = {}
        self._unchecked = keys
        self._check(CHECKED_AT_ONCE)
        if keys:
            self._select(keys[0])
        self._update_save()

    def _check(self, count: int | None = None) -> None:
        """Note which of the next ``count`` clinics not checked yet (all: None) are invalid,
        in file order, so the first invalid one found is the file's first; the rest follow
        while the window is idle. Whatever acts on every clinic's problems (an edit, a save,
        a merge) checks the rest first: at 10,000 clinics the window shows in half the time."""
        batch = self._unchecked if count is None else self._unchecked[:count]
        self._unchecked = self._unchecked[len(batch) :]
        # a clinic removed meanwhile is not checked
        found = self.document.every_problem(key for key in batch if self.document.holds(key))
        self._invalid.update((key, problems[0][1]) for key, problems in found.items())
        if self._unchecked:
            self._checker.start()
        else:
            self._checker.stop()

    def _check_more(self) -> None:
        """The next batch of clinics checked, while the window is idle; what Save says is
        brought up to date when a batch finds a problem."""
        invalid = len(self._invalid)
        self._check(CHECKED_AT_ONCE)
        if len(self._invalid) != invalid:
            self._update_save()

    def _check_all(self) -> None:
        """Every clinic not checked yet, checked now (before an edit or a save uses them)."""
        if self._unchecked:
            self._check()

    def reload(self) -> None:
        """Read the file again, dropping unsaved edits."""
        try:
            document = RegistryDocument.open(self.document.path)
        except (OSError, LocatorError) as error:
            self._cannot_read(error)
            return
        self._replace_document(document)
        self.undo_stack.clear()
        self.status.setText(_("Reloaded {path}.").format(path=_html(str(self.document.path))))

    def merge(self) -> None:
        """Read the file as another program left it, keeping the edits made here to the
        clinics it did not change; say whose edits could not be kept."""
        try:
            merge = self.document.merged_with_disk()
        except (OSError, LocatorError) as error:
            self._cannot_read(error)
            return
        self._replace_document(merge.document)
        self._check_all()  # the merged edits are not saved yet: Save names any problem now
        self.undo_stack.clear()
        self.undo_stack.resetClean()
        self._offer_undo()
        self._update_save()
        said = [
            ngettext(
                "Merged: {path} as changed on disk, with your edits to {count} clinic.",
                "Merged: {path} as changed on disk, with your edits to {count} clinics.",
                len(merge.kept),
            ).format(path=self.document.path, count=len(merge.kept))
        ]
        if merge.lost:
            said.append(
                _(
                    "Your edits to {clinics} could not be kept: the other program changed "
                    "that clinic too, and its version is shown."
                ).format(clinics="; ".join(merge.lost))
            )
        # Save stays off while a kept edit is invalid: why, first, as the status line says it
        self.status.setText("<br>".join(filter(None, [self._why_not(), _html(" ".join(said))])))

    def _replace_document(self, document: RegistryDocument) -> None:
        """Show ``document`` instead, on the clinic that was shown (by its id)."""
        shown = self.document.entry(self._current).get("id") if self._items else None
        self.document = document
        # a clinic added here and carried over by a merge is still in no line of the file
        self._new = {key for key in document.clinic_keys() if not document.in_file(key)}
        self._filled.clear()  # every clinic's problems are shown, as after a save
        self._added_rows.clear()
        self._fresh_rows.clear()
        self.disk_bar.hide()
        self._show_document()
        with contextlib.suppress(KeyError):  # a clinic the other program removed
            self._select(document.key_for(str(shown)))

    def _cannot_read(self, error: Exception) -> None:
        """Say why the file on disk cannot be read, in words: locator's (:func:`os_reason`:
        "that is a folder", "it is a pipe or a device, not a file"), never Python's
        "[Errno 21] …" nor the system's English."""
        if isinstance(error, OSError) and not isinstance(error, LocatorError):
            error = OSError(os_reason(error).rstrip("."))
        self.status.setText(
            _html(
                _("{path} cannot be read now; your edits are kept here: {error}").format(
                    path=self.document.path, error=error
                )
            ).replace("\n", "<br>")
        )

    def _on_disk_changed(self) -> None:
        """Another program changed the file: without edits here, show its new version; with
        them, say so now and offer to merge them."""
        if not self.document.changed_on_disk():
            return  # our own save, or a change undone
        if not self.has_changes():
            self.reload()
            self.status.setText(
                _("{path} changed on disk; shown as it is now.").format(
                    path=_html(str(self.document.path))
                )
            )
            return
        self.disk_bar.show_change(self.document.path)

    def reject(self) -> None:
        """Escape, Close and the window's close button all end here (a dialog's close event
        rejects it): unsaved edits are asked about first, never dropped by a key."""
        if self.has_changes() and not self._may_close():
            return
        super().reject()

    def _may_close(self) -> bool:
        """Save, Discard or Cancel the unsaved edits; True when the editor may close.

        Enter never loses work: it saves, or, while a save would be refused, cancels."""
        self._check_all()
        problem = self._problem()
        text = (
            _(
                "You have edits that are not saved, and they cannot be saved yet: {problem}. "
                "Discard them, or cancel and fix it?"
            ).format(problem=problem)
            if problem
            else _("You have edits that are not saved. Save them before closing?")
        )
        box = message_box(QMessageBox.Icon.Warning, _("Unsaved edits"), text, self)
        save = box.addButton(_("&Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        offer(save, _("Cannot save yet: {problem}.").format(problem=problem) if problem else None)
        box.setDefaultButton(cancel if problem else save)
        box.setEscapeButton(cancel)
        box.exec()
        if box.clickedButton() is save:
            return self.save() is not None
        return box.clickedButton() is discard
