"""Loading a large registry keeps the collector off what it built (gc.freeze): garbage the
program leaves behind between reloads is still collected, however often the registry is
reloaded (the app reloads on every change to the file)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import yaml

from locator.data.loader import FREEZE_FROM, load_registry
from locator.data.synthetic import synthetic_registry


class _Leftover:
    """An object in a reference cycle: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.itself = self


def test_garbage_left_between_reloads_of_a_large_registry_is_still_freed(tmp_path: Path) -> None:
    path = tmp_path / "clinics.yaml"
    path.write_text(yaml.safe_dump(synthetic_registry(FREEZE_FROM), sort_keys=False), "utf-8")
    load_registry(path, use_cache=False)
    for _ in range(2):  # reloads of the changed file
        leftover = _Leftover()
        alive = weakref.ref(leftover)
        del leftover
        assert len(load_registry(path, use_cache=False).clinics) == FREEZE_FROM
        gc.collect()
        assert alive() is None
