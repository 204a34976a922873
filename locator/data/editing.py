"""Editing the registry without losing a byte: a document of entries, saved safely.

The file is kept as text, cut into slices (``registry_slices``); a clinic's data is edited as
plain values, and on saving an edited clinic alone is rewritten (``yaml_merge``). A rewrite
that would change anything else, or drop a comment, is refused with a sentence naming the
line. The file is then written with its backups, never over another program's change
(``backups``).
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import itertools
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sized
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from locator.data.backups import (
    changed_sentence,
    fingerprint,
    refuse_unless_file,
    save_with_backup,
)
from locator.data.checking import explain, in_the_future
from locator.data.entry_fields import field_label, label_of, same_data
from locator.data.loader import gc_paused, parse_registry, registry_limit
from locator.data.models import Clinic, Registry
from locator.data.provenance import (
    DocumentWords,
    document_words,
    folders_state,
    gaps,
    quote_check,
)
from locator.data.registry_slices import slice_registry
from locator.data.yaml_merge import Styles, new_entry, rewritten, styles_of
from locator.data.yaml_source import compose, decode, mark_of, to_python
from locator.errors import (
    EntryRewriteError,
    ExternalChangeError,
    RegistryError,
    TargetExistsError,
)
from locator.files import read_regular, remove_stray_temporaries
from locator.i18n import N_, _
from locator.terminal import one_line

STYLE_SAMPLE = 50  # clinics read to learn how the file writes values

# a problem of an entry whose id another entry has too (the editor looks for it by this start)
DUPLICATE_ID = N_("Id: another clinic already has the id “{clinic_id}”")


@dataclass
class _Entry:
    """One clinic: its text as written, what that text says, and what it should say now."""

    key: int
    lead: str  # blank lines and comments between the previous clinic and this one
    text: str  # from its dash to the end of its last line; "" for a new clinic
    base: dict[str, Any]  # the data ``text`` holds
    data: dict[str, Any]  # the data as edited
    on_disk: bool = False  # ``text`` is in the file as last read or saved (not a copy of it)

    @property
    def edited(self) -> bool:
        return not self.text or (self.data is not self.base and not same_data(self.base, self.data))

    def editable(self) -> dict[str, Any]:
        """The data to change: a copy of what the text holds, made on the first change."""
        if self.data is self.base:
            self.data = copy.deepcopy(self.base)
        return self.data


@dataclass(frozen=True)
class _Clean:
    """A clinic :meth:`RegistryDocument.problems` found nothing wrong with, as written: what
    a save still checks of it against the other clinics (see :meth:`RegistryDocument._check`)."""

    text: str  # as written when it was checked
    last_verified: dt.date
    documents: frozenset[str]  # those its quotes cite


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
        self._disk = fingerprint(self.path)
        self._bom = raw.startswith(codecs.BOM_UTF8)
        text, problems = decode(raw)
        if problems:
            raise RegistryError(str(path), problems)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self._keys = itertools.count(1)
        self._rendered: dict[int, str] = {}  # edited clinics as the last render wrote them
        self._style: Styles | None = None  # the file's styles, read at the first edit
        self._documents: dict[str, DocumentWords] = {}  # the words of each quoted document found
        # each document not at hand, with the state of the folders it was looked for in
        self._missing: dict[str, tuple[int | None, ...]] = {}
        self._folders: tuple[int | None, ...] | None = None  # their state during every_problem
        built: list[Sized] = []  # the clinics, frozen out of the collector's sight when many
        with gc_paused(built):  # a node per value: needless collections would double the time
            slices = slice_registry(text, str(self.path))
            self._entries = [
                _Entry(next(self._keys), clinic.lead, clinic.text, clinic.data, clinic.data, True)
                for clinic in slices.clinics
            ]
            built.append(self._entries)
        self._removed: list[_Entry] = []  # clinics of the file taken out, for a merge
        self._head, self._tail, self._dash = slices.head, slices.tail, slices.dash
        self._brackets = slices.brackets  # "clinics: []" as written, while the list is empty
        self._block_layout = slices.block_layout
        self._clean: dict[int, _Clean] = {}  # clinics found with no problem as written
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
        return cls(Path(path), read_regular(path, registry_limit()))

    # reading ----------------------------------------------------------------------------

    def clinic_keys(self) -> list[int]:
        """Every clinic's key, in file order."""
        return [entry.key for entry in self._entries]

    def holds(self, key: int) -> bool:
        """True when a clinic of this key is in the document (not removed)."""
        return key in self._by_key

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
        """The id the clinic has in the file on disk; None for a clinic not saved yet (a
        duplicate too: its text is a copy of another clinic's)."""
        entry = self._entry(key)
        return str(entry.base.get("id") or "") or None if entry.on_disk else None

    def in_file(self, key: int) -> bool:
        """True when the clinic is in the file as last read or saved; False for one added or
        duplicated here (also one a merge carried over): it has no line in the file yet."""
        return self._entry(key).on_disk

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
        if entry.on_disk:
            self._removed.append(entry)
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
        if removal.entry in self._removed:
            self._removed.remove(removal.entry)

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
        entry naming no fact of the clinic, when the registry cites its facts at all
        (:attr:`cites_facts`) a fact no quote covers, and a quote its document (where at hand)
        does not bear out; so what the editor saves validates.
        """
        data = self.entry(key)
        found = []
        try:
            clinic = Clinic.model_validate(data)
        except ValidationError as error:
            for detail in error.errors():
                loc = tuple(detail["loc"])  # a missing field's too: the form shows it empty
                why = explain(detail, ("clinics", 0, *loc), in_form=True)
                found.append((loc, f"{label_of(loc)}: {why}"))
        else:
            found.extend(p for p in self._gaps(clinic) if self._blocks(p[0]))
            found.extend(self._labelled(quote_check(data, self._document_words, field_label)[0]))
            entry = self._entry(key)
            if not found and entry.text and data is entry.base:  # as written: kept for a save
                documents = frozenset(source.document for source in clinic.sources)
                self._clean[key] = _Clean(entry.text, clinic.last_verified, documents)
        clinic_id = str(data.get("id") or "")
        if clinic_id and self._ids[clinic_id] > 1:
            found.append(
                (
                    ("id",),
                    _(DUPLICATE_ID).format(clinic_id=one_line(clinic_id)),
                )
            )
        return found

    def every_problem(
        self, keys: Iterable[int] | None = None
    ) -> dict[int, list[tuple[tuple[str | int, ...], str]]]:
        """Each clinic's problems (:meth:`problems`) by its key, of every clinic or those of
        ``keys``, the clinics with none left out: the folders a missing document would be in
        are looked at once for them all, not once a clinic (20,000 looks at 10,000 clinics)."""
        self._folders = folders_state(self.path)
        try:
            return {
                key: found
                for key in (self.clinic_keys() if keys is None else keys)
                if (found := self.problems(key))
            }
        finally:
            self._folders = None

    def gaps(self, key: int) -> list[tuple[tuple[str | int, ...], str]]:
        """A valid clinic's facts that no quote covers, in a registry that names no covers
        anywhere: they do not stop a save (the app reads such a registry), but ``locator
        validate`` refuses them."""
        try:
            clinic = Clinic.model_validate(self.entry(key))
        except ValidationError:
            return []
        return [p for p in self._gaps(clinic) if not self._blocks(p[0])]

    def quote_notes(self, key: int) -> list[tuple[tuple[str | int, ...], str]]:
        """A clinic's quotes that could not be checked, their documents not at hand (see
        :func:`locator.data.provenance.quote_check`): said beside the sources, no save
        stopped, as ``locator validate`` says them and still passes."""
        return self._labelled(quote_check(self.entry(key), self._document_words)[1])

    @staticmethod
    def _labelled(
        found: list[tuple[tuple[str | int, ...], str]],
    ) -> list[tuple[tuple[str | int, ...], str]]:
        """Each problem after the name of its field in the form ("Sources, row 2: …")."""
        return [(where, f"{label_of(where)}: {message}") for where, message in found]

    def _document_words(self, document: str) -> DocumentWords | None:
        """A document's words, found and read once while the editor is open; one not at
        hand is looked for again once a folder it would be in has changed (a document or a
        seeds folder put there), not on every check: opening 1,000 clinics checks them all."""
        if document not in self._documents:
            folders = self._folders or folders_state(self.path)
            if self._missing.get(document) == folders:
                return None
            found = document_words(self.path, document)
            if found is None:
                self._missing[document] = folders
                return None
            self._documents[document] = found
        return self._documents[document]

    @staticmethod
    def _gaps(clinic: Clinic) -> list[tuple[tuple[str | int, ...], str]]:
        return [
            (where, f"{label_of(where)}: {message}")
            for where, message in gaps(clinic, named=field_label)  # the form's words
        ]

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
            try:
                written, lost = rewritten(text, entry.base, entry.data, self._dash, self._styles())
            except ValueError:  # ruamel.yaml reads no integer of over 4,300 digits
                raise self._not_written_back(entry) from None
        else:
            written, lost = new_entry(entry.data, self._dash, self._styles()), Counter()
        if lost:
            comment = next(iter(lost))
            line = self.line_of(entry.key) + next(
                (n for n, t in enumerate(text.splitlines()) if comment in t), 0
            )
            raise EntryRewriteError(
                _(
                    "Saving would drop the comment “{comment}” on line {line}, beside or "
                    "after a field you emptied in the clinic {value}: keep a value in that "
                    "field, or move the comment in the file first."
                ).format(
                    comment=one_line(comment),
                    line=line,
                    value=entry.data.get("id") or entry.data.get("name") or "(new)",
                )
            )
        reread, problems = compose(written)
        plain = to_python(reread, written)[0] if reread is not None and not problems else None
        if not (isinstance(plain, list) and len(plain) == 1 and same_data(plain[0], entry.data)):
            raise self._not_written_back(entry)
        return written.replace("\n", newline) if newline != "\n" else written

    def _not_written_back(self, entry: _Entry) -> EntryRewriteError:
        return EntryRewriteError(
            _(
                "The clinic {value} at line {line_of} could not be written back "
                "exactly; nothing was saved. Edit it in the file."
            ).format(value=entry.data.get("id") or "(new)", line_of=self.line_of(entry.key))
        )

    def _styles(self) -> Styles:
        """How the file writes its clinics' values, read from its first clinics as written
        (enough to know its habits; reading all of 10,000 would cost seconds)."""
        if self._style is None:
            written = [entry.text for entry in self._entries if entry.text][:STYLE_SAMPLE]
            self._style = styles_of("".join(text.replace("\r\n", "\n") for text in written))
        return self._style

    def render(self) -> bytes:
        """The file as it would be saved now."""
        if not self._entries:
            return self._raw_of(self._head + self._brackets + self._tail)
        self._rendered = {}
        for entry in self._entries:
            if entry.edited:
                self._rendered[entry.key] = self._render(entry)
        return self._raw_of(self._joined(self._entries))

    def _joined(self, entries: list[_Entry]) -> str:
        """The file's text with ``entries`` as its clinics, each as the last render wrote it."""
        parts = [self._head]
        if self._brackets:
            parts.append(self.newline)  # "clinics: []" becomes a block list
        for entry in entries:
            if parts[-1] and not parts[-1].endswith("\n"):
                parts.append(self.newline)
            parts.extend((entry.lead, self._rendered.get(entry.key, entry.text)))
        parts.append(self._tail)
        return "".join(parts)

    def _raw_of(self, text: str) -> bytes:
        return (codecs.BOM_UTF8 if self._bom else b"") + text.encode("utf-8")

    def check(self) -> Registry:
        """Validate the edited file; raises ``RegistryError`` with every problem."""
        return parse_registry(self.render(), str(self.path))

    def _check(self, data: bytes, shown: str) -> None:
        """Check the file as it will be saved (``data``) as ``locator validate`` does; raises
        :class:`RegistryError` with every problem, each at its line in ``data``.

        The clinics found with no problem as written (:meth:`problems`, asked of every clinic
        as the editor opens) are not checked again: the whole of 10,000 takes seconds. The
        rest, with the file's other keys, are checked as a file of their own, and each clinic
        left out against them: its date, and the documents it cites listed. Should anything
        be wrong, the whole file is checked, and says where."""
        part = self._unchecked()
        if part is not None:
            text, clean = part
            try:
                registry = parse_registry(
                    self._raw_of(text), shown, provenance=self.cites_facts, documents=self.path
                )
            except RegistryError:
                pass  # its lines are not the file's
            else:
                listed = {document.file for document in registry.documents}
                if not any(
                    in_the_future(c.last_verified) or (listed and not c.documents <= listed)
                    for c in clean
                ):
                    return
        parse_registry(data, shown, provenance=self.cites_facts, documents=self.path)

    def _unchecked(self) -> tuple[str, list[_Clean]] | None:
        """The file with only the clinics not found clean as written (one at least), and
        those left out; None when the whole file is to be checked: none was found clean, an
        id is repeated, or the file is in a layout the check reads otherwise than the editor
        did (:attr:`RegistrySlices.block_layout`)."""
        if not self._block_layout or any(count > 1 for count in self._ids.values()):
            return None
        clean: list[_Clean] = []
        rest: list[_Entry] = []
        for entry in self._entries:
            found = self._clean.get(entry.key)
            if found is not None and found.text is entry.text and not entry.edited:
                clean.append(found)
            else:
                rest.append(entry)
        if not clean:
            return None
        return self._joined(rest or self._entries[:1]), clean

    def changed_on_disk(self) -> bool:
        """True when someone else changed the file since it was opened or last saved."""
        return fingerprint(self.path) != self._disk

    def save(self, path: Path | None = None, *, overwrite: bool = False) -> Path:
        """Validate, then write atomically, keeping backups; returns where it was written.

        Refuses (with :class:`ExternalChangeError`) to overwrite a file changed on disk since
        it was opened, checking again just before the rename, and (with
        :class:`TargetExistsError`) to replace another existing file, unless ``overwrite``.
        """
        target = Path(path) if path is not None else self.path
        data = self.render()
        self._check(data, str(target))
        refuse_unless_file(target)  # before asking to replace it: it cannot be
        same = os.path.realpath(target) == os.path.realpath(self.path)
        if same and not overwrite and self.changed_on_disk():
            raise ExternalChangeError(changed_sentence(self.path))
        if not same and not overwrite and target.exists():
            raise TargetExistsError(
                _("{target} already exists; choose to replace it, or pick another name").format(
                    target=target
                )
            )

        def unchanged_meanwhile() -> None:
            if same and not overwrite and self.changed_on_disk():
                raise ExternalChangeError(changed_sentence(self.path))

        written = save_with_backup(target, data, check=unchanged_meanwhile)
        self.path, self._raw = target, data
        self._disk = fingerprint(target)
        for entry in self._entries:
            if entry.edited:
                entry.text = self._rendered[entry.key]
                entry.base = entry.data
            entry.on_disk = True
        self._removed = []
        return written

    # another program's change -----------------------------------------------------------

    def merged_with_disk(self) -> Merge:
        """The file as it is on disk now, with this document's edits to the clinics that the
        other change left as they were: clinics added here, edited here, removed here.

        A clinic edited (or removed) here that the other program changed or removed too keeps
        the other program's version; :attr:`Merge.lost` names it. Raises
        :class:`RegistryError` when the file on disk cannot be edited now.
        """
        theirs = RegistryDocument.open(self.path)
        unclaimed: dict[str, list[int]] = {}
        for entry in theirs._entries:
            unclaimed.setdefault(entry.text, []).append(entry.key)

        def claim(entry: _Entry) -> int | None:
            keys = unclaimed.get(entry.text)
            return keys.pop(0) if keys else None

        merge = Merge(theirs)
        place = 0  # where a clinic added here goes: after the clinic before it here
        for entry in self._entries:
            if entry.on_disk:
                key = claim(entry)
                if key is None:
                    if entry.edited:
                        merge.lost.append(_name(entry.data))
                    continue
                if entry.edited:
                    theirs.replace(key, entry.data)
                    merge.kept.append(_name(entry.data))
                place = theirs.index_of(key) + 1
            else:
                added = _Entry(
                    next(theirs._keys), "", entry.text, copy.deepcopy(entry.base),
                    copy.deepcopy(entry.data),
                )  # fmt: skip
                theirs._insert(added, place, "")
                merge.kept.append(_name(entry.data))
                place += 1
        for entry in self._removed:
            key = claim(entry)
            if key is None:
                merge.lost.append(_name(entry.base))
            else:
                theirs.remove(key)
                merge.kept.append(_name(entry.base))
        return merge


@dataclass
class Merge:
    """A file changed on disk, with the edits made here that could be kept."""

    document: RegistryDocument
    kept: list[str] = field(default_factory=list)  # clinics whose edits here were kept
    lost: list[str] = field(default_factory=list)  # changed there too: theirs was kept


def _name(data: Mapping[str, Any]) -> str:
    """A clinic as the editor names it: "Nervana Medical (nervana-medical-sandy)"."""
    return f"{data.get('name') or _('the new clinic')} ({data.get('id') or _('no id yet')})"


def slug(text: str) -> str:
    """Lowercase words joined by hyphens, as ids are: "Nervana Medical Sandy" gives
    "nervana-medical-sandy"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:80].strip("-")
