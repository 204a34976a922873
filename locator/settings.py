"""The user's settings that the core needs, kept as JSON in the user config directory.

The desktop app keeps window state in QSettings; what the command line shares with it lives
here: whether online lookups are allowed, and which online provider to use.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from locator.files import atomic_write

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OnlineProvider:
    """Which geopy provider to ask, and how politely (Nominatim: one request a second)."""

    service: str = "nominatim"
    options: dict[str, Any] = field(default_factory=dict)
    timeout_seconds: float = 5.0
    min_delay_seconds: float = 1.0

    @property
    def name(self) -> str:
        """What results from it are labelled with ("nominatim" or the configured domain)."""
        return str(self.options.get("domain") or self.service)


def settings_path() -> Path:
    """The settings file."""
    return Path(platformdirs.user_config_dir("locator")) / "settings.json"


@dataclass(frozen=True)
class Settings:
    """What the user chose; None means not asked yet (and counts as no)."""

    online_lookups: bool | None = None
    map_tiles: bool | None = None
    online_provider: OnlineProvider = field(default_factory=OnlineProvider)

    @classmethod
    def load(cls) -> Settings:
        """The saved settings, or the defaults when there are none or they are unreadable."""
        try:
            data: dict[str, Any] = json.loads(settings_path().read_text(encoding="utf-8"))
            provider = OnlineProvider(**data.get("online_provider", {}))
            online, tiles = data.get("online_lookups"), data.get("map_tiles")
            return cls(
                online if isinstance(online, bool) else None,
                tiles if isinstance(tiles, bool) else None,
                provider,
            )
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, TypeError) as error:
            log.warning("settings in %s ignored: %s", settings_path(), error)
            return cls()

    def save(self) -> None:
        """Write the settings atomically; raises ``FileWriteError`` when that fails."""
        atomic_write(settings_path(), json.dumps(asdict(self), indent=2) + "\n", parents=True)

    def allowing_online(self, allowed: bool) -> Settings:
        """A copy with online lookups allowed or not."""
        return replace(self, online_lookups=allowed)

    def allowing_tiles(self, allowed: bool) -> Settings:
        """A copy with the map's base tiles (from OpenStreetMap) allowed or not."""
        return replace(self, map_tiles=allowed)
