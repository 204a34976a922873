"""The user's settings that the core needs, kept as JSON in the user config directory.

The desktop app keeps window state in QSettings; what the command line shares with it lives
here: whether online lookups are allowed, which online provider to use, and the language the
user chose (the command line's ``--lang`` and the system's language come after that choice only
in the app; the command line follows ``--lang`` or the system).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from locator.files import atomic_write, keep_unreadable, read_kept_json
from locator.i18n import LANGUAGES, _


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


def _provider(data: object) -> OnlineProvider:
    """The online provider a settings file describes; raises ValueError or TypeError when it is
    not one that locator could ask (which service it names is checked when it is first used)."""
    if not isinstance(data, dict):
        raise TypeError(_("expected an object, not {name}").format(name=type(data).__name__))
    unknown = set(data) - {"service", "options", "timeout_seconds", "min_delay_seconds"}
    if unknown:
        raise ValueError(_("unknown keys {unknown}").format(unknown=sorted(unknown)))
    provider = OnlineProvider(**data)
    if not isinstance(provider.service, str) or not provider.service.isidentifier():
        raise ValueError(
            _("service {service!r} is not a geopy service name").format(service=provider.service)
        )
    options = provider.options
    if not isinstance(options, dict) or not all(
        isinstance(key, str) and isinstance(value, str | int | float | bool)
        for key, value in options.items()
    ):
        raise ValueError(_("options must be names with text, number or true/false values"))
    for name, low in (("timeout_seconds", 0.1), ("min_delay_seconds", 0.0)):
        value = getattr(provider, name)
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= 60:
            raise ValueError(
                _("{name} must be a number of seconds from {low} to 60").format(name=name, low=low)
            )
    return provider


def settings_path() -> Path:
    """The settings file."""
    return Path(platformdirs.user_config_dir("locator")) / "settings.json"


@dataclass(frozen=True)
class Settings:
    """What the user chose; None means not asked yet (and counts as no)."""

    online_lookups: bool | None = None
    map_tiles: bool | None = None
    online_provider: OnlineProvider = field(default_factory=OnlineProvider)
    language: str | None = None  # "en", "es"; None: the system's language
    # what was wrong with the file these came from, as a sentence for the user; never saved
    problem: str | None = field(default=None, compare=False, repr=False)

    @classmethod
    def load(cls) -> Settings:
        """The saved settings, or the defaults for whatever is missing or unusable; a file that
        is not what locator wrote is kept aside with a warning (``files.read_kept_json``)."""
        path = settings_path()
        data, problem = read_kept_json(path, dict)
        if data is None:
            return cls(problem=problem)
        online, tiles = data.get("online_lookups"), data.get("map_tiles")
        try:
            provider = _provider(data.get("online_provider", {}))
        except (TypeError, ValueError) as error:
            problem = keep_unreadable(
                path, _("its online_provider is not usable ({error})").format(error=error)
            )
            provider = OnlineProvider()
        language = data.get("language")
        return cls(
            online_lookups=online if isinstance(online, bool) else None,
            map_tiles=tiles if isinstance(tiles, bool) else None,
            online_provider=provider,
            language=language if isinstance(language, str) and language in LANGUAGES else None,
            problem=problem,
        )

    def save(self) -> None:
        """Write the settings atomically; raises ``FileWriteError`` when that fails."""
        data = {key: value for key, value in asdict(self).items() if key != "problem"}
        atomic_write(settings_path(), json.dumps(data, indent=2) + "\n", parents=True)

    def allowing_online(self, allowed: bool) -> Settings:
        """A copy with online lookups allowed or not."""
        return replace(self, online_lookups=allowed)

    def allowing_tiles(self, allowed: bool) -> Settings:
        """A copy with the map's base tiles (from OpenStreetMap) allowed or not."""
        return replace(self, map_tiles=allowed)

    def speaking(self, language: str | None) -> Settings:
        """A copy with the app's language chosen ("es"), or following the system (None)."""
        return replace(self, language=language)
