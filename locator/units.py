"""Distance units, and the search filters people choose: light enough for start-up."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from locator.data.vocabulary import Condition, Treatment

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
        """A distance as people read it: "31 mi", "4.2 km"."""
        value = self.from_km(km)
        return f"{value:.1f} {self.value}" if value < 10 else f"{value:,.0f} {self.value}"


@dataclass(frozen=True)
class Filters:
    """What a clinic must be said to treat and offer (all of them)."""

    conditions: frozenset[Condition] = frozenset()
    treatments: frozenset[Treatment] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.conditions or self.treatments)


NO_FILTERS = Filters()
