"""The app's own settings, kept in ``window.ini`` (QSettings): window state, the unit, the last
search. Each is declared once, as an :class:`Option` of :class:`Preferences` with its key, type
and default (Picard's ``options.py``); the window and its dialogs read and set them by attribute,
never by a string key. What the command line shares with the app is in :mod:`locator.settings`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar, overload

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from locator.ui.remembered_search import OLD_KEYS, RememberedSearch
from locator.units import Unit

T = TypeVar("T")


def preferences_path() -> Path:
    """Where window state and the last search are kept."""
    return Path(platformdirs.user_config_dir("locator")) / "window.ini"


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting: its key in the file, its default, how a stored value is read back (None
    when it cannot be used: then the default holds) and how a value is stored."""

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
        stored = preferences.ini.value(self.key)
        value = None if stored is None else self.read(stored)
        return self.default if value is None else value

    def __set__(self, preferences: Preferences, value: T) -> None:
        preferences.ini.setValue(self.key, self.store(value))
        preferences.ini.sync()


def _bytes(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) else None


def _yes_or_no(value: object) -> bool | None:
    """A bool as this session wrote it, or as the file gives it back ("true")."""
    if isinstance(value, str):
        return {"true": True, "false": False}.get(value.lower())
    return value if isinstance(value, bool) else None


def _unit(value: object) -> Unit | None:
    return next((unit for unit in Unit if unit.value == value), None)


def _folder(value: object) -> Path | None:
    return Path(value) if isinstance(value, str) and value else None


class Preferences:
    """The settings of ``window.ini``, each an :class:`Option`."""

    geometry = Option[QByteArray | None]("window/geometry", None, _bytes)
    main_splitter = Option[QByteArray | None]("splitters/main", None, _bytes)
    right_splitter = Option[QByteArray | None]("splitters/right", None, _bytes)
    unit = Option("search/unit", Unit.MILES, _unit, lambda unit: unit.value)
    # the folder a file was last saved to, so the next save dialog starts there
    last_folder = Option[Path | None]("files/last_folder", None, _folder, str)
    _remembering = Option("privacy/remember_searches", True, _yes_or_no)
    _search = Option[RememberedSearch | None](
        "search/last", None, RememberedSearch.from_json, lambda kept: kept and kept.to_json()
    )  # one JSON value: see remembered_search

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or preferences_path()
        self.ini = QSettings(str(self.path), QSettings.Format.IniFormat)
        self._upgrade_last_search()

    @property
    def remember_searches(self) -> bool:
        """False when the user asked not to keep the last search."""
        return self._remembering

    @remember_searches.setter
    def remember_searches(self, on: bool) -> None:
        self._remembering = on
        if not on:
            self.forget_last_search()

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
        for key in keys:
            self.ini.remove(key)
        self.ini.sync()

    def _upgrade_last_search(self) -> None:
        """A search kept one key a filter, as locator did before, becomes the one value."""
        old = {key: self.ini.value(f"search/{key}") for key in OLD_KEYS.values()}
        if all(value is None for value in old.values()):
            return
        search = RememberedSearch.from_old_keys(old)
        self._forget(*(f"search/{key}" for key in old))
        if search is not None:
            self.last_search = search
