"""`locator gui` (and bare `locator`): open the desktop app."""

from __future__ import annotations

import argparse

from locator.cli.arguments import Subcommands
from locator.i18n import _


def add_parser(commands: Subcommands) -> None:
    """Add `gui` to ``commands``."""
    parser = commands.add_parser(
        "gui",
        help=_("open the desktop app (the default)"),
        description=_(
            "Open the desktop app on the registry chosen by --registry, $LOCATOR_REGISTRY, "
            "your own copy, or the shipped clinics.yaml."
        ),
    )
    parser.add_argument("--registry", metavar="PATH", help=_("the registry to open"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Open the window on the registry asked for, in the language asked for."""
    from locator.ui.app import run_app  # Qt only loads for the window

    return run_app(getattr(args, "registry", None), language=args.lang)
