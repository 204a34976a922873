"""An edited clinic written back through ruamel.yaml, changing as little of its text as can be.

ruamel.yaml keeps comments, key order and quoting. Only the fields that changed are set (in a
list, only the items that changed, so one quote's covers is one line), so keys the form does not
know (``treatmnets:``) stay as written; a value keeps the style it was written in, and a
``[...]`` spread over lines stays so. A new value (a new clinic, source or field) is written in
the style the file gives values at its place (``{city: …}`` or ``city:`` on its own line,
``"…"`` or plain; :func:`styles_of`). New text that YAML 1.1 and 1.2 would read differently is
quoted (see ``yaml_source``).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

from locator.data.entry_fields import FIELDS, Kind, same_data
from locator.data.formatting import CANONICAL_DASH, dump, round_trip_yaml
from locator.data.models import Clinic
from locator.data.yaml_source import compose, needs_quotes, to_python

_FIELD_ORDER = list(Clinic.model_fields)
ITEM = "[]"  # in a path, any item of a list
_DATE_FIELDS = {spec.path for spec in FIELDS if spec.kind in (Kind.DATE, Kind.OPTIONAL_DATE)}


@dataclass(frozen=True)
class Styles:
    """How a file writes its clinics' values, by path (a list's items at :data:`ITEM`: each
    source's covers is ``("sources", ITEM, "covers")``): the lists and mappings it writes on
    one line
    (``{city: Sandy, state: UT}``, ``[depression, anxiety]``) and the text it double-quotes.
    New values are written so; the ones already written keep their own style."""

    flow: frozenset[tuple[str, ...]] = frozenset()
    double_quoted: frozenset[tuple[str, ...]] = frozenset()


def styles_of(text: str) -> Styles:
    """The styles most of the values at each path take in ``text`` (clinics, as a YAML list)."""
    root, problems = compose(text)
    flow: Counter[tuple[str, ...]] = Counter()
    quoted: Counter[tuple[str, ...]] = Counter()
    collections: Counter[tuple[str, ...]] = Counter()
    scalars: Counter[tuple[str, ...]] = Counter()
    clinics = root.value if isinstance(root, yaml.SequenceNode) and not problems else []
    stack: list[tuple[tuple[str, ...], yaml.Node]] = [((), clinic) for clinic in clinics]
    seen: set[int] = set()  # a node an alias repeats is counted once, not once per alias
    while stack:
        path, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            scalars[path] += 1
            quoted[path] += node.style == '"'
            continue
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            collections[path] += 1
            flow[path] += bool(node.flow_style)
        if isinstance(node, yaml.MappingNode):
            stack.extend(((*path, str(key.value)), value) for key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((*path, ITEM), item) for item in node.value)
    return Styles(
        frozenset(p for p, n in flow.items() if 2 * n > collections[p]),
        frozenset(p for p, n in quoted.items() if 2 * n > scalars[p]),
    )


def rewritten(
    text: str, base: Mapping[str, Any], data: Mapping[str, Any], dash: int, styles: Styles
) -> tuple[str, Counter[str]]:
    """``text`` (one clinic, from its dash at column ``dash`` to the end of its last line,
    holding ``base``) rewritten to hold ``data``, new values in the file's ``styles``; with the
    comments that the rewrite would drop (ruamel.yaml loses those beside or after a field that
    was emptied)."""
    document = round_trip_yaml().load(_shift(text, CANONICAL_DASH - dash))
    before = Counter(_comments(document))
    _merge(document[0], base, data, (), styles)
    dumped = dump(document)
    # read back (ruamel.yaml's pure-Python reader: a second of a megabyte) only to find a
    # comment dropped, so only when the clinic had one
    lost = before - Counter(_comments(round_trip_yaml().load(dumped))) if before else Counter()
    return _keep_flow_lines(text, _shift(dumped, dash - CANONICAL_DASH)), lost


def new_entry(data: Mapping[str, Any], dash: int, styles: Styles) -> str:
    """A new clinic's text, its keys in the schema's order, its values in the file's
    ``styles``, its dash at column ``dash``."""
    ordered = {k: data[k] for k in sorted(data, key=_rank)}
    return _shift(dump(CommentedSeq([_yaml_value((), ordered, styles)])), dash - CANONICAL_DASH)


def _yaml_value(path: tuple[str, ...], value: Any, styles: Styles) -> Any:
    """Values as they should be written: risky strings quoted, dates plain, containers made
    round-trip, each in the style the file gives values at its path."""
    if path in _DATE_FIELDS and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)  # written 2026-11-25, as the others are
        except ValueError:
            pass
    if isinstance(value, str):
        quoted = needs_quotes(value) or path in styles.double_quoted
        return DoubleQuotedScalarString(value) if quoted else value
    if isinstance(value, Mapping):
        written: CommentedMap | CommentedSeq = CommentedMap()
        for key, item in value.items():
            written[key] = _yaml_value((*path, key), item, styles)
    elif isinstance(value, list | tuple):
        written = CommentedSeq([_yaml_value((*path, ITEM), item, styles) for item in value])
    else:
        return value
    if path in styles.flow:
        written.fa.set_flow_style()
    return written


def _comments(node: Any) -> Iterator[str]:
    """Every comment line held by a ruamel.yaml document, stripped. A value an alias repeats
    (``*name``) is walked once: walking it again for each alias of an alias takes forever."""
    stack, seen = [node], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CommentToken):
            yield from (line.strip() for line in item.value.splitlines() if line.strip())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        if isinstance(item, CommentedMap | CommentedSeq):
            stack.extend([item.ca.comment, item.ca.end, list(item.ca.items.values())])


def _shift(text: str, columns: int) -> str:
    """Indent every line by ``columns`` (fewer when negative, never past its text)."""
    if columns == 0:
        return text
    lines = text.splitlines(keepends=True)
    if columns > 0:
        return "".join(" " * columns + line if line.strip() else line for line in lines)
    cut = -columns
    return "".join(line[min(cut, len(line) - len(line.lstrip(" "))) :] for line in lines)


def _insert_in_order(mapping: CommentedMap, key: str, value: Any) -> None:
    """Add ``key`` where the schema puts it, not after last_verified."""
    rank = _FIELD_ORDER.index(key) if key in _FIELD_ORDER else len(_FIELD_ORDER)
    for position, existing in enumerate(mapping):
        if existing in _FIELD_ORDER and _FIELD_ORDER.index(existing) > rank:
            mapping.insert(position, key, value)
            return
    mapping[key] = value


def _rank(key: str) -> int:
    return _FIELD_ORDER.index(key) if key in _FIELD_ORDER else len(_FIELD_ORDER)


def _merge(
    mapping: CommentedMap,
    base: Mapping[str, Any],
    data: Mapping[str, Any],
    path: tuple[str, ...],
    styles: Styles,
) -> None:
    """Set in ``mapping`` what differs between ``base`` (what it holds) and ``data``, one key
    at a time and, inside a key, as little as can be (see :func:`_change`)."""
    for key in [*base, *(k for k in data if k not in base)]:
        old, new = base.get(key), data.get(key)
        if same_data(old, new):
            continue
        if new is None and key not in data:
            mapping.pop(key, None)
        elif key in mapping:
            _change(mapping, key, old, new, (*path, key), styles)
        else:
            _insert_in_order(mapping, key, _yaml_value((*path, key), new, styles))


def _change(
    container: Any, key: Any, old: Any, new: Any, path: tuple[str, ...], styles: Styles
) -> None:
    """Make ``container[key]`` (holding ``old``) hold ``new``: a mapping key by key, a list
    item by item (see :func:`_merge_list`), anything else in the style it was written in."""
    current = container[key]
    if isinstance(old, dict) and isinstance(new, dict) and isinstance(current, CommentedMap):
        _merge(current, old, new, path, styles)
    elif isinstance(old, list) and isinstance(new, list) and isinstance(current, CommentedSeq):
        _merge_list(current, old, new, path, styles)
    else:
        container[key] = _styled(current, _yaml_value(path, new, styles))


def _merge_list(
    sequence: CommentedSeq, base: list[Any], data: list[Any], path: tuple[str, ...], styles: Styles
) -> None:
    """Turn ``sequence`` (holding ``base``) into ``data`` touching only the items that differ:
    editing one source's covers rewrites that covers alone, not every source of the clinic."""
    matcher = difflib.SequenceMatcher(
        None, [_hashable(v) for v in base], [_hashable(v) for v in data], autojunk=False
    )
    for tag, start, end, new_start, new_end in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        paired = min(end - start, new_end - new_start)
        for offset in range(paired):  # a changed item is changed in place
            old, new = base[start + offset], data[new_start + offset]
            _change(sequence, start + offset, old, new, (*path, ITEM), styles)
        for index in reversed(range(start + paired, end)):
            del sequence[index]
        for index in range(new_start + paired, new_end):
            item = _yaml_value((*path, ITEM), data[index], styles)
            sequence.insert(start + index - new_start, item)


def _hashable(value: Any) -> Any:
    """A list item as something :mod:`difflib` can match (equal data, equal result)."""
    if isinstance(value, dict):
        return ("map", tuple((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(_hashable(v) for v in value))
    return (type(value).__name__, value)


_KEPT_STYLES = (DoubleQuotedScalarString, SingleQuotedScalarString, LiteralScalarString)


def _styled(current: Any, value: Any) -> Any:
    """``value`` written as the one it replaces was: a quoted (or ``|``) string keeps its
    quotes, a ``[a, b]`` list or ``{k: v}`` mapping stays on one line."""
    if isinstance(current, _KEPT_STYLES) and isinstance(value, str):
        return type(current)(str(value))
    if isinstance(current, str) and isinstance(value, str) and not needs_quotes(value):
        return str(value)  # written plain, it stays plain
    if isinstance(current, CommentedSeq | CommentedMap) and isinstance(
        value, CommentedSeq | CommentedMap
    ):
        if current.fa.flow_style():
            value.fa.set_flow_style()
        else:
            value.fa.set_block_style()
    return value


def _keep_flow_lines(text: str, written: str) -> str:
    """``written`` with each ``[...]`` or ``{...}`` that ``text`` spreads over several lines
    put back as it was, when its value and its line's indent are the same (ruamel.yaml would
    join it on one line, a change in lines nobody edited)."""
    old_root, old_problems = compose(text)
    new_root, new_problems = compose(written)
    if old_root is None or new_root is None or old_problems or new_problems:
        return written
    spread = {
        path: node
        for path, node in _flow_nodes(old_root)
        if node.start_mark.line != node.end_mark.line
    }
    for path, node in sorted(
        _flow_nodes(new_root), key=lambda found: found[1].start_mark.index, reverse=True
    ):
        old = spread.get(path)
        if (
            old is not None
            and _indent_at(text, old.start_mark.index) == _indent_at(written, node.start_mark.index)
            and same_data(to_python(old, text)[0], to_python(node, written)[0])
        ):
            start, end = node.start_mark.index, node.end_mark.index
            written = (
                written[:start] + text[old.start_mark.index : old.end_mark.index] + written[end:]
            )
    return written


def _flow_nodes(
    node: yaml.Node, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], yaml.Node]]:
    """Every outermost flow collection under ``node``, with its path."""
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.flow_style:
        yield path, node
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _flow_nodes(value, (*path, str(key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _flow_nodes(item, (*path, index))


def _indent_at(text: str, index: int) -> int:
    """The indent of the line that ``index`` is on."""
    line = text[text.rfind("\n", 0, index) + 1 :]
    return len(line) - len(line.lstrip(" "))
