"""A one-page referral summary of a shortlist, for a coordinator to print or send.

Each thing is said once, in words a patient can act on: where the clinic is and how exactly,
how far from the searched place, how to reach it (or that the sources give no way), what it
treats and offers, and the quotes that say so. An entry that stands for unnamed providers
reported in an area is left out, and the summary says so: there is no one to refer to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from locator.compare import (
    Preparation,
    contact_details,
    is_unnamed_provider,
    quotes_by_document,
    straight_line_from,
)
from locator.data.provenance import cites_values, quotes_for
from locator.i18n import N_, _, language, ngettext
from locator.notice import CRISIS_LINE, DISCLAIMER
from locator.practical import payment_text, practical_facts
from locator.presentation import (
    NOT_LISTED,
    PRECISION_NOTES,
    cited_values,
    full_address,
    labels,
    notes_only,
    page_html,
    place_name,
    providers_text,
    served_place,
    serves_text,
)

if TYPE_CHECKING:
    from locator.data.models import Clinic

NOT_IN_SOURCES = N_("Not listed in the sources")
NO_LOCATION = N_("Location not listed in the sources")
NO_CONTACT = N_("No phone or website is given in the sources; look the clinic up by name")
NOT_MEASURED = N_("Not measured: no location in the sources")

_STYLE = """<style>
body { font-family: sans-serif; font-size: 10pt; color: #111111; }
h1 { font-size: 16pt; }
h2 { font-size: 12.5pt; margin-top: 14px; margin-bottom: 2px; }
p.notice { font-weight: bold; color: #8a0015; }
th { text-align: left; vertical-align: top; font-weight: bold; }
td { vertical-align: top; }
.none { color: #555555; font-style: italic; }
h3 { font-size: 9pt; margin-top: 4px; margin-bottom: 1px; }
p.quote { font-size: 8.5pt; margin-top: 0; margin-bottom: 1px; margin-left: 12px; }
p.document { color: #555555; font-size: 7.5pt; margin-top: 2px; margin-bottom: 0; }
</style>"""


def _where(clinic: Clinic) -> str:
    """ "Sandy, UT (approximate: city centre)", that no office is listed (the places it
    serves follow), or that no source gives a location."""
    if clinic.location is None:
        return _(NO_LOCATION)
    if served_place(clinic) is not None:
        return _("office not listed")
    return f"{full_address(clinic)} ({_(PRECISION_NOTES[clinic.location.precision])})"


def _serves(clinic: Clinic) -> str | None:
    """The service area, when it says more than the place already named."""
    if not clinic.service_area or clinic.service_area == [place_name(clinic)]:
        return None if served_place(clinic) is None else serves_text(clinic)
    return serves_text(clinic)


def _distance(clinic: Clinic, searched: str | None, distances: dict[str, str]) -> str | None:
    """The distance as the search gave it; the introduction says where it is measured from."""
    if clinic.id in distances:
        return distances[clinic.id]
    if searched and clinic.location is None:
        return _(NOT_MEASURED)
    return None


def _contact(clinic: Clinic) -> str:
    return contact_details(clinic) or _(NO_CONTACT)


def referable(clinics: Sequence[Clinic]) -> list[Clinic]:
    """The clinics a patient can be referred to: an unnamed provider names no one to contact."""
    return [clinic for clinic in clinics if not is_unnamed_provider(clinic)]


def unnamed_left_out(count: int) -> str:
    """Why ``count`` ticked unnamed providers are not in a referral or on a shortlist: said
    wherever one is dropped, so a ticked entry never vanishes without a word."""
    return ngettext(
        "{count} unnamed provider is left out: the source reports it but names no one to contact.",
        "{count} unnamed providers are left out: the sources report them but name no one "
        "to contact.",
        count,
    ).format(count=count)


def _offers(clinic: Clinic) -> str:
    offers = labels(clinic.treatments) if clinic.treatments else _(NOT_IN_SOURCES)
    if clinic.not_offered:
        offers += _("; not offered: {treatments}").format(treatments=labels(clinic.not_offered))
    return offers


def _sources(clinic: Clinic) -> str:
    """The quotes, each on a line of its own and numbered as the facts point to them, under
    the title of their document, named once as a small heading: every quote is seen with the
    document it comes from, however many a document gives."""
    numbers = {source.quote: n for n, source in enumerate(clinic.sources, start=1)}
    lines = [f"<h3>{escape(_('Sources'))}</h3>"]
    for document, quotes in quotes_by_document(clinic.sources).items():
        lines.append(f"<p class='document'>{page_html(document)}</p>")
        for source in quotes:
            quote = source.quote
            note = f" <i>{escape(notes_only(source))}</i>" if not source.covers else ""
            lines.append(f"<p class='quote'>[{numbers[quote]}] “{page_html(quote)}”{note}</p>")
    return "".join(lines)


def _marks(clinic: Clinic, fields: Sequence[str]) -> str:
    """ " [1, 3]": the numbers of the quotes that support ``fields`` (see :func:`_sources`)."""
    numbers = {source.quote: n for n, source in enumerate(clinic.sources, start=1)}
    found = [str(numbers[source.quote]) for source in quotes_for(clinic, fields)]
    return f" [{', '.join(found)}]" if found else ""


_BY_VALUE = frozenset({"conditions", "treatments", "providers"})  # each value its own quotes


def _with_marks(clinic: Clinic, value: str, fields: Sequence[str]) -> str:
    """The value with the numbers of its quotes; for a list of conditions, treatments or
    providers in an entry that cites per value, each item with its own: "Consultation [5]"."""
    if not (cites_values(clinic) and fields and fields[0] in _BY_VALUE):
        return value + _marks(clinic, fields)
    numbers = {source.quote: n for n, source in enumerate(clinic.sources, start=1)}
    joiner = "; " if fields[0] == "providers" else ", "
    items = [
        label + (f" [{', '.join(str(numbers[q.quote]) for q in quotes)}]" if quotes else "")
        for label, quotes in cited_values(clinic, fields)
    ]
    return joiner.join(items) if items else value + _marks(clinic, fields)


def referral_html(
    clinics: Sequence[Clinic],
    *,
    searched: str | None = None,
    distances: dict[str, str] | None = None,
    title: str | None = None,
    created: dt.date | None = None,
    prepared: Preparation | None = None,
) -> str:
    """HTML (fit for QTextDocument and PDF) listing each clinic with what a referral needs
    (unnamed providers are left out, and the summary says how many).

    ``searched`` is the searched place's label; ``distances`` the distance text by clinic id;
    ``prepared`` who it is for and the coordinator's note.
    """
    created = created or dt.date.today()
    distances = distances or {}
    if searched:
        intro = _("Prepared {date} for a search from {place}.").format(
            date=created.isoformat(), place=searched
        )
    else:
        intro = _("Prepared {date}.").format(date=created.isoformat())
    if searched or distances:
        intro += " " + straight_line_from(searched)
    intro += " " + _("“Not listed” means no source says.")
    intro += " " + _("A number in brackets after a fact points to the source quote that says it.")
    shown = referable(clinics)
    if len(shown) < len(clinics):
        intro += " " + unnamed_left_out(len(clinics) - len(shown))
    parts = [
        f"<html lang='{language()}'><head><meta charset='utf-8'>{_STYLE}</head><body>",
        f"<h1>{escape(title or _('Referral summary'))}</h1>",
        (prepared or Preparation()).html(),
        f"<p class='notice'>{escape(_(DISCLAIMER))} {escape(_(CRISIS_LINE))}</p>",
        f"<p>{escape(intro)}</p>",
    ]
    for number, clinic in enumerate(shown, start=1):
        # the practical facts no source states are named together: what to ask when calling
        practical: list[tuple[str, str | None, tuple[str, ...]]] = [
            (_("Payment"), payment_text(clinic), ("payment", "payment_not_accepted")),
            *((fact.label, fact.text, fact.fields) for fact in practical_facts(clinic)),
        ]
        # each value with the fields it states: a fact carries the numbers of its quotes
        rows: list[tuple[str, str | None, tuple[str, ...]]] = [
            (_("Where"), _where(clinic), ("address",)),
            (_("Serves"), _serves(clinic), ("service_area",)),
            (_("Distance"), _distance(clinic, searched, distances), ()),
            (_("Contact"), _contact(clinic), ("phone", "website")),
            (
                _("Treats"),
                labels(clinic.conditions) if clinic.conditions else _(NOT_IN_SOURCES),
                ("conditions",),
            ),
            (_("Offers"), _offers(clinic), ("treatments", "not_offered")),
            (_("Providers"), providers_text(clinic), ("providers",)),
            *practical,
            (_("Last verified"), clinic.last_verified.isoformat(), ()),
        ]
        unknown = [label for label, value, _fields in practical if not value]
        table = "".join(
            f"<tr><th width='20%'>{key}</th><td{_none_class(value)}>"
            f"{page_html(_with_marks(clinic, value, fields))}</td></tr>"
            for key, value, fields in rows
            if value
        )
        if len(unknown) == len(practical):
            table += (
                f"<tr><th>{escape(_('Practical facts'))}</th>"
                f"<td class='none'>{escape(_(NOT_LISTED))}</td></tr>"
            )
        elif unknown:
            table += (
                f"<tr><th>{escape(_('Not listed (ask when calling)'))}</th>"
                f"<td class='none'>{escape(', '.join(unknown))}</td></tr>"
            )
        parts.append(
            f"<h2>{number}. {page_html(clinic.name)}</h2>"
            f"<table width='100%' cellspacing='0' cellpadding='2'>{table}</table>"
            + _sources(clinic)
        )
    parts.append("</body></html>")
    return "".join(parts)


def _none_class(value: str) -> str:
    """Statements that the sources are silent are set apart from facts."""
    silent = {NOT_IN_SOURCES, NO_LOCATION, NO_CONTACT, NOT_MEASURED}
    return " class='none'" if value in {_(text) for text in silent} else ""
