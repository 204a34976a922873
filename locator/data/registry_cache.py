"""A cache of checked registries, keyed by the file's bytes and the schema that checked them.

Parsing YAML is the slow part of loading; a file that has not changed since it was last
checked is read back from JSON instead. The cache lives in the user's cache directory and is
only ever a shortcut: any failure to read or write it is ignored.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from pathlib import Path

import platformdirs
from pydantic import ValidationError

from locator import __version__
from locator.data import models, vocabulary
from locator.data.models import Registry
from locator.errors import FileWriteError
from locator.files import read_sealed, write_sealed

log = logging.getLogger(__name__)

_KEEP = 8  # cached registries kept; older ones are removed


def cache_dir() -> Path:
    """Where checked registries are kept."""
    return Path(platformdirs.user_cache_dir("locator")) / "registries"


@functools.cache
def _schema_fingerprint() -> bytes:
    """locator's version and the schema's source: a change to either invalidates the cache.

    A desktop bundle carries no source files; there the schema's JSON form stands in for them
    (the bundle's code cannot change under it).
    """
    sources = (Path(models.__file__), Path(vocabulary.__file__))
    try:
        schema = b"".join(path.read_bytes() for path in sources)
    except OSError:
        schema = json.dumps(Registry.model_json_schema(), sort_keys=True).encode()
    return __version__.encode() + schema


def _entry(data: bytes) -> Path:
    digest = hashlib.sha256(_schema_fingerprint() + b"\0" + data).hexdigest()
    return cache_dir() / f"{digest}.json"


def _key(data: bytes) -> bytes:
    """What ties a cached registry to the file's bytes and to the code that checked it."""
    return _schema_fingerprint() + b"\0" + hashlib.sha256(data).digest()


def lookup(data: bytes) -> Registry | None:
    """The registry checked earlier from exactly these bytes, if the cache holds it intact.

    An entry that is damaged, edited, planted or written by other code fails its seal and is
    removed (``files.read_sealed``), and the file is parsed again.
    """
    entry = _entry(data)
    payload = read_sealed(entry, key=_key(data))
    if payload is None:
        return None
    try:
        registry = Registry.model_validate_json(payload)
    except (ValueError, ValidationError) as error:
        log.warning("a registry cache entry %s was removed: %s", entry, str(error)[:80])
        entry.unlink(missing_ok=True)
        return None
    log.debug("registry read from cache %s", entry)
    return registry


def store(data: bytes, registry: Registry) -> None:
    """Remember ``registry`` as the checked form of ``data``."""
    entry = _entry(data)
    try:
        write_sealed(entry, registry.model_dump_json().encode("utf-8"), key=_key(data))
        _prune(entry.parent)
    except OSError as error:  # FileWriteError included: the cache is only ever a shortcut
        log.debug("registry cache not written: %s", error)


def clear() -> None:
    """Forget every checked registry; raises ``FileWriteError`` with a sentence for the first
    file that cannot go (a read-only folder, a folder planted among them)."""
    folder = cache_dir()
    removing = folder
    try:
        if folder.is_dir() and not folder.is_symlink():
            for removing in folder.iterdir():  # the files locator wrote there
                removing.unlink()
            removing = folder
            folder.rmdir()
        else:  # a file or a link where the folder goes: it goes, never what a link leads to
            folder.unlink(missing_ok=True)
    except OSError as error:
        raise FileWriteError.not_removed(removing, error) from None


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in entries[_KEEP:]:
        old.unlink(missing_ok=True)
