"""Folding place names so that what people type and paste meets what gazetteers write."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

from locator.data.states import STATES_AND_TERRITORIES

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


# Characters that documents, web pages and emails put where people mean plain ones.
_PASTED = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u02bb\u00b4\u0060", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff"),  # invisible: dropped
    }
)
# A country at the end, as web maps and address books append it ("…, UT 84070, USA").
_COUNTRY = re.compile(
    r"(?:^|[\s,;]+)(?:u\.?\s?s\.?(?:\s?a\.?)?|united\s+states(?:\s+of\s+america)?)[\s.,;]*$",
    re.IGNORECASE,
)


def clean(text: str) -> str:
    """Pasted text as typed text: no-break and thin spaces become spaces, curly quotes and dashes
    straight ones, invisible characters go, and runs of whitespace become one space."""
    # translated first: NFKC would split an acute accent used as an apostrophe in two
    return " ".join(unicodedata.normalize("NFKC", text.translate(_PASTED)).split())


def without_country(text: str) -> str:
    """``text`` without a trailing "USA", "U.S.", "United States (of America)" and the like."""
    return _COUNTRY.sub("", text)


def words(text: str) -> list[str]:
    """Lowercase ASCII words as written, abbreviations kept: "St. George, MT" -> st george mt."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").casefold()
    ascii_text = re.sub(r"['`\u2019]", "", ascii_text)  # O'Fallon -> ofallon
    return re.findall(r"[a-z0-9]+", ascii_text)


def spelled_out(typed: list[str]) -> str:
    """Words with their abbreviations spelled out, joined: st george -> "saint george"."""
    return " ".join(_WORD_FORMS.get(word, word) for word in typed)


def fold(text: str) -> str:
    """Lowercase ASCII words separated by single spaces: "St. George" -> "saint george"."""
    return spelled_out(words(text))


def max_edits(name: str) -> int:
    """How many typing slips a name of this length may carry and still be recognised."""
    return 1 if len(name) <= 5 else 2 if len(name) <= 10 else 3


@cache
def state_names() -> dict[str, str]:
    """State and territory names, codes and AP abbreviations as :func:`words` writes them,
    joined by spaces -> two-letter code ("utah", "ut", "calif", "n h" -> "NH")."""
    names: dict[str, str] = {}
    for state in STATES_AND_TERRITORIES:
        names[" ".join(words(state.name))] = state.abbr
        names[state.abbr.lower()] = state.abbr
        if state.ap_abbr:
            names[" ".join(words(state.ap_abbr))] = state.abbr
    for abbreviation, code in _OLDER_ABBREVIATIONS.items():
        names.setdefault(abbreviation, code)
    return names


# Abbreviations older than the AP's, or beside them, still in letters and documents ("Dallas,
# Tex.": the AP writes Texas out).
_OLDER_ABBREVIATIONS = {
    "tex": "TX",
    "penn": "PA",
    "penna": "PA",
    "wisc": "WI",
    "ida": "ID",
    "cal": "CA",
    "nebr": "NE",
    "n mex": "NM",
    "n dak": "ND",
    "s dak": "SD",
    "wyo": "WY",
    "ore": "OR",
    "mont": "MT",
}


@cache
def _full_state_names() -> dict[str, str]:
    return {" ".join(words(state.name)): state.abbr for state in STATES_AND_TERRITORIES}


def state_name(code: str) -> str:
    """A state's name as :func:`fold` writes it: "NY" -> "new york"."""
    return next(name for name, abbr in _full_state_names().items() if abbr == code)


class StateSplit(NamedTuple):
    """A place name and the state written after it."""

    name: str  # folded, abbreviations spelled out; "" when only a state was written
    state: str | None  # two-letter code
    apart: bool  # the state stood in its own comma-separated part ("Sandy, UT")


def split_state(text: str) -> StateSplit:
    """Split a trailing state name, code or AP abbreviation off ``text``:
    "Helena MT" -> ("helena", "MT"), "Sandy, Utah" -> ("sandy", "UT").

    The state is read from the words as written, before "Mt." becomes "mount", so a final
    two-letter state code is always the state. The longest trailing match wins ("New York,
    New York" -> ("new york", "NY")); a text that is only a state gives ("", code).
    """
    typed = words(text)
    names = state_names()
    for size in (4, 3, 2, 1):
        if len(typed) >= size:
            tail = " ".join(typed[-size:])
            if tail in names:
                apart = "," in text and words(text.rpartition(",")[2]) == typed[-size:]
                return StateSplit(spelled_out(typed[:-size]), names[tail], apart)
    return StateSplit(spelled_out(typed), None, apart=False)


class StateGuess(NamedTuple):
    """A place name and the state its last words nearly spell."""

    name: str  # folded, as in StateSplit
    state: str


def misspelled_states(text: str) -> list[StateGuess]:
    """Splits of ``text`` whose last words are a state name a few slips off, fewest first:
    "Provo, Uta" -> [("provo", "UT")], "Tenessee" -> [("", "TN")].

    After a comma only the last part is read as the state; without one, the last one to three
    words. Slips are counted as for city names (a swap of two letters is one), and a state
    needs three letters or more (two-letter codes are never guessed).
    """
    from rapidfuzz import process  # for a place not found as typed, only then
    from rapidfuzz.distance import OSA

    typed = words(text)
    sizes = [len(words(text.rpartition(",")[2]))] if "," in text else [1, 2, 3]
    found: list[tuple[int, int, StateGuess]] = []
    for size in sizes:
        if not 0 < size <= len(typed):
            continue
        tail = " ".join(typed[-size:])
        if len(tail) < 3:
            continue
        codes = _full_state_names()
        for name, edits, _ in process.extract(
            tail, codes.keys(), scorer=OSA.distance, score_cutoff=max_edits(tail)
        ):
            found.append((edits, -size, StateGuess(spelled_out(typed[:-size]), codes[name])))
    return [guess for _, _, guess in sorted(found)]


def read_state(text: str) -> StateSplit | StateGuess:
    """The place name in ``text`` and the state written after it, exactly or nearly
    (:func:`split_state`, else the first of :func:`misspelled_states`)."""
    split = split_state(text)
    if split.state is None:
        return next(iter(misspelled_states(text)), split)
    return split
