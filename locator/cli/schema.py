"""`locator schema`: the registry's JSON Schema, for editors that check clinics.yaml."""

from __future__ import annotations

import argparse

from locator.cli.arguments import Subcommands
from locator.i18n import _


def add_parser(commands: Subcommands) -> None:
    """Add `schema` to ``commands``."""
    parser = commands.add_parser(
        "schema",
        help=_("print the registry's JSON Schema (clinics.schema.json)"),
        description=_("Print the JSON Schema that editors use to check clinics.yaml as you type."),
    )
    parser.add_argument("--output", "-o", metavar="FILE", help=_("write it to FILE instead"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema pydantic derives from the models, or write it to ``--output``."""
    from locator.cli.output import check_output, emit, output_path
    from locator.data.schema import registry_json_schema

    output = output_path(args.output)
    if output is not None:
        check_output(output)
    return emit(registry_json_schema(), output)
