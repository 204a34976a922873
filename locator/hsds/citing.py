"""The sources of imported entries: the quotes and documents locator exported, read back
from the metadata rows, or else the imported file itself, quoting its own words for each fact
(the name, the phone number, each term's name, as the file's strings say them), so that `locator
validate`, with the file beside the registry, can check every quote against it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import Any

from locator.data.vocabulary import Condition, Language, Treatment
from locator.hsds import correspondence as c


def cite(
    clinic: dict[str, Any],
    service: Mapping[str, Any],
    imported: dict[str, Any],
    documents: dict[str, dict[str, Any]],
) -> None:
    """The entry's sources: its quotes as locator exported them, else the imported file,
    quoting its words for each fact."""
    metadata = service.get("metadata") or []
    listed = _listed_documents(metadata)
    sources: list[dict[str, Any]] = []
    for row in metadata:
        if row.get("last_action_type") not in (c.QUOTED, c.QUOTED_VALUE):
            continue
        if row.get("resource_type", "service") != "service":
            continue  # the same quote for what a fact wrote (a schedule): the fact has it
        document = listed.get(row.get("updated_by"), {}).get("file") or row.get("updated_by")
        if not sources or (sources[-1]["document"], sources[-1]["quote"]) != (
            document,
            row.get("previous_value"),
        ):
            sources.append({"document": document, "quote": row.get("previous_value"), "covers": []})
        field_ = row.get("field_name")
        if field_ == c.QUOTED_NOTHING:
            continue
        covers = sources[-1]["covers"]
        if row["last_action_type"] == c.QUOTED:
            covers.append(field_)
        elif covers and isinstance(covers[-1], dict) and field_ in covers[-1]:
            covers[-1][field_].append(row.get("replacement_value"))
        else:
            covers.append({field_: [row.get("replacement_value")]})
    for source in sources:
        if not source["covers"]:
            del source["covers"]
    if sources:
        for document in listed.values():
            if any(s["document"] == document.get("file") for s in sources):
                documents.setdefault(document["file"], document)
        clinic["sources"] = sources
        return
    documents.setdefault(imported["file"], imported)
    clinic["sources"] = [
        {"document": imported["file"], "quote": quote, "covers": [cover]}
        for cover, quote in _quotes(clinic, service)
    ]


def _listed_documents(metadata: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The documents locator listed in the metadata rows, by the name sources give them."""
    found: dict[str, dict[str, Any]] = {}
    for row in metadata:
        kind, _dot, name = str(row.get("field_name")).partition(".")
        if row.get("last_action_type") == c.LISTED and kind == c.DOCUMENT:
            value: Any = row.get("replacement_value")
            if name == "read":
                value = dt.date.fromisoformat(value)
            found.setdefault(str(row.get("updated_by")), {})[name] = value
    return found


def _quotes(clinic: Mapping[str, Any], service: Mapping[str, Any]) -> Iterator[tuple[Any, str]]:
    """(what it covers, the imported file's words that state it) for each fact of an entry,
    and for each value of a list on its own (its name as the file writes it)."""
    from locator.data.provenance import EXEMPT

    for field_, value in clinic.items():
        if field_ in EXEMPT:
            continue
        if isinstance(value, list):
            for item in value:
                yield {field_: [item]}, _said(field_, item, service)
            continue
        if field_ == "address":
            words = str(value.get("street") or value.get("city") or value.get("postal_code"))
        elif field_ in c.PRICES:
            words = next(
                str(cost["amount_description"])
                for cost in service.get("cost_options") or []
                if c.PRICE_FIELDS.get(cost.get("option")) == field_
            )
        else:
            words = value if isinstance(value, str) else json.dumps(value)
        yield field_, words


def _said(field_: str, value: Any, service: Mapping[str, Any]) -> str:
    """How the imported file names one value of a list field (a term's name as written)."""
    if field_ in ("conditions", "treatments", "not_offered", "payment", "payment_not_accepted"):
        for attribute in service.get("attributes") or []:
            term = attribute.get("taxonomy_term") or {}
            if term.get("code") == value or _named(term.get("name"), value):
                return str(term.get("name") or value)
    if field_ == "languages":
        for language in service.get("languages") or []:
            term = c.LANGUAGES_BY_CODE.get(str(language.get("code") or "")) or c.term_named(
                Language, language.get("name")
            )
            if term is not None and term.value == value and language.get("name"):
                return str(language["name"])
    return value if isinstance(value, str) else json.dumps(value)


def _named(name: Any, key: str) -> bool:
    for vocabulary in (Condition, Treatment):
        term = c.term_named(vocabulary, name)
        if term is not None and term.value == key:
            return True
    return False
