"""The window's commands as data, after napari's ``app_model`` actions: each :class:`Action`
declares its id, its menu text, its shortcut, what it does and when it cannot run; the menus
are lists of action ids. :class:`Commands` binds the declarations to a window and builds the
menu bar from them, so the menus, the shortcut list in Help, the buttons that run the same
command and the tests all read one table.

An action that cannot run now says why instead (its ``enablement`` gives that sentence). In
an open menu it is greyed out, with that sentence as its tooltip, so the menu shows what can
run now; once the menu closes it is enabled again, so its shortcut and button still say why
rather than doing nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

from locator.i18n import _

Shortcut = QKeySequence.StandardKey | str | None
W = TypeVar("W")


@dataclass(frozen=True)
class Action(Generic[W]):
    """One command of a window ``W``."""

    id: str  # "shortlists.add"
    title: str  # marked for translation, with its mnemonic: N_("&Edit registry…")
    run: Callable[[W], object]
    shortcut: Shortcut = None
    # None when the command can run now, else the message (HTML) said instead of running it
    enablement: Callable[[W], str | None] = lambda _window: None
    # a switch (a ticked menu item, as a screen reader says): whether it is on now; None: not one
    checked: Callable[[W], bool] | None = None


@dataclass(frozen=True)
class Menu:
    """A menu of the menu bar: its title (marked for translation) and its actions' ids, in
    order; ``None`` is a separator."""

    title: str
    items: Sequence[str | None]


class Commands(Generic[W]):
    """The actions bound to ``window``; a command that cannot run has its reason given to
    ``say`` (the window's message bar). Before a command runs, ``running`` is told the reason
    said last, if any: out of date now that a command can run, as is what was done before.
    ``before`` brings the window up to date before a command, or a menu, looks at it."""

    def __init__(
        self,
        actions: Sequence[Action[W]],
        window: W,
        say: Callable[[str], None],
        running: Callable[[str | None], None] = lambda _said: None,
        before: Callable[[], None] = lambda: None,
    ) -> None:
        self.actions = {action.id: action for action in actions}
        self.window = window
        self._say = say
        self._running = running
        self._before = before
        self._said: tuple[str, str] | None = None  # (action id, reason) said last, until then
        self._shown: dict[str, QAction] = {}  # each menu item, by its action's id

    def why_not(self, action_id: str) -> str | None:
        """Why the command cannot run now (a message), or None when it can."""
        return self.actions[action_id].enablement(self.window)

    def trigger(self, action_id: str) -> None:
        """Run a command, as its menu item, shortcut or button does."""
        self._before()
        reason = self.why_not(action_id)
        if reason is None:
            said, self._said = self._said, None
            self._running(said[1] if said is not None else None)
            self.actions[action_id].run(self.window)
            for switch in self._shown:  # this one, or another that turned one off
                self._tick(switch)
        else:
            self._said = (action_id, reason)
            self._say(reason)

    def out_of_date(self) -> str | None:
        """The reason said last, if it no longer holds (the clinics it asked for are ticked):
        the window takes it back. Forgotten once returned."""
        if self._said is None or self.why_not(self._said[0]) == self._said[1]:
            return None
        reason, self._said = self._said[1], None
        return reason

    def build_menus(self, menu_bar: QMenuBar, menus: Sequence[Menu], owner: QWidget) -> None:
        """Fill ``menu_bar`` with a QAction per item, in the language in use."""
        for spec in menus:
            menu = menu_bar.addMenu(_(spec.title))
            for item in spec.items:
                if item is None:
                    menu.addSeparator()
                    continue
                action = self.actions[item]
                shown = QAction(_(action.title), owner)
                shown.setCheckable(action.checked is not None)
                if action.shortcut is not None:
                    shown.setShortcut(QKeySequence(action.shortcut))
                shown.triggered.connect(lambda _checked=False, i=item: self.trigger(i))
                menu.addAction(shown)
                self._shown[item] = shown
                self._tick(item)
            ids = [item for item in spec.items if item is not None]
            menu.setToolTipsVisible(True)
            menu.aboutToShow.connect(lambda ids=ids: self._grey_out(ids))
            menu.aboutToHide.connect(lambda ids=ids: self._enable(ids))

    def _grey_out(self, ids: Sequence[str]) -> None:
        """A menu opens: its items that cannot run now are disabled, their tooltip says why."""
        self._before()
        for action_id in ids:
            reason = self.why_not(action_id)
            self._shown[action_id].setEnabled(reason is None)
            # "" shows no tooltip; a reason is a message (HTML), shown as the message bar does
            self._shown[action_id].setToolTip("" if reason is None else f"<qt>{reason}</qt>")
            self._tick(action_id)

    def _tick(self, action_id: str) -> None:
        """A switch's menu item shows whether it is on (Qt flips the tick at each trigger by
        itself; another command may have turned the switch off)."""
        checked, shown = self.actions[action_id].checked, self._shown.get(action_id)
        if checked is not None and shown is not None:
            shown.setChecked(checked(self.window))

    def _enable(self, ids: Sequence[str]) -> None:
        """A menu closes: its items' shortcuts run again, and say why when they cannot."""
        for action_id in ids:
            self._shown[action_id].setEnabled(True)

    def shortcut_rows(self, menus: Sequence[Menu]) -> list[tuple[str, str]]:
        """(shortcut as the platform writes it, where the command is) for each that has one."""
        rows = []
        for spec in menus:
            for item in spec.items:
                action = self.actions[item] if item is not None else None
                if action is not None and action.shortcut is not None:
                    keys = QKeySequence(action.shortcut).toString(
                        QKeySequence.SequenceFormat.NativeText
                    )
                    title = f"{plain_text(_(spec.title))} → {plain_text(_(action.title))}"
                    rows.append((keys, title))
        return rows


def plain_text(text: str) -> str:
    """A label without its mnemonic marker."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
