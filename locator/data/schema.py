"""The registry's JSON Schema, for editors that check YAML as it is typed."""

from __future__ import annotations

import json

from locator.data.models import Registry

SCHEMA_FILE = "clinics.schema.json"


def registry_json_schema() -> str:
    """The JSON Schema of registry v1 as the text of ``clinics.schema.json``."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Registry.model_json_schema(),
        "title": "locator clinic registry",
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
