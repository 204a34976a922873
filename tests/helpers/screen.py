"""A smaller screen than the test display: the area a window manager leaves for windows (the
screen less its panels), set as one sets it, as ``_NET_WORKAREA`` on the root window. Qt reads
it as the screen's available geometry, which is what windows must fit."""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.user import User

_CARDINAL = 6  # Xlib's XA_CARDINAL
_REPLACE = 0  # PropModeReplace


def _xlib() -> ctypes.CDLL:
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XChangeProperty.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_ulong,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_void_p,
        ctypes.c_int,
    ]
    x11.XDeleteProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return x11


@contextmanager
def available_area(qtbot: QtBot, width: int, height: int) -> Iterator[QRect]:
    """While inside, the screen leaves ``width`` x ``height`` for windows (from its top left);
    yields that area once Qt has seen it. The whole screen is given back afterwards."""
    x11 = _xlib()
    display = x11.XOpenDisplay(None)
    assert display, "no X display to set the work area on"
    root = x11.XDefaultRootWindow(display)
    work_area = x11.XInternAtom(display, b"_NET_WORKAREA", 0)
    screen = QGuiApplication.primaryScreen()
    whole = screen.geometry()
    area = QRect(0, 0, width, height)
    values = (ctypes.c_long * 4)(0, 0, width, height)  # Xlib passes 32-bit items as longs
    x11.XChangeProperty(display, root, work_area, _CARDINAL, 32, _REPLACE, values, 4)
    x11.XFlush(display)
    try:
        qtbot.waitUntil(lambda: screen.availableGeometry() == area, timeout=10_000)
        yield area
    finally:
        x11.XDeleteProperty(display, root, work_area)
        x11.XFlush(display)
        qtbot.waitUntil(lambda: screen.availableGeometry() == whole, timeout=10_000)
        x11.XCloseDisplay(display)


def on_screen(user: User, window: QWidget, screen: QRect, buttons: list[str]) -> None:
    """``window`` lies inside ``screen``, and so does each of ``buttons``, whole."""
    user.look()
    name = window.windowTitle()
    assert screen.contains(window.frameGeometry()), f"{name}: {window.frameGeometry()}"
    for text in buttons:
        button = user.button(text, within=window)
        drawn = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        assert screen.contains(drawn), f"{name}: {text!r} at {drawn} is off the screen {screen}"
        assert window.geometry().contains(drawn), f"{name}: {text!r} is cut off"
