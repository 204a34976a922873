"""Where a command's document goes: standard output, or a file it names."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from locator.errors import ExitCode, UsageError
from locator.files import atomic_write
from locator.i18n import _


def refuse_dangling_link(output: Path) -> None:
    """Refuse ``-o`` naming a link to nothing: every command's write would create the link's
    target, wherever it points (a planted ``~/.bash_login`` that does not exist yet)."""
    if output.is_symlink() and not output.exists():
        raise UsageError(
            _(
                "{path} is a link to {target}, which is not there: a write would create it; "
                "name another file with -o"
            ).format(path=output, target=os.readlink(output))
        )


def emit(text: str, output: str | None) -> int:
    """Print ``text``, or write it to ``output`` and say so; never through a link to nothing."""
    if output is None:
        sys.stdout.write(text)
    else:
        refuse_dangling_link(Path(output))
        atomic_write(output, text)
        print(_("wrote {path}").format(path=output))
    return ExitCode.OK
