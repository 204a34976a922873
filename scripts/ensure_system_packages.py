#!/usr/bin/env python3
"""Install the system packages a Makefile target needs, from the table in
locator/system_packages.py: `ensure_system_packages.py run|test|dist|check-fresh`.

On Debian/Ubuntu as root it installs every missing package in one apt-get call (refreshing the
package lists once if apt does not know a name); a name apt still does not know is left out,
the rest installed, and the unknown one named. Elsewhere it prints the command to run. It
exits 1 only when an install it tried failed, so a machine without root still runs the
offscreen tests.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout's locator

from locator.system_packages import (
    NEEDS_OF,
    Family,
    SystemPackage,
    family,
    install_command,
    needed,
)

APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}


def _installed_debian(names: list[str]) -> set[str]:
    """The names dpkg lists as installed."""
    shown = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${db:Status-Abbrev}\n", *names],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return {line.split()[0] for line in shown.splitlines() if line.split()[1:2] == ["ii"]}


def _known_to_apt(names: list[str]) -> set[str]:
    """The names apt has a candidate version of (an empty or stale list knows none)."""
    shown = subprocess.run(
        ["apt-cache", "policy", *names], capture_output=True, text=True, check=False
    ).stdout
    known, current = set(), None
    for line in shown.splitlines():
        if line and not line[0].isspace() and line.endswith(":"):
            current = line[:-1]
        elif current and line.strip().startswith("Candidate:") and "(none)" not in line:
            known.add(current)
    return known


def _apt(*arguments: str) -> bool:
    """Run apt-get, showing only its complaints."""
    done = subprocess.run(
        ["apt-get", *arguments], env=APT_ENV, stdout=subprocess.DEVNULL, check=False
    )
    return done.returncode == 0


def _refresh_lists() -> None:
    _apt("update", "-qq")


def ensure_debian(rows: list[SystemPackage], refresh: Callable[[], None] = _refresh_lists) -> int:
    """Install the rows' missing packages with apt; ``refresh`` renews apt's package lists,
    once, when apt does not know a name."""
    names = [row.debian for row in rows]
    missing = [name for name in dict.fromkeys(names) if name not in _installed_debian(names)]
    if not missing:
        print(f"system-packages: all {len(set(names))} present")
        return 0
    print(f"system-packages: {len(missing)} missing (what each is for: locator/system_packages.py)")
    if os.geteuid() != 0:
        print(f"system-packages: run: {install_command(missing, Family.DEBIAN)}")
        return 0
    known = _known_to_apt(missing)
    if len(known) < len(missing):
        refresh()
        known = _known_to_apt(missing)
    for name in missing:
        if name not in known:
            print(f"system-packages: apt knows no package named {name}; installing the rest")
    wanted = [name for name in missing if name in known]
    if not wanted:
        return 0
    print(f"system-packages: {install_command(wanted, Family.DEBIAN)}")
    if _apt("install", "-y", "-qq", "--no-install-recommends", *wanted):
        return 0
    print("system-packages: apt-get could not install them (see its message above)")
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Install the system packages a Makefile target needs "
        "(as locator/system_packages.py states them)."
    )
    parser.add_argument("target", choices=sorted(NEEDS_OF), help="the Makefile target")
    args = parser.parse_args(argv)
    if sys.platform != "linux":
        return 0  # macOS and Windows: the PySide6 wheels carry what they need
    rows = needed(NEEDS_OF[args.target])
    here = family()
    if here is Family.DEBIAN:
        return ensure_debian(rows)
    if here is None:
        print("system-packages: not Debian, Fedora or Arch; see docs/install.md, System packages")
        return 0
    names = list(dict.fromkeys(row.name(here) for row in rows))
    query = {Family.FEDORA: ["rpm", "-q"], Family.ARCH: ["pacman", "-Q"]}[here]
    missing = [
        name
        for name in names
        if subprocess.run([*query, name], capture_output=True, check=False).returncode != 0
    ]
    if missing:
        print(f"system-packages: run: {install_command(missing, here)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
