"""The HSDS specification's example CSV package zipped as a user's zip tool makes one, for the
tests that import a zip or damage one."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.helpers.paths import REPO

EXAMPLE_PACKAGE = REPO / "tests" / "data" / "hsds" / "csv"


def zip_example_package(
    archive: Path, *, method: int = zipfile.ZIP_DEFLATED, folder: str = ""
) -> Path:
    """Write every table of the example package into ``archive`` (under ``folder``, as zips made
    of a folder hold them) and return it."""
    with zipfile.ZipFile(archive, "w", compression=method) as package:
        for path in sorted(EXAMPLE_PACKAGE.iterdir()):
            package.write(path, folder + path.name)
    return archive
