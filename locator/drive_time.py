"""An estimated driving time from a straight-line distance: a range, always called an estimate.

Patients plan by driving time, but locator knows only straight lines. Road distance is the
straight line times a circuity factor (about 1.2 across the US, higher on short trips), and
time is road distance over an average speed that rises with trip length. Neither is known for
one trip, so both bounds are given: the low one as if on near-straight fast roads, the high one
on winding slower roads. The circuity figures are measured ones: Ballou, Rahardja and Sakai
(2002) give about 1.20 for the United States; Boscoe, Henry and Zdeb (2012), comparing road and
straight-line distance from over 66,000 US places to hospitals, found them "very highly
correlated (r2 > 0.9)", with "important local exceptions ... near shorelines and other physical
barriers". So no obstacle is claimed that the map cannot show: only open water with no known
bridge on the way (locator.geo.water) stops an estimate, and :class:`AcrossWater` says so; a
lake inland is driven round, and a trip over a bridge is estimated on the way over it.
Mountains and traffic are not known; docs/command-line.md (Travel time, estimated) gives the
method and its sources. The estimate never ranks anything.

Whether a clinic gets an estimate at all is decided here too (:func:`drive_time`): how exactly
it is placed, and whether open water lies between.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from locator.data.vocabulary import Precision
from locator.i18n import _
from locator.units import KM_PER_MILE

if TYPE_CHECKING:
    from locator.data.models import Clinic
    from locator.geo.place import Place

# (straight-line miles this stretch ends at, circuity, mph): each stretch of a trip is driven at
# its own pace, so time grows steadily with distance and longer trips reach faster roads.
_FAST = ((3.0, 1.1, 35.0), (math.inf, 1.05, 65.0))
_SLOW = ((3.0, 1.5, 25.0), (15.0, 1.4, 40.0), (60.0, 1.35, 55.0), (math.inf, 1.25, 60.0))

SHORT_MINUTES = 10  # a high bound this short reads "under 10 min"
HOURS_FROM = 120  # bounds from this many minutes are given in half hours


def _minutes(miles: float, stretches: tuple[tuple[float, float, float], ...]) -> float:
    """Minutes to drive a trip of ``miles`` straight-line, stretch by stretch."""
    total, start = 0.0, 0.0
    for end, circuity, mph in stretches:
        if miles <= start:
            break
        total += (min(miles, end) - start) * circuity / mph * 60
        start = end
    return total


def _round(minutes: float, up: bool) -> int:
    """To 5 minutes, or to half hours from :data:`HOURS_FROM`: outwards, never claiming more."""
    step = 30 if minutes >= HOURS_FROM else 5
    if up:
        return max(math.ceil(minutes / step), 1) * step  # even no distance is "under 5 min"
    return math.floor(minutes / step) * step


def _hours(minutes: int) -> str:
    """ "5½" for 330 minutes (a multiple of 30)."""
    whole, half = divmod(minutes, 60)
    return f"{whole}½" if half else str(whole)


@dataclass(frozen=True)
class DriveTime:
    """An estimated range of driving minutes, rounded outwards (:func:`_round`)."""

    low: int
    high: int

    @classmethod
    def estimate(cls, distance_km: float, uncertainty_km: float = 0.0) -> DriveTime:
        """The range for a straight line of ``distance_km``, give or take ``uncertainty_km``
        (where an approximately placed end may really be)."""
        near = max(distance_km - uncertainty_km, 0.0) / KM_PER_MILE
        far = (distance_km + uncertainty_km) / KM_PER_MILE
        return cls(_round(_minutes(near, _FAST), up=False), _round(_minutes(far, _SLOW), up=True))

    @property
    def text(self) -> str:
        """ "about 25\u201355 min by car (estimate)", "up to about 20 min by car (estimate)",
        "about 5½\u20138 hours by car (estimate)"."""
        if self.low >= HOURS_FROM:
            return _("about {low}\u2013{high} hours by car (estimate)").format(
                low=_hours(self.low), high=_hours(self.high)
            )
        if self.high >= HOURS_FROM:
            return _("about {low} min to {high} hours by car (estimate)").format(
                low=self.low, high=_hours(self.high)
            )
        if self.high <= SHORT_MINUTES:
            return _("under {high} min by car (estimate)").format(high=self.high)
        if self.low == 0:
            return _("up to about {high} min by car (estimate)").format(high=self.high)
        return _("about {low}\u2013{high} min by car (estimate)").format(
            low=self.low, high=self.high
        )

    def as_json(self) -> dict[str, object]:
        """For ``locator nearest --json``: minutes, marked as an estimate."""
        return {"low": self.low, "high": self.high, "estimate": True}


@dataclass(frozen=True)
class AcrossWater:
    """No estimate where open water lies between and no known bridge is on the way: the trip
    may be a ferry or a long way round, and any range from the straight line would mislead."""

    reason = "water"  # for ``locator nearest --json``, beside a null ``drive_minutes``

    @property
    def text(self) -> str:
        """The sentence shown where a range would be."""
        return _(
            "no drive-time estimate: open water lies between, with no bridge locator knows of on "
            "the way; a ferry or a long drive round may be needed"
        )

    @property
    def short(self) -> str:
        """For a narrow column, beside which :attr:`text` is given once."""
        return _("none: open water")

    def as_json(self) -> None:
        """No minutes to give (``reason`` says why)."""


SAME_PLACE_KM = 1.0  # closer than this to an approximate location: "the same place"

# How far from its coordinates an approximately placed clinic may really be: about a ZIP code's or
# a town's radius. A clinic placed at its state's centre gets no drive-time estimate at all.
PLACEMENT_KM = {Precision.ADDRESS: 0.0, Precision.POSTAL_CODE: 3.0, Precision.CITY: 5.0}


def at_searched_place(distance_km: float, clinic: Clinic) -> bool:
    """True for a clinic placed approximately, less than :data:`SAME_PLACE_KM` from the place
    searched: it is said to be there ("in Sandy, UT"), since a distance of "0.0 mi" would
    claim a precision nobody has."""
    location = clinic.location
    return (
        distance_km < SAME_PLACE_KM
        and location is not None
        and location.precision is not Precision.ADDRESS
    )


def drive_time(
    distance_km: float, clinic: Clinic, origin: Place | None
) -> DriveTime | AcrossWater | None:
    """The estimated drive from ``origin``, widened by how approximately the clinic is placed
    and worked out on the way round open water or over a bridge where the straight line cannot
    be driven (:func:`locator.geo.water.detour`); :class:`AcrossWater` where no such way is
    found; None where the place is too vague to estimate, or the clinic is said to be at the
    place searched (:func:`at_searched_place`)."""
    from locator.geo.water import detour  # NumPy and the shore: only when estimating

    location = clinic.location
    if location is None or location.precision not in PLACEMENT_KM:
        return None
    if at_searched_place(distance_km, clinic):
        return None
    factor = 1.0
    if origin is not None:
        found = detour(origin.latitude, origin.longitude, location.latitude, location.longitude)
        if found is None:
            return AcrossWater()
        factor = found
    return DriveTime.estimate(distance_km * factor, PLACEMENT_KM[location.precision])
