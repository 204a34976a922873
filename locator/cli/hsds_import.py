"""`locator import`: an Open Referral HSDS directory (JSON, or a CSV package folder or zip) as
a new registry file, with a report of what did not map."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import math
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from locator.cli.arguments import Subcommands
from locator.errors import ExitCode
from locator.hsds.progress import columns, importing_text
from locator.i18n import _, ngettext, number
from locator.terminal import VisibleControls

if TYPE_CHECKING:
    from locator.hsds.importing import Stage


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
    progress = _Progress(said_path(source))
    try:
        try:
            made, report = import_checked(
                source, output, dt.date.today(), progress.stage, progress.step
            )
        finally:  # whatever ends it, the next line printed starts at the line's start
            progress.done()
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


class _Progress:
    """How far a large import has come, on one line of standard error when it is a terminal
    (a file or a pipe gets none): each stage as it starts, then the services done, at most
    twice a second; the line is cleared before the report or the problems are printed."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.stage_now = ""
        self.shown = -math.inf  # when the count was last shown (time.monotonic)
        self.width = 0  # of the line shown, to be covered when it is cleared
        self.last = ""  # the text shown, not written again
        stream = sys.stderr
        self.on = stream.isatty()
        self.write = stream.write_own if isinstance(stream, VisibleControls) else stream.write

    def stage(self, stage: Stage) -> None:
        self.stage_now = stage.value
        self.shown = -math.inf  # the new stage's first count is shown at once
        self._show(importing_text(self.path, self.stage_now, width=_columns() - 1))

    def step(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.shown >= 0.5:
            self.shown = now
            self._show(importing_text(self.path, self.stage_now, done, total, _columns() - 1))

    def _show(self, text: str) -> None:
        if not self.on or text == self.last:
            return
        self.last = text
        self.write("\r" + text + " " * max(0, self.width - columns(text)))
        self.width = columns(text)
        sys.stderr.flush()

    def done(self) -> None:
        if self.width:
            self.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()
            self.width = 0


def _columns() -> int:
    """The width of the terminal standard error writes to (80 where it does not say); the
    progress line takes one less, since a line that wraps cannot be redrawn."""
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns or 80
    except (OSError, ValueError):
        return 80
