"""`locator fmt`: rewrite a registry in the canonical layout, keeping every comment."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from locator.cli.arguments import Subcommands
from locator.errors import ExitCode, RegistryError
from locator.i18n import _


def add_parser(commands: Subcommands) -> None:
    """Add `fmt` to ``commands``."""
    parser = commands.add_parser(
        "fmt",
        help=_("rewrite a registry in the canonical layout, keeping every comment"),
        description=_(
            "Rewrite the registry in the canonical layout (2-space indents, lists indented "
            "under their key, long lines never re-wrapped, quotes kept), keeping every comment "
            "and value. An invalid file is never rewritten. --check changes nothing and exits "
            "1 when the file would change or is invalid, 0 when it is already canonical."
        ),
    )
    parser.add_argument("registry", nargs="?", metavar="PATH", help=_("the registry to format"))
    parser.add_argument("--check", action="store_true", help=_("only report; change nothing"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Format the registry in place, or with ``--check`` only say whether it would change."""
    from locator.cli.output import said_error, said_path
    from locator.data.formatting import format_file, formatted
    from locator.data.loader import load_registry, registry_limit
    from locator.data.paths import choose_registry
    from locator.files import read_regular

    given = args.registry or str(choose_registry(None).path)
    path, shown = Path(given), said_path(given)
    try:
        if args.check:
            load_registry(path, use_cache=False)
            raw = read_regular(path, registry_limit())
            if formatted(raw) != raw:
                print(
                    _("{path} is not in the canonical layout; run: locator fmt {path}").format(
                        path=shown
                    )
                )
                return ExitCode.INVALID_REGISTRY
            print(_("{path} is in the canonical layout").format(path=shown))
            return ExitCode.OK
        changed = format_file(path)
    except RegistryError as error:
        print(said_error(error), file=sys.stderr)
        print(_("{path} is not valid, so it was not formatted").format(path=shown), file=sys.stderr)
        return ExitCode.INVALID_REGISTRY
    if changed:
        print(_("formatted {path}").format(path=shown))
    else:
        print(_("{path} is already in the canonical layout").format(path=shown))
    return ExitCode.OK
