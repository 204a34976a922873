"""The user folders a benchmark run writes to: its own, never the person's running it.

A benchmark fills caches (the place index, checked registries) and starts the app and the
command, which write settings and QtWebEngine's data. In the real ~/.cache/locator that would
change what the person's own app finds, and a test run at the same time, which checks that the
real folders stay untouched, would fail. The folders are set in the environment, so every
process a benchmark starts inherits them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FOLDERS = ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")


@contextmanager
def own_folders() -> Iterator[Path]:
    """A temporary HOME and XDG folders meanwhile (yielding their parent), then the ones before:
    what runs after must not look for its files in a folder since removed."""
    before = {variable: os.environ.get(variable) for variable in FOLDERS}
    with tempfile.TemporaryDirectory(prefix="locator-bench-") as folder:
        for variable in FOLDERS:
            path = Path(folder) / variable.lower()
            path.mkdir()
            os.environ[variable] = str(path)
        try:
            yield Path(folder)
        finally:
            for variable, value in before.items():
                if value is None:
                    os.environ.pop(variable, None)
                else:
                    os.environ[variable] = value
