"""10,000 consecutive map updates in one process, then a clean exit (the PySide6 pin's proof)."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers.paths import REPO


def test_ten_thousand_map_updates_and_a_clean_exit() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "soak.py"), "10000"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert "Fatal Python error" not in result.stderr
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert result.stdout.startswith("10000 map updates in ")
