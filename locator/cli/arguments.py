"""What the subcommand modules share to declare their options: the subcommand list's type and
argparse value types that refuse in the reader's language (argparse names the type)."""

from __future__ import annotations

import argparse
import math
from typing import TypeAlias

from locator.i18n import _
from locator.terminal import one_line

# What ``ArgumentParser.add_subparsers`` returns; argparse names its class privately.
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def whole(text: str) -> int:
    """argparse's ``type=int``, refusing in the reader's language (argparse names the type)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a whole number").format(value=one_line(text))
        ) from None


def number(text: str) -> float:
    """argparse's ``type=float``, refusing in the reader's language, and refusing "nan" and
    "inf" (or a number too large to hold, "1e309") too: no distance is measured by them."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if math.isnan(value):
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a number").format(value=one_line(text))
        )
    if math.isinf(value):  # "inf", or too large for a float ("1e309")
        raise argparse.ArgumentTypeError(
            _("“{value}” is too large: give a finite number").format(value=one_line(text))
        )
    return value
