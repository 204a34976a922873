"""A geocoded place: what a query resolved to, how precisely, and from where."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from locator.data.vocabulary import Precision

OFFLINE = "offline"
# a house number and a street, perhaps after a unit ("Apt 4B, 350 E Main St")
_STARTS_WITH_NUMBER = re.compile(
    r"^\s*(?:(?:apt|apartment|unit|ste|suite|#)\.?\s*[a-z0-9-]+\s*,?\s*)?[0-9]+[a-z]?\s+[a-z]",
    re.IGNORECASE,
)

if TYPE_CHECKING:
    from geopy.location import Location


@dataclass(frozen=True)
class Place:
    """One answer to a geocoding query."""

    query: str
    label: str
    latitude: float
    longitude: float
    precision: Precision
    source: str = OFFLINE
    note: str | None = None
    state: str | None = None
    city: str | None = None
    postal_code: str | None = None

    def with_note(self, note: str | None) -> Place:
        """The same place with ``note`` added to any note it has."""
        if not note:
            return self
        return replace(self, note=f"{self.note}; {note}" if self.note else note)

    def as_json(self) -> dict[str, Any]:
        """The JSON object ``locator geocode --json`` prints."""
        data: dict[str, Any] = {
            "query": self.query,
            "latitude": round(self.latitude, 6),
            "longitude": round(self.longitude, 6),
            "label": self.label,
            "precision": self.precision.value,
            "source": self.source,
        }
        if self.note:
            data["note"] = self.note
        return data

    def to_location(self) -> Location:
        """This place as a geopy ``Location``; ``raw`` holds every field."""
        from geopy.location import Location  # geopy is slow to import; only here is it needed

        raw = {**asdict(self), "precision": self.precision.value}
        return Location(self.label, (self.latitude, self.longitude), raw)

    @classmethod
    def from_location(cls, location: Location) -> Place:
        """The place a ``Location`` from :meth:`to_location` was made of."""
        raw = dict(location.raw)
        raw["precision"] = Precision(raw["precision"])
        return cls(**raw)


def looks_like_street_address(text: str) -> bool:
    """True for "350 E Main St, …": a house number, then words."""
    return bool(_STARTS_WITH_NUMBER.match(text))
