"""The side-by-side comparison of 2 to 4 clinics, with export to CSV and PDF, and printing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from locator.compare import CellKind, ComparisonMatrix
from locator.presentation import NOTICE
from locator.ui.documents import print_html, write_pdf

DIFFERS = QColor(255, 236, 179)


class CompareDialog(QDialog):
    """Attributes as rows, clinics as columns; rows that differ are highlighted."""

    def __init__(self, matrix: ComparisonMatrix, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = matrix
        self.setWindowTitle("Compare clinics")
        self.resize(900, 640)
        notice = QLabel(NOTICE, self)
        notice.setWordWrap(True)
        notice.setObjectName("crisisLine")
        self.table = QTableWidget(len(matrix.rows), len(matrix.clinics), self)
        self.table.setAccessibleName("Comparison of the chosen clinics")
        self.table.setHorizontalHeaderLabels([clinic.name for clinic in matrix.clinics])
        self.table.setVerticalHeaderLabels(
            [f"{row.attribute} ≠" if row.differs else row.attribute for row in matrix.rows]
        )
        italic = QFont()
        italic.setItalic(True)
        for r, row in enumerate(matrix.rows):
            for c, cell in enumerate(row.cells):
                item = QTableWidgetItem(cell.text)
                item.setToolTip(cell.text)
                if cell.kind is CellKind.NOT_LISTED:
                    item.setFont(italic)
                if row.differs:
                    item.setBackground(QBrush(DIFFERS))
                self.table.setItem(r, c, item)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        legend = QLabel(
            "Rows marked ≠ differ. “not listed” means no source says; "
            "it is not the same as “not offered”.",
            self,
        )
        legend.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        csv_button = QPushButton("Export &CSV…", self)
        pdf_button = QPushButton("Export &PDF…", self)
        print_button = QPushButton("P&rint…", self)
        for button in (csv_button, pdf_button, print_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        csv_button.clicked.connect(lambda: self._ask_and_export("CSV (*.csv)", ".csv"))
        pdf_button.clicked.connect(lambda: self._ask_and_export("PDF (*.pdf)", ".pdf"))
        print_button.clicked.connect(lambda: print_html(self.matrix.to_html(), self))
        QShortcut(QKeySequence.StandardKey.Print, self, lambda: print_html(matrix.to_html(), self))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        layout.addWidget(buttons)

    def export(self, path: Path) -> None:
        """Write the comparison to ``path``: CSV or PDF by its suffix."""
        if path.suffix.lower() == ".pdf":
            write_pdf(self.matrix.to_html(), path, landscape=True)
        else:
            path.write_text(self.matrix.to_csv(), encoding="utf-8")

    def _ask_and_export(self, kind: str, suffix: str) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export comparison", f"comparison{suffix}", kind
        )
        if name:
            path = Path(name)
            if path.suffix.lower() != suffix:
                path = path.with_suffix(suffix)
            self.export(path)
