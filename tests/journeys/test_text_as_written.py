"""A file's name in the window is shown as written, never read as markup: a registry saved as
``<img src=x>.yaml`` is named so on the status line while it loads."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from locator.data import loader
from locator.data.models import Registry
from tests.helpers.user import MakeWindow

ACTIVITY = "What locator is doing"
HOLD_S = 60  # a guard, not a wait: the test lets the load go on as soon as it has looked


def test_the_status_line_names_the_registry_loading_as_written(
    make_window: MakeWindow, registry_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = registry_copy.rename(registry_copy.with_name("<img src=x>.yaml"))
    looked = threading.Event()  # the load waits for it, as a slow disk keeps a person waiting
    read = loader.load_registry

    def slow_read(path: str | Path, **options: Any) -> Registry:
        looked.wait(HOLD_S)
        return read(path, **options)

    monkeypatch.setattr(loader, "load_registry", slow_read)
    try:
        user = make_window(hostile, wait_ready=False)
        activity = user.named(ACTIVITY)
        user.wait(lambda: activity.text() != "")
        # what is shown, as a screen reader reads it beside the line's name
        assert activity.accessibleDescription() == "Loading <img src=x>.yaml…"
    finally:
        looked.set()
    user.wait(lambda: "in the registry, covering " in user.named("Search summary").text())
