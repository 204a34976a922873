"""The practical facts a patient needs before calling, in words and as data.

Each fact has three states: what a source says either way, or *not listed* when no source
says — never shown as "no". The details pane, the comparison and its exports and the command
line all take their words from here, so a fact reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from locator.data.vocabulary import Feature, Topic
from locator.i18n import _

if TYPE_CHECKING:
    from locator.data.models import Clinic, UsdRange
    from locator.data.vocabulary import Payment


def usd(amount: int) -> str:
    """ "$1,800": whole US dollars as a price is written."""
    return f"${amount:,}"


def usd_range(price: UsdRange | None) -> str | None:
    """ "$400\u2013$750", "$450" when both ends are one price, None when not listed."""
    if price is None:
        return None
    if price.min == price.max:
        return usd(price.min)
    return f"{usd(price.min)}\u2013{usd(price.max)}"


@dataclass(frozen=True)
class Fact:
    """One practical fact as shown: ``text`` is None when no source states it; ``said`` is
    what a source says of a yes-or-no fact (None when it is not one, or not listed)."""

    key: str  # the clinic field it comes from
    label: str
    text: str | None
    said: bool | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        """The clinic fields it states, whose quotes support it."""
        if self.key == Feature.ACCEPTING_NEW_PATIENTS:
            return (self.key, "new_patients_checked")
        return (self.key,)


def new_patients_text(clinic: Clinic) -> str | None:
    """ "accepting (checked 2026-11-01)", "not accepting (checked …)", or None."""
    if clinic.accepting_new_patients is None or clinic.new_patients_checked is None:
        return None
    checked = clinic.new_patients_checked.isoformat()
    if clinic.accepting_new_patients:
        return _("accepting (checked {date})").format(date=checked)
    return _("not accepting (checked {date})").format(date=checked)


def payment_text(clinic: Clinic) -> str | None:
    """ "Insurance, HSA or FSA, Medicare (not accepted)": how it can be paid, and what a source
    says it does not accept; None when no source says anything about payment."""
    accepted = [term.label for term in clinic.payment]
    refused = [
        _("{payment} (not accepted)").format(payment=term.label)
        for term in clinic.payment_not_accepted
    ]
    return ", ".join(accepted + refused) or None


def payment_state(clinic: Clinic, term: Payment) -> bool | None:
    """True when a source says ``term`` is accepted, False when it says it is not."""
    if term in clinic.payment:
        return True
    return False if term in clinic.payment_not_accepted else None


def source_says(clinic: Clinic, feature: Feature) -> bool | None:
    """What a source says of a yes-or-no fact: True, False, or None when none says."""
    value: bool | None = getattr(clinic, feature.value)
    return value


def _yes_no_text(clinic: Clinic, feature: Feature) -> str | None:
    """A yes-or-no fact in words: new patients with the date they were checked, the REMS
    certification as such, the others "yes" or "no"."""
    if feature is Feature.ACCEPTING_NEW_PATIENTS:
        return new_patients_text(clinic)
    value = source_says(clinic, feature)
    if value is None:
        return None
    if feature is Feature.SPRAVATO_REMS_CERTIFIED:
        return _("certified") if value else _("not certified")
    return _("yes") if value else _("no")


def _yes_no_facts(clinic: Clinic, topic: Topic) -> list[Fact]:
    """The yes-or-no facts about ``topic``, each as :class:`Feature` declares it."""
    return [
        Fact(
            feature.value,
            _(feature.row),
            _yes_no_text(clinic, feature),
            source_says(clinic, feature),
        )
        for feature in Feature.about(topic)
    ]


def practical_facts(clinic: Clinic) -> list[Fact]:
    """The practical facts of ``clinic`` in the order people ask about them."""
    return [
        *_yes_no_facts(clinic, Topic.NEW_PATIENTS),
        Fact("price_per_session", _("Price per session"), usd_range(clinic.price_per_session)),
        Fact("price_per_series", _("Price per series"), usd_range(clinic.price_per_series)),
        *_yes_no_facts(clinic, Topic.TREATMENT),
        Fact("telehealth_states", _("Telehealth to"), ", ".join(clinic.telehealth_states) or None),
        Fact(
            "languages",
            _("Languages"),
            ", ".join(term.label for term in clinic.languages) or None,
        ),
        *_yes_no_facts(clinic, Topic.VISIT),
        Fact("driver_note", _("Driver after treatment"), clinic.driver_note),
    ]


def listed(values: Sequence[str]) -> list[str] | None:
    """``values`` for JSON, or null where none is listed: an empty list would read "none"."""
    return list(values) or None


def _price_json(price: UsdRange | None) -> dict[str, int] | None:
    return None if price is None else {"min": price.min, "max": price.max}


def _yes_no_json(clinic: Clinic, topic: Topic) -> dict[str, bool | None]:
    """The yes-or-no facts about ``topic`` for scripts, keyed by their clinic field."""
    return {feature.value: source_says(clinic, feature) for feature in Feature.about(topic)}


def practical_json(clinic: Clinic) -> dict[str, Any]:
    """The practical facts for scripts: each key present, null when not listed."""
    checked = clinic.new_patients_checked
    return {
        **_yes_no_json(clinic, Topic.NEW_PATIENTS),
        "new_patients_checked": checked.isoformat() if checked else None,
        "price_per_session_usd": _price_json(clinic.price_per_session),
        "price_per_series_usd": _price_json(clinic.price_per_series),
        "payment": listed([term.value for term in clinic.payment]),
        "payment_not_accepted": listed([term.value for term in clinic.payment_not_accepted]),
        **_yes_no_json(clinic, Topic.TREATMENT),
        "telehealth": clinic.telehealth,
        "telehealth_states": listed(clinic.telehealth_states),
        "languages": listed([term.value for term in clinic.languages]),
        **_yes_no_json(clinic, Topic.VISIT),
        "driver_note": clinic.driver_note,
    }
