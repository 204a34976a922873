"""The user's settings that the core needs, kept as JSON in the user config directory.

The desktop app keeps window state in QSettings; what the command line shares with it lives
here: whether online lookups are allowed, which online provider to use, and the language the
user chose (the command line's ``--lang`` and the system's language come after that choice only
in the app; the command line follows ``--lang`` or the system).
"""

from __future__ import annotations

import json
from dataclasses import Field, asdict, dataclass, field, fields, replace
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


class _UnusableSettingError(ValueError):
    """A setting in the file is not one locator wrote: the file is kept aside, with this."""


def _yes_or_no(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _language(value: object) -> str | None:
    return value if isinstance(value, str) and value in LANGUAGES else None


def _usable_provider(value: object) -> OnlineProvider:
    try:
        return _provider(value)
    except (TypeError, ValueError) as error:
        raise _UnusableSettingError(
            _("its online_provider is not usable ({error})").format(error=error)
        ) from error


# A field whose metadata has a reader is kept in the file under its name: the reader turns what
# the file holds into its value (None: the default), or raises _UnusableSettingError.
_READ = "read"


@dataclass(frozen=True)
class Settings:
    """What the user chose; None means not asked yet (and counts as no). Each field with a
    reader is kept in the file under its name: the fields are the declaration."""

    online_lookups: bool | None = field(default=None, metadata={_READ: _yes_or_no})
    map_tiles: bool | None = field(default=None, metadata={_READ: _yes_or_no})
    online_provider: OnlineProvider = field(
        default_factory=OnlineProvider, metadata={_READ: _usable_provider}
    )
    language: str | None = field(default=None, metadata={_READ: _language})  # None: the system's
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
        values: dict[str, Any] = {}
        for setting in _kept():
            if setting.name not in data:
                continue
            try:
                value = setting.metadata[_READ](data[setting.name])
            except _UnusableSettingError as error:
                problem = keep_unreadable(path, str(error))
                continue
            if value is not None:
                values[setting.name] = value
        return cls(**values, problem=problem)

    def save(self) -> None:
        """Write the settings atomically; raises ``FileWriteError`` when that fails."""
        kept = {setting.name for setting in _kept()}
        data = {key: value for key, value in asdict(self).items() if key in kept}
        atomic_write(settings_path(), json.dumps(data, indent=2) + "\n", parents=True)

    def online_differs(self, other: Settings) -> bool:
        """True when ``other`` allows online lookups differently, or asks another provider."""
        return (
            self.online_lookups != other.online_lookups
            or self.online_provider != other.online_provider
        )

    def allowing_online(self, allowed: bool) -> Settings:
        """A copy with online lookups allowed or not."""
        return replace(self, online_lookups=allowed)

    def allowing_tiles(self, allowed: bool) -> Settings:
        """A copy with the map's base tiles (from OpenStreetMap) allowed or not."""
        return replace(self, map_tiles=allowed)

    def speaking(self, language: str | None) -> Settings:
        """A copy with the app's language chosen ("es"), or following the system (None)."""
        return replace(self, language=language)


def _kept() -> list[Field[Any]]:
    """The fields of :class:`Settings` kept in the file."""
    return [setting for setting in fields(Settings) if _READ in setting.metadata]
