"""The system packages locator needs beyond Python's, stated per distribution, never guessed.

One row per package: its name on Debian/Ubuntu, Fedora and Arch, the shared objects or
commands it brings, and which task needs it. `scripts/ensure_system_packages.py` installs from
this table (`make run`, `make test`, `make dist`), the app names a missing library from it
(`locator.window_libraries`), and `tests/unit/test_system_packages.py` asks apt whether it knows
every Debian name. Debian 12 names are checked by that test and by `make check-fresh`; the
Fedora and Arch names are the ones their archives use, not checked here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Need(Enum):
    """The tasks that need system packages, each including the ones before it where the
    Makefile says so (`make test` needs the window too)."""

    WINDOW = "window"  # the app's window and its map: `make run`, the wheel, the bundle
    TESTS = "tests"  # the test suite's virtual display and screen-reader view
    DIST = "dist"  # `make dist`, the desktop bundle
    FRESH = "fresh"  # `make check-fresh`, a new Debian root


class Family(Enum):
    """Distribution families, each with its own package names and installer."""

    DEBIAN = "debian"
    FEDORA = "fedora"
    ARCH = "arch"


@dataclass(frozen=True)
class SystemPackage:
    """One package, named as each family names it, and why locator needs it."""

    debian: str
    fedora: str
    arch: str
    provides: tuple[str, ...]  # shared objects (as Qt asks for them) or commands
    need: Need
    why: str

    def name(self, family: Family) -> str:
        return {Family.DEBIAN: self.debian, Family.FEDORA: self.fedora, Family.ARCH: self.arch}[
            family
        ]


def _row(debian: str, fedora: str, arch: str, provides: str, need: Need, why: str) -> SystemPackage:
    return SystemPackage(debian, fedora, arch, tuple(provides.split()), need, why)


W, T, D, F = Need.WINDOW, Need.TESTS, Need.DIST, Need.FRESH

# A table, one package to a row as apt, dnf and pacman name it: kept as written.
# fmt: off
PACKAGES: tuple[SystemPackage, ...] = (
    # Qt's X11 platform plugin (libqxcb.so): every window.
    _row("libxcb1", "libxcb", "libxcb", "libxcb.so.1", W, "Qt's X11 window"),
    _row("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor", "libxcb-cursor.so.0", W,
         "Qt's X11 window: the mouse cursor (Qt 6.5 and later refuse to start without it)"),
    _row("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm", "libxcb-icccm.so.4", W,
         "Qt's X11 window: window titles and sizes"),
    _row("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms", "libxcb-keysyms.so.1", W,
         "Qt's X11 window: keys"),
    _row("libxcb-image0", "xcb-util-image", "xcb-util-image", "libxcb-image.so.0", W,
         "Qt's X11 window: images"),
    _row("libxcb-render-util0", "xcb-util-renderutil", "xcb-util-renderutil",
         "libxcb-render-util.so.0", W, "Qt's X11 window: drawing"),
    _row("libxcb-util1", "xcb-util", "xcb-util", "libxcb-util.so.1", W, "Qt's X11 window"),
    _row("libxcb-randr0", "libxcb", "libxcb", "libxcb-randr.so.0", W,
         "Qt's X11 window: screens"),
    _row("libxcb-render0", "libxcb", "libxcb", "libxcb-render.so.0", W, "Qt's X11 window"),
    _row("libxcb-shape0", "libxcb", "libxcb", "libxcb-shape.so.0", W, "Qt's X11 window"),
    _row("libxcb-shm0", "libxcb", "libxcb", "libxcb-shm.so.0", W, "Qt's X11 window"),
    _row("libxcb-sync1", "libxcb", "libxcb", "libxcb-sync.so.1", W, "Qt's X11 window"),
    _row("libxcb-xfixes0", "libxcb", "libxcb", "libxcb-xfixes.so.0", W, "Qt's X11 window"),
    _row("libxcb-xkb1", "libxcb", "libxcb", "libxcb-xkb.so.1", W,
         "Qt's X11 window: keyboard layouts"),
    _row("libxcb-glx0", "libxcb", "libxcb", "libxcb-glx.so.0", W, "Qt's X11 OpenGL"),
    _row("libxcb-dri3-0", "libxcb", "libxcb", "libxcb-dri3.so.0", W, "the map's renderer"),
    _row("libxkbcommon0", "libxkbcommon", "libxkbcommon", "libxkbcommon.so.0", W,
         "keyboard layouts"),
    _row("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11",
         "libxkbcommon-x11.so.0", W, "keyboard layouts under X11"),
    _row("libx11-6", "libX11", "libx11", "libX11.so.6", W, "Qt's X11 window"),
    _row("libx11-xcb1", "libX11-xcb", "libx11", "libX11-xcb.so.1", W, "Qt's X11 window"),
    _row("libxext6", "libXext", "libxext", "libXext.so.6", W, "the map's renderer"),
    _row("libxfixes3", "libXfixes", "libxfixes", "libXfixes.so.3", W, "the map's renderer"),
    _row("libxrandr2", "libXrandr", "libxrandr", "libXrandr.so.2", W, "the map's renderer"),
    _row("libxcomposite1", "libXcomposite", "libxcomposite", "libXcomposite.so.1", W,
         "the map's renderer"),
    _row("libxdamage1", "libXdamage", "libxdamage", "libXdamage.so.1", W, "the map's renderer"),
    _row("libxtst6", "libXtst", "libxtst", "libXtst.so.6", W, "the map's renderer"),
    _row("libxkbfile1", "libxkbfile", "libxkbfile", "libxkbfile.so.1", W, "the map's renderer"),
    # OpenGL, fonts and the rest Qt and QtWebEngine (the map) link.
    _row("libgl1", "libglvnd-glx", "libglvnd", "libGL.so.1", W, "Qt's drawing (OpenGL)"),
    _row("libegl1", "libglvnd-egl", "libglvnd", "libEGL.so.1", W, "Qt's drawing (EGL)"),
    _row("libgbm1", "mesa-libgbm", "mesa", "libgbm.so.1", W, "the map's renderer"),
    _row("libglib2.0-0", "glib2", "glib2",
         "libglib-2.0.so.0 libgthread-2.0.so.0 libgobject-2.0.so.0 libgio-2.0.so.0", W,
         "Qt's event loop and the map's renderer"),
    _row("libfontconfig1", "fontconfig", "fontconfig", "libfontconfig.so.1", W, "fonts"),
    _row("libfreetype6", "freetype", "freetype2", "libfreetype.so.6", W, "fonts"),
    _row("libdbus-1-3", "dbus-libs", "dbus", "libdbus-1.so.3", W,
         "screen readers (AT-SPI) and desktop settings"),
    _row("libnss3", "nss", "nss", "libnss3.so libnssutil3.so libsmime3.so", W,
         "the map's renderer (Chromium's certificates)"),
    _row("libnspr4", "nspr", "nspr", "libnspr4.so", W, "the map's renderer"),
    _row("libasound2", "alsa-lib", "alsa-lib", "libasound.so.2", W,
         "the map's renderer (links the sound library, plays none)"),
    _row("libcups2", "cups-libs", "libcups", "libcups.so.2", W, "printing"),
    _row("libgssapi-krb5-2", "krb5-libs", "krb5", "libgssapi_krb5.so.2", W,
         "the map's renderer"),
    _row("libexpat1", "expat", "expat", "libexpat.so.1", W, "the map's renderer"),
    _row("libbrotli1", "brotli", "brotli", "libbrotlidec.so.1 libbrotlicommon.so.1", W,
         "the map's renderer"),
    _row("libharfbuzz0b", "harfbuzz", "harfbuzz", "libharfbuzz.so.0", W, "the map's text"),
    _row("fonts-dejavu-core", "dejavu-sans-fonts", "ttf-dejavu", "DejaVuSans.ttf", W,
         "a font for the window's text"),
    # The tests: a real X11 display, a screen reader's view, Qt's GTK theme, the menu entry.
    _row("xvfb", "xorg-x11-server-Xvfb", "xorg-server-xvfb", "Xvfb", T,
         "the virtual display the journeys run their real window on (pytest-xvfb)"),
    _row("xauth", "xorg-x11-xauth", "xorg-xauth", "xauth", T, "the virtual display"),
    _row("dbus-daemon", "dbus-daemon", "dbus", "dbus-run-session", T,
         "a session bus for the accessibility-tree test"),
    _row("at-spi2-core", "at-spi2-core", "at-spi2-core", "/usr/libexec/at-spi-bus-launcher", T,
         "the accessibility-tree test reads the app as a screen reader does (AT-SPI)"),
    _row("python3-pyatspi", "python3-pyatspi", "python-atspi", "pyatspi", T,
         "the accessibility-tree test's reader, on the system's python3"),
    _row("libgtk-3-0", "gtk3", "gtk3", "libgtk-3.so.0 libgdk-3.so.0", T,
         "Qt's GTK theme: the contrast test reads the dark palette a desktop gives"),
    _row("libpango-1.0-0", "pango", "pango", "libpango-1.0.so.0", T, "Qt's GTK theme"),
    _row("libpangocairo-1.0-0", "pango", "pango", "libpangocairo-1.0.so.0", T, "Qt's GTK theme"),
    _row("libcairo2", "cairo", "cairo", "libcairo.so.2", T, "Qt's GTK theme"),
    _row("libcairo-gobject2", "cairo-gobject", "cairo", "libcairo-gobject.so.2", T,
         "Qt's GTK theme"),
    _row("libgdk-pixbuf-2.0-0", "gdk-pixbuf2", "gdk-pixbuf2", "libgdk_pixbuf-2.0.so.0", T,
         "Qt's GTK theme"),
    _row("libatk1.0-0", "atk", "at-spi2-core", "libatk-1.0.so.0", T, "Qt's GTK theme"),
    _row("desktop-file-utils", "desktop-file-utils", "desktop-file-utils",
         "desktop-file-validate", T, "the install script's test checks its menu entry"),
    # The desktop bundle and the fresh-machine check.
    _row("binutils", "binutils", "binutils", "readelf objdump", T,
         "the system-package test reads which libraries Qt links; PyInstaller too"),
    _row("libdeflate-tools", "libdeflate-utils", "libdeflate", "libdeflate-gzip", D,
         "`make dist`: the smallest .tar.gz"),
    _row("debootstrap", "debootstrap", "debootstrap", "debootstrap", F,
         "`make check-fresh` builds a new Debian 12 root"),
)
# fmt: on

# Which tasks each Makefile target installs for.
NEEDS_OF = {
    "run": (Need.WINDOW,),
    "test": (Need.WINDOW, Need.TESTS),
    "dist": (Need.WINDOW, Need.TESTS, Need.DIST),
    "check-fresh": (Need.FRESH,),
}


def needed(needs: Iterable[Need]) -> list[SystemPackage]:
    """The rows for these tasks, in table order."""
    wanted = set(needs)
    return [package for package in PACKAGES if package.need in wanted]


def family(os_release: Path = Path("/etc/os-release")) -> Family | None:
    """This system's family, from os-release's ID and ID_LIKE; None for any other."""
    try:
        text = os_release.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    fields = dict(
        line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#")
    )
    ids = " ".join(fields.get(key, "").strip("\"'") for key in ("ID", "ID_LIKE")).split()
    for known in ids:
        if known in ("debian", "ubuntu"):
            return Family.DEBIAN
        if known in ("fedora", "rhel", "centos"):
            return Family.FEDORA
        if known in ("arch", "archlinux"):
            return Family.ARCH
    return None


_INSTALL = {
    Family.DEBIAN: "apt-get install",
    Family.FEDORA: "dnf install",
    Family.ARCH: "pacman -S --needed",
}
_REINSTALL = {
    Family.DEBIAN: "apt-get install --reinstall",
    Family.FEDORA: "dnf reinstall",
    Family.ARCH: "pacman -S",
}


def install_command(names: Iterable[str], family: Family, *, reinstall: bool = False) -> str:
    """The command a person types to install (or repair) these packages here, with sudo
    unless root."""
    sudo = "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "
    verb = (_REINSTALL if reinstall else _INSTALL)[family]
    return f"{sudo}{verb} {' '.join(dict.fromkeys(names))}"


def provider(library: str) -> SystemPackage | None:
    """The row whose package brings this shared object (or command), if the table has it."""
    return next((row for row in PACKAGES if library in row.provides), None)
