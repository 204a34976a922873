"""The user's settings that the core needs, kept as JSON in the user config directory.

The desktop app keeps window state in QSettings; what the command line shares with it lives
here: whether online lookups are allowed, which online provider to use, and the language the
user chose (the command line's ``--lang`` and the system's language come after that choice only
in the app; the command line follows ``--lang`` or the system).
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
import math
from collections.abc import Sequence
from dataclasses import Field, asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from locator import json_text
from locator.data.hosts import authority_fault
from locator.errors import FileWriteError
from locator.files import MAX_KEPT_BYTES, read_kept_json, read_regular, write_kept
from locator.i18n import LANGUAGES, _, megabytes, ngettext, number
from locator.terminal import in_a_sentence, one_line

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

    @property
    def host(self) -> str:
        """Where typed addresses go: the configured domain, else the service's own default
        (public Nominatim's host for the default provider), said so that a user can check."""
        domain = self.options.get("domain")
        return str(domain) if domain else _default_domain(self.service)


@functools.lru_cache(maxsize=8)
def _default_domain(service: str) -> str:
    """The host geopy's ``service`` asks when no domain is configured, or a sentence saying
    that geopy chooses it (a service with no single domain parameter)."""
    from geopy.geocoders import get_geocoder_for_service

    domain = inspect.signature(get_geocoder_for_service(service).__init__).parameters.get("domain")
    if domain is not None and isinstance(domain.default, str) and domain.default:
        return domain.default
    return _("{service}'s own servers").format(service=service)


# What locator gives every geopy geocoder itself: options may not set these.
SET_BY_LOCATOR = ("user_agent", "timeout", "adapter_factory")


@functools.lru_cache(maxsize=8)
def _geopy_problem(service: str, options: tuple[str, ...]) -> str | None:
    """What geopy would refuse in ``service`` with ``options`` named, found when the settings
    are read (not at the first online lookup, after a place was typed); None when usable.
    geopy is imported only for a provider that is not the default one."""
    from geopy.exc import GeocoderNotFound
    from geopy.geocoders import get_geocoder_for_service

    try:
        geocoder = get_geocoder_for_service(service)
    except GeocoderNotFound:
        return _("geopy has no service “{service}”").format(service=_written(service))
    clashing = sorted(set(options) & set(SET_BY_LOCATOR))
    if clashing:
        said = _("locator sets {names} itself").format(names=_names(clashing))
        if "timeout" in clashing:
            said += _("; use timeout_seconds for the timeout")
        return said
    parameters = inspect.signature(geocoder.__init__).parameters
    needed = sorted(
        name
        for name, p in parameters.items()
        if p.default is inspect.Parameter.empty
        and p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        and name != "self"
        and name not in options
    )
    if needed:  # a host (Pelias's domain), say: never left to a default the user did not choose
        return ngettext(
            "{service} needs the option {names}", "{service} needs the options {names}", len(needed)
        ).format(service=service, names=_names(needed))
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return None
    unknown = sorted(set(options) - set(parameters))
    if unknown:
        return ngettext(
            "{service} takes no option {names}", "{service} takes no options {names}", len(unknown)
        ).format(service=service, names=_names(unknown))
    return None


def _names(names: list[str]) -> str:
    """Keys or options named in a sentence as the others are (“domain”, “scheme”): as
    written, on one line, never as Python writes a list."""
    return ", ".join(f"“{_written(name)}”" for name in names)


def _provider(data: object) -> OnlineProvider:
    """The online provider a settings file describes; raises ValueError or TypeError when it is
    not one that locator could ask (a service geopy lacks, an option it does not take)."""
    if not isinstance(data, dict):
        raise TypeError(_("expected an object, not {found}").format(found=as_json(data)))
    unknown = set(data) - {"service", "options", "timeout_seconds", "min_delay_seconds"}
    if unknown:
        raise ValueError(
            ngettext("unknown key {names}", "unknown keys {names}", len(unknown)).format(
                names=_names(sorted(unknown))
            )
        )
    if not data:  # an emptied provider is not a choice of the public service
        raise ValueError(_("it names no service; remove it to use public Nominatim"))
    provider = OnlineProvider(**data)
    if not isinstance(provider.service, str) or not provider.service.isidentifier():
        raise ValueError(
            _("service “{service}” is not a geopy service name").format(
                service=_written(provider.service)
            )
        )
    options = provider.options
    if not isinstance(options, dict) or not all(
        isinstance(key, str) and isinstance(value, str | int | float | bool)
        for key, value in options.items()
    ):
        raise ValueError(_("options must be names with text, number or true/false values"))
    problem = _address_problem(options)
    if problem is not None:
        raise ValueError(problem)
    if provider != OnlineProvider():  # the default asks public Nominatim as geopy knows it
        problem = _geopy_problem(provider.service, tuple(sorted(options)))
        if problem is not None:
            raise ValueError(problem)
    for name, low in (("timeout_seconds", 0.1), ("min_delay_seconds", 0.0)):
        value = getattr(provider, name)
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= 60:
            raise ValueError(
                _("{name} must be a number of seconds from {low} to 60").format(name=name, low=low)
            )
    return provider


def _address_problem(options: dict[str, Any]) -> str | None:
    """What in the ``domain`` and ``scheme`` options would send typed addresses to another host
    than the one named (locator.data.hosts), or over another protocol; None when nothing."""
    scheme = options.get("scheme")
    if scheme is not None and scheme not in ("http", "https"):
        return _("the option scheme is “{scheme}”; it may be http or https").format(
            scheme=_written(scheme)
        )
    domain = options.get("domain")
    if domain is None:
        return None
    written = _written(domain)
    if not isinstance(domain, str) or "/" in domain:
        return _(
            "the option domain is “{domain}”; give the host alone, with no scheme or path "
            "(the option scheme says http or https)"
        ).format(domain=written)
    fault = authority_fault(domain)
    if fault is None:
        return None
    return _("the option domain is “{domain}”: {fault}").format(domain=written, fault=fault)


def _written(value: object) -> str:
    """An option's value quoted as written: repr would double a backslash, hide where a space
    ends and name a list Python's way; text on one line, anything else as JSON writes it."""
    return one_line(value) if isinstance(value, str) else json.dumps(value)


def as_json(value: object) -> str:
    """``value`` named as JSON writes it, for a sentence ("the text 'true'", "null"): never
    Python's name for its type."""
    if isinstance(value, float) and math.isinf(value):  # 1e400: past what a number holds
        return _("a number too large to hold") if value > 0 else _("a number too small to hold")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _("the text “{text}”").format(text=one_line(value))
    if isinstance(value, int | float):
        return _("the number {number}").format(number=value)
    if isinstance(value, list):
        return _("a list")
    return _("an object")


def settings_path() -> Path:
    """The settings file."""
    return Path(platformdirs.user_config_dir("locator")) / "settings.json"


def _yes_or_no(value: object) -> bool | None:
    """A choice made (true or false) or not yet made (null); anything else is no choice, and
    never read as one either way: "true" in quotes is text."""
    if value is None or isinstance(value, bool):
        return value
    raise TypeError(_("expected true or false, not {found}").format(found=as_json(value)))


def _language(value: object) -> str | None:
    return value if isinstance(value, str) and value in LANGUAGES else None


# How large a registry may be made as large as a setting (megabytes): past this, a registry
# of hundreds of thousands of entries would take more memory to open than most computers have.
MOST_REGISTRY_MB = 4096
LIMIT_SETTING = "registry_limit_mb"  # its name in settings.json: the field below


def _megabytes(value: object) -> int | None:
    """A registry limit in whole megabytes; not set (None): locator's own. A number is taken
    however JSON writes it (``512.0``, ``1e3``) where it is a whole number of them."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MOST_REGISTRY_MB:
        raise ValueError(
            _("expected a whole number of megabytes from 1 to {most}, not {found}").format(
                most=MOST_REGISTRY_MB, found=as_json(value)
            )
        )
    return value


def registry_limit_mb(path: Path) -> int | None:
    """The setting ``registry_limit_mb`` in the settings file at ``path``, read without a word
    said or a file kept aside: None where it is not set, or the file or the value cannot be
    used (where settings are read in full, :meth:`Settings.load` says why); the largest
    registry locator reads is then its own limit, and a sentence naming a file too large names
    the setting and the limit in use."""
    try:
        data = json_text.loads(read_regular(path, MAX_KEPT_BYTES))
        return _megabytes(data.get(LIMIT_SETTING)) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError, RecursionError):
        return None


NAMED_AT_MOST = 10  # unusable settings named in the sentence; the rest counted


def online_off(unusable: Sequence[tuple[str, str]]) -> str:
    """The one sentence for the settings that keep online lookups off until corrected, each
    ``(setting, reason)`` named: a person fixing one learns of the others at once."""
    if len(unusable) == 1:
        [(setting, reason)] = unusable
        return _(
            "Online lookups are off: the setting “{setting}” in {path} is not usable ({reason}). "
            "Nothing you type is sent online until it is corrected or removed."
        ).format(setting=setting, path=settings_path(), reason=reason)
    named = "; ".join(
        _("“{setting}” ({reason})").format(setting=setting, reason=reason)
        for setting, reason in unusable[:NAMED_AT_MOST]
    )
    more = len(unusable) - NAMED_AT_MOST
    if more > 0:  # a file of 20,000 unknown keys: a sentence of 540 KB took the window 12 s
        named += ngettext(" and {count} more", " and {count} more", more).format(count=number(more))
    return _(
        "Online lookups are off: these settings in {path} are not usable: {named}. Nothing "
        "you type is sent online until they are corrected or removed."
    ).format(path=settings_path(), named=named)


def limit_unusable(setting: str, reason: str) -> str:
    """The sentence for a registry limit that cannot be used: locator's own limit is used
    instead, and online lookups are not touched (the limit has nothing to do with privacy)."""
    from locator.data.loader import MAX_REGISTRY_BYTES

    return _(
        "The setting “{setting}” in {path} is not usable ({reason}): registries of up to "
        "{limit} MB, locator's own limit, are read until it is corrected or removed."
    ).format(
        setting=setting, path=settings_path(), reason=reason, limit=megabytes(MAX_REGISTRY_BYTES)
    )


# A field whose metadata has a reader is kept in the file under its name: the reader turns what
# the file holds into its value (None: the default), or raises TypeError or ValueError when the
# value is not one locator can use.
_READ = "read"


@dataclass(frozen=True)
class Settings:
    """What the user chose; None means not asked yet (and counts as no). Each field with a
    reader is kept in the file under its name: the fields are the declaration."""

    online_lookups: bool | None = field(default=None, metadata={_READ: _yes_or_no})
    map_tiles: bool | None = field(default=None, metadata={_READ: _yes_or_no})
    # None: the file names a provider (or a setting) locator cannot use, so nothing goes online;
    # a broken setting never falls back to the default service, which the user did not choose
    online_provider: OnlineProvider | None = field(
        default_factory=OnlineProvider, metadata={_READ: _provider}
    )
    language: str | None = field(default=None, metadata={_READ: _language})  # None: the system's
    # the largest registry read, in megabytes (None: locator's own, loader.MAX_REGISTRY_BYTES);
    # read where a registry is, by registry_limit_mb()
    registry_limit_mb: int | None = field(default=None, metadata={_READ: _megabytes})
    # what was wrong with the file these came from, as a sentence for the user; never saved
    problem: str | None = field(default=None, compare=False, repr=False)
    # the file's entries locator could not use, as found: saved back unchanged, so that saving
    # another choice never replaces a broken provider setting with the default service
    unusable: tuple[tuple[str, Any], ...] = field(default=(), compare=False, repr=False)
    # the file is there but could not be read at all: it may name a private provider, so
    # nothing goes online and nothing is saved over it until the user corrects or removes it
    unreadable: bool = field(default=False, compare=False, repr=False)

    @classmethod
    def load(cls) -> Settings:
        """The saved settings, or the defaults for whatever is missing or unusable; a file that
        is not what locator wrote is kept aside with a warning (``files.read_kept_json``)."""
        path = settings_path()
        data, problem = read_kept_json(path, dict)
        if data is None and problem is not None:
            off = _(
                "Online lookups are off until it is corrected or removed: nothing you type is "
                "sent online."
            )
            log.warning("%s", off)  # after the file's own sentence, logged as it was kept
            return cls(online_provider=None, problem=f"{problem} {off}", unreadable=True)
        if data is None:
            return cls()
        values: dict[str, Any] = {}
        unusable: list[tuple[str, Any]] = []
        offline: list[tuple[str, str]] = []  # the settings that keep online lookups off, and why
        limit_said = ""  # the registry limit's: nothing to do with privacy, online stays
        readers = {setting.name: setting.metadata[_READ] for setting in _kept()}
        for name, found in data.items():
            try:
                if name not in readers:  # perhaps a misspelt online_provider
                    raise ValueError(_("locator does not know this setting"))
                value = readers[name](found)
            except (TypeError, ValueError) as error:
                unusable.append((name, found))
                if name == LIMIT_SETTING:
                    limit_said = limit_unusable(in_a_sentence(name), str(error))
                else:
                    offline.append((in_a_sentence(name), str(error)))
                continue
            if value is not None:
                values[name] = value
        if offline:
            values["online_provider"] = None
        said = (online_off(offline) if offline else "", limit_said)
        problem = " ".join(sentence for sentence in said if sentence) or None
        if problem is not None:
            log.warning("%s", problem)
        return cls(**values, problem=problem, unusable=tuple(unusable))

    def save(self) -> None:
        """Write the settings atomically; raises ``FileWriteError`` when that fails, or when
        the file there could not be read (writing would replace what it holds)."""
        if self.unreadable:
            raise FileWriteError.unreadable(settings_path())
        kept = {setting.name for setting in _kept()}
        data = {key: value for key, value in asdict(self).items() if key in kept}
        if self.online_provider is None:
            del data["online_provider"]
        if self.registry_limit_mb is None:  # only where someone chose one
            del data[LIMIT_SETTING]
        data.update(self.unusable)
        write_kept(settings_path(), json.dumps(data, indent=2) + "\n")

    def online_differs(self, other: Settings) -> bool:
        """True when ``other`` allows online lookups differently, or asks another provider."""
        return (
            self.online_lookups != other.online_lookups
            or self.online_provider != other.online_provider
        )

    def allowing_online(self, allowed: bool) -> Settings:
        """A copy with online lookups allowed or not: the choice replaces an unusable value."""
        return replace(self, online_lookups=allowed, unusable=self._usable_but("online_lookups"))

    def allowing_tiles(self, allowed: bool) -> Settings:
        """A copy with the map's base tiles (from OpenStreetMap) allowed or not: the choice
        replaces an unusable value."""
        return replace(self, map_tiles=allowed, unusable=self._usable_but("map_tiles"))

    def _usable_but(self, name: str) -> tuple[tuple[str, Any], ...]:
        """The unusable entries but the one named, which a choice just made replaces."""
        return tuple(entry for entry in self.unusable if entry[0] != name)

    def speaking(self, language: str | None) -> Settings:
        """A copy with the app's language chosen ("es"), or following the system (None)."""
        return replace(self, language=language)


def _kept() -> list[Field[Any]]:
    """The fields of :class:`Settings` kept in the file."""
    return [setting for setting in fields(Settings) if _READ in setting.metadata]
