"""What a registry lists, counted for the filter menus: a filter no entry lists can only leave
every clinic out, and the menus say so.

Apart from :mod:`locator.search` (NumPy, the place names' fuzzy matching) because the window
counts these as soon as a registry has loaded (once its clinics went to the map): the search
engine loads off that path, in the thread that indexes the clinics.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from locator.data.vocabulary import Feature, Term
from locator.practical import source_says

if TYPE_CHECKING:
    from locator.data.models import Clinic


@dataclass(frozen=True)
class ListedCounts:
    """How many entries of a registry list each thing a filter can ask for, whatever the
    place: a filter no entry lists can only leave every clinic out, and the menus say so."""

    # conditions, treatments, payments, yes-facts, languages, by vocabulary and key: terms
    # of two vocabularies may one day share a key
    terms: Mapping[tuple[type[Term], str], int]
    telehealth_states: Mapping[str, int]
    session_prices: tuple[float, ...]  # each entry's lowest listed price per session, USD

    def of(self, term: Term) -> int:
        """Entries whose sources list ``term`` (a "yes", for a yes-or-no fact)."""
        return self.terms.get((type(term), term.value), 0)

    def telehealth_to(self, state: str) -> int:
        """Entries said to offer telehealth to ``state``."""
        return self.telehealth_states.get(state, 0)

    def priced_at_most(self, usd: float) -> int:
        """Entries whose listed price per session starts at ``usd`` or less."""
        return sum(price <= usd for price in self.session_prices)


def listed_counts(clinics: Sequence[Clinic]) -> ListedCounts:
    """What :class:`ListedCounts` says, for ``clinics``: what each filter asks of a clinic
    (:meth:`locator.search.ClinicIndex._filter`), counted one term at a time."""
    terms: dict[tuple[type[Term], str], int] = {}
    states: dict[str, int] = {}
    for clinic in clinics:
        listed: list[Term] = [*clinic.conditions, *clinic.treatments, *clinic.payment]
        listed += [*clinic.languages, *(f for f in Feature if source_says(clinic, f) is True)]
        for key in {(type(term), term.value) for term in listed}:
            terms[key] = terms.get(key, 0) + 1
        if clinic.telehealth is True:
            for state in set(clinic.telehealth_states):
                states[state] = states.get(state, 0) + 1
    prices = tuple(c.price_per_session.min for c in clinics if c.price_per_session is not None)
    return ListedCounts(terms, states, prices)
