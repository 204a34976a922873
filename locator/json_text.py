"""JSON read strictly: the one reader for JSON that comes from outside locator.

Python's ``json`` takes two things JSON allows that locator must not keep. A string may hold
half of a UTF-16 pair (``"\\ud800"``): that is no text at all, and it crashes whatever prints
or saves it later, far from where it came in. An object may give a name twice: the last value
wins in silence, and the first, which the writer may have meant, is dropped. :func:`loads`
refuses both where they are, naming the place with a JSON pointer ("/contents/0: 'status'
given twice"); names in that pointer are written as the JSON wrote them (:func:`as_written`),
so the sentence itself can always be printed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from locator.i18n import _
from locator.terminal import one_line

# Half of a UTF-16 pair, alone; as JSON escapes one ("\ud800"), or as bytes decoded with
# surrogatepass would hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


class JsonTextError(ValueError):
    """JSON that parses but that locator does not take, with where it is (a JSON pointer)."""

    def __init__(self, pointer: str, reason: str) -> None:
        self.pointer = pointer
        self.reason = reason
        super().__init__(f"{pointer}: {reason}")


class _Repeating(dict[str, Any]):
    """An object that gave ``name`` more than once (its last value kept, as ``json`` does)."""

    name: str


def as_written(text: str) -> str:
    """``text`` with each half of a UTF-16 pair written as JSON escapes it (``\\ud800``):
    printable and savable, and recognisable in the file it came from."""
    return _SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def loads(text: str | bytes, *, parse_constant: Callable[[str], Any] | None = None) -> Any:
    """The value of the JSON ``text``. Raises :class:`JsonTextError` for a string holding
    half of a UTF-16 pair and for a name given twice in one object; ``ValueError`` (a
    ``json.JSONDecodeError`` or ``UnicodeDecodeError``) for what is not JSON, and
    ``RecursionError`` for nesting deeper than Python reads. ``bytes`` are UTF-8 (a byte
    order mark allowed) or the UTF-16 and UTF-32 that ``json`` detects, decoded strictly."""
    # strictly decoded bytes hold no lone half but as an escape, nor does text all ASCII
    raw_halves_possible = isinstance(text, str) and not text.isascii()
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode(json.detect_encoding(text))
    repeated = False

    def named_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        found = dict(pairs)
        if len(found) == len(pairs):
            return found
        repeated = True
        marked = _Repeating(found)
        seen: set[str] = set()
        for name, _value in pairs:
            if name in seen:
                marked.name = name
                break
            seen.add(name)
        return marked

    value = json.loads(text, object_pairs_hook=named_once, parse_constant=parse_constant)
    # the document is walked only when it may hold a flaw: most never are
    if (
        repeated
        or _ESCAPED_SURROGATE.search(text)
        or (raw_halves_possible and _SURROGATE.search(text))
    ):
        flaw = next(_flaws(value), None)
        if flaw is not None:
            raise JsonTextError(*flaw)
    return value


def _flaws(value: Any) -> Iterator[tuple[str, str]]:
    """(pointer, reason) of each flaw in ``value``, in the order of the document; walked
    without recursion, as deep as ``json`` read it."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        pointer, item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                yield _at(pointer), _half(item)
        elif isinstance(item, dict):
            if isinstance(item, _Repeating):
                name = one_line(as_written(item.name))
                yield _at(pointer), _("“{name}” given twice").format(name=name)
            members = [(f"{pointer}/{_token(name)}", name, member) for name, member in item.items()]
            for where, name, _member in members:
                if _SURROGATE.search(name):
                    yield _at(where), _half(name)
            stack.extend((where, member) for where, _name, member in reversed(members))
        elif isinstance(item, list):
            stack.extend(
                (f"{pointer}/{index}", item[index]) for index in reversed(range(len(item)))
            )


def _token(name: str) -> str:
    """``name`` as a JSON pointer writes it (RFC 6901), its lone halves as JSON escapes them."""
    return as_written(name.replace("~", "~0").replace("/", "~1"))


def _at(pointer: str) -> str:
    return pointer or "/"


def _half(text: str) -> str:
    character = as_written(_SURROGATE.findall(text)[0])
    return _(
        "{character} is half of a character, without its other half: not text locator can keep"
    ).format(character=character)
