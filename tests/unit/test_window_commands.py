"""The window's commands are one table: every one is reachable, none shares a key, and one that
cannot run now stays enabled and says why instead of doing nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenuBar
from pytestqt.qtbot import QtBot

from locator.i18n import N_
from locator.ui.commands import Action, Commands, Menu
from locator.ui.window_actions import ACTIONS, MENUS


def test_every_command_is_in_a_menu_or_run_by_a_button_and_no_two_share_a_key(
    qtbot: QtBot,  # key sequences are read by the running application
) -> None:
    ids = [action.id for action in ACTIONS]
    assert len(ids) == len(set(ids))
    in_menus = [item for menu in MENUS for item in menu.items if item is not None]
    assert set(in_menus) <= set(ids)
    assert set(ids) - set(in_menus) == {"results.compare"}  # the results' Compare button
    keys = Counter(
        QKeySequence(action.shortcut).toString() for action in ACTIONS if action.shortcut
    )
    assert [key for key, count in keys.items() if count > 1] == []


@dataclass
class Door:
    """A stand-in window: a command that opens it only when it is unlocked."""

    locked: bool = True
    opened: int = 0
    said: list[str] = field(default_factory=list)


OPEN = Action[Door](
    "door.open",
    N_("&Open"),
    lambda door: setattr(door, "opened", door.opened + 1),
    "Ctrl+Shift+O",
    lambda door: "It is locked." if door.locked else None,
)


def test_a_command_that_cannot_run_says_why_and_stays_enabled(qtbot: QtBot) -> None:
    door = Door()
    commands = Commands([OPEN], door, door.said.append)
    bar = QMenuBar()
    qtbot.addWidget(bar)
    commands.build_menus(bar, [Menu(N_("&Door"), ["door.open"])], bar)
    (item,) = bar.actions()[0].menu().actions()
    assert item.text() == "&Open"
    assert item.isEnabled()
    assert commands.why_not("door.open") == "It is locked."
    item.trigger()
    assert (door.opened, door.said) == (0, ["It is locked."])
    door.locked = False
    item.trigger()
    assert (door.opened, door.said) == (1, ["It is locked."])
    assert commands.shortcut_rows([Menu(N_("&Door"), ["door.open"])]) == [
        ("Ctrl+Shift+O", "Door → Open")
    ]


def test_a_command_that_runs_takes_back_why_it_could_not(qtbot: QtBot) -> None:
    door = Door()
    taken_back: list[str | None] = []
    commands = Commands([OPEN], door, door.said.append, taken_back.append)
    commands.trigger("door.open")
    door.locked = False
    commands.trigger("door.open")  # "It is locked." no longer holds
    commands.trigger("door.open")  # nothing said since
    assert (door.opened, taken_back) == (2, ["It is locked.", None])


def test_a_command_looks_at_the_window_brought_up_to_date_first(qtbot: QtBot) -> None:
    """The window's details follow its list a frame late: a command, or a menu opening,
    brings them up to date before it reads them."""
    door = Door()
    commands = Commands(
        [OPEN], door, door.said.append, before=lambda: setattr(door, "locked", False)
    )
    commands.trigger("door.open")
    assert (door.opened, door.said) == (1, [])
    door.locked = True
    bar = QMenuBar()
    qtbot.addWidget(bar)
    commands.build_menus(bar, [Menu(N_("&Door"), ["door.open"])], bar)
    bar.actions()[0].menu().aboutToShow.emit()
    (item,) = bar.actions()[0].menu().actions()
    assert item.isEnabled()  # unlocked as the menu opened: not greyed out


def test_a_reason_that_no_longer_holds_is_out_of_date(qtbot: QtBot) -> None:
    door = Door()
    commands = Commands([OPEN], door, door.said.append)
    commands.trigger("door.open")
    assert commands.out_of_date() is None  # still locked
    door.locked = False
    assert commands.out_of_date() == "It is locked."
    assert commands.out_of_date() is None  # taken back once


def test_a_switch_is_ticked_in_its_menu_while_it_is_on(qtbot: QtBot) -> None:
    door = Door(locked=False)
    lock = Action[Door](
        "door.lock",
        N_("&Locked"),
        lambda door: setattr(door, "locked", not door.locked),
        checked=lambda door: door.locked,
    )
    commands = Commands([OPEN, lock], door, door.said.append)
    bar = QMenuBar()
    qtbot.addWidget(bar)
    commands.build_menus(bar, [Menu(N_("&Door"), ["door.open", "door.lock"])], bar)
    opening, locking = bar.actions()[0].menu().actions()
    assert locking.isCheckable()
    assert not opening.isCheckable()
    assert not locking.isChecked()
    locking.trigger()  # from the menu, as its shortcut does
    assert door.locked
    assert locking.isChecked()
    door.locked = False  # turned off by something else, then another command runs
    commands.trigger("door.open")
    assert not locking.isChecked()
