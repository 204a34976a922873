"""The app's own settings over QSettings, declared once with their types and defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QByteArray, QSettings


def preferences_path() -> Path:
    """Where window state and the last search are kept."""
    return Path(platformdirs.user_config_dir("locator")) / "window.ini"


class Preferences:
    """Typed access to QSettings; no string keys scattered through the widgets."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or preferences_path()
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _get(self, key: str, default: Any, kind: type) -> Any:
        value = self._settings.value(key, default)
        if kind is bool and isinstance(value, str):
            return value.lower() == "true"
        try:
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    def _strings(self, key: str) -> list[str]:
        """A list of strings (QSettings gives a lone string for a one-item list)."""
        value = self._settings.value(key, [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

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
    def last_search(self) -> dict[str, Any]:
        """The last search (place, radius, filters), or {} when none is kept."""
        if not self.remember_searches:
            return {}
        return {
            "query": self._get("search/query", "", str),
            "radius": self._get("search/radius", 0, int),
            "conditions": self._strings("search/conditions"),
            "treatments": self._strings("search/treatments"),
        }

    @last_search.setter
    def last_search(self, search: dict[str, Any]) -> None:
        if not self.remember_searches:
            return
        for key, value in search.items():
            self._settings.setValue(f"search/{key}", value)
        self._settings.sync()

    def forget_last_search(self) -> None:
        """Remove the kept search."""
        for key in ("query", "radius", "conditions", "treatments"):
            self._settings.remove(f"search/{key}")
        self._settings.sync()
