"""The registry editor's Locate button, answered by the window's place lookups: the editor
asks with the address it has and gets back where that is, how precisely, and from what."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from locator.errors import LocatorError
from locator.i18n import _, source_language
from locator.presentation import OFFLINE_GAZETTEER

if TYPE_CHECKING:
    from locator.geo.service import Geocoding

Located = tuple[float, float, str, str]  # latitude, longitude, precision, "source: label"


class EditorGeocoder:
    """Called with an address: the place lookups the search uses, once they are ready."""

    def __init__(self, geocoding: Callable[[], Geocoding | None]) -> None:
        self._geocoding = geocoding

    def __call__(self, query: str) -> Located:
        """Where ``query`` is; raises a :class:`LocatorError` (a sentence) when it cannot say."""
        geocoding = self._geocoding()
        if geocoding is None:
            raise LocatorError(_("Place lookups are still being prepared; try again in a moment."))
        place = geocoding.lookup(query)[0]
        with source_language():  # registry text is English; shown translated when read
            source = _(OFFLINE_GAZETTEER) if place.source == "offline" else place.source
            label = place.label
        return place.latitude, place.longitude, place.precision.value, f"{source}: {label}"
