"""Side-by-side comparison of clinics, and its exports (CSV, JSON, Markdown, HTML).

Rows are attributes, columns are clinics. Each cell says offered, not offered, not listed, or
gives the value; facts on which the clinics differ carry "≠" in their own text (not in styling,
which plain text and QTextDocument drop). Rows that say who and where each clinic is (its
place, contact, providers, record) differ by nature and are never marked, so the mark shows
what sets the clinics apart. Every export carries the sources, the date, where
distances are measured from, the "directory, not medical advice" line and the crisis line.
"""

from __future__ import annotations

import codecs
import collections
import csv
import datetime as dt
import functools
import html
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

from locator.data.bidi import neutral
from locator.data.provenance import cites_values, quotes_for, quotes_for_value
from locator.data.vocabulary import Condition, EntryKind, Payment, Term, Treatment
from locator.i18n import N_, _, language, ngettext
from locator.notice import CRISIS_LINE, DISCLAIMER, notice
from locator.practical import Fact, payment_state, practical_facts
from locator.presentation import (
    DRIVE_NOTE,
    LOCATION_NOT_LISTED,
    NOT_LISTED,
    cited,
    cited_values,
    document_text,
    full_address,
    notes_only,
    page_html,
    page_text,
    place_name,
    precision_note,
    providers_text,
    served_place,
    serves_text,
    session_text,
    shown_name,
)
from locator.schema_org import linked_data
from locator.spreadsheet import spreadsheet_safe

if TYPE_CHECKING:
    from locator.data.models import Clinic, Source

DIFFERS_MARK = "≠"
DIFFERS_LEGEND = N_(
    "Facts marked ≠ differ between the clinics; rows about who and where each clinic is are "
    "not marked."
)
QUOTES_LEGEND = N_("A number in brackets after a value points to the source quote that says it.")
NOT_LISTED_LEGEND = N_("“not listed” means no source says; it is not the same as “not offered”.")


def straight_line_from(place: str | None) -> str:
    """The sentences that say where distances are measured from, and what drive times are."""
    origin = place or _("the searched place")
    return (
        _("Distances are straight-line from {place}, not driving distances.").format(place=origin)
        + " "
        + _(DRIVE_NOTE)
    )


@dataclass(frozen=True)
class Preparation:
    """Who a document is prepared for and the coordinator's note, as typed for an export:
    written into the document only, never to locator's own files."""

    patient: str = ""
    note: str = ""

    def lines(self) -> list[tuple[str, str]]:
        """("Prepared for", the name) and ("Coordinator's note", the note), those given, with
        overrides neutralised as registry text is: typed or pasted, they would turn a
        document's words around ("\u202efdp.exe" reading "exe.pdf")."""
        given = [(_("Prepared for"), self.patient.strip()), (_("Coordinator's note"), self.note)]
        return [(label, neutral(text.strip())) for label, text in given if text.strip()]

    def html(self) -> str:
        """The lines as HTML paragraphs (escaped; the note keeps its line breaks)."""
        return "".join(
            f"<p class='prepared'><b>{html.escape(label)}:</b> "
            + "<br>".join(html.escape(line) for line in page_text(text).splitlines())
            + "</p>"
            for label, text in self.lines()
        )


def file_name(kind: str, place: str | None, suffix: str, day: dt.date | None = None) -> str:
    """The name a save dialog offers: what, when and near where, in characters every file
    system takes ("comparison 2026-12-04 Dallas TX.pdf")."""
    day = day or dt.date.today()
    return " ".join([kind, day.isoformat(), *re.findall(r"\w+", place or "")]) + suffix


def is_unnamed_provider(clinic: Clinic) -> bool:
    """True for an entry whose source reports providers in an area but names none: there is
    no one to contact."""
    return clinic.kind is EntryKind.UNNAMED_PROVIDER


def contact_details(clinic: Clinic) -> str | None:
    """Phone and website, or None when the sources give neither."""
    return " · ".join(part for part in (clinic.phone, clinic.website) if part) or None


def source_groups(
    titles: Sequence[str], sources: Sequence[Sequence[Source]]
) -> list[tuple[str, list[Source]]]:
    """Clinics that cite the very same sources (one list per clinic), together (sites of one
    organization), so a quote is printed once: ("NorTex Psychiatry (Allen, TX); NorTex
    Psychiatry (Dallas, TX)", their sources)."""
    groups: dict[tuple[tuple[str, str], ...], tuple[list[str], list[Source]]] = {}
    for title, cited_sources in zip(titles, sources, strict=True):
        key = tuple((s.document, s.quote) for s in cited_sources)
        groups.setdefault(key, ([], list(cited_sources)))[0].append(title)
    return [("; ".join(dict.fromkeys(names)), sources) for names, sources in groups.values()]


def quotes_by_document(sources: Sequence[Source]) -> dict[str, list[Source]]:
    """Each document once, by its title (:func:`document_text`), with its quotes in order: the
    title is printed once, small."""
    by_document: dict[str, list[Source]] = {}
    for source in sources:
        by_document.setdefault(document_text(source), []).append(source)
    return by_document


# What Markdown (and the HTML it may carry) would read as markup: links, images, emphasis,
# code, tables, tags, and an ampersand that starts an entity ("&amp;"; a lone "&" is text).
# Newlines are folded, so no text can start a heading or a list of its own.
_MARKDOWN_MARKUP = re.compile(r"([\\`*_\[\]!|~<>]|&(?=#?\w+;))")


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown: one line, markup characters backslashed. Backslashes, not
    HTML entities: the file is read as text as often as rendered, and "&amp;" reads badly."""
    one_line = " ".join(text.split())
    return _MARKDOWN_MARKUP.sub(r"\\\1", one_line)


class CellKind(Enum):
    """What a cell states."""

    OFFERED = "offered"
    NOT_OFFERED = "not offered"
    NOT_LISTED = "not listed"
    VALUE = "value"


@dataclass(frozen=True)
class Cell:
    """One clinic's entry for one attribute."""

    kind: CellKind
    text: str
    quotes: tuple[Source, ...] = ()  # the source quotes that say it
    # a list whose items each cite their own quotes (providers, in an entry citing per value):
    # each item's text and quotes, so an export marks each person with only the quotes naming
    # them, as the details pane does; ``text`` joins them
    items: tuple[tuple[str, tuple[Source, ...]], ...] = ()

    @property
    def quoted(self) -> list[tuple[str, tuple[Source, ...]]]:
        """The cell's parts, each with the quotes that say it: its items, or the whole text."""
        return list(self.items) or [(self.text, self.quotes)]

    def cited_text(self) -> str:
        """The quotes behind the cell, one a line ('“quote” (document)'), each item's under its
        own name where the items cite their own: what the CSV and the table's tooltip show."""
        if not self.items:
            return cited(self.quotes)
        return "\n".join(
            f"{text}:\n{cited(quotes)}" if quotes else text for text, quotes in self.items
        )


@dataclass(frozen=True)
class Row:
    """One attribute across the compared clinics."""

    group: str
    attribute: str
    cells: tuple[Cell, ...]
    compared: bool = True  # False for who and where a clinic is: see ``differs``

    @property
    def differs(self) -> bool:
        """True when the row is a compared fact and the clinics do not all say the same
        (a row naming each clinic's place or sources always would: it is not marked)."""
        return self.compared and len({cell.text for cell in self.cells}) > 1

    @property
    def label(self) -> str:
        """The attribute, followed by "≠" when the clinics differ."""
        return f"{self.attribute} {DIFFERS_MARK}" if self.differs else self.attribute


# The fields that say who and where a clinic is, not what it offers: clinics always differ
# there, so a mark would say nothing. Rows without fields (the entry's kind, its distance, its
# location's precision, its last check, its documents) are of this kind too.
IDENTIFYING_FIELDS = frozenset({"address", "service_area", "providers", "phone", "website"})


def is_compared(fields: Sequence[str]) -> bool:
    """Whether a row stating ``fields`` is a fact to compare (what a clinic treats, offers,
    charges …) rather than who or where the clinic is."""
    return bool(fields) and not IDENTIFYING_FIELDS.issuperset(fields)


def _value(text: str | None) -> Cell:
    return Cell(CellKind.VALUE, text) if text else _not_listed()


def _located(text: str) -> Cell:
    """A cell saying where a clinic is: "location not listed" is not listed, not a value."""
    return Cell(CellKind.NOT_LISTED, text) if text == _(LOCATION_NOT_LISTED) else _value(text)


def _not_listed() -> Cell:
    return Cell(CellKind.NOT_LISTED, _(NOT_LISTED))


def _term_cell(term: Term, offered: Sequence[Term], refused: Sequence[Term], yes: str) -> Cell:
    if term in offered:
        return Cell(CellKind.OFFERED, yes)
    if term in refused:
        return Cell(CellKind.NOT_OFFERED, _("not offered"))
    return _not_listed()


def _contact(clinic: Clinic) -> Cell:
    if is_unnamed_provider(clinic):
        return Cell(CellKind.VALUE, _("none: the source names no clinic"))
    return _value(contact_details(clinic))


def _kind(clinic: Clinic) -> Cell:
    if is_unnamed_provider(clinic):
        return Cell(CellKind.VALUE, _("unnamed provider reported in this area; no one to contact"))
    return Cell(CellKind.VALUE, _("clinic"))


def _quoted(cell: Cell, clinic: Clinic, fields: Sequence[str], value: str | None) -> Cell:
    """``cell`` with the quotes that support it: for "not offered", those of ``not_offered``;
    for a row of one ``value`` (a condition, a treatment), only the quotes that say that
    value where the entry cites per value; a cell that says "not listed" rests on no quote."""
    if not fields or cell.kind is CellKind.NOT_LISTED:
        return cell
    refused = cell.kind is CellKind.NOT_OFFERED
    chosen = [f for f in fields if (f == "not_offered") == refused] or list(fields)
    if value is None or not cites_values(clinic):
        return replace(cell, quotes=tuple(quotes_for(clinic, chosen)))
    saying = [s for field in chosen for s in quotes_for_value(clinic, field, value)]
    return replace(cell, quotes=tuple(s for s in clinic.sources if s in saying))


def _providers(clinic: Clinic) -> Cell:
    """The providers, each with the quotes naming them where the entry cites per value (the
    quotes of the whole field are the cell's, for the rows and sources it is counted in)."""
    cell = _value(providers_text(clinic))
    if not clinic.providers or not cites_values(clinic):
        return cell
    items = tuple((name, tuple(quotes)) for name, quotes in cited_values(clinic, ["providers"]))
    return replace(cell, items=items)


def _served_row(clinics: Sequence[Clinic]) -> str:
    """The row of the places served: "Reported in" where the providers are unnamed (a source
    reports them there; nobody is said to serve anyone), both where some are."""
    unnamed = [is_unnamed_provider(c) for c in clinics]
    if all(unnamed):
        return _("Reported in")
    return _("Serves or reported in") if any(unnamed) else _("Serves")


def _served(clinic: Clinic, *, mixed: bool) -> Cell:
    """The places a clinic serves; for an unnamed provider beside clinics (``mixed``: the row
    says both), "reported in …" those places."""
    if not clinic.service_area:
        return _not_listed()
    if mixed and is_unnamed_provider(clinic):
        return Cell(CellKind.VALUE, _("reported in {places}").format(places=serves_text(clinic)))
    return Cell(CellKind.VALUE, serves_text(clinic))


def _place(clinic: Clinic) -> Cell:
    """Where the office is: its address, or "office not listed" where the sources name only
    places it serves (said in the Serves row, with their quotes); an unnamed provider has
    none to list."""
    if is_unnamed_provider(clinic):  # no provider is named: there is no office to list
        return Cell(CellKind.NOT_LISTED, _("none: the source names no provider"))
    if served_place(clinic) is not None:
        return Cell(CellKind.NOT_LISTED, _("office not listed"))
    return _located(full_address(clinic))


def _source_json(source: Source) -> dict[str, str | bool | None]:
    """A quote in JSON: its document's file, its title (or description; null where the
    registry does not list it), the quote, and whether it only backs the maintainers' notes
    (no value points to it)."""
    return {
        "document": source.document,
        "document_title": (
            (source.listed.title or source.listed.description) if source.listed else None
        ),
        "quote": source.quote,
        "notes_only": not source.covers,
    }


def _quote_text(source: Source) -> str:
    """'“quote”', and after a quote that backs only the notes, where it is cited."""
    return " ".join(filter(None, (f"“{source.quote}”", notes_only(source))))


def _items_json(cell: Cell) -> dict[str, list[dict[str, object]]]:
    """``{"items": [{"text": …, "sources": […]}]}`` for a cell whose items cite their own
    quotes (a person and the quotes naming them); nothing for any other cell."""
    if not cell.items:
        return {}
    return {
        "items": [
            {"text": text, "sources": [_source_json(s) for s in quotes] or None}
            for text, quotes in cell.items
        ]
    }


def _telehealth(clinic: Clinic) -> Cell:
    if clinic.telehealth is None:
        return _not_listed()
    if clinic.telehealth:
        return Cell(CellKind.OFFERED, _("yes"))
    return Cell(CellKind.NOT_OFFERED, _("no"))


def _fact_cell(fact: Fact) -> Cell:
    """A practical fact's cell: a "yes" or "no" a source states is marked as such."""
    if fact.text is None:
        return _not_listed()
    if fact.said is None:
        return Cell(CellKind.VALUE, fact.text)
    return Cell(CellKind.OFFERED if fact.said else CellKind.NOT_OFFERED, fact.text)


def _payment_cell(clinic: Clinic, term: Payment) -> Cell:
    said = payment_state(clinic, term)
    if said is None:
        return _not_listed()
    if said:
        return Cell(CellKind.OFFERED, _("accepted"))
    return Cell(CellKind.NOT_OFFERED, _("not accepted"))


@dataclass(frozen=True)
class ComparisonMatrix:
    """Clinics side by side; ``place`` is where a search measured the distances from."""

    clinics: tuple[Clinic, ...]
    rows: tuple[Row, ...]
    created: dt.date
    place: str | None = None
    distance_note: str | None = None
    prepared: Preparation = Preparation()
    left_out: int = 0  # rows on which the clinics agree, left out by :meth:`only_differences`

    @classmethod
    def of(
        cls,
        clinics: Sequence[Clinic],
        distances: Sequence[str] | None = None,
        *,
        place: str | None = None,
        created: dt.date | None = None,
    ) -> ComparisonMatrix:
        """The matrix for two or more clinics.

        ``distances`` (one text per clinic) adds a distance row measured from ``place``, the
        searched place's label; without a search (the command line) there is neither.
        """
        if len(clinics) < 2:
            raise ValueError(_("a comparison needs at least two clinics"))
        rows: list[Row] = []

        def add(
            group: str, attribute: str, cells: Sequence[Cell], *fields: str, value: str = ""
        ) -> None:
            """A row; ``fields`` are the clinic fields its cells state, whose quotes they carry
            (only those saying ``value``, for a row of one term)."""
            quoted = (
                _quoted(cell, c, fields, value or None)
                for cell, c in zip(cells, clinics, strict=True)
            )
            rows.append(Row(group, attribute, tuple(quoted), compared=is_compared(fields)))

        if any(is_unnamed_provider(c) for c in clinics):
            add(_("Where"), _("Entry"), [_kind(c) for c in clinics])
        add(_("Where"), _("Place"), [_place(c) for c in clinics], "address")
        if distances is not None:
            attribute = (
                _("Distance from {place}").format(place=place)
                if place
                else _("Distance (straight-line)")
            )
            add(_("Where"), attribute, [_value(d) for d in distances])
        add(_("Where"), _("Location"), [_located(precision_note(c)) for c in clinics])
        mixed = len({is_unnamed_provider(c) for c in clinics}) > 1
        add(
            _("Where"),
            _served_row(clinics),
            [_served(c, mixed=mixed) for c in clinics],
            "service_area",
        )
        conditions = [t for t in Condition if any(t in c.conditions for c in clinics)]
        for term in conditions:
            add(
                _("Treats"),
                term.label,
                [_term_cell(term, c.conditions, (), _("treats")) for c in clinics],
                "conditions",
                value=term.value,
            )
        if not conditions:
            add(_("Treats"), _("Conditions"), [_not_listed() for _clinic in clinics])
        mentioned = [
            t for t in Treatment if any(t in c.treatments or t in c.not_offered for c in clinics)
        ]
        for treatment in mentioned:
            add(
                _("Offers"),
                treatment.label,
                [_term_cell(treatment, c.treatments, c.not_offered, _("offered")) for c in clinics],
                "treatments",
                "not_offered",
                value=treatment.value,
            )
        add(
            _("Care"),
            _("Session length"),
            [_value(session_text(c)) for c in clinics],
            "session_minutes",
        )
        add(
            _("Care"),
            _("Typical course"),
            [_value(c.typical_course) for c in clinics],
            "typical_course",
        )
        add(_("Care"), _("Providers"), [_providers(c) for c in clinics], "providers")
        add(_("Care"), _("Telehealth"), [_telehealth(c) for c in clinics], "telehealth")
        # A group of practical facts none of the clinics lists is one "not listed" row.
        facts = [practical_facts(c) for c in clinics]
        prices = [i for i, fact in enumerate(facts[0]) if fact.key.startswith("price_")]
        access = [i for i in range(len(facts[0])) if i not in prices]
        if any(f[i].text for f in facts for i in access):
            for index in access:
                fact = facts[0][index]
                add(_("Access"), fact.label, [_fact_cell(f[index]) for f in facts], *fact.fields)
        else:
            add(_("Access"), _("Practical facts"), [_not_listed() for _clinic in clinics])
        payments = [t for t in Payment if any(payment_state(c, t) is not None for c in clinics)]
        if payments or any(f[i].text for f in facts for i in prices):
            for index in prices:
                key = facts[0][index].key
                add(_("Cost"), facts[0][index].label, [_fact_cell(f[index]) for f in facts], key)
            for payment in payments:
                add(
                    _("Cost"),
                    payment.label,
                    [_payment_cell(c, payment) for c in clinics],
                    "payment",
                    "payment_not_accepted",
                    value=payment.value,
                )
            if not payments:
                add(_("Cost"), _("Payment"), [_not_listed() for _clinic in clinics])
        else:
            add(_("Cost"), _("Price and payment"), [_not_listed() for _clinic in clinics])
        add(_("Contact"), _("Contact"), [_contact(c) for c in clinics], "phone", "website")
        add(_("Record"), _("Last verified"), [_value(c.last_verified.isoformat()) for c in clinics])
        add(
            _("Record"),
            _("Sources"),
            [
                _value("; ".join(dict.fromkeys(document_text(s) for s in c.sources)))
                for c in clinics
            ],
        )
        measured = distances is not None or place is not None
        return cls(
            tuple(clinics),
            tuple(rows),
            created or dt.date.today(),
            place,
            straight_line_from(place) if measured else None,
        )

    @functools.cached_property  # asked for every cell's footnotes: made once
    def titles(self) -> list[str]:
        """Column titles: clinic names, with the place added where two names are the same."""
        names = [shown_name(c) for c in self.clinics]
        counts = collections.Counter(names)  # counted once: 1,000 columns were 10⁶ counts
        return [
            f"{name} ({place_name(c)})" if counts[name] > 1 else name
            for name, c in zip(names, self.clinics, strict=True)
        ]

    @property
    def notes(self) -> list[str]:
        """The sentences a reader needs to read the table, in the order shown."""
        compared = _("Compared on {date} from the locator registry.").format(
            date=self.created.isoformat()
        )
        left_out = (
            ngettext(
                "Only the facts that differ are shown: {count} row on which the clinics agree "
                "is left out.",
                "Only the facts that differ are shown: {count} rows on which the clinics agree "
                "are left out.",
                self.left_out,
            ).format(count=self.left_out)
            if self.left_out
            else None
        )
        return [
            compared,
            *filter(None, [self.distance_note, left_out]),
            _(DIFFERS_LEGEND),
            _(NOT_LISTED_LEGEND),
        ]

    def only_differences(self) -> ComparisonMatrix:
        """The comparison as "Show only the facts that differ" shows it: the rows marked ≠,
        with a note saying how many rows were left out, so a reader knows the table is not
        the whole comparison."""
        rows = tuple(row for row in self.rows if row.differs)
        return replace(self, rows=rows, left_out=self.left_out + len(self.rows) - len(rows))

    # exports ---------------------------------------------------------------------------

    @functools.cached_property
    def sources(self) -> list[tuple[Source, ...]]:
        """The quotes an export prints, one tuple per clinic: all of them for the whole
        comparison; with rows left out, only those the rows shown cite, so no source (or
        footnote number) stands for a row the reader does not have."""
        if not self.left_out:
            return [tuple(c.sources) for c in self.clinics]
        return [
            tuple(s for s in clinic.sources if any(s in row.cells[i].quotes for row in self.rows))
            for i, clinic in enumerate(self.clinics)
        ]

    @functools.cached_property  # numbered once, not again for every cell (400 columns: 21 s)
    def footnotes(self) -> dict[tuple[str, str], int]:
        """A number for each printed quote (:attr:`sources`), (document, quote) → 1, 2, …,
        in the order they are printed; cells point at the quotes that support them."""
        numbers: dict[tuple[str, str], int] = {}
        for _names, sources in source_groups(self.titles, self.sources):
            for source in sources:
                numbers.setdefault((source.document, source.quote), len(numbers) + 1)
        return numbers

    def marks(self, quotes: Sequence[Source]) -> str:
        """The footnote numbers of ``quotes`` (a cell's, or an item's): "1, 3", or ""."""
        numbers = self.footnotes
        return ", ".join(str(numbers[(s.document, s.quote)]) for s in quotes)

    def marked(
        self, cell: Cell, mark: str = " [{numbers}]", text: Callable[[str], str] = str
    ) -> str:
        """The cell's text with the footnote numbers after each part (``mark`` formats them;
        ``text`` escapes a part): "Dr. Clayton L. Allison [2, 3]; Brittany Huckaby [2, 4]"."""
        return "; ".join(
            text(part) + (mark.format(numbers=self.marks(quotes)) if quotes else "")
            for part, quotes in cell.quoted
        )

    def to_csv(self) -> str:
        """CSV as one rectangular table: a column per clinic; notes and sources are rows.

        Cells a spreadsheet would run as a formula start with an apostrophe.
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        blank = [""] * len(self.clinics)

        def put(*cells: str) -> None:
            writer.writerow([spreadsheet_safe(cell) for cell in cells])

        put(_("group"), _("attribute"), *self.titles, _("differs"))
        put(_("Clinic"), _("id"), *(c.id for c in self.clinics), "")
        put(_("About"), _("Notice"), notice(), *blank[1:], "")
        for label, text in self.prepared.lines():
            put(_("About"), label, " ".join(text.split()), *blank[1:], "")
        for note in self.notes:
            if note != _(DIFFERS_LEGEND):  # the "differs" column says it here
                put(_("About"), _("Note"), note, *blank[1:], "")
        for row in self.rows:
            differs = _("yes") if row.differs else ""
            put(row.group, row.attribute, *(cell.text for cell in row.cells), differs)
            if any(cell.quotes for cell in row.cells):  # each cell's quotes right below it
                quoted = _("{attribute}: quoted from").format(attribute=row.attribute)
                put(row.group, quoted, *(cell.cited_text() for cell in row.cells), "")
        quotes: dict[tuple[str, str], list[str]] = {}
        for index, sources in enumerate(self.sources):
            for source in sources:
                key = (document_text(source), source.quote)
                quotes.setdefault(key, list(blank))[index] = _quote_text(source)
        for (document, _quote), cells in quotes.items():
            put(_("Source"), document, *cells, "")
        return out.getvalue()

    def csv_bytes(self) -> bytes:
        """The CSV as UTF-8 with a byte-order mark, so Excel reads dashes and quotes right."""
        return codecs.BOM_UTF8 + self.to_csv().encode("utf-8")

    def to_json(self) -> str:
        """JSON with the same content, for scripts. A cell no quote says has null sources, as
        a clinic fact not listed is null everywhere: an empty list would read "none"."""
        data = {
            "created": self.created.isoformat(),
            "place": self.place,
            "distances": self.distance_note,
            "clinics": [
                {"id": c.id, "kind": c.kind.value, "name": c.name, "title": title}
                for c, title in zip(self.clinics, self.titles, strict=True)
            ],
            "rows": [
                {
                    "group": row.group,
                    "attribute": row.attribute,
                    "differs": row.differs,
                    "cells": [
                        {
                            "kind": cell.kind.value,
                            "text": cell.text,
                            "sources": [_source_json(s) for s in cell.quotes] or None,
                            **_items_json(cell),
                        }
                        for cell in row.cells
                    ],
                }
                for row in self.rows
            ],
            "sources": {
                c.id: [_source_json(s) for s in sources]
                for c, sources in zip(self.clinics, self.sources, strict=True)
            },
            "notice": notice(),
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def to_markdown(self) -> str:
        """A Markdown table (differing rows marked ≠), the sources and the notice; every text
        is escaped (:func:`markdown_text`)."""
        escape = markdown_text

        lines = [
            f"**{_(DISCLAIMER)}** {_(CRISIS_LINE)}",
            "",
            *(f"**{escape(label)}:** {escape(text)}\n" for label, text in self.prepared.lines()),
            " ".join(self.notes),
            "",
            "| | " + " | ".join(escape(title) for title in self.titles) + " |",
            "|---|" + "---|" * len(self.clinics),
        ]
        for row in self.rows:
            cells = " | ".join(self.marked(cell, " \\[{numbers}\\]", escape) for cell in row.cells)
            mark = f" {DIFFERS_MARK}" if row.differs else ""
            lines.append(f"| **{escape(row.attribute)}**{mark} | {cells} |")
        lines += ["", "## " + _("Sources"), "", _(QUOTES_LEGEND), ""]
        numbers = self.footnotes
        for names, sources in source_groups(self.titles, self.sources):
            for source in sources:
                quote, document = escape(source.quote), escape(document_text(source))
                number = numbers[(source.document, source.quote)]
                note = " " + escape(notes_only(source)) if not source.covers else ""
                lines.append(f"- \\[{number}\\] {escape(names)}: “{quote}” ({document}){note}")
        return "\n".join(lines) + "\n"

    def to_html(self) -> str:
        """A self-contained, printable HTML page; every text is escaped, and every value from
        the registry cut as a page shows it (:func:`page_html`)."""
        e, value = html.escape, page_html
        share = 84 / len(self.clinics)
        head = "".join(
            f"<th scope='col' width='{share:.0f}%'>{value(title)}</th>" for title in self.titles
        )
        body = []
        for row in self.rows:
            differs = " differs" if row.differs else ""
            cells = "".join(
                f"<td class='{cell.kind.name.lower()}{differs}'>"
                + self.marked(cell, "<sup>[{numbers}]</sup>", value)
                + "</td>"
                for cell in row.cells
            )
            body.append(
                f"<tr><th scope='row' class='attribute{differs}'>{e(row.label)}</th>{cells}</tr>"
            )
        sources = [f"<p>{e(_(QUOTES_LEGEND))}</p>"]
        numbers = self.footnotes
        for names, group in source_groups(self.titles, self.sources):
            for document, quotes in quotes_by_document(group).items():
                items = "".join(
                    f"<li>[{numbers[(q.document, q.quote)]}] “{value(q.quote)}”"
                    + (f" <i>{e(notes_only(q))}</i>" if not q.covers else "")
                    + "</li>"
                    for q in quotes
                )
                sources.append(
                    f"<p class='source'><b>{value(names)}</b> "
                    f"<span class='doc'>{value(document)}</span>"
                    f"</p><ul>{items}</ul>"
                )
        return _HTML.format(
            notice=e(notice()),
            lang=e(language()),
            title=e(_("Clinic comparison")),
            prepared=self.prepared.html(),
            page_title=e(_("Clinic comparison — locator")),
            linked_data=linked_data(self.clinics),
            sources_title=e(_("Sources")),
            notes=e(" ".join(self.notes)),
            head=head,
            body="\n".join(body),
            sources="\n".join(sources),
        )


_HTML = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{page_title}</title>
{linked_data}
<style>
body {{ font-family: sans-serif; font-size: 9.5pt; color: #111111; }}
p.notice {{ font-weight: bold; color: #8a0015; }}
h1 {{ font-size: 15pt; }}
h2 {{ font-size: 11pt; }}
table {{ border-collapse: collapse; width: 100%; border-width: 1px; border-style: solid;
  border-color: #999999; }}
th, td {{ border-width: 1px; border-style: solid; border-color: #999999; padding: 3px 4px;
  text-align: left; vertical-align: top; }}
thead th {{ background-color: #e8e8e8; }}
.differs {{ background-color: #fff1cc; }}
.not_listed {{ color: #555555; font-style: italic; }}
.not_offered {{ color: #8a1c1c; }}
p.source {{ margin-top: 6px; margin-bottom: 0; }}
ul {{ margin-top: 0; margin-bottom: 0; }}
.doc {{ color: #555555; font-size: 8pt; }}
@media print {{ body {{ margin: 0; }} tr {{ break-inside: avoid; }} }}
</style></head><body>
<p class="notice">{notice}</p>
<h1>{title}</h1>
{prepared}
<p>{notes}</p>
<table>
<thead><tr><th width="16%"></th>{head}</tr></thead>
<tbody>
{body}
</tbody></table>
<h2>{sources_title}</h2>
{sources}
</body></html>
"""
