"""A cache of checked registries, keyed by the file's bytes and the schema that checked them.

Parsing YAML and checking every value is the slow part of loading; a file that has not changed
since it was last checked is read back from the cache instead. What the cache holds was checked
when it was written and is sealed with this user's secret (``files.write_sealed``), so it is
rebuilt without checking it again: the models' fields as plain data (pickled: dates and the
vocabularies' terms stay what they are), put back into models as ``model_construct`` would, a
column of models at a time (:data:`Columns`). Only the seal decides whether an entry is
trusted; an entry that fails it, or names anything but the plain types a registry holds, is
removed and the file checked again. The cache lives in the user's cache directory and is only
ever a shortcut: any failure to read or write it is ignored.
"""

from __future__ import annotations

import collections
import copyreg
import datetime as dt
import enum
import functools
import hashlib
import io
import itertools
import json
import logging
import operator
import os
import pickle
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import platformdirs
import pydantic
from pydantic import BaseModel
from pydantic.fields import ModelPrivateAttr

from locator import __version__, terminal
from locator.data import models, vocabulary
from locator.data.models import Registry
from locator.errors import FileWriteError
from locator.files import MAX_SEALED_BYTES, open_sealed, private_cache_folder, write_sealed

log = logging.getLogger(__name__)

_KEEP = 8  # cached registries kept; older ones are removed
_SUFFIX = ".pickle"


def cache_dir() -> Path:
    """Where checked registries are kept."""
    return Path(platformdirs.user_cache_dir("locator")) / "registries"


def schema_sources() -> list[Path]:
    """The code that decides what a valid registry is and what it holds: every module of
    locator.data (the load path runs most of them, and a new one is covered without a list
    to keep), and terminal, whose control-character rule the checks apply."""
    return [*sorted(Path(__file__).parent.glob("*.py")), Path(terminal.__file__)]


@functools.cache
def _schema_fingerprint() -> bytes:
    """locator's version, pydantic's (whose models the cache rebuilds) and the source of the
    code that checks a registry (:func:`schema_sources`): a change to any invalidates the cache.

    A desktop bundle carries no source files; there the schema's JSON form stands in for them
    (the bundle's code cannot change under it).
    """
    try:
        schema = b"".join(path.read_bytes() for path in schema_sources())
    except OSError:
        schema = json.dumps(Registry.model_json_schema(), sort_keys=True).encode()
    return f"{__version__} pydantic {pydantic.VERSION}\0".encode() + schema


def entry_and_key(data: bytes) -> tuple[Path, bytes]:
    """The cache file for a registry file's ``data``, and the key that ties its seal to those
    bytes and to the code that checked them; the bytes are hashed once."""
    key = _schema_fingerprint() + b"\0" + hashlib.sha256(data).digest()
    return cache_dir() / f"{hashlib.sha256(key).hexdigest()}{_SUFFIX}", key


def lookup(data: bytes) -> Registry | None:
    """The registry checked earlier from exactly these bytes, if the cache holds it intact.

    An entry that is damaged, edited, planted or written by other code fails its seal and is
    removed (``files.open_sealed``), and the file is parsed again.
    """
    entry, key = entry_and_key(data)
    payload = open_sealed(entry, key=key)
    if payload is None:
        return None
    try:
        registry = _filled(_PlainUnpickler(payload).load())
    except (pickle.UnpicklingError, EOFError, LookupError, ValueError, TypeError) as error:
        log.warning("a registry cache entry %s was removed: %s", entry, str(error)[:80])
        entry.unlink(missing_ok=True)
        return None
    log.debug("registry read from cache %s", entry)
    return registry


def store(data: bytes, registry: Registry) -> None:
    """Remember ``registry`` as the checked form of ``data``, its equal values made one
    first (:func:`share_equal_values`)."""
    entry, key = entry_and_key(data)
    share_equal_values(registry)
    payload = encode(registry)
    if len(payload) > MAX_SEALED_BYTES:  # a registry past the usual limit (a setting allows
        return  # it): read again each time, not kept where it could not be read back
    try:
        private_cache_folder(entry.parent)
        write_sealed(entry, payload, key=key)
        _prune(entry.parent)
    except OSError as error:  # FileWriteError included: the cache is only ever a shortcut
        log.debug("registry cache not written: %s", error)


def share_equal_values(registry: Registry) -> None:
    """Make equal values in ``registry``'s models one object: a registry of 100,000 entries
    holds some 750,000 texts of which 160,000 differ, and 600,000 lists of texts or terms of
    which 9,000 differ. Kept once, they take less memory, and the cache's pickle (whose memo
    writes an object once, then refers to it) is smaller and read back sooner, still shared.

    Safe because models are frozen and nothing changes a list of theirs in place (pydantic's
    own ``model_copy`` shares them too). Numbers are left as they are: pickle writes each
    anew. Done as the registry is first cached, the cache's reader then gets it for free.
    """
    texts: dict[Any, Any] = {}
    for kind, made in _by_class(registry).items():
        plan = _plain_fields(kind)
        lists: dict[str, dict[tuple[Any, ...], list[Any]]] = {name: {} for name, _ in plan}
        dates: dict[Any, Any] = {}
        for model in made:  # a model at a time: its fields are read while at hand
            fields = model.__dict__
            for name, held in plan:
                value = fields[name]
                if held is str:  # None, where it is, kept as None
                    fields[name] = texts.setdefault(value, value)
                elif held is list:
                    fields[name] = _shared_list(value, lists[name], texts)
                elif held is dt.date:
                    fields[name] = dates.setdefault(value, value)
                elif held is BaseModel:  # a list of models: only an empty one is shared
                    fields[name] = value or lists[name].setdefault((), value)
                else:
                    fields[name] = _shared_plain(value, texts)


def _shared_list(
    values: list[Any], known: dict[tuple[Any, ...], list[Any]], texts: dict[Any, Any]
) -> list[Any]:
    """The list ``known`` holds equal to ``values`` (one field's: a list of texts is never
    taken for a list of terms), its texts shared; one holding a mapping (a quote's covers)
    keeps its own, its texts shared."""
    try:
        shared = known.setdefault(tuple(values), values)
    except TypeError:  # a mapping among them: unhashable
        shared = _shared_plain(values, texts)
    else:
        if shared is values and values and type(values[0]) is str:  # met first: kept
            values[:] = [texts.setdefault(text, text) for text in values]
    return shared


_FIELDS = operator.attrgetter("__dict__")


def _options(annotation: Any) -> tuple[Any, ...]:
    """The types a field's ``annotation`` allows: each of a union's, else itself."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


@functools.cache
def _plain_fields(cls: type[BaseModel]) -> list[tuple[str, type]]:
    """The fields of ``cls`` that hold text, a date, a list or a mapping, with the kind held
    (``BaseModel`` for a list of models): numbers, yes-or-no answers, terms and models
    share nothing."""
    found = []
    for name, field in cls.model_fields.items():
        for option in _options(field.annotation):
            if typing.get_origin(option) is typing.Annotated:
                option = typing.get_args(option)[0]
            held = typing.get_origin(option) or option
            if held is typing.Literal:
                held = type(typing.get_args(option)[0])
            inner = typing.get_args(option)[:1] if held is list else ()
            if inner and isinstance(inner[0], type) and issubclass(inner[0], BaseModel):
                held = BaseModel
            if held in (str, dt.date, list, dict, BaseModel):
                found.append((name, held))
                break
    return found


def _shared_plain(value: Any, texts: dict[Any, Any]) -> Any:
    """``value`` (plain data: an HSDS import's kept part, a quote's covers) with its texts
    shared."""
    kind = type(value)
    if kind is str:
        return texts.setdefault(value, value)
    if kind is dict:
        for key, inner in value.items():
            value[key] = _shared_plain(inner, texts)
    elif kind is list:
        value[:] = [_shared_plain(inner, texts) for inner in value]
    return value


def _by_class(registry: Registry) -> dict[type[BaseModel], list[BaseModel]]:
    """``registry`` and every model in it, each once, by class: a field of a class at a time,
    in C (not a Python call for each of 650,000 models)."""
    found: dict[type[BaseModel], list[BaseModel]] = {Registry: [registry]}
    pending: list[tuple[type[BaseModel], list[BaseModel]]] = [(Registry, [registry])]
    while pending:
        kind, made = pending.pop()
        fields = list(map(_FIELDS, made))
        for name, inner, many in _nested(kind):
            held: Iterable[Any] = filter(
                functools.partial(operator.is_not, None), map(operator.itemgetter(name), fields)
            )
            if many:
                held = itertools.chain.from_iterable(held)
            models = list(held)
            if models:
                found.setdefault(inner, []).extend(models)
                pending.append((inner, models))
    return found


def encode(registry: Registry) -> bytes:
    """What the cache holds of a checked ``registry``: see :data:`Columns`."""
    columns: dict[type[BaseModel], tuple[list[BaseModel], list[dict[str, Any]], list[set[str]]]]
    columns = {}
    given: dict[frozenset[str], set[str]] = {}
    for kind, made in _by_class(registry).items():
        sets = [model.__pydantic_fields_set__ for model in made]
        columns[kind] = (
            made,
            list(map(_FIELDS, made)),
            [*map(given.setdefault, map(frozenset, sets), sets)],
        )
    out = io.BytesIO()
    _ShellPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump((list(columns.values()), registry))
    return out.getvalue()


# What the cache holds: for each model class, its models as pickle makes them itself, empty
# (``cls.__new__(cls)``, no Python run), with the fields of each (a nested model's field holds
# its empty model, to be filled in its own column) and the names of those the file set; then
# the registry's own empty model. The models are filled a column at a time (:func:`_filled`),
# as ``model_construct`` would fill them but without a Python call for each: 650,000 models in
# 100,000 clinics. What a validator derives (a private attribute) is derived again.
Columns = list[tuple[list[Any], list[dict[str, Any]], list[set[str]]]]


_NEWOBJ = vars(copyreg)["__newobj__"]  # by this name, pickle writes NEWOBJ


class _ShellPickler(pickle.Pickler):
    """Pickles a model as its empty self (its fields go in its column: :data:`Columns`), and a
    vocabulary term as its type called with its value, as Python 3.12 does: 3.11 writes
    ``getattr(type, name)``, which :class:`_PlainUnpickler` rightly refuses."""

    def reducer_override(self, obj: Any) -> Any:
        """``obj``'s reduction when it is a model or a term; ``NotImplemented`` leaves others
        to pickle."""
        if isinstance(obj, BaseModel):
            return _NEWOBJ, (type(obj),)  # pickle's NEWOBJ: cls.__new__(cls)
        if isinstance(obj, enum.Enum):
            return type(obj), (obj.value,)
        return NotImplemented


def _filled(loaded: Any) -> Registry:
    """The registry of what :func:`encode` wrote, its models filled column by column; raises
    ``TypeError`` for anything else."""
    columns, registry = loaded
    if not isinstance(registry, Registry):
        raise TypeError("not a registry")
    for shells, fields, names in columns:
        if not (len(shells) == len(fields) == len(names) and isinstance(shells[0], BaseModel)):
            raise TypeError("not a column of models")
        kind = type(shells[0])
        private = kind.__private_attributes__
        fill, given, extra, own = (_setter(kind, name) for name in _FILLED)
        for start in range(0, len(shells), _CHUNK):  # each model's four sets while in cache
            end = start + _CHUNK
            made = shells[start:end]
            _each(fill, made, fields[start:end])
            _each(given, made, names[start:end])
            _each(extra, made, itertools.repeat(None))
            _each(own, made, _privates(private, len(made)))
    derives: Any = registry  # what its validator derives: each source's document
    derives._documents_to_sources()
    return registry


def _each(setter: Callable[[Any, Any], None], made: list[Any], values: Iterable[Any]) -> None:
    """``setter`` (:func:`_setter`) called for each model ``made`` and its value, in C."""
    collections.deque(map(setter, made, values), maxlen=0)


# What a model built by pydantic holds besides its class: its fields, the names of those set,
# extra fields (None: registries allow none) and its private attributes.
_FILLED = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")


def _setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """What sets ``name`` (a slot or ``__dict__``) of a ``cls`` model though it is frozen, as
    pydantic does (``object.__setattr__``): the descriptor that finds first, called directly
    (40% sooner, and refusing a model of another class)."""
    descriptor = next(vars(kind)[name] for kind in cls.__mro__ if name in vars(kind))
    setter: Callable[[Any, Any], None] = descriptor.__set__
    return setter


_CHUNK = 1024


def _privates(private: dict[str, ModelPrivateAttr], count: int) -> Iterable[Any]:
    """``count`` new models' private attributes, each at its default (None without any)."""
    if not private:
        return itertools.repeat(None)
    defaults = {name: attribute.get_default() for name, attribute in private.items()}
    if all(value is None for value in defaults.values()):  # nothing to share: copied in C
        return map(dict.copy, itertools.repeat(defaults, count))
    return ({name: a.get_default() for name, a in private.items()} for _ in range(count))


@functools.cache
def _nested(cls: type[BaseModel]) -> list[tuple[str, type[BaseModel], bool]]:
    """The fields of ``cls`` that hold a model: name, its class, whether it holds a list."""
    found = []
    for name, field in cls.model_fields.items():
        for option in _options(field.annotation):
            many = typing.get_origin(option) is list
            inner = typing.get_args(option)[0] if many else option
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                found.append((name, inner, many))
    return found


# What a cached registry may name besides pickle's own types: dates (and what an HSDS import
# keeps of YAML's timestamps), the vocabularies' terms and the models, made empty (NEWOBJ).
_NAMED: dict[tuple[str, str], type] = (
    {
        (kind.__module__, kind.__qualname__): kind
        for kind in (dt.date, dt.datetime, dt.time, dt.timedelta, dt.timezone)
    }
    | {
        (kind.__module__, kind.__qualname__): kind
        for kind in vars(vocabulary).values()
        if isinstance(kind, type) and issubclass(kind, enum.Enum)
    }
    | {
        (kind.__module__, kind.__qualname__): kind
        for kind in vars(models).values()
        if isinstance(kind, type) and issubclass(kind, models.RegistryModel)
    }
)


class _PlainUnpickler(pickle.Unpickler):
    """Unpickles plain data only: a name outside :data:`_NAMED` is refused, whatever the
    seal says."""

    def find_class(self, module: str, name: str) -> Any:
        """The allowed type ``module.name``; raises ``UnpicklingError`` for any other."""
        try:
            return _NAMED[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not registry data") from None


def kept() -> bool:
    """True when something is at the cache's folder name (checked registries, or what
    :func:`clear` would remove or name); False when there is nothing to clear."""
    return os.path.lexists(cache_dir())


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
    entries = sorted(folder.glob("*"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in entries[_KEEP:]:
        old.unlink(missing_ok=True)
