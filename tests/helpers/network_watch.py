"""Which hosts a process tried to reach, seen by a Python audit hook on name lookups and
connections: a test asserts that nothing left for a host other than its own 127.0.0.1 server.

In this process, :func:`hosts_reached` collects them; for the ``locator`` command,
:func:`watched_environment` loads the same hook at its start and :func:`hosts_in` reads what it
wrote down.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_EVENTS = ("socket.getaddrinfo", "socket.connect")
_watching: list[list[str]] = []  # the lists of the hosts_reached blocks now open


def _host(event: str, args: tuple[object, ...]) -> str | None:
    """The host of a lookup (its first argument) or of a connection (its address's first
    item); None for a local socket, whose address is a path."""
    found = args[0] if event == "socket.getaddrinfo" else args[1]
    if event == "socket.connect" and not isinstance(found, tuple):
        return None
    if isinstance(found, tuple):
        found = found[0]
    if isinstance(found, bytes):
        found = found.decode(errors="replace")
    return str(found)


def _hook(event: str, args: tuple[object, ...]) -> None:
    if _watching and event in _EVENTS and (host := _host(event, args)) is not None:
        for hosts in _watching:
            hosts.append(host)


_installed = False


@contextmanager
def hosts_reached() -> Iterator[list[str]]:
    """The hosts this process looks up or connects to inside the block (audit hooks cannot be
    removed, so one hook serves every block)."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    hosts: list[str] = []
    _watching.append(hosts)
    try:
        yield hosts
    finally:
        _watching.remove(hosts)


_SITECUSTOMIZE = """
import sys

def _watch(event, args, _log={log!r}):
    if event not in ("socket.getaddrinfo", "socket.connect"):
        return
    found = args[0] if event == "socket.getaddrinfo" else args[1]
    if event == "socket.connect" and not isinstance(found, tuple):
        return  # a local socket
    if isinstance(found, tuple):
        found = found[0]
    if isinstance(found, bytes):
        found = found.decode(errors="replace")
    with open(_log, "a", encoding="utf-8") as kept:
        kept.write(f"{{found}}\\n")

sys.addaudithook(_watch)
"""


def watched_environment(folder: Path) -> dict[str, str]:
    """Variables under which a ``locator`` command writes every host it reaches to
    ``folder/hosts.txt`` (a ``sitecustomize`` module in ``folder``, first on its path)."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "hosts.txt"
    (folder / "sitecustomize.py").write_text(_SITECUSTOMIZE.format(log=str(log)))
    path = os.pathsep.join(filter(None, (str(folder), os.environ.get("PYTHONPATH"))))
    return {"PYTHONPATH": path}


def hosts_in(folder: Path) -> set[str]:
    """The hosts a command run with :func:`watched_environment` reached."""
    log = folder / "hosts.txt"
    return set(log.read_text(encoding="utf-8").split()) if log.exists() else set()
