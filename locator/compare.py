"""Side-by-side comparison of clinics, and its exports (CSV, JSON, Markdown, HTML).

Rows are attributes, columns are clinics. Each cell says offered, not offered, not listed, or
gives the value; rows where the clinics differ are marked. Every export carries the sources,
the date, the "directory, not medical advice" line and the crisis line.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from locator.data.vocabulary import Condition, Term, Treatment
from locator.presentation import (
    CRISIS_LINE,
    DISCLAIMER,
    NOT_LISTED,
    contact,
    labels,
    place_name,
    precision_note,
    providers_text,
    session_text,
)

if TYPE_CHECKING:
    from locator.data.models import Clinic


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


def _value(text: str | None) -> Cell:
    return Cell(CellKind.VALUE, text) if text else Cell(CellKind.NOT_LISTED, NOT_LISTED)


def _term_cell(term: Term, offered: Sequence[Term], refused: Sequence[Term], yes: str) -> Cell:
    if term in offered:
        return Cell(CellKind.OFFERED, yes)
    if term in refused:
        return Cell(CellKind.NOT_OFFERED, "not offered")
    return Cell(CellKind.NOT_LISTED, NOT_LISTED)


def _telehealth(clinic: Clinic) -> Cell:
    if clinic.telehealth is None:
        return Cell(CellKind.NOT_LISTED, NOT_LISTED)
    return Cell(CellKind.OFFERED, "yes") if clinic.telehealth else Cell(CellKind.NOT_OFFERED, "no")


@dataclass(frozen=True)
class ComparisonMatrix:
    """Clinics side by side."""

    clinics: tuple[Clinic, ...]
    rows: tuple[Row, ...]
    created: dt.date

    @classmethod
    def of(
        cls,
        clinics: Sequence[Clinic],
        distances: Sequence[str] | None = None,
        created: dt.date | None = None,
    ) -> ComparisonMatrix:
        """The matrix for two or more clinics; ``distances`` adds a row from a search."""
        if len(clinics) < 2:
            raise ValueError("a comparison needs at least two clinics")
        rows: list[Row] = []

        def add(group: str, attribute: str, cells: Sequence[Cell]) -> None:
            rows.append(Row(group, attribute, tuple(cells)))

        add("Where", "Place", [_value(place_name(c)) for c in clinics])
        if distances is not None:
            add("Where", "Distance (straight-line)", [_value(d) for d in distances])
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
        for term in mentioned:
            add(
                "Offers",
                term.label,
                [_term_cell(term, c.treatments, c.not_offered, "offered") for c in clinics],
            )
        add("Care", "Session length", [_value(session_text(c)) for c in clinics])
        add("Care", "Typical course", [_value(c.typical_course) for c in clinics])
        add("Care", "Providers", [_value(providers_text(c)) for c in clinics])
        add("Care", "Telehealth", [_telehealth(c) for c in clinics])
        add("Cost", "Payment", [_value(labels(c.payment) if c.payment else None) for c in clinics])
        add("Contact", "Contact", [_value(contact(c)) for c in clinics])
        add("Record", "Last verified", [_value(c.last_verified.isoformat()) for c in clinics])
        add(
            "Record",
            "Sources",
            [_value(", ".join(dict.fromkeys(s.document for s in c.sources))) for c in clinics],
        )
        return cls(tuple(clinics), tuple(rows), created or dt.date.today())

    # exports ---------------------------------------------------------------------------

    def _footer_lines(self) -> list[str]:
        return [
            f"Compared on {self.created.isoformat()} from the locator registry.",
            "“not listed” means no source says; it is not the same as “not offered”.",
            DISCLAIMER,
            CRISIS_LINE,
        ]

    def to_csv(self) -> str:
        """CSV: attribute rows, a column per clinic, then the sources and the notice."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["group", "attribute", *(c.name for c in self.clinics), "differs"])
        writer.writerow(["", "id", *(c.id for c in self.clinics), ""])
        for row in self.rows:
            texts = [cell.text for cell in row.cells]
            writer.writerow([row.group, row.attribute, *texts, "yes" if row.differs else ""])
        writer.writerow([])
        writer.writerow(["sources", "clinic", "document", "quote"])
        for clinic in self.clinics:
            for source in clinic.sources:
                writer.writerow(["", clinic.id, source.document, source.quote])
        writer.writerow([])
        for line in self._footer_lines():
            writer.writerow([line])
        return out.getvalue()

    def to_json(self) -> str:
        """JSON with the same content, for scripts."""
        data = {
            "created": self.created.isoformat(),
            "clinics": [{"id": c.id, "name": c.name} for c in self.clinics],
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
            "notice": f"{DISCLAIMER} {CRISIS_LINE}",
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def to_markdown(self) -> str:
        """A Markdown table (differing rows marked ≠), the sources and the notice."""

        def escape(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        lines = [
            f"**{DISCLAIMER}** {CRISIS_LINE}",
            "",
            "| | " + " | ".join(escape(c.name) for c in self.clinics) + " |",
            "|---|" + "---|" * len(self.clinics),
        ]
        for row in self.rows:
            mark = " ≠" if row.differs else ""
            cells = " | ".join(escape(cell.text) for cell in row.cells)
            lines.append(f"| **{escape(row.attribute)}**{mark} | {cells} |")
        lines += ["", "≠ marks rows where the clinics differ.", "", "## Sources", ""]
        for clinic in self.clinics:
            for source in clinic.sources:
                lines.append(f"- {escape(clinic.name)} — {source.document}: “{source.quote}”")
        lines += ["", *self._footer_lines()]
        return "\n".join(lines) + "\n"

    def to_html(self) -> str:
        """A self-contained, printable HTML page; every text is escaped."""
        e = html.escape
        head = "".join(f"<th scope='col'>{e(c.name)}</th>" for c in self.clinics)
        body = []
        for row in self.rows:
            cells = "".join(
                f"<td class='{cell.kind.name.lower()}'>{e(cell.text)}</td>" for cell in row.cells
            )
            marker = " class='differs'" if row.differs else ""
            body.append(f"<tr{marker}><th scope='row'>{e(row.attribute)}</th>{cells}</tr>")
        sources = "".join(
            f"<li><b>{e(c.name)}</b> — {e(s.document)}: “{e(s.quote)}”</li>"
            for c in self.clinics
            for s in c.sources
        )
        footer = "".join(f"<p>{e(line)}</p>" for line in self._footer_lines())
        return _HTML.format(
            notice=e(f"{DISCLAIMER} {CRISIS_LINE}"),
            date=e(self.created.isoformat()),
            head=head,
            body="\n".join(body),
            sources=sources,
            footer=footer,
        )


_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Clinic comparison — locator</title>
<style>
body {{ font: 11pt/1.4 system-ui, sans-serif; margin: 2em; color: #111; }}
.notice {{ border: 2px solid #b00020; padding: .5em 1em; font-weight: 600; }}
table {{ border-collapse: collapse; width: 100%; margin: 1em 0; }}
th, td {{ border: 1px solid #999; padding: .3em .5em; text-align: left; vertical-align: top; }}
thead th {{ background: #eee; }}
tr.differs th[scope=row]::after {{ content: " ≠"; color: #b00020; }}
tr.differs {{ background: #fff4d6; }}
td.not_listed {{ color: #666; font-style: italic; }}
td.not_offered {{ color: #8a1c1c; }}
@media print {{ body {{ margin: 0; }} tr {{ break-inside: avoid; }} }}
</style></head><body>
<p class="notice">{notice}</p>
<h1>Clinic comparison</h1>
<p>Compared on {date}. Rows marked ≠ differ between clinics. “not listed” means no source says;
it is not the same as “not offered”.</p>
<table><thead><tr><th></th>{head}</tr></thead><tbody>
{body}
</tbody></table>
<h2>Sources</h2><ul>{sources}</ul>
<footer>{footer}</footer>
</body></html>
"""
