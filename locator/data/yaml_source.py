"""Reading registry YAML safely, keeping the line and column of every value.

Only plain data is read: no tags, no anchors or aliases (so no alias bombs), no duplicate keys.
A plain scalar must mean the same thing in YAML 1.1 (PyYAML) and YAML 1.2 (ruamel.yaml,
editors): ``yes``, ``02108``, ``1e5`` or ``1:30`` are refused with the advice to quote them.
"""

from __future__ import annotations

import contextlib
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import yaml

from locator.i18n import N_, _
from locator.i18n import number as grouped
from locator.terminal import one_line

MAX_DEPTH = 40
# Longer numbers are refused at their place: Python reads no integer of over 4,300 digits, and
# no coordinate, price or count comes near this.
MAX_NUMBER_LENGTH = 100

_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")  # "&name", as YAML allows an anchor to be spelt
_STR_TAG = "tag:yaml.org,2002:str"
_IMPLICIT = "?"  # what our resolver answers for untagged scalars: we interpret them ourselves

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOLS = frozenset(
    form
    for word in ("yes", "no", "on", "off", "y", "n")
    for form in (word, word.title(), word.upper())
)
# The plain scalars that are no text: no word is one of these.
KEYWORDS = _NULLS | _BOOLS.keys() | _YAML11_BOOLS | {".inf", ".nan"}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
# Anything YAML 1.1 or 1.2 may read as a number: octal, hex, binary, exponents, 1_000, 1:30.
_NUMBERISH = re.compile(
    r"[-+]?(?:[0-9][0-9_:]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9_]+)?"
    r"|[-+]?0[xXoObB][0-9a-fA-F_]+"
)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a registry file, at a line and column counted from 1; ``where``
    is the path of the value it is about (``("clinics", 0, "name")``), when it is one."""

    line: int
    column: int
    message: str
    where: tuple[str | int, ...] = ()

    def format(self, path: str) -> str:
        """``PATH:LINE:COLUMN: clinics[0].name: message``, as compilers and editors print
        them (the value named as the file writes it)."""
        return f"{path}:{self.line}:{self.column}: {self.said(field_path)}"

    def said(self, place: Callable[[tuple[str | int, ...]], str]) -> str:
        """The message after its value named by ``place`` (a path in words, or as written)."""
        return f"{place(self.where)}: {self.message}" if self.where else self.message


def field_path(loc: tuple[str | int, ...]) -> str:
    """``clinics[3].location.latitude`` for pydantic's ``('clinics', 3, 'location', ...)``;
    a key from the file on one line, so that it cannot begin a line that reads as locator's."""
    text = ""
    for part in loc:
        name = one_line(str(part))
        text += f"[{part}]" if isinstance(part, int) else f".{name}" if text else name
    return text


def _at(mark: Any, message: str) -> Problem:
    return Problem(mark.line + 1, mark.column + 1, message)


class _FastLoader(yaml.CSafeLoader):
    """libyaml's composer; scalars are left untyped for :func:`_scalar_value`."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _IMPLICIT


class _SafeLoader(yaml.SafeLoader):
    """The pure-Python composer: slower, but deep nesting raises instead of crashing."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _IMPLICIT


def _may_nest_deeply(text: str) -> bool:
    """True unless the text surely nests too little to overflow libyaml's recursive composer.

    libyaml composes nested collections by C recursion and crashes past some ten thousand
    levels; such text goes to the pure-Python composer instead.
    """
    if " " * 500 in text or re.search(r"[-?] +[-?] +[-?] +[-?] ", text):
        return True  # deep indentation, or block sequences nested on one line ("- - - -")
    if text.count("[") + text.count("{") < 500:
        return False
    depth = peak = 0
    for bracket in re.findall(r"[\[\]{}]", text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        peak = max(peak, depth)
    return peak >= 500


def decode(data: bytes) -> tuple[str, list[Problem]]:
    """Text of UTF-8 ``data`` without a byte-order mark, or problems naming each bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    problems = []
    for number, line in enumerate(data.decode("utf-8", "surrogateescape").split("\n"), 1):
        for column, char in enumerate(line, 1):
            if "\udc80" <= char <= "\udcff":
                byte = ord(char) - 0xDC00
                problems.append(
                    Problem(
                        number,
                        column,
                        _("byte 0x{byte:02x} is not UTF-8 text; save the file as UTF-8").format(
                            byte=byte
                        ),
                    )
                )
                break
        if len(problems) >= 20:
            break
    return "", problems


def _too_deep(text: str) -> tuple[int, int]:
    """Line and column (from 1) where ``text`` first nests past :data:`MAX_DEPTH`, found from
    YAML's events, which the parser makes without a call for each level: the first collection
    inside more than MAX_DEPTH others, as :class:`_Converter` places it; 1:1 if not found."""
    depth = 0  # the collections open around the next one
    with contextlib.suppress(yaml.YAMLError):
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                mark = event.start_mark
                if depth > MAX_DEPTH and mark is not None:
                    return mark.line + 1, mark.column + 1
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    return 1, 1


def compose(text: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The node tree of one YAML document, or the syntax problem that stops it."""
    loader = _SafeLoader if _may_nest_deeply(text) else _FastLoader
    try:
        return yaml.compose(text, Loader=loader), []
    except RecursionError:
        line, column = _too_deep(text)
        return None, [
            Problem(
                line,
                column,
                _("the file nests more than {MAX_DEPTH} levels deep").format(MAX_DEPTH=MAX_DEPTH),
            )
        ]
    except yaml.MarkedYAMLError as error:
        return None, _syntax_problems(text, error)
    except yaml.YAMLError as error:
        position = getattr(error, "position", None)
        line, column = _line_column(text, position) if position is not None else (1, 1)
        character = getattr(error, "character", None)  # "unacceptable character #x0007"
        if isinstance(character, str | int) and not isinstance(character, bool):
            code = ord(character) if isinstance(character, str) else character
            said = _(
                "the character U+{code:04X} cannot be in a registry (a control character); "
                "remove it"
            ).format(code=code)
            return None, [Problem(line, column, said)]
        said = _("YAML syntax error: {problem}").format(problem=_(_UNREAD))
        return None, [Problem(line, column, said)]


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _sentence(text: str) -> str:
    return " ".join(text.split())


# libyaml's words for a syntax error, said in locator's (and translated). The pure-Python
# reader's differ only by quoting what it found ("found character '\t' that …"), which
# _UNQUOTED drops before the look-up; words neither knows are said as _UNREAD, never as written.
_DIRECTIVE = N_(
    "a directive ('%' at the start of a line) locator cannot read; a registry needs none"
)
_TAG = N_("a tag ('!' and a name) locator cannot read; a registry needs none")
_NAME = N_("an anchor or alias name ('&' or '*') needs letters, digits, '-' or '_' here")
_NOT_UTF8 = N_("the bytes here are not UTF-8 text; save the file as UTF-8")
_UNREAD = N_("the text here cannot be read as YAML")
_PROBLEMS = {
    "did not find expected key": N_("a key (name: value) was expected here"),
    "did not find expected ',' or ']'": N_("a ',' or ']' was expected here"),
    "did not find expected ',' or '}'": N_("a ',' or '}' was expected here"),
    "did not find expected '-' indicator": N_("a list item ('- ') was expected here"),
    "could not find expected ':'": N_("a ':' was expected after this key"),
    "mapping values are not allowed in this context": N_(
        "a ': ' cannot come here; put text holding ': ' in quotation marks"
    ),
    "found undefined alias": N_("this alias (*name) names no anchor"),
    "found unknown escape character": N_(
        "this escape ('\\' and a letter) is not one YAML knows; write '\\\\' for a backslash"
    ),
    "found incompatible YAML document": N_(
        "the file asks for a YAML version locator does not read"
    ),
    "but found another document": N_("a registry is one document: nothing may follow it"),
    "found character that cannot start any token": N_(
        "a value cannot start with this character; put the value in quotation marks"
    ),
    "found unexpected end of stream": N_("the file ends before this is closed"),
    "did not find the expected '>'": N_("a '>' was expected to close the tag"),
    "block sequence entries are not allowed in this context": N_(
        "a list item ('- ') cannot start here; check the indentation above it"
    ),
    "mapping keys are not allowed in this context": N_(
        "a key ('? ') cannot start here; check the indentation above it"
    ),
    "did not find expected node content": N_("a value was expected here"),
    "did not find expected <document start>": N_(
        "a registry is one document: nothing may follow it"
    ),
    "found unexpected document indicator": N_(
        "a line starting '---' or '...' ends the document inside this value; quote the value"
    ),
    "found unexpected ':'": N_("a ':' cannot come here; put the value in quotation marks"),
    "did not find expected comment or line break": N_(
        "nothing but a comment ('# ') may follow on this line"
    ),
    "did not find expected whitespace or line break": N_(
        "nothing but a comment ('# ') may follow on this line"
    ),
    "found an indentation indicator equal to 0": N_(
        "a block of text ('|' or '>') cannot be indented by 0; write 1 to 9 or nothing"
    ),
    "found invalid Unicode character escape code": N_(
        "this escape names no Unicode character; write the character itself"
    ),
    "did not find expected hexdecimal number": N_(
        "this escape needs hexadecimal digits (0-9, a-f); write the character itself"
    ),
    "found a tab character that violates indentation": N_(
        "tab in indentation; YAML indents with spaces"
    ),
    "found a tab character where an indentation space is expected": N_(
        "tab in indentation; YAML indents with spaces"
    ),
    "found an incorrect leading UTF-8 octet": _NOT_UTF8,
    "found an incorrect trailing UTF-8 octet": _NOT_UTF8,
    "did not find expected alphabetic or numeric character": _NAME,
    "found unexpected non-alphabetical character": _NAME,
    "could not find expected directive name": _DIRECTIVE,
    "found unknown directive name": _DIRECTIVE,
    "found duplicate %TAG directive": _DIRECTIVE,
    "found duplicate %YAML directive": _DIRECTIVE,
    "found extremely long version number": _DIRECTIVE,
    "did not find expected version number": _DIRECTIVE,
    "did not find expected digit or '.' character": _DIRECTIVE,
    "did not find expected whitespace": _DIRECTIVE,
    "found undefined tag handle": _TAG,
    "did not find expected tag URI": _TAG,
    "did not find URI escaped octet": _TAG,
    "did not find expected '!'": _TAG,
}
_CONTEXTS = {
    "while parsing a block mapping": N_("in the mapping"),
    "while parsing a block collection": N_("in the list or mapping"),
    "while parsing a flow sequence": N_("in the list in brackets"),
    "while parsing a flow mapping": N_("in the mapping in braces"),
    "while scanning a simple key": N_("for the key"),
    "while scanning a quoted scalar": N_("in the quoted text"),
    "while parsing a quoted scalar": N_("in the quoted text"),
    "while scanning a tag": N_("in the tag"),
    "while parsing a tag": N_("in the tag"),
    "while scanning for the next token": N_("at the value"),
    "expected a single document in the stream": N_("after the document"),
    "while parsing a block node": N_("in the value"),
    "while parsing a flow node": N_("in the value"),
    "while parsing a node": N_("in the value"),
    "while scanning a plain scalar": N_("in the value"),
    "while scanning a block scalar": N_("in the block of text"),
    "while scanning an anchor": N_("in the anchor"),
    "while scanning an alias": N_("in the alias"),
    "while scanning a directive": N_("in the directive"),
    "while scanning a %YAML directive": N_("in the directive"),
    "while scanning a %TAG directive": N_("in the directive"),
    "while parsing a %TAG directive": N_("in the directive"),
    "while parsing a tag directive": N_("in the directive"),
    "while scanning a tag directive": N_("in the directive"),
}
# What the reader found, quoted in its words ("found duplicate anchor 'a'; first occurrence")
_UNQUOTED = re.compile(r" '[^']*'| \"[^\"]*\"")
_SECOND_ANCHOR = "second occurrence"  # the composer's words for an anchor defined again


def _in_words(said: str | None, words: dict[str, str], unknown: str = "") -> str:
    """libyaml's ``said`` in locator's words, translated: ``unknown`` for words not in
    ``words``, "" for nothing said."""
    said = _sentence(said or "")
    known = words.get(said) or words.get(_UNQUOTED.sub("", said)) or unknown
    return _(known) if said and known else ""


# libyaml's longest key without "? " (a "simple key"): past it, the ':' is not looked for
_LONGEST_KEY = 1024


def _found(text: str, mark: yaml.Mark | None) -> str:
    """The character at ``mark`` in ``text`` ("" past its end)."""
    if mark is None:
        return ""
    lines = text.split("\n")
    return lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""


def _syntax_problems(text: str, error: yaml.MarkedYAMLError) -> list[Problem]:
    problem = _sentence(error.problem or "")
    if "\\t" in problem or "tab" in problem or _found(text, error.problem_mark) == "\t":
        tabbed = [
            Problem(number, line.index("\t") + 1, _("tab in indentation; YAML indents with spaces"))
            for number, line in enumerate(text.split("\n"), 1)
            if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
        ]
        if tabbed:
            return tabbed
    where = error.context_mark
    key_too_long = (
        problem == "could not find expected ':'"
        and where is not None
        and error.problem_mark is not None
        and error.problem_mark.line == where.line
        and error.problem_mark.column - where.column > _LONGEST_KEY
    )
    if key_too_long:
        said = _("a key may be at most {count} characters long (YAML's limit); shorten it").format(
            count=grouped(_LONGEST_KEY)
        )
    elif problem == _SECOND_ANCHOR and where is not None and error.problem_mark is not None:
        anchor = _ANCHOR.match(text, error.problem_mark.index)
        said = _(
            "the anchor &{name} is given a second time (first at line {value}, column "
            "{value2}); anchors and aliases are not allowed in a registry: write the values out"
        ).format(
            name=anchor.group(1) if anchor else "", value=where.line + 1, value2=where.column + 1
        )
    else:
        said, context = _in_words(problem, _PROBLEMS, _UNREAD), _in_words(error.context, _CONTEXTS)
        if context and where is not None and error.problem_mark is not None:
            said += _(" ({context} that starts at line {value}, column {value2})").format(
                context=context, value=where.line + 1, value2=where.column + 1
            )
        elif context:
            said = f"{context}: {said}"
    mark = where if key_too_long else error.problem_mark or where  # a key: where it starts
    message = _("YAML syntax error: {problem}").format(problem=said)
    return [_at(mark, message)] if mark else [Problem(1, 1, message)]


def plain_scalar(text: str) -> tuple[Any, str | None]:
    """What a plain (unquoted) scalar means in both YAML 1.1 and 1.2, and a problem if they
    disagree: ``("84095" -> 84095)``, ``("yes" -> "yes", "… quote it …")``."""
    if is_word(text):  # most values: no pattern below can match them
        return text, None
    if text in _NULLS:
        return None, None
    if text in _BOOLS:
        return _BOOLS[text], None
    if text in _YAML11_BOOLS:
        return text, (
            _(
                "{text} means true or false in YAML 1.1 but text in YAML 1.2: write "
                'true or false, or quote it ("{text}")'
            ).format(text=text)
        )
    if (_INT.fullmatch(text) or _FLOAT.fullmatch(text)) and len(text) > MAX_NUMBER_LENGTH:
        return text, _(
            "a number {count} characters long is no value a registry holds; quote it if it is text"
        ).format(count=len(text))
    if _INT.fullmatch(text):
        return int(text), None
    if _FLOAT.fullmatch(text):
        return float(text.replace(".", "", 1) if text[-1] in "fFnN" else text), None
    if _NUMBERISH.fullmatch(text):
        return text, (
            _(
                "{text} is read differently by YAML 1.1 and YAML 1.2: quote it "
                '("{text}") if it is text, or write the number in plain decimal'
            ).format(text=text)
        )
    return text, None


def is_word(text: str) -> bool:
    """True for plain text that surely reads as itself (it starts with a letter and is no
    keyword such as ``null`` or ``yes``): the quick test before :func:`plain_scalar`."""
    return text[:1].isalpha() and text not in KEYWORDS


def needs_quotes(text: str) -> bool:
    """True when ``text`` written plain would not read back as this very string everywhere."""
    return plain_scalar(text) != (text, None)


def _scalar_value(node: yaml.ScalarNode, problems: list[Problem]) -> Any:
    """The value of a scalar, identical under YAML 1.1 and 1.2, or a problem saying why not."""
    text = node.value
    if node.tag != _IMPLICIT:
        if node.tag != _STR_TAG:
            problems.append(_tag_refused(node))
        return text
    if node.style:  # quoted or block scalar; plain style is None (Python) or "" (libyaml)
        return text
    value, problem = plain_scalar(text)
    if problem:
        problems.append(_at(node.start_mark, problem))
    return value


def _tag_refused(node: yaml.Node) -> Problem:
    """The problem of a tag no registry holds (``!!python/object``, ``!include``)."""
    return _at(
        node.start_mark, _("the tag “{tag}” is not allowed here").format(tag=one_line(node.tag))
    )


class _Converter:
    """Turns a node tree into plain Python data, collecting every problem on the way."""

    def __init__(self, text: str) -> None:
        self.problems: list[Problem] = []
        self.aliases: list[Problem] = []  # also in problems: an alias the editor cannot keep
        self._text = text
        self._may_alias = "*" in text
        self._seen: set[int] = set()
        self._aliased: set[int] = set()

    def convert(self, node: yaml.Node, depth: int = 0) -> Any:
        if self._may_alias and self._is_alias(node):
            return None
        if node.__class__ is yaml.ScalarNode:
            text = node.value
            # The common case first: a quoted string, or a plain word that is no keyword.
            if node.tag == _IMPLICIT and (node.style or is_word(text)):
                return text
            return _scalar_value(node, self.problems)
        if depth > MAX_DEPTH:
            self.problems.append(
                _at(
                    node.start_mark,
                    _("nested more than {MAX_DEPTH} levels deep").format(MAX_DEPTH=MAX_DEPTH),
                )
            )
            return None
        if node.tag not in (_IMPLICIT, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
            self.problems.append(_tag_refused(node))
        if node.__class__ is yaml.SequenceNode:
            return [self.convert(item, depth + 1) for item in node.value]
        # the checks above leave only mappings (compared by class: faster than isinstance)
        return self._mapping(cast(yaml.MappingNode, node), depth)

    def _is_alias(self, node: yaml.Node) -> bool:
        """True for a node met before: libyaml hands back the anchored node for an alias."""
        if id(node) not in self._seen:
            self._seen.add(id(node))
            return False
        if id(node) not in self._aliased:
            self._aliased.add(id(node))
            # the node starts at its anchor ("&name"): the alias names it the same way
            anchor = _ANCHOR.match(self._text, node.start_mark.index)
            message = _(
                "this anchored value is repeated by an alias (*{name}); aliases are not "
                "allowed: write the value out"
            ).format(name=anchor.group(1) if anchor else "")
            self.aliases.append(_at(node.start_mark, message))
            self.problems.append(self.aliases[-1])
        return True

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        lines: dict[str, int] = {}  # each key's first line: a duplicate names it at once
        for key_node, value_node in node.value:
            key = self.convert(key_node, depth + 1)
            merge = key == "<<" and not key_node.style
            if not isinstance(key, str) or key in result or merge:
                first = lines.get(key) if isinstance(key, str) else None
                self._bad_key(key_node, key, merge=merge, first_line=first)
                continue
            lines[key] = key_node.start_mark.line + 1
            result[key] = self.convert(value_node, depth + 1)
        return result

    def _bad_key(
        self, key_node: yaml.Node, key: Any, *, merge: bool, first_line: int | None
    ) -> None:
        if not isinstance(key, str):
            message = _("keys must be names, not {key}").format(key=_kind(key))
        elif merge:
            message = _("merge keys (<<) are not allowed: write the keys out")
        else:
            message = _("duplicate key “{key}” (first on line {value}); keep one of them").format(
                key=one_line(key), value=first_line
            )
        self.problems.append(_at(key_node.start_mark, message))


def _kind(value: Any) -> str:
    """``value`` named in YAML's words ("the number 1", "true"), never Python's ("int 1")."""
    if value is None:
        return _("empty")
    if isinstance(value, list | dict):
        return _("a list") if isinstance(value, list) else _("a mapping")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _("the number {number}").format(number=value)
    return _("the text “{text}”").format(text=one_line(str(value)))


def to_python(root: yaml.Node, text: str) -> tuple[Any, list[Problem]]:
    """Plain data of the node tree composed from ``text``, with the problems found."""
    plain, problems, _aliases = read_tree(root, text)
    return plain, problems


def read_tree(root: yaml.Node, text: str) -> tuple[Any, list[Problem], list[Problem]]:
    """:func:`to_python`'s data and problems, and those of the problems that are aliases
    (:func:`aliased_data`'s), from one walk of the tree."""
    converter = _Converter(text)
    return converter.convert(root), converter.problems, converter.aliases


def aliased_data(root: yaml.Node, text: str) -> tuple[Any, list[Problem]]:
    """Plain data of the node tree composed from ``text``, with only the aliases found: an
    editor cannot write back a value an alias repeats (it would be written out, or lost)."""
    converter = _Converter(text)
    return converter.convert(root), converter.aliases


def mark_of(root: yaml.Node, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    """Line and column (from 1) of the value at ``loc``, or of its key when ``key`` is set.

    A ``loc`` that leaves the tree (a missing field) points at the deepest node that exists.
    """
    return _start(*_walk(root, None, loc), key=key)


class Marks:
    """:func:`mark_of` for the many paths of one tree's problems: the node at each parent
    path is found once (120,000 unknown terms in one list walked the same way down for each)."""

    def __init__(self, root: yaml.Node) -> None:
        self._root = root
        self._parents: dict[tuple[str | int, ...], _Walked] = {}

    def __call__(self, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        if not loc:
            return mark_of(self._root, loc, key=key)
        parent = self._parents.get(loc[:-1])
        if parent is None:
            parent = self._parents[loc[:-1]] = _walk(self._root, None, loc[:-1])
        node, key_node, whole = parent
        part = loc[-1]
        if not whole:
            return _start(*parent, key=key)
        if (
            node.__class__ is yaml.SequenceNode
            and part.__class__ is int
            and 0 <= part < len(node.value)
        ):
            return _start(node.value[part], None, True, key=key)  # a list's item: most problems
        return _start(*_walk(node, key_node, (part,)), key=key)


# The node a path leads to, the key node of its last mapping step, and whether it went all the way
_Walked = tuple[yaml.Node, yaml.Node | None, bool]


def _walk(node: yaml.Node, key_node: yaml.Node | None, loc: tuple[str | int, ...]) -> _Walked:
    """Follow ``loc`` down from ``node`` as far as the tree goes."""
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            key_node, child = _keys_of(node).get(part, (None, None))
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and (0 <= part < len(node.value))
        ):
            key_node, child = None, node.value[part]
        if child is None:
            return node, key_node, False
        node = child
    return node, key_node, True


def _start(
    node: yaml.Node, key_node: yaml.Node | None, _whole: bool, *, key: bool
) -> tuple[int, int]:
    target = key_node if key and key_node is not None else node
    return target.start_mark.line + 1, target.start_mark.column + 1


# Each mapping's keys, indexed once: a file with many problems asks for many places in the same
# mappings, and a scan of the mapping per problem made 80,000 unknown keys take over a minute.
_KEY_INDEX: weakref.WeakKeyDictionary[yaml.MappingNode, dict[Any, tuple[yaml.Node, yaml.Node]]]
_KEY_INDEX = weakref.WeakKeyDictionary()


def _keys_of(node: yaml.MappingNode) -> dict[Any, tuple[yaml.Node, yaml.Node]]:
    """The key and value nodes of ``node`` by key (its first, where a key is repeated)."""
    index = _KEY_INDEX.get(node)
    if index is None:
        index = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                index.setdefault(key.value, (key, value))
        _KEY_INDEX[node] = index
    return index
