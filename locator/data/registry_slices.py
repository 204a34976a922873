"""A registry's text cut into its head, one slice per clinic and its tail.

A save writes every slice nobody edited exactly as it was read (CRLF, long lines and comments
included), so a save without edits is byte-identical and ``git diff`` after an edit shows only
that clinic. Slicing is also what keeps 10,000 clinics fast: libyaml finds the slices, and
ruamel.yaml (pure Python, slow) only ever sees the clinics that were edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from locator.data.formatting import CANONICAL_DASH
from locator.data.yaml_source import Problem, compose, mark_of, to_python
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


def slice_registry(text: str, source: str) -> RegistrySlices:
    """Cut ``text`` (read from ``source``) into its slices.

    Raises :class:`RegistryError` when it is not YAML or has no block list of clinics, with
    the problem at its line and column as ``locator validate`` reports it.
    """
    root, problems = compose(text)
    if problems:
        raise RegistryError(source, problems)
    clinics = None
    if isinstance(root, yaml.MappingNode):
        clinics = next((v for k, v in root.value if k.value == "clinics"), None)
    if not isinstance(clinics, yaml.SequenceNode):
        line, column = mark_of(root, ("clinics",)) if root is not None else (1, 1)
        message = _("the registry needs a list of clinics (clinics:) to be edited")
        raise RegistryError(source, [Problem(line, column, message)])
    if clinics.flow_style and clinics.value:
        line, column = clinics.start_mark.line + 1, clinics.start_mark.column + 1
        message = _("clinics are written as one [...] list; run `locator fmt` to edit them here")
        raise RegistryError(source, [Problem(line, column, message)])
    plain, _problems = to_python(clinics, text)
    if not clinics.value:  # "clinics: []": new clinics replace the brackets
        start, end = clinics.start_mark.index, clinics.end_mark.index
        head = text[:start].rstrip(" ")
        return RegistrySlices(head, text[end:], [], CANONICAL_DASH, text[len(head) : end])
    starts = [text.rfind("\n", 0, item.start_mark.index) + 1 for item in clinics.value]
    ends = [_line_end(text, _content_end(item)) for item in clinics.value]
    dash = len(text[starts[0] :]) - len(text[starts[0] :].lstrip(" "))
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
