"""System packages: every name apt is asked for exists, the table covers what Qt links, and a
window that cannot open says why in a sentence instead of Qt's abort."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from locator.system_packages import (
    PACKAGES,
    Family,
    Need,
    SystemPackage,
    family,
    install_command,
    needed,
    provider,
)
from locator.window_check import _qt_folder
from tests.helpers.cli import CliRunner
from tests.helpers.paths import LOCATOR, REPO

needs_apt = pytest.mark.skipif(shutil.which("apt-cache") is None, reason="apt is Debian's")
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's loader")

# Shared objects every Linux system has (the C library and its companions): no package to list.
BASE_SYSTEM = {
    "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2",
    "libstdc++.so.6", "libgcc_s.so.1", "libz.so.1", "libzstd.so.1", "libudev.so.1",
    "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
}  # fmt: skip
# What the window and the map load: the X11 platform plugin and its GL integration, the GTK
# theme, printing, QtWebEngine and its renderer process, and the PDF library.
QT_FILES = (
    "plugins/platforms/libqxcb.so",
    "plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "plugins/xcbglintegrations/libqxcb-egl-integration.so",
    "plugins/platformthemes/libqgtk3.so",
    "plugins/printsupport/libcupsprintersupport.so",
    "lib/libQt6XcbQpa.so.6",
    "lib/libQt6Gui.so.6",
    "lib/libQt6Core.so.6",
    "lib/libQt6WebEngineCore.so.6",
    "lib/libQt6Pdf.so.6",
    "libexec/QtWebEngineProcess",
)


@needs_apt
def test_apt_knows_every_debian_package_the_table_names() -> None:
    """A wrong name (libgdk-3-0 for libgtk-3-0) would make apt refuse the whole install."""
    names = sorted({row.debian for row in PACKAGES})
    shown = subprocess.run(
        ["apt-cache", "show", "--no-all-versions", *names],
        capture_output=True,
        text=True,
        check=False,
    ).stdout  # apt-cache shows the names it knows and exits 100 if any is unknown
    known = set(re.findall(r"^Package: (\S+)$", shown, re.M))
    assert [name for name in names if name not in known] == []


@linux_only
@pytest.mark.skipif(shutil.which("readelf") is None, reason="binutils' readelf")
def test_every_library_qt_links_has_a_row_naming_its_package() -> None:
    """A new PySide6 that links one more system library fails here, not on a user's desktop."""
    folder = _qt_folder()
    assert folder is not None
    linked: set[str] = set()
    for name in QT_FILES:
        dynamic = subprocess.run(
            ["readelf", "--dynamic", str(folder / name)], capture_output=True, text=True, check=True
        ).stdout
        linked.update(re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic))
    system = {so for so in linked if not so.startswith(("libQt6", "libicu"))} - BASE_SYSTEM
    assert sorted(so for so in system if provider(so) is None) == []


@linux_only
def test_after_set_up_nothing_the_window_needs_is_missing() -> None:
    """What `make test` installed is enough: the loader finds every library, directly or not."""
    folder = _qt_folder()
    assert folder is not None
    missing = {
        line.split()[0]
        for name in QT_FILES
        for line in subprocess.run(
            ["ldd", str(folder / name)], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        if "not found" in line
    }
    assert missing == set()


def test_the_install_command_is_one_line_a_person_can_type() -> None:
    assert install_command(["libxcb-cursor0", "libnss3", "libxcb-cursor0"], Family.DEBIAN) in (
        "sudo apt-get install libxcb-cursor0 libnss3",
        "apt-get install libxcb-cursor0 libnss3",  # as root
    )


def test_the_family_comes_from_os_release(tmp_path: Path) -> None:
    release = tmp_path / "os-release"
    for text, expected in (
        ("ID=ubuntu\nID_LIKE=debian\n", Family.DEBIAN),
        ('ID="fedora"\n', Family.FEDORA),
        ("ID=manjaro\nID_LIKE=arch\n", Family.ARCH),
        ("ID=alpine\n", None),
    ):
        release.write_text(text, encoding="utf-8")
        assert family(release) is expected
    assert family(tmp_path / "absent") is None


@linux_only
def test_a_broken_system_library_is_named_with_the_command_that_installs_it(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    """The loader finds a broken libxcb-cursor.so.0 first, as on a desktop where its file is
    damaged: locator says which library, where it was found and why it comes first, and how to
    repair it, and exits 5, never Qt's abort."""
    (tmp_path / "libxcb-cursor.so.0").write_bytes(b"not a library")
    result = run_cli(env={"LD_LIBRARY_PATH": str(tmp_path), "QT_QPA_PLATFORM": "xcb"})
    assert result.returncode == 5, result.stderr
    assert "libxcb-cursor.so.0 cannot be loaded (damaged, or not a library)" in result.stderr
    assert f"found it at {tmp_path / 'libxcb-cursor.so.0'}" in result.stderr
    assert f"LD_LIBRARY_PATH is set ({tmp_path})" in result.stderr
    if family() is Family.DEBIAN:
        command = r"^    (sudo )?apt-get install --reinstall libxcb-cursor0$"
        assert re.search(command, result.stderr, re.M)
    assert "command line" in result.stderr
    assert "Aborted" not in result.stderr
    assert "platform plugin" not in result.stderr


@linux_only
def test_the_self_test_names_the_missing_library_too(tmp_path: Path, run_cli: CliRunner) -> None:
    """On the X11 platform, whose library it is: the offscreen one (unit tests' own) needs
    none of xcb's, so a self-test there passes without it, as it should."""
    (tmp_path / "libxcb-cursor.so.0").write_bytes(b"")
    environment = {"LD_LIBRARY_PATH": str(tmp_path), "QT_QPA_PLATFORM": "xcb"}
    result = run_cli("--self-test", env=environment)
    assert result.returncode == 5
    assert "libxcb-cursor.so.0" in result.stderr


@linux_only
def test_no_display_is_a_sentence(run_cli: CliRunner) -> None:
    environment = run_cli.environment({"QT_QPA_PLATFORM": ""})
    for variable in ("DISPLAY", "WAYLAND_DISPLAY"):
        environment.pop(variable, None)
    result = subprocess.run(
        [str(LOCATOR)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 5
    assert "no display" in result.stderr
    assert "Aborted" not in result.stderr


@linux_only
def test_a_display_that_does_not_answer_is_a_sentence(run_cli: CliRunner) -> None:
    result = run_cli(env={"DISPLAY": ":4093", "QT_QPA_PLATFORM": "xcb"})
    assert result.returncode == 5
    assert "no display answers (DISPLAY=:4093)" in result.stderr


@linux_only
def test_a_wayland_display_without_a_compositor_is_a_sentence(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    """Qt would try Wayland, find no compositor and abort: no socket, no window, a sentence."""
    environment = run_cli.environment(
        {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-9",
         "XDG_RUNTIME_DIR": str(tmp_path), "QT_QPA_PLATFORM": ""}
    )  # fmt: skip
    environment.pop("DISPLAY", None)
    result = subprocess.run(
        [str(LOCATOR), "--lang", "es"], capture_output=True, text=True, env=environment,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 5
    assert "ninguna pantalla responde (WAYLAND_DISPLAY=wayland-9)" in result.stderr
    assert "Aborted" not in result.stderr


def test_the_install_guide_gives_each_family_the_table_s_command_for_the_app() -> None:
    """The install guide's commands are the table's, so the two cannot drift apart."""
    readme = " ".join((REPO / "docs" / "install.md").read_text(encoding="utf-8").split())
    for label, this in (("Debian / Ubuntu", Family.DEBIAN), ("Fedora", Family.FEDORA),
                        ("Arch", Family.ARCH)):  # fmt: skip
        command = install_command([row.name(this) for row in needed([Need.WINDOW])], this)
        assert f"**{label}**: `sudo {command.removeprefix('sudo ')}`" in readme


@needs_apt
@pytest.mark.skipif(os.geteuid() != 0, reason="installing is for root")
def test_a_name_apt_does_not_know_is_named_and_the_rest_still_installed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One unknown name must not stop the others (apt-get refuses a whole list for one)."""
    spec = importlib.util.spec_from_file_location(
        "ensure_system_packages", REPO / "scripts" / "ensure_system_packages.py"
    )
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    installed = next(row for row in PACKAGES if row.debian == "libxcb1")
    unknown = SystemPackage("libgdk-3-0", "gtk3", "gtk3", ("libgdk-3.so.0",), Need.WINDOW, "guess")
    refreshed: list[bool] = []
    assert script.ensure_debian([installed, unknown], refresh=lambda: refreshed.append(True)) == 0
    said = capsys.readouterr().out
    assert refreshed == [True]  # the lists were renewed once before giving up on the name
    assert "apt knows no package named libgdk-3-0; installing the rest" in said
