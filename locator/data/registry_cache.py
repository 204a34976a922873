"""A cache of checked registries, keyed by the file's bytes and the schema that checked them.

Parsing YAML is the slow part of loading; a file that has not changed since it was last
checked is read back from JSON instead. The cache lives in the user's cache directory and is
only ever a shortcut: any failure to read or write it is ignored.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from pathlib import Path

import platformdirs
from pydantic import ValidationError

from locator import __version__
from locator.data import models, vocabulary
from locator.data.models import Registry
from locator.files import atomic_write

log = logging.getLogger(__name__)

_KEEP = 8  # cached registries kept; older ones are removed


def cache_dir() -> Path:
    """Where checked registries are kept."""
    return Path(platformdirs.user_cache_dir("locator")) / "registries"


@functools.cache
def _schema_fingerprint() -> bytes:
    """locator's version and the schema's source: a change to either invalidates the cache."""
    sources = (Path(models.__file__), Path(vocabulary.__file__))
    return __version__.encode() + b"".join(path.read_bytes() for path in sources)


def _entry(data: bytes) -> Path:
    digest = hashlib.sha256(_schema_fingerprint() + b"\0" + data).hexdigest()
    return cache_dir() / f"{digest}.json"


def lookup(data: bytes) -> Registry | None:
    """The registry checked earlier from exactly these bytes, if the cache holds it."""
    entry = _entry(data)
    try:
        registry = Registry.model_validate_json(entry.read_bytes())
    except (OSError, ValueError, ValidationError):
        return None
    log.debug("registry read from cache %s", entry)
    return registry


def store(data: bytes, registry: Registry) -> None:
    """Remember ``registry`` as the checked form of ``data``."""
    entry = _entry(data)
    try:
        atomic_write(entry, registry.model_dump_json(), parents=True)
        _prune(entry.parent)
    except OSError as error:  # FileWriteError included: the cache is only ever a shortcut
        log.debug("registry cache not written: %s", error)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in entries[_KEEP:]:
        old.unlink(missing_ok=True)
