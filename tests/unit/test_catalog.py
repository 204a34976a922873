"""The Spanish catalog: every marked string translated, placeholders and Alt letters kept, and
the compiled .mo that locator reads the same as the .po a translator edits."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from locator import i18n

LOCALE = Path(i18n.__file__).parent / "locale"
PO = LOCALE / "es" / "LC_MESSAGES" / "locator.po"
MO = PO.with_suffix(".mo")
SOURCE = Path(i18n.__file__).parent


@pytest.fixture(scope="module")
def spanish_po() -> Catalog:
    with PO.open("rb") as file:
        return read_po(file)


def _forms(text: str | tuple[str, ...]) -> list[str]:
    return [text] if isinstance(text, str) else list(text)


def _fields(text: str) -> list[str]:
    """What .format() or % fills in: "{count}", "{value!r}", "%(prog)s", "%s"."""
    return sorted(re.findall(r"\{[^{}]*\}|%\([a-z_]+\)[a-z]|%[a-z]", text))


def _marked_in_source() -> set[tuple[str, str | None]]:
    """Every string the code marks with _, N_, ngettext or pgettext (singular ids), with its
    pgettext context."""
    found = extract_from_dir(str(SOURCE), method_map=[("**.py", "python")])
    return {
        (message if isinstance(message, str) else message[0], context)
        for *_, message, _c, context in found
    }


def test_every_marked_string_has_a_spanish_translation(spanish_po: Catalog) -> None:
    missing = sorted(
        text
        for text, context in _marked_in_source()
        if (message := spanish_po.get(text, context)) is None or not all(_forms(message.string))
    )
    assert not missing, f"not in es/locator.po or untranslated (run `make catalog`): {missing}"


def test_no_entry_is_fuzzy_or_empty(spanish_po: Catalog) -> None:
    entries: list[Message] = [m for m in spanish_po if m.id]
    assert len(entries) > 500
    assert not [m.id for m in entries if m.fuzzy], "fuzzy entries need a translator's check"
    assert not [m.id for m in entries if not all(_forms(m.string))]


def test_each_translation_keeps_its_placeholders_and_alt_letter(spanish_po: Catalog) -> None:
    for message in (m for m in spanish_po if m.id):
        for msgid, msgstr in zip(_forms(message.id), _forms(message.string), strict=False):
            assert _fields(msgstr) == _fields(msgid), (msgid, msgstr)
            has_letter = re.search(r"&[^&\s]", msgid) is not None
            assert (re.search(r"&[^&\s]", msgstr) is not None) == has_letter, (msgid, msgstr)


def test_the_compiled_catalog_is_the_po_file(spanish_po: Catalog) -> None:
    """The .mo is committed so that `make run` needs no step: it must say what the .po says."""
    with MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for message in (m for m in spanish_po if m.id):
        if message.context is not None:
            assert compiled.pgettext(message.context, message.id) == message.string, message.id
        elif isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string, message.id
        else:
            singular, plural = message.id
            assert compiled.ngettext(singular, plural, 1) == message.string[0], singular
            assert compiled.ngettext(singular, plural, 5) == message.string[1], plural


def test_the_crisis_line_is_the_lifelines_own_spanish_option(spanish_po: Catalog) -> None:
    """988 answers in Spanish when a caller presses 2 or texts AYUDA (988lifeline.org)."""
    from locator.notice import CRISIS_LINE

    line = spanish_po.get(CRISIS_LINE).string
    assert "988" in line
    assert "oprima 2" in line
    assert "AYUDA" in line
    assert "911" in line


def test_a_control_named_two_ways_keeps_one_alt_letter(spanish_po: Catalog) -> None:
    """A button whose text gains a detail ("Open we&bsite" and "Open we&bsite ({host})") is
    the same control: its Alt letter must not change with the detail. Spanish gave the second
    Alt+E, which clashed with "D&ejar de importar" while a website was shown."""
    letters: dict[str, set[str]] = {}
    for message in spanish_po:
        if isinstance(message.id, str) and "&" in message.id and message.string:
            control = re.sub(r"\s*\(\{\w+\}\)", "", message.id)
            found = re.search(r"&(\w)", str(message.string))
            letters.setdefault(control, set()).add(found.group(1).lower() if found else "")
    assert {control: found for control, found in letters.items() if len(found) > 1} == {}
