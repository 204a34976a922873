"""Before Qt starts: can a window open here — a display to open it on, and the system
libraries Qt's window and the map need?

Without either, Qt aborts the whole process with a message about platform plugins that names
nothing a person can act on. So the app first looks for the display, loads the platform plugin
Qt would choose and QtWebEngine's core library the way Qt will, and turns the dynamic loader's
complaint into a sentence naming the library and the command that installs it on this system.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from importlib.util import find_spec
from pathlib import Path

from locator.errors import MissingSystemLibraryError, NoDisplayError
from locator.i18n import _
from locator.system_packages import family, install_command, provider

# "libxcb-cursor.so.0: cannot open shared object file: …", "/x/libfoo.so.1: file too short"
_LOADER_ERROR = re.compile(r"^(?P<library>[^:\s]+\.so[.\d]*): (?P<reason>.+)$")


def _qt_folder() -> Path | None:
    spec = find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def _platforms() -> list[str]:
    """The platform plugins Qt would try, in order: the one asked for, else Wayland on a
    Wayland session (Qt falls back to X11), else X11."""
    asked = os.environ.get("QT_QPA_PLATFORM", "").strip()
    if asked:
        return [name.split(":")[0] for name in asked.split(";") if name]
    if os.environ.get("WAYLAND_DISPLAY") and os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def _load(path: Path) -> str | None:
    """The loader's complaint about this library, or None when it loads."""
    try:
        ctypes.CDLL(str(path), mode=os.RTLD_LAZY)
    except OSError as error:
        return str(error)
    return None


def _require_x_display() -> None:
    """Connect to the X display as Qt will (libxcb, now known to load); Qt aborts on a
    display that does not answer."""
    xcb = ctypes.CDLL("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = (ctypes.c_char_p, ctypes.c_void_p)
    xcb.xcb_connection_has_error.argtypes = (ctypes.c_void_p,)
    xcb.xcb_disconnect.argtypes = (ctypes.c_void_p,)
    connection = xcb.xcb_connect(None, None)
    failed = xcb.xcb_connection_has_error(connection)
    xcb.xcb_disconnect(connection)
    if failed:
        raise NoDisplayError(
            _(
                "the window cannot open: the display {display} does not answer (DISPLAY). Start "
                "locator from a desktop session; the command line (locator nearest, locator "
                "validate, …) works without one."
            ).format(display=os.environ.get("DISPLAY", "?"))
        )


def _sentence(complaint: str) -> str:
    """What to tell a person: which library, why the loader refused it, how to install it."""
    found = _LOADER_ERROR.match(complaint)
    if found is None:
        return _("the window cannot open: {complaint}").format(complaint=complaint)
    library = Path(found["library"]).name
    row, here = provider(library), family()
    if row is not None and here is not None:
        how = _("Install it with:") + "\n    " + install_command([row.name(here)], here)
    elif row is not None:
        how = _(
            "Install the package that provides it (Debian and Ubuntu: {debian}; Fedora: "
            "{fedora}; Arch: {arch})."
        ).format(debian=row.debian, fedora=row.fedora, arch=row.arch)
    else:
        how = _("Install the package of your system that provides {library}.").format(
            library=library
        )
    said = _(
        "the window cannot open: the system library {library} is missing or cannot be "
        "loaded ({reason})."
    ).format(library=library, reason=found["reason"])
    works = _("The command line (locator nearest, locator validate, …) works without it.")
    return "\n".join((said, how, works))


def require_window() -> None:
    """Raise NoDisplayError or MissingSystemLibraryError, with its sentence, when Qt could not
    open a window here; Linux only (elsewhere the wheels carry what Qt needs)."""
    folder = _qt_folder()
    if not sys.platform.startswith("linux") or folder is None:
        return
    platforms = _platforms()
    if not {"xcb", "wayland"}.isdisjoint(platforms) and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        raise NoDisplayError(
            _(
                "the window cannot open: there is no display (neither DISPLAY nor "
                "WAYLAND_DISPLAY is set). Start locator from a desktop session; the command "
                "line (locator nearest, locator validate, …) works without one."
            )
        )
    complaints = []
    for platform in platforms:
        plugin = folder / "plugins" / "platforms" / f"libq{platform}.so"
        if not plugin.is_file():
            return  # a platform this check does not know: Qt speaks for itself
        complaint = _load(plugin)
        if complaint is None:
            if platform == "xcb":
                _require_x_display()
            break
        complaints.append(complaint)
    else:
        raise MissingSystemLibraryError(_sentence(complaints[-1]))
    engine = folder / "lib" / "libQt6WebEngineCore.so.6"
    if engine.is_file() and (complaint := _load(engine)) is not None:
        raise MissingSystemLibraryError(_sentence(complaint))

