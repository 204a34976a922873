"""The detail pane: every field of the selected clinic, its sources, and what one can do."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, QUrlQuery, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QGuiApplication,
    QHelpEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QMenu,
    QPushButton,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from locator.compare import contact_details
from locator.data.entry_fields import field_label
from locator.data.provenance import (
    cites_values,
    quotes_for,
    value_label,
)
from locator.data.vocabulary import EntryKind
from locator.i18n import N_, _
from locator.practical import payment_text, practical_facts
from locator.presentation import (
    DIRECTIONS_SERVICES,
    DIRECTIONS_TIP,
    NO_DIRECTIONS,
    OPENS_URL,
    WHY_LISTED,
    MapService,
    cited,
    cited_values,
    coordinates_source,
    directions_url,
    document_text,
    full_address,
    inferred_mark,
    notes_only,
    page_html,
    place_list,
    precision_note,
    providers_text,
    served_place,
    session_text,
    shown_name,
    website_host,
)
from locator.ui.browser import open_and_say, open_in_browser
from locator.ui.contrast import ERROR_RED, error_colour
from locator.ui.flow_layout import FlowLayout
from locator.ui.literal_text import literal
from locator.ui.reasons_dialog import WHY_LISTED_BUTTON, ReasonsDialog
from locator.ui.why_not import offer

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from locator.data.models import Clinic, Maintainer, Source

STALE_AFTER = dt.timedelta(days=365)
WHY_LINK = "why:listed"  # the details' link to the keepers' notes
NOT_SHORTLISTED = N_(
    "An unnamed provider cannot go on a shortlist or in a referral: the source names no one "
    "to contact."
)


_REPORTED_OF_AN_AREA = ("conditions", "treatments")  # an unnamed provider's facts worth asking


def _three_state(clinic: Clinic) -> tuple[str, str]:
    """What it treats and offers, saying "not offered" apart; "" when no source lists any."""
    treats = ", ".join(term.label for term in clinic.conditions)
    offered = [term.label for term in clinic.treatments]
    refused = [_("{treatment} (not offered)").format(treatment=t.label) for t in clinic.not_offered]
    return treats, ", ".join(offered + refused)


def _not_listed(labels: list[str]) -> str:
    """One line for every fact no source states ("Not listed: Session length, Price per
    session"): a row each would bury the facts that are listed."""
    if not labels:
        return ""
    text = _("Not listed (no source says): {facts}").format(facts=", ".join(labels))
    return f"<p><i>{page_html(text)}</i></p>"


def _not_mapped(labels: list[str]) -> str:
    """One line for the facts an imported HSDS file states that locator did not map (kept
    under the entry's ``hsds``): saying no source does would not be true."""
    if not labels:
        return ""
    text = _("In the imported file, not mapped: {facts}").format(facts=", ".join(labels))
    return f"<p><i>{page_html(text)}</i></p>"


def clinic_html(clinic: Clinic, today: dt.date | None = None, distance: str | None = None) -> str:
    """The clinic as HTML for a QTextBrowser; every registry text is escaped and cut as a page
    cuts it (a 1 MB quote froze the pane). ``distance`` is how far the search found it, with
    the estimated drive."""
    today = today or dt.date.today()
    treats, offers = _three_state(clinic)
    cite = _citations(clinic)
    unnamed = clinic.kind is EntryKind.UNNAMED_PROVIDER
    served = served_place(clinic) is not None
    where = _("office not listed") if served and not unnamed else full_address(clinic)
    rows: list[tuple[str, str]] = [
        (_("Where"), page_html(where) + ("" if served else cite("address"))),
        *([(_("Distance"), page_html(distance))] if distance else []),
        (_("Location"), page_html(precision_note(clinic))),
    ]
    # each value with the fields it states, whose quotes it points to (None: no source says)
    facts: dict[str, tuple[str | None, tuple[str, ...]]] = {
        _("Treats"): (treats, ("conditions",)),
        _("Offers"): (offers, ("treatments", "not_offered")),
        _("Organization"): (clinic.organization, ("organization",)),
        _("Works with"): (", ".join(clinic.affiliations), ("affiliations",)),
        _("Serves"): (place_list(clinic.service_area), ("service_area",)),
        _("Session length"): (session_text(clinic), ("session_minutes",)),
        _("Typical course"): (clinic.typical_course, ("typical_course",)),
        _("Providers"): (providers_text(clinic), ("providers",)),
        _("Payment"): (payment_text(clinic), ("payment",)),
        _("Telehealth"): (
            {True: _("yes"), False: _("no"), None: None}[clinic.telehealth],
            ("telehealth",),
        ),
        **{fact.label: (fact.text, fact.fields) for fact in practical_facts(clinic)},
        # an unnamed provider's contact is a fact of its own: there is no one
        _("Contact"): (
            _("none: the source names no provider to contact")
            if unnamed
            else contact_details(clinic),
            ("phone", "website"),
        ),
    }
    if served and unnamed:  # where it is reported is said in the row above
        facts.pop(_("Serves"))
    by_value = _cited_values(clinic) if cites_values(clinic) else None
    rows += [
        (
            key,
            by_value(fields)
            if by_value and fields[0] in _BY_VALUE
            else page_html(value) + cite(*fields),
        )
        for key, (value, fields) in facts.items()
        if value
    ]
    # an unnamed provider has no one to ask about practice, price or hours: only what the
    # source could report of the area's providers is said to be not listed
    unknown = [
        key
        for key, (value, fields) in facts.items()
        if not value and not (unnamed and fields[0] not in _REPORTED_OF_AN_AREA)
    ]
    from locator.hsds.correspondence import held_under_hsds  # with the models: not at start

    held = held_under_hsds(clinic.hsds)
    unmapped = [key for key in unknown if held.intersection(facts[key][1])]
    unknown = [key for key in unknown if key not in unmapped]
    if clinic.location is not None:
        rows.append((_("Coordinates from"), page_html(coordinates_source(clinic.location.source))))
    age = today - clinic.last_verified
    verified = page_html(clinic.last_verified.isoformat())
    if age > STALE_AFTER:
        verified += _(" <b style='color:#b00020'>(over a year ago: check before relying on it)</b>")
    rows.append((_("Last verified"), verified))
    table = "".join(
        f"<tr><th align='left' valign='top'>{key}</th><td>{value}</td></tr>" for key, value in rows
    )
    sources = "".join(
        f"<p><a name='source-{number}'></a>[{number}] <b>{page_html(document_text(s))}</b>"
        f"{page_html(_(': '))}“{page_html(s.quote)}” "
        f"<i>{page_html(_supports(s, clinic))}</i></p>"
        for number, s in enumerate(clinic.sources, start=1)
    )
    # the maintainers' notes are not shown: a link at the top offers them (a link, not a
    # button: a third row of buttons would not fit under the details on an 800x600 screen)
    key = QKeySequence.mnemonic(_(WHY_LISTED_BUTTON)).toString(
        QKeySequence.SequenceFormat.NativeText
    )  # said beside the link: the keyboard's way to it (Tab does not stop at links here)
    why = (
        f"<p><a href='{WHY_LINK}'>{page_html(_(WHY_LISTED))}</a> ({page_html(key)})</p>"
        if clinic.notes
        else ""
    )
    return (
        f"<h2>{page_html(shown_name(clinic))}{cite('name')}</h2>{_kind_note(clinic)}{why}"
        f"<table cellspacing='4'>{table}</table>{_not_listed(unknown)}{_not_mapped(unmapped)}"
        f"<h3>{page_html(_('Sources'))}</h3>"
        f"<p>{page_html(_('A number in brackets after a fact points to the quote that says it.'))}"
        f"</p>{sources}"
    )


# Rows whose values each cite their own quotes, in an entry that cites per value.
_BY_VALUE = frozenset({"conditions", "treatments", "service_area", "providers", "affiliations"})


def _quote_links(clinic: Clinic) -> Callable[[Sequence[Source]], str]:
    """``links(quotes)``: " [1, 3]" after a fact, each number a link to its quote below."""
    numbers = {id(source): n for n, source in enumerate(clinic.sources, start=1)}

    def links(quotes: Sequence[Source]) -> str:
        shown = [f"<a href='#source-{numbers[id(s)]}'>{numbers[id(s)]}</a>" for s in quotes]
        return f" <sup>[{', '.join(shown)}]</sup>" if shown else ""

    return links


def _cited_values(clinic: Clinic) -> Callable[[Sequence[str]], str]:
    """``cited(fields)``: the values of those list fields, each with links to the quotes that
    say it: "Consultation [5], Ketamine therapy (route not stated) [1, 2]"."""
    links = _quote_links(clinic)

    def cited(fields: Sequence[str]) -> str:
        parts = [page_html(label) + links(quotes) for label, quotes in cited_values(clinic, fields)]
        if "service_area" in fields:  # places keep their commas: joined by semicolons
            return "; ".join(parts) + page_html(inferred_mark(clinic, clinic.service_area))
        return ", ".join(parts)

    return cited


def _citations(clinic: Clinic) -> Callable[..., str]:
    """``cite(*fields)``: links to the numbered quotes that support those fields, "[1, 3]"."""
    links = _quote_links(clinic)
    return lambda *fields: links(quotes_for(clinic, fields))


# Fields whose row above is labelled otherwise than the editor's: a quote names the row it supports.
_ROW_LABELS = {"address": N_("Where"), "session_minutes": N_("Session length")}


def _supports(source: Source, clinic: Clinic) -> str:
    """What a quote supports, in words: "supports: Name, Offers (Consultation)"; for an
    unnamed provider, the places it is reported in, never that it serves them."""
    if not source.covers:
        return notes_only(source)
    unnamed = clinic.kind is EntryKind.UNNAMED_PROVIDER
    words = []
    for name in source.fields:
        if unnamed and name == "service_area":
            label = _("Reported in")
        else:
            label = _(_ROW_LABELS[name]) if name in _ROW_LABELS else field_label(name)
        values = source.values(name)
        words.append(
            label
            if values is None
            else _("{field} ({values})").format(
                field=label, values="; ".join(value_label(name, value) for value in values)
            )
        )
    return _("supports: {fields}").format(fields=", ".join(words))


def _kind_note(clinic: Clinic) -> str:
    """For an unnamed provider: what the entry is, before anything else is read."""
    if clinic.kind is not EntryKind.UNNAMED_PROVIDER:
        return ""
    text = _(
        "Not a clinic you can contact: the source reports ketamine providers in this area "
        "but names none. The registry keeps it as “{name}”."
    ).format(name=clinic.name)
    return f"<p><b>{page_html(text)}</b></p>"


def correction_subject(clinic: Clinic) -> str:
    """The subject line of a correction: which entry it is about."""
    return _("Correction for {name} ({id})").format(name=clinic.name, id=clinic.id)


def correction_text(clinic: Clinic) -> str:
    """A ready-to-send correction for the registry's maintainers, to fill in."""
    return _(
        "Correction for the locator registry\n"
        "Entry id: {id}\n"
        "Clinic: {name}\n"
        "Field: \n"
        "Proposed value: \n"
        "Source (document or web page, with the exact words): \n"
    ).format(id=clinic.id, name=clinic.name)


class DetailPane(QWidget):
    """Shows one clinic; its buttons open the website, copy the phone, give directions."""

    message = Signal(str)
    shortlist_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clinic: Clinic | None = None
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(_("Clinic details"))
        self.browser.setTabChangesFocus(True)  # Tab moves on; arrows and Page keys scroll
        # a fact's [n] is a link to quote n for the mouse; Tab never stops at the numbers (the
        # quotes follow the facts, where the arrow keys and Page Down reach them)
        self.browser.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.browser.anchorClicked.connect(self._follow)
        self.browser.viewport().installEventFilter(self)  # hovering a [n] shows quote n
        self.website = QPushButton(_("Open we&bsite"), self)
        self.phone = QPushButton(_("Cop&y phone"), self)
        self.directions = QPushButton(_("&Directions"), self)
        services = QMenu(self.directions)
        for service in DIRECTIONS_SERVICES:
            action = services.addAction(_("With {service}").format(service=service.name))
            action.triggered.connect(partial(self._open_directions, service))
        self.directions.setMenu(services)
        self.correction = QPushButton(_("Suggest a c&orrection"), self)
        self.shortlist = QPushButton(_("&Add to shortlist…"), self)
        # the notes, only when asked for: the details' link, or its key (Alt+E in English)
        self.reasons = QAction(_(WHY_LISTED), self)
        self.reasons.setShortcut(QKeySequence.mnemonic(_(WHY_LISTED_BUTTON)))
        self.reasons.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(self.reasons)
        buttons = FlowLayout()
        for button in (
            self.website,
            self.phone,
            self.directions,
            self.correction,
            self.shortlist,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        layout.addLayout(buttons)
        self._buttons = buttons
        self.website.clicked.connect(self._open_website)
        self.phone.clicked.connect(self._copy_phone)
        self.correction.clicked.connect(self._copy_correction)
        self.shortlist.clicked.connect(lambda: self.shortlist_requested.emit(self._clinic))
        self.reasons.triggered.connect(self._show_reasons)
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
                _("<p><i>Select a clinic to see everything the registry says.</i></p>")
            )
        else:
            html = clinic_html(clinic, distance=distance)
            red = error_colour(self.palette(), QPalette.ColorRole.Base)  # readable when dark too
            self.browser.setHtml(html.replace(ERROR_RED, red))
        self._offer_buttons(clinic)

    def _offer_buttons(self, clinic: Clinic | None) -> None:
        """Each button usable for ``clinic``, saying where it leads, or why it is not."""
        pick = _("Select a clinic in the results first.") if clinic is None else None
        self.website.setText(
            _("Open we&bsite ({host})").format(host=website_host(clinic.website).replace("&", "&&"))
            if clinic and clinic.website
            else _("Open we&bsite")
        )  # where it leads, as the map's popup names it
        offer(
            self.website,
            pick or (None if clinic and clinic.website else _("No website is listed for it.")),
            _(OPENS_URL).format(url=clinic.website) if clinic and clinic.website else "",
        )
        offer(
            self.phone,
            pick or (None if clinic and clinic.phone else _("No phone number is listed for it.")),
            _("Copies {phone} to the clipboard.").format(phone=clinic.phone)
            if clinic and clinic.phone
            else "",
        )
        offer(
            self.directions,
            pick or (None if clinic and directions_url(clinic) else _(NO_DIRECTIONS)),
            _(DIRECTIONS_TIP),
        )
        offer(self.correction, pick, _("Sends the registry's keepers a correction to fill in."))
        unnamed = clinic is not None and clinic.kind is EntryKind.UNNAMED_PROVIDER
        offer(self.shortlist, pick or (_(NOT_SHORTLISTED) if unnamed else None))
        self.reasons.setEnabled(bool(clinic and clinic.notes))  # no notes: nothing to ask
        if self.isVisible():  # laid out: the website's button is as wide as its host
            self._hold_the_buttons(self.width())

    def _show_reasons(self) -> None:
        """The entry's maintainer notes, in a dialog, as written."""
        if self._clinic is not None and self._clinic.notes:
            ReasonsDialog(self._clinic, self).exec()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._hold_the_buttons(event.size().width())

    def _hold_the_buttons(self, width: int) -> None:
        """Tall enough for every row the buttons wrap to at ``width``: a narrow pane, or a
        website's button naming its host, wraps them to a third row, which a splitter would
        otherwise cut (or a strip cover)."""
        layout = self.layout()
        spacing = layout.spacing() if layout is not None else 0
        needed = (
            self.browser.minimumSizeHint().height() + spacing + self._buttons.heightForWidth(width)
        )
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Hovering a fact's quote number shows that quote, with its document, in a tooltip."""
        if event.type() == QEvent.Type.ToolTip and self._clinic is not None:
            assert isinstance(event, QHelpEvent)
            number = self.browser.anchorAt(event.pos()).removeprefix("#source-")
            if number.isdigit() and 0 < int(number) <= len(self._clinic.sources):
                quote = cited([self._clinic.sources[int(number) - 1]])
                QToolTip.showText(event.globalPos(), literal(quote), self.browser)
                return True
        return super().eventFilter(watched, event)

    def _follow(self, url: QUrl) -> None:
        if url.toString() == WHY_LINK:
            self.reasons.trigger()
        elif url.hasFragment() and not url.scheme():
            self.browser.scrollToAnchor(url.fragment())

    def _open_website(self) -> None:
        if self._clinic and self._clinic.website:
            self._open(self._clinic.website)

    def _open(self, url: str) -> None:
        """Open ``url`` in the user's browser, saying where it went, or where it is when no
        browser is set up."""
        self.message.emit(open_and_say(url))

    def _copy_phone(self) -> None:
        if self._clinic and self._clinic.phone:
            QGuiApplication.clipboard().setText(self._clinic.phone)
            self.message.emit(_("Copied {phone}").format(phone=self._clinic.phone))

    def _open_directions(self, service: MapService) -> None:
        url = directions_url(self._clinic, service) if self._clinic else None
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
                    _(
                        "An email to {email} is ready to fill in and send: the field, the "
                        "value and its source."
                    ).format(email=keeper.email)
                )
                return
        QGuiApplication.clipboard().setText(text)
        if keeper is not None and keeper.url and open_in_browser(keeper.url) is None:
            self.message.emit(
                _(
                    "A correction form for this entry is on the clipboard: paste it into "
                    "the page that opened ({url}), fill in the field, the value and its "
                    "source."
                ).format(url=keeper.url)
            )
        elif keeper is not None:
            where = keeper.email or keeper.url
            self.message.emit(
                _(
                    "A correction form for this entry is on the clipboard: fill it in and "
                    "send it to {where}."
                ).format(where=where)
            )
        else:
            self.message.emit(
                _(
                    "A correction form for this entry is on the clipboard: paste it into "
                    "an email or a note, fill in the field, the value and its source, and "
                    "send it to whoever keeps your copy of the registry. This registry "
                    "names no contact for corrections (Help → About shows which file it "
                    "is)."
                )
            )
