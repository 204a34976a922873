"""The order the search gets going in: the registry loads first; place lookups are prepared once
its clinics are on screen (or it failed to load), with the online provider the settings allow;
a search that waits for clinics that will not come is dropped; and when the user allows or
refuses online lookups, the lookups are prepared again and the search on screen rerun."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from locator.settings import OnlineProvider, Settings
    from locator.ui.registry_session import LoadReason, RegistrySession
    from locator.ui.search_controller import SearchController
    from locator.ui.shared_settings import SharedSettings


class SearchStartup(QObject):
    """Prepares the place lookups when they are first needed, and again with new settings."""

    def __init__(
        self,
        session: RegistrySession,
        searching: SearchController,
        settings: SharedSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.searching = searching
        self.settings = settings
        session.failed.connect(self._on_load_failed)
        settings.changed.connect(self._on_settings_changed)

    def registry_loaded(self) -> None:
        """A registry is on screen: its clinics are indexed anew, and the place lookups are
        prepared, the first time."""
        self.searching.set_index(None)
        self._prepare_once()

    def _on_load_failed(self, _error: Exception, _reason: LoadReason) -> None:
        self._prepare_once()
        if self.session.registry is None:
            self.searching.forget_waiting()

    def _prepare_once(self) -> None:
        if self.searching.geocoding is None:
            self.searching.prepare_places(self.online_provider())

    def online_provider(self) -> OnlineProvider | None:
        """The provider to ask online, when the user allows online lookups."""
        settings = self.settings.value
        return settings.online_provider if settings.online_lookups else None

    def _on_settings_changed(self, new: Settings, old: Settings) -> None:
        if new.online_differs(old):
            self.searching.prepare_places(self.online_provider())
            if new.online_lookups and self.searching.request is not None:
                self.searching.rerun()
