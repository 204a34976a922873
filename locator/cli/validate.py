"""`locator validate`: check a registry and list every problem at its line and column."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from locator.cli.arguments import Subcommands
from locator.data.paths import REGISTRY_ENV
from locator.errors import ExitCode, RegistryError
from locator.i18n import _, ngettext, number


def add_parser(commands: Subcommands) -> None:
    """Add `validate` to ``commands``."""
    parser = commands.add_parser(
        "validate",
        help=_("check a registry file and list every problem with its line and column"),
        description=_(
            "Check a registry. Without PATH, checks the registry the app would open: "
            "--registry, ${variable}, your own copy, or the shipped clinics.yaml. "
            "Exit 0 when valid, 1 with the problems on standard error when not."
        ).format(variable=REGISTRY_ENV),
    )
    parser.add_argument("registry", nargs="?", metavar="PATH", help=_("the registry to check"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load the registry from the file itself (never the cache) and say what is wrong."""
    from locator.cli.output import said_error, said_path
    from locator.data.loader import load_registry
    from locator.data.paths import choose_registry
    from locator.data.provenance import documents_not_at_hand, documents_not_read
    from locator.presentation import found_text

    choice = choose_registry(args.registry)
    shown = args.registry or str(choice.path)
    try:  # the file itself, never the cache; its quotes against the documents at hand
        registry = load_registry(shown, use_cache=False, provenance=True, quotes=True)
    except RegistryError as error:
        print(said_error(error), file=sys.stderr)
        count = len(error.problems)
        print(
            ngettext("{count} problem in {path}", "{count} problems in {path}", count).format(
                count=number(count), path=said_path(shown)
            ),
            file=sys.stderr,
        )
        return ExitCode.INVALID_REGISTRY
    print(_("ok: {found}").format(found=found_text(registry.clinics)))
    for said in documents_not_read(registry.clinics, Path(shown)):
        print(said, file=sys.stderr)
    missing = documents_not_at_hand(registry.clinics, Path(shown))
    if missing:
        print(
            ngettext(
                "quotes not checked: {documents} is not at hand (put the documents in a seeds "
                "folder beside the registry to check their quotes)",
                "quotes not checked: {documents} are not at hand (put the documents in a seeds "
                "folder beside the registry to check their quotes)",
                len(missing),
            ).format(documents=", ".join(missing)),
            file=sys.stderr,
        )
    return ExitCode.OK
