"""Work off the GUI thread: only the newest task's outcome is delivered."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from locator.ui.tasks import TaskRunner


def test_a_newer_task_supersedes_an_older_one(qtbot: QtBot) -> None:
    runner = TaskRunner()
    delivered: list[str] = []
    release = threading.Event()

    def slow() -> str:
        release.wait(5)
        return "old"

    runner.run(slow, delivered.append, lambda error: delivered.append("error"))
    runner.run(lambda: "new", delivered.append, lambda error: delivered.append("error"))
    qtbot.waitUntil(lambda: delivered == ["new"], timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)  # the old one reported back…
    assert delivered == ["new"]  # …and was dropped


def test_a_failure_is_delivered_as_a_value(qtbot: QtBot) -> None:
    runner = TaskRunner()
    failures: list[Exception] = []

    def broken() -> None:
        raise ValueError("no")

    runner.run(broken, lambda _: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5_000)
    assert isinstance(failures[0], ValueError)
    assert not runner.busy
