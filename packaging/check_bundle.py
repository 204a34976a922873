"""Check a built bundle as a fresh machine would run it: unpack the archive into an empty
folder, then run its `locator --self-test` in a real X11 window (a private Xvfb) with nothing
of this project's environment — `env -i` with only PATH, HOME and DISPLAY (and QtWebEngine's
--no-sandbox, which it needs only when run as root). Fails on a non-zero exit, a traceback, or
a line on standard error that is not known Chromium or Mesa noise (listed below), and unless
the app, given a display that does not answer, says so in a sentence (exit 5) rather than abort.

    python3 packaging/check_bundle.py dist/locator-VERSION-linux-x86_64.tar.gz
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# What QtWebEngine and Mesa say on a machine without a GPU, a D-Bus or Vulkan: not ours.
NOISE = re.compile(
    r"^\[\d+:\d+:\d+/\d+\.\d+:(ERROR|WARNING|INFO):"  # Chromium's own log lines
    r"|^Failed to load vulkan|^initInstance: No Vulkan|^Failed to create platform Vulkan"
    r"|^Unable to detect GPU vendor|^GLX: No DRI3|^libEGL warning|^MESA-LOADER"
    r"|^Fontconfig (warning|error)|^QStandardPaths: XDG_RUNTIME_DIR not set"
    r"|^Warning: Setting a new default format with a different version or profile"
    r"|^qt\.qpa\.xcb: X server does not support XInput 2"
)


@contextmanager
def virtual_display() -> Iterator[str]:
    """A private Xvfb for the duration; yields its DISPLAY (":N", a number it picked free)."""
    reader, writer = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(writer), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=(writer,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(writer)
    with os.fdopen(reader) as announced:  # written once it is ready for clients
        number = announced.readline().strip()
    try:
        if not number.isdigit():
            sys.exit("check failed: Xvfb did not start")
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait()


def run_bare(
    command: list[str], home: Path, display: str, path: str = "/usr/bin:/bin"
) -> subprocess.CompletedProcess[str]:
    """``command`` run from ``home`` with only PATH, HOME and DISPLAY set (`env -i`), and
    QtWebEngine's --no-sandbox when run as root, which is the only case that needs it."""
    environment = {"PATH": path, "HOME": str(home), "DISPLAY": display}
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        environment["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox"
    return subprocess.run(
        ["env", "-i", *(f"{k}={v}" for k, v in environment.items()), *command],
        cwd=home,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def failed(run: subprocess.CompletedProcess[str]) -> bool:
    """Whether ``run`` failed: a non-zero exit, a traceback or standard error that is not known
    noise (said on standard error, with the lines that were not noise)."""
    unexpected = [
        line for line in run.stderr.splitlines() if line.strip() and not NOISE.search(line)
    ]
    if run.returncode == 0 and "Traceback" not in run.stderr and not unexpected:
        return False
    print(f"check failed: exit {run.returncode}; unexpected standard error:", file=sys.stderr)
    print("\n".join(unexpected or run.stderr.splitlines()[-20:]), file=sys.stderr)
    return True


def says_why_no_window(command: list[str], home: Path) -> bool:
    """Whether ``command`` (the app), given a display that does not answer, says so in a
    sentence and exits 5 instead of Qt's abort: the check before Qt starts runs here too."""
    run = run_bare(command, home, ":4093")
    if run.returncode == 5 and "DISPLAY=:4093" in run.stderr and "Aborted" not in run.stderr:
        return True
    print(f"check failed: without a display, exit {run.returncode}: {run.stderr}", file=sys.stderr)
    return False


def main(archive: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="locator-bundle-check-") as folder:
        root = Path(folder)
        with tarfile.open(archive) as bundle:
            bundle.extractall(root / "unpacked", filter="data")
        home = root / "home"
        home.mkdir()
        with virtual_display() as display:
            started = time.monotonic()
            run = run_bare(
                [str(root / "unpacked" / "locator" / "locator"), "--self-test"], home, display
            )
            took = time.monotonic() - started
        app = [str(root / "unpacked" / "locator" / "locator")]
        if not says_why_no_window(app, home):
            return 1
    print(run.stdout, end="")
    if failed(run):
        return 1
    print(f"bundle check passed: the self-test took {took:.1f} s in a bare environment")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or shutil.which("Xvfb") is None:
        sys.exit("usage: python3 packaging/check_bundle.py ARCHIVE (needs Xvfb)")
    sys.exit(main(Path(sys.argv[1])))
