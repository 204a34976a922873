"""Reading an HSDS file: JSON (a service, a list of them, a page of the HSDS API, a service
at a location, an organization with its services) or a tabular package (a folder or a zip of
CSV files), checked against the vendored HSDS 3.0 schemas.

Every problem is found in one pass and named where it is: ``file: /json/pointer: message`` or
``file.csv row:column: message``; a file with any is not imported at all. Past
:data:`MAX_PROBLEMS` reading stops: a megabyte of blank rows, or a small zip inflating to
hundreds of them, is refused in about a second, a zip's tables read as they are parsed rather
than inflated whole.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import os
import re
import stat
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any, TypeAlias

import ijson

from locator import json_text
from locator.errors import LocatorError, os_reason
from locator.files import (
    MAX_DOCUMENT_BYTES,
    ZIP_START,
    FileTooLargeError,
    csv_rows,
    read_regular,
)
from locator.hsds import schema
from locator.hsds.tabular import DESCRIPTION, assemble, unheld, unlinked
from locator.i18n import N_, _, megabytes, ngettext, number, pgettext
from locator.progress import Counted, uncounted
from locator.spreadsheet import spreadsheet_text
from locator.terminal import one_line

MAX_BYTES = MAX_DOCUMENT_BYTES  # the most of an HSDS file (or of a package's CSVs together) read
# The most of a JSON list of services (or a page of them) read as a stream, a service at a
# time, in bounded memory: locator's own export of 100,000 clinics is about 1.9 GB, and this
# leaves it room to double. What is held whole (a package, a single service) stays in MAX_BYTES.
MAX_STREAMED_BYTES = 4 * 1024 * 1024 * 1024
MAX_PROBLEMS = 1_000  # problems found before reading stops
_LISTED = 20  # problems named before the rest are counted
# A CSV number as Table Schema writes one (finite: NaN and INF would not survive the YAML).
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
_DIGITS = 100  # the longest number read, as a registry holds none longer
# A byte that is not UTF-8, as surrogateescape reads it.
_STAND_IN = re.compile("[\udc80-\udcff]")

_Stream: TypeAlias = "io.BytesIO | io.BufferedReader[_Counted]"  # read as it is parsed
_Csv: TypeAlias = "tuple[str, _Stream]"  # a table's file name and its bytes


class HsdsError(LocatorError):
    """An HSDS file that cannot be imported: every problem found, each where it is; or, when
    ``stopped``, the first :data:`MAX_PROBLEMS` of them, reading having stopped there. When
    ``nothing``, the file is not wrong but holds nothing to import (organizations with no
    services, services all left out): ``problems`` are the findings that say why."""

    def __init__(
        self, problems: list[str], *, stopped: bool = False, nothing: bool = False
    ) -> None:
        self.problems = problems
        self.stopped = stopped
        self.nothing = nothing
        shown = problems[:_LISTED]
        more = len(problems) - len(shown)
        if stopped:
            shown.append(
                _("… more than {count} problems; stopping here").format(count=number(MAX_PROBLEMS))
            )
        elif more:
            shown.append(
                ngettext("… and {count} more problem", "… and {count} more problems", more).format(
                    count=number(more)
                )
            )
        super().__init__("\n".join(shown))


@dataclass(frozen=True)
class HsdsFile:
    """The services of an HSDS file, each with what it links to inline, and where each is in
    the file (``origins``: "services.json: /contents/3", "services.csv row 5"), to name a
    service in a sentence about it."""

    path: Path
    services: list[dict[str, Any]]
    origins: list[str]
    # a package's attribute and metadata rows that describe nothing in it ("attributes.csv
    # row 2"): no service holds them, so the report names them
    unlinked: list[str] = field(default_factory=list)


def source_of(chosen: Path) -> Path:
    """What is imported when ``chosen`` is picked: a package's folder for its
    ``datapackage.json`` (how a file dialog or a shell names a package), else ``chosen``."""
    return chosen.parent if chosen.name == DESCRIPTION else chosen


def read(path: Path, step: Counted = uncounted) -> HsdsFile:
    """The services in the HSDS file or package at ``path``; raises :class:`HsdsError` with
    every problem when it is not valid HSDS 3.0. ``step(done, total)`` hears of each JSON
    service before it is checked against the schemas. Every file is read through
    :func:`locator.files.read_regular`: a pipe or a device is refused before anything waits
    on it, and no more than :data:`MAX_BYTES` of a file (or of a zip's member) is read."""
    if path.is_dir():
        tables = dict(_folder_tables(path))
        return _package_file(path, tables)
    data = _bounded(path, path.name)
    if data.startswith(ZIP_START) and not zipfile.is_zipfile(io.BytesIO(data)):
        message = _(
            "{file} is a damaged zip (its end is missing: a download or a copy stopped "
            "early). Make the zip again"
        )
        raise HsdsError([message.format(file=path.name)])
    if zipfile.is_zipfile(io.BytesIO(data)):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return _package_file(path, dict(_zip_tables(archive)))
        except _DamagedMemberError as error:
            raise HsdsError([_damaged(path, error)]) from None
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            NotImplementedError,
            RuntimeError,
        ) as error:
            message = _("{file}: a damaged or unreadable zip ({reason})")
            raise HsdsError([message.format(file=path.name, reason=_zip_reason(error))]) from None
    services, pointer = _json(path.name, data, step)
    origins = (
        [f"{path.name}: /"]
        if pointer is None
        else [f"{path.name}: {pointer}/{index}" for index in range(len(services))]
    )
    return HsdsFile(path, services, origins)


def _zip_reason(error: Exception) -> str:
    """Why a zip cannot be read, in locator's words (zipfile's and zlib's are English and
    name their internals: "Error -3 while decompressing data")."""
    if isinstance(error, NotImplementedError):
        return _("it is packed in a way locator cannot unpack; make it again with plain Deflate")
    if isinstance(error, RuntimeError):
        return _("it is locked with a password; make it again without one")
    return _("it is cut short or its bytes were changed; make the zip again")


def _damaged(path: Path, error: _DamagedMemberError) -> str:
    """Why a member of the zip at ``path`` cannot be read back."""
    if error.checksum:
        return _(
            "{file}: {member} is damaged inside the zip: its check sum does not match what it "
            "holds (the zip was changed). Make the zip again"
        ).format(file=path.name, member=error.member)
    return _(
        "{file}: {member} is damaged inside the zip after {count} bytes: its packed data "
        "cannot be read back (the zip was cut short or changed). Make the zip again"
    ).format(file=path.name, member=error.member, count=number(error.count))


class _DamagedMemberError(Exception):
    """A zip member whose packed data stops reading back ``count`` bytes in, or (``checksum``)
    reads back whole but not as it was packed: the count then says nothing."""

    def __init__(self, member: str, count: int, *, checksum: bool = False) -> None:
        super().__init__(member, count)
        self.member, self.count, self.checksum = member, count, checksum


def _package_file(path: Path, tables: Mapping[str, _Csv]) -> HsdsFile:
    """The services of a package, each named by its row of services.csv (the header row 1)."""
    services, unlinked = _package(tables)
    file = tables["service"][0]
    origins = [_at_row(file, row) for row in range(2, len(services) + 2)]
    return HsdsFile(path, services, origins, unlinked)


def _bounded(path: Path, name: str, limit: int | None = None) -> bytes:
    """The bytes of the plain file at ``path`` (``name`` in sentences), at most ``limit``
    (what the package's other tables left of :data:`MAX_BYTES`, else all of it); what keeps
    it from being read is a problem with ``name``."""
    try:
        return read_regular(path, MAX_BYTES if limit is None else limit)
    except FileTooLargeError as error:
        raise _over(name, error.size) from None
    except OSError as error:
        raise HsdsError([f"{name}: {os_reason(error)}"]) from None


def _over(name: str, size: int) -> HsdsError:
    """The problem of a table of ``size`` bytes past what is left to read: too large alone,
    or with the tables read before it (a package is held whole while it is assembled)."""
    if size > MAX_BYTES:
        return _too_large(name, size)
    return HsdsError(
        [
            _("{file}: with the package's other tables it passes {limit} MB, the most read").format(
                file=name, limit=megabytes(MAX_BYTES)
            )
        ]
    )


def _too_large(name: str, size: int) -> HsdsError:
    """A file past what is held whole: past what is streamed too, or not one to stream."""
    if size > MAX_STREAMED_BYTES:
        said = _("{file}: it is {size} MB; an HSDS file may be at most {limit} MB").format(
            file=name, size=megabytes(size), limit=megabytes(MAX_STREAMED_BYTES)
        )
    else:
        said = _(
            "{file}: it is {size} MB; past {limit} MB, an HSDS file is read only as a JSON "
            "list of services (or a page of them) read a service at a time, and this one "
            "cannot be read so"
        ).format(file=name, size=megabytes(size), limit=megabytes(MAX_BYTES))
    return HsdsError([said])


def _json(name: str, data: bytes, step: Counted) -> tuple[list[dict[str, Any]], str | None]:
    """The services of an HSDS JSON file and the pointer to their list (None: it is one)."""
    try:
        loaded = json_text.loads(data, parse_constant=_no_constant)
    except json_text.JsonTextError as error:  # a name twice, text that is not text: where
        raise HsdsError([f"{name}: {error}"]) from None
    except (ValueError, RecursionError) as error:  # not JSON (UnicodeDecodeError is one)
        raise HsdsError([_not_json(name, data, error)]) from None
    found, pointer = _services_in(loaded)
    if found is None or not any(_is_service(item) for item in found):
        other = _other_objects(loaded if found is None else found, single=found is None)
        if other is not None:
            raise HsdsError([f"{name}: {other}"], nothing=True)
    if found is None:
        raise HsdsError(
            [
                _(
                    "{file}: /: not HSDS services: expected a service, a list of services, a "
                    "page with contents, or an organization with services"
                ).format(file=name)
            ]
        )
    problems = list(
        islice(
            (
                f"{name}: {pointer}/{index}{_pointer(error.absolute_path)}: {schema_problem(error)}"
                if pointer is not None
                else f"{name}: {_pointer(error.absolute_path) or '/'}: {schema_problem(error)}"
                for index, service in enumerate(found)
                for error in _checked(service, index, len(found), step)
            ),
            MAX_PROBLEMS + 1,
        )
    )
    if problems:
        raise HsdsError(problems[:MAX_PROBLEMS], stopped=len(problems) > MAX_PROBLEMS)
    return found, pointer


_LONGEST_NUMBER = re.compile(rb"\d{%d,}" % (sys.get_int_max_str_digits() + 1))
_NESTING = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')  # a string (skipped), or a bracket
_DEEPEST = 500  # levels of nesting said to be too deep: Python's reader stops at about 900


def _not_json(name: str, data: bytes, error: Exception) -> str:
    """Why ``data`` is not JSON, with where: Python's own words for a number too long for it
    or nesting too deep name its internals ("sys.set_int_max_str_digits", "maximum recursion
    depth"), so those two are said in plain words, at their line and column."""
    if isinstance(error, RecursionError):
        depth, offset = 0, 0
        for found in _NESTING.finditer(data):
            bracket = found.group()
            depth += 1 if bracket in (b"[", b"{") else -1 if bracket in (b"]", b"}") else 0
            if depth > _DEEPEST:
                offset = found.start()
                break
        return _(
            "{file} {where}: nested more than {depth} levels deep, deeper than locator reads"
        ).format(file=name, where=_line_and_column(data, offset), depth=_DEEPEST)
    number = _LONGEST_NUMBER.search(data) if not isinstance(error, json.JSONDecodeError) else None
    if number is not None:
        return _("{file} {where}: a number of {digits} digits, longer than locator reads").format(
            file=name, where=_line_and_column(data, number.start()), digits=len(number.group())
        )
    if isinstance(error, json.JSONDecodeError):
        said = next((_(ours) for theirs, ours in _JSON_WORDS if error.msg == theirs), None)
        where = _("line {line}, column {column}").format(line=error.lineno, column=error.colno)
        return _("{file} {where}: not JSON: {reason}").format(
            file=name, where=where, reason=said or error.msg
        )
    if isinstance(error, UnicodeDecodeError):
        return _("{file} {where}: not JSON: not UTF-8 text").format(
            file=name, where=_line_and_column(data, error.start)
        )
    return _("{file}: not JSON: {reason}").format(file=name, reason=error)


# Python's JSON reader's words (always English), and locator's for each, translated when said.
_JSON_WORDS = (
    ("Expecting value", N_("a value is missing, or is not one JSON has")),
    ("Expecting property name enclosed in double quotes", N_("a name in double quotes is due")),
    ("Expecting ':' delimiter", N_("a ':' is due after the name")),
    ("Expecting ',' delimiter", N_("a ',' is due between two values")),
    ("Unterminated string starting at", N_("a text starts here and never ends")),
    ("Invalid control character at", N_("a control character inside a text")),
    ("Invalid \\escape", N_("a backslash that starts no escape JSON has")),
    ("Invalid \\uXXXX escape", N_("a \\u escape without four hexadecimal digits")),
    ("Extra data", N_("more follows the end of the JSON document")),
    ("Illegal trailing comma before end of object", N_("a ',' before the closing '}'")),
    ("Illegal trailing comma before end of array", N_("a ',' before the closing ']'")),
)


def _line_and_column(data: bytes, offset: int) -> str:
    """ "line 3, column 14" of the byte at ``offset``."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - data.rfind(b"\n", 0, offset)
    return _("line {line}, column {column}").format(line=line, column=column)


def _no_constant(name: str) -> Any:
    """JSON has no NaN or Infinity (Python's reader takes them): one is not a number."""
    raise ValueError(_("{name} is not a number JSON allows").format(name=name))


def _is_service(item: Any) -> bool:
    return isinstance(item, dict) and any(
        key in item for key in ("status", "service_at_locations", "service")
    )


# What a JSON file of HSDS objects other than services is, said as "nothing to import":
# (the object's schema, the sentence for one, the sentence for a page or list of them).
_OTHER_OBJECTS = (
    (
        "organization",
        N_("an organization with no services: nothing to import"),
        N_("a page of organizations with no services: nothing to import"),
    ),
    (
        "location",
        N_("a location with no services: nothing to import"),
        N_("a page of locations with no services: nothing to import"),
    ),
    (
        "taxonomy_term",
        N_("a taxonomy term, not services: nothing to import"),
        N_("a page of taxonomy terms, not services: nothing to import"),
    ),
    (
        "taxonomy",
        N_("a taxonomy, not services: nothing to import"),
        N_("a page of taxonomies, not services: nothing to import"),
    ),
)


def _other_objects(found: Any, *, single: bool) -> str | None:
    """What the file holds in words, when it is HSDS objects of one kind that are not
    services (the specification's organization_list.json), else None."""
    items = [found] if single else found
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    service = set(schema.object_schema("service")["properties"])
    for name, one, page in _OTHER_OBJECTS:
        own = set(schema.object_schema(name)["properties"])
        if all(
            item.keys() <= own  # nothing such an object does not have
            and item.keys() & (own - service)  # and something a service does not
            and not any(schema.errors(item, name))
            for item in items
        ):
            return _(one if single else page)
    return None


# JSON's kinds of value as a sentence names them ("expected text, found an object").
_KINDS = {
    "string": N_("text"),
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "boolean": N_("true or false"),
    "object": N_("an object"),
    "array": N_("a list"),
    "null": N_("null"),
}
_SHOWN = 60  # characters of a value a sentence repeats


def schema_problem(error: Any) -> str:
    """A JSON Schema ``error`` (jsonschema's ValidationError, whose own message is English
    and written in Python's terms: "{'a': 1} is not of type 'string'") as a sentence in
    locator's words and the reader's language; where it is, the caller says."""
    value, limit = error.instance, error.validator_value
    if error.validator == "type":
        return _not_of_kind([limit] if isinstance(limit, str) else list(limit), value)
    if error.validator == "enum":
        return _not_one_of(limit, value)
    if error.validator == "required":  # one error per property missing, named in its message
        return _required(_missing(error))
    return _("{found} is not what HSDS allows here (its “{check}” check)").format(
        found=_found(value), check=error.validator
    )


def _not_of_kind(kinds: list[str], value: Any) -> str:
    """ "expected text, found an object"; of two kinds or more, "expected text or null"."""
    named = [_(_KINDS[kind]) if kind in _KINDS else kind for kind in kinds]
    expected = named[0]
    if len(named) > 1:
        expected = _("{kinds} or {last}").format(kinds=", ".join(named[:-1]), last=named[-1])
    return _("expected {expected}, found {found}").format(expected=expected, found=_found(value))


def _not_one_of(allowed: Iterable[Any], value: Any) -> str:
    return _("expected one of {allowed}; found {found}").format(
        allowed=", ".join(_cut(str(item)) for item in allowed), found=_found(value)
    )


def _required(name: str) -> str:
    return _("“{name}” is missing; HSDS requires it").format(name=name)


def _missing(error: Any) -> str:
    """The property a "required" error is about: of those the schema requires, the one its
    message names (as Python writes it: "'name' is a required property")."""
    required = error.validator_value
    return next(
        (name for name in required if f"{name!r} is a required property" == error.message),
        str(error.message),
    )


def _found(value: Any) -> str:
    """What was found, as a sentence says it: the text “open”, the number 12, an object."""
    if isinstance(value, str):
        return _("the text “{text}”").format(text=_named(value))
    if isinstance(value, bool) or value is None:
        # true, false, null: as JSON writes them, in a phrase ("el valor null" in Spanish)
        return pgettext("a JSON value found: true, false or null", "{value}").format(
            value=json.dumps(value)
        )
    if isinstance(value, int | float):
        return _("the number {number}").format(number=_cut(json.dumps(value)))
    if isinstance(value, dict):
        return _(_KINDS["object"])
    if isinstance(value, list):
        return _(_KINDS["array"])
    return _cut(str(value))


def _checked(service: Any, index: int, total: int, step: Counted) -> Iterator[Any]:
    """The schema errors of the ``index``-th service of ``total``, once ``step`` heard of it."""
    step(index, total)
    yield from schema.errors(service)


def _services_in(loaded: Any) -> tuple[list[dict[str, Any]] | None, str | None]:
    """The services in a loaded JSON document and the pointer to their list (None: the
    document is one service)."""
    if isinstance(loaded, list):
        return [_as_service(item) for item in loaded], ""
    if not isinstance(loaded, dict):
        return None, None
    if isinstance(loaded.get("contents"), list):
        return [_as_service(item) for item in loaded["contents"]], "/contents"
    if isinstance(loaded.get("services"), list):  # an organization with its services
        organization = {k: v for k, v in loaded.items() if k != "services"}
        services = [
            {**item, "organization": organization} if isinstance(item, dict) else item
            for item in loaded["services"]
        ]
        return services, "/services"
    if "status" in loaded or "service_at_locations" in loaded or "service" in loaded:
        return [_as_service(loaded)], None
    return None, None


def _as_service(item: Any) -> Any:
    """A service at a location (with its ``service`` inline, as the HSDS API gives it) as
    that service at that one location; anything else as it is."""
    if isinstance(item, dict) and isinstance(item.get("service"), dict):
        at_location = {key: value for key, value in item.items() if key != "service"}
        return {**item["service"], "service_at_locations": [at_location]}
    return item


def _pointer(path: Any) -> str:
    return "".join(f"/{str(part).replace('~', '~0').replace('/', '~1')}" for part in path)


def _folder_tables(folder: Path) -> Iterator[tuple[str, _Csv]]:
    """Each table of the package folder; a table that is a link leading out of the folder
    (a package from elsewhere can carry one, to ``~/.ssh/id_rsa``) is refused, never read,
    and where it leads is not said. A link to another file in the package is read."""
    left = MAX_BYTES
    inside = os.path.realpath(folder)
    for table in schema.resources():
        path = folder / table["path"]
        if os.path.lexists(path):  # a pipe, a device or a link to nothing is a problem too
            if not _within(path, inside):
                raise HsdsError(
                    [
                        _(
                            "{file}: a link to a file outside the package; it was not read. "
                            "Put the table itself in the package's folder"
                        ).format(file=table["path"])
                    ]
                )
            data = _bounded(path, table["path"], left)
            left -= len(data)
            yield table["name"], (table["path"], io.BytesIO(data))


def _within(path: Path, folder: str) -> bool:
    """True when ``path``, its links followed, is in ``folder`` or a folder inside it."""
    return os.path.commonpath([os.path.realpath(path), folder]) == folder


def _zip_tables(archive: zipfile.ZipFile) -> Iterator[tuple[str, _Csv]]:
    """Each table's member, read as it is parsed: a member inflating to far more than it
    takes is never held whole, and what all of them inflate to is kept within MAX_BYTES. A
    table the zip holds twice (the same name in two places, or twice in one) is refused:
    which of them is the package's cannot be known, and another tool may read the other."""
    by_name: dict[str, list[zipfile.ZipInfo]] = {}
    for info in archive.infolist():
        if not info.is_dir():
            by_name.setdefault(Path(info.filename).name, []).append(info)
    budget = [MAX_BYTES]  # what is left for the tables together, shared by their readers
    stated = 0
    for table in schema.resources():
        found = by_name.get(table["path"], [])
        if len(found) > 1:
            raise HsdsError(
                [
                    _(
                        "{file}: the zip holds it twice ({first} and {second}); which is the "
                        "package's table is not known. Keep one"
                    ).format(
                        file=table["path"],
                        first=one_line(found[0].filename),
                        second=one_line(found[1].filename),
                    )
                ]
            )
        for info in found:
            stated += info.file_size
            if stated > MAX_BYTES:
                raise _over(table["path"], info.file_size)
            member = archive.open(info)  # its stated size may be a lie: the reader counts
            counted = io.BufferedReader(_Counted(member, table["path"], budget))
            yield table["name"], (table["path"], counted)


class _Counted(io.RawIOBase):
    """A zip member that raises the package's "too large" problem once the tables together
    have inflated past :data:`MAX_BYTES`, whatever the members said their sizes were."""

    def __init__(self, member: IO[bytes], file: str, budget: list[int]) -> None:
        super().__init__()
        self._member, self._file, self._budget, self._read = member, file, budget, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._member.read(len(buffer))
        except (zlib.error, zipfile.BadZipFile, EOFError) as error:  # bad packing or checksum
            checksum = str(error).startswith("Bad CRC-32")  # read whole, but not as packed
            raise _DamagedMemberError(self._file, self._read, checksum=checksum) from None
        buffer[: len(data)] = data
        self._read += len(data)
        self._budget[0] -= len(data)
        if self._budget[0] < 0:
            raise _over(self._file, self._read)
        return len(data)


class _TooManyProblemsError(Exception):
    """Past MAX_PROBLEMS: reading stops."""


class _Problems(list[str]):
    """The problems found so far; one past :data:`MAX_PROBLEMS` stops the reading."""

    def append(self, problem: str) -> None:
        if len(self) >= MAX_PROBLEMS:
            raise _TooManyProblemsError
        super().append(problem)


def _package(files: Mapping[str, _Csv]) -> tuple[list[dict[str, Any]], list[str]]:
    """The services of a package's files, and its rows that link to nothing in it."""
    if "service" not in files:
        raise HsdsError([_("services.csv: not found: an HSDS package lists its services there")])
    problems = _Problems()
    try:
        tables = {name: _table(name, *file, problems) for name, file in files.items()}
    except _TooManyProblemsError:
        raise HsdsError(problems, stopped=True) from None
    if problems:
        raise HsdsError(problems)
    paths = {name: file[0] for name, file in files.items()}
    services = assemble(tables)
    linking = list(unlinked(tables))
    rows = [*linking, *(found for found in unheld(tables, services) if found not in linking)]
    return services, [_at_row(paths[name], row) for name, row in rows]


def _table(name: str, file: str, data: _Stream, problems: list[str]) -> list[dict[str, Any]]:
    """The rows of one CSV file, typed by its Table Schema; what does not fit is a problem
    at its row (counting the header as row 1) and column."""
    fields = {field["name"]: field for field in schema.resource(name)["schema"]["fields"]}
    # a byte that is not UTF-8 read as a stand-in, named at its row and column by _records
    text = io.TextIOWrapper(data, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = _records(text, file, problems)
    header = next(reader, [])
    unknown = [column for column in header if column not in fields]
    for column in unknown:
        problems.append(
            _("{file} row 1:{column}: “{name}” is not a column of {table}").format(
                file=file, column=header.index(column) + 1, name=_named(column), table=file
            )
        )
    for position, column in enumerate(header, start=1):
        if column in header[: position - 1]:  # csv reads the row's cells by their place
            problems.append(
                _("{file} row 1:{column}: the column “{name}” is given twice").format(
                    file=file, column=position, name=_named(column)
                )
            )
    missing = [
        name
        for name, field in fields.items()
        if field.get("constraints", {}).get("required") and name not in header
    ]
    for column in missing:
        problems.append(
            _("{file} row 1: the required column “{name}” is missing").format(
                file=file, name=column
            )
        )
    found = []
    rows_of: dict[str, int] = {}  # each id's row: an id is a table's primary key
    for line, cells in enumerate(reader, start=2):
        row: dict[str, Any] = {}
        for position, (column, cell) in enumerate(zip(header, cells, strict=False), start=1):
            field = fields.get(column)
            if field is None:
                continue
            problem = _cell(field, cell)
            if isinstance(problem, str):
                problems.append(_at_row(file, line, position, problem))
            elif problem is not None and column == "id" and cell in rows_of:
                problems.append(
                    _("{file} row {row}:{column}: the id “{id}” is already row {first}'s").format(
                        file=file, row=line, column=position, id=_named(cell), first=rows_of[cell]
                    )
                )
            elif problem is not None:
                if column == "id":
                    rows_of[cell] = line
                row[column] = problem[0]
        for column in header[len(cells) :]:
            if fields.get(column, {}).get("constraints", {}).get("required"):
                problems.append(_at_row(file, line, header.index(column) + 1, _required(column)))
        found.append(row)
    return found


def _at_row(file: str, row: int, column: int | None = None, problem: str = "") -> str:
    """Where in a CSV file, "services.csv row 5:9: …" ("fila" in Spanish, as every sentence
    that names a row says it)."""
    if column is None:
        return _("{file} row {row}").format(file=file, row=row)
    return _("{file} row {row}:{column}: {problem}").format(
        file=file, row=row, column=column, problem=problem
    )


def _records(text: Iterable[str], file: str, problems: list[str]) -> Iterator[list[str]]:
    """The CSV records of ``text``, a cell as long as the file (:func:`csv_rows`); one that
    cannot be read as CSV (a quotation mark never closed) is a problem at its row, and ends it;
    the first cell holding a byte that is not UTF-8 (read as its stand-in, a lone surrogate:
    a file saved as Latin-1) is one problem at its row and column, and the rest is read."""
    read = 0
    clean = True  # no byte that is not UTF-8 seen yet: one such problem per file
    try:
        for cells in csv_rows(text):
            read += 1
            if clean and not all(cell.isascii() for cell in cells):
                clean = _utf8(cells, file, read, problems)
            yield cells
    except csv.Error as error:
        problems.append(
            _("{file} row {row}: not readable as CSV ({reason})").format(
                file=file, row=read + 1, reason=error
            )
        )


def _utf8(cells: list[str], file: str, row: int, problems: list[str]) -> bool:
    """Whether ``cells`` are all UTF-8 text; if not, the first byte that is not is a problem
    at its row and column."""
    for column, cell in enumerate(cells, start=1):
        stand_in = _STAND_IN.search(cell)
        if stand_in:
            byte = ord(stand_in.group()) - 0xDC00
            said = _("byte 0x{byte:02x} is not UTF-8 text; save the file as UTF-8")
            problems.append(_at_row(file, row, column, said.format(byte=byte)))
            return False
    return True


def _cell(field: Mapping[str, Any], cell: str) -> tuple[Any] | str | None:
    """A cell's value as its field types it, in a tuple; None when empty and allowed; a
    sentence when it does not fit."""
    constraints = field.get("constraints", {})
    if cell == "":
        if constraints.get("required"):
            return _required(field["name"])
        return None
    if field["type"] == "integer":
        if len(cell) > _DIGITS or not _INTEGER.fullmatch(cell):
            return _not_of_kind(["integer"], cell)
        return (int(cell),)
    if field["type"] == "number":
        number = float(cell) if len(cell) <= _DIGITS and _NUMBER.fullmatch(cell) else math.inf
        if not math.isfinite(number):  # nor "nan", "inf", "1_000" or " 5 ", as float() takes
            return _not_of_kind(["number"], cell)
        return (int(number) if number.is_integer() else number,)
    allowed = constraints.get("enum")
    if allowed and cell not in allowed:
        return _not_one_of(allowed, cell)
    return (spreadsheet_text(cell) if field["type"] == "string" else cell,)


def _cut(cell: str) -> str:
    return cell if len(cell) <= _SHOWN else f"{cell[: _SHOWN - 1]}…"


def _named(text: str) -> str:
    """A column's name or an id from the file, as a sentence quotes it: cut, and on one line
    with its control characters (a newline, a bidirectional override) written as ``\\uXXXX``,
    so that it cannot turn the sentence around or begin a line that reads as locator's."""
    return one_line(_cut(text))


@dataclass(frozen=True)
class Services:
    """The services of an HSDS file (:func:`services_of`), counted and checked, each given
    again with where it is in the file as they are taken: read again from a JSON file, never
    held whole; from a package, let go of as they are taken."""

    path: Path
    count: int
    again: Callable[[], Iterator[tuple[dict[str, Any], str]]]
    unlinked: list[str] = field(default_factory=list)


def services_of(path: Path, step: Counted = uncounted) -> Services:
    """The services of the HSDS file or package at ``path``, checked as :func:`read` checks
    them. A JSON list of services, or a page of them, is read as a stream: once to check
    each service (``step(done, 0)`` hears of each, their number not yet known) and again as
    they are taken, so that a directory of hundreds of megabytes is never held whole (only
    a service at a time). Anything :func:`read` would say more of (JSON that is not, a name
    given twice, half of a UTF-16 pair, a file that is not plain) is read whole by it, and
    said as it says it; so are a single service, an organization with its services, and a
    package."""
    if not path.is_dir():
        streamed = _streamed(path, step)
        if streamed is not None:
            return streamed
    hsds = read(path, step)
    return Services(hsds.path, len(hsds.services), functools.partial(_let_go, hsds), hsds.unlinked)


def _let_go(hsds: HsdsFile) -> Iterator[tuple[dict[str, Any], str]]:
    """Each service of ``hsds`` with its place in the file, let go of as it is taken: an
    import holds a service or its entry, not both. Given once."""
    services, origins = hsds.services, hsds.origins
    services.reverse()
    origins.reverse()
    while services:
        yield services.pop(), origins.pop()


# Where a stream's services are, by the JSON's first character: ijson's prefix, the pointer.
_LISTS = {b"[": ("item", ""), b"{": ("contents.item", "/contents")}
_ESCAPED_HALF = re.compile(rb"\\u[dD][89a-fA-F]")
_CONTENTS = b'"contents"'
_FIRST = re.compile(rb"[ \t\r\n]*(.)", re.DOTALL)
_ESCAPED = re.compile(rb"\\.", re.DOTALL)  # an escape in a string: never its end
_NOT_NESTING = bytes(set(range(256)) - set(b'"[]{}'))  # all but strings' ends and brackets
_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")  # a level in, out: 1 more or less


class _UnstreamedError(Exception):
    """What the whole-file reading reads or says better: the stream gives up."""


def _streamed(path: Path, step: Counted) -> Services | None:
    """The services of a JSON list or page at ``path``, checked as a stream; None where the
    file is read whole instead (see :func:`services_of`). ``step`` is heard outside the
    stream: what it raises (Cancel) stops the reading."""
    problems: list[str] = []
    count = 0
    services = False  # any item a service; else the whole reading says what the file holds
    try:
        with _Scanned(path) as scanned:
            prefix, pointer = _LISTS[scanned.first]
            for service in _items(scanned, prefix, checked=True):
                step(count, 0)
                where = f"{path.name}: {pointer}/{count}"
                errors = islice(schema.errors(service), MAX_PROBLEMS + 1 - len(problems))
                problems.extend(  # past the most said, the rest still read for its JSON
                    f"{where}{_pointer(error.absolute_path)}: {schema_problem(error)}"
                    for error in errors
                )
                services = services or _is_service(service)
                count += 1
            scanned.ended()
            if not services or (pointer and scanned.contents != 1):
                raise _UnstreamedError  # the page's own names are read whole: each once
    except (_UnstreamedError, ijson.JSONError, KeyError, OSError, ValueError, RecursionError):
        return None
    if problems:
        raise HsdsError(problems[:MAX_PROBLEMS], stopped=len(problems) > MAX_PROBLEMS)
    again = functools.partial(_again, path, prefix, pointer, scanned.known, count)
    return Services(path, count, again)


def _items(scanned: _Scanned, prefix: str, *, checked: bool) -> Iterator[Any]:
    """The values at ``prefix`` in the stream, each a service as :func:`_as_service` makes
    it; ``checked``: each object's names are checked as given once."""
    mapping = scanned.once if checked else None
    for item in ijson.items(scanned, prefix, use_float=True, map_type=mapping):
        if checked and scanned.once.repeated:
            raise _UnstreamedError
        yield _as_service(item)


def _again(
    path: Path, prefix: str, pointer: str, known: tuple[int, ...], count: int
) -> Iterator[tuple[dict[str, Any], str]]:
    """The ``count`` services checked at ``path``, read again, each with where it is; the
    file must be as it was (``known``: its size, time and inode)."""
    try:
        with _Scanned(path) as scanned:
            if scanned.known != known:
                raise _UnstreamedError
            index = -1
            for index, service in enumerate(_items(scanned, prefix, checked=False)):
                yield service, f"{path.name}: {pointer}/{index}"
            if index + 1 != count or _known(os.stat(path)) != known:
                raise _UnstreamedError
    except (_UnstreamedError, ijson.JSONError, OSError, ValueError):
        raise HsdsError(
            [_("{file}: it changed while it was imported; import it again").format(file=path.name)]
        ) from None


def _known(found: os.stat_result) -> tuple[int, ...]:
    """What tells a file changed: its size, time and inode."""
    return (found.st_size, found.st_mtime_ns, found.st_ino)


class _Once(dict[str, Any]):
    """An object ijson builds, noting a name given twice (``json_text`` then says where)."""

    repeated = False


def _once() -> type[_Once]:
    """A kind of :class:`_Once` for one stream: what it notes is that stream's."""

    class Once(_Once):
        def __setitem__(self, name: str, value: Any) -> None:
            if name in self:
                Once.repeated = True
            dict.__setitem__(self, name, value)  # not super(): called for every name read

    return Once


class _Scanned:
    """A plain JSON file read in pieces for ijson, bounded as :func:`read` bounds it, each
    piece scanned for what the stream cannot judge: half of a UTF-16 pair escaped, and how
    often ``"contents"`` is written (a page's list given twice)."""

    def __init__(self, path: Path) -> None:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        self._stream = os.fdopen(os.open(path, flags), "rb")
        found = os.fstat(self._stream.fileno())
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_STREAMED_BYTES:
            self._stream.close()
            raise _UnstreamedError
        self.known = _known(found)
        start = self._stream.read(4096)
        matched = _FIRST.match(start)
        self.first = matched.group(1) if matched else b""
        self._pending, self._tail, self._read = start, b"", 0
        self.contents, self.once = 0, _once()
        self._escape, self._in_text, self._depth = b"", False, 0

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson asks what kind of stream it is reading
            return b""
        piece = self._pending or self._stream.read(max(size, 1 << 16))
        self._pending = b""
        self._read += len(piece)
        if self._read > MAX_STREAMED_BYTES:
            raise _UnstreamedError  # grown past the limit: read whole, it is said so
        window = self._tail + piece
        if _ESCAPED_HALF.search(window):
            raise _UnstreamedError
        self.contents += window.count(_CONTENTS) - self._tail.count(_CONTENTS)
        self._tail = window[-16:]
        self._nest(piece)
        return piece

    def _nest(self, piece: bytes) -> None:
        """Follow how deep the JSON nests, outside its strings: ijson takes time growing with
        the square of the depth (a file of 100,000 "[" never ends), so anything nested past
        what the whole reading allows is left to it, which says where."""
        data = self._escape + piece
        self._escape = b""
        if (len(data) - len(data.rstrip(b"\\"))) % 2:
            data, self._escape = data[:-1], b"\\"  # its escaped character comes next
        if b"\\" in data:
            data = _ESCAPED.sub(b"", data)
        kept = data.translate(None, _NOT_NESTING)
        # between two quotes, a string: what is outside them is every other piece
        pieces = (b'"' + kept if self._in_text else kept).split(b'"')
        self._in_text = len(pieces) % 2 == 0  # a string left open, to end in the next piece
        kept = b"".join(pieces[::2])
        opened = kept.count(b"[") + kept.count(b"{")
        if self._depth + opened > _DEEPEST:  # perhaps: counted level by level
            import numpy as np

            steps = np.frombuffer(kept.translate(_STEPS), dtype=np.int8).astype(np.int64) - 1
            if self._depth + max(0, int(np.max(np.cumsum(steps)))) > _DEEPEST:
                raise _UnstreamedError
        self._depth += 2 * opened - len(kept)

    def ended(self) -> None:
        """The stream read to its end: nothing but white space may follow the list (ijson
        stops at the list's end)."""
        while piece := self.read():
            if piece.strip():
                raise _UnstreamedError

    def __enter__(self) -> _Scanned:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stream.close()
