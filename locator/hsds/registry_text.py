"""An imported registry as YAML text that every YAML reader reads alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from locator.data.block_yaml import one_line_json
from locator.data.yaml_source import needs_quotes


def registry_yaml(registry: Mapping[str, Any]) -> str:
    """The imported registry as YAML, text quoted wherever YAML 1.1 and 1.2 would read it
    differently (so ``locator validate`` reads what was meant), and what an entry kept of
    HSDS last, on one line, as the JSON HSDS is (JSON is YAML). Written by libyaml, entry by
    entry: a directory of 100,000 services takes seconds; ``locator fmt`` gives it the
    canonical layout."""
    parts = ["# yaml-language-server: $schema=clinics.schema.json\n"]
    parts.append(_dump({key: value for key, value in registry.items() if key != "clinics"}))
    parts.append("clinics:\n")
    for clinic in registry["clinics"]:
        entry = _dump([{key: value for key, value in clinic.items() if key != "hsds"}])
        parts.append("".join(f"  {line}\n" for line in entry.splitlines()))
        if clinic.get("hsds"):
            parts.append(f"    hsds: {one_line_json(clinic['hsds'])}\n")
    return "".join(parts)


_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _QuotingDumper(_Dumper):
    """libyaml's safe dumper, quoting text that would not read back as the same string."""


def _text(dumper: Any, text: str) -> Any:
    style = '"' if needs_quotes(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_QuotingDumper.add_representer(str, _text)


def _dump(data: Any) -> str:
    dumped: str = yaml.dump(
        data, Dumper=_QuotingDumper, sort_keys=False, allow_unicode=True, width=2**31 - 1
    )
    return dumped
