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
    """A JSON Schema validator of the HSDS object ``name``, resolving its ``$ref`` to the
    other vendored schemas."""
    from jsonschema import Draft202012Validator  # only when a file is checked
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    schemas = Registry().with_resources(
        (path.name, Resource.from_contents(object_schema(path.stem), DRAFT202012))
        for path in SCHEMA_FOLDER.glob("*.json")
        if path.name != "datapackage.json"
    )
    return Draft202012Validator(object_schema(name), registry=schemas)
