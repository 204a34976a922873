"""A registry read back from the cache is the registry its file checks to, down to what the
validators derive; a sealed entry that names anything but registry data is still refused."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from locator.data import registry_cache
from locator.data.loader import load_registry, parse_registry
from locator.data.models import Registry
from locator.data.paths import shipped_registry
from locator.data.synthetic import synthetic_registry
from locator.files import write_sealed
from tests.helpers.registry_texts import VALID


def _same(cached: object, checked: object) -> None:
    """``cached`` is ``checked`` rebuilt: every model of the same class, with the same fields,
    the same fields set and the same private attributes, recursively."""
    assert type(cached) is type(checked)
    if isinstance(checked, BaseModel):
        assert isinstance(cached, BaseModel)
        assert cached.model_fields_set == checked.model_fields_set
        assert cached.__pydantic_private__ == checked.__pydantic_private__
        assert cached.__pydantic_extra__ == checked.__pydantic_extra__
        assert cached.__dict__.keys() == checked.__dict__.keys()
        for name, value in checked.__dict__.items():
            _same(cached.__dict__[name], value)
    elif isinstance(checked, list | tuple):
        assert isinstance(cached, list | tuple)
        assert len(cached) == len(checked)
        for mine, theirs in zip(cached, checked, strict=True):
            _same(mine, theirs)
    elif isinstance(checked, dict):
        assert isinstance(cached, dict)
        assert cached.keys() == checked.keys()
        for key, value in checked.items():
            _same(cached[key], value)
    else:
        assert cached == checked


REGISTRIES = {
    "bundled": lambda: shipped_registry().read_bytes(),
    "small": lambda: VALID.encode(),
    "generated": lambda: yaml.safe_dump(synthetic_registry(300), allow_unicode=True).encode(),
}


@pytest.mark.parametrize("registry", REGISTRIES)
def test_a_registry_from_the_cache_is_the_one_its_file_checks_to(
    registry: str, isolated_user_dirs: Path
) -> None:
    data = REGISTRIES[registry]()
    checked = parse_registry(data)
    registry_cache.store(data, checked)
    cached = registry_cache.lookup(data)
    assert cached is not None
    assert cached == checked
    _same(cached, checked)
    assert cached.model_dump_json() == checked.model_dump_json()
    for clinic in cached.clinics:  # each source knows its document: the registry's own entry
        for source in clinic.sources:
            listed = cached.document(source.document)
            assert source.listed is listed
    if registry == "bundled":
        assert any(source.listed for clinic in cached.clinics for source in clinic.sources)


class _MakesAFolder:
    """Unpickled, it would make a folder: code, not registry data."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.folder),)


def test_a_sealed_entry_that_names_code_runs_none_of_it(
    valid_registry: Path, tmp_path: Path
) -> None:
    data = valid_registry.read_bytes()
    entry, key = registry_cache.entry_and_key(data)
    made = tmp_path / "made-by-the-cache"
    write_sealed(entry, pickle.dumps(_MakesAFolder(made)), key=key)
    assert [clinic.name for clinic in load_registry(valid_registry).clinics] == [
        "First Clinic",
        "Second Clinic",
    ]
    assert not made.exists()
    assert isinstance(registry_cache.lookup(data), Registry)  # the file's, written again


@pytest.mark.parametrize(
    "payload",
    [
        ([], "not a registry"),
        ([([], [], [])], Registry.model_construct()),
        ([(["not a model"], [{}], [set()])], Registry.model_construct()),
        ([([Registry.model_construct()], [], [])], Registry.model_construct()),
    ],
)
def test_a_sealed_entry_of_other_data_is_removed_and_the_file_read(
    valid_registry: Path, payload: object
) -> None:
    data = valid_registry.read_bytes()
    entry, key = registry_cache.entry_and_key(data)
    write_sealed(entry, pickle.dumps(payload), key=key)
    assert registry_cache.lookup(data) is None
    assert not entry.exists()
    assert load_registry(valid_registry).clinics[0].name == "First Clinic"


def _models(value: object) -> list[BaseModel]:
    """Every model in ``value``, itself included, depth first."""
    if isinstance(value, BaseModel):
        return [value, *(m for v in value.__dict__.values() for m in _models(v))]
    if isinstance(value, list | tuple):
        return [m for item in value for m in _models(item)]
    return []


def test_models_read_back_share_their_equal_sets_of_fields_given(
    isolated_user_dirs: Path,
) -> None:
    """Pickle writes and reads one set for all the models with the same fields given, not one
    each: 650,000 fewer sets to make when 100,000 clinics are read back (issue 25)."""
    data = REGISTRIES["generated"]()
    registry_cache.store(data, parse_registry(data))
    cached = registry_cache.lookup(data)
    assert cached is not None
    given = [model.model_fields_set for model in _models(cached)]
    distinct = {frozenset(names) for names in given}
    assert len({id(names) for names in given}) == len(distinct) < len(given)


def test_equal_texts_and_lists_are_read_back_as_one_object_each(
    isolated_user_dirs: Path,
) -> None:
    """100,000 clinics hold 750,000 texts of which 160,000 differ, and 600,000 lists of texts
    or terms of which 9,000 differ: each kept once, the registry read back from the cache
    takes a third less memory and is read sooner (issue 25)."""
    data = REGISTRIES["generated"]()
    registry_cache.store(data, parse_registry(data))
    cached = registry_cache.lookup(data)
    assert cached is not None
    texts: list[str] = []
    lists: dict[tuple[type, str], list[list[object]]] = {}
    for model in _models(cached):
        for name, value in model.__dict__.items():
            if type(value) is str:  # not a term
                texts.append(value)
            elif isinstance(value, list) and not any(isinstance(v, BaseModel) for v in value):
                lists.setdefault((type(model), name), []).append(value)
                texts += [text for text in value if type(text) is str]
    assert len({id(text) for text in texts}) == len(set(texts)) < len(texts)
    for field in lists.values():  # a list of texts is never taken for an equal list of terms
        assert len({id(values) for values in field}) == len({repr(v) for v in field})
    _same(cached, parse_registry(data))
