"""`locator export`: the whole registry in a format other directories and map tools read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from locator.cli.arguments import Subcommands
from locator.errors import ExitCode, UsageError
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
    if chosen.folder:
        _refuse_foreign_folder(output)
    registry = load_registry(path)
    for sentence in chosen.write(registry, output, lambda _fraction: None):
        print(_("locator: {sentence}").format(sentence=sentence), file=sys.stderr)
    print(_("wrote {path}").format(path=said_path(output)))
    return ExitCode.OK


def _refuse_foreign_folder(output: Path) -> None:
    """Refuse a folder holding anything but a package locator wrote, as the app does: the
    export's files would be mixed in with the user's own (``-o ..`` beside the registry)."""
    from locator.cli.output import said_path
    from locator.hsds.tabular import is_package

    try:
        held = output.is_dir() and any(output.iterdir())
    except OSError:  # unreadable: the write says why it cannot go there
        return
    if held and not is_package(output):
        raise UsageError(
            _(
                "{path} is a folder that holds other files than an HSDS package locator "
                "wrote: nothing was written. Name a new or empty folder with -o"
            ).format(path=said_path(output))
        )
