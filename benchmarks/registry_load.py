"""Loading registries of 10, 1,000 and 10,000 generated clinics: first load and cached."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import yaml

from benchmarks.folders import own_folders
from benchmarks.timing import Row, measure, sizes
from locator.data import registry_cache
from locator.data.loader import load_registry
from locator.data.synthetic import synthetic_registry

SIZES = {10: 20, 1_000: 7, 10_000: 3}  # clinics: repeats


def run(smoke: bool = False) -> list[Row]:
    """Measure each size; the cache lives in a temporary folder, never the user's."""
    rows = []
    with own_folders() as folder:
        for count, repeats in sizes(SIZES, smoke).items():
            path = Path(folder) / f"clinics-{count}.yaml"
            path.write_text(
                yaml.safe_dump(synthetic_registry(count), sort_keys=False, allow_unicode=True),
                encoding="utf-8",
            )
            size = f"{path.stat().st_size / 1e6:.2f} MB file"
            rows.append(
                measure(
                    "registry load",
                    f"{count:,} clinics, first load",
                    partial(load_registry, path, use_cache=False),
                    repeats,
                    size,
                )
            )
            load_registry(path)  # fills the cache
            assert registry_cache.lookup(path.read_bytes()) is not None
            rows.append(
                measure(
                    "registry load",
                    f"{count:,} clinics, unchanged file (cache)",
                    partial(load_registry, path),
                    repeats,
                )
            )
    return rows
