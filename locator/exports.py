"""The formats the whole registry can be exported in, declared once: `locator export --format`
lists them and the app's File → Export registry as… offers them.

Each writer is named by its module and function and imported only when it runs, so that
``locator --help`` does not load what an export needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from locator.i18n import N_

if TYPE_CHECKING:
    from locator.data.models import Registry

# How far a writer has come, from 0 to 1, for a progress bar on large registries.
Progress = Callable[[float], None]
# Entries a writer handles between two reports of its progress.
PROGRESS_STEP = 500
# Writes the registry at the path (a file, or a folder for a package of files) and returns
# what a person should know of what it left out, a sentence each.
Writer = Callable[["Registry", Path, Progress], list[str]]


class ExportFormat(NamedTuple):
    """One way to export the registry (a named tuple, not a dataclass: `locator --help` lists
    the formats without loading :mod:`dataclasses`)."""

    name: str  # the value of --format
    label: str  # what a person picks it by (an N_ message: translate it where shown)
    default_output: str  # where the command line writes it unless -o says otherwise
    writer: str  # "module:function", a :data:`Writer`
    folder: bool = False  # it writes a folder of files rather than one file

    @property
    def suffix(self) -> str:
        """The file name's ending (".geojson"); empty for a folder."""
        return "" if self.folder else Path(self.default_output).suffix

    def write(self, registry: Registry, path: Path, progress: Progress) -> list[str]:
        """Write ``registry`` to ``path``; the sentences say what was left out."""
        module, _, function = self.writer.partition(":")
        writer: Writer = getattr(importlib.import_module(module), function)
        return writer(registry, path, progress)


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("geojson", N_("GeoJSON"), "locator-clinics.geojson", "locator.geojson:write"),
    ExportFormat(
        "hsds",
        N_("Open Referral HSDS (JSON)"),
        "locator-hsds.json",
        "locator.hsds.writing:write_json",
    ),
    ExportFormat(
        "hsds-csv",
        N_("Open Referral HSDS (CSV package)"),
        "locator-hsds",
        "locator.hsds.tabular:write_package",
        folder=True,
    ),
)


def export_format(name: str) -> ExportFormat:
    """The format called ``name`` (one of :data:`EXPORT_FORMATS`)."""
    return next(fmt for fmt in EXPORT_FORMATS if fmt.name == name)
