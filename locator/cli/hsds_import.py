"""`locator import`: an Open Referral HSDS directory (JSON, or a CSV package folder or zip) as
a new registry file, with a report of what did not map."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
from pathlib import Path

from locator.cli.arguments import Subcommands
from locator.errors import ExitCode
from locator.i18n import _, ngettext, number


def add_parser(commands: Subcommands) -> None:
    """Add `import` to ``commands``."""
    parser = commands.add_parser(
        "import",
        help=_("make a registry file from an Open Referral HSDS directory"),
        description=_(
            "Read an Open Referral HSDS 3.0 file (JSON, or a CSV package: a folder or a zip "
            "with datapackage.json) and write a registry that locator validate accepts: each "
            "service at a location one entry. What does not map is reported and kept under "
            "each entry's hsds field. A file that is not valid HSDS is refused with every "
            "problem, and nothing is written."
        ),
    )
    parser.add_argument(
        "path",
        metavar="PATH",
        help=_("the HSDS file, zip, or package folder (or the folder's datapackage.json)"),
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="OUT.yaml",
        help=_(
            "the registry file to write (default: PATH's name with .yaml, here); never replaced"
        ),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read and check the file, make the registry, check it as `locator validate` would, and
    write it only when all is well (never over an existing file)."""
    from locator.cli.output import check_output, output_path, said_error, said_path
    from locator.errors import RegistryError
    from locator.files import unlinked_name
    from locator.hsds.importing import import_checked
    from locator.hsds.reading import HsdsError, source_of

    source = source_of(Path(args.path))
    default = Path(f"{source.stem or source.name}.yaml")
    output = output_path(args.output) or unlinked_name(default)
    if output.exists():
        print(
            _("locator: {path} exists; name another file with -o").format(path=said_path(output)),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    check_output(output)
    if not source.exists():
        print(
            _("locator: {path}: no such file or folder").format(path=said_path(source)),
            file=sys.stderr,
        )
        return ExitCode.USAGE
    try:
        made, report = import_checked(source, output, dt.date.today())
    except (HsdsError, RegistryError) as error:
        print(said_error(error), file=sys.stderr)
        count = len(error.problems)
        if isinstance(error, HsdsError) and error.nothing:
            refused = _("nothing to import from {path}; nothing was written")
        elif isinstance(error, HsdsError) and error.stopped:
            refused = _("more than {count} problems in {path}; nothing was written")
        else:
            refused = ngettext(
                "{count} problem in {path}; nothing was written",
                "{count} problems in {path}; nothing was written",
                count,
            )
        print(refused.format(count=number(count), path=said_path(source)), file=sys.stderr)
        return ExitCode.INVALID_REGISTRY
    for sentence in report.sentences():
        print(_("locator: {sentence}").format(sentence=sentence), file=sys.stderr)
    with contextlib.closing(made):
        made.write(output)  # nor over a file made meanwhile
    count = report.entries
    print(
        ngettext("wrote {path}: {count} entry", "wrote {path}: {count} entries", count).format(
            path=said_path(output), count=number(count)
        )
    )
    return ExitCode.OK
