"""A search as asked and as answered, shared by the command line and the window (no Qt here).

:class:`SearchRequest` is what was asked: the place as typed, the radius, the unit distances are
read in, the filters. :func:`answer` runs it; the :class:`~locator.search.SearchResult` it gives
is what is shown, each match with its distance and its estimated drive worked out once, in the
index, for the matches shown only. Every view (the results table, the details, the comparison,
the referral, the map) takes them from there: :func:`distance_texts` says them in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from locator.data.vocabulary import Condition, Feature, Language, Payment, Treatment
from locator.presentation import how_far
from locator.units import Unit

if TYPE_CHECKING:
    from locator.geo.service import Geocoding
    from locator.search import ClinicIndex, Match, SearchResult

RESULTS_SHOWN = 10  # the window's table; the command line's --limit says its own
ALSO_NAMED = 4  # other places a name may mean, offered beside the one searched


@dataclass(frozen=True)
class Filters:
    """What a clinic's sources must say, all of it: what it treats and offers, how it can be
    paid, the yes-or-no facts that must be "yes", the languages spoken, the state its telehealth
    serves and the most one session may cost (the low end of its listed price, in USD)."""

    conditions: frozenset[Condition] = frozenset()
    treatments: frozenset[Treatment] = frozenset()
    payment: frozenset[Payment] = frozenset()
    features: frozenset[Feature] = frozenset()
    languages: frozenset[Language] = frozenset()
    telehealth_state: str | None = None
    max_session_usd: int | None = None

    def __bool__(self) -> bool:
        return bool(
            self.conditions
            or self.treatments
            or self.payment
            or self.features
            or self.languages
            or self.telehealth_state
            or self.max_session_usd is not None
        )


NO_FILTERS = Filters()


@dataclass(frozen=True)
class SearchRequest:
    """What was asked: the place as typed, the radius (in km; None for any distance), the
    filters, the unit distances are read in, how many clinics to show, and whether an
    organization shows once (at its nearest presence) or at each."""

    query: str
    within_km: float | None = None
    filters: Filters = NO_FILTERS
    unit: Unit = Unit.MILES
    limit: int = RESULTS_SHOWN
    by_organization: bool = True


def answer(request: SearchRequest, index: ClinicIndex, geocoding: Geocoding) -> SearchResult:
    """The place ``request`` names, looked up, and the clinics of ``index`` nearest it; other
    places of the same name ("Springfield") in ``also_named``; for a place found by its
    closest spelling, those whose names begin with what was typed in ``begin_alike``.

    Raises what the lookup raises (PlaceNotFoundError, …), each a sentence for the user.
    """
    origin, *others = geocoding.lookup(request.query)
    result = index.nearest(
        origin,
        limit=request.limit,
        within_km=request.within_km,
        filters=request.filters,
        by_organization=request.by_organization,
    )
    same_name = (p for p in others if p.city and p.city == origin.city)  # not a misspelling's
    labels = dict.fromkeys(p.label for p in same_name if p.label != origin.label)
    begun = geocoding.starting_with(request.query, ALSO_NAMED) if origin.closest_spelling else []
    begin_alike = tuple(label for label in begun if label != origin.label)
    return replace(result, also_named=tuple(labels)[:ALSO_NAMED], begin_alike=begin_alike)


def distance_texts(matches: Sequence[Match], unit: Unit) -> dict[str, str]:
    """How far each clinic shown is from the searched place, by clinic id: "25 mi; about
    25\u201355 min by car (estimate)", as the details, the comparison and the referral say it."""
    return {match.clinic.id: how_far(match, unit) for match in matches}
