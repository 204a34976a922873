"""A geocoded place: what a query resolved to, how precisely, and from where."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from locator.data.vocabulary import Precision
from locator.i18n import _
from locator.terminal import one_line

OFFLINE = "offline"
# the longest place locator looks up: longer text is no place (a pasted page, a line without end)
MAX_QUERY_LENGTH = 200
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
    # found by the closest spelling of its name, not by a name, ZIP code or address as typed:
    # the window says so where it is always seen, and offers the names that begin so
    closest_spelling: bool = False

    def spelled(self) -> Place:
        """The same place, found by the closest spelling to what was typed (a note says so)."""
        return replace(self.with_note(spelling_note(self.query)), closest_spelling=True)

    def note_besides_spelling(self) -> str | None:
        """The note without its closest-spelling part, for where that is said apart."""
        if not self.closest_spelling or not self.note:
            return self.note
        parts = [part for part in self.note.split("; ") if part != spelling_note(self.query)]
        return "; ".join(parts) or None

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


def spelling_note(query: str) -> str:
    """The note on a place found by the closest spelling to ``query``."""
    return _("closest spelling to “{query}”").format(query=one_line(query.strip()))


def looks_like_street_address(text: str) -> bool:
    """True for "350 E Main St, …": a house number, then words."""
    return bool(_STARTS_WITH_NUMBER.match(text))
