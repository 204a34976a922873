"""Tab between the links of a message: a screen reader is told which link has the focus.

Qt reports only that the message has the focus (its name again), not which of its links, so
the link is announced; tests/unit/test_accessibility_tree.py shows announcements reach AT-SPI.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from locator.ui import message_bar
from locator.ui.message_bar import LinkText


def test_each_link_tabbed_to_is_announced(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(message_bar, "announce", lambda source, text, **_: said.append(text))
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    before = QPushButton("Before", window)  # Tab follows the order widgets are made in
    text = LinkText(window)
    after = QPushButton("After", window)
    text.show_text("Tiles? <a href='tiles:off'>Keep it off</a> · <a href='tiles:on'>Show</a>")
    for widget in (before, text, after):
        layout.addWidget(widget)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # keys go to it
    before.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is after
    assert said == ["Keep it off, link", "Show, link"]
