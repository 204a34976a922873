"""The side-by-side comparison of 2 to 4 clinics, with export (PDF, HTML, Markdown, CSV) and
printing, each with an optional "prepared for" and coordinator's note."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from locator.compare import CellKind, ComparisonMatrix, Preparation, file_name
from locator.data.bidi import neutral
from locator.files import atomic_write, not_taken
from locator.i18n import _, pgettext
from locator.notice import notice
from locator.presentation import page_text
from locator.ui.background_export import BackgroundExport, SavingBar
from locator.ui.contrast import error_colour
from locator.ui.documents import Progress, pdf_bytes, print_html
from locator.ui.export_dialog import CSV, HTML, MARKDOWN, PDF, ask_export, ask_preparation
from locator.ui.file_dialogs import ask_save_path, start_folder
from locator.ui.literal_text import literal
from locator.ui.preferences import Preferences
from locator.ui.screen_fit import fit_to_screen

DIFFERS = QColor(255, 236, 179)
NARROWEST_COLUMN = 150  # px; below this the table scrolls sideways instead
WIDEST_COLUMN = 260  # px; the longest word need not push a column wider than this
ROW_LABEL_WIDTH = 190  # px; longer row labels wrap
CELL_PADDING = 3  # px above and below a cell's text


class CellDelegate(QStyledItemDelegate):
    """Cells with room around their text, and no focus frame: styles draw it at the cell's
    edge, through text that fills the cell; the selection already shows the current cell."""

    def initStyleOption(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_HasFocus

    def sizeHint(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return super().sizeHint(option, index) + QSize(0, 2 * CELL_PADDING)


class WrappingHeader(QHeaderView):
    """A header whose titles wrap at spaces, and whose sections grow to show them whole.

    Qt's own header measures a title on one line, so a long clinic name is clipped at both
    ends however wide the window is. Across the top, titles wrap to their column's width;
    down the side (row labels), to at most ``widest`` pixels.
    """

    def __init__(self, orientation: Qt.Orientation, parent: QWidget, *, widest: int = 0) -> None:
        super().__init__(orientation, parent)
        self.widest = widest
        self.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        )
        self._refitting = False
        if orientation is Qt.Orientation.Horizontal:
            self.sectionResized.connect(self._refit)

    def margin(self) -> int:
        """The style's padding around a title."""
        return self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)

    def title_size(self, index: int, width: int) -> QSize:
        """The size the title of section ``index`` needs when wrapped to ``width``."""
        text = str(self.model().headerData(index, self.orientation()) or "")
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        box = QRect(0, 0, max(width, 1), 100_000)
        return self.fontMetrics().boundingRect(box, flags, text).size()

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:  # noqa: N802, N803 - Qt's
        size = super().sectionSizeFromContents(logicalIndex)
        padding = 2 * self.margin()
        if self.orientation() is Qt.Orientation.Horizontal:
            title = self.title_size(logicalIndex, self.sectionSize(logicalIndex) - padding)
            return QSize(size.width(), max(size.height(), title.height() + padding))
        width = min(size.width(), self.widest) if self.widest else size.width()
        title = self.title_size(logicalIndex, width - padding)
        return QSize(width, max(size.height(), title.height() + padding))

    def _refit(self) -> None:
        """Ask for a new height: titles rewrap whenever a column changes width."""
        model = self.model()
        if self._refitting or model is None or not model.columnCount():
            return
        self._refitting = True
        try:
            model.headerDataChanged.emit(self.orientation(), 0, model.columnCount() - 1)
        finally:
            self._refitting = False


class CompareDialog(QDialog):
    """Attributes as rows, clinics as columns; rows that differ are highlighted and marked ≠."""

    def __init__(
        self,
        matrix: ComparisonMatrix,
        preferences: Preferences,
        parent: QWidget | None = None,
        after_closing: Callable[[str], None] | None = None,
    ) -> None:
        """``after_closing(sentence)`` says, in the window that opened this one, what became
        of an export once this window has closed (cancelled as it closed)."""
        super().__init__(parent)
        self.matrix = matrix
        self.preferences = preferences
        self.after_closing = after_closing
        # who the last export or printout was for, and the note: offered again by the next
        # one, held by this window only and gone when it closes (never written to disk)
        self.prepared = Preparation()
        self.setWindowTitle(_("Compare clinics"))
        notice_line = QLabel(notice(), self)
        notice_line.setWordWrap(True)
        notice_line.setObjectName("crisisLine")
        self.notes = QLabel(neutral(" ".join(matrix.notes)), self)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)  # the place as the geocoder named it
        self.notes.setWordWrap(True)
        self.notes.setObjectName("comparisonNotes")
        self.table = self._table(matrix)
        self.only_differences = QCheckBox(_("Show &only the facts that differ"), self)
        self.only_differences.toggled.connect(self._show_only_differences)
        if not any(row.differs for row in matrix.rows):
            self.only_differences.setEnabled(False)
            self.only_differences.setToolTip(_("No fact differs between these clinics."))
        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        buttons = QDialogButtonBox(self)
        export_button = QPushButton(_("&Export…"), self)
        print_button = QPushButton(_("P&rint…"), self)
        for button in (export_button, print_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(_("C&lose"), QDialogButtonBox.ButtonRole.RejectRole)
        export_button.clicked.connect(self.export_interactively)
        print_button.clicked.connect(self.print_comparison)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_comparison)
        buttons.rejected.connect(self.reject)
        # as read: the check box above the table, the buttons below it
        chain = [self.only_differences, self.table, export_button, print_button, close]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        layout = QVBoxLayout(self)
        layout.addWidget(notice_line)
        layout.addWidget(self.notes)
        layout.addWidget(self.only_differences)
        layout.addWidget(self.table, 1)
        # what the selected cell rests on: the quotes, each with its document's name
        self.quotes = QLabel(self)
        self.quotes.setObjectName("cellQuotes")
        self.quotes.setAccessibleName(_("Source of the selected cell"))
        self.quotes.setWordWrap(True)
        self.quotes.setTextFormat(Qt.TextFormat.PlainText)
        self.quotes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.quotes)
        self.table.currentCellChanged.connect(self._show_quotes)
        self._show_quotes(-1, -1)
        layout.addWidget(self.status)
        saving = SavingBar(self)
        layout.addWidget(saving)
        self.saving = BackgroundExport(saving)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(1100, 720))

    def _table(self, matrix: ComparisonMatrix) -> QTableWidget:
        table = QTableWidget(len(matrix.rows), len(matrix.clinics), self)
        table.setAccessibleName(_("Comparison of the chosen clinics"))
        header = WrappingHeader(Qt.Orientation.Horizontal, table)
        table.setHorizontalHeader(header)
        table.setVerticalHeader(
            WrappingHeader(Qt.Orientation.Vertical, table, widest=ROW_LABEL_WIDTH)
        )
        for column, (title, clinic) in enumerate(zip(matrix.titles, matrix.clinics, strict=True)):
            item = QTableWidgetItem(page_text(title))  # a 1 MB name shown whole froze it
            item.setToolTip(literal(f"{page_text(title)}\n{clinic.id}"))
            table.setHorizontalHeaderItem(column, item)
        for r, row in enumerate(matrix.rows):
            label = QTableWidgetItem(row.label)
            # the distance row's names the searched place, as the geocoder named it
            label.setToolTip(
                literal(_("The clinics differ here.") if row.differs else row.attribute)
            )
            table.setVerticalHeaderItem(r, label)
        italic = QFont()
        italic.setItalic(True)
        for r, row in enumerate(matrix.rows):
            for c, cell in enumerate(row.cells):
                item = QTableWidgetItem(page_text(cell.text))
                item.setToolTip(literal(_quoted_text(cell.text, cell.cited_text())))
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                if cell.kind is CellKind.NOT_LISTED:
                    item.setFont(italic)
                if row.differs:  # black on amber, whatever the palette's text colour
                    item.setBackground(QBrush(DIFFERS))
                    item.setForeground(QBrush(QColor("black")))
                table.setItem(r, c, item)
        table.setItemDelegate(CellDelegate(table))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # arrows move between cells; Tab on to the buttons
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        words = [word for title in matrix.titles for word in title.split()]
        words += [word for row in matrix.rows for cell in row.cells for word in cell.text.split()]
        longest = max(table.fontMetrics().horizontalAdvance(word) for word in words)
        longest = min(longest + 4 * header.margin(), WIDEST_COLUMN)
        header.setMinimumSectionSize(max(NARROWEST_COLUMN, longest))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setMinimumHeight(160)
        return table

    def _show_only_differences(self, only: bool) -> None:
        """Hide the rows where the clinics say the same, or the rows never compared; a
        selected cell hidden with its row moves to the nearest row still shown, so the line
        under the table never quotes a row that is not on screen."""
        for r, row in enumerate(self.matrix.rows):
            self.table.setRowHidden(r, only and not row.differs)
        current, column = self.table.currentRow(), self.table.currentColumn()
        if current < 0 or not self.table.isRowHidden(current):
            return
        shown = [r for r in range(self.table.rowCount()) if not self.table.isRowHidden(r)]
        nearest = min(shown, key=lambda r: (abs(r - current), r), default=-1)
        self.table.setCurrentCell(nearest, column if nearest >= 0 else -1)

    def shown(self) -> ComparisonMatrix:
        """The comparison as the table shows it: every row, or only the facts that differ."""
        return self.matrix.only_differences() if self.only_differences.isChecked() else self.matrix

    def _show_quotes(self, row: int, column: int, *_previous: int) -> None:
        if row < 0 or column < 0:
            self.quotes.setText(_("Select a cell to see the source quotes that say it."))
            return
        cell = self.matrix.rows[row].cells[column]
        if cell.quotes:
            self.quotes.setText(_quoted_text(cell.text, cell.cited_text()))
        else:
            self.quotes.setText(
                _("Not listed: no source says this.")
                if cell.kind is CellKind.NOT_LISTED
                else _(
                    "{value}: not a quoted fact (locator works it out, or it is the "
                    "registry's own record)."
                ).format(value=cell.text)
            )

    def reject(self) -> None:
        """Close (the button, Escape or the window's own close), unless a comparison is being
        saved and the person chooses to wait for it."""
        if self.saving.may_close(self):
            super().reject()

    # exporting ----------------------------------------------------------------------

    def export(self, path: Path, matrix: ComparisonMatrix | None = None) -> Path:
        """Write ``matrix`` (else the comparison shown) to ``path`` now, in the format its
        suffix names (see :func:`comparison_bytes`).

        Raises FileWriteError, whose text is a sentence for the user.
        """
        return atomic_write(path, comparison_bytes(matrix or self.shown(), path.suffix))

    def export_interactively(self) -> Path | None:
        """Ask for the format, who it is for and a note, then for a file, and write the
        comparison there, made off the GUI thread while the strip above the buttons shows its
        progress and Cancel; the path chosen (the line under the table then says whether it
        was saved), or None when no file was chosen."""
        choice = ask_export(
            self,
            _("Export the comparison"),
            (PDF, HTML, MARKDOWN, CSV),
            _("&Save as…"),
            self._scope(),
            self.prepared,
        )
        if choice is None:
            return None
        self.prepared = choice.prepared
        name = comparison_file_name(self.matrix, choice.format.suffix)
        title = _("Export the comparison as {format}").format(format=_(choice.format.label))
        path = ask_save_path(self, self.preferences, title, name, choice.format.name_filter)
        if path is None:
            return None
        matrix = replace(self.shown(), prepared=choice.prepared)
        self.status.hide()  # the last export's outcome is not this one's
        self.saving.start(
            _("the comparison"),
            path,
            lambda steps: comparison_bytes(matrix, path.suffix, steps),
            lambda written: self._say(
                _("Saved the comparison to {written}.").format(written=written)
            ),
            lambda sentence: self._say(sentence, problem=True),
        )
        return path

    def print_comparison(self) -> bool:
        """Ask who it is for and a note, then for a printer, and print the comparison as
        shown, landscape; False when cancelled."""
        prepared = print_comparison(
            self.shown(), self, self.preferences, self._scope(), self.prepared
        )
        if prepared is None:
            return False
        self.prepared = prepared
        return True

    def _scope(self) -> str:
        """What an export or printout holds, when it is not the whole comparison."""
        if not self.only_differences.isChecked():
            return ""
        return _("Only the facts that differ go into it, as the table shows them.")

    def _say(self, sentence: str, *, problem: bool = False) -> None:
        if not self.isVisible() and self.after_closing is not None:
            self.after_closing(sentence)
            return
        self.status.setText(neutral(sentence))  # it may quote a path
        self.status.setStyleSheet(f"color: {error_colour(self.palette())};" if problem else "")
        self.status.show()


def _quoted_text(value: str, quotes: str) -> str:
    """A value and the quotes that say it, for a tooltip or the line under the table (each
    cut as a page cuts it)."""
    if not quotes:
        return page_text(value)
    return _("{value}\nSource:\n{quotes}").format(value=page_text(value), quotes=page_text(quotes))


def comparison_bytes(
    matrix: ComparisonMatrix, suffix: str, progress: Progress | None = None
) -> bytes:
    """``matrix`` as a file of the format ``suffix`` names: PDF (landscape, ``progress`` told of
    each page), HTML, Markdown (".md"), else CSV (UTF-8 with a BOM). Safe off the GUI thread."""
    suffix = suffix.lower()
    if suffix == PDF.suffix:
        return pdf_bytes(matrix.to_html(), landscape=True, progress=progress)
    if suffix == HTML.suffix:
        return matrix.to_html().encode("utf-8")
    if suffix == MARKDOWN.suffix:
        return matrix.to_markdown().encode("utf-8")
    return matrix.csv_bytes()


def comparison_file_name(matrix: ComparisonMatrix, suffix: str) -> str:
    """The name an export or a printout to a file is offered: what, when and near where."""
    # Translators: the start of a saved comparison's name, before its date and place.
    return file_name(pgettext("file name", "comparison"), matrix.place, suffix)


def print_comparison(
    matrix: ComparisonMatrix,
    parent: QWidget | None,
    preferences: Preferences,
    remark: str = "",
    offered: Preparation | None = None,
) -> Preparation | None:
    """Ask who the printout is for and a note (``remark`` above them, ``offered`` filled in),
    then for a printer, and print ``matrix``, landscape. Printing to a file offers the name
    and folder an export would ("… (2).pdf" when the export is there, so that Print does not
    replace it). The name and note as typed; None when cancelled before them."""
    prepared = ask_preparation(parent, _("Print the comparison"), _("P&rint…"), remark, offered)
    if prepared is None:
        return None
    file = not_taken(start_folder(preferences) / comparison_file_name(matrix, PDF.suffix))
    print_html(replace(matrix, prepared=prepared).to_html(), parent, landscape=True, file=file)
    return prepared
