"""The user's settings that the core needs, kept as JSON in the user config directory.

The desktop app keeps window state in QSettings; what the command line shares with it lives
here: whether online lookups are allowed, and which online provider to use.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from locator.geo.online import OnlineProvider

log = logging.getLogger(__name__)


def settings_path() -> Path:
    """The settings file."""
    return Path(platformdirs.user_config_dir("locator")) / "settings.json"


@dataclass(frozen=True)
class Settings:
    """What the user chose; ``online_lookups`` is None until they have been asked."""

    online_lookups: bool | None = None
    online_provider: OnlineProvider = field(default_factory=OnlineProvider)

    @classmethod
    def load(cls) -> Settings:
        """The saved settings, or the defaults when there are none or they are unreadable."""
        try:
            data: dict[str, Any] = json.loads(settings_path().read_text(encoding="utf-8"))
            provider = OnlineProvider(**data.get("online_provider", {}))
            online = data.get("online_lookups")
            return cls(online if isinstance(online, bool) else None, provider)
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, TypeError) as error:
            log.warning("settings in %s ignored: %s", settings_path(), error)
            return cls()

    def save(self) -> None:
        """Write the settings atomically."""
        path = settings_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        temporary.replace(path)

    def allowing_online(self, allowed: bool) -> Settings:
        """A copy with online lookups allowed or not."""
        return replace(self, online_lookups=allowed)
