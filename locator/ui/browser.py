"""Opening a web page in the user's browser, or a phone number in their phone app, saying
where it went, with a way out when none is set up."""

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


def open_and_say(url: str) -> str:
    """Open ``url`` and return what to tell the user: which site their browser was asked to
    open (a browser the desktop starts may still fail, unseen by locator, so they know what
    to expect), or that none is set up and the address is on the clipboard."""
    failed = open_in_browser(url)
    if failed:
        return failed
    return _(
        "Your web browser was asked to open {site}. If no browser opens, none is set up on "
        "this computer."
    ).format(site=QUrl(url).host() or url)


def call_and_say(url: str) -> str:
    """Put the number of a ``tel:`` link on the clipboard and ask the desktop's phone app, if
    it has one, to call it; return what to tell the user. A computer seldom has a phone app and
    its failure goes unseen, so the number on the clipboard is what the click surely gives."""
    number = QUrl(url).path()
    QGuiApplication.clipboard().setText(number)
    if QDesktopServices.openUrl(QUrl(url)):
        return _(
            "Copied {number}; this computer's phone app, if it has one, was asked to call it."
        ).format(number=number)
    return _("Copied {number} (no phone app is set up on this computer to call it).").format(
        number=number
    )
