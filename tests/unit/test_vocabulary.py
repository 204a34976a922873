"""Vocabulary values are accepted by key or label in any case; unknown ones get suggestions."""

from __future__ import annotations

import pytest

from locator.data.vocabulary import Condition, Payment, Treatment
from locator.errors import UnknownTermError, UsageError


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("ptsd", Condition.PTSD),
        ("PTSD", Condition.PTSD),
        ("Treatment-resistant depression", Condition.TREATMENT_RESISTANT_DEPRESSION),
        ("treatment resistant DEPRESSION", Condition.TREATMENT_RESISTANT_DEPRESSION),
        ("  chronic_pain ", Condition.CHRONIC_PAIN),
    ],
)
def test_conditions_by_key_or_label(text: str, term: Condition) -> None:
    assert Condition.parse(text) is term


def test_treatments_and_payment_by_label() -> None:
    assert Treatment.parse("iv ketamine infusion") is Treatment.IV_KETAMINE_INFUSION
    assert Treatment.parse("Aftercare and Integration") is Treatment.AFTERCARE
    assert Payment.parse("self-pay") is Payment.SELF_PAY


def test_unknown_value_is_a_usage_error_with_suggestions() -> None:
    with pytest.raises(UnknownTermError) as caught:
        Condition.parse("anxeity")
    assert isinstance(caught.value, UsageError)
    assert caught.value.suggestions[0] == "anxiety"
    assert "unknown condition “anxeity”; did you mean “anxiety”" in str(caught.value)
    assert "valid condition values: depression," in str(caught.value)


def test_a_word_of_a_label_finds_the_term() -> None:
    assert Treatment.suggest("spravato") == ["esketamine_nasal_spray"]


def test_every_term_has_a_distinct_label() -> None:
    for vocabulary in (Condition, Treatment, Payment):
        labels = [term.label for term in vocabulary]
        assert len(set(labels)) == len(labels)
        assert all(label and label[0].isupper() for label in labels)
