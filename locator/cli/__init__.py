"""The `locator` command line.

The parser (:mod:`locator.cli.parser`) is built from one module per subcommand, each adding its
own options; what a command needs to run (the registry loader, pydantic, numpy, geopy, folium,
Qt) it imports when it runs, so that ``locator --help`` answers at once.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence

from locator.cli import gui, self_test
from locator.cli.parser import build_parser
from locator.errors import ExitCode, LocatorError
from locator.i18n import LANGUAGES, PSEUDO_LANGUAGE, _, set_language
from locator.terminal import VisibleControls, one_line


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    What it prints shows control characters as text (``locator.terminal``): names and answers
    come from files and servers, and must not drive the terminal.
    """
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleControls(sys.stdout), VisibleControls(sys.stderr)
    try:
        return _run(argv)
    except BrokenPipeError:  # `locator geocode - < big.txt | head -1`: the reader has gone
        _silence_stdout()
        return ExitCode.BROKEN_PIPE
    finally:
        sys.stdout, sys.stderr = saved


def _run(argv: Sequence[str] | None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    asked = _language_asked(given)
    spoken = set_language(asked)  # --help speaks it too
    parser = build_parser()
    misplaced = _language_after_the_command(given)
    if misplaced is not None:
        parser.error(
            _("--lang goes before the command: locator --lang {code} {command} …").format(
                code=misplaced[1], command=misplaced[0]
            )
        )
    args = parser.parse_args(argv)
    if asked is not None and spoken != _base_language(asked):
        codes = sorted(LANGUAGES)
        print(
            _(
                "locator: “{code}” is not a language locator speaks ({known}); it answers in "
                "{language}."
            ).format(
                code=one_line(asked),
                known=_("{words} or {last}").format(words=", ".join(codes[:-1]), last=codes[-1]),
                language=LANGUAGES[spoken],
            ),
            file=sys.stderr,
        )
    import logging  # after --help, which answers without it

    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="locator: %(message)s",  # as locator's other sentences: no English level word
        stream=sys.stderr,
        force=True,
    )
    run: Callable[[argparse.Namespace], int] = getattr(args, "run", gui.run)
    if args.self_test:
        run = self_test.run
    try:
        return run(args)
    except BrokenPipeError:
        raise
    except LocatorError as error:
        from locator.cli.output import said_error

        print(_("locator: {error}").format(error=said_error(error)), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last line of defence: a sentence, never a traceback
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        print(
            _(
                "locator: unexpected error ({error}); run again with --debug and report what "
                "it prints"
            ).format(error=f"{type(error).__name__}: {error}"),
            file=sys.stderr,
        )
        return ExitCode.INVALID_REGISTRY


def _language_asked(argv: Sequence[str]) -> str | None:
    """The ``--lang`` given before the command (``locator --lang es nearest …``); after it,
    options are the command's own."""
    for index, arg in enumerate(argv):
        if arg == "--lang":
            return argv[index + 1] if index + 1 < len(argv) else None
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if not arg.startswith("-"):
            return None
    return None


def _base_language(code: str) -> str:
    """ "es" of "es_US" or "es-MX", as ``set_language`` reads a code."""
    return code.split("_")[0].split("-")[0].lower()


def _language_after_the_command(argv: Sequence[str]) -> tuple[str, str] | None:
    """The command and the language code of a ``--lang en``/``es`` put after the command,
    where it is no option of the program's (``nearest`` reads ``--lang`` as its filter
    ``--language``, whose values are language names, never a code)."""
    given = list(argv)
    where = 0
    while where < len(given) and given[where].startswith("-"):
        where += 2 if given[where] == "--lang" else 1  # the program's one option with a value
    if where >= len(given):
        return None
    command, after = given[where], given[where + 1 :]
    for index, arg in enumerate(after):
        code = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(after):
            code = after[index + 1]
        if code is not None and _base_language(code) in (*LANGUAGES, PSEUDO_LANGUAGE):
            return command, code
    return None


def _silence_stdout() -> None:
    """Point standard output at the null device, so that flushing it at exit raises nothing
    (the Python documentation's advice for SIGPIPE)."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.__stdout__.fileno() if sys.__stdout__ else 1)
