"""Folding place names so that what people type meets what gazetteers write."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import us

# Spelled-out and abbreviated forms people use interchangeably in US place names.
_WORD_FORMS = {
    "st": "saint",
    "ste": "sainte",
    "ft": "fort",
    "mt": "mount",
    "pt": "point",
    "e": "east",
    "w": "west",
    "n": "north",
    "s": "south",
}


def fold(text: str) -> str:
    """Lowercase ASCII words separated by single spaces: "St. George" -> "saint george"."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").casefold()
    ascii_text = re.sub(r"['`\u2019]", "", ascii_text)  # O'Fallon -> ofallon
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return " ".join(_WORD_FORMS.get(word, word) for word in words)


@cache
def state_names() -> dict[str, str]:
    """Folded state and territory names and codes -> two-letter code ("utah" -> "UT")."""
    names: dict[str, str] = {}
    for state in us.states.STATES_AND_TERRITORIES:
        names[fold(state.name)] = state.abbr
        names[state.abbr.lower()] = state.abbr
    names["washington dc"] = names["dc"] = "DC"
    return names


def split_state(folded: str) -> tuple[str, str | None]:
    """Split a trailing state name or code off a folded query: "sandy ut" -> ("sandy", "UT").

    The longest trailing match wins ("new york new york" -> ("new york", "NY")). A query that
    is only a state name is returned as ("", code).
    """
    words = folded.split()
    names = state_names()
    for size in (4, 3, 2, 1):
        if len(words) >= size:
            tail = " ".join(words[-size:])
            if tail in names:
                return " ".join(words[:-size]), names[tail]
    return folded, None
