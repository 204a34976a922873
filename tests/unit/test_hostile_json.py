"""JSON that parses but that locator must not take (a name given twice, half of a UTF-16 pair)
is refused where it enters, located by a JSON pointer that can always be printed."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from locator.hsds.reading import HsdsError, read
from locator.i18n import _
from locator.json_text import JsonTextError, loads
from locator.terminal import VisibleControls, one_line, visible
from tests.helpers.cli import CliRunner
from tests.helpers.language import speaking

EXAMPLE = Path(__file__).parents[1] / "data" / "hsds" / "service_full.json"


def page_with(tmp_path: Path, second_date: str) -> Path:
    """A page of one service whose assured_date is given twice (the second ``second_date``)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace(
        '"assured_date": "2005-01-01",',
        f'"assured_date": "2005-01-01", "assured_date": "{second_date}",',
        1,
    )
    path = tmp_path / "services.json"
    path.write_text('{"contents": [' + text + "]}", encoding="utf-8")
    return path


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_hsds_name_given_twice_is_refused_where_it_is(language: str, tmp_path: Path) -> None:
    path = page_with(tmp_path, "2025-01-01")  # the last would win, undoing the first
    with speaking(language), pytest.raises(HsdsError) as raised:
        read(path)
    with speaking(language):
        said = _("“{name}” given twice").format(name="assured_date")
    assert raised.value.problems == [f"services.json: /contents/0: {said}"]
    assert ("dado dos veces" in said) == (language == "es")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"name": "Clinic \\ud800"}', "/name"),
        ('[{"a": ["x", "\\udfff"]}]', "/0/a/1"),
        ('{"contents": [{"\\ud800": 1}]}', "/contents/0/\\ud800"),
        ('{"a/b~c": {"\\udc00x": 1}}', "/a~1b~0c/\\udc00x"),
        ('{"a": "caf\u00e9 \ud800"}', "/a"),  # text already decoded, holding one as it is
    ],
    ids=["value", "in-a-list", "name", "escaped-name", "unescaped"],
)
def test_half_a_character_is_located_as_json_wrote_it(text: str, where: str) -> None:
    with pytest.raises(JsonTextError) as raised:
        loads(text)
    assert raised.value.pointer == where
    assert str(raised.value).encode("ascii")  # printable anywhere: the half written as JSON has it


def test_what_json_allows_and_locator_keeps_is_read_as_json_reads_it() -> None:
    text = '{"emoji": "\\ud83d\\ude00", "path": "a\\\\ud800", "list": [1, {"b": null}]}'
    assert loads(text) == json.loads(text)
    assert loads(b'\xef\xbb\xbf{"a": "\xc3\xa9"}') == {"a": "é"}  # UTF-8 with a byte order mark
    with pytest.raises(UnicodeDecodeError):  # UTF-8 may not carry a lone half either
        loads(b'{"a": "\xed\xa0\x80"}')


def test_an_hsds_name_twice_is_said_by_the_import_command(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    path = page_with(tmp_path, "2025-01-01")
    found = run_cli("import", str(path), "-o", str(tmp_path / "clinics.yaml"))
    assert found.returncode != 0
    assert "services.json: /contents/0: “assured_date” given twice" in found.stderr
    assert not (tmp_path / "clinics.yaml").exists()


def test_a_lone_half_printed_by_a_command_is_written_as_json_writes_it() -> None:
    """Whatever path one takes to a terminal, it is printed, never a UnicodeEncodeError."""
    written = io.BytesIO()
    stream = io.TextIOWrapper(written, encoding="utf-8")
    VisibleControls(stream).write("Sandy\ud800, UT\n")
    stream.flush()
    assert written.getvalue() == b"Sandy\\ud800, UT\n"


def test_a_file_name_on_one_line_escapes_what_any_line_does_and_newline_and_tab() -> None:
    """The two sets of escaped characters differ by newline and tab alone, in every plane (a
    line shows a reordering character as U+FFFD, a name its code)."""
    for code in (*range(0x3000), *range(0xD800, 0xE000), 0xFEFF, 0xFFFF, 0x10FFFF):
        character = chr(code)
        shown = character in "\t\n" or visible(character) != character
        assert one_line(character) == (f"\\u{code:04x}" if shown else character)
