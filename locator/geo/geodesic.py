"""Exact distances on the WGS84 ellipsoid, as geopy's ``geodesic`` measures them.

geopy's ``geodesic`` is geographiclib's ``Inverse`` underneath, on an ellipsoid given in
kilometres; asking geographiclib directly gives the same figures to the last bit without
importing geopy, whose package imports every online geocoder and requests (some 120 ms of a
`locator nearest`).
"""

from __future__ import annotations

from geographiclib.geodesic import Geodesic

# geopy's ELLIPSOIDS["WGS-84"]: the major axis in kilometres, and the flattening
_WGS84_KM = Geodesic(6378.137, 1 / 298.257223563)


def geodesic_km(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    """The shortest distance over the ellipsoid between two points, in kilometres."""
    distance: float = _WGS84_KM.Inverse(lat_a, lon_a, lat_b, lon_b, Geodesic.DISTANCE)["s12"]
    return distance
