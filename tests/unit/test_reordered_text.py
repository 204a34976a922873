"""A registry whose text would read other than it is written: characters that turn the text
after them around, and a website naming a user before the host it really opens."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from types import FrameType

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from locator.compare import ComparisonMatrix, Preparation
from locator.data.bidi import neutral
from locator.data.loader import load_registry
from locator.data.models import Registry
from locator.errors import RegistryError
from locator.mapping.payload import MapClinic, map_payload
from locator.presentation import website_host
from locator.referral import referral_html
from locator.ui.registry_editor import RegistryEditor
from tests.helpers.cli import CliRunner
from tests.helpers.language import speaking
from tests.helpers.registry_texts import VALID

RLO, PDF, RLI, PDI = "\u202e", "\u202c", "\u2067", "\u2069"
NAME = "name: First Clinic"


def written(tmp_path: Path, registry: str) -> Path:
    path = tmp_path / "clinics.yaml"
    path.write_text(registry, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("replaced", "by", "said"),
    [
        (NAME, f'{NAME}\n    website: "https://example.org/{RLO}fdp.exe"', "reorders the text"),
        (NAME, f'{NAME}\n    website: "https://example.org/\u200ea"', "reorders the text"),
        (
            'document: seed.txt, quote: "A quote."',
            f'document: "{RLO}txt.exe", quote: "A."',
            "reorders the text",
        ),
        (NAME, f'{NAME}\n    service_area: ["{RLI}ydnaS{PDI}, UT"]', "reorders the text"),
        (
            "schema_version: 1",
            f'schema_version: 1\nmaintainer: {{email: "a{RLO}@b.org"}}',
            "reorders the text",
        ),
        (
            NAME,
            f"{NAME}\n    website: https://trusted.example@evil.example/",
            "names a user before '@', so the host used is evil.example",
        ),
        (
            NAME,
            f"{NAME}\n    website: 'https://me:secret@evil.example'",
            "names a user before '@', so the host used is evil.example",
        ),
        (
            "schema_version: 1",
            "schema_version: 1\nmaintainer: {url: 'https://a@evil.example/'}",
            "names a user before '@', so the host used is evil.example",
        ),
        (
            NAME,
            f"{NAME}\n    website: https://b\u00fccher.example/",
            "the host b\u00fccher.example is not plain ASCII, so the host used is "
            "xn--bcher-kva.example",
        ),
        (
            NAME,
            f"{NAME}\n    website: https://trusted\u3002example/",
            "not plain ASCII, so the host used is trusted.example",
        ),
        (
            NAME,
            f"{NAME}\n    website: 'https://evil.example\\.trusted.example/'",
            "is read as '/', so the host used is evil.example",
        ),
        (
            NAME,
            f"{NAME}\n    website: https://%65vil.example/",
            "holds '%' escapes, so the host used is evil.example",
        ),
        (NAME, f"{NAME}\n    website: https://ok.example:0/", "the port “0” is not one from 1"),
        (NAME, f"{NAME}\n    website: https://ok.example:99999/", "the port “99999” is not one"),
        (
            NAME,
            f"{NAME}\n    website: HTTPS://GOOD.EXAMPLE/",
            "is not valid here: write http:// or https:// in lower case",
        ),
        (
            NAME,
            f"{NAME}\n    website: https://0x7f.1/",
            "the host 0x7f.1 is a number, so the host used is 127.0.0.1",
        ),
    ],
)
def test_validate_refuses_a_name_or_address_that_reads_as_another(
    tmp_path: Path, run_cli: CliRunner, replaced: str, by: str, said: str
) -> None:
    assert replaced in VALID
    written(tmp_path, VALID.replace(replaced, by, 1))
    result = run_cli("validate", "clinics.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert said in result.stderr


def test_an_at_sign_after_the_host_is_part_of_the_page(tmp_path: Path, run_cli: CliRunner) -> None:
    maintainer = "maintainer: {url: 'https://ok.example/@team?a=@'}"
    written(tmp_path, VALID.replace("schema_version: 1", f"schema_version: 1\n{maintainer}"))
    assert run_cli("validate", "clinics.yaml", cwd=tmp_path).returncode == 0
    assert website_host("https://ok.example/@team?a=@") == "ok.example"


def test_every_export_shows_text_in_the_order_it_is_stored(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    turned = f"Trusted Clinic {RLO}moc.live{PDF}"
    written(tmp_path, VALID.replace(NAME, f'name: "{turned}"\n    notes: "{RLI}x{PDI}"'))
    shown = "Trusted Clinic \ufffdmoc.live\ufffd"
    for kind in ("csv", "markdown", "html", "json"):
        result = run_cli(
            "compare", "first-clinic", "second-clinic", "--format", kind,
            "-o", f"out.{kind}", "--registry", "clinics.yaml", cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        text = (tmp_path / f"out.{kind}").read_text(encoding="utf-8")
        assert not any(c in text for c in (RLO, PDF, RLI, PDI)), kind
        assert shown in text or shown.encode("ascii", "backslashreplace").decode() in text, kind


def test_neutral_leaves_marks_and_other_text_alone() -> None:
    assert neutral("Clínica \u200euno") == "Clínica \u200euno"
    assert neutral(f"a{RLO}b{PDF}") == "a\ufffdb\ufffd"


def test_the_referral_summary_and_the_map_show_text_in_the_order_it_is_stored(
    tmp_path: Path,
) -> None:
    turned = f"Trusted Clinic {RLO}moc.live{PDF}"
    registry = load_registry(
        written(tmp_path, VALID.replace(NAME, f'name: "{turned}"\n    notes: "{RLI}x{PDI}"')),
        use_cache=False,
    )
    summary = referral_html(registry.clinics)
    popup = json.dumps(map_payload([MapClinic(c) for c in registry.clinics]))
    for shown in (summary, popup):
        assert not any(c in shown for c in (RLO, PDF, RLI, PDI))
    assert "Trusted Clinic \ufffdmoc.live\ufffd" in summary
    assert "Trusted Clinic \\ufffdmoc.live\\ufffd" in popup  # as JSON writes it


def test_typed_prepared_for_and_note_go_into_documents_neutralised(tmp_path: Path) -> None:
    registry = load_registry(written(tmp_path, VALID), use_cache=False)
    prepared = Preparation(f"Pat {RLO}fdp.exe{PDF}", f"note {RLI}lmth.exe{PDI}\nline two")
    matrix = replace(ComparisonMatrix.of(registry.clinics[:2]), prepared=prepared)
    documents = {
        "referral": referral_html(registry.clinics, prepared=prepared),
        "html": matrix.to_html(),
        "markdown": matrix.to_markdown(),
        "csv": matrix.to_csv(),
    }
    for kind, text in documents.items():
        assert not any(c in text for c in (RLO, PDF, RLI, PDI)), kind
        assert "Pat \ufffdfdp.exe\ufffd" in text, kind
        assert "note \ufffdlmth.exe\ufffd" in text, kind


# every character validate refuses in an id, website, email or document name: the editor names
# each of them, the marks too (U+061C, U+200E, U+200F), from the same list
REFUSED = ("\u061c", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069")


def test_validate_and_the_editor_name_the_same_characters(tmp_path: Path, qtbot: QtBot) -> None:
    for character in REFUSED:
        website = VALID.replace(NAME, f'{NAME}\n    website: "https://a.org/{character}x"', 1)
        with pytest.raises(RegistryError, match="reorders the text"):
            load_registry(written(tmp_path, website), use_cache=False)
    registry = written(
        tmp_path, VALID.replace('quote: "A quote."', f'quote: "A {"".join(REFUSED)}quote."', 1)
    )
    editor = RegistryEditor(registry)
    qtbot.addWidget(editor)
    editor.show()
    warning = editor.form.reordering["sources"]
    assert warning.isVisible()
    assert "U+061C, U+200E, U+200F, U+202A, U+202E, U+2066, U+2069" in warning.text()
    assert not editor.form.reordering["name"].isVisible()


def test_each_field_showing_reordering_text_live_names_it_and_a_save_keeps_it(
    tmp_path: Path, qtbot: QtBot
) -> None:
    original = VALID.replace("name: First Clinic", f'name: "Trusted {RLO}moc.live"', 1)
    registry = written(tmp_path, original)
    editor = RegistryEditor(registry)
    qtbot.addWidget(editor)
    editor.show()
    warnings = editor.form.reordering
    assert warnings["name"].isVisible()
    assert warnings["name"].text() == (
        "Holds U+202E, which can make the text shown here read other than it is stored; a "
        "save keeps it as written."
    )
    assert not warnings["notes"].isVisible()
    notes = editor.fields["notes"]
    assert isinstance(notes, QPlainTextEdit)
    notes.setFocus()
    notes.insertPlainText(f"See {RLI}ydnaS{PDI}")  # as pasted: named as it is written
    assert warnings["notes"].isVisible()
    assert "U+2067, U+2069" in warnings["notes"].text()
    qtbot.keyClick(notes, Qt.Key.Key_Backspace)
    assert "U+2067" in warnings["notes"].text()
    assert "U+2069" not in warnings["notes"].text()
    name = editor.fields["name"]
    assert isinstance(name, QLineEdit)
    name.selectAll()
    qtbot.keyClicks(name, "Trusted Clinic")
    assert not warnings["name"].isVisible()
    editor.undo_stack.undo()
    assert editor.fields["name"].text() == f"Trusted {RLO}moc.live"
    assert warnings["name"].isVisible()
    editor.save()
    assert f'name: "Trusted {RLO}moc.live"' in registry.read_text("utf-8")
    assert f"notes: See {RLI}ydnaS" in registry.read_text("utf-8")


def test_the_editor_names_the_characters_in_spanish(tmp_path: Path, qtbot: QtBot) -> None:
    registry = written(tmp_path, VALID.replace("name: First Clinic", f'name: "A{RLO}b"', 1))
    with speaking("es"):
        editor = RegistryEditor(registry)
        qtbot.addWidget(editor)
    assert editor.form.reordering["name"].text().startswith("Contiene U+202E, que puede hacer")


def _neutral_heard(path: Path) -> tuple[Registry, list[str]]:
    """The registry at ``path``, checked in full, and each text :func:`neutral` was called on."""
    heard: list[str] = []

    def called(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code is neutral.__code__:
            heard.append(frame.f_locals["text"])

    sys.setprofile(called)
    try:
        registry = load_registry(path, use_cache=False)
    finally:
        sys.setprofile(None)
    return registry, heard


def test_a_file_that_cannot_reorder_its_text_has_none_passed_through_neutral(
    tmp_path: Path,
) -> None:
    """Issue 25: neutral ran for each text of each clinic (242,000 times for 10,000) only to
    leave it as it was; one search of the file now spares them, accents or not."""
    accented = VALID.replace(NAME, "name: Clínica Uno", 1)
    registry, heard = _neutral_heard(written(tmp_path, accented))
    assert heard == []
    assert registry.clinics[0].name == "Clínica Uno"
    registry, heard = _neutral_heard(written(tmp_path, accented.replace("Uno", f"{RLO}onU")))
    assert heard
    assert registry.clinics[0].name == "Clínica \ufffdonU"


@pytest.mark.parametrize("escape", ["\\u202E", "\\U0000202e", "\\u2067", "\\u2028", "\\L"])
def test_a_character_that_reorders_written_as_an_escape_is_shown_neutralised(
    tmp_path: Path, escape: str
) -> None:
    registry = load_registry(
        written(tmp_path, VALID.replace(NAME, f'name: "Trusted {escape}moc.live"', 1)),
        use_cache=False,
    )
    assert registry.clinics[0].name == "Trusted \ufffdmoc.live"


def test_a_character_that_reorders_escaped_in_kept_hsds_is_shown_neutralised(
    tmp_path: Path,
) -> None:
    kept = f'{NAME}\n    hsds: {{"\\u202eeton": "x"}}'
    registry = load_registry(written(tmp_path, VALID.replace(NAME, kept, 1)), use_cache=False)
    assert registry.clinics[0].hsds == {"\ufffdeton": "x"}


@pytest.mark.parametrize("breaking", ["\u2028", "\u2029"], ids=["LS", "PS"])
def test_a_character_that_breaks_a_line_in_a_name_is_shown_neutralised(
    tmp_path: Path, breaking: str, run_cli: CliRunner
) -> None:
    """U+2028 in a name began a new line in `nearest`'s summary, a results cell and a
    comparison's header (U+0085 is refused, a C1 control); and a mark (U+200F) printed as
    "\\u200f" where U+202E printed as U+FFFD: each is shown as U+FFFD."""
    escaped = breaking.encode("unicode_escape").decode()
    name = f'name: "Trusted{escaped}Clinic \\u200f\\u061c{RLO}x"'
    path = written(tmp_path, VALID.replace(NAME, name, 1))
    registry = load_registry(path, use_cache=False)
    assert registry.clinics[0].name == "Trusted\ufffdClinic \u200f\u061c\ufffdx"
    found = run_cli("nearest", "84070", "--registry", str(path))
    assert found.returncode == 0, found.stderr
    assert "Trusted\ufffdClinic \ufffd\ufffd\ufffdx" in found.stdout
    assert "\\u200f" not in found.stdout
