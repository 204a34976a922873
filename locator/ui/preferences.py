"""The app's own settings, kept in ``window.ini`` (QSettings): window state, the unit, the last
search. Each is declared once, as an :class:`Option` of :class:`Preferences` with its key, type
and default (Picard's ``options.py``); the window and its dialogs read and set them by attribute,
never by a string key. What the command line shares with the app is in :mod:`locator.settings`.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar, overload

import platformdirs
from PySide6.QtCore import QByteArray, QLockFile, QSettings

from locator.errors import os_reason
from locator.files import PRIVATE_FILE_MODE, FileTooLargeError, private_folder, read_regular
from locator.i18n import _
from locator.ui.remembered_search import OLD_KEYS, RememberedSearch
from locator.ui.search_bar import PRICES, RADII
from locator.ui.window_text import shown_path
from locator.units import Unit

T = TypeVar("T")


def preferences_path() -> Path:
    """Where window state and the last search are kept."""
    return Path(platformdirs.user_config_dir("locator")) / "window.ini"


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting: its key in the file, its default (when the key is absent), how a stored
    value is read back (None when it cannot be used: then the default holds too) and how a
    value is stored."""

    key: str
    default: T
    read: Callable[[object], T | None]
    store: Callable[[T], object] = lambda value: value

    @overload
    def __get__(self, preferences: None, owner: type) -> Option[T]: ...
    @overload
    def __get__(self, preferences: Preferences, owner: type) -> T: ...
    def __get__(self, preferences: Preferences | None, owner: type) -> Option[T] | T:
        if preferences is None:
            return self
        if not preferences.ini.contains(self.key):
            return self.default
        value = self.read(preferences.ini.value(self.key))  # @Invalid() comes back as None
        return self.default if value is None else value

    def __set__(self, preferences: Preferences, value: T) -> None:
        preferences.check_lock()
        preferences.ini.setValue(self.key, self.store(value))
        preferences.save()


def _bytes(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) else None


def _said_yes(value: object) -> bool:
    """A privacy setting, which fails closed: on only when the file clearly says so ("true",
    as QSettings writes it, or a hand's "yes", "on", "1"); anything else is off."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "on", "1"}
    return value is True


def _offered_search(value: object) -> RememberedSearch | None:
    """The kept search, less a radius or a price the search bar does not offer."""
    search = RememberedSearch.from_json(value)
    return search and search.offered(RADII, PRICES)


def _unit(value: object) -> Unit | None:
    return next((unit for unit in Unit if unit.value == value), None)


def _folder(value: object) -> Path | None:
    return Path(value) if isinstance(value, str) and value else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _keys(value: object) -> tuple[str, ...] | None:
    """Ticks, one JSON list of clinic ids and organizations (anything else: none)."""
    try:
        keys = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if isinstance(keys, list) and all(isinstance(key, str) for key in keys):
        return tuple(keys)
    return None


# Far more than any window.ini locator writes (the ticks of a registry of 10,000 clinics are
# under 1 MB): a larger file is not one of its own, and is not read
MOST_PREFERENCE_BYTES = 16 * 1024 * 1024


def _unusable(path: Path) -> str | None:
    """Why ``path`` cannot be read as window.ini, else None (no such file is no problem). It
    is checked first by the reading helper of settings.json and the registries: QSettings
    would wait forever on a pipe, and read a file of gigabytes whole."""
    try:
        read_regular(path, MOST_PREFERENCE_BYTES)
    except FileNotFoundError:
        return None
    except FileTooLargeError:
        reason = _("it is far larger than any file locator writes")
    except OSError as error:
        reason = _("it could not be read ({reason})").format(reason=os_reason(error))
    else:
        return None
    return _(
        "{path} could not be used: {reason}. The window starts as new, keeps nothing in it, and "
        "leaves it as it is."
    ).format(path=shown_path(path), reason=reason)


# How long a save waits for window.ini.lock, which QSettings holds only while it writes: a
# lock it cannot take sooner is no other locator's, but a file left there (QSettings would wait
# some 30 s before taking it over, at every save)
LOCK_WAIT_MS = 500
# A lock QLockFile writes holds a process id, a program's and a host's name: far less than this.
# One larger was left there by something else, and QLockFile would read it whole (3 GB: 26 s).
LOCK_MOST_BYTES = 4096


def _lock_in_the_way(path: Path) -> str | None:
    """Why the lock QSettings takes beside ``path`` to write it cannot be taken at once, else
    None. A pipe there would hold the window for good (QSettings opens it to read whose lock it
    is), so what is not a plain file is never opened; a plain file is tried briefly."""
    lock = path.with_name(path.name + ".lock")
    try:
        found = lock.lstat()
    except OSError:
        return None  # no lock: QSettings makes its own
    if not stat.S_ISREG(found.st_mode):
        reason = _("it is not a plain file (perhaps a pipe or a link)")
    elif found.st_size > LOCK_MOST_BYTES:
        reason = _("it is held, or was left there, and it was not let go")
    else:
        probe = QLockFile(str(lock))
        if probe.tryLock(LOCK_WAIT_MS):
            probe.unlock()
            return None
        reason = _("it is held, or was left there, and it was not let go")
    return _(
        "The window's settings cannot be saved, as {path} is in the way: {reason}. The window "
        "keeps them for this session only, and leaves that file as it is."
    ).format(path=shown_path(lock), reason=reason)


class _Unkept:
    """What a :class:`QSettings` does, kept in memory for one session: stands in for a
    window.ini that could not be used."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._values: dict[str, object] = (
            {key: settings.value(key) for key in settings.allKeys()} if settings is not None else {}
        )

    def contains(self, key: str) -> bool:
        return key in self._values

    def value(self, key: str) -> object:
        return self._values.get(key)

    def setValue(self, key: str, value: object) -> None:  # noqa: N802
        self._values[key] = value

    def remove(self, key: str) -> None:
        self._values.pop(key, None)


class Preferences:
    """The settings of ``window.ini``, each an :class:`Option`."""

    geometry = Option[QByteArray | None]("window/geometry", None, _bytes)
    main_splitter = Option[QByteArray | None]("splitters/main", None, _bytes)
    right_splitter = Option[QByteArray | None]("splitters/right", None, _bytes)
    unit = Option("search/unit", Unit.MILES, _unit, lambda unit: unit.value)
    # the folder a file was last saved to, so the next save dialog starts there
    last_folder = Option[Path | None]("files/last_folder", None, _folder, str)
    # what a coordinator was working on, back after a restart: the ticks and the open list
    ticked = Option[tuple[str, ...]]("work/ticked", (), _keys, lambda keys: json.dumps(keys))
    open_shortlist = Option[str | None]("work/open_shortlist", None, _text, lambda n: n or "")
    # None until the person answers the question (the search is not kept meanwhile)
    _remembering = Option[bool | None]("privacy/remember_searches", None, _said_yes)
    _search = Option[RememberedSearch | None](
        "search/last", None, _offered_search, lambda kept: kept and kept.to_json()
    )  # one JSON value: see remembered_search

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or preferences_path()
        # why window.ini could not be used, else None: the window then starts with its
        # defaults, kept for this session alone, and the file is left as it is
        self.problem = _unusable(self.path)
        self.ini: QSettings | _Unkept = (
            QSettings(str(self.path), QSettings.Format.IniFormat)
            if self.problem is None
            else _Unkept()
        )
        self.check_lock()
        self._upgrade_last_search()

    def check_lock(self) -> None:
        """Before a change: when window.ini's lock is in the way, what was read is kept in
        memory from then on (said in :attr:`problem`), never written, so no save waits on it."""
        if isinstance(self.ini, QSettings) and (why := _lock_in_the_way(self.path)):
            self.problem, self.ini = why, _Unkept(self.ini)

    @property
    def remember_searches(self) -> bool:
        """True only once the user has asked to keep the last search."""
        return self._remembering is True

    @remember_searches.setter
    def remember_searches(self, on: bool) -> None:
        self._remembering = on
        if not on:
            self.forget_last_search()

    @property
    def remembering_asked(self) -> bool:
        """Whether the user has said if the last search may be kept (the question is asked
        once, as the other privacy questions are)."""
        return self._remembering is not None

    @property
    def last_search(self) -> RememberedSearch | None:
        """The last search (place, radius, filters), or None when none is kept."""
        return self._search if self.remember_searches else None

    @last_search.setter
    def last_search(self, search: RememberedSearch) -> None:
        if self.remember_searches:
            self._search = search

    def forget_last_search(self) -> None:
        """Remove the kept search."""
        self._forget(Preferences._search.key)

    def _forget(self, *keys: str) -> None:
        self.check_lock()
        for key in keys:
            self.ini.remove(key)
        self.save()

    def save(self) -> None:
        """Write what was set, for the user alone (0600 in a 0700 folder, as ``settings.json``
        is): the file may keep the last address typed. One an older locator left open to
        others is closed; a link there is left as the user made it."""
        if isinstance(self.ini, _Unkept):
            return  # window.ini could not be used: it is left as it is
        with contextlib.suppress(OSError):
            private_folder(self.path.parent)
        self.ini.sync()
        with contextlib.suppress(OSError):
            found = self.path.lstat()
            if stat.S_ISREG(found.st_mode) and found.st_mode & 0o077:
                os.chmod(self.path, PRIVATE_FILE_MODE)

    def _upgrade_last_search(self) -> None:
        """A search kept one key a filter, as locator did before, becomes the one value; the
        old keys go either way. A search kept as one value is newer (an older locator run
        since wrote the old keys beside it) and stays."""
        old = {key: self.ini.value(f"search/{key}") for key in OLD_KEYS.values()}
        if all(value is None for value in old.values()):
            return
        newer = self.ini.contains(Preferences._search.key)
        search = None if newer else RememberedSearch.from_old_keys(old)
        self._forget(*(f"search/{key}" for key in old))
        if search is not None:
            self.last_search = search
