"""Registry, typed and error text for the widgets that guess whether text is markup and have
no setting to say it is not: a dialog's label made by ``QInputDialog``, a tooltip.

Qt shows such text as rich text when its first line looks like HTML, so a clinic named
``<b>x</b>`` would be shown bold and ``<img src=x>`` as an image. Widgets with a text format
(a ``QLabel``, a ``QMessageBox``) are set to plain text instead.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import Qt


def literal(text: str) -> str:
    """``text`` as a widget that guesses will show it: as written.

    Text Qt would show as written anyway is left unchanged (most text: its tooltip wraps and
    reads as before); other text is escaped and marked as rich text, keeping its spaces and
    line breaks as plain text shows them.
    """
    if not Qt.mightBeRichText(text):
        return text
    return f"<qt style='white-space:pre-wrap'>{escape(text, quote=False)}</qt>"
