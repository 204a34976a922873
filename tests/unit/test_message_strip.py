"""The messages strip under the results and the map, as it rests: whole lines in sight."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from locator.i18n import _
from locator.ui.message_bar import MessageBar, MessageKind
from tests.helpers.language import speaking


def lines_cut(strip: MessageBar) -> list[str]:
    """The lines of the messages that an edge of the strip's sight cuts through, top or
    bottom, each as "kind: line n"."""
    sight = strip.viewport()
    cut = []
    for label in sight.findChildren(QLabel):
        if not label.isVisibleTo(strip) or not label.objectName().startswith("message-"):
            continue
        spacing = label.fontMetrics().lineSpacing()
        text_top = label.mapTo(sight, QPoint(0, label.contentsRect().top())).y()
        for line in range(label.contentsRect().height() // spacing):
            top = text_top + line * spacing
            if any(top < edge < top + spacing for edge in (0, sight.height())):
                cut.append(f"{label.objectName()}: line {line + 1}")
    return cut


def wheel_down(strip: MessageBar) -> None:
    """One notch of the mouse wheel, towards the user, over the strip."""
    at = QPointF(strip.width() / 2, strip.height() / 2)
    QApplication.sendEvent(
        strip.viewport(),
        QWheelEvent(
            at,
            strip.mapToGlobal(at),
            QPoint(),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        ),
    )


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [(800, 600), (1400, 900)])
def test_a_message_taller_than_the_strip_shows_whole_lines_at_every_rest(
    qtbot: QtBot, size: tuple[int, int], language: str
) -> None:
    """The strip is at most a third of the window: a message taller than that scrolls, and
    its bottom line was cut through, the strip's height not a whole number of lines. Its
    sight holds whole lines, as it first shows the message and after each notch."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    layout.addWidget(QWidget(window), 1)
    with speaking(language):
        strip = MessageBar(window)
        layout.addWidget(strip)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        strip.post(MessageKind.REGISTRY, " ".join([_("Dismiss this message") + "."] * 400))
    bar = strip.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    QApplication.processEvents()  # laid out, as the user sees it
    assert strip.height() > size[1] // 4  # most of a third: the message is taller
    seen = [(bar.value(), lines_cut(strip))]
    while bar.value() < bar.maximum() and len(seen) < 50:
        wheel_down(strip)
        seen.append((bar.value(), lines_cut(strip)))
    assert len(seen) > 2, seen  # it did scroll
    assert not [(value, cut) for value, cut in seen if cut], seen
