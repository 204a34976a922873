"""Finding text that was never marked for translation.

Under the pseudo-language ``qps`` (``locator.i18n``) every translated string comes back wrapped
in ⟦…⟧. Text shown outside the brackets is either data — what the registry says about a clinic,
a place name, a number, a path or an address — or a string nobody marked. :func:`unmarked`
returns the words of the second kind. The exemptions, and nothing else:

- the registry's own text (names, addresses, phones, web addresses, quotes, documents, notes,
  vocabulary keys), given by :func:`registry_texts`, and places the test searched or the page
  names, given by each test;
- numbers, punctuation and units after a number ("4.2 mi", "500 ft" in the map's scale);
- web addresses, file paths, e-mail addresses, dates;
- the program's name "locator", and each language named in its own words (English, Español);
- in command-line help, what the user types as written: commands, options, metavariables in
  capitals and {choice,lists}.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from locator.data.models import Registry
from locator.i18n import LANGUAGES

_WRAPPED = re.compile(r"⟦[^⟦⟧]*(?:⟧|…)")  # or cut short by a table's "…"
_NOT_WORDS = (
    re.compile(r"<(style|script)\b.*?</\1>", re.DOTALL),  # a page's styles and scripts
    re.compile(r"<[^>]*>"),  # markup of rich text
    re.compile(r"https?://\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|\S*/\S+"),  # addresses, paths
    re.compile(r"\b\d[\d,.]*\s*(?:mi|km|ft|m|s|MB)\b"),  # numbers with their unit
)
ALWAYS_ALLOWED = frozenset({"locator", *LANGUAGES.values()})


def unmarked(text: str, allowed: Iterable[str] = (), *, cut: bool = False) -> list[str]:
    """The words in ``text`` outside every ⟦…⟧ that are not data in ``allowed``. With ``cut``
    (a table that shortens cells with "…", a PDF that breaks lines), a word of the data, or the
    start of one, is data too."""
    text = html.unescape(text)
    while (inner := _WRAPPED.sub(" ", text)) != text:  # innermost first: wrappers nest
        text = inner
    for pattern in _NOT_WORDS:
        text = pattern.sub(" ", text)
    for item in sorted({*allowed, *ALWAYS_ALLOWED}, key=len, reverse=True):
        if item:
            text = text.replace(item, " ")
    found = re.findall(r"[^\W\d_]{2,}", text)
    if cut:
        words = {w for item in allowed for w in re.findall(r"[^\W\d_]+", item)}
        found = [f for f in found if not any(w.startswith(f) for w in words)]
    return found


def registry_texts(registry: Registry) -> set[str]:
    """Every text the registry holds, as written: what a clinic's entry says is data."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.add(value)
            found.update(part.strip() for part in value.split(",") if part.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for clinic in registry.clinics:
        walk(clinic.model_dump(mode="json"))
    walk(registry.model_dump(mode="json").get("maintainer"))
    return found


def cli_help_words(text: str, commands: Iterable[str]) -> str:
    """``--help`` output without what a user types as written: options, metavariables, command
    names and {choice,lists}."""
    text = re.sub(r"\{[^}]*\}|--?[\w-]+|\b[A-Z][A-Z_]*\b", " ", text)
    for command in commands:
        text = re.sub(rf"\b{re.escape(command)}\b", " ", text)
    return text
