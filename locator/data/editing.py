"""Editing the registry without losing a byte: a document of entries, saved safely.

The file is kept as text, cut into its head, one slice per clinic and its tail. A save writes
every slice nobody edited exactly as it was read (CRLF, a byte-order mark, long lines and
comments included), so a save without edits is byte-identical and ``git diff`` after an edit
shows only that clinic. An edited clinic is rewritten through ruamel.yaml, which keeps its
comments, key order and quoting; only the fields that changed are set (in a list, only the
items that changed, so one quote's covers is one line), so keys the form does not know
(``treatmnets:``) stay as written, and a ``[...]`` spread over lines stays so. A rewrite
that would change anything else, or drop a comment, is refused with a sentence naming the
line. New text that YAML 1.1 and 1.2 would read differently is quoted (see ``yaml_source``).

Slicing is what keeps 10,000 clinics fast: libyaml finds the slices, and ruamel.yaml (pure
Python, slow) only ever sees the clinics that were edited.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import hashlib
import io
import itertools
import logging
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

from locator.data.entry_fields import FIELDS, Kind, label_of, same_data
from locator.data.loader import explain, gc_paused, load_registry, parse_registry
from locator.data.models import Clinic, Registry
from locator.data.provenance import gaps
from locator.data.yaml_source import Problem, compose, decode, mark_of, needs_quotes, to_python
from locator.errors import (
    EntryRewriteError,
    ExternalChangeError,
    FileWriteError,
    RegistryError,
    RegistryWriteError,
    TargetExistsError,
)
from locator.files import atomic_write, remove_stray_temporaries
from locator.i18n import N_, _

log = logging.getLogger(__name__)

BACKUPS = 5  # clinics.yaml.~1~ (the newest) … clinics.yaml.~5~
_BOM = b"\xef\xbb\xbf"
_CANONICAL_DASH = 2  # the column of "- id:" in the canonical layout
_FIELD_ORDER = list(Clinic.model_fields)
_DATE_FIELDS = {spec.path for spec in FIELDS if spec.kind in (Kind.DATE, Kind.OPTIONAL_DATE)}

# a problem of an entry whose id another entry has too (the editor looks for it by this start)
DUPLICATE_ID = N_("Id: another clinic already has the id {clinic_id!r}")


def round_trip_yaml() -> YAML:
    """ruamel.yaml set up for lossless editing and the canonical layout."""
    yaml_ = YAML(typ="rt")
    yaml_.preserve_quotes = True
    yaml_.width = sys.maxsize  # never re-wrap a line, however long
    yaml_.indent(mapping=2, sequence=4, offset=2)
    return yaml_


def _dump(data: Any) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()


def canonical(text: str) -> str:
    """``text`` in the canonical layout, every comment and value kept."""
    return _dump(round_trip_yaml().load(text))


def formatted(raw: bytes) -> bytes:
    """File contents in the canonical layout, keeping their byte-order mark and line endings."""
    bom = raw.startswith(_BOM)
    text = raw[3 if bom else 0 :].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    layout = canonical(text.replace("\r\n", "\n"))
    return (_BOM if bom else b"") + layout.replace("\n", newline).encode("utf-8")


def format_file(path: Path) -> bool:
    """Put the registry at ``path`` in the canonical layout with the editor's save (backups,
    a check for other writers just before the rename); False when it already was.

    Raises :class:`RegistryError` when the file is invalid (it is then never rewritten).
    """
    remove_stray_temporaries(path)
    load_registry(path, use_cache=False)  # a missing or unreadable file is a sentence
    raw = Path(path).read_bytes()
    parse_registry(raw, str(path))
    layout = formatted(raw)
    if layout == raw:
        return False

    def unchanged_meanwhile() -> None:
        if _fingerprint(path) != digest(raw):
            raise ExternalChangeError(_changed_sentence(path) + _("; run locator fmt again"))

    save_with_backup(path, layout, check=unchanged_meanwhile)
    return True


def digest(data: bytes) -> str:
    """The SHA-256 of file contents, to notice changes made by others."""
    return hashlib.sha256(data).hexdigest()


def backup_path(path: Path, number: int) -> Path:
    """``clinics.yaml.~1~`` (the newest backup) … ``clinics.yaml.~5~``, beside the file."""
    return path.with_name(f"{path.name}.~{number}~")


def save_with_backup(path: Path, data: bytes, *, check: Any = None) -> Path:
    """Write ``data`` atomically to ``path`` (making its folder if needed), keeping the last
    :data:`BACKUPS` versions as ``NAME.~1~`` (the newest) … ``NAME.~5~``.

    The backup is written atomically and synced before the file is replaced, so a crash leaves
    the old file or the new one and a whole backup; when no backup can be written nothing is
    saved. ``check`` runs just before the rename (to notice another writer). Raises
    :class:`RegistryWriteError` when the file cannot be written; it is then unchanged.
    """
    target = Path(os.path.realpath(path))
    try:
        if target.is_file():
            old = target.read_bytes()
            newest = backup_path(target, 1)
            if not newest.is_file() or newest.read_bytes() != old:
                for number in range(BACKUPS - 1, 0, -1):
                    if backup_path(target, number).is_file():
                        os.replace(backup_path(target, number), backup_path(target, number + 1))
                atomic_write(newest, old)
        return atomic_write(target, data, parents=True, before_replace=check)
    except FileWriteError as error:
        raise RegistryWriteError(_("{error} Nothing was saved.").format(error=error)) from error
    except OSError as error:
        raise RegistryWriteError(str(FileWriteError.of(path, error, existed=True))) from error


def _yaml_value(path: tuple[str, ...], value: Any) -> Any:
    """Values as they should be written: risky strings quoted, dates plain, containers made
    round-trip."""
    if path in _DATE_FIELDS and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)  # written 2026-11-25, as the others are
        except ValueError:
            pass
    if isinstance(value, str):
        return DoubleQuotedScalarString(value) if needs_quotes(value) else value
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _yaml_value((*path, key), item)
        return mapping
    if isinstance(value, list | tuple):
        return CommentedSeq([_yaml_value(path, item) for item in value])
    return value


def _comments(node: Any) -> Iterator[str]:
    """Every comment line held by a ruamel.yaml document, stripped."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CommentToken):
            yield from (line.strip() for line in item.value.splitlines() if line.strip())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        if isinstance(item, CommentedMap | CommentedSeq):
            stack.extend([item.ca.comment, item.ca.end, list(item.ca.items.values())])


def _shift(text: str, columns: int) -> str:
    """Indent every line by ``columns`` (fewer when negative, never past its text)."""
    if columns == 0:
        return text
    lines = text.splitlines(keepends=True)
    if columns > 0:
        return "".join(" " * columns + line if line.strip() else line for line in lines)
    cut = -columns
    return "".join(line[min(cut, len(line) - len(line.lstrip(" "))) :] for line in lines)


def _insert_in_order(mapping: CommentedMap, key: str, value: Any) -> None:
    """Add ``key`` where the schema puts it, not after last_verified."""
    rank = _FIELD_ORDER.index(key) if key in _FIELD_ORDER else len(_FIELD_ORDER)
    for position, existing in enumerate(mapping):
        if existing in _FIELD_ORDER and _FIELD_ORDER.index(existing) > rank:
            mapping.insert(position, key, value)
            return
    mapping[key] = value


@dataclass
class _Entry:
    """One clinic: its text as written, what that text says, and what it should say now."""

    key: int
    lead: str  # blank lines and comments between the previous clinic and this one
    text: str  # from its dash to the end of its last line; "" for a new clinic
    base: dict[str, Any]  # the data ``text`` holds
    data: dict[str, Any]  # the data as edited

    @property
    def edited(self) -> bool:
        return not self.text or (self.data is not self.base and not same_data(self.base, self.data))

    def editable(self) -> dict[str, Any]:
        """The data to change: a copy of what the text holds, made on the first change."""
        if self.data is self.base:
            self.data = copy.deepcopy(self.base)
        return self.data


@dataclass(frozen=True)
class Removal:
    """What :meth:`RegistryDocument.restore` needs to put a removed clinic back."""

    entry: _Entry
    index: int
    lead: str = field(repr=False)


class RegistryDocument:
    """An open registry file: its clinics by a stable key (ids may be edited, empty or
    repeated while someone types), edited as plain data and saved safely."""

    def __init__(self, path: Path, raw: bytes) -> None:
        self.path = Path(path)
        self._raw = raw
        self._disk = _fingerprint(self.path)
        self._bom = raw.startswith(_BOM)
        text, problems = decode(raw)
        if problems:
            raise RegistryError(str(path), problems)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self._keys = itertools.count(1)
        self._brackets = ""  # "clinics: []" as written, while the list is empty
        self._rendered: dict[int, str] = {}  # edited clinics as the last render wrote them
        with gc_paused([]):  # a node per value: needless collections would double the time
            self._head, self._tail, self._entries, self._dash = self._slice(text)
        self._ids = Counter(str(entry.data.get("id") or "") for entry in self._entries)
        # a registry that names no covers anywhere (older or synthetic) is read without them
        self.cites_facts = any(
            isinstance(source, dict) and source.get("covers")
            for entry in self._entries
            if isinstance(entry.base.get("sources"), list)
            for source in entry.base["sources"]
        )
        self._by_key = {entry.key: entry for entry in self._entries}

    @classmethod
    def open(cls, path: Path) -> RegistryDocument:
        """Read ``path`` for editing, first removing temporary files a killed save left.

        Raises :class:`RegistryError` when the file is not YAML or has no list of clinics,
        with the problem at its line and column as ``locator validate`` reports it.
        """
        remove_stray_temporaries(path)
        return cls(Path(path), Path(path).read_bytes())

    # slicing ----------------------------------------------------------------------------

    def _slice(self, text: str) -> tuple[str, str, list[_Entry], int]:
        root, problems = compose(text)
        if problems:
            raise RegistryError(str(self.path), problems)
        clinics = None
        if isinstance(root, yaml.MappingNode):
            clinics = next((v for k, v in root.value if k.value == "clinics"), None)
        if not isinstance(clinics, yaml.SequenceNode):
            line, column = mark_of(root, ("clinics",)) if root is not None else (1, 1)
            message = _("the registry needs a list of clinics (clinics:) to be edited")
            raise RegistryError(str(self.path), [Problem(line, column, message)])
        if clinics.flow_style and clinics.value:
            line, column = clinics.start_mark.line + 1, clinics.start_mark.column + 1
            message = _(
                "clinics are written as one [...] list; run `locator fmt` to edit them here"
            )
            raise RegistryError(str(self.path), [Problem(line, column, message)])
        plain, _problems = to_python(clinics, text)
        if not clinics.value:  # "clinics: []": new clinics replace the brackets
            start, end = clinics.start_mark.index, clinics.end_mark.index
            head = text[:start].rstrip(" ")
            self._brackets = text[len(head) : end]
            return head, text[end:], [], _CANONICAL_DASH
        starts = [text.rfind("\n", 0, item.start_mark.index) + 1 for item in clinics.value]
        ends = [_line_end(text, _content_end(item)) for item in clinics.value]
        dash = len(text[starts[0] :]) - len(text[starts[0] :].lstrip(" "))
        entries = []
        previous_end = starts[0]
        for start, end, data in zip(starts, ends, plain, strict=True):
            base = data if isinstance(data, dict) else {}
            entries.append(
                _Entry(next(self._keys), text[previous_end:start], text[start:end], base, base)
            )
            previous_end = end
        return text[: starts[0]], text[previous_end:], entries, dash

    # reading ----------------------------------------------------------------------------

    def clinic_keys(self) -> list[int]:
        """Every clinic's key, in file order."""
        return [entry.key for entry in self._entries]

    def _entry(self, key: int) -> _Entry:
        return self._by_key[key]

    def key_for(self, clinic_id: str) -> int:
        """The key of the (first) clinic with this id; KeyError when there is none."""
        for entry in self._entries:
            if entry.data.get("id") == clinic_id:
                return entry.key
        raise KeyError(clinic_id)

    def index_of(self, key: int) -> int:
        """Where the clinic is in the file, counting from 0."""
        return next(i for i, entry in enumerate(self._entries) if entry.key == key)

    def entry(self, key: int) -> dict[str, Any]:
        """A clinic's data as edited (plain values; not to be changed by the caller)."""
        return self._entry(key).data

    def saved_id(self, key: int) -> str | None:
        """The id the clinic has in the file on disk; None for a clinic not saved yet."""
        entry = self._entry(key)
        return str(entry.base.get("id") or "") or None if entry.text else None

    def id_count(self, clinic_id: str) -> int:
        """How many clinics have this id now."""
        return self._ids[clinic_id]

    def line_of(self, key: int, path: tuple[str | int, ...] = ()) -> int:
        """The line (from 1) of a clinic, or of one of its fields, in the file as it would be
        saved now; a field not written yet gives the clinic's first line."""
        line = 1 + self._head.count("\n")
        for entry in self._entries:
            line += entry.lead.count("\n")
            if entry.key == key:
                break
            line += (entry.text or self._render(entry)).count("\n")
        entry = self._entry(key)
        if not path or not entry.text:
            return line
        root, problems = compose(entry.text)
        if problems or root is None:
            return line
        return line + mark_of(root, (0, *path), key=True)[0] - 1

    def has_changes(self) -> bool:
        """True when saving would write something other than the file as read."""
        return self.render() != self._raw

    def suggest_id(self, key: int) -> str:
        """A unique id from the clinic's name and city: "nervana-medical-sandy"."""
        data = self.entry(key)
        city = (
            (data.get("address") or {}).get("city")
            if isinstance(data.get("address"), dict)
            else None
        )
        base = slug(" ".join(str(part) for part in (data.get("name"), city) if part)) or "clinic"
        taken = {str(e.data.get("id")) for e in self._entries if e.key != key}
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    # editing ----------------------------------------------------------------------------

    def apply(self, key: int, changes: Mapping[tuple[str, ...], Any]) -> None:
        """Set fields of one clinic (``{("location", "latitude"): 40.6}``); None removes one.
        Every other key, known to the form or not, stays exactly as it is."""
        entry = self._entry(key)
        old_id = str(entry.data.get("id") or "")
        data = entry.editable()
        for path, value in changes.items():
            node = data
            for part in path[:-1]:
                if not isinstance(node.get(part), dict):
                    if value is None:
                        break
                    node[part] = {}
                node = node[part]
            else:
                if value is None:
                    node.pop(path[-1], None)
                else:
                    node[path[-1]] = copy.deepcopy(value)
            if value is None and len(path) > 1 and data.get(path[0]) == {}:
                del data[path[0]]
        self._recount(old_id, str(entry.data.get("id") or ""))

    def replace(self, key: int, data: Mapping[str, Any]) -> None:
        """Give a clinic exactly this data (undo and redo of an edit)."""
        entry = self._entry(key)
        old_id = str(entry.data.get("id") or "")
        entry.data = copy.deepcopy(dict(data))
        self._recount(old_id, str(entry.data.get("id") or ""))

    def _recount(self, old: str, new: str) -> None:
        if old != new:
            self._ids[old] -= 1
            self._ids[new] += 1

    def add(self, data: Mapping[str, Any], at: int | None = None) -> int:
        """Add a new clinic (at the end unless ``at``); returns its key."""
        entry = _Entry(next(self._keys), "", "", {}, copy.deepcopy(dict(data)))
        self._insert(entry, len(self._entries) if at is None else at, "")
        return entry.key

    def duplicate(self, key: int) -> int:
        """Copy a clinic, comments and all, right after it under a fresh id; returns its key."""
        source = self._entry(key)
        entry = _Entry(
            next(self._keys),
            "",
            source.text,
            copy.deepcopy(source.base),
            copy.deepcopy(source.data),
        )
        entry.data["id"] = self._fresh_id(str(source.data.get("id") or "clinic"))
        self._insert(entry, self.index_of(key) + 1, "")
        return entry.key

    def _fresh_id(self, base: str) -> str:
        number = 2
        while self._ids[f"{base}-{number}"]:
            number += 1
        return f"{base}-{number}"

    def remove(self, key: int) -> Removal:
        """Take a clinic out; the comments before it stay where they were."""
        index = self.index_of(key)
        entry = self._entries.pop(index)
        if index < len(self._entries):
            self._entries[index].lead = entry.lead + self._entries[index].lead
        else:
            self._tail = entry.lead + self._tail
        self._ids[str(entry.data.get("id") or "")] -= 1
        del self._by_key[key]
        return Removal(entry, index, entry.lead)

    def restore(self, removal: Removal) -> None:
        """Put a removed clinic back where it was (undo)."""
        following = (
            self._entries[removal.index].lead if removal.index < len(self._entries) else self._tail
        )
        rest = following[len(removal.lead) :]
        if removal.index < len(self._entries):
            self._entries[removal.index].lead = rest
        else:
            self._tail = rest
        self._insert(removal.entry, removal.index, removal.lead)

    def _insert(self, entry: _Entry, index: int, lead: str) -> None:
        entry.lead = lead
        self._entries.insert(index, entry)
        self._by_key[entry.key] = entry
        self._ids[str(entry.data.get("id") or "")] += 1

    # problems ---------------------------------------------------------------------------

    def problems(self, key: int) -> list[tuple[tuple[str | int, ...], str]]:
        """A clinic's problems, each with the field's path and a sentence naming the field in
        words ("Latitude: 95 is out of range …"); empty when the clinic can be saved.

        Besides the schema, these are what ``locator validate`` refuses in quotes: a ``covers``
        entry naming no fact of the clinic, and, when the registry cites its facts at all
        (:attr:`cites_facts`), a fact no quote covers; so what the editor saves validates.
        """
        data = self.entry(key)
        found = []
        try:
            clinic = Clinic.model_validate(data)
        except ValidationError as error:
            for detail in error.errors():
                loc = tuple(detail["loc"])
                where = loc[:-1] if detail["type"] == "missing" else loc
                found.append((where, f"{label_of(where)}: {explain(detail, ('clinics', 0, *loc))}"))
        else:
            found.extend(p for p in self._gaps(clinic) if self._blocks(p[0]))
        clinic_id = str(data.get("id") or "")
        if clinic_id and self._ids[clinic_id] > 1:
            found.append(
                (
                    ("id",),
                    _(DUPLICATE_ID).format(clinic_id=clinic_id),
                )
            )
        return found

    def gaps(self, key: int) -> list[tuple[tuple[str | int, ...], str]]:
        """A valid clinic's facts that no quote covers, in a registry that names no covers
        anywhere: they do not stop a save (the app reads such a registry), but ``locator
        validate`` refuses them."""
        try:
            clinic = Clinic.model_validate(self.entry(key))
        except ValidationError:
            return []
        return [p for p in self._gaps(clinic) if not self._blocks(p[0])]

    @staticmethod
    def _gaps(clinic: Clinic) -> list[tuple[tuple[str | int, ...], str]]:
        return [(where, f"{label_of(where)}: {message}") for where, message in gaps(clinic)]

    def _blocks(self, where: tuple[str | int, ...]) -> bool:
        """A covers entry naming no fact always stops a save; an uncovered fact only when the
        registry cites its facts."""
        return self.cites_facts or where[:1] == ("sources",)

    # saving -----------------------------------------------------------------------------

    def _render(self, entry: _Entry) -> str:
        """The clinic's text as it will be written."""
        if not entry.edited:
            return entry.text
        newline = (
            "\r\n" if "\r\n" in entry.text or (not entry.text and self.newline == "\r\n") else "\n"
        )
        text = entry.text.replace("\r\n", "\n")
        if text:
            document = round_trip_yaml().load(_shift(text, _CANONICAL_DASH - self._dash))
            mapping = document[0]
            before = Counter(_comments(document))
            _merge(mapping, entry.base, entry.data, ())
            dumped = _dump(document)
            lost = before - Counter(_comments(round_trip_yaml().load(dumped)))
        else:
            data = {k: entry.data[k] for k in sorted(entry.data, key=_rank)}
            dumped, lost = _dump(CommentedSeq([_yaml_value((), data)])), Counter()
        written = _shift(dumped, self._dash - _CANONICAL_DASH)
        if text:
            written = _keep_flow_lines(text, written)
        if lost:
            comment = next(iter(lost))
            line = self.line_of(entry.key) + next(
                (n for n, t in enumerate(text.splitlines()) if comment in t), 0
            )
            raise EntryRewriteError(
                _(
                    "Saving would drop the comment {comment!r} on line {line}, beside or "
                    "after a field you emptied in the clinic {value}: keep a value in that "
                    "field, or move the comment in the file first."
                ).format(
                    comment=comment,
                    line=line,
                    value=entry.data.get("id") or entry.data.get("name") or "(new)",
                )
            )
        reread, problems = compose(written)
        plain = to_python(reread, written)[0] if reread is not None and not problems else None
        if not (isinstance(plain, list) and len(plain) == 1 and same_data(plain[0], entry.data)):
            raise EntryRewriteError(
                _(
                    "The clinic {value} at line {line_of} could not be written back "
                    "exactly; nothing was saved. Edit it in the file."
                ).format(value=entry.data.get("id") or "(new)", line_of=self.line_of(entry.key))
            )
        return written.replace("\n", newline) if newline != "\n" else written

    def render(self) -> bytes:
        """The file as it would be saved now."""
        if not self._entries:
            return self._raw_of(self._head + self._brackets + self._tail)
        parts = [self._head]
        if self._brackets:
            parts.append(self.newline)  # "clinics: []" becomes a block list
        self._rendered = {}
        for entry in self._entries:
            text = self._render(entry)
            if entry.edited:
                self._rendered[entry.key] = text
            if parts[-1] and not parts[-1].endswith("\n"):
                parts.append(self.newline)
            parts.extend((entry.lead, text))
        parts.append(self._tail)
        return self._raw_of("".join(parts))

    def _raw_of(self, text: str) -> bytes:
        return (_BOM if self._bom else b"") + text.encode("utf-8")

    def check(self) -> Registry:
        """Validate the edited file; raises ``RegistryError`` with every problem."""
        return parse_registry(self.render(), str(self.path))

    def changed_on_disk(self) -> bool:
        """True when someone else changed the file since it was opened or last saved."""
        return _fingerprint(self.path) != self._disk

    def save(self, path: Path | None = None, *, overwrite: bool = False) -> Path:
        """Validate, then write atomically, keeping backups; returns where it was written.

        Refuses (with :class:`ExternalChangeError`) to overwrite a file changed on disk since
        it was opened, checking again just before the rename, and (with
        :class:`TargetExistsError`) to replace another existing file, unless ``overwrite``.
        """
        target = Path(path) if path is not None else self.path
        data = self.render()
        parse_registry(data, str(target), provenance=self.cites_facts)
        same = os.path.realpath(target) == os.path.realpath(self.path)
        if same and not overwrite and self.changed_on_disk():
            raise ExternalChangeError(_changed_sentence(self.path))
        if not same and not overwrite and target.exists():
            raise TargetExistsError(
                _("{target} already exists; choose to replace it, or pick another name").format(
                    target=target
                )
            )

        def unchanged_meanwhile() -> None:
            if same and not overwrite and self.changed_on_disk():
                raise ExternalChangeError(_changed_sentence(self.path))

        written = save_with_backup(target, data, check=unchanged_meanwhile)
        self.path, self._raw = target, data
        self._disk = _fingerprint(target)
        for entry in self._entries:
            if entry.edited:
                entry.text = self._rendered[entry.key]
                entry.base = entry.data
        return written


def _changed_sentence(path: Path) -> str:
    return _(
        "{path} changed on disk since it was opened; reload it, or save your edits as another file"
    ).format(path=path)


def _fingerprint(path: Path) -> str | None:
    """The file's SHA-256, or None when it is not there."""
    try:
        return digest(Path(path).read_bytes())
    except OSError:
        return None


def _rank(key: str) -> int:
    return _FIELD_ORDER.index(key) if key in _FIELD_ORDER else len(_FIELD_ORDER)


def _merge(
    mapping: CommentedMap, base: Mapping[str, Any], data: Mapping[str, Any], path: tuple[str, ...]
) -> None:
    """Set in ``mapping`` what differs between ``base`` (what it holds) and ``data``, one key
    at a time and, inside a key, as little as can be (see :func:`_change`)."""
    for key in [*base, *(k for k in data if k not in base)]:
        old, new = base.get(key), data.get(key)
        if same_data(old, new):
            continue
        if new is None and key not in data:
            mapping.pop(key, None)
        elif key in mapping:
            _change(mapping, key, old, new, (*path, key))
        else:
            _insert_in_order(mapping, key, _yaml_value((*path, key), new))


def _change(container: Any, key: Any, old: Any, new: Any, path: tuple[str, ...]) -> None:
    """Make ``container[key]`` (holding ``old``) hold ``new``: a mapping key by key, a list
    item by item (see :func:`_merge_list`), anything else in the style it was written in."""
    current = container[key]
    if isinstance(old, dict) and isinstance(new, dict) and isinstance(current, CommentedMap):
        _merge(current, old, new, path)
    elif isinstance(old, list) and isinstance(new, list) and isinstance(current, CommentedSeq):
        _merge_list(current, old, new, path)
    else:
        container[key] = _styled(current, _yaml_value(path, new))


def _merge_list(
    sequence: CommentedSeq, base: list[Any], data: list[Any], path: tuple[str, ...]
) -> None:
    """Turn ``sequence`` (holding ``base``) into ``data`` touching only the items that differ:
    editing one source's covers rewrites that covers alone, not every source of the clinic."""
    matcher = difflib.SequenceMatcher(
        None, [_hashable(v) for v in base], [_hashable(v) for v in data], autojunk=False
    )
    for tag, start, end, new_start, new_end in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        paired = min(end - start, new_end - new_start)
        for offset in range(paired):  # a changed item is changed in place
            _change(sequence, start + offset, base[start + offset], data[new_start + offset], path)
        for index in reversed(range(start + paired, end)):
            del sequence[index]
        for index in range(new_start + paired, new_end):
            sequence.insert(start + index - new_start, _yaml_value(path, data[index]))


def _hashable(value: Any) -> Any:
    """A list item as something :mod:`difflib` can match (equal data, equal result)."""
    if isinstance(value, dict):
        return ("map", tuple((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(_hashable(v) for v in value))
    return (type(value).__name__, value)


_KEPT_STYLES = (DoubleQuotedScalarString, SingleQuotedScalarString, LiteralScalarString)


def _styled(current: Any, value: Any) -> Any:
    """``value`` written as the one it replaces was: a quoted (or ``|``) string keeps its
    quotes, a ``[a, b]`` list or ``{k: v}`` mapping stays on one line."""
    if isinstance(current, _KEPT_STYLES) and isinstance(value, str):
        return type(current)(str(value))
    if (
        isinstance(current, CommentedSeq | CommentedMap)
        and isinstance(value, CommentedSeq | CommentedMap)
        and current.fa.flow_style()
    ):
        value.fa.set_flow_style()
    return value


def _keep_flow_lines(text: str, written: str) -> str:
    """``written`` with each ``[...]`` or ``{...}`` that ``text`` spreads over several lines
    put back as it was, when its value and its line's indent are the same (ruamel.yaml would
    join it on one line, a change in lines nobody edited)."""
    old_root, old_problems = compose(text)
    new_root, new_problems = compose(written)
    if old_root is None or new_root is None or old_problems or new_problems:
        return written
    spread = {
        path: node
        for path, node in _flow_nodes(old_root)
        if node.start_mark.line != node.end_mark.line
    }
    for path, node in sorted(
        _flow_nodes(new_root), key=lambda found: found[1].start_mark.index, reverse=True
    ):
        old = spread.get(path)
        if (
            old is not None
            and _indent_at(text, old.start_mark.index) == _indent_at(written, node.start_mark.index)
            and same_data(to_python(old, text)[0], to_python(node, written)[0])
        ):
            start, end = node.start_mark.index, node.end_mark.index
            written = (
                written[:start] + text[old.start_mark.index : old.end_mark.index] + written[end:]
            )
    return written


def _flow_nodes(
    node: yaml.Node, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], yaml.Node]]:
    """Every outermost flow collection under ``node``, with its path."""
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.flow_style:
        yield path, node
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _flow_nodes(value, (*path, str(key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _flow_nodes(item, (*path, index))


def _indent_at(text: str, index: int) -> int:
    """The indent of the line that ``index`` is on."""
    line = text[text.rfind("\n", 0, index) + 1 :]
    return len(line) - len(line.lstrip(" "))


def _content_end(node: yaml.Node) -> int:
    """Where a node's last value ends (a block mapping's own end is after what follows it)."""
    while (
        isinstance(node, yaml.MappingNode | yaml.SequenceNode)
        and not node.flow_style
        and node.value
    ):
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return int(node.end_mark.index)


def _line_end(text: str, index: int) -> int:
    """The index just past the line that ``index`` is on (a value ending at a line's start
    belongs to the line before)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def slug(text: str) -> str:
    """Lowercase words joined by hyphens, as ids are: "Nervana Medical Sandy" gives
    "nervana-medical-sandy"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:80].strip("-")
