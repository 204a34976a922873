"""The `locator` command line."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from locator import __version__
from locator.data.loader import RegistryError, load_registry
from locator.data.paths import REGISTRY_ENV, choose_registry
from locator.data.schema import registry_json_schema
from locator.errors import LocatorError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_INVALID_REGISTRY = 1
EXIT_USAGE = 2

_DISCLAIMER = (
    "locator is a directory, not medical advice. In a crisis call or text 988 (US); "
    "in an emergency call 911."
)


def _cmd_validate(args: argparse.Namespace) -> int:
    choice = choose_registry(args.registry)
    shown = args.registry or str(choice.path)
    try:
        registry = load_registry(shown)
    except RegistryError as error:
        print(error, file=sys.stderr)
        count = len(error.problems)
        print(f"{count} problem{'s' * (count != 1)} in {shown}", file=sys.stderr)
        return EXIT_INVALID_REGISTRY
    count = len(registry.clinics)
    print(f"ok: {count} clinic{'s' * (count != 1)}")
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    text = registry_json_schema()
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {args.output}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="locator",
        description="Find and compare ketamine-therapy clinics near a place, offline first.",
        epilog=_DISCLAIMER,
    )
    parser.add_argument("--version", action="version", version=f"locator {__version__}")
    parser.add_argument("--debug", action="store_true", help="log details to standard error")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check a registry file and list every problem with its line and column",
        description=(
            "Check a registry. Without PATH, checks the registry the app would open: "
            f"--registry, ${REGISTRY_ENV}, your own copy, or the shipped clinics.yaml. "
            "Exit 0 when valid, 1 with the problems on standard error when not."
        ),
    )
    validate.add_argument("registry", nargs="?", metavar="PATH", help="the registry to check")
    validate.set_defaults(run=_cmd_validate)

    schema = commands.add_parser(
        "schema",
        help="print the registry's JSON Schema (clinics.schema.json)",
        description="Print the JSON Schema that editors use to check clinics.yaml as you type.",
    )
    schema.add_argument("--output", "-o", metavar="FILE", help="write it to FILE instead")
    schema.set_defaults(run=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="locator: %(levelname)s: %(message)s",
    )
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return EXIT_OK
    try:
        return run(args)
    except LocatorError as error:
        print(f"locator: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last line of defence: a sentence, never a traceback
        log.debug("unexpected error", exc_info=True)
        print(
            f"locator: unexpected error ({type(error).__name__}: {error}); "
            "run again with --debug and report what it prints",
            file=sys.stderr,
        )
        return EXIT_INVALID_REGISTRY
