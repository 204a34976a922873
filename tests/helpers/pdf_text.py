"""Reading back the text of a PDF the app wrote, page by page, as a reader would see it."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtPdf import QPdfDocument


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of the PDF at ``path``."""
    document = QPdfDocument(None)
    assert document.load(str(path)) == QPdfDocument.Error.None_, f"{path} is not a PDF"
    try:
        return [document.getAllText(page).text() for page in range(document.pageCount())]
    finally:
        document.close()


def words(text: str) -> set[str]:
    """Whole words (letters only) in ``text``; a word broken across lines is not one."""
    return set(re.findall(r"[A-Za-z]+", text))


def text_boxes(path: Path, needle: str) -> list[QRectF]:
    """Where on each page (in points) the first ``needle`` in its text lies; an empty box
    where the page lacks it."""
    document = QPdfDocument(None)
    assert document.load(str(path)) == QPdfDocument.Error.None_, f"{path} is not a PDF"
    try:
        boxes = []
        for page in range(document.pageCount()):
            start = document.getAllText(page).text().find(needle)
            if start < 0:
                boxes.append(QRectF())
                continue
            selection = document.getSelectionAtIndex(page, start, len(needle))
            boxes.append(selection.boundingRectangle())
        return boxes
    finally:
        document.close()
