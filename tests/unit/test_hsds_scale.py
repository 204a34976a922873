"""A large HSDS import: its schema check and the check of its quotes, fast for the common
case and the same in what they find."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from locator.data.provenance import document_words, quote_check
from locator.hsds import schema
from locator.hsds.reading import HsdsError, read

EXAMPLE = Path(__file__).parents[1] / "data" / "hsds" / "service_full.json"


def test_a_valid_service_has_no_problem_and_an_invalid_one_is_located() -> None:
    service = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert list(schema.errors(service)) == []
    service["phones"][0]["number"] = 5
    del service["name"]
    found = sorted((list(error.absolute_path), error.validator) for error in schema.errors(service))
    assert found == [([], "required"), (["phones", 0, "number"], "type")]


def test_text_that_is_not_unicode_is_checked_all_the_same(tmp_path: Path) -> None:
    """JSON may write a lone surrogate ("\\ud800"), which the compiled check cannot take."""
    text = EXAMPLE.read_text(encoding="utf-8")
    service = json.loads(text)
    service["name"] = "Clinic \ud800"
    path = tmp_path / "services.json"
    path.write_text(json.dumps(service), encoding="utf-8")
    assert read(path).services[0]["name"] == "Clinic \ud800"
    service["status"] = 7
    path.write_text(json.dumps(service), encoding="utf-8")
    with pytest.raises(HsdsError) as raised:
        read(path)
    assert raised.value.problems == [
        "services.json: /status: 7 is not of type string",
        "services.json: /status: 7 is not one of active, inactive, defunct, temporarily closed",
    ]


def test_quotes_of_a_large_json_file_are_found_whole_or_in_part(tmp_path: Path) -> None:
    strings = [f"Counselling service {index}" for index in range(20_000)]
    (tmp_path / "services.json").write_text(
        json.dumps([{"name": name, "capacity": 12.5} for name in strings]), encoding="utf-8"
    )
    words = document_words(tmp_path / "clinics.yaml", "services.json")
    assert words is not None
    assert "Counselling service 19999" in words  # one of its strings, whole
    assert "service 19" in words  # part of one
    assert "12.5" in words  # the file's own text, not a string
    assert "Counselling service 20000" not in words
    quotes = [{"document": "services.json", "quote": name, "covers": ["name"]} for name in strings]
    clinic = {"name": strings[-1], "sources": quotes[-1:]}
    assert quote_check(clinic, lambda _document: words) == ([], [])
