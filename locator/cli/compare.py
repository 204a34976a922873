"""`locator compare`: clinics side by side, as a table, CSV, JSON, Markdown or HTML."""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from locator.cli.arguments import Subcommands
from locator.errors import UsageError, did_you_mean
from locator.i18n import _, source_language
from locator.terminal import one_line

if TYPE_CHECKING:
    from locator.compare import ComparisonMatrix
    from locator.data.models import Clinic, Registry


def add_parser(commands: Subcommands) -> None:
    """Add `compare` to ``commands``."""
    parser = commands.add_parser(
        "compare",
        help=_("compare clinics side by side"),
        description=_(
            "Compare two or more clinics by id: attributes as rows, clinics as columns, rows "
            "that differ marked. Every format carries the sources, the date and the notice."
        ),
    )
    parser.add_argument("ids", nargs="+", metavar="ID", help=_("clinic ids (see clinics.yaml)"))
    parser.add_argument(
        "--format", choices=("table", "csv", "json", "markdown", "html"), default="table"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help=_("write to FILE"))
    parser.add_argument("--registry", metavar="PATH", help=_("the registry to read"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Compare the clinics named, in the format asked for, to standard output or a file."""
    from locator.cli.output import check_output, emit, output_path
    from locator.compare import ComparisonMatrix
    from locator.data.loader import load_registry
    from locator.data.paths import choose_registry

    ids = list(dict.fromkeys(args.ids))  # an id named again is the same column
    if len(ids) < 2 <= len(args.ids):
        raise UsageError(
            _("“{id}” was named twice: name at least two different clinic ids to compare").format(
                id=one_line(ids[0])
            )
        )
    if len(ids) < 2:
        raise UsageError(_("name at least two clinic ids to compare"))
    path = choose_registry(args.registry).path
    output = output_path(args.output)
    if output is not None:
        check_output(output, reading=path)
    registry = load_registry(path)
    matrix = ComparisonMatrix.of(_clinics_by_id(registry, ids))
    if args.format == "table":
        text = _table(matrix)
    elif args.format == "json":
        with source_language():  # the same JSON whatever the language
            text = ComparisonMatrix.of(matrix.clinics, created=matrix.created).to_json()
    else:
        text = {
            "csv": matrix.to_csv,
            "markdown": matrix.to_markdown,
            "html": matrix.to_html,
        }[args.format]()
    return emit(text, output)


def _clinics_by_id(registry: Registry, ids: Sequence[str]) -> list[Clinic]:
    known = {clinic.id: clinic for clinic in registry.clinics}
    clinics = []
    for clinic_id in ids:
        if clinic_id not in known:
            close = difflib.get_close_matches(clinic_id, list(known), n=3, cutoff=0.5)
            if close:
                message = _("no clinic has the id “{id}”{hint}").format(
                    id=one_line(clinic_id), hint=did_you_mean(close)
                )
            else:
                message = _("no clinic has the id “{id}”").format(id=one_line(clinic_id))
            raise UsageError(message)
        clinics.append(known[clinic_id])
    return clinics


def _table(matrix: ComparisonMatrix) -> str:
    """The matrix for a terminal: the quotes' numbers after the values, the quotes below."""
    from locator.notice import notice
    from locator.presentation import document_text, notes_only
    from locator.text_table import text_table

    header = ("", *matrix.titles, "≠")
    rows = [
        (
            row.attribute,
            *(matrix.marked(cell) for cell in row.cells),
            "≠" if row.differs else "",
        )
        for row in matrix.rows
    ]
    found = {(s.document, s.quote): s for c in matrix.clinics for s in c.sources}
    quotes = "\n".join(  # what the numbers after the values point to; a quote no value
        # points to says where it is cited
        f"[{number}] "
        + _("\u201c{quote}\u201d ({document})").format(
            quote=key[1], document=document_text(found[key])
        )
        + (f" {notes_only(found[key])}" if not found[key].covers else "")
        for key, number in matrix.footnotes.items()
    )
    return text_table(header, rows) + "\n\n" + quotes + "\n\n" + notice() + "\n"
