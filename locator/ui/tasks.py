"""Work off the GUI thread: run a plain function in the thread pool, get its result back here.

Each :class:`TaskRunner` keeps a generation count: starting a task supersedes the one before,
whose result is then dropped, so a slow old search can never overwrite a newer one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance, Slot

log = logging.getLogger(__name__)


class _Signals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, object)


# Tasks in flight. The pool owns the C++ side of a task, but nothing keeps its Python side
# alive: without this set a task whose window closed could lose its attributes mid-run.
_IN_FLIGHT: set[_Task] = set()


class _Task(QRunnable):
    """Runs ``work``; its own signals object outlives a runner closed meanwhile."""

    def __init__(self, generation: int, work: Callable[[], Any], runner: TaskRunner) -> None:
        super().__init__()
        self._generation = generation
        self._work = work
        self._signals = _Signals()
        self._signals.finished.connect(runner._on_finished)
        self._signals.failed.connect(runner._on_failed)

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # delivered to the GUI thread as a value
            log.debug("task failed", exc_info=True)
            self._tell(self._signals.failed, _without_frames(error))
        else:
            self._tell(self._signals.finished, result)
        finally:
            _IN_FLIGHT.discard(self)

    def _tell(self, signal: SignalInstance, outcome: object) -> None:
        """Deliver ``outcome``, unless the program has ended meanwhile (the person quit while
        this ran, and Python let go of the signals object): then there is no one to tell, and
        a traceback on the terminal would be all they got."""
        try:
            signal.emit(self._generation, outcome)
        except RuntimeError:
            log.debug("task outcome dropped: the program has ended", exc_info=True)


def _without_frames(error: BaseException) -> BaseException:
    """``error`` (and the errors it was raised from) without its traceback: the frames it holds
    keep the work's objects alive, and a QTextDocument the work laid out would otherwise be
    deleted in the GUI thread, stopping a timer it started in its own ("QBasicTimer::stop:
    Failed"). The traceback was logged already."""
    seen: set[int] = set()
    link: BaseException | None = error
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return error


class TaskRunner(QObject):
    """Runs one kind of task at a time; only the newest task's outcome is delivered."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._generation = 0
        self._running = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}

    @property
    def busy(self) -> bool:
        """True while a task started here has not reported back."""
        return self._running > 0

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """Start ``work`` in the pool; ``done(result)`` or ``failed(error)`` follow here."""
        self._generation += 1
        self._callbacks = {self._generation: (done, failed)}  # older callbacks are dropped
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        task = _Task(self._generation, work, self)
        _IN_FLIGHT.add(task)
        self._pool.start(task)

    def _settle(self) -> None:
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)

    @Slot(int, object)
    def _on_finished(self, generation: int, result: object) -> None:
        self._settle()
        callbacks = self._callbacks.pop(generation, None)
        if callbacks is not None:
            callbacks[0](result)

    @Slot(int, object)
    def _on_failed(self, generation: int, error: object) -> None:
        self._settle()
        callbacks = self._callbacks.pop(generation, None)
        if callbacks is not None and isinstance(error, Exception):
            callbacks[1](error)
