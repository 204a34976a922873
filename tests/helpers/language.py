"""The app's words in another language for the length of a block, as its users read them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from locator import i18n


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Translate into ``language`` inside the block (the catalog must be compiled), then go
    back to the language before."""
    before = i18n.language()
    assert i18n.set_language(language) == language, f"no compiled catalog for {language}"
    try:
        yield
    finally:
        i18n.set_language(before)
