"""`install.sh` in the desktop bundle installs it for one user, and `install.sh --uninstall`
removes it again, as docs/install.md says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers.paths import REPO


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """An unpacked bundle, laid out as `make dist` lays it out (its program a stand-in)."""
    bundle = tmp_path / "unpacked" / "locator"
    (bundle / "share" / "icons").mkdir(parents=True)
    program = bundle / "locator"
    program.write_text("#!/bin/sh\necho locator ran\n")
    program.chmod(0o755)
    shutil.copy(REPO / "packaging" / "install.sh", bundle)
    shutil.copy(REPO / "packaging" / "locator.desktop", bundle / "share")
    for icon in (REPO / "packaging" / "icons").iterdir():
        shutil.copy(icon, bundle / "share" / "icons")
    return bundle


def run_script(script: Path, home: Path, *arguments: str) -> str:
    """``script`` run as the user whose home is ``home``; its output."""
    result = subprocess.run(
        ["sh", str(script), *arguments],
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_install_puts_the_program_a_command_and_a_menu_entry_in_the_users_folders(
    bundle: Path, tmp_path: Path
) -> None:
    home = tmp_path / "Ana María"  # a space in the path: the menu entry quotes it
    home.mkdir()
    said = run_script(bundle / "install.sh", home)
    assert f"you can delete {bundle} now" in said
    installed = home / ".local" / "opt" / "locator" / "locator"
    command = home / ".local" / "bin" / "locator"
    assert subprocess.run([str(command)], capture_output=True, text=True).stdout == (
        "locator ran\n"
    )
    entry_file = home / ".local/share/applications/locator.desktop"
    entry = entry_file.read_text()
    assert f'Exec="{installed}"\n' in entry
    assert "Icon=locator\n" in entry
    for size in (48, 128, 256):
        assert (home / f".local/share/icons/hicolor/{size}x{size}/apps/locator.png").is_file()
    assert (home / ".local/share/icons/hicolor/scalable/apps/locator.svg").is_file()
    if shutil.which("desktop-file-validate"):  # scripts/ensure_system_packages.py installs it
        validated = subprocess.run(
            ["desktop-file-validate", str(entry_file)], capture_output=True, text=True
        )
        assert validated.returncode == 0, validated.stdout
        assert not validated.stdout.strip()  # not even a hint (two main categories, say)


def test_uninstall_leaves_nothing_of_the_bundles_in_the_users_folders(
    bundle: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    (home / ".local" / "bin").mkdir(parents=True)  # the user's own, kept
    (home / ".local" / "bin" / "theirs").write_text("")
    before = sorted(home.rglob("*"))
    run_script(bundle / "install.sh", home)
    said = run_script(home / ".local" / "opt" / "locator" / "install.sh", home, "--uninstall")
    assert "uninstalled" in said
    left = sorted(set(home.rglob("*")) - set(before))
    # the menu's folder, which every desktop has, stays; all the rest is gone
    assert left == [home / ".local" / "share", home / ".local" / "share" / "applications"]
    assert not any((home / ".local" / "share" / "applications").iterdir())
