"""The desktop's web browser, as far as the app can tell: a URL handler that records what it is
given (QDesktopServices hands https links to it instead of a real browser)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices


class Browser(QObject):
    """Records the pages the app asked to open, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))


@pytest.fixture
def browser() -> Iterator[Browser]:
    """A browser for this test; https links go to it."""
    found = Browser()
    QDesktopServices.setUrlHandler("https", found, "open")
    yield found
    QDesktopServices.unsetUrlHandler("https")
