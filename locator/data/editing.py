"""Editing the registry without losing a byte: round-trip YAML, atomic saves, no silent overwrites.

ruamel.yaml keeps comments, key order, quoting and flow style of everything not touched; with
the settings below a file in the canonical layout (what ``locator fmt`` writes) comes back
byte for byte, so ``git diff`` after an edit shows only the edited lines. New text values are
quoted whenever YAML 1.1 and 1.2 would read them differently, so the file keeps meaning the
same to every tool (see ``yaml_source``).
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML, YAMLError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from locator.data.loader import parse_registry
from locator.data.models import Registry
from locator.data.yaml_source import Problem, needs_quotes
from locator.errors import ExternalChangeError, FileWriteError, RegistryError, RegistryWriteError
from locator.files import atomic_write

log = logging.getLogger(__name__)


def round_trip_yaml() -> YAML:
    """ruamel.yaml set up for lossless editing and the canonical layout."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long quotes
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(data: Any) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()


def canonical(text: str) -> str:
    """``text`` in the canonical layout, every comment and value kept."""
    return _dump(round_trip_yaml().load(text))


def digest(data: bytes) -> str:
    """The SHA-256 of file contents, to notice changes made by others."""
    return hashlib.sha256(data).hexdigest()


def save_with_backup(path: Path, text: str) -> Path:
    """Write ``text`` atomically to ``path`` (making its folder if needed), keeping the previous
    version as ``NAME.bak``.

    The backup is a convenience: when it cannot be written the save goes on. Raises
    :class:`RegistryWriteError` when the file cannot be written; it is then unchanged.
    """
    if path.is_file():
        try:
            atomic_write(f"{path}.bak", path.read_bytes())
        except OSError as error:
            log.warning("no backup of %s: %s", path, error)
    try:
        return atomic_write(path, text, parents=True)
    except FileWriteError as error:
        raise RegistryWriteError(str(error)) from error


def _quoted(value: Any) -> Any:
    """Values as they should be written: risky strings quoted, containers made round-trip."""
    if isinstance(value, str):
        return DoubleQuotedScalarString(value) if needs_quotes(value) else value
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _quoted(item)
        return mapping
    if isinstance(value, list | tuple):
        return CommentedSeq([_quoted(item) for item in value])
    return value


class RegistryDocument:
    """An open registry file: edit it in place, then save it safely."""

    def __init__(self, path: Path, text: str, disk_digest: str) -> None:
        self.path = Path(path)
        self.original = text
        self._disk_digest = disk_digest
        self.data = round_trip_yaml().load(text)

    @classmethod
    def open(cls, path: Path) -> RegistryDocument:
        """Read ``path`` for editing.

        Raises :class:`RegistryError` when the file is not YAML, with the problem at its line
        and column as ``locator validate`` reports it, so the maintainer knows what to fix.
        """
        data = Path(path).read_bytes()
        try:
            return cls(Path(path), data.decode("utf-8-sig"), digest(data))
        except YAMLError as error:
            parse_registry(data, str(path))  # raises with the loader's own wording, if it can
            mark = getattr(error, "problem_mark", None)
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            message = f"YAML syntax error: {getattr(error, 'problem', None) or error}"
            raise RegistryError(str(path), [Problem(line, column, message)]) from error

    # reading ----------------------------------------------------------------------------

    def _clinics(self) -> CommentedSeq:
        clinics: CommentedSeq = self.data["clinics"]  # ruamel.yaml's documents are untyped
        return clinics

    def _index_of(self, clinic_id: str) -> int:
        for index, clinic in enumerate(self._clinics()):
            if clinic.get("id") == clinic_id:
                return index
        raise KeyError(clinic_id)

    def clinic(self, clinic_id: str) -> CommentedMap:
        """The editable mapping of one clinic."""
        clinic: CommentedMap = self._clinics()[self._index_of(clinic_id)]
        return clinic

    # editing ----------------------------------------------------------------------------

    def set_value(self, clinic_id: str, field: Sequence[str], value: Any) -> None:
        """Set ``field`` (a path such as ``("location", "latitude")``) of a clinic.

        ``None`` removes the field. Missing parent mappings are created.
        """
        node = self.clinic(clinic_id)
        for key in field[:-1]:
            if key not in node or node[key] is None:
                node[key] = CommentedMap()
            node = node[key]
        old = node.get(field[-1])
        if value is None:
            node.pop(field[-1], None)
        elif old != value:  # untouched values keep their exact spelling
            new = _quoted(value)
            if (
                isinstance(old, CommentedSeq | CommentedMap)
                and isinstance(new, CommentedSeq | CommentedMap)
                and old.fa.flow_style()
            ):
                new.fa.set_flow_style()  # [a, b] stays on one line
            node[field[-1]] = new

    def add_clinic(self, clinic: Mapping[str, Any]) -> None:
        """Append a new clinic entry."""
        self._clinics().append(_quoted(dict(clinic)))

    def remove_clinic(self, clinic_id: str) -> None:
        """Remove a clinic entry."""
        del self._clinics()[self._index_of(clinic_id)]

    def duplicate_clinic(self, clinic_id: str, new_id: str) -> None:
        """Copy a clinic under a new id, right after the original."""
        index = self._index_of(clinic_id)
        copy = round_trip_yaml().load(_dump(self._clinics()[index]))
        copy["id"] = new_id
        self._clinics().insert(index + 1, copy)

    # saving -----------------------------------------------------------------------------

    def text(self) -> str:
        """The file as it would be saved."""
        return _dump(self.data)

    def check(self) -> Registry:
        """Validate the edited file; raises ``RegistryError`` with every problem."""
        return parse_registry(self.text().encode("utf-8"), str(self.path))

    def changed_on_disk(self) -> bool:
        """True when someone else changed the file since it was opened or last saved."""
        try:
            return digest(self.path.read_bytes()) != self._disk_digest
        except FileNotFoundError:
            return True

    def save(self, path: Path | None = None, *, overwrite: bool = False) -> Path:
        """Validate, then write atomically (keeping a backup); returns where it was written.

        Refuses to overwrite a file changed on disk since it was opened unless ``overwrite``.
        """
        target = Path(path) if path is not None else self.path
        self.check()
        if target == self.path and not overwrite and self.changed_on_disk():
            raise ExternalChangeError(
                f"{self.path} changed on disk since it was opened; reload it, or save your "
                "edits as another file"
            )
        text = self.text()
        save_with_backup(target, text)
        self.path, self.original = target, text
        self._disk_digest = digest(text.encode("utf-8"))
        return target
