"""Nearest clinics to a place: ranked fast, measured exactly, filtered on what sources say.

Clinics are ranked by haversine distance over NumPy arrays prepared once per registry (within
0.4% of the true distance); the distances shown are geodesic on the WGS84 ellipsoid (geopy's
figures, from geographiclib), computed only for the clinics shown, and so is the estimated drive
to each. All distances are straight-line. The sentences that explain a result are
:mod:`locator.summary`'s.
"""

from __future__ import annotations

import math
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
from locator.drive_time import AcrossWater, DriveTime, drive_time
from locator.geo.geodesic import geodesic_km
from locator.geo.names import fold
from locator.geo.place import Place
from locator.practical import source_says
from locator.presentation import Tally, registry_coverage
from locator.query import NO_FILTERS, Filters
from locator.units import KM_PER_MILE

EARTH_RADIUS_KM = 6371.0088  # mean radius, for ranking only
# Half the way round: no two places are farther apart by the straight-line distances measured.
FARTHEST_KM = math.pi * EARTH_RADIUS_KM
FAR_AWAY_KM = 160.0  # beyond about 100 miles, say which areas the registry covers
# The farthest a person would travel to a clinic: one beyond it is never said to be "near".
TRAVEL_RADIUS_MILES = 250
TRAVEL_RADIUS_KM = TRAVEL_RADIUS_MILES * KM_PER_MILE
OTHER_SITES = 5  # an organization's other sites kept on the map, nearest first


@dataclass(frozen=True)
class Match:
    """A clinic and its straight-line distance from the origin, with the estimated drive
    there (:func:`locator.drive_time.drive_time`: None where there is none to give)."""

    clinic: Clinic
    distance_km: float
    serves_origin: bool
    also_at: tuple[str, ...] = ()  # farther presences of the same organization, "City, ST"
    drive: DriveTime | AcrossWater | None = None

    @property
    def distance_miles(self) -> float:
        """The distance in miles."""
        return self.distance_km / KM_PER_MILE


@dataclass(frozen=True)
class OtherSite:
    """A site of an organization the results show that they leave out: ``found`` when the
    search found it too (the results list an organization once, at its nearest site), else it
    is beyond the radius or the filters."""

    match: Match
    found: bool


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
    # The other places the query may mean ("Springfield": MA, IL, …), best first, as labels:
    # the window says which one was searched and offers these.
    also_named: tuple[str, ...] = ()
    # When the place was found by its closest spelling: the places whose names begin with what
    # was typed ("Fris": Frisco, TX), best first, as labels, offered beside it.
    begin_alike: tuple[str, ...] = ()
    # The other sites of the organizations in ``matches``, nearest first (see OtherSite): the
    # map keeps them, so that an organization does not seem to have only its nearest site.
    other_sites: list[OtherSite] = field(default_factory=list)
    # Every clinic within reach, counted (not its unnamed providers), when more are within
    # reach than ``matches`` shows: "the nearest 10" are not all there are within 250 mi.
    in_reach: Tally | None = None

    @property
    def reach_km(self) -> float:
        """How far from the place a clinic may be and still be said to be near it: the radius
        asked for, else :data:`TRAVEL_RADIUS_KM`."""
        return self.within_km if self.within_km is not None else TRAVEL_RADIUS_KM

    @property
    def clinic_within_travel(self) -> bool:
        """Whether any clinic found (not an unnamed provider) is within TRAVEL_RADIUS_KM."""
        return any(
            m.clinic.kind is EntryKind.CLINIC and m.distance_km <= TRAVEL_RADIUS_KM
            for m in self.matches
        )


def _yes_no_bits(clinic: Clinic, bits: Mapping[Feature, int]) -> tuple[int, int]:
    """The yes-or-no facts a source states about ``clinic``: those said "yes" and those said
    "no", as bit masks (one pass: it runs for every clinic of a registry)."""
    yes = no = 0
    for feature, bit in bits.items():
        value = source_says(clinic, feature)
        if value is True:
            yes |= bit
        elif value is False:
            no |= bit
    return yes, no


@dataclass(frozen=True)
class _Sites:
    """What the index finds of organizations when a search first needs it: each one's
    located sites (positions in ``_located``) and each located clinic's id; and each located
    clinic's place as a number (-1 until asked for; by :func:`place_of`, in ``place_codes``)."""

    sites: dict[str, np.ndarray]
    ids: np.ndarray
    places: np.ndarray
    place_codes: dict[str, int]


_NO_SITES = np.array([], dtype=np.int64)


def place_of(clinic: Clinic) -> str:
    """ "City, ST" where the clinic is, else the place it serves that it stands at, else its
    first service area, else its name."""
    if clinic.address and clinic.address.city and clinic.address.state:
        return f"{clinic.address.city}, {clinic.address.state}"
    if clinic.location and clinic.location.served_place:
        return clinic.location.served_place
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
        said = [_yes_no_bits(c, self._feature_bits) for c in clinics]
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
        self._sites: _Sites | None = None  # made when first asked
        # Each located clinic's organization as a number (one of its own where it names none).
        codes: dict[str, int] = {}
        self._groups = np.array(
            [
                codes.setdefault(clinics[row].organization or f"\0{row}", len(codes))
                for row in located
            ],
            dtype=np.int64,
        )

    def _sites_of(self, organization: str) -> np.ndarray:
        """The positions in ``_located`` of an organization's located sites."""
        return self._by_organization().sites.get(organization, _NO_SITES)

    def _by_organization(self) -> _Sites:
        """Each organization's sites and each located clinic's id, made when first asked."""
        if self._sites is None:
            sites: dict[str, list[int]] = {}
            ids = []
            for position, row in enumerate(self._located.tolist()):
                clinic = self.clinics[row]
                if clinic.organization:
                    sites.setdefault(clinic.organization, []).append(position)
                ids.append(clinic.id)
            self._sites = _Sites(
                {name: np.array(found, dtype=np.int64) for name, found in sites.items()},
                np.array(ids, dtype=str),
                np.full(len(ids), -1, dtype=np.int64),
                {},
            )
        return self._sites

    def _other_sites(
        self, origin: Place, shown: Sequence[Match], matching: np.ndarray, within_km: float | None
    ) -> list[OtherSite]:
        """The located sites of the organizations ``shown`` that it leaves out, up to
        OTHER_SITES of each, nearest first (see :class:`OtherSite`). Their distances are
        haversine (within 0.5%, for the map's popups); near the radius, exact, to say rightly
        whether the search found them: an exact one for each costs a tenth of the search."""
        ids = self._by_organization().ids
        shown_ids = [match.clinic.id for match in shown]
        found: list[OtherSite] = []
        for name in dict.fromkeys(m.clinic.organization for m in shown if m.clinic.organization):
            positions = self._sites_of(name)
            positions = positions[~np.isin(ids[positions], shown_ids)]
            distances = self._haversine_km(origin, positions)
            for i in np.argsort(distances)[:OTHER_SITES]:
                position, km = int(positions[i]), float(distances[i])
                clinic = self.clinics[int(self._located[position])]
                if within_km is not None and abs(km - within_km) <= within_km * 0.01:
                    match = self._match(origin, position)
                else:
                    match = Match(clinic, km, serves(clinic, origin))
                inside = within_km is None or match.distance_km <= within_km
                found.append(OtherSite(match, inside and bool(matching[self._located[position]])))
        return sorted(found, key=lambda site: site.match.distance_km)

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

    def _located_clinic(self, position: int) -> Clinic:
        return self.clinics[int(self._located[position])]

    def _each_place(self, positions: np.ndarray) -> list[int]:
        """Of ``positions`` (nearest first), the first at each place of each organization:
        all that :func:`_one_per_organization` names of them, for 20,000 sites a few hundred.
        Each clinic's place is numbered the first time it is asked for, and kept."""
        sites = self._by_organization()
        unknown = positions[sites.places[positions] < 0].tolist()
        for position in unknown:
            place = place_of(self._located_clinic(position))
            sites.places[position] = sites.place_codes.setdefault(place, len(sites.place_codes))
        pairs = self._groups[positions] * len(self._located) + sites.places[positions]
        first: list[int] = positions[np.sort(np.unique(pairs, return_index=True)[1])].tolist()
        return first

    def _match(self, origin: Place, position: int) -> Match:
        clinic = self._located_clinic(position)
        assert clinic.location is not None
        point = (clinic.location.latitude, clinic.location.longitude)
        km = geodesic_km(origin.latitude, origin.longitude, *point)
        return Match(clinic, km, serves(clinic, origin))

    def _nearest_clinic(
        self, origin: Place, rows: np.ndarray, distances: np.ndarray
    ) -> Match | None:
        """The nearest of ``rows`` that is a clinic (``distances``: theirs, haversine)."""
        clinics = ~self._unnamed[self._located[rows]]
        if not clinics.any():
            return None
        return self._match(origin, int(rows[clinics][int(np.argmin(distances[clinics]))]))

    def _providers(self, entries: np.ndarray) -> int:
        """How many providers ``entries`` holds, counted as everything is
        (:class:`~locator.presentation.Tally`); unnamed providers are never among them."""
        return Tally.of(self.clinics[int(i)] for i in np.flatnonzero(entries)).providers

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
        # An organization is one row: it is ranked by its nearest presence, the only one
        # measured exactly (a 211 agency's 20,000 sites are not each measured, nor named
        # one by one); each entry is its own group otherwise.
        groups = self._groups[candidates] if by_organization else np.arange(len(candidates))
        group_count = _distinct(groups)
        take = limit
        while True:
            take = min(take, group_count)
            measured, farther = _pool(candidate_km, groups, take)
            exact = [self._match(origin, int(candidates[i])) for i in measured]
            if within_km is not None:
                exact = [m for m in exact if m.distance_km <= within_km]
                farther = farther[candidate_km[farther] <= within_km]
            exact.sort(key=lambda m: m.distance_km)
            # Clinics first: an unnamed provider is never the best answer, having no one to
            # contact. The rows are ordered before they are cut, so that the first ``limit``
            # are those of the whole list; clinics beyond the pool are farther than its own.
            if by_organization:
                others = map(self._located_clinic, self._each_place(candidates[farther]))
                exact = _one_per_organization(exact, others)
            ranked = _clinics_first(exact)
            clinics = sum(m.clinic.kind is EntryKind.CLINIC for m in ranked)
            if clinics >= limit or take == group_count:
                break
            take *= 4  # unnamed providers crowded clinics out
        matches = [_with_drive(match, origin) for match in ranked[:limit]]
        nearest_outside = None
        if not any(m.clinic.kind is EntryKind.CLINIC for m in matches):
            nearest_outside = self._nearest_clinic(origin, rows, distances)
            if nearest_outside is None and within_km is not None and not matches and len(rows):
                nearest_outside = self._match(origin, int(rows[int(np.argmin(distances))]))
            if nearest_outside is not None:
                nearest_outside = _with_drive(nearest_outside, origin)
        unlocated = [self.clinics[i] for i in self._unlocated if matching[i]]
        reach = within_km if within_km is not None else TRAVEL_RADIUS_KM
        in_reach = self._in_reach(origin, rows, distances, reach, len(ranked))
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
            excluded_not_listed=self._providers(not_listed),
            coverage=self.coverage,
            nearest_any_km=nearest_any_km,
            other_sites=self._other_sites(origin, matches, matching, within_km),
            in_reach=in_reach,
        )

    def _in_reach(
        self, origin: Place, rows: np.ndarray, distances: np.ndarray, reach_km: float, seen: int
    ) -> Tally | None:
        """The tally of the clinics among ``rows`` within ``reach_km`` of ``origin``, or None
        when no more than the ``seen`` entries ranked are: the summary then counts those. As
        in :meth:`nearest`, haversine decides but near the edge, where the ellipsoid does."""
        clinics = ~self._unnamed[self._located[rows]]
        sure = clinics & (distances <= reach_km * 0.995)
        edge = np.flatnonzero(clinics & ~sure & (distances <= reach_km * 1.005))
        inside = list(np.flatnonzero(sure)) + [
            i for i in edge if self._match(origin, int(rows[i])).distance_km <= reach_km
        ]
        if len(inside) <= seen:
            return None
        return Tally.of(self.clinics[int(self._located[rows[i]])] for i in inside)


def measured_from(origin: Place, clinics: Sequence[Clinic]) -> list[Match]:
    """The located ``clinics`` with their exact distances from ``origin`` and the drives
    there, nearest first (a shortlist shown while a search is on screen keeps its distances)."""
    here = (origin.latitude, origin.longitude)
    matches = [
        Match(c, geodesic_km(*here, c.location.latitude, c.location.longitude), serves(c, origin))
        for c in clinics
        if c.location is not None
    ]
    return sorted((_with_drive(m, origin) for m in matches), key=lambda m: m.distance_km)


def _with_drive(match: Match, origin: Place) -> Match:
    """``match`` with its estimated drive from ``origin``: worked out once, and only for a
    match that is shown (a water check walks the straight line)."""
    return replace(match, drive=drive_time(match.distance_km, match.clinic, origin))


def _distinct(values: np.ndarray) -> int:
    """How many distinct values ``values`` holds (``np.unique`` alone loads numpy.ma for it:
    a sixtieth of `locator nearest`)."""
    ordered = np.sort(values)
    return int(len(ordered) > 0) + int(np.count_nonzero(ordered[1:] != ordered[:-1]))


def _pool(distances: np.ndarray, groups: np.ndarray, take: int) -> tuple[np.ndarray, np.ndarray]:
    """Of the clinics at haversine ``distances`` in ``groups`` (organizations), those to
    measure exactly: in the ``take`` groups nearest by their nearest member (and any other
    group the ellipsoid might put ahead), each member that may be its group's nearest; and
    the other members of those groups, nearest first, whose places are named beside it.

    Haversine is within 0.4% of geodesic distance, so every distance within 1% of a bound is
    measured (or taken) too.
    """
    if take == 0:
        empty = np.array([], dtype=np.int64)
        return empty, empty
    order = np.argsort(distances, kind="stable")
    codes, first = np.unique(groups[order], return_index=True)
    nearest = distances[order[first]]  # each group's nearest member's distance
    bound = float(np.partition(nearest, take - 1)[take - 1])
    own_nearest = nearest[np.searchsorted(codes, groups)]
    chosen = own_nearest <= bound * 1.01 + 1e-9
    measured = chosen & (distances <= own_nearest * 1.01 + 1e-9)
    farther = order[(chosen & ~measured)[order]]
    return np.flatnonzero(measured), farther


def _clinics_first(matches: list[Match]) -> list[Match]:
    """``matches`` (nearest first) with every clinic before every unnamed provider, each
    kind still nearest first."""
    return sorted(matches, key=lambda m: m.clinic.kind is EntryKind.UNNAMED_PROVIDER)


def _one_per_organization(matches: list[Match], farther: Iterable[Clinic] = ()) -> list[Match]:
    """Keep each organization's nearest presence (``matches`` are nearest first), with the
    places of its other presences: those among ``matches``, then those ``farther``
    (nearest first)."""
    kept: dict[str, Match] = {}
    places: dict[str, dict[str, None]] = {}
    for match in matches:
        key = match.clinic.organization or match.clinic.id
        if key in kept:
            places[key][place_of(match.clinic)] = None
        else:
            kept[key], places[key] = match, {}
    for clinic in farther:
        key = clinic.organization or clinic.id
        if key in places:  # not where its nearest presence is past the radius
            places[key][place_of(clinic)] = None
    found = []
    for key, match in kept.items():
        places[key].pop(place_of(match.clinic), None)
        found.append(replace(match, also_at=tuple(places[key])) if places[key] else match)
    return found


def serves(clinic: Clinic, origin: Place) -> bool:
    """True when the clinic's service area names the searched city."""
    if not origin.city or not origin.state:
        return False
    wanted = fold(f"{origin.city} {origin.state}")
    return any(fold(place) == wanted for place in clinic.service_area)
