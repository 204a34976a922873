"""`locator nearest`: the clinics nearest a place, as a table for people or JSON for scripts."""

from __future__ import annotations

import argparse
import json

from locator.cli.arguments import Subcommands
from locator.cli.search_options import search, search_parser
from locator.errors import ExitCode
from locator.i18n import _


def add_parser(commands: Subcommands) -> None:
    """Add `nearest` to ``commands``."""
    parser = commands.add_parser(
        "nearest",
        parents=[search_parser()],
        help=_("the clinics nearest a place, with filters"),
        description=_(
            "List the clinics nearest QUERY, nearest first, by straight-line distance. Filters "
            "match clinics whose sources say they treat or offer every value given; a clinic "
            "for which a value is not listed does not match, and the answer says how many "
            "were left out for that reason."
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Search, then print the answer as JSON or as a summary, a table and the practical facts."""
    request, result = search(args)
    unit = request.unit
    if args.json:
        from locator.result_json import result_json

        print(json.dumps(result_json(result, unit), ensure_ascii=False, indent=2))
        return ExitCode.OK
    from locator.cli.answer_text import print_answer

    print_answer(result, unit)
    return ExitCode.OK
