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


def _x_display_answers() -> bool:
    """Whether the X display answers, connecting as Qt will (libxcb, known to load by now)."""
    if not os.environ.get("DISPLAY"):
        return False
    xcb = ctypes.CDLL("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = (ctypes.c_char_p, ctypes.c_void_p)
    xcb.xcb_connection_has_error.argtypes = (ctypes.c_void_p,)
    xcb.xcb_disconnect.argtypes = (ctypes.c_void_p,)
    connection = xcb.xcb_connect(None, None)
    failed = xcb.xcb_connection_has_error(connection)
    xcb.xcb_disconnect(connection)
    return not failed


def _wayland_display_answers() -> bool:
    """Whether a Wayland compositor listens where WAYLAND_DISPLAY says (a socket, by default
    in XDG_RUNTIME_DIR)."""
    name = os.environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR", "/"))
    return (runtime / name).is_socket()  # an absolute name stays itself


_DISPLAY_ANSWERS = {"xcb": _x_display_answers, "wayland": _wayland_display_answers}


def _no_display() -> NoDisplayError:
    shown = ", ".join(
        f"{variable}={os.environ[variable]}"
        for variable in ("DISPLAY", "WAYLAND_DISPLAY")
        if os.environ.get(variable)
    )
    if not shown:
        said = _(
            "the window cannot open: there is no display (neither DISPLAY nor "
            "WAYLAND_DISPLAY is set)."
        )
    else:
        said = _("the window cannot open: no display answers ({displays}).").format(displays=shown)
    return NoDisplayError(
        said
        + " "
        + _(
            "Start locator from a desktop session; the command line (locator nearest, "
            "locator validate, …) works without one."
        )
    )


def _reason(reason: str) -> str:
    """The loader's reason in the reader's words (the C library says it in English)."""
    if "No such file" in reason:
        return _("not found")
    if "wrong ELF class" in reason:
        return _("built for another kind of computer")
    return _("damaged, or not a library")


def _sentence(complaint: str) -> str:
    """What to tell a person: which library, why the loader refused it, how to install it."""
    found = _LOADER_ERROR.match(complaint)
    if found is None:
        return _("the window cannot open: {complaint}").format(complaint=complaint)
    library = Path(found["library"])
    row, here = provider(library.name), family()
    said = _(
        "the window cannot open: the system library {library} cannot be loaded ({reason})."
    ).format(library=library.name, reason=_reason(found["reason"]))
    lines = [said]
    if library.is_absolute():  # found, but not usable: a copy of its own, or a damaged one
        lines.append(_("The loader found it at {path}.").format(path=library))
        if os.environ.get("LD_LIBRARY_PATH"):
            lines.append(
                _(
                    "LD_LIBRARY_PATH is set ({value}): a copy there comes before the system's."
                ).format(value=os.environ["LD_LIBRARY_PATH"])
            )
    if row is not None and here is not None:
        repair = library.is_absolute()
        lines.append(_("Reinstall it with:") if repair else _("Install it with:"))
        lines.append("    " + install_command([row.name(here)], here, reinstall=repair))
    elif row is not None:
        lines.append(
            _(
                "Install the package that provides it (Debian and Ubuntu: {debian}; Fedora: "
                "{fedora}; Arch: {arch})."
            ).format(debian=row.debian, fedora=row.fedora, arch=row.arch)
        )
    else:
        lines.append(
            _("Install the package of your system that provides {library}.").format(
                library=library.name
            )
        )
    lines.append(_("The command line (locator nearest, locator validate, …) works without it."))
    return "\n".join(lines)


def require_window() -> None:
    """Raise NoDisplayError or MissingSystemLibraryError, with its sentence, when Qt could not
    open a window here; Linux only (elsewhere the wheels carry what Qt needs).

    Of the platforms Qt would try, the first whose plugin loads and whose display answers is
    the one Qt will use; a platform this check does not know (offscreen, vnc…) is Qt's own."""
    folder = _qt_folder()
    if not sys.platform.startswith("linux") or folder is None:
        return
    complaint = None
    for platform in _platforms():
        plugin = folder / "plugins" / "platforms" / f"libq{platform}.so"
        answers = _DISPLAY_ANSWERS.get(platform)
        if answers is None or not plugin.is_file():
            return  # Qt speaks for itself
        complaint = _load(plugin)
        if complaint is None and answers():
            break
    else:
        if complaint is not None:
            raise MissingSystemLibraryError(_sentence(complaint))
        raise _no_display()
    engine = folder / "lib" / "libQt6WebEngineCore.so.6"
    if engine.is_file() and (complaint := _load(engine)) is not None:
        raise MissingSystemLibraryError(_sentence(complaint))
