"""Work off the GUI thread: only the newest task's outcome is delivered."""

from __future__ import annotations

import subprocess
import sys
import threading

from pytestqt.logging import QtLoggingPlugin
from pytestqt.qtbot import QtBot

from locator.ui.background_export import ExportCancelledError
from locator.ui.documents import pdf_bytes
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


QUIT_WHILE_BUSY = """
import sys
from PySide6.QtCore import QCoreApplication
from locator.ui.background_export import ExportCancelledError
from locator.ui.documents import pdf_bytes
from locator.ui.tasks import TaskRunner
app = QCoreApplication([])
runner = TaskRunner()
runner.run(lambda: sum(range(30_000_000)), print, print)  # still working when the app ends
sys.exit(0)
"""


def test_a_cancelled_pdf_is_let_go_in_its_own_thread(qtbot: QtBot, qtlog: QtLoggingPlugin) -> None:
    """Cancel, mid-page, a long table laid out off the GUI thread: its document is deleted
    where it was made, and Qt says nothing of timers stopped from another thread."""
    runner = TaskRunner()
    failures: list[Exception] = []
    html = "<table>" + "<tr><th>h</th><td>word word</td></tr>" * 1500 + "</table>"

    def cancel_on_page_three(done: int, total: int) -> None:
        if done == 3:
            raise ExportCancelledError

    runner.run(lambda: pdf_bytes(html, progress=cancel_on_page_three), print, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=60_000)
    assert isinstance(failures[0], ExportCancelledError)
    failures.clear()  # the last hold on the error, here in the GUI thread
    assert not [r.message for r in qtlog.records if "different thread" in r.message]


def test_quitting_while_a_task_works_prints_no_traceback() -> None:
    """A person who quits while the place index is still being built (a first start) gets
    their terminal back without a Python traceback on it."""
    ended = subprocess.run(
        [sys.executable, "-c", QUIT_WHILE_BUSY], capture_output=True, text=True, check=False
    )
    assert ended.returncode == 0
    assert "Traceback" not in ended.stderr, ended.stderr
