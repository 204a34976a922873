"""Bridges and tunnels that carry a road over open water the base map draws.

The shore (locator.geo.water) shows where the sea, its bays and sounds, and the Great Lakes lie,
but not where a road crosses them: without these, San Francisco to Oakland would read as a ferry
trip. Each link is its two landings, written by hand to about a kilometre (the map's shoreline is
coarser than that, so a landing may sit just off it); ``tests/unit/test_drive_time.py`` checks
that every link crosses open water on the map and that each landing is within reach of its land.
A link not listed here is a bridge locator does not know of: the trip then gets no estimate
rather than one it cannot show.
"""

from __future__ import annotations

from typing import NamedTuple


class Link(NamedTuple):
    """A road over water: its name and the latitude and longitude of each landing."""

    name: str
    lat_a: float
    lon_a: float
    lat_b: float
    lon_b: float


LINKS = (
    # San Francisco Bay
    Link("San Francisco-Oakland Bay Bridge", 37.789, -122.388, 37.827, -122.298),
    Link("Golden Gate Bridge", 37.806, -122.475, 37.833, -122.481),
    Link("Richmond-San Rafael Bridge", 37.931, -122.493, 37.935, -122.398),
    Link("Dumbarton Bridge", 37.490, -122.126, 37.512, -122.096),
    # Puget Sound and the Columbia's mouth
    Link("Tacoma Narrows Bridge", 47.260, -122.532, 47.278, -122.558),
    Link("Hood Canal Bridge", 47.857, -122.625, 47.864, -122.655),
    Link("Astoria-Megler Bridge", 46.184, -123.847, 46.270, -123.863),
    # Tampa Bay
    Link("Sunshine Skyway Bridge", 27.577, -82.617, 27.700, -82.706),
    Link("Howard Frankland Bridge", 27.937, -82.545, 27.888, -82.617),
    Link("Gandy Bridge", 27.891, -82.535, 27.865, -82.624),
    Link("Courtney Campbell Causeway", 27.969, -82.551, 27.963, -82.700),
    # Chesapeake and Delaware Bays, New York, Narragansett Bay, the Straits of Mackinac
    Link("Chesapeake Bay Bridge", 39.010, -76.406, 38.972, -76.331),
    Link("Chesapeake Bay Bridge-Tunnel", 36.928, -76.130, 37.100, -75.974),
    Link("Hampton Roads Bridge-Tunnel", 36.965, -76.319, 37.017, -76.320),
    Link("Delaware Memorial Bridge", 39.688, -75.500, 39.690, -75.529),
    Link("Verrazzano-Narrows Bridge", 40.607, -74.035, 40.605, -74.062),
    Link("Claiborne Pell Newport Bridge", 41.496, -71.350, 41.503, -71.395),
    Link("Mackinac Bridge", 45.785, -84.728, 45.847, -84.727),
)
