"""Run every benchmark and print one table: `python -m benchmarks`."""

from __future__ import annotations

import platform
import sys

from benchmarks import (
    app_window,
    geocoding,
    map_page,
    registry_editor,
    registry_load,
    search,
    water,
)
from benchmarks.timing import table

BENCHMARKS = (registry_load, registry_editor, geocoding, search, water, map_page, app_window)


def main() -> int:
    rows = [row for benchmark in BENCHMARKS for row in benchmark.run()]
    print(
        f"locator benchmarks — Python {platform.python_version()}, {platform.machine()}, "
        f"{sys.platform}"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
