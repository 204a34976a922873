"""A control that cannot be used now says why: greyed out alone, it tells nobody anything, and a
screen reader hears the reason as the control's description."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from locator.data.bidi import neutral
from locator.ui.literal_text import literal


def offer(widget: QWidget, why_not: str | None, does: str = "") -> None:
    """Enable ``widget``, its tooltip and description saying what it ``does``; or disable it,
    saying ``why_not`` instead. Either may hold registry text: it is shown as written."""
    widget.setEnabled(why_not is None)
    said = neutral(does if why_not is None else why_not)
    widget.setToolTip(literal(said))
    widget.setAccessibleDescription(said)
