"""A large registry, once loaded, is kept out of the collector's full collections: otherwise
each one walks every object of it (2 s at 100,000 clinics), a pause the user sees."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pytest
import yaml

from locator.data.loader import FREEZE_FROM, load_registry
from locator.data.synthetic import synthetic_registry

_WRITTEN = 20  # clinics written out; the rest repeat them, each copy with its own id


def _large(count: int) -> str:
    """A registry of ``count`` clinics, ``_WRITTEN`` of them repeated under new ids."""
    text = yaml.safe_dump(synthetic_registry(_WRITTEN), sort_keys=False, allow_unicode=True)
    head, clinics = text.split("clinics:\n", 1)
    copies = (
        re.sub(r"^- id: (.+)$", rf"- id: \1-{copy}", clinics, flags=re.MULTILINE)
        for copy in range(-(-count // _WRITTEN))
    )
    return head + "clinics:\n" + "".join(copies)


@pytest.mark.parametrize("cached", [False, True], ids=["first load", "from the cache"])
def test_a_large_registry_is_not_walked_by_later_collections(tmp_path: Path, cached: bool) -> None:
    path = tmp_path / "large.yaml"
    path.write_text(_large(FREEZE_FROM), encoding="utf-8")
    if cached:
        load_registry(path)
    try:
        registry = load_registry(path, use_cache=cached)
        walked = {id(found) for found in gc.get_objects()}
        assert len(registry.clinics) >= FREEZE_FROM
        assert not [clinic for clinic in registry.clinics if id(clinic) in walked]
        assert gc.isenabled()
    finally:
        gc.unfreeze()
