"""HSDS 3.0's service schema as the tests check exports against it: the vendored schemas, each
relative ``$ref`` resolved to its neighbour."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator
from referencing import Registry as SchemaRegistry
from referencing import Resource
from referencing.jsonschema import DRAFT202012

from tests.helpers.paths import REPO

SCHEMAS = REPO / "locator" / "hsds" / "schema"


def service_validator() -> Draft202012Validator:
    """A validator of one HSDS service, its $refs resolved to the other vendored schemas."""
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text("utf-8")), DRAFT202012))
        for path in SCHEMAS.glob("*.json")
        if path.name != "datapackage.json"
    ]
    service = json.loads((SCHEMAS / "service.json").read_text("utf-8"))
    return Draft202012Validator(service, registry=SchemaRegistry().with_resources(resources))
