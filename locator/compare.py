"""Side-by-side comparison of clinics, and its exports (CSV, JSON, Markdown, HTML).

Rows are attributes, columns are clinics. Each cell says offered, not offered, not listed, or
gives the value; rows where the clinics differ carry "≠" in their own text (not in styling,
which plain text and QTextDocument drop). Every export carries the sources, the date, where
distances are measured from, the "directory, not medical advice" line and the crisis line.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import html
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from locator.data.vocabulary import Condition, Term, Treatment
from locator.presentation import (
    CRISIS_LINE,
    DISCLAIMER,
    DRIVE_NOTE,
    NOT_LISTED,
    NOTICE,
    full_address,
    labels,
    place_name,
    precision_note,
    providers_text,
    session_text,
)

if TYPE_CHECKING:
    from locator.data.models import Clinic, Source

DIFFERS_MARK = "≠"
DIFFERS_LEGEND = f"Rows marked {DIFFERS_MARK} differ between the clinics."
NOT_LISTED_LEGEND = "“not listed” means no source says; it is not the same as “not offered”."
UNNAMED_MARK = "(name not given in source)"
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def straight_line_from(place: str | None) -> str:
    """The sentences that say where distances are measured from, and what drive times are."""
    origin = place or "the searched place"
    return f"Distances are straight-line from {origin}, not driving distances. {DRIVE_NOTE}"


def is_unnamed_provider(clinic: Clinic) -> bool:
    """True for an entry whose source reports providers in an area but names none.

    Such an entry has no one to contact; the registry marks it in its name.
    """
    return clinic.name.endswith(UNNAMED_MARK)


def contact_details(clinic: Clinic) -> str | None:
    """Phone and website, or None when the sources give neither."""
    return " · ".join(part for part in (clinic.phone, clinic.website) if part) or None


def source_groups(
    titles: Sequence[str], clinics: Sequence[Clinic]
) -> list[tuple[str, list[Source]]]:
    """Clinics that cite the very same sources, together (sites of one organization), so a
    quote is printed once: ("NorTex Psychiatry (Allen, TX); NorTex Psychiatry (Dallas, TX)",
    its sources)."""
    groups: dict[tuple[tuple[str, str], ...], tuple[list[str], list[Source]]] = {}
    for title, clinic in zip(titles, clinics, strict=True):
        key = tuple((s.document, s.quote) for s in clinic.sources)
        groups.setdefault(key, ([], list(clinic.sources)))[0].append(title)
    return [("; ".join(dict.fromkeys(names)), sources) for names, sources in groups.values()]


def quotes_by_document(sources: Sequence[Source]) -> dict[str, list[str]]:
    """Each document once, with its quotes in order: the name is printed once, small."""
    by_document: dict[str, list[str]] = {}
    for source in sources:
        by_document.setdefault(source.document, []).append(source.quote)
    return by_document


# What Markdown (and the HTML it may carry) would read as markup: links, images, emphasis,
# code, tables. Newlines are folded, so no text can start a heading or a list of its own.
_MARKDOWN_MARKUP = re.compile(r"([\\`*_\[\]!|~])")


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown: one line, HTML escaped, markup characters backslashed."""
    one_line = " ".join(text.split())
    return _MARKDOWN_MARKUP.sub(r"\\\1", html.escape(one_line, quote=False))


def _spreadsheet_safe(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


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


@dataclass(frozen=True)
class Row:
    """One attribute across the compared clinics."""

    group: str
    attribute: str
    cells: tuple[Cell, ...]

    @property
    def differs(self) -> bool:
        """True when the clinics do not all say the same."""
        return len({cell.text for cell in self.cells}) > 1

    @property
    def label(self) -> str:
        """The attribute, followed by "≠" when the clinics differ."""
        return f"{self.attribute} {DIFFERS_MARK}" if self.differs else self.attribute


def _value(text: str | None) -> Cell:
    return Cell(CellKind.VALUE, text) if text else Cell(CellKind.NOT_LISTED, NOT_LISTED)


def _term_cell(term: Term, offered: Sequence[Term], refused: Sequence[Term], yes: str) -> Cell:
    if term in offered:
        return Cell(CellKind.OFFERED, yes)
    if term in refused:
        return Cell(CellKind.NOT_OFFERED, "not offered")
    return Cell(CellKind.NOT_LISTED, NOT_LISTED)


def _contact(clinic: Clinic) -> Cell:
    if is_unnamed_provider(clinic):
        return Cell(CellKind.VALUE, "none: the source names no clinic")
    return _value(contact_details(clinic))


def _telehealth(clinic: Clinic) -> Cell:
    if clinic.telehealth is None:
        return Cell(CellKind.NOT_LISTED, NOT_LISTED)
    return Cell(CellKind.OFFERED, "yes") if clinic.telehealth else Cell(CellKind.NOT_OFFERED, "no")


@dataclass(frozen=True)
class ComparisonMatrix:
    """Clinics side by side; ``place`` is where a search measured the distances from."""

    clinics: tuple[Clinic, ...]
    rows: tuple[Row, ...]
    created: dt.date
    place: str | None = None
    distance_note: str | None = None

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
            raise ValueError("a comparison needs at least two clinics")
        rows: list[Row] = []

        def add(group: str, attribute: str, cells: Sequence[Cell]) -> None:
            rows.append(Row(group, attribute, tuple(cells)))

        add("Where", "Place", [_value(full_address(c)) for c in clinics])
        if distances is not None:
            attribute = f"Distance from {place}" if place else "Distance (straight-line)"
            add("Where", attribute, [_value(d) for d in distances])
        add("Where", "Location", [_value(precision_note(c)) for c in clinics])
        add("Where", "Serves", [_value(", ".join(c.service_area)) for c in clinics])
        conditions = [t for t in Condition if any(t in c.conditions for c in clinics)]
        for term in conditions:
            add(
                "Treats",
                term.label,
                [_term_cell(term, c.conditions, (), "treats") for c in clinics],
            )
        if not conditions:
            add("Treats", "Conditions", [Cell(CellKind.NOT_LISTED, NOT_LISTED) for _ in clinics])
        mentioned = [
            t for t in Treatment if any(t in c.treatments or t in c.not_offered for c in clinics)
        ]
        for treatment in mentioned:
            add(
                "Offers",
                treatment.label,
                [_term_cell(treatment, c.treatments, c.not_offered, "offered") for c in clinics],
            )
        add("Care", "Session length", [_value(session_text(c)) for c in clinics])
        add("Care", "Typical course", [_value(c.typical_course) for c in clinics])
        add("Care", "Providers", [_value(providers_text(c)) for c in clinics])
        add("Care", "Telehealth", [_telehealth(c) for c in clinics])
        add("Cost", "Payment", [_value(labels(c.payment) if c.payment else None) for c in clinics])
        add("Contact", "Contact", [_contact(c) for c in clinics])
        add("Record", "Last verified", [_value(c.last_verified.isoformat()) for c in clinics])
        add(
            "Record",
            "Sources",
            [_value(", ".join(dict.fromkeys(s.document for s in c.sources))) for c in clinics],
        )
        measured = distances is not None or place is not None
        return cls(
            tuple(clinics),
            tuple(rows),
            created or dt.date.today(),
            place,
            straight_line_from(place) if measured else None,
        )

    @property
    def titles(self) -> list[str]:
        """Column titles: clinic names, with the place added where two names are the same."""
        names = [c.name for c in self.clinics]
        return [
            f"{name} ({place_name(c)})" if names.count(name) > 1 else name
            for name, c in zip(names, self.clinics, strict=True)
        ]

    @property
    def notes(self) -> list[str]:
        """The sentences a reader needs to read the table, in the order shown."""
        compared = f"Compared on {self.created.isoformat()} from the locator registry."
        return [compared, *filter(None, [self.distance_note]), DIFFERS_LEGEND, NOT_LISTED_LEGEND]

    # exports ---------------------------------------------------------------------------

    def to_csv(self) -> str:
        """CSV as one rectangular table: a column per clinic; notes and sources are rows.

        Cells a spreadsheet would run as a formula start with an apostrophe.
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        blank = [""] * len(self.clinics)

        def put(*cells: str) -> None:
            writer.writerow([_spreadsheet_safe(cell) for cell in cells])

        put("group", "attribute", *self.titles, "differs")
        put("Clinic", "id", *(c.id for c in self.clinics), "")
        put("About", "Notice", NOTICE, *blank[1:], "")
        for note in self.notes:
            if note != DIFFERS_LEGEND:  # the "differs" column says it here
                put("About", "Note", note, *blank[1:], "")
        for row in self.rows:
            differs = "yes" if row.differs else ""
            put(row.group, row.attribute, *(cell.text for cell in row.cells), differs)
        quotes: dict[tuple[str, str], list[str]] = {}
        for index, clinic in enumerate(self.clinics):
            for source in clinic.sources:
                cells = quotes.setdefault((source.document, source.quote), list(blank))
                cells[index] = f"“{source.quote}”"
        for (document, _quote), cells in quotes.items():
            put("Source", document, *cells, "")
        return out.getvalue()

    def csv_bytes(self) -> bytes:
        """The CSV as UTF-8 with a byte-order mark, so Excel reads dashes and quotes right."""
        return codecs.BOM_UTF8 + self.to_csv().encode("utf-8")

    def to_json(self) -> str:
        """JSON with the same content, for scripts."""
        data = {
            "created": self.created.isoformat(),
            "place": self.place,
            "distances": self.distance_note,
            "clinics": [
                {"id": c.id, "name": c.name, "title": title}
                for c, title in zip(self.clinics, self.titles, strict=True)
            ],
            "rows": [
                {
                    "group": row.group,
                    "attribute": row.attribute,
                    "differs": row.differs,
                    "cells": [{"kind": cell.kind.value, "text": cell.text} for cell in row.cells],
                }
                for row in self.rows
            ],
            "sources": {
                c.id: [{"document": s.document, "quote": s.quote} for s in c.sources]
                for c in self.clinics
            },
            "notice": NOTICE,
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def to_markdown(self) -> str:
        """A Markdown table (differing rows marked ≠), the sources and the notice; every text
        is escaped (:func:`markdown_text`)."""
        escape = markdown_text

        lines = [
            f"**{DISCLAIMER}** {CRISIS_LINE}",
            "",
            " ".join(self.notes),
            "",
            "| | " + " | ".join(escape(title) for title in self.titles) + " |",
            "|---|" + "---|" * len(self.clinics),
        ]
        for row in self.rows:
            cells = " | ".join(escape(cell.text) for cell in row.cells)
            mark = f" {DIFFERS_MARK}" if row.differs else ""
            lines.append(f"| **{escape(row.attribute)}**{mark} | {cells} |")
        lines += ["", "## Sources", ""]
        for names, sources in source_groups(self.titles, self.clinics):
            for source in sources:
                quote, document = escape(source.quote), escape(source.document)
                lines.append(f"- {escape(names)}: “{quote}” ({document})")
        return "\n".join(lines) + "\n"

    def to_html(self) -> str:
        """A self-contained, printable HTML page; every text is escaped."""
        e = html.escape
        share = 84 / len(self.clinics)
        head = "".join(
            f"<th scope='col' width='{share:.0f}%'>{e(title)}</th>" for title in self.titles
        )
        body = []
        for row in self.rows:
            differs = " differs" if row.differs else ""
            cells = "".join(
                f"<td class='{cell.kind.name.lower()}{differs}'>{e(cell.text)}</td>"
                for cell in row.cells
            )
            body.append(
                f"<tr><th scope='row' class='attribute{differs}'>{e(row.label)}</th>{cells}</tr>"
            )
        sources = []
        for names, group in source_groups(self.titles, self.clinics):
            for document, quotes in quotes_by_document(group).items():
                items = "".join(f"<li>“{e(quote)}”</li>" for quote in quotes)
                sources.append(
                    f"<p class='source'><b>{e(names)}</b> <span class='doc'>{e(document)}</span>"
                    f"</p><ul>{items}</ul>"
                )
        return _HTML.format(
            notice=e(NOTICE),
            notes=e(" ".join(self.notes)),
            head=head,
            body="\n".join(body),
            sources="\n".join(sources),
        )


_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Clinic comparison — locator</title>
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
<h1>Clinic comparison</h1>
<p>{notes}</p>
<table>
<thead><tr><th width="16%"></th>{head}</tr></thead>
<tbody>
{body}
</tbody></table>
<h2>Sources</h2>
{sources}
</body></html>
"""
