"""What locator keeps on this computer, what it sends, and buttons to clear it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from locator.data import registry_cache
from locator.data.bidi import neutral
from locator.errors import FileWriteError
from locator.geo.online import GeocodeCache
from locator.i18n import N_, _, ngettext
from locator.shortlists import Shortlists
from locator.ui.commands import plain_text
from locator.ui.literal_text import confirmed
from locator.ui.preferences import Preferences
from locator.ui.screen_fit import fit_to_screen
from locator.ui.shared_settings import SharedSettings
from locator.ui.why_not import offer
from locator.ui.window_text import online_host, shortlist_name, shown_path

WIDTH = 640  # the dialog's width asked for: a path and a sentence a line, mostly
NOTHING_KEPT = N_("nothing kept")
NOTHING_TO_CLEAR = N_("Nothing of this kind is kept, so there is nothing to clear.")
ONLINE_EXPLAINED = N_(
    "Online lookups send the street address you type to an online geocoder (OpenStreetMap's "
    "Nominatim unless configured otherwise) to place it precisely; answers are cached on this "
    "computer. ZIP codes, cities and states never leave it. The map is locator's own, drawn "
    "offline, unless you choose OpenStreetMap's street map: its servers then see your internet "
    "address and the area you view. The clinic markers never need the network."
)

LINKS_EXPLAINED = N_(
    "Links open in your web browser only when you choose them: a clinic's website; directions "
    "from OpenStreetMap or Google Maps, whichever you pick, which then receive that clinic's "
    "address; the 988 Lifeline's site and chat."
)


class PrivacyDialog(QDialog):
    """Lists what is stored, offers to clear each, and holds the two privacy switches."""

    def __init__(
        self,
        preferences: Preferences,
        shortlists: Shortlists,
        settings: SharedSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Privacy and stored data"))
        self.preferences = preferences
        self.shortlists = shortlists
        self.remember = QCheckBox(_("Remember my last &search"), self)
        self.remember.setChecked(preferences.remember_searches)
        self.remember.toggled.connect(self._on_remember)
        self.online = QCheckBox(_("Allow &online lookups for street addresses"), self)
        # a provider setting locator cannot use keeps lookups off: the switch says why
        online_blocked = QLabel(_breakable(neutral(settings.value.problem or "")), self)
        online_blocked.setTextFormat(Qt.TextFormat.PlainText)
        online_blocked.setWordWrap(True)
        usable = settings.value.online_provider is not None
        online_blocked.setVisible(not usable)
        self.online.setEnabled(usable)
        self.online.setChecked(usable and settings.value.online_lookups is True)
        self.online.toggled.connect(settings.allow_online)
        self.tiles = QCheckBox(_("Use OpenStreetMap's street &map"), self)
        self.tiles.setChecked(settings.value.map_tiles is True)
        self.tiles.toggled.connect(settings.allow_tiles)
        explained = QLabel(_(ONLINE_EXPLAINED), self)
        explained.setWordWrap(True)
        provider = settings.value.online_provider
        if provider is not None:  # the host, from the settings file: plain text, for checking
            explained.setTextFormat(Qt.TextFormat.PlainText)
            explained.setText(f"{_(ONLINE_EXPLAINED)} {online_host(provider.host)}")
        grid = QGridLayout()
        lists = len(shortlists.names())
        counted = (
            ngettext("{count} kept in {path}", "{count} kept in {path}", lists).format(
                count=lists, path=shown_path(shortlists.path)
            )
            if lists
            else ""
        )
        # and what was wrong with the file, or with names in it, said by name
        kept_lists = ". ".join(filter(None, [counted, neutral(shortlists.problem or "")]))
        kept_lists = kept_lists or _(NOTHING_KEPT)
        online_cache = GeocodeCache()
        stored: tuple[tuple[str, str, str, Callable[[], object]], ...] = (
            (
                _("Last search"),
                _("the place, radius and filters") if preferences.last_search else _(NOTHING_KEPT),
                _("Clear &last search"),
                preferences.forget_last_search,
            ),
            (_("Shortlists"), kept_lists, _("Clear s&hortlists"), self._clear_shortlists),
            (
                _("Online lookup cache"),
                _("answers of the online geocoder") if online_cache.kept() else _(NOTHING_KEPT),
                _("Clear online lookup &cache"),
                online_cache.clear,
            ),
            (
                _("Registry cache"),
                _("checked copies of registries, for fast start-up")
                if registry_cache.kept()
                else _(NOTHING_KEPT),
                _("Clear &registry cache"),
                registry_cache.clear,
            ),
        )
        shown: list[tuple[QPushButton, QLabel]] = []
        for row, (name, what, clear_text, clear) in enumerate(stored):
            named = QLabel(f"<b>{name}</b>", self)
            named.setWordWrap(True)  # a long name in two lines: the row fits a small screen
            grid.addWidget(named, row, 0)
            described = QLabel(_breakable(what), self)
            described.setTextFormat(Qt.TextFormat.PlainText)  # paths, and sentences with them
            described.setWordWrap(True)
            grid.addWidget(described, row, 1)
            button = QPushButton(clear_text, self)
            button.setAccessibleName(plain_text(clear_text))
            offer(button, _(NOTHING_TO_CLEAR) if what == _(NOTHING_KEPT) else None)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(
                lambda _=False, c=clear, b=button, d=described: self._clear(c, b, d)
            )
            grid.addWidget(button, row, 2)
            shown.append((button, described))
        self._last_search_row = shown[0]
        buttons = QDialogButtonBox(self)
        buttons.addButton(_("Clos&e"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        # every sentence in a pane that scrolls, the Close button below it: the sentences
        # naming files locator could not use (long paths) ran off an 800x600 screen
        self._content = content = QWidget(self)
        column = QVBoxLayout(content)
        column.addWidget(QLabel(_("locator keeps these on this computer only:"), content))
        column.addLayout(grid)
        column.addWidget(self.remember)
        column.addWidget(self.online)
        column.addWidget(online_blocked)
        column.addWidget(self.tiles)
        column.addWidget(explained)
        links = QLabel(_(LINKS_EXPLAINED), content)
        links.setWordWrap(True)
        column.addWidget(links)
        column.addStretch()
        self.pane = QScrollArea(self)  # it takes the focus, so the keyboard scrolls it
        self.pane.setAccessibleName(self.windowTitle())
        self.pane.setWidget(content)
        self.pane.setWidgetResizable(True)  # sentences wrap to the width; the height scrolls
        self.pane.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pane.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pane)
        layout.addWidget(buttons)
        self._grow()

    def _clear(self, clear: Callable[[], object], button: QPushButton, described: QLabel) -> None:
        """Clear one kind of data; the row then says nothing is kept (``clear`` returns False
        when the user chose to keep it after all, and raises ``FileWriteError`` with the
        sentence the row then shows)."""
        try:
            if clear() is False:
                return
        except FileWriteError as error:
            said = _("Not cleared: {error}").format(error=neutral(str(error)))
            described.setText(_breakable(said))
            self._grow()
            return
        offer(button, _(NOTHING_TO_CLEAR))
        described.setText(_(NOTHING_KEPT))

    def _grow(self) -> None:
        """As tall as every sentence at the dialog's width, up to the screen's room (the rest
        scrolls): also after a row's longer sentence (a path and why it could not be
        cleared), as a dialog keeps its size when a label's text changes."""
        scrollbar = self.pane.verticalScrollBar().sizeHint().width()
        least = self._content.minimumSizeHint().width() + 2 * self.pane.frameWidth() + scrollbar
        width = max(self.width() if self.isVisible() else 0, WIDTH, least + 24)  # + margins
        inner = width - 2 * self.pane.frameWidth() - 24  # the layout's margins, about
        column = self._content.layout()
        assert column is not None
        height = column.totalHeightForWidth(inner) if column.hasHeightForWidth() else 0
        height = max(height, self._content.sizeHint().height())
        rest = self.sizeHint().height() - self.pane.sizeHint().height()  # Close, margins
        fit_to_screen(self, QSize(width, height + rest + 2 * self.pane.frameWidth()))

    def _clear_shortlists(self) -> bool:
        """Every shortlist goes at once, so ask first, as deleting one list does."""
        names = self.shortlists.names()
        which = (
            _("the file {path}, which locator could not read").format(
                path=shown_path(self.shortlists.path)
            )
            if self.shortlists.unreadable
            else _("the shortlist “{name}”").format(name=shortlist_name(names[0]))
            if len(names) == 1
            else _("all {count} shortlists ({names})").format(
                count=len(names), names=", ".join(map(shortlist_name, names))
            )
        )
        if not confirmed(
            self,
            _("Clear shortlists"),
            _("Delete {which}? Their clinics stay in the registry.").format(which=which),
            keep=True,
        ):
            return False
        self.shortlists.clear()
        return True

    def _on_remember(self, on: bool) -> None:
        """Remembering turned off forgets the kept search at once, and the row says so."""
        self.preferences.remember_searches = on
        if not on:
            self._clear(lambda: None, *self._last_search_row)


def _breakable(sentence: str) -> str:
    """``sentence`` with a line allowed to break after each "/" of a path in it: a label
    wraps only between words, and a long path, one word, was cut off at the dialog's edge.
    The break is a zero-width space, unseen and not read aloud."""
    return sentence.replace("/", "/\u200b")
