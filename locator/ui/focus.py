"""Where the keyboard focus is, seen at a glance (WCAG 2.1 AA, 2.4.7 and 1.4.11).

Fusion marks a focused button or table cell with a faint tint of the selection colour, which
can hardly be told from no focus at all, least of all on a highlighted row. This style draws
every focus frame instead as a solid outline, at least 3:1 against the window and the fields
(it is drawn as text is, 4.5:1), with a line of the field colour inside it so the outline stands
out on a coloured row too; a tool button's inside its frame, where Fusion's lay over its words.
An item of a list or table (a suggestion, a row, a checklist's box) gets the ring at its very
edge, with no line inside (a ring drawn inside an item struck through the words), and the
items of a list or table are made taller by the ring's width and a pixel, top and bottom, with
as much beside their words, so that it clears them (a cell's words touched it, a "J" reached
into it); on a selected item it takes a colour that stands out on the selection. A list, table
or text pane with the focus is ringed whole too, on a frame made wide enough for it: a
selected row looks the same with the focus or without.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QListView,
    QProxyStyle,
    QStyle,
    QStyledItemDelegate,
    QStyleOption,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QWidget,
)

from locator.ui.contrast import readable_against

OUTLINE_PX = 2
ITEM_ROOM_PX = OUTLINE_PX + 1  # around a list's or table's item's words: the ring and a pixel


class FocusOutlineStyle(QProxyStyle):
    """The app's own style, with a focus frame people can see."""

    def drawPrimitive(  # noqa: N802 - Qt's name
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect and isinstance(
            widget, QToolButton
        ):  # Fusion's sits on the words (a few pixels in): ringed inside the frame instead
            whole = QStyleOption(option)
            whole.rect = widget.rect()
            _outline(whole, painter)
        elif element == QStyle.PrimitiveElement.PE_FrameFocusRect:  # a table cell's, a box's
            _outline(option, painter, item=isinstance(widget, QAbstractItemView))
        else:
            super().drawPrimitive(element, option, painter, widget)

    def drawControl(  # noqa: N802 - Qt's name
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if not option.state & QStyle.StateFlag.State_HasFocus:
            return
        if element == QStyle.ControlElement.CE_PushButton:  # Fusion's is a tint
            _outline(option, painter)
        elif element == QStyle.ControlElement.CE_ShapedFrame and isinstance(
            widget, QAbstractScrollArea
        ):  # Fusion shows none: on the frame's own pixels, which the contents leave alone
            _outline(option, painter, item=True)

    def sizeFromContents(  # noqa: N802 - Qt's name
        self,
        contents: QStyle.ContentsType,
        option: QStyleOption,
        size: QSize,
        widget: QWidget | None = None,
    ) -> QSize:
        # Qt passes no widget at times, though PySide's stubs say it always does
        found = super().sizeFromContents(contents, option, size, widget)  # type: ignore[arg-type]
        if contents == QStyle.ContentsType.CT_ItemViewItem and isinstance(
            widget, (QListView, QTableView)
        ):
            found.setHeight(found.height() + 2 * ITEM_ROOM_PX)  # the ring clears the words
        return found

    def pixelMetric(  # noqa: N802 - Qt's name
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        found = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_DefaultFrameWidth and isinstance(
            widget, QAbstractScrollArea
        ):  # Fusion's is 1 px: the ring needs its full width, beside the contents
            return max(found, OUTLINE_PX)
        if metric == QStyle.PixelMetric.PM_FocusFrameHMargin and isinstance(
            widget, (QListView, QTableView)
        ):  # Qt leaves this and a pixel beside an item's words: a "J" reached into the ring
            return max(found, ITEM_ROOM_PX)
        return found


class CurrentItemRinged(QStyledItemDelegate):
    """Rings the current item of a list whose keys stay elsewhere (a completer's, whose keys
    stay in the field), as Qt's completer does, but at the style's item size: Qt's own leaves
    the ring no room above the words."""

    def initStyleOption(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        view = self.parent()
        if isinstance(view, QAbstractItemView) and view.currentIndex() == index:
            option.state |= QStyle.StateFlag.State_HasFocus


def ring_current_item(view: QAbstractItemView) -> None:
    """Draw ``view``'s current item ringed, clear of its words (see :class:`CurrentItemRinged`)."""
    view.setItemDelegate(CurrentItemRinged(view))


def _outline(option: QStyleOption, painter: QPainter, item: bool = False) -> None:
    """A solid ring inside ``option``'s rectangle, readable on the window and on the fields;
    for an ``item`` of a view, on the rectangle's edge and alone."""
    palette = option.palette
    base = palette.color(QPalette.ColorRole.Base)
    if item and option.state & QStyle.StateFlag.State_Selected:  # on the selection's colour
        highlight = palette.color(QPalette.ColorRole.Highlight)
        outline = readable_against(palette.color(QPalette.ColorRole.Text), highlight)
    else:
        outline = readable_against(palette.color(QPalette.ColorRole.Highlight), base)
        outline = readable_against(outline, palette.color(QPalette.ColorRole.Window))
    edge = OUTLINE_PX // 2 if item else 2  # an item's ring on its edge, another inside any frame
    rect = option.rect.adjusted(edge, edge, -edge, -edge)
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(outline, OUTLINE_PX))
    painter.drawRect(rect)
    if not item:
        painter.setPen(QPen(base, 1))
        painter.drawRect(rect.adjusted(OUTLINE_PX, OUTLINE_PX, -OUTLINE_PX, -OUTLINE_PX))
    painter.restore()


def show_focus(app: QApplication) -> None:
    """Give ``app`` a focus outline, over the style it has."""
    app.setStyle(FocusOutlineStyle(app.style().name()))
