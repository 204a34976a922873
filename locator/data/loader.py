"""Loading a registry file: read, answered from the cache of checked registries when the file
is unchanged, else checked in full (:mod:`locator.data.checking`, with PyYAML: a cached answer
needs neither).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
from collections.abc import Iterator, Sized
from pathlib import Path
from typing import TYPE_CHECKING

from locator.errors import RegistryError, os_reason
from locator.files import FileTooLargeError, read_regular
from locator.i18n import _, megabytes
from locator.progress import Counted

if TYPE_CHECKING:  # the models load with a registry, off the window's thread
    from locator.data.models import Registry
    from locator.data.provenance import Words

log = logging.getLogger(__name__)

# The most of a registry file read, unless the setting registry_limit_mb says otherwise
# (registry_limit): a national directory of 100,000 entries is some 130 MB.
MAX_REGISTRY_BYTES = 256 * 1024 * 1024


def registry_limit() -> int:
    """The most of a registry file read, in bytes: :data:`MAX_REGISTRY_BYTES`, or what the
    setting :data:`locator.settings.LIMIT_SETTING` says (a directory imported whole may need
    more; a computer with little memory less). The settings file is read again only when it
    has changed."""
    from locator.settings import settings_path

    path = settings_path()
    try:
        found = path.stat()
    except OSError:
        return MAX_REGISTRY_BYTES
    megabytes = _limit_setting(path, found.st_mtime_ns, found.st_size, found.st_ino)
    return MAX_REGISTRY_BYTES if megabytes is None else megabytes * 1024 * 1024


@functools.lru_cache(maxsize=1)
def _limit_setting(path: Path, _changed: int, _size: int, _inode: int) -> int | None:
    """The setting in the settings file at ``path`` as it was when it had that time, size
    and inode: every registry read stats the file, and only a changed one is read."""
    from locator.settings import registry_limit_mb

    return registry_limit_mb(path)


def too_large_sentence(size: int) -> str:
    """That a registry of ``size`` bytes is over the limit, naming the limit and the setting
    that changes it: one sentence for every reader of registries and for an import."""
    from locator.settings import LIMIT_SETTING, settings_path

    return _(
        "the file is {size} MB; a registry may be at most {limit} MB (the setting "
        "{setting} in {settings} changes that)"
    ).format(
        size=megabytes(size),
        limit=megabytes(registry_limit()),
        setting=LIMIT_SETTING,
        settings=settings_path(),
    )


FREEZE_FROM = 2_000  # clinics; see gc_paused


@contextlib.contextmanager
def gc_paused(built: list[Sized]) -> Iterator[None]:
    """Building many small objects triggers needless collections; pause them meanwhile.

    ``built`` receives the clinics built (a registry's, or an editor's open file's): a large
    registry lives as long as the app shows it, so what was built is then frozen out
    of the collector's sight: otherwise the first collection after the pause walks all of it
    (some 150 ms for 10,000 clinics), and every full collection after that again. Registries
    hold no reference cycles, so a replaced one is still freed, by reference counting. Small
    registries are not worth freezing the rest of the process for.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if built and len(built[0]) >= FREEZE_FROM:
            gc.freeze()
        if enabled:
            gc.enable()


def load_registry(
    path: str | Path, *, use_cache: bool = True, provenance: bool = False, quotes: bool = False
) -> Registry:
    """Read and check the registry at ``path`` (``provenance``: see :func:`parse_registry`;
    ``quotes``: each quote against its document, where it is at hand beside ``path``).

    Raises :class:`RegistryError` naming ``path`` as given, with all problems found.
    A file unchanged since a previous successful load is answered from the cache.
    """
    shown = str(path)
    try:
        data = read_regular(path, registry_limit())
    except FileNotFoundError:
        raise _refused(shown, _("no such file")) from None
    except IsADirectoryError:
        raise _refused(shown, _("this is a folder, not a file")) from None
    except FileTooLargeError as error:
        raise _too_large(shown, error.size) from None
    except OSError as error:
        reason = os_reason(error)
        raise _refused(shown, _("cannot read the file: {reason}").format(reason=reason)) from None
    documents = Path(path) if quotes else None
    return parse_registry(
        data, shown, use_cache=use_cache, provenance=provenance, documents=documents
    )


def parse_registry(
    data: bytes,
    path: str = "<registry>",
    *,
    use_cache: bool = False,
    provenance: bool = False,
    documents: Path | None = None,
    step: Counted | None = None,
    words: Words | None = None,
) -> Registry:
    """Check registry file contents; ``path`` only names the file in messages.

    ``provenance`` also requires every fact to be covered by a quote (``locator validate``);
    the app reads registries without it, so one with uncovered facts still opens.
    ``documents`` (the registry file the documents are found beside) also requires each quote
    whose document is at hand to be in it word for word and to name what it supports;
    ``step(done, total)`` hears of each entry before its quotes are checked (an import's
    progress bar: an exception it raises stops the check), and before that ``step(read, 0)``
    of each entry read (how many there are not yet known): a cancelled import stops while the
    text is read too. ``words``: the documents' words, read already for another part of the
    same registry (:func:`~locator.data.provenance.words_beside`).
    """
    if len(data) > registry_limit():
        raise _too_large(path, len(data))
    from locator.data import registry_cache  # the models: with the first registry read

    built: list[Sized] = []
    with gc_paused(built):
        strict = provenance or documents is not None  # the cache holds what opens, no more
        registry = registry_cache.lookup(data) if use_cache and not strict else None
        if registry is None:
            from locator.data.checking import check_registry  # PyYAML: only when checking

            try:
                registry = check_registry(
                    data,
                    path,
                    provenance=provenance,
                    documents=documents,
                    step=step,
                    words=words,
                )
            except RegistryError as error:
                # The check's frames hold the file's whole node tree: freed now, while
                # collections are paused, rather than walked by the collector once they
                # resume (0.15 s of 2 at 120,000 unknown terms).
                raise error.with_traceback(None) from None
            if use_cache:
                registry_cache.store(data, registry)
        built.append(registry.clinics)
    return registry


def _too_large(path: str, size: int) -> RegistryError:
    """The file refused for its ``size`` in bytes."""
    return _refused(path, too_large_sentence(size))


def _refused(path: str, message: str) -> RegistryError:
    """The file refused as a whole (unreadable, too large): one problem, at its start."""
    from locator.data.yaml_source import Problem

    return RegistryError(path, [Problem(1, 1, message)])
