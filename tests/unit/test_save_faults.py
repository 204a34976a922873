"""A save killed at any moment leaves the old file or the new one, whole backups, and no stray
files once locator starts again.

Each of 200 saves runs in a child process that is killed part-way: half at each step of the
save in turn (before the n-th file operation: creating, syncing, renaming, closing), half by a
timer at a random moment of the save, which may fall inside a system call. The children are
forked from a small server that has imported locator already, so 200 saves take seconds.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from locator.data.editing import RegistryDocument
from locator.data.loader import parse_registry
from locator.errors import RegistryError
from tests.helpers.registry_texts import VALID

KILLS = 200
# Each file operation of the save, with its module: replaced by name as monkeypatch.setattr
# does (the child that saves has no monkeypatch to undo it).
_OPERATIONS: tuple[tuple[ModuleType, str], ...] = (
    *((os, name) for name in ("open", "close", "fsync", "replace", "fchmod", "fchown", "unlink")),
    (tempfile, "mkstemp"),
)


def _counting(stop_at: int, counter: list[int]) -> Callable[[], None]:
    """Wrap the file operations of the save so that the process dies before the
    ``stop_at``-th of them (never, when 0); ``counter`` counts them."""
    originals = [(module, name, getattr(module, name)) for module, name in _OPERATIONS]

    def step() -> None:
        counter[0] += 1
        if counter[0] == stop_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            step()
            return function(*args, **kwargs)

        return wrapped

    for module, name, function in originals:
        setattr(module, name, wrap(function))

    def undo() -> None:
        for module, name, function in originals:
            setattr(module, name, function)

    return undo


def _save(path: Path, name: str) -> None:
    document = RegistryDocument.open(path)
    document.apply(document.key_for("first-clinic"), {("name",): name})
    document.save()


def _child(path: str, name: str, stop_at: int, after: float) -> None:
    """In the child: save, and be killed on the way (SIGALRM's default action ends it)."""
    if after:
        signal.setitimer(signal.ITIMER_REAL, after)
    else:
        _counting(stop_at, [0])
    _save(Path(path), name)
    os.kill(os.getpid(), signal.SIGKILL)  # the kill came too late: die all the same


def valid(data: bytes) -> bool:
    try:
        parse_registry(data)
    except RegistryError:
        return False
    return True


@pytest.fixture(scope="module")
def server() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def test_a_save_killed_at_any_moment_loses_nothing(
    tmp_path: Path, server: multiprocessing.context.ForkServerContext
) -> None:
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    counter = [0]
    undo = _counting(0, counter)
    try:
        started = time.perf_counter()
        _save(path, "Measured Clinic")
        duration = time.perf_counter() - started
    finally:
        undo()
    steps = counter[0]
    assert steps > 10
    rng = random.Random(10)
    for run in range(KILLS):
        before = path.read_bytes()
        name = f"Clinic version {run}"
        after = rng.uniform(0, duration * 1.2) if run % 2 else 0.0
        child = server.Process(target=_child, args=(str(path), name, 1 + run // 2 % steps, after))
        child.start()
        child.join()
        assert child.exitcode in (-signal.SIGKILL, -signal.SIGALRM)
        now = path.read_bytes()
        assert now == before or f"name: {name}\n".encode() in now, f"run {run}"
        assert valid(now), f"run {run}: the registry is broken"
        for backup in tmp_path.glob("clinics.yaml.~*~"):
            assert valid(backup.read_bytes()), f"run {run}: {backup.name} is broken"
        RegistryDocument.open(path)  # the next start
        names = {p.name for p in tmp_path.iterdir()}
        strays = names - {"clinics.yaml"} - {f"clinics.yaml.~{n}~" for n in range(1, 6)}
        assert not strays, f"run {run}: left behind {strays}"
