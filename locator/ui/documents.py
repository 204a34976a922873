"""Printing and PDF export of HTML documents (comparisons, referral summaries).

Pages are painted here rather than by ``QTextDocument.print_`` so that every page carries the
same small footer (the crisis line and "page n of m") and no closing paragraph can be left
alone on a last page. Text is laid out in the printer's own pixels (fonts in points, HTML
pixels scaled from 96 dpi), so the words that fit a column on paper are the ones measured.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QLineEdit, QWidget

from locator.files import atomic_write
from locator.i18n import N_, _

PAGE_FOOTER = N_(
    "locator is a directory, not medical advice. "
    "In a crisis, call or text 988 (US); in an emergency, call 911."
)
MARGIN_MM = 14.0
BODY_POINTS = 9.5
FOOTER_POINTS = 7.5
HEADING_KEEPS_LINES = 3  # lines of its text a heading keeps on its page
# A last page less than this part full is saved, if it can be, by setting the text a little
# smaller (at most to the last of these scales): a page of two lines is a page to lose.
SHORT_LAST_PAGE = 1 / 3
SMALLER_SCALES = (0.95, 0.9, 0.85)

# Where Letter, not A4, is the paper people buy (CLDR's paper-size data, the larger users).
_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.PuertoRico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.Venezuela,
}


def _asked_locale() -> QLocale | None:
    """The locale the environment names for paper (LC_ALL, LC_PAPER, LANG), read from its name
    so that one the system lacks still counts; None unless one names a country ("en_GB")."""
    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        name = os.environ.get(variable, "").split(".")[0].split("@")[0]
        if name and name not in ("C", "POSIX"):
            named = QLocale(name)
            known = "_" in name and named.language() != QLocale.Language.C
            return named if known else None
    return None


def default_page_size(locale: QLocale | None = None) -> QPageSize:
    """Letter where the locale's people use it (the US and its neighbours), A4 elsewhere.

    Without a locale (C, as when LANG names one the system lacks and the app falls back to
    C.UTF-8), the one the environment names decides; failing that, Letter: the directory's
    clinics, and so most of its readers, are in the US."""
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        asked = _asked_locale()
        if asked is None:
            return QPageSize(QPageSize.PageSizeId.Letter)
        locale = asked
    us_units = locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    letter = us_units or locale.territory() in _LETTER_TERRITORIES
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def _document(html: str, device: QPagedPaintDevice) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = QFont()
    font.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(font)
    document.setHtml(html)
    document.setDocumentMargin(0)
    return document


def _introduced_by(heading: QTextBlock) -> QTextBlock:
    """The block that ends the first lines of what ``heading`` introduces (its next few lines,
    or all of them when its section is shorter)."""
    last, lines, block = heading, 0, heading.next()
    while block.isValid() and lines < HEADING_KEEPS_LINES:
        if block.blockFormat().headingLevel():
            break
        if block.text().strip():
            lines += block.layout().lineCount()
        last, block = block, block.next()
    return last


def _keep_headings_with_their_text(document: QTextDocument, page_height: float) -> None:
    """Start a heading on a new page when the first lines it introduces would begin on the next
    one: a heading at the foot of a page, alone or with one line, tells the reader nothing."""
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            page = int(layout.blockBoundingRect(block).top() // page_height)
            last = _introduced_by(block)
            if int(layout.blockBoundingRect(last).bottom() // page_height) > page:
                moved = block.blockFormat()
                moved.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(moved)
                # Qt re-lays out the changed block but paints the blocks after it where they
                # were: text pushed onto a new page was never drawn. Lay it all out again.
                document.markContentsDirty(0, document.characterCount())
        block = block.next()


def _laid_out(html: str, device: QPagedPaintDevice, body: QSizeF, scale: float) -> QTextDocument:
    """``html`` laid out in pages of ``body``'s size, its text ``scale`` times its size."""
    document = _document(html, device)
    document.setPageSize(body / scale)
    _keep_headings_with_their_text(document, body.height() / scale)
    return document


def _fitted(html: str, device: QPagedPaintDevice, body: QSizeF) -> tuple[QTextDocument, float]:
    """``html`` laid out, and its scale: full size, or a little smaller when that saves a last
    page that would hold only a few lines."""
    document = _laid_out(html, device, body, 1.0)
    pages = document.pageCount()
    last_page = document.size().height() - (pages - 1) * body.height()
    if pages > 1 and last_page < body.height() * SHORT_LAST_PAGE:
        for scale in SMALLER_SCALES:
            smaller = _laid_out(html, device, body, scale)
            if smaller.pageCount() < pages:
                return smaller, scale
    return document, 1.0


# Told (pages painted, pages) before each page; what it raises stops the painting (Cancel).
Progress = Callable[[int, int], None]


def _paint(
    html: str, device: QPagedPaintDevice, footer: str, progress: Progress | None = None
) -> int:
    """Lay ``html`` out on ``device``'s pages with ``footer`` under each; the page count."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(_("the page could not be started"))
    try:
        small = QFont()
        small.setPointSizeF(FOOTER_POINTS)
        metrics = QFontMetricsF(small, device)
        width, height = float(device.width()), float(device.height())
        # The crisis line wraps over as many lines as the language needs and the page number
        # has a line of its own beneath it, so neither is ever cut or printed over the other.
        wrap = Qt.TextFlag.TextWordWrap
        crisis = metrics.boundingRect(QRectF(0, 0, width, height), wrap, footer).height()
        spacing = metrics.lineSpacing()
        footer_height = crisis + spacing * 1.5
        body = QSizeF(width, height - footer_height)
        document, scale = _fitted(html, device, body)
        page = document.pageSize()
        pages = document.pageCount()
        for index in range(pages):
            if progress is not None:
                progress(index, pages)
            if index:
                device.newPage()
            top = index * page.height()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -top)
            document.drawContents(painter, QRectF(0, top, page.width(), page.height()))
            painter.restore()
            painter.setFont(small)
            painter.drawText(
                QRectF(0, height - spacing - crisis, width, crisis),
                Qt.AlignmentFlag.AlignLeft | wrap,
                footer,
            )
            painter.drawText(
                QRectF(0, height - spacing, width, spacing),
                Qt.AlignmentFlag.AlignRight,
                _("page {value} of {pages}").format(value=index + 1, pages=pages),
            )
        return pages
    finally:
        painter.end()


def pdf_bytes(
    html: str,
    *,
    landscape: bool = False,
    page_size: QPageSize | None = None,
    footer: str | None = None,
    progress: Progress | None = None,
) -> bytes:
    """``html`` as a PDF, on the locale's paper (Letter in the US, else A4) unless given;
    ``progress`` is told of each page. Safe off the GUI thread: it touches no widget."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(
            page_size or default_page_size(),
            orientation,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    writer.setTitle("locator")
    writer.setCreator("locator")
    _paint(html, writer, footer or _(PAGE_FOOTER), progress)
    del writer  # finishes the file in the buffer
    buffer.close()
    return bytes(data.data())


def write_pdf(
    html: str,
    path: Path,
    *,
    landscape: bool = False,
    page_size: QPageSize | None = None,
) -> Path:
    """Write ``html`` to ``path`` as PDF; raises FileWriteError with a sentence on failure."""
    return atomic_write(path, pdf_bytes(html, landscape=landscape, page_size=page_size))


def printer_for(*, landscape: bool = False) -> QPrinter:
    """A printer set up as every printout is: the printer's own paper (the locale's when there
    is no printer), the page margins, and landscape when asked."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrinterInfo.defaultPrinter().isNull():
        printer.setPageSize(default_page_size())
    if landscape:
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    return printer


def print_on(printer: QPrinter, html: str) -> int:
    """Print ``html`` on ``printer`` (or the file it prints to); the page count."""
    return _paint(html, printer, _(PAGE_FOOTER))


def print_html(
    html: str, parent: QWidget | None = None, *, landscape: bool = False, file: Path | None = None
) -> bool:
    """Ask for a printer and print ``html``; False when the user cancels.

    ``file`` is the PDF "Print to File" offers, named as an export of the document would be
    (Qt would offer print.pdf in the working folder). It goes into the dialog's file field
    rather than the printer, which would make printing to a file the choice offered first."""
    printer = printer_for(landscape=landscape)
    dialog = QPrintDialog(printer, parent)
    if file is not None:
        printer.setDocName(file.stem)  # the print job's title, and Qt's own file name
        field = dialog.findChild(QLineEdit, "filename")  # Qt's print dialog names it so
        if field is not None:
            field.setText(str(file))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_on(printer, html)
    return True
