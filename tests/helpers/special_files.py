"""Special files the hostile-input tests build in their temporary folders: a character device
and the reader at the other end of a pipe."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

NULL, ZERO = 3, 5  # the minor numbers of /dev/null and /dev/zero


def device(path: Path, minor: int = NULL) -> Path:
    """A character device made at ``path``: :data:`NULL` is like /dev/null, :data:`ZERO` like
    /dev/zero (only root may make one: the test is skipped elsewhere)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("only root may make a device node")
    return path


def reading(fifo: Path) -> tuple[list[bytes], threading.Thread]:
    """A reader at the other end of the pipe ``fifo``: what it read lands in the list."""
    got: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as stream:
            got.append(stream.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return got, thread
