"""Counting what a registry save checks: each check's size, read by wrapping the editor's own
call to the registry parser (the parser itself runs unchanged)."""

from __future__ import annotations

from typing import Any

import pytest

from locator.data import editing
from locator.data.models import Registry


def checked_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many clinics each check a save makes reads, in order."""
    sizes: list[int] = []
    real = editing.parse_registry

    def counting(data: bytes, *args: Any, **kwargs: Any) -> Registry:
        registry = real(data, *args, **kwargs)
        sizes.append(len(registry.clinics))
        return registry

    monkeypatch.setattr(editing, "parse_registry", counting)
    return sizes
