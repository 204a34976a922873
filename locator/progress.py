"""How far a long piece of work has come, told to whoever waits for it (a progress bar)."""

from __future__ import annotations

from collections.abc import Callable

Counted = Callable[[int, int], None]  # told (done, of how many) as the work goes on


def uncounted(_done: int, _total: int) -> None:
    """No one is waiting to see how far the work has come."""
