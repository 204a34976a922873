"""The last search as the app keeps it: one JSON value, derived from the search's own data.

The filters are written field by field from :class:`~locator.query.Filters` itself, so a filter
added there is remembered without a list of keys to keep in step. Reading back keeps what it
can use and leaves out the rest, never guessing. No Qt here: it is plain data.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields, replace
from types import UnionType
from typing import Any, get_args, get_origin, get_type_hints

from locator.query import NO_FILTERS, Filters

# The keys under "search/" that locator wrote before the search was one value, by the
# Filters field each held (the place and radius by their own names); read once, then removed.
OLD_KEYS = {
    "place": "query",
    "radius": "radius",
    "conditions": "conditions",
    "treatments": "treatments",
    "features": "features",
    "payment": "payment",
    "languages": "languages",
    "telehealth_state": "telehealth_to",
    "max_session_usd": "max_price",
}


@dataclass(frozen=True)
class RememberedSearch:
    """What the search bar held: the place typed, the radius offered (in the unit chosen;
    None for any distance) and the filters."""

    place: str
    radius: int | None = None
    filters: Filters = NO_FILTERS

    def to_json(self) -> str:
        """The search as one JSON value."""
        return json.dumps(
            {
                "place": self.place,
                "radius": self.radius,
                "filters": {f.name: _plain(getattr(self.filters, f.name)) for f in fields(Filters)},
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: object) -> RememberedSearch | None:
        """The search ``text`` holds, or None when it holds none that can be used."""
        try:
            data = json.loads(text, parse_int=_whole_number) if isinstance(text, str) else None
        except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
            return None
        if not isinstance(data, dict):
            return None
        filters = data.get("filters")
        return cls.from_values(
            {"place": data.get("place"), "radius": data.get("radius")},
            filters if isinstance(filters, dict) else {},
        )

    @classmethod
    def from_values(
        cls, search: Mapping[str, object], filters: Mapping[str, object]
    ) -> RememberedSearch | None:
        """A search from plain values: the place and radius, and each filter by its field name.
        A value of the wrong kind is left out; without a place there is no search."""
        place = search.get("place")
        if not isinstance(place, str) or not place.strip():
            return None
        kinds = get_type_hints(Filters)
        return cls(
            place,
            _read(int | None, search.get("radius")) or None,  # 0 meant any distance
            Filters(**{f.name: _read(kinds[f.name], filters.get(f.name)) for f in fields(Filters)}),
        )

    def offered(
        self, radii: Collection[int | None], prices: Collection[int | None]
    ) -> RememberedSearch:
        """This search less a radius or a price the search bar does not offer, as any distance
        or any price: a hand may write any number, and Qt cannot even look one up past 64
        bits. The rest of the search is kept."""
        price = self.filters.max_session_usd
        return replace(
            self,
            radius=self.radius if self.radius in radii else None,
            filters=replace(self.filters, max_session_usd=price if price in prices else None),
        )

    @classmethod
    def from_old_keys(cls, values: Mapping[str, object]) -> RememberedSearch | None:
        """The search kept under :data:`OLD_KEYS`, as an INI file gives it back: numbers as
        text, and a list of one as its lone item."""
        kinds: dict[str, Any] = {**get_type_hints(Filters), "place": str, "radius": int | None}
        read = {name: _from_text(kinds[name], values.get(key)) for name, key in OLD_KEYS.items()}
        return cls.from_values(read, read)


def _plain(value: object) -> object:
    """A filter's value as JSON holds it: a set of terms as their sorted keys."""
    if isinstance(value, frozenset):
        return sorted(term.value for term in value)
    return value


def _read(kind: Any, value: object) -> Any:
    """``value`` as a ``kind`` (``frozenset[Payment]``, ``int | None``), keeping only what is
    one: unknown terms are dropped, a value of another type is None (or an empty set)."""
    if get_origin(kind) is frozenset:
        (term,) = get_args(kind)
        known = {member.value: member for member in term}
        keys = value if isinstance(value, list) else []
        return frozenset(known[key] for key in keys if isinstance(key, str) and key in known)
    allowed = get_args(kind) if isinstance(kind, UnionType) else (kind,)
    if isinstance(value, bool) and bool not in allowed:
        return None
    return value if isinstance(value, allowed) else None


def _from_text(kind: Any, value: object) -> object:
    """An INI file's text for ``value`` as the plain value it was written as."""
    if get_origin(kind) is frozenset and isinstance(value, str):
        return [value]
    if int in get_args(kind) and isinstance(value, str) and value.isdecimal():
        return _whole_number(value)
    return value


def _whole_number(digits: str) -> int | None:
    """The number ``digits`` spell; None past the thousands of digits Python converts (no
    radius or price is one)."""
    try:
        return int(digits)
    except ValueError:
        return None
