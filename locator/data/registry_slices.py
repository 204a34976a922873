"""A registry's text cut into its head, one slice per clinic and its tail.

A save writes every slice nobody edited exactly as it was read (CRLF, long lines and comments
included), so a save without edits is byte-identical and ``git diff`` after an edit shows only
that clinic. Slicing is also what keeps 10,000 clinics fast: the lines of a file in the block
layout (block_yaml), else libyaml's positions, find the slices, and ruamel.yaml (pure
Python, slow) only ever sees the clinics that were edited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from locator.data import block_yaml
from locator.data.formatting import CANONICAL_DASH
from locator.data.yaml_source import Problem, aliased_data, compose, mark_of
from locator.errors import RegistryError
from locator.i18n import _


@dataclass(frozen=True)
class ClinicSlice:
    """One clinic as written, and what its text says."""

    lead: str  # blank lines and comments between the previous clinic and this one
    text: str  # from its dash to the end of its last line
    data: dict[str, Any]


@dataclass(frozen=True)
class RegistrySlices:
    """The whole text: ``head``, then each clinic's ``lead`` and ``text``, then ``tail``."""

    head: str
    tail: str
    clinics: list[ClinicSlice]
    dash: int  # the column of the clinics' dashes
    brackets: str = ""  # "clinics: []" as written, while the list is empty
    # read by :mod:`block_yaml`, as the full check reads a file in the block layout: each
    # clinic's values are then those the check would find in its text (how the slices were
    # read, not what they are: two readings that cut alike are equal)
    block_layout: bool = field(default=False, compare=False)


def slice_registry(text: str, source: str) -> RegistrySlices:
    """Cut ``text`` (read from ``source``) into its slices.

    Raises :class:`RegistryError` when it is not YAML or has no block list of clinics, with
    the problem at its line and column as ``locator validate`` reports it.
    """
    quick = block_yaml.read_with_clinic_lines(text)
    sliced = by_lines(text, *quick) if quick is not None else None
    return sliced or by_positions(text, source)


def by_positions(text: str, source: str) -> RegistrySlices:
    """:func:`slice_registry` by libyaml's positions, whatever the layout."""
    root, problems = compose(text)
    if problems:
        raise RegistryError(source, problems)
    clinics = None
    if isinstance(root, yaml.MappingNode):
        clinics = next((v for k, v in root.value if k.value == "clinics"), None)
    if root is None or not isinstance(clinics, yaml.SequenceNode):
        line, column = mark_of(root, ("clinics",)) if root is not None else (1, 1)
        message = _("the registry needs a list of clinics (clinics:) to be edited")
        raise RegistryError(source, [Problem(line, column, message)])
    if clinics.flow_style and clinics.value:
        line, column = clinics.start_mark.line + 1, clinics.start_mark.column + 1
        message = _("clinics are written as one [...] list; run `locator fmt` to edit them here")
        raise RegistryError(source, [Problem(line, column, message)])
    whole, aliases = aliased_data(root, text)
    if aliases:  # saving would write each value out, or fail: the file is fixed by hand first
        raise RegistryError(source, aliases)
    plain = whole["clinics"]  # the first "clinics", as above
    if not clinics.value:  # "clinics: []": new clinics replace the brackets
        start, end = clinics.start_mark.index, clinics.end_mark.index
        head = text[:start].rstrip(" ")
        return RegistrySlices(head, text[end:], [], CANONICAL_DASH, text[len(head) : end])
    starts = [text.rfind("\n", 0, item.start_mark.index) + 1 for item in clinics.value]
    ends = [_line_end(text, _content_end(item)) for item in clinics.value]
    dash = len(text[starts[0] :]) - len(text[starts[0] :].lstrip(" "))
    return _sliced(text, starts, ends, plain, dash)


def by_lines(
    text: str, data: Any, clinics: list[tuple[int, int]], lines: list[str]
) -> RegistrySlices | None:
    """The slices of a file in the block layout, cut by each clinic's first and last line
    (:func:`block_yaml.read_with_clinic_lines`, whose ``lines`` are ``text`` split at each
    line break) as libyaml's positions would cut them; None for a list of clinics that is
    empty, or not a block list (libyaml's to place)."""
    plain = data.get("clinics") if isinstance(data, dict) else None
    if not isinstance(plain, list) or not plain or len(plain) != len(clinics):
        return None
    # each slice joined from its lines: no line's place in the text is summed up (620,000
    # lines at 10,000 clinics took a tenth of the editor's opening)
    slices = []
    previous = clinics[0][0]
    for (first, last), clinic in zip(clinics, plain, strict=True):
        base = clinic if isinstance(clinic, dict) else {}
        slices.append(
            ClinicSlice(_span(lines, previous, first), _span(lines, first, last + 1), base)
        )
        previous = last + 1
    first_line = lines[clinics[0][0]]
    dash = len(first_line) - len(first_line.lstrip(" "))
    head, tail = _span(lines, 0, clinics[0][0]), "\n".join(lines[previous:])
    return RegistrySlices(head, tail, slices, dash, block_layout=True)


def _span(lines: list[str], start: int, end: int) -> str:
    """The text of lines ``start`` to ``end`` (that one not included), each with its line
    break but the file's last line, which has none."""
    if end >= len(lines):
        return "\n".join(lines[start:])
    return "\n".join(lines[start:end]) + "\n" if end > start else ""


def _sliced(
    text: str, starts: list[int], ends: list[int], plain: list[Any], dash: int
) -> RegistrySlices:
    """The slices between each clinic's start and end in ``text``."""
    slices = []
    previous_end = starts[0]
    for start, end, data in zip(starts, ends, plain, strict=True):
        base = data if isinstance(data, dict) else {}
        slices.append(ClinicSlice(text[previous_end:start], text[start:end], base))
        previous_end = end
    return RegistrySlices(text[: starts[0]], text[previous_end:], slices, dash)


def _content_end(node: yaml.Node) -> int:
    """Where a node's last value ends (a block mapping's own end is after what follows it)."""
    while (
        isinstance(node, yaml.MappingNode | yaml.SequenceNode)
        and not node.flow_style
        and node.value
    ):
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return int(node.end_mark.index)


def _line_end(text: str, index: int) -> int:
    """The index just past the line that ``index`` is on (a value ending at a line's start
    belongs to the line before)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1
