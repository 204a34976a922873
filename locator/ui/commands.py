"""The window's commands as data: each menu item with its text, shortcut and handler, in one
list, so the menus, the shortcut list in Help and the tests all read the same thing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

Shortcut = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class Command:
    """One menu item."""

    text: str  # with its mnemonic: "&Edit registry…"
    run: Callable[[], object]
    shortcut: Shortcut = None
    tip: str = ""


@dataclass(frozen=True)
class Menu:
    """A menu of the menu bar; ``None`` in ``commands`` is a separator."""

    title: str
    commands: Sequence[Command | None]


def build_menus(menu_bar: QMenuBar, menus: Sequence[Menu], owner: QWidget) -> dict[str, QAction]:
    """Fill ``menu_bar``; returns the actions by their plain text ("Edit registry…")."""
    actions: dict[str, QAction] = {}
    for spec in menus:
        menu = menu_bar.addMenu(spec.title)
        for command in spec.commands:
            if command is None:
                menu.addSeparator()
                continue
            action = QAction(command.text, owner)
            if command.shortcut is not None:
                action.setShortcut(QKeySequence(command.shortcut))
            if command.tip:
                action.setStatusTip(command.tip)
                action.setToolTip(command.tip)
            action.triggered.connect(command.run)
            menu.addAction(action)
            actions[plain_text(command.text)] = action
    return actions


def plain_text(text: str) -> str:
    """A label without its mnemonic marker."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows(menus: Sequence[Menu]) -> list[tuple[str, str]]:
    """(shortcut as the platform writes it, what it does) for every command that has one."""
    rows = []
    for spec in menus:
        for command in spec.commands:
            if command is not None and command.shortcut is not None:
                keys = QKeySequence(command.shortcut).toString(
                    QKeySequence.SequenceFormat.NativeText
                )
                rows.append((keys, f"{plain_text(spec.title)} → {plain_text(command.text)}"))
    return rows
