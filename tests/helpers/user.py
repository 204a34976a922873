"""A person at the keyboard and mouse: what journeys may do and read, and nothing else.

Actions are found by their visible menu text or typed as shortcuts, keys go to the focused
widget, buttons are clicked by their visible text, and answers are read from what the screen
shows (labels, table cells, the map page through its JavaScript API). No window method, no
private member.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import (
    QAccessible,
    QAction,
    QEnterEvent,
    QKeySequence,
    QShortcut,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QWidget,
)
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from locator.i18n import _
from locator.ui.main_window import MainWindow

WAIT_MS = 30_000
# A dialog still open this many seconds after it first showed, inside ``answering``, is one its
# answer never reached (a key gone to another window): closed, and the test fails, not hangs.
STUCK_SECONDS = 60
MAP = "Map of the clinics found"  # the map's name, found in the language the block speaks


def plain(text: str) -> str:
    """Visible text without mnemonic markers."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def visible(widget: QWidget) -> bool:
    """Shown on screen: visible and not zero-sized."""
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _close_open_dialogs() -> None:
    """Close the popups and modal dialogs open now, innermost first, ending their loops."""
    for _attempt in range(20):  # more would be a dialog that refuses to close
        shown = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        if shown is None:
            return
        if isinstance(shown, QDialog):
            shown.done(0)
        else:
            shown.close()


def label_shows(label: QLabel) -> str:
    """What ``label`` shows, as its screen reader reads it: its text as written when it is
    plain, the text it renders when Qt reads it as markup (``<b>x</b>`` shows as "x")."""
    assert not label.accessibleName(), "a named label's text is read as its description"
    interface = QAccessible.queryAccessibleInterface(label)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def tooltip_shows(widget: QWidget | QAction) -> str:
    """What ``widget``'s tooltip shows: Qt renders a tooltip that looks like markup as rich
    text, and any other as written."""
    tip = widget.toolTip()
    if not QtGui.Qt.mightBeRichText(tip):  # Qt's own guess, as its tooltips make it
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


class User:
    """Drives one top-level window (and the dialogs it opens) as a person would."""

    def __init__(self, qtbot: QtBot, window: QMainWindow) -> None:
        self.qtbot = qtbot
        self.window = window

    # doing ------------------------------------------------------------------------------

    def menu(self, *path: str) -> None:
        """Choose a menu item by its visible text: ``user.menu("File", "Edit registry…")``."""
        action = self.find_action(*path)
        assert action.isEnabled(), f"{' → '.join(path)} is disabled"
        action.trigger()

    def find_action(self, *path: str) -> QAction:
        """The menu action at ``path`` (menu titles, then the item), by visible text."""
        actions = self.window.menuBar().actions()
        for depth, name in enumerate(path):
            found = [a for a in actions if plain(a.text()) == name and a.isVisible()]
            assert found, f"no menu item {name!r} among {[plain(a.text()) for a in actions]}"
            action = found[0]
            if depth < len(path) - 1:
                menu = action.menu()
                assert isinstance(menu, QMenu), f"{name!r} is not a menu"
                actions = menu.actions()
        return action

    def open_menu(self, title: str) -> dict[str, str | None]:
        """Open the menu ``title`` as a click on it does, and read it: each item's text, with
        None when it is enabled, else what its tooltip says."""
        menu = self.find_action(title).menu()
        assert isinstance(menu, QMenu), f"{title!r} is not a menu"
        menu.popup(self.window.mapToGlobal(self.window.rect().topLeft()))
        self.qtbot.waitExposed(menu)
        items = {
            plain(a.text()): None if a.isEnabled() else tooltip_shows(a)
            for a in menu.actions()
            if not a.isSeparator()
        }
        menu.close()
        return items

    def menu_texts(self) -> dict[str, list[str]]:
        """Every menu's items as shown, by menu title."""
        menus: dict[str, list[str]] = {}
        for top in self.window.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                menus[plain(top.text())] = [
                    plain(a.text()) for a in menu.actions() if not a.isSeparator()
                ]
        return menus

    def press(self, keys: str, widget: QWidget | None = None) -> None:
        """Press a key combination ("Ctrl+Shift+E", "Tab", "Return") on the focused widget."""
        sequence = QKeySequence(keys)
        combination = sequence[0]
        self._come_back()
        if widget is None and self._shortcut(sequence):
            return
        target = widget or self.focused() or self.active_window()
        QTest.keyClick(target, combination.key(), combination.keyboardModifiers())

    def press_unaided(self, keys: str) -> None:
        """Press a key combination as the X server delivers it: to the window it gave the
        focus, without the click on the window in front that ``press`` makes first. For
        journeys about where the focus goes when a dialog closes: with no window active the
        keys go nowhere, and the journey fails. A dialog just shown is first waited for to
        take the focus, as a person waits to see it before answering it."""
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            self.wait(lambda: QApplication.activeWindow() is modal)
        window = QApplication.activeWindow()
        assert window is not None, f"no window has the keyboard focus: {keys} goes nowhere"
        combination = QKeySequence(keys)[0]
        target = self.focused() or window
        QTest.keyClick(target, combination.key(), combination.keyboardModifiers())

    def _shortcut(self, sequence: QKeySequence) -> bool:
        """Run the one command of the window in front that has ``sequence`` as its shortcut.

        A shortcut is found by its key, as a person's key press is; triggering it directly
        keeps the journey from depending on how fast the X server moves the input focus.
        Returns False when no menu action or shortcut of that window has the key (then the
        key itself is sent). Two commands on one key are a bug and fail the journey.
        """
        front = (QApplication.activeModalWidget() or self.active_window()).window()
        actions = [
            a
            for a in front.findChildren(QAction)
            if a.shortcut() == sequence and a.isEnabled() and a.parent() is not None
        ]
        shortcuts = [
            s
            for s in front.findChildren(QShortcut)
            if s.key() == sequence and s.isEnabled() and self._in_reach(s, front)
        ]
        found = len(actions) + len(shortcuts)
        assert found <= 1, f"{sequence.toString()} is the shortcut of {found} commands"
        if actions:
            actions[0].trigger()
        elif shortcuts:
            shortcuts[0].activated.emit()
        return found == 1

    def _in_reach(self, shortcut: QShortcut, front: QWidget) -> bool:
        """A widget's own shortcut works only while it has the focus; others in its window."""
        owner = shortcut.parent()
        if not isinstance(owner, QWidget) or owner.window() is not front:
            return False
        if shortcut.context() == Qt.ShortcutContext.WidgetShortcut:
            return owner is self.focused()
        return owner.isVisible()

    def type(self, text: str) -> None:
        """Type ``text`` into the focused widget."""
        self._come_back()
        target = self.focused()
        assert target is not None, "nothing has the keyboard focus"
        QTest.keyClicks(target, text)

    def click(self, text: str, *, within: QWidget | None = None) -> None:
        """Click the visible, enabled button whose text is ``text`` (mnemonics ignored)."""
        button = self.button(text, within=within)
        assert button.isEnabled(), f"the button {text!r} is disabled"
        self._activate(button)
        # a check box takes clicks on its box and text, not on the empty rest of its row
        where = QPoint(8, button.height() // 2) if isinstance(button, QCheckBox) else QPoint()
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=where)

    def click_widget(self, widget: QWidget) -> None:
        """Click in the middle of ``widget`` (a field, to type into it)."""
        assert visible(widget), f"{widget.accessibleName()!r} is not on screen"
        self._activate(widget)
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def point_at(self, widget: QWidget, where: QPoint | None = None) -> None:
        """Move the pointer over ``widget`` (its middle, or ``where`` in it), clicking nothing:
        the widgets it leaves and the ones it comes over hear it, as the window system says."""
        assert visible(widget), f"{widget.accessibleName()!r} is not on screen"
        self._activate(widget)
        at = widget.mapToGlobal(widget.rect().center() if where is None else where)
        window = widget.window()
        inside = QPointF(window.mapFromGlobal(at))
        QApplication.sendEvent(window.windowHandle(), QEvent(QEvent.Type.Leave))
        QApplication.sendEvent(window.windowHandle(), QEnterEvent(inside, inside, QPointF(at)))
        self.qtbot.mouseMove(window, inside.toPoint())  # where Qt knows the pointer is
        self.wait(widget.underMouse)
        self.look()

    def wheel(self, widget: QWidget, notches: int) -> None:
        """Turn the mouse wheel with the pointer over the middle of ``widget``; negative
        ``notches`` scroll down, as turning the wheel towards you does."""
        assert visible(widget), f"{widget.accessibleName()!r} is not on screen"
        self._activate(widget)
        at = QPointF(widget.width() / 2, widget.height() / 2)
        event = QWheelEvent(
            at,
            widget.mapToGlobal(at),
            QPoint(),
            QPoint(0, 120 * notches),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)

    def button(self, text: str, *, within: QWidget | None = None) -> QAbstractButton:
        """The visible button whose text is ``text``, else one whose text starts with it."""
        roots = [within] if within is not None else self.top_levels()
        buttons = [
            b
            for root in roots
            for b in root.findChildren(QAbstractButton)
            if visible(b) and (plain(b.text()) == text or plain(b.text()).startswith(text))
        ]
        assert buttons, f"no visible button {text!r}"
        return min(buttons, key=lambda b: plain(b.text()) != text)  # "Add" before "Address"

    def click_link(self, label_text: str, link_text: str) -> None:
        """Follow a link shown in a label (a message's "Show the base map", say)."""
        labels = [
            lab
            for lab in self.visible_labels()
            if label_text in lab.text() and link_text in lab.text()
        ]
        assert labels, f"no visible message with {label_text!r} and a link {link_text!r}"
        label = labels[0]
        start = label.text().index(f">{link_text}</a>")  # its text, not an address with it
        before = label.text()[:start]
        href = before[before.rindex("href='") + 6 :].split("'")[0]
        label.linkActivated.emit(href)

    def search(self, place: str) -> None:
        """Ctrl+F, type the place, Enter, and wait until the status line is quiet again."""
        self.press("Ctrl+F")
        self.type(place)
        self.press("Return")
        self.wait_until_quiet()

    def suggestions(self, typed: str) -> QAbstractItemView:
        """Ctrl+F, type ``typed`` and wait for the place field's suggestions: the open list."""
        self.press("Ctrl+F")
        self.type(typed)
        popup = self.named("Place to search near", QLineEdit).completer().popup()
        self.wait(popup.isVisible)
        return popup

    def about(self) -> str:
        """What Help → About locator says (its labels' text, joined), closed with Enter."""
        said: list[str] = []

        def read(dialog: QWidget) -> None:
            said.extend(label.text() for label in dialog.findChildren(QLabel))
            self.press("Return")

        with self.answering(read):
            self.menu("Help", "About locator")
        return "".join(said)

    def wait_until_quiet(self) -> None:
        """Wait until the status line says nothing is running, and the details show the row
        selected in the list (they follow the map's paint: see ``DetailsFollow``)."""
        self.wait(lambda: self.named("What locator is doing").text() == "")
        self.wait_for_details()

    def wait_for_details(self) -> None:
        """Wait until the details show the row selected in the list refilled last: a search's,
        a reload's or a shortlist's."""
        window = self.window
        self.wait(lambda: not (isinstance(window, MainWindow) and window.follow.waiting))

    @contextmanager
    def answering(self, *answers: Callable[[QWidget], None]) -> Iterator[None]:
        """Answer the next dialogs or popup menus that open, in order, with ``answer(it)``:
        they run their own event loop, so each answer is given from inside it."""
        pending = list(answers)
        # weakly: a dialog lives as long as the app keeps it, as it would with no test around
        answered: list[weakref.ref[QWidget]] = []
        failed: list[BaseException] = []
        timer = QTimer()
        timer.setInterval(50)

        def look() -> None:
            dialog = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if dialog is None or not dialog.isVisible() or not pending:
                return
            if any(seen() is dialog for seen in answered):
                return
            answered.append(weakref.ref(dialog))
            if not pending[1:]:
                timer.stop()
            try:
                pending.pop(0)(dialog)
            except BaseException as error:  # raised again below, once the dialogs are closed
                # Qt would swallow it inside the dialog's own loop, which would then wait for
                # ever: the test fails instead, with every dialog it opened closed
                failed.append(error)
                pending.clear()
                timer.stop()
                _close_open_dialogs()

        # the dialog in front and for how many of the watchdog's seconds it has been there
        in_front: list[Any] = [None, 0]
        watchdog = QTimer()
        watchdog.setInterval(1000)

        def watch() -> None:
            dialog = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if dialog is None or dialog is not in_front[0]:
                in_front[:] = [dialog, 0]
                return
            in_front[1] += 1
            if in_front[1] >= STUCK_SECONDS:
                failed.append(
                    AssertionError(
                        f"the dialog {dialog.windowTitle()!r} stayed open {STUCK_SECONDS} s: "
                        f"no answer reached it; the screen said:\n{self.texts()}"
                    )
                )
                pending.clear()
                timer.stop()
                watchdog.stop()
                _close_open_dialogs()

        timer.timeout.connect(look)
        watchdog.timeout.connect(watch)
        timer.start()
        watchdog.start()
        try:
            yield
            self.wait(lambda: not pending)
        finally:
            timer.stop()
            watchdog.stop()
        if failed:
            raise failed[0]

    def wait(self, condition: Callable[[], Any], timeout: int = WAIT_MS) -> None:
        """Wait until ``condition()`` holds (what a person sees, polled), failing after timeout."""
        try:
            self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)
        except TimeoutError as error:
            active = QApplication.activeWindow()
            raise AssertionError(
                f"{error}; active window: {active.windowTitle() if active else None}, "
                f"focus: {self.focused()}; the screen says:\n{self.texts()}"
            ) from None

    def _come_back(self) -> None:
        """With no window manager on the test display, a window shown or left by a closed
        dialog is not always made active; a person would click the window in front (an open
        modal dialog, else the main window) before typing, and so does this."""
        if QApplication.activePopupWidget() is not None:
            return
        modal, active = QApplication.activeModalWidget(), QApplication.activeWindow()
        if active is not None and not active.isVisible():
            active = None  # a list a closed save dialog left behind, hidden: no window at all
        if modal is not None and active is not modal.window():
            self._activate(modal)
        elif active is None:
            self._activate(self.window)

    def _activate(self, widget: QWidget) -> None:
        """Make ``widget``'s window the active one, as a click on it does."""
        window = widget.window()
        if QApplication.activeWindow() is not window:
            window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)

    # reading ----------------------------------------------------------------------------

    def look(self) -> None:
        """Let pending layout and painting happen, as they have by the time a person looks."""
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.processEvents()

    def focused(self) -> QWidget | None:
        """The widget with the keyboard focus."""
        return QApplication.focusWidget()

    def active_window(self) -> QWidget:
        """The window keys go to."""
        return QApplication.activeModalWidget() or QApplication.activeWindow() or self.window

    def top_levels(self) -> list[QWidget]:
        """Every visible window: the main one first, then dialogs."""
        others = [
            w for w in QApplication.topLevelWidgets() if w is not self.window and w.isVisible()
        ]
        return [self.window, *others]

    def visible_labels(self) -> list[QLabel]:
        """Every label shown in any window."""
        found = [lab for root in self.top_levels() for lab in root.findChildren(QLabel)]
        return [lab for lab in dict.fromkeys(found) if visible(lab)]

    def texts(self) -> str:
        """All label text on screen, one label a line (to search for a sentence)."""
        return "\n".join(lab.text() for lab in self.visible_labels())

    def named(self, name: str, kind: type = QWidget) -> Any:
        """The visible widget with accessible name ``name``."""
        for root in self.top_levels():
            for widget in root.findChildren(kind):
                if widget.accessibleName() == name and visible(widget):
                    return widget
        raise AssertionError(f"no visible {kind.__name__} named {name!r}")

    def table(self, name: str) -> list[list[str]]:
        """The cells of the table with accessible name ``name``, row by row, as displayed."""
        view: QAbstractItemView = self.named(name, QAbstractItemView)
        model = view.model()
        return [
            [str(model.index(r, c).data() or "") for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]

    def column(self, table: str, title: str) -> list[str]:
        """One column of a table, by its header text."""
        view: QAbstractItemView = self.named(table, QAbstractItemView)
        model = view.model()
        titles = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        ]
        column = titles.index(title)
        return [str(model.index(r, column).data() or "") for r in range(model.rowCount())]

    def ticked(self, table: str) -> list[bool]:
        """Which rows of a table show a ticked box."""
        view: QAbstractItemView = self.named(table, QAbstractItemView)
        model = view.model()
        return [
            model.index(r, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            for r in range(model.rowCount())
        ]

    def click_cell(self, table: str, row: int, column: int = 2) -> None:
        """Click a cell of a table (a clinic's row), or an item of a list (column 0)."""
        view: QAbstractItemView = self.named(table, QAbstractItemView)
        index = view.model().index(row, column)
        view.scrollTo(index)
        rect = view.visualRect(index)
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def tick_box(self, table: str, row: int) -> None:
        """Click the tick box of a row."""
        view: QAbstractItemView = self.named(table, QAbstractItemView)
        rect = view.visualRect(view.model().index(row, 0))
        point = QPoint(rect.left() + 12, rect.center().y())
        before = self.ticked(table)[row]
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        self.wait(lambda: self.ticked(table)[row] != before, timeout=5000)

    def wait_map_laid_out(self) -> None:
        """Wait until the map has taken the size the window gives it: a message appearing
        under it after a search makes it shorter, and the map is framed again."""
        view = self.named(_(MAP))
        self.wait(
            lambda: view.evaluate(
                "(function(){var s=locatorMap.map.getSize(),c=locatorMap.map.getContainer();"
                f"return innerWidth==={view.width()}&&innerHeight==={view.height()}"
                "&&s.x===c.clientWidth&&s.y===c.clientHeight;})()"
            )
        )

    def click_marker(self, clinic_id: str) -> None:
        """Click a clinic's marker where the map draws it, once the map is laid out."""
        self.wait_map_laid_out()
        view = self.named(_(MAP))
        point = json.loads(  # arrays do not cross runJavaScript in PySide6: JSON does
            view.evaluate(
                "(function(){var p=locatorMap.map.latLngToContainerPoint("
                f"locatorMap.marker({clinic_id!r}).getLatLng());"
                # the map's own box in the page: the offline note may sit above it
                "var r=locatorMap.map.getContainer().getBoundingClientRect();"
                "return JSON.stringify([p.x+r.left,p.y+r.top]);})()"
            )
        )
        target = view.focusProxy() or view
        self._activate(view)
        self.qtbot.mouseClick(
            target, Qt.MouseButton.LeftButton, pos=QPoint(round(point[0]), round(point[1]))
        )

    def click_map_link(self, text: str) -> None:
        """Click the link showing ``text`` in the map's open popup, where the map draws it."""
        view = self.named(_(MAP))
        point = json.loads(
            self._map_link(
                text,
                "(function(r){return JSON.stringify([r.left+r.width/2,r.top+r.height/2]);})"
                "(link.getClientRects()[0])",  # its first line, should it wrap
            )
        )
        target = view.focusProxy() or view
        self._activate(view)
        self.qtbot.mouseClick(
            target, Qt.MouseButton.LeftButton, pos=QPoint(round(point[0]), round(point[1]))
        )

    def map_link_title(self, text: str) -> str:
        """What the link showing ``text`` in the map's open popup says when the mouse rests on
        it (its title)."""
        return self._map_link(text, "link.title")

    def _map_link(self, text: str, expression: str) -> Any:
        """``expression`` about ``link``, the link showing ``text`` in the map's open popup,
        once the popup shows it."""
        find = (
            "var link=Array.prototype.find.call(document.querySelectorAll('.locator-popup a'),"
            f"function(a){{return a.textContent==={json.dumps(text)};}});"
        )
        self.wait(lambda: self.map(f"(function(){{{find}return Boolean(link);}})()"))
        return self.map(f"(function(){{{find}return {expression};}})()")

    def click_selected_marker(self) -> None:
        """Click the marker the map highlights (the selected clinic's): its popup opens."""
        self.wait(lambda: bool(self.map("locatorMap.selectedId() || ''")))
        self.click_marker(self.map("locatorMap.selectedId()"))

    def popup_text(self) -> str:
        """The text of the map's open popup, as shown ("" while none is open)."""
        return str(
            self.map(
                "(function(p){return p ? p.innerText : '';})"
                "(document.querySelector('.locator-popup'))"
            )
        )

    def map(self, script: str) -> Any:
        """Ask the map page (its JavaScript API) what it shows."""
        return self.named(_(MAP)).evaluate(script)


MakeWindow = Callable[..., User]
"""``make_window(registry=None, *, shipped=False, size=(1400, 900), ...)``: the journeys'
fixture that opens the app's window and gives the person at it (``size=None``: at the size the
window chooses for the screen)."""
