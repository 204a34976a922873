"""An imported registry as YAML text that every YAML reader reads alike."""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Mapping
from typing import Any

import yaml

from locator.data.block_yaml import one_line_json
from locator.data.yaml_source import needs_quotes


def registry_head(fields: Mapping[str, Any]) -> str:
    """What a registry's YAML holds before its entries (``fields``: the registry's own, such
    as its documents), up to ``clinics:``, under which :func:`entry_yaml` writes each entry.
    Text is quoted wherever YAML 1.1 and 1.2 would read it differently (so ``locator
    validate`` reads what was meant); ``locator fmt`` gives the whole the canonical layout."""
    return f"# yaml-language-server: $schema=clinics.schema.json\n{_dump(dict(fields))}clinics:\n"


def entry_yaml(clinic: Mapping[str, Any]) -> str:
    """One entry's lines under ``clinics:``, quoted as :func:`registry_head` says, and what
    it kept of HSDS last, on one line, as the JSON HSDS is (JSON is YAML). Written as libyaml
    writes it (:func:`_entry_lines`), faster: a directory of 100,000 services takes seconds.
    An import writes each entry as it is made, and holds no entry once written."""
    entry = {key: value for key, value in clinic.items() if key != "hsds"}
    try:
        lines = _entry_lines(entry)
    except _UnusualError:
        lines = [f"  {line}" for line in _dump([entry]).splitlines()]
    if clinic.get("hsds"):
        lines.append(f"    hsds: {one_line_json(clinic['hsds'])}")
    return "".join(f"{line}\n" for line in lines)


class _UnusualError(Exception):
    """A value :func:`_entry_lines` leaves to libyaml to write."""


# What a plain value may not start with (YAML's indicators), and what it may not hold.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")


def _entry_lines(entry: Mapping[str, Any]) -> list[str]:
    """An entry's lines under ``clinics:``, as libyaml writes them (``- id: …``, the rest
    indented under it, a list under its key unindented), some five times as fast: its fields
    are text, numbers, dates, lists and dicts (an import's plain values: a dict is told at
    once, where asking whether a value is a Mapping is slow). Anything else is libyaml's."""
    lines = _mapping(entry, "    ")
    if not lines:
        raise _UnusualError
    lines[0] = "  - " + lines[0][4:]
    return lines


def _mapping(mapping: Mapping[str, Any], indent: str) -> list[str]:
    lines = []
    for key, value in mapping.items():
        if not isinstance(key, str) or _scalar(key) != key:
            raise _UnusualError
        if isinstance(value, dict) and value:
            lines.append(f"{indent}{key}:")
            lines.extend(_mapping(value, indent + "  "))
        elif isinstance(value, list) and value:
            lines.append(f"{indent}{key}:")
            lines.extend(_sequence(value, indent))
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}")
    return lines


def _sequence(items: list[Any], indent: str) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, dict) and item:
            inner = _mapping(item, indent + "  ")
            lines.append(f"{indent}- {inner[0][len(indent) + 2 :]}")
            lines.extend(inner[1:])
        elif isinstance(item, list) and item:
            raise _UnusualError  # a list in a list: rare
        else:
            lines.append(f"{indent}- {_scalar(item)}")
    return lines


def _scalar(value: Any) -> str:
    """A value as libyaml writes it here: text double-quoted (escaped as JSON is, which YAML
    reads alike) where YAML could read it as another value or it holds a character that is
    not printable, else plain where it surely reads back as itself, else in single quotes."""
    if isinstance(value, str):
        return _remembered(value) if len(value) <= _REMEMBERED else _written(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value) and "e" not in repr(value):
        return repr(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if value == [] or value == {}:
        return str(value)
    raise _UnusualError


_REMEMBERED = 200  # characters of a text whose writing is remembered: names, towns, sources


def _written(text: str) -> str:
    """Text as :func:`_scalar` writes it."""
    if not text.isprintable() or needs_quotes(text) or _read_as_other(text):
        return one_line_json(text)
    if (
        text
        and text[0] not in _INDICATORS
        and text[-1] not in " :"
        and ": " not in text
        and " #" not in text
    ):
        return text
    return "'" + text.replace("'", "''") + "'"


# An import writes the same short texts again and again (a town, a document's name, a field
# a quote covers): each is judged once.
_remembered = functools.lru_cache(maxsize=1 << 16)(_written)


# PyYAML's own patterns for what plain text means, by first character: a date such as
# 0001-01-01 is one, which locator's reader keeps as text but PyYAML reads as a date.
_RESOLVERS = yaml.SafeLoader.yaml_implicit_resolvers


def _read_as_other(text: str) -> bool:
    """True when PyYAML would read ``text``, written plain, as something other than text."""
    return any(
        tag != "tag:yaml.org,2002:str" and pattern.match(text)
        for tag, pattern in _RESOLVERS.get(text[:1], ())
    )


_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _QuotingDumper(_Dumper):
    """libyaml's safe dumper, quoting text that would not read back as the same string: a
    line separator (U+2028) or a character that is not printable is escaped in double quotes
    (left plain or single-quoted, libyaml would write it raw, and it would read back as a
    space)."""


def _text(dumper: Any, text: str) -> Any:
    style = '"' if needs_quotes(text) or not text.isprintable() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_QuotingDumper.add_representer(str, _text)


def _dump(data: Any) -> str:
    dumped: str = yaml.dump(
        data, Dumper=_QuotingDumper, sort_keys=False, allow_unicode=True, width=2**31 - 1
    )
    return dumped
