"""The one copy of the user's settings the app shares, and a signal when it changes.

The settings file is read once at start; every part of the window asks this object, and
the privacy dialog and the window's questions change it here, so nothing re-reads the disk.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from locator.errors import LocatorError
from locator.i18n import _
from locator.settings import Settings


class SharedSettings(QObject):
    """Holds :class:`Settings`; ``changed(new, old)`` follows every saved change."""

    changed = Signal(object, object)
    save_failed = Signal(str)  # a sentence: the choice holds for this session only

    def __init__(self, settings: Settings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._value = settings if settings is not None else Settings.load()

    @property
    def value(self) -> Settings:
        """The settings now."""
        return self._value

    def replace(self, settings: Settings) -> None:
        """Save ``settings`` and tell everyone, when they differ from the current ones."""
        old = self._value
        if settings == old:
            return
        try:
            settings.save()
        except (OSError, LocatorError) as error:
            self.save_failed.emit(
                _("Your choice holds until you quit, but it could not be saved: {error}").format(
                    error=error
                )
            )
        self._value = settings
        self.changed.emit(settings, old)

    def allow_online(self, allowed: bool) -> None:
        """Allow or refuse online lookups of street addresses."""
        self.replace(self._value.allowing_online(allowed))

    def allow_tiles(self, allowed: bool) -> None:
        """Allow or refuse the map's base tiles from OpenStreetMap."""
        self.replace(self._value.allowing_tiles(allowed))
