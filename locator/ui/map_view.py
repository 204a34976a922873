"""The map widget: a QWebEngineView showing the map page, updated in place through JavaScript."""

from __future__ import annotations

import contextlib
import json
import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QFile,
    QIODevice,
    QObject,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from locator.files import atomic_write
from locator.i18n import _
from locator.presentation import script_json
from locator.ui.browser import call_and_say, open_and_say
from locator.ui.literal_text import page_tip

if TYPE_CHECKING:
    from locator.mapping.clusters import Overview  # numpy: only for a large registry

log = logging.getLogger(__name__)


class _MapPage(QWebEnginePage):
    """Keeps the map in the view: a web page's link opens in the user's browser, a phone
    number's goes to the clipboard and the phone app, and ``opened`` says where it went (or that
    none is set up), as the details pane's buttons do; no other link goes anywhere.

    The page's errors (console messages at error level, and alerts, which it never shows on
    purpose) go to this module's log at warning level, with the file and line they came from:
    locator's log (standard error) then says why a map went wrong. Other messages go at debug
    level (``locator --debug``).
    """

    opened = Signal(str)  # what to tell the user about a web page it asked to open

    def acceptNavigationRequest(  # noqa: N802 - Qt's name
        self, url: QUrl | str, navigation_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        target = QUrl(url)
        if target.isLocalFile() or target.scheme() in ("data", "about"):
            return True
        self.follow(target)
        return False

    def follow(self, target: QUrl) -> None:
        """Where a popup's link goes: its click comes over the channel (``_CHANNEL_HOOK``), not
        as a navigation, which, refused, took the keyboard from the page."""
        if target.scheme() in ("http", "https"):  # a popup's website or directions
            self.opened.emit(
                open_and_say(target.toString(QUrl.ComponentFormattingOption.FullyEncoded))
            )
        elif target.scheme() == "tel":  # a phone number: on the clipboard, and to the dialler
            self.opened.emit(call_and_say(target.toString()))

    def javaScriptConsoleMessage(  # noqa: N802 - Qt's name
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        where = f"{Path(QUrl(source).path()).name or source}:{line}"
        if level is QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            log.warning("map page error at %s: %s", where, message)
        else:
            log.debug("map page %s: %s", where, message)

    def javaScriptAlert(self, security_origin: QUrl | str, message: str) -> None:  # noqa: N802
        # Never a dialog: the page has no reason to alert, so an alert is a fault to report.
        log.warning("map page alert: %s", message)


# Forwards the page's "locator-select" events (marker clicks), "locator-drawn" events (a draw
# painted, by its number) and "locator-view" events (a served map's view, see
# locator/mapping/clusters.py) to Python over the channel, and its links' clicks: followed as a
# navigation (refused, see _MapPage), a link's click left the page without the keyboard focus,
# the map's keys dead until a click on it.
_CHANNEL_HOOK = """
new QWebChannel(qt.webChannelTransport, function (channel) {
  document.addEventListener("locator-select", function (event) {
    channel.objects.bridge.clinicClicked(String(event.detail));
  });
  document.addEventListener("locator-drawn", function (event) {
    channel.objects.bridge.resultsDrawn(Number(event.detail));
  });
  document.addEventListener("locator-view", function (event) {
    channel.objects.bridge.viewAsked(String(event.detail));
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (link && !event.defaultPrevented) {
      event.preventDefault();
      channel.objects.bridge.linkClicked(link.href);
    }
  });
});
"""


class _Bridge(QObject):
    """The object the page talks to through QWebChannel."""

    clicked = Signal(str)
    drawn = Signal(int)
    view = Signal(str)
    link = Signal(QUrl)

    @Slot(str)
    def clinicClicked(self, clinic_id: str) -> None:  # noqa: N802 - called from JavaScript
        self.clicked.emit(clinic_id)

    @Slot(int)
    def resultsDrawn(self, draw: int) -> None:  # noqa: N802 - called from JavaScript
        self.drawn.emit(draw)

    @Slot(str)
    def viewAsked(self, asked: str) -> None:  # noqa: N802 - called from JavaScript
        self.view.emit(asked)

    @Slot(str)
    def linkClicked(self, url: str) -> None:  # noqa: N802 - called from JavaScript
        self.link.emit(QUrl(url))


def _qwebchannel_js() -> str:
    resource = QFile(":/qtwebchannel/qwebchannel.js")
    if not resource.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError("Qt's qwebchannel.js resource is missing")
    try:
        return bytes(resource.readAll().data()).decode("utf-8")
    finally:
        resource.close()


class MapWebEngineView(QWebEngineView):
    """Shows a map page (loaded once from a file: ``setHtml`` stops at 2 MB), and the clinics
    given to it: results given while the page loads are drawn as soon as it has loaded (the
    last given wins), and again whenever the page is loaded anew.

    ``clinic_clicked`` reports clicks on markers, and ``drawn`` the results last given painted,
    through QWebChannel. The page's JavaScript errors (and alerts) go to the log (see
    ``_MapPage``).
    """

    page_ready = Signal(bool)
    clinic_clicked = Signal(str)
    # the results last given are on screen (a served map's: each view's answer); a page not shown
    # paints nothing
    drawn = Signal()
    message = Signal(str)  # a sentence for the window's messages: where a popup's link went

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        page = _MapPage(self)
        page.opened.connect(self.message)
        self.setPage(page)
        # The page is a local file: QtWebEngine refuses its map tiles (its only remote requests,
        # made only once the user allows them) unless local content may reach remote URLs, and
        # that alone then stops it reading the local Leaflet files; both are said outright.
        web = QWebEngineSettings.WebAttribute
        self.settings().setAttribute(web.LocalContentCanAccessRemoteUrls, True)
        self.settings().setAttribute(web.LocalContentCanAccessFileUrls, True)
        self.setAccessibleName(_("Map of the clinics found"))
        self._folder = tempfile.TemporaryDirectory(prefix="locator-map-")
        self._ready = False
        self._results: dict[str, Any] | None = None  # the last given, drawn on every load
        self._draws = 0  # draws asked of the page: only the last one's paint is ``drawn``
        self.loadFinished.connect(self._on_load_finished)
        self._bridge = _Bridge(self)
        self._bridge.clicked.connect(self.clinic_clicked)
        self._bridge.drawn.connect(self._on_drawn)
        self._bridge.view.connect(self._on_view_asked)
        self._overview: Overview | None = None  # what serves the views of the results given
        self._bridge.link.connect(page.follow)
        self._channel = QWebChannel(self.page())
        self._channel.registerObject("bridge", self._bridge)
        self.page().setWebChannel(self._channel)
        hook = QWebEngineScript()
        hook.setName("locator-channel")
        hook.setSourceCode(_qwebchannel_js() + _CHANNEL_HOOK)
        hook.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
        hook.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
        self.page().scripts().insert(hook)

    @property
    def ready(self) -> bool:
        """True once the page has loaded and can take results."""
        return self._ready

    def show_page(self, html: str) -> None:
        """Load a whole page (built by ``locator.mapping.page.build_map_page``)."""
        path = Path(self._folder.name) / "map.html"
        atomic_write(path, html)
        self._ready = False
        self.load(QUrl.fromLocalFile(str(path)))

    def set_results(self, payload: dict[str, Any]) -> None:
        """Redraw the clinics without reloading the page; while it loads, once it has."""
        self._results, self._overview = payload, None
        if self._ready:
            self._draw()

    def set_overview(self, overview: Overview) -> None:
        """Draw a large registry's clinics as the page asks for each view of them."""
        self.set_results(overview.payload())
        self._overview = overview

    def _on_view_asked(self, asked: str) -> None:
        """The page's view of a served map changed: its clusters and clinics go to it."""
        from locator.mapping.clusters import Ask

        ask = None
        with contextlib.suppress(ValueError):
            found = json.loads(asked)
            ask = Ask.read(found) if isinstance(found, dict) else None
        if ask is not None and self._overview is not None:
            part = self._overview.view(ask)
            self.page().runJavaScript(
                f"if (locatorMap.serve({script_json(part)})) {{{self._when_painted()}}}"
            )

    def _draw(self) -> None:
        self._draws += 1
        # a served map's view not given at once is drawn when its answer is (_on_view_asked)
        self.page().runJavaScript(
            f"locatorMap.setResults({script_json(self._results)});"
            f" if (!locatorMap.waiting()) {{{self._when_painted()}}}"
        )

    def _when_painted(self) -> str:
        """Script saying when what the page drew last is painted: the second animation frame
        comes once the first, with the new markers, is."""
        return (
            " requestAnimationFrame(function () { requestAnimationFrame(function () {"
            ' document.dispatchEvent(new CustomEvent("locator-drawn",'
            f" {{detail: {self._draws}}})); }}); }});"
        )

    def _on_drawn(self, draw: int) -> None:
        """A draw has painted: said only of the last one asked for (the others are gone)."""
        if draw == self._draws:
            self.drawn.emit()

    def select(self, clinic_id: str) -> None:
        """Highlight a clinic's marker, moving the map only as far as needed to show the clinic
        and the searched place (see ``locator_map_popup.js``); a clinic without a marker closes
        the open popup and clears the highlight. Until the page is ready there is nothing to
        highlight: ``page_ready`` says when to select again."""
        if self._ready:
            self.page().runJavaScript(f"locatorMap.select({json.dumps(clinic_id)});")

    def preview(self, latitude: float, longitude: float, label: str) -> None:
        """Show a place the registry editor located, before it is saved (once the page is
        ready: the place stays in the editor)."""
        if self._ready:
            arguments = script_json([latitude, longitude, label])[1:-1]
            self.page().runJavaScript(f"locatorMap.preview({arguments});")

    def evaluate(self, script: str, timeout_ms: int = 10_000) -> Any:
        """Run JavaScript and wait for its result: ``locator --self-test`` reads the drawn map
        through it (as do the benchmarks and tests)."""
        loop = QEventLoop()
        answer: list[Any] = []

        def done(value: Any) -> None:
            answer.append(value)
            loop.quit()

        QTimer.singleShot(timeout_ms, loop.quit)
        self.page().runJavaScript(script, 0, done)
        loop.exec()
        if not answer:
            raise TimeoutError(f"the map page did not answer within {timeout_ms} ms")
        return answer[0]

    def event(self, event: QEvent) -> bool:
        """A page's title that looks like markup (a searched place's name a server gave) is
        passed on by QtWebEngine as rich text, and its tooltip would load an image named in
        it on the window's thread: it is shown as written instead."""
        if event.type() == QEvent.Type.ToolTipChange:
            tip = self.toolTip()
            if page_tip(tip) != tip:
                self.setToolTip(page_tip(tip))  # comes back here once, then as written
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Tab and Shift+Tab leave the map for the window's next control: inside the page they
        would cycle through the page's own elements and never come out (a keyboard trap).
        Arrow keys and +/- stay with the map, which pans and zooms; a ring shows it has the
        focus."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, modifiers = event.key(), event.modifiers()
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
                modifiers & Qt.KeyboardModifier.ControlModifier
            ):
                forward = key == Qt.Key.Key_Tab and not (
                    modifiers & Qt.KeyboardModifier.ShiftModifier
                )
                self._leave(forward)
                return True
        elif event.type() == QEvent.Type.FocusIn:
            self._focus_page()
        elif event.type() == QEvent.Type.FocusOut and self._ready:
            self.page().runJavaScript("locatorMap.showFocus(false);")
        return super().eventFilter(watched, event)

    def take_keyboard(self) -> None:
        """Give the map the keyboard (View → Map): its keys work at once, also when the view
        has the focus already and the page's is on a popup's link that was clicked (no FocusIn
        comes then to give it back to the map)."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._focus_page()

    def _focus_page(self) -> None:
        """The page's map takes the page's focus (Leaflet's keys), with its ring."""
        if self._ready:
            self.page().runJavaScript(
                "locatorMap.showFocus(true); locatorMap.map.getContainer().focus();"
            )

    def _leave(self, forward: bool) -> None:
        """Give the focus to the next (or previous) control that takes Tab, outside the map."""
        step = QWidget.nextInFocusChain if forward else QWidget.previousInFocusChain
        widget = step(self)
        while widget is not None and widget is not self:
            inside = self.isAncestorOf(widget)
            takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            if not inside and takes_tab and widget.isVisible() and widget.isEnabled():
                widget.setFocus(
                    Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
                )
                return
            widget = step(widget)

    def _on_load_finished(self, ok: bool) -> None:
        if not ok and self._ready:
            # a popup's link, refused (``_MapPage``): the map page stays, ready as it was
            return
        proxy = self.focusProxy()
        if proxy is not None:
            proxy.installEventFilter(self)
            proxy.setAccessibleName(self.accessibleName())  # it, not the view, takes the focus
        self._ready = ok
        if ok and self._results is not None:
            self._draw()
        self.page_ready.emit(ok)
