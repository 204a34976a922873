"""Check a built bundle as a fresh machine would run it: unpack the archive into an empty
folder, then run its `locator --self-test` in a real X11 window (a private Xvfb) with nothing
of this project's environment — `env -i` with only PATH, HOME and DISPLAY (and QtWebEngine's
--no-sandbox, which it needs only when run as root). Fails on a non-zero exit, a traceback, or
a line on standard error that is not known Chromium or Mesa noise (listed below).

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


def main(archive: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="locator-bundle-check-") as folder:
        root = Path(folder)
        with tarfile.open(archive) as bundle:
            bundle.extractall(root / "unpacked", filter="data")
        program = root / "unpacked" / "locator" / "locator"
        home = root / "home"
        home.mkdir()
        # Xvfb picks a free display and writes its number once it is ready for clients
        reader, writer = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(writer), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            pass_fds=(writer,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(writer)
        with os.fdopen(reader) as announced:
            number = announced.readline().strip()
        try:
            if not number.isdigit():
                print("check failed: Xvfb did not start", file=sys.stderr)
                return 1
            display = f":{number}"
            environment = {"PATH": "/usr/bin:/bin", "HOME": str(home), "DISPLAY": display}
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                environment["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox"
            started = time.monotonic()
            run = subprocess.run(
                [
                    "env",
                    "-i",
                    *(f"{k}={v}" for k, v in environment.items()),
                    str(program),
                    "--self-test",
                ],
                cwd=home,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            took = time.monotonic() - started
        finally:
            xvfb.terminate()
            xvfb.wait()
    print(run.stdout, end="")
    unexpected = [
        line for line in run.stderr.splitlines() if line.strip() and not NOISE.search(line)
    ]
    if run.returncode != 0 or "Traceback" in run.stderr or unexpected:
        print(f"check failed: exit {run.returncode}; unexpected standard error:", file=sys.stderr)
        print("\n".join(unexpected or run.stderr.splitlines()[-20:]), file=sys.stderr)
        return 1
    print(f"bundle check passed: the self-test took {took:.1f} s in a bare environment")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or shutil.which("Xvfb") is None:
        sys.exit("usage: python3 packaging/check_bundle.py ARCHIVE (needs Xvfb)")
    sys.exit(main(Path(sys.argv[1])))
