"""The window users get: a real X11 window under Xvfb (offscreen tests cannot see missing
system libraries), with a search drawn and grabbed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.helpers.paths import REPO


@pytest.fixture
def display() -> str:
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (make test installs it with apt-get where it can)")
    # Xvfb picks a free display and writes its number to the pipe once it accepts clients.
    ready, told = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(told), "-screen", "0", "1440x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(told,),
    )
    os.close(told)
    with os.fdopen(ready) as answer:
        number = answer.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def test_the_app_in_a_real_x11_window(display: str, tmp_path: Path) -> None:
    shot = tmp_path / "window.png"
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "screenshot.py"), str(shot)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    image = QImage(str(shot))
    assert image.width() >= 1000
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, 300, 7)}
    assert len(colours) > 20  # a drawn window, not a blank one
