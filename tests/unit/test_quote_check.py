"""Quotes checked against their documents where the documents are at hand."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
import yaml

from locator.data.editing import RegistryDocument
from locator.data.provenance import DocumentWords, document_words, quote_check
from tests.helpers.language import speaking
from tests.helpers.paths import REPO, SEED_COPY
from tests.helpers.registry_texts import VALID

PHONE = {
    "name": "First Clinic",
    "phone": "(801) 555-0100",
    "address": {"city": "Sandy", "state": "UT"},
}


def read(registry: Path) -> Callable[[str], DocumentWords | None]:
    """The documents beside ``registry``, by name, as the editor reads them."""
    return partial(document_words, registry)


def with_source(quote: str, covers: list[str], document: str = "call.txt") -> dict[str, object]:
    return {**PHONE, "sources": [{"document": document, "quote": quote, "covers": covers}]}


def registry_with_seed(tmp_path: Path, text: str) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "call.txt").write_text(text, encoding="utf-8")
    return tmp_path / "clinics.yaml"


def test_a_quote_found_word_for_word_across_a_line_break_is_fine(tmp_path: Path) -> None:
    registry = registry_with_seed(tmp_path, "First Clinic in Sandy: call\n(801) 555-0100.\n")
    quote = "First Clinic in Sandy: call (801) 555-0100."
    assert quote_check(with_source(quote, ["name", "address", "phone"]), read(registry)) == ([], [])


def test_a_quote_not_in_its_document_is_named(tmp_path: Path) -> None:
    registry = registry_with_seed(tmp_path, "First Clinic: call (801) 555-0100.\n")
    notes, unchecked = quote_check(
        with_source("First Clinic: call (801) 555-0199.", ["phone"]), read(registry)
    )
    assert unchecked == []
    assert notes == [
        (
            ("sources", 0, "quote"),
            "this quote is not in call.txt word for word; copy it from the document (curly "
            "quotes and all)",
        )
    ]


def test_a_quote_that_does_not_name_what_it_supports_is_named(tmp_path: Path) -> None:
    registry = registry_with_seed(tmp_path, "First Clinic is open on weekdays.\n")
    notes = quote_check(
        with_source("First Clinic is open on weekdays.", ["name", "phone", "address"]),
        read(registry),
    )[0]
    assert [where for where, _note in notes] == [
        ("sources", 0, "covers", 1),
        ("sources", 0, "covers", 2),
    ]


def test_a_document_not_at_hand_is_said_not_checked(tmp_path: Path) -> None:
    wrong, notes = quote_check(with_source("Anything.", ["phone"]), read(tmp_path / "clinics.yaml"))
    assert wrong == []  # not checked is not wrong
    assert notes[0][1].startswith("quote not checked: call.txt is not at hand")


def test_every_quote_of_the_bundled_registry_passes(tmp_path: Path) -> None:
    shutil.copytree(SEED_COPY, tmp_path / "seeds")
    registry = yaml.safe_load((REPO / "clinics.yaml").read_text(encoding="utf-8"))
    for clinic in registry["clinics"]:
        assert quote_check(clinic, read(tmp_path / "clinics.yaml")) == ([], []), clinic["id"]


def test_a_document_put_beside_the_registry_while_it_is_edited_is_then_checked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    document = RegistryDocument.open(path)
    key = document.key_for("second-clinic")
    assert "seed.txt is not at hand" in document.quote_notes(key)[0][1]
    assert document.problems(key) == []  # not checked is not wrong
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "seed.txt").write_text("Another quote.\n", encoding="utf-8")
    assert document.quote_notes(key) == []  # found now, and read
    assert document.problems(key) == [
        (
            ("sources", 0, "covers", 0),
            "Sources, row 1: supports: the quote does not name Second Clinic, so it does not "
            "support 'Name'; cite a quote that says it",
        )
    ]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            "quote not checked: package.zip is a damaged zip (cut short, or a file in it "
            "damaged); make the zip again",
        ),
        (
            "es",
            "cita sin comprobar: package.zip es un zip dañado (cortado, o con un archivo dañado "
            "dentro); vuelva a crear el zip",
        ),
    ],
)
def test_a_zip_cut_short_is_said_to_be_damaged_not_searched_as_text(
    tmp_path: Path, language: str, said: str
) -> None:
    """zipfile finds no directory in a zip cut short: read as text instead, its every quote
    was "not in it word for word"."""
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("services.csv", "id,name\n1,First Clinic: call (801) 555-0100.\n" * 50)
    data = whole.read_bytes()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "package.zip").write_bytes(data[: len(data) // 2])
    quoted = with_source("First Clinic: call (801) 555-0100.", ["phone"], "package.zip")
    with speaking(language):
        wrong, unchecked = quote_check(quoted, read(tmp_path / "clinics.yaml"))
    assert wrong == []
    assert unchecked == [(("sources", 0, "document"), said)]
