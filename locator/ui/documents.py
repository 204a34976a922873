"""Printing and PDF export of HTML documents (comparisons, referral summaries)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget


def _document(html: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(html)
    return document


def write_pdf(html: str, path: Path, *, landscape: bool = False) -> None:
    """Lay ``html`` out on Letter pages and write it to ``path`` as PDF."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageOrientation(orientation)
    writer.setResolution(300)
    writer.setTitle("locator")
    writer.setCreator("locator")
    _document(html).print_(writer)


def print_html(html: str, parent: QWidget | None = None) -> bool:
    """Ask for a printer and print ``html``; False when the user cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _document(html).print_(printer)
    return True
