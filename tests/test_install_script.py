"""`install.sh` in the desktop bundle installs it for one user, as the README says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO


def test_install_puts_the_program_a_command_and_a_menu_entry_in_the_users_folders(
    tmp_path: Path,
) -> None:
    bundle = tmp_path / "unpacked" / "locator"  # laid out as `make dist` lays it out
    (bundle / "share" / "icons").mkdir(parents=True)
    program = bundle / "locator"
    program.write_text("#!/bin/sh\necho locator ran\n")
    program.chmod(0o755)
    shutil.copy(REPO / "packaging" / "install.sh", bundle)
    shutil.copy(REPO / "packaging" / "locator.desktop", bundle / "share")
    for icon in (REPO / "packaging" / "icons").iterdir():
        shutil.copy(icon, bundle / "share" / "icons")
    home = tmp_path / "home"
    home.mkdir()
    result = subprocess.run(
        ["sh", str(bundle / "install.sh")],
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    installed = home / ".local" / "opt" / "locator" / "locator"
    command = home / ".local" / "bin" / "locator"
    assert subprocess.run([str(command)], capture_output=True, text=True).stdout == (
        "locator ran\n"
    )
    entry = (home / ".local/share/applications/locator.desktop").read_text()
    assert f"Exec={installed}\n" in entry
    assert "Icon=locator\n" in entry
    for size in (48, 128, 256):
        assert (home / f".local/share/icons/hicolor/{size}x{size}/apps/locator.png").is_file()
    assert (home / ".local/share/icons/hicolor/scalable/apps/locator.svg").is_file()
