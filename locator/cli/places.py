"""Which geocoding a command uses: offline, or online when asked for or allowed in settings."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from locator.i18n import _

if TYPE_CHECKING:
    from locator.geo.service import Geocoding
    from locator.settings import Settings


def geocoding(args: argparse.Namespace, settings: Settings | None = None) -> Geocoding:
    """Offline unless ``--online`` is given or online lookups are on (and not ``--offline``);
    the first online use without the setting says where the query goes. A provider setting
    locator cannot use keeps the command offline, with the sentence that names it (said once,
    as the settings are read, which the caller may have done): the query never goes to a
    service the user did not choose."""
    from locator.geo.service import Geocoding
    from locator.settings import Settings

    settings = settings or Settings.load()
    online = args.online or (settings.online_lookups is True and not args.offline)
    if not online:
        return Geocoding()
    if settings.online_provider is None:  # Settings.load said why, once
        return Geocoding()
    if settings.online_lookups is not True:
        provider = settings.online_provider.name
        print(
            _(
                "note: online lookups send what you type to {provider}; answers are kept in a "
                "cache on this computer. Use --offline to stay offline."
            ).format(provider=provider),
            file=sys.stderr,
        )
    from locator.geo.online import OnlineGeocoder  # geopy and requests: only when online

    return Geocoding(online=OnlineGeocoder(settings.online_provider))
