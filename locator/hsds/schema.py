"""The vendored HSDS 3.0 schemas (``schema/``, CC BY-SA 4.0, Open Referral): the JSON Schema
of each object, linked by relative ``$ref`` ("phone.json"), and the Tabular Data Package
description whose Table Schemas say what each CSV file holds.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SCHEMA_FOLDER = Path(__file__).with_name("schema")


@functools.cache
def object_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of the HSDS object ``name`` ("service")."""
    loaded: dict[str, Any] = json.loads((SCHEMA_FOLDER / f"{name}.json").read_text("utf-8"))
    return loaded


@functools.cache
def package() -> dict[str, Any]:
    """The HSDS Tabular Data Package description (datapackage.json)."""
    loaded: dict[str, Any] = json.loads((SCHEMA_FOLDER / "datapackage.json").read_text("utf-8"))
    return loaded


def resources() -> list[dict[str, Any]]:
    """Each table of the package, in its order: name, path (the CSV file) and Table Schema."""
    found: list[dict[str, Any]] = package()["resources"]
    return found


def resource(name: str) -> dict[str, Any]:
    """The table of the HSDS object ``name`` ("phone": phones.csv)."""
    return next(table for table in resources() if table["name"] == name)


def columns(name: str) -> list[str]:
    """The columns of the HSDS object ``name``'s table, in order."""
    return [field["name"] for field in resource(name)["schema"]["fields"]]


def links(name: str) -> Iterator[tuple[str, str, bool]]:
    """(property, object, is a list) for each object the HSDS object ``name`` holds inline
    ("phones", "phone", True; "organization", "organization", False)."""
    for key, spec in object_schema(name)["properties"].items():
        ref = spec.get("$ref") or spec.get("items", {}).get("$ref")
        if ref:
            yield key, ref.removesuffix(".json"), "items" in spec


@functools.cache
def validator(name: str = "service") -> Any:
    """A JSON Schema validator of the HSDS object ``name``, each ``$ref`` to another vendored
    schema put in its place (HSDS's links form a tree: a service holds phones, a phone its
    languages…, never itself): a check then follows no reference, some 40% faster on a large
    file than resolving each one."""
    from jsonschema import Draft202012Validator  # only when a file is checked

    return Draft202012Validator(_inline(object_schema(name), (name,)))


@functools.cache
def _fast_validator(name: str) -> Any:
    """The same check as :func:`validator`'s, compiled (jsonschema-rs: some 30 times as fast),
    which says only whether an object is valid, not where it is not."""
    import jsonschema_rs  # only when a file is checked

    return jsonschema_rs.Draft202012Validator(_inline(object_schema(name), (name,)))


@functools.cache
def _property_validator(name: str, key: str) -> Any | None:
    spec = object_schema(name)["properties"].get(key)
    if spec is None:
        return None
    import jsonschema_rs  # only when a registry's kept HSDS is given back

    return jsonschema_rs.Draft202012Validator(_inline(spec, (name,)))


def fits(value: Any, key: str, name: str = "service") -> bool:
    """Whether ``value`` is valid HSDS as the property ``key`` of an object ``name`` (an
    entry's ``hsds``, which a registry edited by hand may hold in any shape, is given back
    only so); a key HSDS does not name fits, as its objects take more."""
    check = _property_validator(name, key)
    try:
        return check is None or bool(check.is_valid(value))
    except ValueError:  # text that is not Unicode
        return False


def errors(item: Any, name: str = "service") -> Iterator[Any]:
    """Each way ``item`` is not a valid HSDS object ``name``, as jsonschema's ValidationErrors
    (which say where, for the sentences :mod:`.reading` makes of them): a valid object, the
    common case, is passed by the compiled check alone; only an invalid one, or one it cannot
    take (text that is not Unicode, as JSON's "\\ud800" is), is checked again to locate its
    problems."""
    try:
        if _fast_validator(name).is_valid(item):
            return iter(())
    except ValueError:  # UnicodeEncodeError is one
        pass
    found: Iterator[Any] = validator(name).iter_errors(item)
    return found


def _inline(node: Any, chain: tuple[str, ...]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.endswith(".json"):
            linked = ref.removesuffix(".json")
            if linked in chain:  # not so in HSDS 3.0; a loop would never end
                raise ValueError(f"the HSDS schemas link {linked} inside itself")
            return _inline(object_schema(linked), (*chain, linked))
        return {key: _inline(value, chain) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(item, chain) for item in node]
    return node
