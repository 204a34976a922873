"""Per-fact provenance: which source quote supports which field of a clinic.

Each quote names the fields it supports in ``covers``, and a list field's values one by one
where it says only some of them (``{treatments: [consultation]}``). An entry that names values
anywhere cites per value: each value of each of its list fields then needs a quote naming it,
and a quote cites only the values it says. Every field that is set needs at least one quote,
except the entry's own bookkeeping (:data:`EXEMPT`): its id and kind, its location (which
cites its gazetteer entry in ``location.source``), the maintainer's notes, what the registry
infers (which gives its reason), what an HSDS import kept as HSDS wrote it (its source is the
imported file), the sources themselves and the date they were checked. The
set of fields that need a quote is read from the model, so a field added to
:class:`~locator.data.models.Clinic` needs a quote at once.

When the documents are at hand (in a ``seeds`` folder beside the registry, beside it, or
shipped beside the bundled registry), each quote is also checked against its document
(:func:`quote_check`): it must be there word for word, and name what it is said to support
(the phone number, the city, …). Both ``locator validate`` and the editor refuse a quote that
fails, and say which quotes they could not check.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import functools
import io
import json
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from locator.data.paths import DOCUMENTS_FOLDER, shipped_documents
from locator.data.vocabulary import Condition, Language, Payment, Treatment
from locator.errors import did_you_mean
from locator.files import (
    MAX_DOCUMENT_BYTES,
    ZIP_START,
    FileTooLargeError,
    csv_rows,
    read_regular,
)
from locator.i18n import N_, _, megabytes
from locator.terminal import one_line

if TYPE_CHECKING:  # the models load with a registry, off the window's thread
    from locator.data.models import Clinic, Source

EXEMPT = frozenset(
    {"id", "kind", "location", "notes", "inferred", "hsds", "sources", "last_verified"}
)


@functools.cache
def fact_fields() -> tuple[str, ...]:
    """The fields of a clinic that need a quote, in the model's order: every one but
    :data:`EXEMPT`."""
    from locator.data.models import Clinic

    return tuple(name for name in Clinic.model_fields if name not in EXEMPT)


Loc = tuple[str | int, ...]


def is_set(value: Any) -> bool:
    """A field holds a fact unless it is absent or empty (unknown is "not listed")."""
    return value not in (None, "", [], {})


def facts(clinic: Clinic) -> list[str]:
    """The fields of ``clinic`` that state something and so need a quote, in model order."""
    return [name for name in fact_fields() if is_set(getattr(clinic, name))]


def quotes_for(clinic: Clinic, fields: Sequence[str]) -> list[Source]:
    """The quotes that support any of ``fields``, in the entry's order."""
    return [source for source in clinic.sources if set(source.fields) & set(fields)]


def value_keys(clinic: Clinic | Mapping[str, Any], field: str) -> list[str] | None:
    """How a quote names each value of the list ``field`` in ``covers`` (a term's key, a
    provider's name, a place as written); None for a field that is not a list."""
    value = clinic.get(field) if isinstance(clinic, Mapping) else getattr(clinic, field, None)
    if not isinstance(value, list):
        return None
    return [_value_key(item) for item in value]


def _value_key(item: Any) -> str:
    if isinstance(item, Mapping):  # a provider, in a file's plain data
        return str(item.get("name") or "")
    name = getattr(item, "name", None)  # a provider, as a model
    return name if isinstance(name, str) and not isinstance(item, str) else str(item)


def cites_values(clinic: Clinic) -> bool:
    """Whether the entry cites per value: one of its quotes names values of a field."""
    return any(isinstance(cover, dict) for source in clinic.sources for cover in source.covers)


def quotes_for_value(clinic: Clinic, field: str, key: str) -> list[Source]:
    """The quotes that say the value ``key`` of the list ``field``: those naming it, and those
    supporting the whole field."""
    found = []
    for source in clinic.sources:
        if field not in source.fields:
            continue
        values = source.values(field)
        if values is None or key in values:
            found.append(source)
    return found


def gaps(
    clinic: Clinic, named: Callable[[str], str] | None = None, *, guess: bool = True
) -> list[tuple[Loc, str]]:
    """What breaks per-fact provenance in one clinic: each problem's path inside the entry
    (``("phone",)``, ``("sources", 2, "covers", 0)``) and a sentence saying what to do.

    With ``named`` (a field's label in the editor's form: "Serves"), the sentences say what
    to do in the form, which ticks the facts a quote supports; without, in the file. Without
    ``guess``, a name in covers that is no field is only named, with no "did you mean"."""
    present = facts(clinic)
    filled = frozenset(present)  # asked of each name a quote covers
    per_value = cites_values(clinic)
    found: list[tuple[Loc, str]] = []
    covered: set[str] = set()
    for index, source in enumerate(clinic.sources):
        names = source.fields
        covered.update(names)
        for position, name in enumerate(names):
            problem = (
                _cover_problem(name, filled, guess=guess)
                if named is None
                else _tick_problem(name, filled, named)
            )
            problem = problem or _values_problem(clinic, source, position, name, per_value, named)
            if problem:
                found.append((("sources", index, "covers", position), problem))
    if per_value:
        found += _uncited_values(clinic, present, named)
    for name in present:
        if name in covered or (per_value and value_keys(clinic, name) is not None):
            continue  # each value of a list no quote names is said above, as its own problem
        if named is None:
            problem = _(
                "no source quote covers this fact; name '{field}' in the covers "
                "(Supports) of the quote that says it, or remove the field (what no "
                "source says is shown as \u201cnot listed\u201d)"
            ).format(field=name)
        else:
            problem = _(
                "no source quote covers this fact; under Sources, select the quote that says "
                "it and tick '{field}', or empty the field (what no source says is shown as "
                "\u201cnot listed\u201d)"
            ).format(field=named(name))
        found.append(((name,), problem))
    return found


def _values_problem(
    clinic: Clinic,
    source: Source,
    position: int,
    field: str,
    per_value: bool,
    named: Callable[[str], str] | None,
) -> str:
    """What is wrong with the covers item at ``position`` (naming ``field``): a value the
    field does not hold, or (in an entry that cites per value) a list field cited whole, even
    beside its values."""
    cover = source.covers[position]
    values = list(cover[field]) if isinstance(cover, dict) else None
    if values is None and not per_value:  # a field cited whole, as most are: nothing to check
        return ""
    keys = value_keys(clinic, field)
    if keys is None:
        if values is not None:
            return _("'{field}' holds one value, not a list: name it alone").format(
                field=named(field) if named else field
            )
        return ""
    if values is None:
        if not per_value:
            return ""
        if named is not None:
            return _(
                "this entry cites each value: untick '{field}' and tick the values this quote "
                "says ('{example}')"
            ).format(field=named(field), example=value_named(field, keys[0], named))
        return _(
            "this entry cites each value: name the values of '{field}' this quote says ({example})"
        ).format(field=field, example=f"{field}: [{', '.join(keys[:2])}]")
    strange = [value for value in values if value not in keys]
    if strange:
        return _("{values} not in '{field}'; name only values the field holds ({keys})").format(
            values=", ".join(f"“{one_line(str(value))}”" for value in strange),
            field=named(field) if named else field,
            keys=", ".join(keys),
        )
    return ""


def _uncited_values(
    clinic: Clinic, present: Sequence[str], named: Callable[[str], str] | None
) -> list[tuple[Loc, str]]:
    """Each value of a list field no quote names, in an entry that cites per value."""
    found: list[tuple[Loc, str]] = []
    for field in present:
        for position, key in enumerate(value_keys(clinic, field) or []):
            if quotes_for_value(clinic, field, key):
                continue
            problem = (
                _(
                    "no quote says “{value}”: name it under the covers of the quote that says "
                    "it ({field}: [{value}]), or remove it"
                ).format(value=one_line(key), field=field)
                if named is None
                else _(
                    "no quote says “{value}”: under Sources, select the quote that says it and "
                    "tick '{choice}', or remove it"
                ).format(
                    value=one_line(value_label(field, key)), choice=value_named(field, key, named)
                )
            )
            found.append(((field, position), problem))
    return found


def value_named(field: str, key: str, named: Callable[[str], str]) -> str:
    """A value as the editor's Supports list offers it: "Offers: Consultation"."""
    return _("{field}: {value}").format(field=named(field), value=value_label(field, key))


def _tick_problem(name: str, present: Collection[str], named: Callable[[str], str]) -> str:
    """:func:`_cover_problem` in the words of the editor's form."""
    if name in EXEMPT:
        return _("'{field}' needs no quote; untick it").format(field=named(name))
    if name not in fact_fields():
        return _("“{name}” is not a field of a clinic; untick it").format(name=one_line(name))
    if name not in present:
        return _("'{field}' is not filled in for this clinic; fill it in, or untick it").format(
            field=named(name)
        )
    return ""


def unknown_covers(clinic: Clinic) -> int:
    """How many names in ``clinic``'s covers are no field of a clinic: each would be guessed at."""
    fields = frozenset(fact_fields()) | EXEMPT
    return sum(name not in fields for source in clinic.sources for name in source.fields)


def _cover_problem(name: str, present: Collection[str], *, guess: bool) -> str:
    if name in EXEMPT:
        return _(
            "'{field}' needs no quote (only the clinic's facts do; coordinates cite their "
            "gazetteer entry in location.source); remove it from covers"
        ).format(field=name)
    if name not in fact_fields():
        close = difflib.get_close_matches(name, fact_fields(), n=1, cutoff=0.6) if guess else []
        hint = did_you_mean(close) if close else ""
        return _(
            "“{name}” is not a field of a clinic{hint}; covers names the fields this quote "
            "supports ({fields})"
        ).format(name=one_line(name), hint=hint, fields=", ".join(fact_fields()))
    if name not in present:
        return _(
            "'{field}' is not set in this entry; fill in the field this quote supports, or "
            "remove it from covers"
        ).format(field=name)
    return ""


DOCUMENT_FOLDERS = (DOCUMENTS_FOLDER, ".")  # where its documents are looked for, beside a registry


def document_path(registry: Path, document: str) -> Path | None:
    """The file of ``document`` beside the ``registry`` file, else among the documents shipped
    beside the bundled registry (a maintainer's own copy of it cites them too); None when it
    is not at hand."""
    if not document or Path(document).name != document:
        return None  # a document is named by its file name alone
    for folder in (*(registry.parent / name for name in DOCUMENT_FOLDERS), shipped_documents()):
        candidate = folder / document
        if candidate.exists() or candidate.is_symlink():  # a folder: an imported CSV package
            return candidate
    return None


def unread_document(path: Path) -> str | None:
    """Why the document found at ``path`` is not read for its quotes, in words that follow
    its name ("is a pipe or a device…"); None when it is read."""
    why = _unread(path)
    return why() if why is not None else None


def _unread(path: Path) -> Callable[[], str] | None:
    """What says, in the language in use when it is asked, why the document at ``path`` is
    not read (None: it is). Found without reading it: a link leading out of its folder is not
    followed, a pipe never waited on, and a file past :data:`MAX_DOCUMENT_BYTES` never held."""
    try:
        if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
            return functools.partial(_, N_("links outside its folder, and is not followed"))
        found = path.stat()
    except (OSError, RuntimeError):  # a link to nothing, or a loop of links
        return functools.partial(_, N_("cannot be read"))
    if stat.S_ISDIR(found.st_mode):  # an imported CSV package, if it holds its tables
        if not _package_tables(path):
            return functools.partial(_, N_("is a folder holding no CSV tables, not a document"))
        return None
    if not stat.S_ISREG(found.st_mode):
        return functools.partial(_, N_("is a pipe or a device, not a file"))
    if found.st_size > MAX_DOCUMENT_BYTES:
        return functools.partial(_too_large, found.st_size)
    return None


def _too_large(size: int) -> str:
    return _("is {size} MB; a document may be at most {limit} MB").format(
        size=megabytes(size), limit=megabytes(MAX_DOCUMENT_BYTES)
    )


def folders_state(registry: Path) -> tuple[int | None, ...]:
    """When each folder beside ``registry`` that documents are looked for in last changed
    (None: not there): a document or folder put there changes it."""
    found: list[int | None] = []
    for folder in (registry.parent / name for name in DOCUMENT_FOLDERS):
        try:
            found.append(folder.stat().st_mtime_ns)
        except OSError:
            found.append(None)
    return tuple(found)


@dataclass(frozen=True)
class DocumentWords:
    """A document's text with each run of white space as one space, as quotes are compared
    with it, and each of its strings (a JSON string, a CSV cell) alike: a quote that is one of
    them is found at once, where searching the text takes as long as the document is (an
    imported directory of 100,000 services is quoted a million times, from its own file)."""

    text: str
    pieces: frozenset[str] = frozenset()
    # why it was not read, said after its name in the language in use (:func:`_unread`)
    unread: Callable[[], str] | None = None

    def __contains__(self, quote: str) -> bool:
        return quote in self.pieces or quote in self.text


# A document's words by its name (None: not at hand), as :func:`document_words` gives them.
Words = Callable[[str], DocumentWords | None]


def words_beside(registry: Path) -> Words:
    """The words of each document beside ``registry``, read at its first quote and kept: a
    check reads each document once, and so does an import checked a part at a time."""
    return functools.cache(functools.partial(document_words, registry))


def document_words(registry: Path, document: str) -> DocumentWords | None:
    """The words of ``document`` (found as :func:`document_path` finds it); None when it is
    not at hand."""
    path = document_path(registry, document)
    if path is None:
        return None
    unread = _unread(path)
    if unread is not None:
        return DocumentWords("", unread=unread)
    try:
        if path.is_dir():
            return _pieces_words(_package_cells(_folder_tables(path)))
        if _is_zip(path):  # an imported package, zipped: its CSV files' cells
            return _pieces_words(_package_cells(_zip_tables(path)))
        text = read_regular(path, MAX_DOCUMENT_BYTES).decode("utf-8", errors="replace")
    except FileTooLargeError as error:  # grown since it was looked at
        return DocumentWords("", unread=functools.partial(_too_large, error.size))
    except _TooLargeError:  # a zip inflating past what a package may: not checked, and said
        return None
    except (zipfile.BadZipFile, EOFError, zlib.error):  # cut short, or a member damaged
        return DocumentWords("", unread=functools.partial(_, _DAMAGED_ZIP))
    except (NotImplementedError, RuntimeError):  # a compression zipfile lacks, a password
        return DocumentWords("", unread=functools.partial(_, _LOCKED_ZIP))
    except OSError:
        return DocumentWords("")  # there but unreadable: no quote is found in it, and said
    if path.suffix != ".json":
        return DocumentWords(_long_words(text))
    return _pieces_words(_json_strings(text), _long_words(text))


def _pieces_words(pieces: list[str], text: str = "") -> DocumentWords:
    """The words of a document of ``pieces`` (its strings or cells), after its ``text`` as
    :func:`_long_words` gives it: as :func:`_words` of all of them on lines of their own."""
    words = [_words(piece) for piece in pieces]
    return DocumentWords(" ".join(filter(None, [text, *words])), frozenset(words))


_PIECE = 1 << 20  # characters of a long text made words at a time
_SPACE = re.compile(r"\s")


def _long_words(text: str) -> str:
    """:func:`_words` of ``text``, a megabyte at a time (each piece ending at a space): made at
    once, the words of an imported directory of hundreds of megabytes were all held as objects
    of their own (gigabytes)."""
    words, start = [], 0
    while start < len(text):
        space = _SPACE.search(text, start + _PIECE)
        end = len(text) if space is None else space.start()
        words.append(_words(text[start:end]))
        start = end
    return " ".join(filter(None, words))


_DAMAGED_ZIP = N_("is a damaged zip (cut short, or a file in it damaged); make the zip again")
_LOCKED_ZIP = N_("is a zip locked with a password, or packed in a way locator does not read")


def _is_zip(path: Path) -> bool:
    """Whether the document at ``path`` is a zip: one cut short, whose directory zipfile does
    not find, is a zip all the same (read as text, its quotes were all "not in it")."""
    with path.open("rb") as stream:
        if stream.read(len(ZIP_START)) == ZIP_START:
            return True
    return zipfile.is_zipfile(path)


# What a zipped package's CSV files may inflate to together before its quotes go unchecked
# (as much as an import reads): a zip made to inflate without end is never read whole.
ZIP_TEXT_LIMIT = MAX_DOCUMENT_BYTES


class _TooLargeError(Exception):
    """A zipped package inflates past :data:`ZIP_TEXT_LIMIT`."""


def _package_tables(folder: Path) -> list[Path]:
    """The CSV tables of the package ``folder``: plain files in it, never a pipe, a device or
    a link leading out of it."""
    return [
        table
        for table in sorted(folder.glob("*.csv"))
        if _unread(table) is None and table.is_file()
    ]


def _folder_tables(folder: Path) -> Iterator[bytes]:
    """The package's tables, read within ZIP_TEXT_LIMIT in all."""
    left = ZIP_TEXT_LIMIT
    for table in _package_tables(folder):
        try:
            data = read_regular(table, left)
        except FileTooLargeError:
            raise _TooLargeError from None
        left -= len(data)
        yield data


def _zip_tables(path: Path) -> Iterator[bytes]:
    """The CSV files of the zip at ``path``, each read inflated, within ZIP_TEXT_LIMIT in all
    (a member's stated size may be a lie: what it inflates to is counted)."""
    left = ZIP_TEXT_LIMIT
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda info: info.filename):
            if info.filename.endswith(".csv") and not info.is_dir():
                with archive.open(info) as member:
                    data = member.read(left + 1)
                left -= len(data)
                if left < 0:
                    raise _TooLargeError
                yield data


def _package_cells(tables: Iterable[bytes]) -> list[str]:
    """The cells of a package's CSV files (an imported HSDS package, whose quotes are its
    cells as they read: a cell's doubled quotation marks undone)."""
    cells: list[str] = []
    for data in tables:
        text = data.decode("utf-8-sig", errors="replace")
        with contextlib.suppress(csv.Error):  # what could be read is searched
            for row in csv_rows(io.StringIO(text, newline="")):
                cells.extend(row)
    return cells


def _json_strings(text: str) -> list[str]:
    """The strings a JSON document holds, decoded (JSON may write "Cl\\u00ednica" or
    "https:\\/\\/"), so that a quote of what the document says is found in it; none when it is
    not JSON. Each object's strings are taken as it is read, and the object let go: a
    directory of hundreds of megabytes is never held whole as Python's objects."""
    found: list[str] = []

    def strings(values: list[Any]) -> None:
        stack = [values]
        while stack:
            for value in stack.pop():
                if isinstance(value, str):
                    found.append(value)
                elif isinstance(value, list):
                    stack.append(value)

    def taken(pairs: list[tuple[str, Any]]) -> None:
        strings([value for _name, value in pairs])

    try:
        strings([json.loads(text, object_pairs_hook=taken)])
    except ValueError:
        return []
    return found


def _words(text: str) -> str:
    """Text with each run of white space as one space: a quote copied across a line break is
    still word for word."""
    return " ".join(text.split())


def _said(field: str, data: Mapping[str, Any]) -> list[str]:
    """What a quote supporting ``field`` should name, any one of them (empty: not checked,
    as for vocabulary terms, which a source says in its own words)."""
    value = data.get(field)
    if field == "name" and data.get("kind") == "unnamed_provider":
        return []  # the name says no name was given: no quote names it
    if field in ("name", "organization", "email") and isinstance(value, str):
        return [value]
    if field == "phone" and isinstance(value, str):
        return [re.sub(r"\D", "", value)[-7:]]  # its digits, however written
    if field == "website" and isinstance(value, str):
        host = re.sub(r"^[a-z]+://(www\.)?", "", value.lower()).split("/")[0]
        return [host.split(".")[0]]
    if field == "address" and isinstance(value, Mapping):
        return [str(v) for k, v in value.items() if k in ("street", "city") and v]
    if field == "service_area" and isinstance(value, list):
        return [str(place).split(",")[0] for place in value]
    return []


# How a quote may say a term, where its English label is not the words a source uses: any one
# of these, in any case. A term not listed is said by its label (without a bracketed remark).
SAID_AS: dict[str, tuple[str, ...]] = {
    "depression": ("depression", "depressive"),
    "ptsd": ("ptsd", "post-traumatic stress"),
    "suicidal_ideation": ("suicidal",),
    "substance_use": ("substance use", "addiction"),
    "ketamine_route_not_stated": ("ketamine",),
    "iv_ketamine_infusion": ("intravenous", "infusion"),
    "im_ketamine_injection": ("intramuscular", "injection"),
    "oral_ketamine": ("oral", "sublingual", "troche", "lozenge"),
    "esketamine_nasal_spray": ("esketamine", "spravato", "nasal spray"),
    "ketamine_assisted_psychotherapy": ("ketamine-assisted psychotherapy", "kap"),
    "aftercare": ("aftercare", "integration"),
    "self_pay": ("self-pay", "self pay", "cash"),
    "veterans": ("tricare", "veteran"),
    "hsa_fsa": ("hsa", "fsa"),
    "financing": ("financing", "payment plan"),
}
TERM_FIELDS = {
    "conditions": Condition,
    "treatments": Treatment,
    "not_offered": Treatment,
    "payment": Payment,
    "payment_not_accepted": Payment,
    "languages": Language,
}


def value_label(field: str, key: str) -> str:
    """A value as a reader reads it: a term's label ("Consultation"), else as written."""
    vocabulary = TERM_FIELDS.get(field)
    try:
        return vocabulary(key).label if vocabulary else key
    except ValueError:
        return key


def said_as(field: str, value: str) -> list[str]:
    """The words any one of which a quote naming ``value`` of the list ``field`` contains
    (empty: not checked)."""
    if field == "service_area":
        return [value.split(",")[0]]
    if field == "providers":
        return [value.split()[-1]] if value.split() else []  # "Dr. Allison" names Allison
    vocabulary = TERM_FIELDS.get(field)
    if vocabulary is None:
        return [value]
    if value in SAID_AS:
        return list(SAID_AS[value])
    try:
        return [re.sub(r"\s*\(.*\)", "", vocabulary(value).english).lower()]
    except ValueError:
        return []  # not a term: the schema says so


def _claims(
    cover: Any, data: Mapping[str, Any], named: Callable[[str], str]
) -> list[tuple[str, str, list[str]]]:
    """What one ``covers`` entry says the quote names: per field or value (named as
    ``named`` calls a field: "Treats: Depression"), any one of these words."""
    if isinstance(cover, Mapping):
        return [
            (
                str(field),
                value_named(str(field), str(value), named),
                said_as(str(field), str(value)),
            )
            for field, values in cover.items()
            for value in (values if isinstance(values, list) else [])
        ]
    return [(str(cover), named(str(cover)), _said(str(cover), data))]


def _names(quote: str, wanted: list[str], field: str) -> bool:
    if field == "phone":
        return any(want in re.sub(r"\D", "", quote) for want in wanted)
    lowered = _words(quote).lower()
    return any(_words(want).lower() in lowered for want in wanted)


def quote_check(
    data: Mapping[str, Any],
    words: Callable[[str], DocumentWords | None],
    named: Callable[[str], str] = str,
) -> tuple[list[tuple[Loc, str]], list[tuple[Loc, str]]]:
    """A clinic's quotes checked against their documents: what is wrong (a quote not in its
    document word for word, or not naming the value it is said to support, the field called
    by ``named``), and which quotes could not be checked (their document not at hand).
    ``words`` gives a document's text by its name, as :func:`document_words` does (the caller
    keeps them: the editor checks on every keystroke)."""
    wrong: list[tuple[Loc, str]] = []
    unchecked: list[tuple[Loc, str]] = []
    sources = data.get("sources")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        if not isinstance(source, Mapping) or not source.get("quote"):
            continue
        document, quote = str(source.get("document") or ""), str(source["quote"])
        text = words(document) if document else None
        if text is not None and text.unread is not None:
            unchecked.append(
                (
                    ("sources", index, "document"),
                    _("quote not checked: {document} {why}").format(
                        document=document, why=text.unread()
                    ),
                )
            )
            continue
        if text is None:
            if document:
                unchecked.append(
                    (
                        ("sources", index, "document"),
                        _(
                            "quote not checked: {document} is not at hand (put the documents "
                            "in a seeds folder beside the registry to check their quotes)"
                        ).format(document=document),
                    )
                )
            continue
        if _words(quote) not in text:
            wrong.append(
                (
                    ("sources", index, "quote"),
                    _(
                        "this quote is not in {document} word for word; copy it from the "
                        "document (curly quotes and all)"
                    ).format(document=document),
                )
            )
            continue
        covers = source.get("covers")
        for position, cover in enumerate(covers if isinstance(covers, list) else []):
            for field, claimed, wanted in _claims(cover, data, named):
                if wanted and not _names(quote, wanted, field):
                    wrong.append(
                        (
                            ("sources", index, "covers", position),
                            _(
                                "the quote does not name {value}, so it does not support "
                                "'{field}'; cite a quote that says it"
                            ).format(value=" / ".join(wanted), field=claimed),
                        )
                    )
    return wrong, unchecked


def documents_not_read(clinics: Sequence[Clinic], registry: Path) -> list[str]:
    """For each document the ``clinics`` cite that is at hand beside ``registry`` but not read
    for its quotes, a sentence saying why (:func:`unread_document`)."""
    cited = {source.document for clinic in clinics for source in clinic.sources if source.quote}
    said = []
    for name in sorted(cited):
        path = document_path(registry, name)
        why = unread_document(path) if path is not None else None
        if why is not None:
            said.append(_("quotes not checked: {document} {why}").format(document=name, why=why))
    return said


def documents_not_at_hand(clinics: Sequence[Clinic], registry: Path) -> list[str]:
    """The documents the ``clinics`` cite that are not at hand beside ``registry``: their
    quotes could not be checked."""
    cited = {source.document for clinic in clinics for source in clinic.sources if source.quote}
    return sorted(name for name in cited if document_path(registry, name) is None)
