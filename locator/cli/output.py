"""Where a command's document goes: standard output, or a file it names."""

from __future__ import annotations

import sys

from locator.errors import ExitCode
from locator.files import atomic_write
from locator.i18n import _


def emit(text: str, output: str | None) -> int:
    """Print ``text``, or write it to ``output`` and say so."""
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write(output, text)
        print(_("wrote {path}").format(path=output))
    return ExitCode.OK
