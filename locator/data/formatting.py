"""The registry's canonical layout, as ruamel.yaml writes it, and ``locator fmt``.

The editor writes an edited clinic in the same layout (see ``yaml_merge``), so in a file kept
in it an edit changes that clinic's lines alone.
"""

from __future__ import annotations

import codecs
import io
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from locator.data.backups import changed_sentence, digest, fingerprint, save_with_backup
from locator.data.loader import load_registry, parse_registry, registry_limit
from locator.errors import ExternalChangeError
from locator.files import read_regular, remove_stray_temporaries
from locator.i18n import _

CANONICAL_DASH = 2  # the column of "- id:" in the canonical layout


def round_trip_yaml() -> YAML:
    """ruamel.yaml set up for lossless editing and the canonical layout."""
    yaml_ = YAML(typ="rt")
    yaml_.preserve_quotes = True
    yaml_.width = sys.maxsize  # never re-wrap a line, however long
    yaml_.indent(mapping=2, sequence=4, offset=2)
    return yaml_


def dump(data: Any) -> str:
    """A ruamel.yaml document as text in the canonical layout."""
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()


def canonical(text: str) -> str:
    """``text`` in the canonical layout, every comment and value kept."""
    return dump(round_trip_yaml().load(text))


def formatted(raw: bytes) -> bytes:
    """File contents in the canonical layout, keeping their byte-order mark and line endings."""
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw[3 if bom else 0 :].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    layout = canonical(text.replace("\r\n", "\n"))
    return (codecs.BOM_UTF8 if bom else b"") + layout.replace("\n", newline).encode("utf-8")


def format_file(path: Path) -> bool:
    """Put the registry at ``path`` in the canonical layout with the editor's save (backups,
    a check for other writers just before the rename); False when it already was.

    Raises :class:`RegistryError` when the file is invalid (it is then never rewritten).
    """
    remove_stray_temporaries(path)
    load_registry(path, use_cache=False)  # a missing or unreadable file is a sentence
    raw = read_regular(path, registry_limit())
    parse_registry(raw, str(path))
    layout = formatted(raw)
    if layout == raw:
        return False

    def unchanged_meanwhile() -> None:
        if fingerprint(path) != digest(raw):
            raise ExternalChangeError(changed_sentence(path) + _("; run locator fmt again"))

    save_with_backup(path, layout, check=unchanged_meanwhile)
    return True
