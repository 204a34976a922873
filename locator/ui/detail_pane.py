"""The detail pane: every field of the selected clinic, its sources, and what one can do."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, QUrlQuery, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QPushButton, QTextBrowser, QVBoxLayout, QWidget

from locator.presentation import (
    NO_DIRECTIONS,
    NOT_LISTED,
    contact,
    directions_url,
    full_address,
    precision_note,
    providers_text,
    session_text,
)
from locator.ui.browser import open_in_browser
from locator.ui.flow_layout import FlowLayout

if TYPE_CHECKING:
    from locator.data.models import Clinic, Maintainer

STALE_AFTER = dt.timedelta(days=365)


def _three_state(clinic: Clinic) -> tuple[str, str]:
    """What it treats and offers, saying "not listed" and "not offered" apart."""
    treats = ", ".join(escape(term.label) for term in clinic.conditions) or f"<i>{NOT_LISTED}</i>"
    offered = [escape(term.label) for term in clinic.treatments]
    refused = [f"not {escape(term.label)}" for term in clinic.not_offered]
    offers = ", ".join(offered + refused) or f"<i>{NOT_LISTED}</i>"
    return treats, offers


def clinic_html(clinic: Clinic, today: dt.date | None = None, distance: str | None = None) -> str:
    """The clinic as HTML for a QTextBrowser; every registry text is escaped. ``distance`` is
    how far the search found it, with the estimated drive."""
    today = today or dt.date.today()
    treats, offers = _three_state(clinic)
    rows: list[tuple[str, str]] = [
        ("Where", escape(full_address(clinic))),
        *([("Distance", escape(distance))] if distance else []),
        ("Location", escape(precision_note(clinic))),
        ("Treats", treats),
        ("Offers", offers),
    ]
    optional = {
        "Organization": clinic.organization,
        "Works with": ", ".join(clinic.affiliations),
        "Serves": ", ".join(clinic.service_area),
        "Session length": session_text(clinic),
        "Typical course": clinic.typical_course,
        "Providers": providers_text(clinic),
        "Payment": ", ".join(term.label for term in clinic.payment),
        "Telehealth": {True: "yes", False: "no", None: None}[clinic.telehealth],
    }
    rows += [
        (key, escape(value) if value else f"<i>{NOT_LISTED}</i>") for key, value in optional.items()
    ]
    rows.append(("Contact", escape(contact(clinic))))
    if clinic.location is not None:
        rows.append(("Coordinates from", escape(clinic.location.source)))
    age = today - clinic.last_verified
    verified = escape(clinic.last_verified.isoformat())
    if age > STALE_AFTER:
        verified += " <b style='color:#b00020'>(over a year ago: check before relying on it)</b>"
    rows.append(("Last verified", verified))
    table = "".join(
        f"<tr><th align='left' valign='top'>{key}</th><td>{value}</td></tr>" for key, value in rows
    )
    sources = "".join(
        f"<li><b>{escape(s.document)}</b> (date of the source not known): “{escape(s.quote)}”</li>"
        for s in clinic.sources
    )
    notes = f"<p>{escape(clinic.notes)}</p>" if clinic.notes else ""
    return (
        f"<h2>{escape(clinic.name)}</h2>"
        f"<table cellspacing='4'>{table}</table>{notes}"
        f"<h3>Sources</h3><ul>{sources}</ul>"
    )


def correction_subject(clinic: Clinic) -> str:
    """The subject line of a correction: which entry it is about."""
    return f"Correction for {clinic.name} ({clinic.id})"


def correction_text(clinic: Clinic) -> str:
    """A ready-to-send correction for the registry's maintainers, to fill in."""
    return (
        "Correction for the locator registry\n"
        f"Entry id: {clinic.id}\n"
        f"Clinic: {clinic.name}\n"
        "Field: \n"
        "Proposed value: \n"
        "Source (document or web page, with the exact words): \n"
    )


class DetailPane(QWidget):
    """Shows one clinic; its buttons open the website, copy the phone, give directions."""

    message = Signal(str)
    shortlist_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clinic: Clinic | None = None
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Clinic details")
        self.browser.setTabChangesFocus(True)  # Tab moves on; arrows and Page keys scroll
        self.website = QPushButton("Open w&ebsite", self)
        self.phone = QPushButton("Cop&y phone", self)
        self.directions = QPushButton("&Directions", self)
        self.correction = QPushButton("Suggest a c&orrection", self)
        self.shortlist = QPushButton("&Add to shortlist…", self)
        buttons = FlowLayout()
        for button in (self.website, self.phone, self.directions, self.correction, self.shortlist):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        layout.addLayout(buttons)
        self.website.clicked.connect(self._open_website)
        self.phone.clicked.connect(self._copy_phone)
        self.directions.clicked.connect(self._open_directions)
        self.correction.clicked.connect(self._copy_correction)
        self.shortlist.clicked.connect(lambda: self.shortlist_requested.emit(self._clinic))
        self.show_clinic(None)

    maintainer: Maintainer | None = None  # the registry's, set by the window on each load

    @property
    def clinic(self) -> Clinic | None:
        """The clinic shown."""
        return self._clinic

    def show_clinic(self, clinic: Clinic | None, distance: str | None = None) -> None:
        """Show ``clinic`` (``distance``: from the searched place, when there is a search), or a
        hint when none is selected."""
        self._clinic = clinic
        if clinic is None:
            self.browser.setHtml(
                "<p><i>Select a clinic to see everything the registry says.</i></p>"
            )
        else:
            self.browser.setHtml(clinic_html(clinic, distance=distance))
        self.website.setEnabled(bool(clinic and clinic.website))
        self.phone.setEnabled(bool(clinic and clinic.phone))
        directions = bool(clinic and directions_url(clinic))
        self.directions.setEnabled(directions)
        self.directions.setToolTip("" if directions or clinic is None else NO_DIRECTIONS)
        self.correction.setEnabled(clinic is not None)
        self.shortlist.setEnabled(clinic is not None)

    def _open_website(self) -> None:
        if self._clinic and self._clinic.website:
            self._open(self._clinic.website)

    def _open(self, url: str) -> None:
        """Open ``url`` in the user's browser, or say where it is when none is set up."""
        failed = open_in_browser(url)
        if failed:
            self.message.emit(failed)

    def _copy_phone(self) -> None:
        if self._clinic and self._clinic.phone:
            QGuiApplication.clipboard().setText(self._clinic.phone)
            self.message.emit(f"Copied {self._clinic.phone}")

    def _open_directions(self) -> None:
        url = directions_url(self._clinic) if self._clinic else None
        if url:
            self._open(url)

    def _copy_correction(self) -> None:
        """Send a correction where the registry says: an email ready to send, else the page it
        names with the text on the clipboard, else the clipboard and who to ask."""
        if not self._clinic:
            return
        text = correction_text(self._clinic)
        keeper = self.maintainer
        if keeper is not None and keeper.email:
            mail = QUrl(f"mailto:{keeper.email}")
            query = QUrlQuery()
            query.addQueryItem("subject", correction_subject(self._clinic))
            query.addQueryItem("body", text)
            mail.setQuery(query)
            if QDesktopServices.openUrl(mail):
                self.message.emit(
                    f"An email to {keeper.email} is ready to fill in and send: the field, the "
                    "value and its source."
                )
                return
        QGuiApplication.clipboard().setText(text)
        if keeper is not None and keeper.url and open_in_browser(keeper.url) is None:
            self.message.emit(
                f"A correction form for this entry is on the clipboard: paste it into the page "
                f"that opened ({keeper.url}), fill in the field, the value and its source."
            )
        elif keeper is not None:
            where = keeper.email or keeper.url
            self.message.emit(
                f"A correction form for this entry is on the clipboard: fill it in and send it "
                f"to {where}."
            )
        else:
            self.message.emit(
                "A correction form for this entry is on the clipboard: paste it into an email "
                "or a note, fill in the field, the value and its source, and send it to "
                "whoever keeps your copy of the registry. This registry names no contact for "
                "corrections (Help → About shows which file it is)."
            )
