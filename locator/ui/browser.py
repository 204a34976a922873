"""Opening a web page in the user's browser, with a way out when no browser is set up."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from locator.i18n import _


def open_in_browser(url: str) -> str | None:
    """Open ``url``; when no browser opens it, put it on the clipboard and return the sentence
    that says so (None when it opened)."""
    if QDesktopServices.openUrl(QUrl(url)):
        return None
    QGuiApplication.clipboard().setText(url)
    return _("No web browser is set up to open {url}; the address is on the clipboard.").format(
        url=url
    )
