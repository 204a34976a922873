"""What a registry lists, counted for the filter menus: a filter no entry lists can only leave
every clinic out, and the menus say so.

Apart from :mod:`locator.search` (NumPy, the place names' fuzzy matching) because the window
counts these as soon as a registry has loaded (once its clinics went to the map): the search
engine loads off that path, in the thread that indexes the clinics.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING

from locator.data.vocabulary import Feature, Term

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
    (:meth:`locator.search.ClinicIndex._filter`), counted a field at a time in C (the window
    counts 100,000 clinics as it starts: a Python loop over each clinic's terms took 0.7 s)."""
    terms: dict[tuple[type[Term], str], int] = {}
    for name in _TERM_LISTS:  # a term listed twice by an entry is counted once
        found = Counter(chain.from_iterable(map(set, map(attrgetter(name), clinics))))
        for term, count in found.items():
            terms[type(term), term.value] = count
    for feature in Feature:  # the facts a source says yes to (practical.source_says)
        said = list(map(attrgetter(feature.value), clinics)).count(True)
        if said:
            terms[Feature, feature.value] = said
    telehealth = (clinic.telehealth_states for clinic in clinics if clinic.telehealth is True)
    states = Counter(chain.from_iterable(map(set, telehealth)))
    prices = tuple(c.price_per_session.min for c in clinics if c.price_per_session is not None)
    return ListedCounts(terms, dict(states), prices)


# The fields that list terms, each of one vocabulary: so no two fields' terms are counted as
# one, whatever their keys.
_TERM_LISTS = ("conditions", "treatments", "payment", "languages")
