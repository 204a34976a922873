"""Nearest clinics to a place: ranked fast, measured exactly, explained honestly.

Clinics are ranked by haversine distance over NumPy arrays prepared once per registry (within
0.4% of the true distance); the distances shown are geodesic on the WGS84 ellipsoid (geopy),
computed only for the clinics shown. All distances are straight-line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

import numpy as np

from locator.data.models import Clinic, Registry
from locator.data.vocabulary import (
    Condition,
    EntryKind,
    Feature,
    Language,
    Payment,
    Term,
    Treatment,
)
from locator.geo.names import fold
from locator.geo.place import Place
from locator.i18n import N_, _, ngettext
from locator.practical import usd
from locator.presentation import (
    coverage_sentence,
    distance_text,
    found_text,
    registry_coverage,
)
from locator.units import KM_PER_MILE, NO_FILTERS, Filters, Unit

EARTH_RADIUS_KM = 6371.0088  # mean radius, for ranking only
FAR_AWAY_KM = 160.0  # beyond about 100 miles, say which areas the registry covers


@dataclass(frozen=True)
class Match:
    """A clinic and its straight-line distance from the origin."""

    clinic: Clinic
    distance_km: float
    serves_origin: bool
    also_at: tuple[str, ...] = ()  # farther presences of the same organization, "City, ST"

    @property
    def distance_miles(self) -> float:
        """The distance in miles."""
        return self.distance_km / KM_PER_MILE


@dataclass(frozen=True)
class SearchResult:
    """The answer to one search, with what a user needs to understand it."""

    origin: Place
    matches: list[Match]
    unlocated: list[Clinic]
    filters: Filters = NO_FILTERS
    within_km: float | None = None
    nearest_outside: Match | None = None
    excluded_not_listed: int = 0
    coverage: list[str] = field(default_factory=list)
    # The nearest located clinic whatever the filters (haversine), when the filters left out
    # nearer ones: "far from every clinic" is about the place, not about what was filtered on.
    nearest_any_km: float | None = None

    def summary(self, unit: Unit = Unit.MILES) -> str:
        """One or two sentences saying what was found, or why nothing was and what to try."""
        sentences = []
        if self.within_km:
            where = _("within {distance} of {place}").format(
                distance=unit.format(self.within_km), place=self.origin.label
            )
        else:
            where = _("near {place}").format(place=self.origin.label)
        clinics = [m for m in self.matches if m.clinic.kind is EntryKind.CLINIC]
        unnamed = [m.clinic for m in self.matches if m.clinic.kind is EntryKind.UNNAMED_PROVIDER]
        if clinics:
            nearest = clinics[0]
            how_far = distance_text(nearest.distance_km, nearest.clinic, unit)
            if how_far == unit.format(nearest.distance_km):
                nearest_text = _("nearest {distance} away (straight-line): {name}")
            else:  # "in Sandy, UT (approximate)"
                nearest_text = _("nearest {distance}: {name}")
            found = _("{found} {where}, {nearest}").format(
                found=found_text(match.clinic for match in clinics),
                where=where,
                nearest=nearest_text.format(distance=how_far, name=nearest.clinic.name),
            )
            if unnamed:
                found = _("{found}; and {unnamed}").format(found=found, unnamed=_unnamed(unnamed))
            sentences.append(_("{sentence}.").format(sentence=found))
        elif self.nearest_outside is not None:
            outside = self.nearest_outside
            far, place = unit.format(outside.distance_km), _place_of(outside.clinic)
            name = outside.clinic.name
            if self.filters:
                sentences.append(
                    _(
                        "No clinic {where} is listed as {listed}; the nearest one that is, "
                        "{distance} away, is in {place}: {name}."
                    ).format(
                        where=where,
                        listed=_listed_as(self.filters),
                        distance=far,
                        place=place,
                        name=name,
                    )
                )
            elif outside.clinic.kind is EntryKind.UNNAMED_PROVIDER:  # no clinic in the registry
                sentences.append(
                    _(
                        "Nothing {where}; the nearest entry, {distance} away, is an unnamed "
                        "provider reported in {place} (no one to contact)."
                    ).format(where=where, distance=far, place=place)
                )
            elif self.within_km is None:  # the nearest entries are all unnamed providers
                sentences.append(
                    _(
                        "The nearest clinic to {origin} is {distance} away, in {place}: {name}."
                    ).format(origin=self.origin.label, distance=far, place=place, name=name)
                )
            elif unnamed:
                sentences.append(
                    _(
                        "No clinic {where}; the nearest clinic is {distance} away, in {place}: "
                        "{name}."
                    ).format(where=where, distance=far, place=place, name=name)
                )
            else:
                sentences.append(
                    _(
                        "Nothing {where}; the nearest clinic is {distance} away, in {place}: "
                        "{name}."
                    ).format(where=where, distance=far, place=place, name=name)
                )
            if unnamed:
                sentences.append(_("{sentence}.").format(sentence=_capitalized(_unnamed(unnamed))))
        elif self.filters:
            sentences.append(
                _("No clinic with a location in this registry is listed as {listed}.").format(
                    listed=_listed_as(self.filters)
                )
            )
        else:
            sentences.append(_("No clinic with a location matches {where}.").format(where=where))
        if self.excluded_not_listed:
            n = self.excluded_not_listed
            sentences.append(
                ngettext(
                    "{count} clinic left out because what you filtered on is not listed for it "
                    "(which is not the same as not offered).",
                    "{count} clinics left out because what you filtered on is not listed for them "
                    "(which is not the same as not offered).",
                    n,
                ).format(count=n)
            )
        nearest_km = self.matches[0].distance_km if self.matches else None
        if self.nearest_outside is not None:
            nearest_km = self.nearest_outside.distance_km
        if self.nearest_any_km is not None:
            nearest_km = self.nearest_any_km
        if self.coverage and (nearest_km is None or nearest_km > FAR_AWAY_KM):
            sentences.append(
                _("This registry covers {places}.").format(places=coverage_sentence(self.coverage))
            )
        if self.unlocated:
            n = len(self.unlocated)
            sentences.append(
                ngettext(
                    "{count} more clinic without a listed location (it is shown apart).",
                    "{count} more clinics without a listed location (they are shown apart).",
                    n,
                ).format(count=n)
            )
        return " ".join(sentences)


def _unnamed(entries: Sequence[Clinic]) -> str:
    """ "1 unnamed provider reported in Sacramento, CA, with no one named to contact": said
    apart from the clinics, so nobody takes such an entry for the nearest place to call."""
    places = list(dict.fromkeys(_place_of(clinic) for clinic in entries))
    if len(places) > 1:
        places = [_("{places} and {last}").format(places="; ".join(places[:-1]), last=places[-1])]
    return _("{providers} reported in {places}, with no one named to contact").format(
        providers=found_text(entries), places=places[0]
    )


def _capitalized(text: str) -> str:
    """``text`` starting a sentence (only the first letter changes)."""
    return text[:1].upper() + text[1:]


def _listed_as(filters: Filters) -> str:
    """ "treating PTSD and offering IV ketamine infusion": what the filters ask a source for."""
    conditions = [term.running for term in Condition if term in filters.conditions]
    treatments = [term.running for term in Treatment if term in filters.treatments]
    and_ = _(" and ")
    parts = (
        [_("treating {conditions}").format(conditions=and_.join(conditions))] if conditions else []
    )
    parts += (
        [_("offering {treatments}").format(treatments=and_.join(treatments))] if treatments else []
    )
    payment = [term.running for term in Payment if term in filters.payment]
    parts += [_("accepting {payment}").format(payment=and_.join(payment))] if payment else []
    parts += [_(_FEATURE_PHRASES[term]) for term in Feature if term in filters.features]
    languages = [term.running for term in Language if term in filters.languages]
    parts += [_("speaking {languages}").format(languages=and_.join(languages))] if languages else []
    if filters.telehealth_state:
        parts.append(_("offering telehealth to {state}").format(state=filters.telehealth_state))
    if filters.max_session_usd is not None:
        parts.append(
            _("charging at most {price} a session").format(price=usd(filters.max_session_usd))
        )
    return and_.join(parts)


_FEATURE_PHRASES = {
    Feature.ACCEPTING_NEW_PATIENTS: N_("accepting new patients"),
    Feature.WHEELCHAIR_ACCESSIBLE: N_("with wheelchair access"),
    Feature.EVENING_HOURS: N_("open in the evening"),
    Feature.WEEKEND_HOURS: N_("open at weekends"),
    Feature.SPRAVATO_REMS_CERTIFIED: N_("certified for Spravato (REMS)"),
}


def _said(clinic: Clinic, bits: Mapping[Feature, int]) -> tuple[int, int]:
    """The yes-or-no facts a source states about ``clinic``: those said "yes" and those said
    "no", as bit masks (one pass: it runs for every clinic of a registry)."""
    yes = no = 0
    for feature, bit in bits.items():
        value = getattr(clinic, feature.value)
        if value is True:
            yes |= bit
        elif value is False:
            no |= bit
    return yes, no


def _place_of(clinic: Clinic) -> str:
    if clinic.address and clinic.address.city and clinic.address.state:
        return f"{clinic.address.city}, {clinic.address.state}"
    return clinic.service_area[0] if clinic.service_area else clinic.name


_T = TypeVar("_T", bound=Term)


def _mask(terms: Iterable[_T], bits: Mapping[_T, int]) -> int:
    mask = 0
    for term in terms:
        mask |= bits[term]
    return mask


class ClinicIndex:
    """A registry prepared for searching: coordinates in radians, terms as bit masks."""

    def __init__(self, clinics: Sequence[Clinic]) -> None:
        self.clinics = clinics
        self._condition_bits = {term: 1 << i for i, term in enumerate(Condition)}
        self._treatment_bits = {term: 1 << i for i, term in enumerate(Treatment)}
        located = [i for i, clinic in enumerate(clinics) if clinic.location is not None]
        self._located = np.array(located, dtype=np.int64)
        self._unlocated = [i for i, clinic in enumerate(clinics) if clinic.location is None]
        locations = [clinic.location for clinic in clinics if clinic.location is not None]
        latitudes = [location.latitude for location in locations]
        longitudes = [location.longitude for location in locations]
        self._lat = np.radians(np.array(latitudes, dtype=np.float64))
        self._lon = np.radians(np.array(longitudes, dtype=np.float64))
        self._cos_lat = np.cos(self._lat)
        self._conditions = np.array(
            [_mask(c.conditions, self._condition_bits) for c in clinics], dtype=np.int64
        )
        self._treatments = np.array(
            [_mask(c.treatments, self._treatment_bits) for c in clinics], dtype=np.int64
        )
        self._not_offered = np.array(
            [_mask(c.not_offered, self._treatment_bits) for c in clinics], dtype=np.int64
        )
        self._payment_bits = {term: 1 << i for i, term in enumerate(Payment)}
        self._payment = np.array(
            [_mask(c.payment, self._payment_bits) for c in clinics], dtype=np.int64
        )
        self._not_accepted = np.array(
            [_mask(c.payment_not_accepted, self._payment_bits) for c in clinics], dtype=np.int64
        )
        self._feature_bits = {term: 1 << i for i, term in enumerate(Feature)}
        said = [_said(c, self._feature_bits) for c in clinics]
        said_bits = np.array(said, dtype=np.int64).reshape(-1, 2)
        self._said_yes, self._said_no = said_bits[:, 0], said_bits[:, 1]
        self._no_telehealth = np.array([c.telehealth is False for c in clinics], dtype=bool)
        self._telehealth_to: dict[str, np.ndarray] = {}  # by state, made when first asked
        self._language_bits = {term: 1 << i for i, term in enumerate(Language)}
        self._languages = np.array(
            [_mask(c.languages, self._language_bits) for c in clinics], dtype=np.int64
        )
        self._session_usd = np.array(
            [c.price_per_session.min if c.price_per_session else np.nan for c in clinics],
            dtype=np.float64,
        )
        self.coverage = registry_coverage(clinics)
        self._unnamed = np.array(
            [c.kind is EntryKind.UNNAMED_PROVIDER for c in clinics], dtype=bool
        )
        self._everything = np.ones(len(clinics), dtype=bool)

    @classmethod
    def of(cls, registry: Registry) -> ClinicIndex:
        """The index of a loaded registry."""
        return cls(registry.clinics)

    def _filter(self, filters: Filters) -> tuple[np.ndarray, np.ndarray]:
        """Which clinics match, and which failed only on what is not listed for them (boolean
        arrays): a clinic a source says "no" about is left out, but not counted."""
        if not filters:
            return self._everything, ~self._everything
        matching = self._everything.copy()
        said_not = ~self._everything
        for values, refused, mask in (
            (self._conditions, None, _mask(filters.conditions, self._condition_bits)),
            (self._treatments, self._not_offered, _mask(filters.treatments, self._treatment_bits)),
            (self._payment, self._not_accepted, _mask(filters.payment, self._payment_bits)),
            (self._said_yes, self._said_no, _mask(filters.features, self._feature_bits)),
            (self._languages, None, _mask(filters.languages, self._language_bits)),
        ):
            if mask:
                matching &= (values & mask) == mask
                if refused is not None:
                    said_not |= (refused & mask) != 0
        if filters.max_session_usd is not None:
            with np.errstate(invalid="ignore"):  # NaN: no price listed, neither side
                matching &= self._session_usd <= filters.max_session_usd
                said_not |= self._session_usd > filters.max_session_usd
        if filters.telehealth_state:
            matching &= self._serving(filters.telehealth_state)
            said_not |= self._no_telehealth
        return matching, ~matching & ~said_not

    def _serving(self, state: str) -> np.ndarray:
        """Which clinics a source says offer telehealth to ``state``."""
        if state not in self._telehealth_to:
            self._telehealth_to[state] = np.array(
                [c.telehealth is True and state in c.telehealth_states for c in self.clinics],
                dtype=bool,
            )
        return self._telehealth_to[state]

    def _haversine_km(self, origin: Place, rows: np.ndarray) -> np.ndarray:
        lat0, lon0 = np.radians(origin.latitude), np.radians(origin.longitude)
        lat, lon = self._lat[rows], self._lon[rows]
        a = (
            np.sin((lat - lat0) / 2) ** 2
            + np.cos(lat0) * self._cos_lat[rows] * np.sin((lon - lon0) / 2) ** 2
        )
        distances: np.ndarray = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
        return distances

    def _match(self, origin: Place, position: int) -> Match:
        from geopy.distance import geodesic  # geopy is slow to import: not on the load path

        clinic = self.clinics[int(self._located[position])]
        assert clinic.location is not None
        point = (clinic.location.latitude, clinic.location.longitude)
        km = geodesic((origin.latitude, origin.longitude), point).km
        return Match(clinic, km, serves(clinic, origin))

    def _nearest_clinic(
        self, origin: Place, rows: np.ndarray, distances: np.ndarray
    ) -> Match | None:
        """The nearest of ``rows`` that is a clinic (``distances``: theirs, haversine)."""
        clinics = ~self._unnamed[self._located[rows]]
        if not clinics.any():
            return None
        return self._match(origin, int(rows[clinics][int(np.argmin(distances[clinics]))]))

    def _count(self, entries: np.ndarray, *, by_organization: bool) -> int:
        """How many clinics ``entries`` holds, in the unit results are counted in: organizations
        ``by_organization``, else presences; unnamed providers are never counted as clinics."""
        rows = np.flatnonzero(entries & ~self._unnamed)
        if not by_organization:
            return len(rows)
        return len({self.clinics[int(i)].organization or self.clinics[int(i)].id for i in rows})

    def nearest(
        self,
        origin: Place,
        *,
        limit: int = 5,
        within_km: float | None = None,
        filters: Filters = NO_FILTERS,
        by_organization: bool = True,
    ) -> SearchResult:
        """The ``limit`` nearest clinics matching ``filters``, within ``within_km`` if given.

        With ``by_organization`` an organization appears once, at its nearest presence, with
        the places of its other presences in ``also_at``.
        """
        matching, not_listed = self._filter(filters)
        rows = np.flatnonzero(matching[self._located]) if filters else np.arange(len(self._located))
        distances = self._haversine_km(origin, rows)
        # Rank by haversine, then measure the best few exactly; a small margin keeps clinics
        # that haversine puts just outside the radius but the ellipsoid puts inside.
        eligible = distances <= within_km * 1.005 if within_km is not None else slice(None)
        candidates, candidate_km = rows[eligible], distances[eligible]
        take = limit
        while True:
            take = min(take, len(candidates))
            exact = [self._match(origin, int(candidates[i])) for i in _pool(candidate_km, take)]
            if within_km is not None:
                exact = [m for m in exact if m.distance_km <= within_km]
            exact.sort(key=lambda m: m.distance_km)
            matches = _one_per_organization(exact) if by_organization else exact
            if len(matches) >= limit or take == len(candidates):
                break
            take *= 4  # one organization's presences crowded the first candidates out
        # Clinics first: an unnamed provider is never the best answer, having no one to contact.
        matches = sorted(matches[:limit], key=lambda m: m.clinic.kind is EntryKind.UNNAMED_PROVIDER)
        nearest_outside = None
        if not any(m.clinic.kind is EntryKind.CLINIC for m in matches):
            nearest_outside = self._nearest_clinic(origin, rows, distances)
            if nearest_outside is None and within_km is not None and not matches and len(rows):
                nearest_outside = self._match(origin, int(rows[int(np.argmin(distances))]))
        unlocated = [self.clinics[i] for i in self._unlocated if matching[i]]
        nearest_any_km = None
        nearest = matches[0] if matches else nearest_outside
        if (
            filters
            and len(self._located)
            and (nearest is None or nearest.distance_km > FAR_AWAY_KM)
        ):
            every = self._haversine_km(origin, np.arange(len(self._located)))
            nearest_any_km = float(every.min())
        return SearchResult(
            origin=origin,
            matches=matches,
            unlocated=unlocated,
            filters=filters,
            within_km=within_km,
            nearest_outside=nearest_outside,
            excluded_not_listed=self._count(not_listed, by_organization=by_organization),
            coverage=self.coverage,
            nearest_any_km=nearest_any_km,
        )


def measured_from(origin: Place, clinics: Sequence[Clinic]) -> list[Match]:
    """The located ``clinics`` with their exact distances from ``origin``, nearest first
    (a shortlist shown while a search is on screen keeps its distances)."""
    from geopy.distance import geodesic

    here = (origin.latitude, origin.longitude)
    matches = [
        Match(c, geodesic(here, (c.location.latitude, c.location.longitude)).km, serves(c, origin))
        for c in clinics
        if c.location is not None
    ]
    return sorted(matches, key=lambda m: m.distance_km)


def _pool(distances: np.ndarray, take: int) -> np.ndarray:
    """The ``take`` smallest haversine distances, and any others the ellipsoid might put ahead.

    Haversine is within 0.4% of geodesic distance, so every clinic within 1% of the
    ``take``-th distance is measured exactly too.
    """
    if take == 0:
        return np.array([], dtype=np.int64)
    bound = float(distances[np.argpartition(distances, take - 1)[:take]].max())
    return np.flatnonzero(distances <= bound * 1.01 + 1e-9)


def _one_per_organization(matches: list[Match]) -> list[Match]:
    """Keep each organization's nearest presence (``matches`` are nearest first)."""
    kept: dict[str, Match] = {}
    for match in matches:
        key = match.clinic.organization or match.clinic.id
        if key in kept:
            first = kept[key]
            where = _place_of(match.clinic)
            if where not in first.also_at and where != _place_of(first.clinic):
                kept[key] = replace(first, also_at=(*first.also_at, where))
        else:
            kept[key] = match
    return list(kept.values())


def serves(clinic: Clinic, origin: Place) -> bool:
    """True when the clinic's service area names the searched city."""
    if not origin.city or not origin.state:
        return False
    wanted = fold(f"{origin.city} {origin.state}")
    return any(fold(place) == wanted for place in clinic.service_area)
