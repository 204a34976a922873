"""The app's own settings over QSettings, declared once with their types and defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from locator.ui.remembered_search import OLD_KEYS, RememberedSearch

LAST_SEARCH = "search/last"  # the whole search, as one JSON value


def preferences_path() -> Path:
    """Where window state and the last search are kept."""
    return Path(platformdirs.user_config_dir("locator")) / "window.ini"


class Preferences:
    """Typed access to QSettings; no string keys scattered through the widgets."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or preferences_path()
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)
        self._upgrade_last_search()

    def _get(self, key: str, default: Any, kind: type) -> Any:
        value = self._settings.value(key, default)
        if kind is bool and isinstance(value, str):
            return value.lower() == "true"
        try:
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    def _set(self, key: str, value: Any) -> None:
        self._settings.setValue(key, value)
        self._settings.sync()

    @property
    def geometry(self) -> QByteArray | None:
        """The main window's geometry."""
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    def splitter(self, name: str) -> QByteArray | None:
        """A splitter's saved state."""
        value = self._settings.value(f"splitters/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_splitter(self, name: str, state: QByteArray) -> None:
        """Remember a splitter's state."""
        self._set(f"splitters/{name}", state)

    @property
    def unit(self) -> str:
        """ "mi" or "km"."""
        unit = self._get("search/unit", "mi", str)
        return unit if unit in ("mi", "km") else "mi"

    @unit.setter
    def unit(self, value: str) -> None:
        self._set("search/unit", value)

    @property
    def last_folder(self) -> Path | None:
        """The folder a file was last saved to, so the next save dialog starts there."""
        folder = self._get("files/last_folder", "", str)
        return Path(folder) if folder else None

    @last_folder.setter
    def last_folder(self, folder: Path) -> None:
        self._set("files/last_folder", str(folder))

    @property
    def remember_searches(self) -> bool:
        """False when the user asked not to keep the last search."""
        return bool(self._get("privacy/remember_searches", True, bool))

    @remember_searches.setter
    def remember_searches(self, value: bool) -> None:
        self._set("privacy/remember_searches", value)
        if not value:
            self.forget_last_search()

    @property
    def last_search(self) -> RememberedSearch | None:
        """The last search (place, radius, filters), or None when none is kept."""
        if not self.remember_searches:
            return None
        return RememberedSearch.from_json(self._settings.value(LAST_SEARCH))

    @last_search.setter
    def last_search(self, search: RememberedSearch) -> None:
        if self.remember_searches:
            self._set(LAST_SEARCH, search.to_json())

    def forget_last_search(self) -> None:
        """Remove the kept search."""
        self._settings.remove(LAST_SEARCH)
        self._settings.sync()

    def _upgrade_last_search(self) -> None:
        """A search kept one key a filter, as locator did before, becomes the one value."""
        old = {key: self._settings.value(f"search/{key}") for key in OLD_KEYS.values()}
        if all(value is None for value in old.values()):
            return
        for key in OLD_KEYS.values():
            self._settings.remove(f"search/{key}")
        search = RememberedSearch.from_old_keys(old)
        if search is not None and self.remember_searches:
            self._settings.setValue(LAST_SEARCH, search.to_json())
        self._settings.sync()
