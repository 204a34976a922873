"""Distance units, and the search filters people choose: light enough for start-up."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from locator.data.vocabulary import Condition, Feature, Language, Payment, Treatment
from locator.i18n import _, number

KM_PER_MILE = 1.609344


class Unit(Enum):
    """Distance units people choose between."""

    MILES = "mi"
    KM = "km"

    def from_km(self, km: float) -> float:
        """``km`` in this unit."""
        return km / KM_PER_MILE if self is Unit.MILES else km

    def to_km(self, value: float) -> float:
        """``value`` of this unit in kilometres."""
        return value * KM_PER_MILE if self is Unit.MILES else value

    def format(self, km: float) -> str:
        """A distance as people read it, in their language: "31 mi", "4.2 km"."""
        value = self.from_km(km)
        shown = number(value, 1) if value < 10 else number(value)
        return (
            _("{distance} mi").format(distance=shown)
            if self is Unit.MILES
            else _("{distance} km").format(distance=shown)
        )


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
