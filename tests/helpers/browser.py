"""The desktop's web browser, mail program and phone app, as far as the app can tell: a URL
handler that records what it is given (QDesktopServices hands https, mailto and tel links to it
instead)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

SCHEMES = ("https", "mailto", "tel")


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
    """A browser (and mail program, and phone app) for this test; https, mailto and tel links
    go to it."""
    found = Browser()
    for scheme in SCHEMES:
        QDesktopServices.setUrlHandler(scheme, found, "open")
    yield found
    for scheme in SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)
