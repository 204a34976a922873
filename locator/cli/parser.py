"""The `locator` parser: the program's own options, then each subcommand's module adds its own.

Building it imports only what the help needs (argparse, the catalog, the notice); each command
imports its heavy dependencies when it runs.
"""

from __future__ import annotations

import argparse

from locator import __version__
from locator.cli import (
    compare,
    export,
    fmt,
    geocode,
    gui,
    hsds_import,
    map_export,
    nearest,
    schema,
    settings,
    validate,
)
from locator.i18n import _, ngettext
from locator.notice import notice

# argparse's own words ("usage:", "show this help message and exit", its error messages) are
# looked up through its module's ``_``: pointed at locator's catalog, which holds them too
# (``make catalog`` extracts them from argparse), they follow the language like every other.
vars(argparse).update(_=_, ngettext=ngettext)

# Each adds its subcommand, in the order `locator --help` lists them.
SUBCOMMANDS = (
    validate,
    fmt,
    schema,
    geocode,
    nearest,
    map_export,
    compare,
    export,
    hsds_import,
    gui,
    settings,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="locator",
        description=_("Find and compare ketamine-therapy clinics near a place, offline first."),
        epilog=notice(),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"locator {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument("--debug", action="store_true", help=_("log details to standard error"))
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help=_("the language to answer in: en or es (default: the system's, from LANG)"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_(
            "check that the app works here (registry, place lookup, window, map, PDF); "
            "exit 0 when it does"
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for subcommand in SUBCOMMANDS:
        subcommand.add_parser(commands)
    return parser
