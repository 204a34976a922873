"""Registry, typed and error text shown as written, never read as markup: the one home of it.

Qt shows text as rich text when its first line looks like HTML, so a clinic named
``<b>x</b>`` would be shown bold and ``<img src=x width=30000>`` as a screen-wide image.
Widgets with a text format (a ``QLabel``) are set to plain text where they are made; for
those that guess and have no setting to say otherwise (a tooltip, the label of a dialog made
by ``QInputDialog``) :func:`literal` escapes the text, and a question or warning that quotes
such text is asked by :func:`confirmed` or made by :func:`message_box`. A label tied to a field
(a buddy) reads "&" as the mark of an Alt shortcut, so its text goes through :func:`buddy_text`.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from locator.data.bidi import neutral
from locator.i18n import N_
from locator.presentation import page_text

# Said under a box that holds characters that reorder what it shows (the editor's fields, the
# Rename box): the box shows the text as typed, and what is saved is what it holds.
HOLDS_REORDERING = N_(
    "Holds {characters}, which can make the text shown here read other than it is stored; "
    "a save keeps it as written."
)


def buddy_text(text: str) -> str:
    """Plain ``text`` (a clinic's or a file's name in it) for a label tied to a field: Qt
    reads its "&" as the mark of an Alt shortcut, so "Smith & Jones" would show "Smith  Jones"
    with a letter underlined; doubled, it shows as written, in the order it is stored."""
    return neutral(text).replace("&", "&&")


def literal(text: str) -> str:
    """``text`` as a widget that guesses will show it: as written, and in the order it is
    stored (locator.data.bidi: a path or a name may hold what would turn it around).

    Text Qt would show as written anyway is left unchanged (most text: its tooltip wraps and
    reads as before); other text is escaped and marked as rich text, keeping its spaces and
    line breaks as plain text shows them. Never for a label tied to a field: rich text there
    takes the "&" of its escapes as Alt shortcuts; make that label plain (:func:`buddy_text`).
    """
    text = neutral(text)
    if not Qt.mightBeRichText(text):
        return text
    return f"<qt style='white-space:pre-wrap'>{escape(text, quote=False)}</qt>"


# A tooltip QtWebEngine made of a page's plain title: its text escaped in one paragraph.
_ESCAPED_TIP = re.compile(r"<(p|qt) style=([\"'])white-space:pre-wrap\2>[^<]*</\1>", re.S)


def page_tip(tip: str) -> str:
    """A web page's tooltip as a widget will show it as written: QtWebEngine escapes a title
    that reads as plain text but passes one that looks like markup on as rich text (a place's
    name from a server with an ``<img>`` in it would load that file on the window's thread)."""
    if not Qt.mightBeRichText(tip) or _ESCAPED_TIP.fullmatch(tip):
        return tip
    return literal(tip)


class AsStored(QStyledItemDelegate):
    """Draws each cell of a table of values the user edits read in the order it is stored
    (locator.data.bidi): "\u202ekcilc" is drawn "\ufffdkcilc", not "click"; and a value
    longer than a page shows whole cut with "…" (sizing a row to a 1 MB quote took seconds).
    The cell and the editor opened on it keep the value as written, so a save never changes
    it."""

    def displayText(self, value: Any, locale: QLocale | QLocale.Language) -> str:  # noqa: N802
        return neutral(page_text(super().displayText(value, locale)))

    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        """Qt's editor, holding as many characters as the cell: a line takes 32,767 unless
        told otherwise, and a longer quote edited would be saved cut."""
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(_MOST_CHARACTERS)
        return editor


_MOST_CHARACTERS = 2**31 - 1  # the most a QLineEdit holds (its length is a C int)


def message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    parent: QWidget | None,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
) -> QMessageBox:
    """A message box showing ``text`` (which may quote a name, a path or an error) as written,
    in the order it is stored."""
    box = QMessageBox(icon, title, neutral(text), buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def confirmed(parent: QWidget | None, title: str, question: str, *, keep: bool = False) -> bool:
    """Whether the person answers Yes to ``question``, shown as written; ``keep``: Enter
    answers No (what is asked about is kept)."""
    no = QMessageBox.StandardButton.No
    box = message_box(
        QMessageBox.Icon.Question, title, question, parent, QMessageBox.StandardButton.Yes | no
    )
    if keep:
        box.setDefaultButton(no)
    return box.exec() == QMessageBox.StandardButton.Yes
