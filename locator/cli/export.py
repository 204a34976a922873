"""`locator export`: the whole registry in a format other directories and map tools read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from locator.cli.arguments import Subcommands
from locator.errors import ExitCode
from locator.exports import EXPORT_FORMATS, export_format
from locator.i18n import _


def add_parser(commands: Subcommands) -> None:
    """Add `export` to ``commands``."""
    parser = commands.add_parser(
        "export",
        help=_("export the whole registry for other directories and map tools"),
        description=_(
            "Write every entry of the registry in FORMAT. What a format cannot hold is left "
            "out and said on standard error (GeoJSON: the entries with no location)."
        ),
    )
    parser.add_argument(
        "--format",
        required=True,
        choices=[fmt.name for fmt in EXPORT_FORMATS],
        help=", ".join(f"{fmt.name}: {_(fmt.label)}" for fmt in EXPORT_FORMATS),
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help=_("where to write it (default: {paths})").format(
            paths=", ".join(fmt.default_output for fmt in EXPORT_FORMATS)
        ),
    )
    parser.add_argument("--registry", metavar="PATH", help=_("the registry to export"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read the registry, write it in the format asked for, say where and what was left out;
    never through a link to nothing (a planted ``~/.bash_login`` that does not exist yet)."""
    from locator.cli.output import check_output, output_path, said_path
    from locator.data.loader import load_registry
    from locator.data.paths import choose_registry
    from locator.files import unlinked_name

    chosen = export_format(args.format)
    output = output_path(args.output) or unlinked_name(Path(chosen.default_output))
    path = choose_registry(args.registry).path
    check_output(output, reading=path, folder=chosen.folder)
    registry = load_registry(path)
    for sentence in chosen.write(registry, output, lambda _fraction: None):
        print(_("locator: {sentence}").format(sentence=sentence), file=sys.stderr)
    print(_("wrote {path}").format(path=said_path(output)))
    return ExitCode.OK
