"""The remembered search as kept on disk: every filter comes back, what cannot be used is left
out (never guessed), and the keys an earlier locator wrote are understood."""

from __future__ import annotations

import json

from locator.data.vocabulary import Condition, Feature, Language, Payment, Treatment
from locator.query import Filters
from locator.ui.remembered_search import RememberedSearch

EVERY_FILTER = Filters(
    conditions=frozenset({Condition.DEPRESSION}),
    treatments=frozenset(Treatment),
    payment=frozenset({Payment.INSURANCE, Payment.SELF_PAY}),
    features=frozenset({Feature.WHEELCHAIR_ACCESSIBLE, Feature.EVENING_HOURS}),
    languages=frozenset({Language.SPANISH}),
    telehealth_state="NV",
    max_session_usd=500,
)


def test_every_filter_is_kept_in_one_value_and_comes_back() -> None:
    search = RememberedSearch("Sandy, UT", 25, EVERY_FILTER)
    kept = search.to_json()
    assert json.loads(kept)["filters"]["languages"] == ["spanish"]
    assert RememberedSearch.from_json(kept) == search


def test_what_cannot_be_used_is_left_out() -> None:
    kept = json.dumps(
        {
            "place": "Sandy, UT",
            "radius": "far",
            "filters": {
                "max_session_usd": "cheap",
                "telehealth_state": 7,
                "languages": ["spanish", "klingon"],
                "payment": "insurance",
            },
        }
    )
    assert RememberedSearch.from_json(kept) == RememberedSearch(
        "Sandy, UT", None, Filters(languages=frozenset({Language.SPANISH}))
    )
    for nothing in ("", "[]", "{not json", json.dumps({"place": " "}), None):
        assert RememberedSearch.from_json(nothing) is None


def test_the_keys_an_earlier_locator_wrote_are_understood() -> None:
    old = {  # as an INI file gives them back: numbers as text, a list of one as its item
        "query": "Sandy, UT",
        "radius": "0",
        "conditions": "depression",
        "payment": ["insurance", "self_pay"],
        "max_price": "500",
        "telehealth_to": None,
    }
    assert RememberedSearch.from_old_keys(old) == RememberedSearch(
        "Sandy, UT",
        None,
        Filters(
            conditions=frozenset({Condition.DEPRESSION}),
            payment=frozenset({Payment.INSURANCE, Payment.SELF_PAY}),
            max_session_usd=500,
        ),
    )
