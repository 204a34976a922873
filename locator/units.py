"""Distance units: light enough for start-up."""

from __future__ import annotations

from enum import Enum

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

    def format(self, km: float, *, whole: bool = False) -> str:
        """A distance as people read it, in their language: "31 mi", "4.2 km"; ``whole``
        miles or kilometres (at least 1) for a distance known no better than that."""
        value = self.from_km(km)
        if whole:
            shown = number(max(1, round(value)))
        else:
            shown = number(value, 1) if value < 10 else number(value)
        return (
            _("{distance} mi").format(distance=shown)
            if self is Unit.MILES
            else _("{distance} km").format(distance=shown)
        )
