"""`locator geocode`: where a place is, one query or one per line of standard input."""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from locator.cli.arguments import Subcommands
from locator.errors import ExitCode, GeocodingUnavailableError, PlaceNotFoundError
from locator.i18n import _, number, pgettext
from locator.terminal import VisibleControls

if TYPE_CHECKING:
    from locator.geo.service import Geocoding


def add_parser(commands: Subcommands) -> None:
    """Add `geocode` to ``commands``."""
    parser = commands.add_parser(
        "geocode",
        help=_("find where a place is: a ZIP code, 'City, ST', a state or a street address"),
        description=_(
            "Geocode a place. Offline by default: ZIP codes, cities, states and misspellings "
            "resolve from data shipped with locator, and street addresses are placed at their "
            "ZIP code or city. With --online, street addresses go to an online geocoder "
            "(Nominatim unless configured otherwise). QUERY '-' reads one query per line from "
            "standard input and prints one JSON object per line. Exit 3 when nothing "
            "matches, 4 when the online service fails and there is no offline answer."
        ),
    )
    parser.add_argument(
        "query", metavar="QUERY", help=_("what to look up, or - for standard input")
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--offline", action="store_true", help=_("never use the network (default)"))
    where.add_argument("--online", action="store_true", help=_("allow an online lookup"))
    parser.add_argument("--all", action="store_true", help=_("every match, best first"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.add_argument(
        "--suggest",
        action="store_true",
        help=_(
            "with -, say 'did you mean' for each line that names no place (a single QUERY "
            "always does; in a batch it is slower)"
        ),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Look QUERY up (or each line of standard input) and print the answer."""
    import json

    from locator.cli.places import geocoding as geocoding_for
    from locator.geo.index import index_path

    geocoding = geocoding_for(args)
    if not os.path.lexists(index_path()):  # a file or a link in its way is refused, never built
        print(
            _("building the offline place index (once; it takes a few seconds)…"),
            file=sys.stderr,
        )
    if args.query == "-":
        progress = _Progress() if sys.stderr.isatty() else None
        if isinstance(sys.stdin, io.TextIOWrapper):  # a byte that is not text: a stand-in
            sys.stdin.reconfigure(errors="surrogateescape")
        for query, length in batch_lines(sys.stdin):
            if not query.strip():
                continue
            answer: object
            if (stray := _STAND_IN.search(query)) is not None:
                answer = {"query": _readable(query), "error": _not_text(stray.group())}
            else:
                answer = _batch_answer(geocoding, query, length, args)
            print(json.dumps(answer, ensure_ascii=False), flush=True)
            if progress is not None:
                progress.step()
        if progress is not None:
            progress.done()
        return ExitCode.OK
    places = geocoding.lookup(args.query)
    shown = places if args.all else places[:1]
    if args.json:
        data = [p.as_json() for p in shown] if args.all else shown[0].as_json()
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return ExitCode.OK
    for place in shown:
        print(
            f"{place.label}  {place.latitude:.5f}, {place.longitude:.5f}  "
            f"({place.precision.label}, {_source_words(place.source)})"
        )
        if place.note:
            print("  " + _("note: {note}").format(note=place.note))
    return ExitCode.OK


def _batch_answer(
    geocoding: Geocoding, query: str, length: int, args: argparse.Namespace
) -> object:
    """The JSON of one line of a batch: its place (or places), or why there is none."""
    try:
        if length > len(query):  # only its start was read
            raise PlaceNotFoundError(query, None, too_long=True, length=length)
        places = geocoding.lookup(query, suggest=args.suggest)
    except (PlaceNotFoundError, GeocodingUnavailableError) as error:
        return {"query": query, "error": str(error)}
    return [p.as_json() for p in places] if args.all else places[0].as_json()


def batch_lines(stream: TextIO, limit: int | None = None) -> Iterator[tuple[str, int]]:
    """Each line of ``stream`` without its end, with its length: a line longer than ``limit``
    (a place never is; None: the longest a search reads) is given cut to ``limit`` characters
    and "…", and the rest of it is skipped in bounded pieces, so that a line without end
    (``/dev/zero``) never fills memory."""
    if limit is None:
        from locator.geo.place import MAX_QUERY_LENGTH  # not for `locator --help`

        limit = MAX_QUERY_LENGTH
    while line := stream.readline(limit + 2):  # room for "\r\n" after a full line
        if line.endswith("\n") or len(line) <= limit + 1:  # all of it, or the last line
            text = line.rstrip("\r\n")
            yield text, len(text)
            continue
        start, length = line[:limit] + "…", len(line)
        while not line.endswith("\n") and (line := stream.readline(_SKIPPED_PIECE)):
            length += len(line)
        yield start, length - (len(line) - len(line.rstrip("\r\n")))


_SKIPPED_PIECE = 1 << 16  # characters of an over-long line read at a time, to be skipped
_STAND_IN = re.compile("[\udc80-\udcff]")  # a byte that is not text, as surrogateescape reads it


def _readable(query: str) -> str:
    """``query`` with each byte that is not text shown as U+FFFD: JSON would carry the
    stand-in, a lone surrogate, that no reader of text takes."""
    return query.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _not_text(stand_in: str) -> str:
    return _("byte 0x{byte:02x} is not UTF-8 text; save the file as UTF-8").format(
        byte=ord(stand_in) - 0xDC00
    )


def _source_words(source: str) -> str:
    """Where a place came from, for people: the offline gazetteer in the reader's language, an
    online service by its own name."""
    from locator.geo.place import OFFLINE

    return pgettext("place source", "offline") if source == OFFLINE else source


class _Progress:
    """A line on standard error (a terminal) that counts a long batch as it goes: quiet for
    the first two seconds, then updated at most twice a second."""

    def __init__(self) -> None:
        self.count = 0
        self.started = time.monotonic()
        self.shown = self.started + 1.5  # the first line at 2 s
        stream = sys.stderr
        self.write = stream.write_own if isinstance(stream, VisibleControls) else stream.write

    def step(self) -> None:
        self.count += 1
        now = time.monotonic()
        if now - self.shown >= 0.5:
            self.shown = now
            rate = self.count / (now - self.started)
            self.write(
                "\r"
                + _("geocoded {count} lines ({rate}/s)…").format(
                    count=number(self.count), rate=number(rate)
                )
            )

    def done(self) -> None:
        if self.shown > self.started + 1.5:  # a line was shown: finish it
            self.write("\r" + _("geocoded {count} lines.").format(count=number(self.count)))
            self.write(" " * 12 + "\n")
