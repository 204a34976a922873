"""Check the wheel as someone would use it: `pipx install` it, then run `locator` from an empty
home with nothing of the checkout around (`env -i` with PATH, HOME and DISPLAY, as
check_bundle.py does): the CLI answers from the registry and catalogs inside the wheel, and the
app passes its self-test under Xvfb, and says why in a sentence when it has no display. Fails
too if the wheel carries tests, benchmarks or scripts.

Offline: the dependencies are the project virtual environment's (locator itself left out),
offered as that home's user site-packages; pipx makes its environment with
`--system-site-packages`, so pip, run with `--no-index`, finds every requirement of the wheel
already there or fails, as it would for a missing or mismatched one.

    .venv/bin/python packaging/check_wheel.py dist/locator-VERSION-py3-none-any.whl
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path

from check_bundle import failed, run_bare, says_why_no_window, virtual_display

NOT_SHIPPED = ("tests/", "benchmarks/", "scripts/", "packaging/")
CATALOG = "locator/locale/es/LC_MESSAGES/locator.mo"


def main(wheel: Path, pipx: Path) -> int:
    names = zipfile.ZipFile(wheel).namelist()
    stray = sorted({name.split("/")[0] for name in names if name.startswith(NOT_SHIPPED)})
    if stray or CATALOG not in names:
        print(f"check failed: the wheel carries {stray}, or lacks {CATALOG}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="locator-wheel-check-") as folder:
        home = Path(folder)
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        user_site = home / ".local" / "lib" / version / "site-packages"
        user_site.mkdir(parents=True)
        for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
            if not entry.name.startswith(("locator", "_editable_impl_locator")):
                (user_site / entry.name).symlink_to(entry)
        install = subprocess.run(
            [
                pipx,
                "install",
                "--python",
                sys.executable,
                "--system-site-packages",
                "--pip-args=--no-index",  # every requirement is there already, or it fails
                wheel,
            ],
            env={
                "PATH": os.environ["PATH"],
                "HOME": str(home),
                "PIPX_DISABLE_SHARED_LIBS_AUTO_UPGRADE": "1",  # pipx's own pip from ensurepip
            },
            capture_output=True,
            text=True,
            check=False,
        )
        if install.returncode:
            print(f"check failed: pipx install: {install.stderr}", file=sys.stderr)
            return 1
        python = str(home / ".local" / "share" / "pipx" / "venvs" / "locator" / "bin" / "python")
        path = f"{home / '.local' / 'bin'}:/usr/bin:/bin"
        commands = {
            "where": [python, "-c", "import locator; print(locator.__file__)"],
            "validate": ["locator", "validate"],
            "nearest": ["locator", "--lang", "es", "nearest", "84095"],
            "self-test": ["locator", "--self-test"],
        }
        with virtual_display() as display:
            runs = {
                name: run_bare(command, home, display, path) for name, command in commands.items()
            }
        for name, run in runs.items():
            print(f"{name}: {run.stdout.splitlines()[0] if run.stdout else ''}")
            if failed(run):
                return 1
        if not says_why_no_window([str(home / ".local" / "bin" / "locator")], home):
            return 1
        if "pipx/venvs/locator/" not in runs["where"].stdout:
            print("check failed: `locator` was not imported from the wheel", file=sys.stderr)
            return 1
    print("wheel check passed: pipx installed it and locator works outside the checkout")
    return 0


if __name__ == "__main__":
    pipx = Path(sys.executable).with_name("pipx")
    if len(sys.argv) != 2 or not pipx.exists() or shutil.which("Xvfb") is None:
        sys.exit("usage: .venv/bin/python packaging/check_wheel.py WHEEL (needs pipx and Xvfb)")
    sys.exit(main(Path(sys.argv[1]), pipx))
