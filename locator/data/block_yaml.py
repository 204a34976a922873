"""Reading registry YAML fast, in the block layout registries are written in.

libyaml reads a file into nodes that keep each value's line and column (:mod:`yaml_source`),
which only a problem needs, and that alone takes about a second for 10,000 clinics. This
reader builds the plain data straight from the lines when the file keeps to the layout that
people, ``yaml.safe_dump`` and ``locator fmt`` write: block mappings and sequences, one-line
plain and quoted values, one-line flow lists and mappings (``[depression, anxiety]``,
``{name: Ann Lee, title: Dr.}``), folded and literal notes. At anything else, and at anything
libyaml might read otherwise or refuse, it gives up (``None``) and the located reading runs:
it never answers differently, only sooner.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from itertools import repeat
from json.encoder import encode_basestring_ascii
from typing import Any

import numpy as np

from locator.data.yaml_source import KEYWORDS, MAX_DEPTH, is_word, plain_scalar

# Characters outside the layout, for libyaml to read and locate: those YAML does not allow
# or reads as line breaks (tabs and carriage returns too: rare, and subtle to read alike).
_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# The characters of the layout in a file all ASCII, which is most registries: checked there
# as bytes, at three times the speed of searching for those above.
_USUAL_ASCII = bytes(range(0x20, 0x7F)) + b"\n"


def _unusual(text: str) -> bool:
    """True when ``text`` holds a character of :data:`_UNUSUAL`."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _USUAL_ASCII))
    return _UNUSUAL.search(text) is not None


# Lines that may be a document marker or a directive (or a value that starts like one).
_MARKERS = ("\n---", "\n...", "\n%")
_FIRST_MARKERS = tuple(marker[1:] for marker in _MARKERS)  # the same on the first line
# A key as registries write them: a name, then a colon, then a space or the line's end.
_KEY = re.compile(r"([A-Za-z][A-Za-z0-9_]{0,200}):(?: +|$)")
# What a plain value may not start with: YAML's indicators (quotes, brackets, block scalars,
# anchors, aliases, tags, comments, directives, reserved characters).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# The values a line's text alone decides.
_SCALARS = frozenset({str, int, float, bool, type(None)})
_BLOCK_HEADERS = {"|": (False, True), "|-": (False, False), ">": (True, True), ">-": (True, False)}


class _ElsewhereError(Exception):
    """The text leaves the layout this reader knows: libyaml reads it instead."""


def read(text: str, read_one: Callable[[int], None] | None = None) -> Any:
    """The plain data of ``text`` (as :func:`yaml_source.to_python` would give it, with no
    problem), or None when this reader cannot be sure of it. ``read_one(count)`` hears of each
    clinic before it is read, with how many are: an exception it raises (an import cancelled)
    stops the reading there."""
    found = _read(text, read_one, keep_lines=False)
    return None if found is None else found[0]


def read_with_clinic_lines(text: str) -> tuple[Any, list[tuple[int, int]], list[str]] | None:
    """The plain data of ``text`` as :func:`read` gives it, the first and last line (from 0)
    of each clinic in its top-level ``clinics`` list, and the lines (``text`` split at each
    line break): what the editor cuts the file by. None where :func:`read` gives None, and
    where a clinic ends in a folded or literal value (libyaml ends those after the blank
    lines that follow them)."""
    found = _read(text, keep_lines=True)
    if found is None or any(folded for *_, folded in found[1]):
        return None
    data, clinics, lines = found
    return data, [(first, last) for first, last, _ in clinics], lines


def _read(
    text: str, read_one: Callable[[int], None] | None = None, *, keep_lines: bool
) -> tuple[Any, list[tuple[int, int, bool]], list[str]] | None:
    """The data of ``text``, each clinic's first and last line and whether it ends in a folded
    or literal value, and the lines (``keep_lines``; else maybe none); or None. The flat
    reading first, else line by line."""
    if _unusual(text):
        return None
    kept: list[str] | None = [] if keep_lines else None
    long_values: dict[str, Any] = {}
    flat = _read_flat(text, read_one, kept, long_values)  # a marker's line has no key: refused
    if flat is not None:
        return flat[0], flat[1], kept or []
    if text.startswith(_FIRST_MARKERS) or any(marker in text for marker in _MARKERS):
        return None
    reader = _Reader(text, read_one, long_values)
    if reader.indent != 0:
        return None
    try:
        reader.data = reader.mapping(0, 0)
    except (_ElsewhereError, RecursionError):
        return None
    return (reader.data, reader.clinics, reader.lines) if reader.indent == -1 else None


class _Reader:
    """Reads block nodes line by line; ``indent`` and ``body`` are the current content line's
    (``indent`` -1 at the end), its body after a sequence's dash once that is read."""

    def __init__(
        self,
        text: str,
        read_one: Callable[[int], None] | None = None,
        long_values: dict[str, Any] | None = None,
    ) -> None:
        self.lines = text.split("\n")
        self.read_one = read_one
        # long values the flat reading read before it gave up, each taken once (:data:`_LONG`)
        self.long_values = {} if long_values is None else long_values
        self.count = len(self.lines)
        self.row = -1  # the current line's number, from 0
        self.indent = -1
        self.body = ""
        self.data: Any = None
        self.last = -1  # the line of the value read last
        self.folded = False  # that value was folded or literal (| or >)
        self.key = ""  # the top-level key whose value is being read
        self.clinics: list[tuple[int, int, bool]] = []  # first and last line, folded
        # Each whole line that holds a key and a scalar (a mapping's entry) or a scalar alone
        # (a list's item), and what it was read as: registries repeat most of their lines
        # ("    precision: city", "    - english"), and such a line means the same wherever
        # it is in a mapping or list at its own indent. So a run of lines read before is
        # taken as it was read, without looking at each line again.
        self.entries: dict[str, tuple[int, str, Any]] = {}  # indent, key, value
        self.items: dict[str, tuple[int, Any]] = {}  # the dash's indent, value
        self.keys: set[str] = set()  # the keys found so far, each a word
        self.advance()

    def advance(self) -> None:
        """Move to the next line that holds a value (past blank lines and comments)."""
        self.last = row = self.row
        lines, count = self.lines, self.count
        while (row := row + 1) < count:
            line = lines[row]
            body = line.lstrip(" ")
            if body and body[0] != "#":
                self.row, self.indent, self.body = row, len(line) - len(body), body
                return
        self.row, self.indent, self.body = row, -1, ""

    def _whole(self) -> str | None:
        """The current line, when it is its indent and its body alone (no dash before the body:
        a line worth remembering as it is written)."""
        line = self.lines[self.row]
        return None if line[: self.indent].strip(" ") else line

    def block(self, indent: int, depth: int) -> Any:
        """The mapping or sequence whose first line is the current one, at ``indent``."""
        if depth > MAX_DEPTH:
            raise _ElsewhereError
        if self.body[:2] == "- ":
            return self.sequence(indent, depth)
        return self.mapping(indent, depth)

    def mapping(self, indent: int, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        entries, lines, keys = self.entries, self.lines, self.keys
        while self.indent == indent:
            known = entries.get(lines[self.row]) if depth else None
            if known is not None and known[0] == indent:  # lines read before: as they were
                row, count = self.row, self.count
                while known is not None and known[0] == indent:
                    _, key, scalar = known
                    if key in result:
                        raise _ElsewhereError
                    result[key] = scalar
                    row += 1
                    known = entries.get(lines[row]) if row < count else None
                self.row = row - 1  # the line after the run, or the next with a value
                self.advance()
                self.folded = False
                continue
            key, colon, rest = self.body.partition(":")
            if colon and key in keys and (not rest or rest[0] == " "):  # a key read before
                rest = rest.lstrip(" ")
            else:
                match = _KEY.match(self.body)
                if match is None or not is_word(key := match.group(1)):  # "yes", "null"
                    raise _ElsewhereError
                keys.add(key)
                rest = self.body[match.end() :]
            if key in result:
                raise _ElsewhereError
            if depth == 0:
                self.key = key
            if rest:
                line = self._whole() if depth else None
                result[key] = value = self.value(rest, indent, depth)
                if line is not None and type(value) in _SCALARS and rest[0] not in "|>":
                    entries[line] = (indent, key, value)
                continue
            self.advance()
            self.folded = False
            if self.indent > indent:
                result[key] = self.block(self.indent, depth + 1)
            elif self.indent == indent and self.body[:2] == "- ":  # a list under its key
                result[key] = self.sequence(indent, depth + 1)
            else:
                result[key] = None
        if self.indent > indent:
            raise _ElsewhereError
        return result

    def sequence(self, indent: int, depth: int) -> list[Any]:
        items: list[Any] = []
        clinics = depth == 1 and self.key == "clinics"
        known, lines = self.items, self.lines
        while self.indent == indent and self.body[:2] == "- ":
            if clinics and self.read_one is not None:
                self.read_one(len(items))
            first = self.row
            item = known.get(lines[first])
            if item is not None and item[0] == indent:  # lines read before: as they were
                row, count = first, self.count
                while item is not None and item[0] == indent:
                    items.append(item[1])
                    if clinics:
                        self.clinics.append((row, row, False))
                    row += 1
                    item = known.get(lines[row]) if row < count else None
                self.row = row - 1  # the line after the run, or the next with a value
                self.advance()
                self.folded = False
                continue
            line = self._whole()
            rest = self.body[2:].lstrip(" ")
            if not rest or rest[0] == "#":  # the entry on the lines below: rare, libyaml's
                raise _ElsewhereError
            self.indent += len(self.body) - len(rest)
            self.body = rest
            if rest[:2] == "- " or _KEY.match(rest):
                items.append(self.block(self.indent, depth + 1))
            else:
                items.append(value := self.value(rest, indent, depth))
                if line is not None and type(value) in _SCALARS and rest[0] not in "|>":
                    known[line] = (indent, value)
            if clinics:
                self.clinics.append((first, self.last, self.folded))
        if self.indent > indent:
            raise _ElsewhereError
        return items

    def value(self, text: str, indent: int, depth: int) -> Any:
        """The value written at the end of the current line, then on to the next one; a value
        that goes on below (``indent`` is its container's, ``depth`` its nesting) is libyaml's
        to read."""
        folded = text[0] in "|>"
        if folded:
            value = self.block_scalar(text, indent)
        elif text in self.long_values:  # once: the same line again is a value of its own
            value = self.long_values.pop(text)
        else:
            value = _one_line(text, depth)
        self.advance()
        self.folded = folded
        if self.indent > indent:
            raise _ElsewhereError
        return value

    def block_scalar(self, header: str, indent: int) -> str:
        """A folded (``>``) or literal (``|``) value on the lines below, clipped or stripped,
        with no blank or more indented line inside (libyaml's, those)."""
        folded, newline = _BLOCK_HEADERS.get(header.rstrip(" "), (None, False))
        if folded is None:
            raise _ElsewhereError
        lines = self.lines
        row, width, content = self.row + 1, 0, []
        while row < len(lines):
            line = lines[row]
            body = line.lstrip(" ")
            level = len(line) - len(body)
            if not body or level <= indent:
                break
            if (width and level != width) or body[-1] == " ":
                raise _ElsewhereError
            width = level
            content.append(body)
            row += 1
        if not content or row == len(lines):  # libyaml adds no line break the file lacks
            raise _ElsewhereError
        blanks = 0
        while row + blanks < len(lines) and not lines[row + blanks].strip(" "):
            if len(lines[row + blanks]) > width:  # spaces past the margin: libyaml keeps them
                raise _ElsewhereError
            blanks += 1
        if blanks:  # a blank line: the value goes on?
            after = lines[row + blanks] if row + blanks < len(lines) else ""
            if len(after) - len(after.lstrip(" ")) > indent:
                raise _ElsewhereError
        self.row = row - 1
        return (" " if folded else "\n").join(content) + ("\n" if newline else "")


def _one_line(text: str, depth: int) -> Any:
    """A value written whole at the end of a line (not folded or literal; ``depth``: at least
    its nesting), by how it starts."""
    first = text[0]
    text = text.rstrip(" ")
    if first == '"':
        return _double_quoted(text)
    if first == "'":
        return _single_quoted(text)
    if first == "[":
        return _flow_list(text)
    if text.startswith('{"'):
        return _json_mapping(text, depth)
    if first == "{":
        return _flow_mapping(text)
    return _plain(text)


def _plain(text: str) -> Any:
    if ": " in text or " #" in text or text[-1] == ":":
        raise _ElsewhereError
    if is_word(text):
        return text
    if text[0] in _INDICATORS and not (text[0] == "-" and text[1:2].isdigit()):
        raise _ElsewhereError
    value, problem = plain_scalar(text)
    if problem:
        raise _ElsewhereError
    return value


def _double_quoted(text: str) -> str:
    inner = text[1:-1]
    if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
        raise _ElsewhereError
    return inner


def _single_quoted(text: str) -> str:
    inner = text[1:-1]
    if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
        raise _ElsewhereError
    return inner.replace("''", "'")


# A value inside brackets or braces: double-quoted without escapes, single-quoted, or plain
# with no indicator and nothing nested.
_FLOW_VALUE = (
    r"(?:\"([^\"\\]*)\""
    r"|'((?:[^']|'')*)'"
    r"|([^,\[\]{}#:\"'&*!|>%@`?\- ][^,\[\]{}#:]*))"
)
_FLOW_ITEM = re.compile(rf" *{_FLOW_VALUE} *")
_FLOW_ENTRY = re.compile(rf" *([A-Za-z][A-Za-z0-9_]{{0,200}}): +{_FLOW_VALUE} *")


def _flow_list(text: str) -> list[Any]:
    """``[a, "b, c"]`` on one line."""
    return [value for _, value in _flow(text, "]", _FLOW_ITEM)]


def _flow_mapping(text: str) -> dict[str, Any]:
    """``{name: Ann Lee, title: Dr.}`` on one line, each key once."""
    entries = _flow(text, "}", _FLOW_ENTRY)
    mapping = dict(entries)
    if len(mapping) != len(entries) or not all(is_word(key) for key in mapping):
        raise _ElsewhereError
    return mapping


# JSON's escape of a character past U+FFFF, a pair of surrogates, which YAML does not read
# (libyaml refuses it): written as YAML's own eight-digit escape. An escaped backslash is
# matched first, so that the text "\\ud83d" is left as it is.
_PAIR = re.compile(r"\\\\|\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def one_line_json(value: Any) -> str:
    """``value`` as one line of JSON that YAML reads alike, and this reader reads quickly:
    every character past ASCII escaped (as JSON's ``ensure_ascii`` does: no line break YAML
    1.1 knows of, U+2028, can end the line), those past U+FFFF as YAML writes them (an
    emoji: "\\U0001f600"), and a number with an exponent but no point with one ("1.0e+16":
    YAML 1.1 reads "1e+16" as text)."""
    text = json.dumps(value)
    if _exponent(text) or (text[:1] in "-0123456789" and "e" in text):
        text = _TEXT_OR_EXPONENT.sub(_with_point, text)
    # each string passed over in C: most lines have no such number, nor a pair to write
    return _PAIR.sub(_pair, text) if "\\ud" in text else text


def _exponent(text: str) -> bool:
    """Whether ``text`` (JSON) may hold a number with an exponent: somewhere, maybe in a
    string, an exponent (found at once: a letter leads it, where a pattern led by a digit is
    tried at every character) after a number after what json.dumps writes before a value
    (": ", ", ", "["; the number that is all of it is looked for apart). An id such as
    "…-4d3e-4…" is no number and is passed over."""
    return any(
        _BEFORE_EXPONENT.search(text, max(0, found.start() - _LONGEST_BEFORE), found.start())
        for found in _EXPONENT_SIGN.finditer(text)
    )


_EXPONENT_SIGN = re.compile(r"e[+-]\d")
_BEFORE_EXPONENT = re.compile(r"[:,\[] ?-?\d+(?:\.\d+)?\Z")
_LONGEST_BEFORE = 32  # ", -" and a float's digits and point before its exponent: 17 at most
# JSON's strings (passed over whole) or a number with an exponent and no point, which YAML 1.1
# would read as text.
_TEXT_OR_EXPONENT = re.compile(r'"(?:[^"\\]|\\.)*"|(?<![\d.])(-?\d+)(e[+-]\d+)')


def _with_point(found: re.Match[str]) -> str:
    return found[0] if found[1] is None else f"{found[1]}.0{found[2]}"


def _pair(found: re.Match[str]) -> str:
    if found[1] is None:
        return found[0]
    high, low = int(found[1], 16), int(found[2], 16)
    return f"\\U{0x10000 + (high - 0xD800) * 0x400 + (low - 0xDC00):08x}"


_YAML_ESCAPE = re.compile(r"\\\\|\\U([0-9a-f]{8})")


def _json_escape(found: re.Match[str]) -> str:
    """YAML's escape of a character past U+FFFF as JSON's pair of surrogates."""
    if found[1] is None:
        return found[0]
    point = int(found[1], 16) - 0x10000
    if not 0 <= point < 0x100000:
        raise _ElsewhereError
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


# What JSON may hold that YAML reads otherwise or refuses: a surrogate's escape (libyaml
# refuses it) and a control character's (rare: libyaml to judge).
_NOT_LIKE_YAML = re.compile(r"\\u[dD][89a-fA-F]|\\u00[01]|\\u00[78]|\\u009|\\[bf]")


def _json_mapping(text: str, depth: int) -> dict[str, Any]:
    """A mapping on one line written as :func:`one_line_json` writes it (what an import keeps
    of HSDS under an entry's ``hsds``: ``{"id": "…", "phones": [{"number": "555-0100"}]}``),
    which YAML reads alike: every character past ASCII escaped, each key once. A number with an
    exponent but no point (YAML 1.1 reads "1e+16" as text), a huge whole number, NaN, and anything
    :func:`one_line_json` would write otherwise are libyaml's."""
    if _NOT_LIKE_YAML.search(text):
        raise _ElsewhereError
    try:
        value = json.loads(
            _YAML_ESCAPE.sub(_json_escape, text),
            parse_float=_plain_float,
            parse_int=_plain_int,
            parse_constant=_elsewhere,
            object_pairs_hook=_once,
        )
    except (ValueError, RecursionError):
        raise _ElsewhereError from None
    if not isinstance(value, dict) or one_line_json(value) != text:
        raise _ElsewhereError
    if depth + _nesting(value) > MAX_DEPTH:
        raise _ElsewhereError
    return value


def _plain_float(literal: str) -> float:
    """A JSON number YAML 1.1 reads as the same float: with a point, and a signed exponent if
    any ("1.0e+16", as :func:`one_line_json` writes it; "1e+16" is text to YAML 1.1)."""
    if ("e" in literal or "E" in literal) and not _YAML_FLOAT.fullmatch(literal):
        raise _ElsewhereError
    return float(literal)


_YAML_FLOAT = re.compile(r"-?[0-9]+\.[0-9]*[eE][-+][0-9]+")


def _plain_int(literal: str) -> int:
    if len(literal) > 18:
        raise _ElsewhereError
    return int(literal)


def _elsewhere(_literal: str) -> Any:
    raise _ElsewhereError


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A mapping with each key once, none past YAML's limit of 1,024 characters for a key."""
    mapping = dict(pairs)
    if len(mapping) != len(pairs) or any(len(json.dumps(key)) > 1000 for key in mapping):
        raise _ElsewhereError
    return mapping


def _nesting(value: Any) -> int:
    """How many mappings and lists deep ``value`` is (a scalar: 0)."""
    if isinstance(value, dict):
        return 1 + max(map(_nesting, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_nesting, value), default=0)
    return 0


def _flow(text: str, closing: str, entry: re.Pattern[str]) -> list[tuple[str, Any]]:
    """The entries between the brackets or braces of ``text``: (key or "", value) each."""
    if text[-1] != closing:
        raise _ElsewhereError
    inner = text[1:-1]
    if not inner.strip(" "):
        return []
    found: list[tuple[str, Any]] = []
    position = 0
    while True:
        match = entry.match(inner, position)
        if match is None:
            raise _ElsewhereError
        *key, double, single, plain = match.groups()
        if double is not None:
            value: Any = double
        elif single is not None:
            value = single.replace("''", "'")
        else:
            value, problem = plain_scalar(plain.rstrip(" "))
            if problem:
                raise _ElsewhereError
        found.append((key[0] if key else "", value))
        position = match.end()
        if position == len(inner):
            return found
        if inner[position] != ",":
            raise _ElsewhereError
        position += 1


# The flat reading: registries as ``yaml.safe_dump`` and ``locator fmt`` write them (two
# spaces a level; a list under its key at the key's column or two further, the same all
# through the file; ``- `` then the item) turned into one JSON text by whole-file steps in C.
# Each distinct line is read once in Python; where every line sits (what it closes, continues
# or opens) comes from its indent and dash, worked out over columns of numbers (numpy); and
# ``json.loads`` builds the data. At anything else it gives up, and the reader above runs.
_SKIP, _SCALAR, _OPENER, _ITEM, _ITEM_SCALAR, _ITEM_OPENER = range(6)  # a line's kind
_DEEPEST = 16  # the deepest indent read flat: far inside MAX_DEPTH, whatever the nesting
# A value written in this many characters or more (120,000 terms in one list took 0.3 s to
# read) is read once: kept for the line-by-line reading when the flat one gives up.
_LONG = 10_000


# The lines most registries are made of, read many at a time by substitutions in C: a key
# (no keyword) and plain text (ASCII, nothing JSON escapes, no ": ", "#" or keyword), text in
# single quotes, or a short plain decimal number; and a list's item of plain text. Each is
# written as its parts between \x01s (a character no registry read flat holds): indent, dash,
# key and JSON. Each line is sought from the line break before it (the search skips to those).
_KEYWORD = "|".join(sorted((word for word in KEYWORDS if word[:1].isalpha()), key=len)[::-1])
_KEYED = rf"\n( *)(- )?(?!(?:{_KEYWORD}):)([A-Za-z][A-Za-z0-9_]{{0,200}}): +"
_PLAIN = r"[ !$-9;-\[\]-~]"  # printable ASCII but for '"', "#", ":" and "\\"
_TEXT = rf"(?!(?:{_KEYWORD})\n)([A-Za-z]{_PLAIN}*(?::(?! ){_PLAIN}+)*)(?<! )(?=\n)"
_EASY = (
    (re.compile(_KEYED + _TEXT), '\n\x01\\1\x01\\2\x01\\3\x01"\\3":"\\4"'),
    (re.compile(_KEYED + r"'([ !#-&(-\[\]-~]*)'(?=\n)"), '\n\x01\\1\x01\\2\x01\\3\x01"\\3":"\\4"'),
    (
        re.compile(_KEYED + r"(-?(?:0|[1-9][0-9]{0,15})(?:\.[0-9]{1,16})?)(?=\n)"),
        '\n\x01\\1\x01\\2\x01\\3\x01"\\3":\\4',
    ),
    (re.compile(r"\n( *)- " + _TEXT), '\n\x01\\1\x01-\x01\x01"\\2"'),
)
_EASY_KINDS = {"": _SCALAR, "- ": _ITEM_SCALAR, "-": _ITEM}


def _flat_lines(lines: list[str], long_values: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """What :func:`_flat_line` reads from each of ``lines``, the usual ones read together
    (``long_values``: see :func:`_json_value`)."""
    made = "\n" + "\n".join(lines) + "\n"
    for pattern, parts in _EASY:
        made = pattern.sub(parts, made)
    read = []
    for line, easy in zip(lines, made[1:-1].split("\n"), strict=True):
        if easy[:1] == "\x01":
            _, spaces, dash, key, value = easy.split("\x01")
            read.append((len(spaces), _EASY_KINDS[dash], key, value))
        else:
            read.append(_flat_line(line, long_values))
    return read


def _flat_line(line: str, long_values: dict[str, Any]) -> tuple[int, int, str, str]:
    """A line's indent, kind, key ("" for none) and JSON: ``"key":value``, ``"key":`` for a
    key whose value is on the lines below, or the value alone (a list's scalar item)
    (``long_values``: see :func:`_json_value`)."""
    body = line.lstrip(" ")
    if not body or body[0] == "#":
        return 0, _SKIP, "", ""
    indent = len(line) - len(body)
    kind = _SCALAR
    if body[:2] == "- ":
        body = body[2:]
        if not body or body[0] in " #-":  # an item below its dash, a list in a list
            raise _ElsewhereError
        if _KEY.match(body) is None:
            return indent, _ITEM, "", _json_value(body, indent + 1, long_values)
        kind = _ITEM_SCALAR
    match = _KEY.match(body)
    if match is None or not is_word(key := match.group(1)):  # "yes", "null"
        raise _ElsewhereError
    rest = body[match.end() :]
    if not rest:
        return indent, _OPENER if kind == _SCALAR else _ITEM_OPENER, key, f'"{key}":'
    depth = indent + 2 * (kind == _ITEM_SCALAR)
    return indent, kind, key, f'"{key}":{_json_value(rest, depth, long_values)}'


def _json_value(text: str, depth: int, long_values: dict[str, Any]) -> str:
    """The value written at the end of a line, as JSON (``depth``: at least its nesting); a
    long one kept in ``long_values`` by its text too, for the line-by-line reading to take
    should the flat one give up at a line after it."""
    if text[0] in "|>":  # folded and literal values: the reader's
        raise _ElsewhereError
    value = _one_line(text, depth)
    if len(text) >= _LONG:
        long_values[text] = value
    return encode_basestring_ascii(value) if type(value) is str else json.dumps(value)


def _read_flat(
    text: str,
    read_one: Callable[[int], None] | None,
    lines: list[str] | None,
    long_values: dict[str, Any] | None = None,
) -> tuple[Any, list[tuple[int, int, bool]]] | None:
    """The data and clinics :func:`_read` gives, when ``text`` keeps to the flat layout;
    else None. ``lines``, when given, is filled with the lines; ``long_values`` with the
    long values read (see :func:`_json_value`)."""
    try:
        line_codes, table = _line_codes(text, lines, {} if long_values is None else long_values)
    except (_ElsewhereError, RecursionError):
        return None
    indents, kinds, keys, parts = zip(*table, strict=True)
    indent_of = np.array(indents)
    if np.any(indent_of % 2) or indent_of.max() > _DEEPEST:  # half a level, or too deep
        return None
    kind_of = np.array(kinds, np.int8)
    rows = np.flatnonzero(kind_of[line_codes] != _SKIP)  # the lines that hold a value
    if not len(rows):
        return None
    line_codes = line_codes[rows]
    indent, kind = indent_of.astype(np.int8)[line_codes], kind_of[line_codes]
    names: dict[str, int] = {}
    key_of = np.array([names.setdefault(key, len(names)) for key in keys], np.int64)
    layout = _Layout(indent, kind, key_of[line_codes], len(names))
    if not layout.valid:
        return None
    firsts, lasts = layout.clinics(names.get("clinics", -1))
    pieces = np.empty(2 * len(rows) + 1, object)
    pieces[0:-1:2] = layout.prefixes()
    pieces[1::2] = np.array(parts, object)[line_codes]
    pieces[-1] = layout.suffix()
    if read_one is not None:
        for read in range(len(firsts)):
            read_one(read)
    try:
        data = json.loads("".join(pieces.tolist()))
    except (ValueError, RecursionError):
        return None
    spans = zip(rows[firsts].tolist(), rows[lasts].tolist(), repeat(False))
    return data, list(spans)


def _each_once(owners: Any, keys: Any, count: int) -> bool:
    """True when no mapping holds a key twice: ``owners`` numbers each key line's mapping,
    in file order (the lines of one mapping, at one column, come together); ``keys`` numbers
    its key, of ``count``."""
    if len(keys) < 2:
        return True
    starts = np.flatnonzero(np.diff(owners) != 0) + 1
    sizes = np.diff(np.append(np.append(0, starts), len(keys)))
    if count <= 64:  # each mapping's keys as bits: as many bits as lines
        bits = np.left_shift(np.uint64(1), keys.astype(np.uint64))
        found = np.bitwise_or.reduceat(bits, np.append(0, starts))
        return bool(np.all(np.bitwise_count(found) == sizes))
    pairs = np.sort(np.repeat(np.arange(len(sizes)), sizes) * count + keys)
    return bool(np.all(pairs[1:] != pairs[:-1]))


_CHUNK = 1 << 20  # the characters split into lines at a time: still in the cache when looked up


def _line_codes(
    text: str, lines: list[str] | None, long_values: dict[str, Any]
) -> tuple[Any, list[tuple[int, int, str, str]]]:
    """Each line's number among the distinct lines, and what :func:`_flat_line` reads from
    each distinct line, in that order (``lines``, when given, is filled with the lines;
    ``long_values``: see :func:`_json_value`)."""
    codes: dict[str, int] = {}
    table: list[tuple[int, int, str, str]] = []
    found = []
    start = 0
    while start >= 0:
        end = text.find("\n", start + _CHUNK)
        part = (text[start:] if end < 0 else text[start:end]).split("\n")
        numbers = np.fromiter(map(codes.get, part, repeat(-1)), np.int32, len(part))
        fresh: list[str] = []
        for at in np.flatnonzero(numbers < 0).tolist():  # lines not seen before
            line = part[at]
            code = codes.get(line)
            if code is None:
                code = codes[line] = len(table) + len(fresh)
                fresh.append(line)
            numbers[at] = code
        table += _flat_lines(fresh, long_values)
        found.append(numbers)
        if lines is not None:
            lines += part
        start = end if end < 0 else end + 1
    return np.concatenate(found), table


class _Layout:
    """Where each line that holds a value sits in a flat registry: what it closes, continues
    and opens, from its ``indent`` and ``kind`` alone (``key``: its key's number, of
    ``keys``). ``valid`` is False where the lines do not nest as the flat layout does."""

    def __init__(self, indent: Any, kind: Any, key: Any, keys: int) -> None:
        count = len(indent)
        self.indent, self.key, self.count = indent, key, count
        self.valid = bool(indent[0] == 0 and kind[0] in (_SCALAR, _OPENER))
        self.dash = dash = kind >= _ITEM
        self.opener = opener = (kind == _OPENER) | (kind == _ITEM_OPENER)
        # the column of the innermost mapping or list a line is in (an item's mapping's)
        self.top = top = indent + 2 * (kind >= _ITEM_SCALAR).astype(np.int8)
        every = np.arange(count, dtype=np.int32)
        items_at = np.where(dash, indent, -1)
        # the lists open after each line, one bit a level (a level is two columns): the last
        # line at or left of the level's column is an item at that column
        self.lists = lists = np.zeros(count, np.int16)
        owners = []  # by the level of their keys' column: each key line's mapping
        for level in range(int(top.max()) // 2 + 1):
            column = 2 * level
            up_to = np.maximum.accumulate(np.where(indent <= column, every, 0))
            lists |= (items_at[up_to] == column).astype(np.int16) << level
            keyed = np.flatnonzero((top == column + 2) & (kind != _ITEM))
            owners.append((up_to[keyed], key[keyed]))
        root = key[(top == 0) & (kind != _ITEM)]
        owners.append((np.zeros(len(root), np.int32), root))
        self.valid = self.valid and all(_each_once(*found, keys) for found in owners)
        ahead, at, item = top[:-1], indent[1:], dash[1:]
        below = opener[:-1] & (at == ahead + 2)  # a mapping or an indented list opened
        beside = opener[:-1] & item & (at == ahead)  # a list opened at its key's column
        self.indented = bool((below & item).any())
        if self.indented and beside.any():
            self.valid = False
        opened = below | beside
        level = at // 2
        shifted = lists[:-1] >> level
        here = (shifted & 1).astype(bool)  # a list open at the line's column
        kept = (at <= ahead) & ((item == here) if self.indented else (~item | here))
        self.valid = self.valid and bool(np.all(opened | kept))
        closed = ~opened
        self.codes = (
            np.where(closed, shifted, 0).astype(np.int32)
            | (np.where(closed, (ahead - at) // 2, 0).astype(np.int32) << 10)
            | (item.astype(np.int32) << 14)
            | ((kind[1:] >= _ITEM_SCALAR).astype(np.int32) << 15)
            | (opened.astype(np.int32) << 16)
            | ((opener[:-1] & closed).astype(np.int32) << 17)
        )

    def prefixes(self) -> Any:
        """What comes before each line's JSON: the mapping for the first, and for the others
        a null for a key with nothing below, closing brackets, a comma, opening brackets."""
        used = np.bincount(self.codes)  # each code's prefix made once: a few dozen are used
        table = np.empty(len(used), object)
        for code in np.flatnonzero(used).tolist():
            table[code] = self._prefix(code)
        return np.concatenate([np.array(["{"], object), table[self.codes]])

    def _prefix(self, code: int) -> str:
        null = "null" if code >> 17 & 1 else ""
        item, mapped = code >> 14 & 1, code >> 15 & 1
        if code >> 16 & 1:  # opened
            return null + ("[" + "{" * mapped if item else "{")
        return null + self._closing(code & 0x3FF, code >> 10 & 15, item) + "," + "{" * mapped

    def _closing(self, lists: int, pops: int, item: int) -> str:
        """The brackets that close the ``pops`` levels above a line (``lists``: those levels'
        lists, the line's own first), and the list at its column before a key."""
        text = ""
        for level in range(pops, 0, -1):
            open_list = lists >> level & 1
            if self.indented:
                text += "]" if open_list else "}"
            else:
                text += "]" * open_list + "}"
        return text + ("]" if lists & 1 and not item else "")

    def suffix(self) -> str:
        """What closes the file: a null for a key with nothing below, and every bracket."""
        null = "null" if self.opener[-1] else ""
        return null + self._closing(int(self.lists[-1]), int(self.top[-1]) // 2, 0) + "}"

    def clinics(self, clinics: int) -> tuple[Any, Any]:
        """The first and last line (of those with a value) of each item of the list under the
        top-level key numbered ``clinics``."""
        indent, dash = self.indent, self.dash
        named = np.flatnonzero((indent == 0) & ~dash)
        column = 2 if self.indented else 0
        items = np.flatnonzero(dash & (indent == column))
        owner = named[np.searchsorted(named, items, side="right") - 1]
        items = items[self.key[owner] == clinics]
        bounds = np.append(np.flatnonzero(indent <= column), self.count)
        return items, bounds[np.searchsorted(bounds, items, side="right")] - 1
