"""Checking a registry file in full: every problem at once, each at its line and column.

What :func:`locator.data.loader.parse_registry` does when the cache of checked registries has
no answer: PyYAML reads the text keeping each value's position, the models check it, and each
problem becomes a sentence at its place in the file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from locator.data import bidi, block_yaml
from locator.data.hosts import web_address_fault
from locator.data.models import Registry, validated
from locator.data.provenance import Words, gaps, quote_check, unknown_covers, words_beside
from locator.data.vocabulary import Term
from locator.data.yaml_source import Marks, Problem, compose, decode, mark_of, read_tree
from locator.errors import RegistryError, did_you_mean
from locator.i18n import N_, _, language
from locator.progress import Counted
from locator.terminal import has_controls, one_line

_T = TypeVar("_T")
Locate = Callable[..., tuple[int, int]]  # a value's line and column, from its path (mark_of)


def check_registry(
    data: bytes,
    path: str,
    *,
    provenance: bool = False,
    documents: Path | None = None,
    step: Counted | None = None,
    words: Words | None = None,
) -> Registry:
    """The registry in ``data``, checked in full (see :func:`locator.data.loader.parse_registry`);
    raises :class:`RegistryError` with every problem found."""
    text, problems = decode(data)
    if problems:
        raise RegistryError(path, problems)
    reorders = bidi.may_reorder(text)
    quick = _read_quickly(
        text, reorders=reorders, provenance=provenance, documents=documents, step=step, words=words
    )
    if isinstance(quick, Registry):
        return quick
    root, problems = compose(text)
    if problems:
        raise RegistryError(path, problems)
    if root is None:
        raise RegistryError(
            path,
            [
                Problem(
                    1,
                    1,
                    _(
                        "the file is empty: a registry starts with schema_version: 1 and a "
                        "list of clinics"
                    ),
                )
            ],
        )
    plain, problems, aliases = read_tree(root, text)
    if not isinstance(plain, dict):
        line, column = mark_of(root, ())
        problems.append(
            Problem(
                line, column, _("the top level must be a mapping with schema_version and clinics")
            )
        )
        raise RegistryError(path, problems)
    try:
        if isinstance(quick, _Refused) and quick.plain == plain:
            raise quick.error  # the same values, refused already: not validated twice
        registry = validated(Registry, plain, reorders=reorders)
    except ValidationError as error:
        # A value already refused while reading YAML (``yes``, ``02108``) is not reported twice.
        reported = {(problem.line, problem.column) for problem in problems}
        placed: set[tuple[str | int, ...]] = set()
        details = error.errors(include_url=False)
        guess = sum(detail["type"] in _UNKNOWN_NAMES for detail in details) <= MAX_GUESSES
        found = _validation_problems(Marks(root), details, guess=guess)
        # A value no member of a union takes is said once: where one member's error is
        # inside the value ({name: 1}: "name: should be a list"), that one, else the first.
        inside = {
            problem.where[:end]
            for problem, detail in zip(found, details, strict=True)
            if len(problem.where) < len(detail["loc"])
            for end in range(len(problem.where))
        }
        for problem, detail in zip(found, details, strict=True):
            where, tagged = problem.where, len(problem.where) < len(detail["loc"])
            if (problem.line, problem.column) in reported or where in placed:
                continue
            if tagged and where in inside:
                continue
            placed.add(where)
            problems.append(problem)
    else:
        located = Marks(root)
        for check in _REGISTRY_CHECKS:
            problems.extend(check(located, registry))
        if provenance:
            problems.extend(_provenance_problems(located, registry))
        if documents is not None:
            problems.extend(_quote_problems(located, plain, documents, step, words))
    if problems:
        problems.sort(key=lambda problem: (problem.line, problem.column))
        raise RegistryError(
            path, problems, editable=_editable(root, aliases), names=_clinic_names(plain)
        )
    return registry


@dataclass(frozen=True)
class _Refused:
    """What the quick reading read and pydantic's refusal of it: the located reading, when it
    reads the same values, places these errors rather than validating again (a second
    validation cost 0.6 s of 3 at 120,000 unknown terms)."""

    plain: dict[str, Any]
    error: ValidationError


def _read_quickly(
    text: str,
    *,
    reorders: bool,
    provenance: bool,
    documents: Path | None,
    step: Counted | None,
    words: Words | None,
) -> Registry | _Refused | None:
    """The registry, when ``text`` is in the layout :mod:`block_yaml` reads and nothing in
    it is wrong (see :func:`check_registry` for ``provenance`` and ``documents``; ``reorders``:
    :func:`bidi.may_reorder` of ``text``); else None or what pydantic refused, and the located
    reading finds the same values and says where each problem is."""
    # Cancel is heard as entries are read: step(read, 0), their number not yet known.
    plain = block_yaml.read(text, None if step is None else lambda read: step(read, 0))
    if not isinstance(plain, dict):
        return None
    return checked_quickly(
        plain, reorders=reorders, provenance=provenance, documents=documents, step=step, words=words
    )


def checked_quickly(
    plain: dict[str, Any],
    *,
    reorders: bool,
    provenance: bool,
    documents: Path | None,
    step: Counted | None = None,
    words: Words | None = None,
) -> Registry | _Refused | None:
    """The registry of the values ``plain`` (as a registry's YAML reads), when nothing in it
    is wrong; else None or what pydantic refused: the located reading of its text says where
    (see :func:`check_registry`). An import checks what it made so, its text read back alike."""
    try:
        registry = validated(Registry, plain, reorders=reorders)
    except ValidationError as error:
        return _Refused(plain, error)
    try:
        for check in _REGISTRY_CHECKS:
            check(_unlocated, registry)
        if provenance:
            _provenance_problems(_unlocated, registry)
        if documents is not None:
            _quote_problems(_unlocated, plain, documents, step, words)
    except _ProblemFoundError:
        return None
    return registry


class _ProblemFoundError(Exception):
    """A check found a problem: the quick reading stops, the located one says where."""


def _unlocated(loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    """Where a check would place its problem, when no position is at hand: nowhere."""
    raise _ProblemFoundError


def _clinic_names(plain: dict[str, Any]) -> list[str]:
    """Each clinic's name as written ("" when it has none), in file order."""
    clinics = plain.get("clinics")
    return [
        str(clinic.get("name") or "") if isinstance(clinic, dict) else ""
        for clinic in (clinics if isinstance(clinics, list) else [])
    ]


def _editable(root: yaml.Node, aliases: list[Problem]) -> bool:
    """True when the registry editor can open the file to correct it: block clinics and no
    ``aliases`` (which it could not write back; :func:`registry_slices.slice_registry`)."""
    return block_clinics(root) and not aliases


def block_clinics(root: yaml.Node | None) -> bool:
    """True when the registry's clinics are a block list (or ``[]``), the one shape the
    registry editor can cut into clinics and write back."""
    clinics = None
    if isinstance(root, yaml.MappingNode):
        clinics = next((v for k, v in root.value if k.value == "clinics"), None)
    return isinstance(clinics, yaml.SequenceNode) and not (clinics.flow_style and clinics.value)


def _duplicate_ids(mark: Locate, registry: Registry) -> list[Problem]:
    """Each id given before, placed at both: sought only when some id is (most registries
    have none, and 100,000 looked up one by one took a tenth of a second)."""
    ids = [clinic.id for clinic in registry.clinics]
    if len(set(ids)) == len(ids):
        return []
    first: dict[str, int] = {}
    problems = []
    for index, clinic in enumerate(registry.clinics):
        if clinic.id in first:
            where = ("clinics", index, "id")
            line, column = mark(where)
            other = mark(("clinics", first[clinic.id], "id"))[0]
            problems.append(
                Problem(
                    line,
                    column,
                    _("duplicate id “{id}” (also at line {other}); ids must be unique").format(
                        id=one_line(clinic.id), other=other
                    ),
                    where,
                )
            )
        else:
            first[clinic.id] = index
    return problems


def in_the_future(day: dt.date) -> bool:
    """True for a date after tomorrow (anywhere on Earth it is not yet that day)."""
    return day > _latest_past()


def _latest_past() -> dt.date:
    """The last day that is not in the future somewhere on Earth: tomorrow."""
    return dt.date.today() + dt.timedelta(days=1)


def _future_dates(mark: Locate, registry: Registry) -> list[Problem]:
    """Checked here, not in the model, to keep re-reading a cached registry fast; today asked
    once, not once a clinic."""
    latest = _latest_past()
    problems = []
    for index, clinic in enumerate(registry.clinics):
        if clinic.last_verified > latest:
            where = ("clinics", index, "last_verified")
            line, column = mark(where)
            problems.append(
                Problem(
                    line,
                    column,
                    _("{last_verified} is in the future").format(
                        last_verified=clinic.last_verified
                    ),
                    where,
                )
            )
    return problems


def _unlisted_documents(mark: Locate, registry: Registry) -> list[Problem]:
    """A registry that lists its documents lists each once, and every one its quotes cite:
    screens name a source by the title listed."""
    if not registry.documents:
        return []
    problems = []
    seen: set[str] = set()
    for index, document in enumerate(registry.documents):
        if document.file in seen:
            where: tuple[str | int, ...] = ("documents", index, "file")
            line, column = mark(where)
            message = _("{file} is listed twice under documents").format(file=document.file)
            problems.append(Problem(line, column, message, where))
        seen.add(document.file)
    for index, clinic in enumerate(registry.clinics):
        for number, source in enumerate(clinic.sources):
            if source.document not in seen:
                where = ("clinics", index, "sources", number, "document")
                line, column = mark(where)
                message = _(
                    "{file} is not listed under documents; add it there with its title"
                ).format(file=source.document)
                problems.append(Problem(line, column, message, where))
    return problems


# Checks of a registry the models accept, each problem placed by ``mark`` before its sentence.
_REGISTRY_CHECKS = (_duplicate_ids, _unlisted_documents, _future_dates)


def _provenance_problems(mark: Locate, registry: Registry) -> list[Problem]:
    """Every fact no quote covers, and every ``covers`` entry that names no fact of its clinic
    (guessed at as unknown keys are: only when there are few, ``MAX_GUESSES``)."""
    problems = []
    guess = sum(unknown_covers(clinic) for clinic in registry.clinics) <= MAX_GUESSES
    for index, clinic in enumerate(registry.clinics):
        for loc, message in gaps(clinic, guess=guess):
            where = ("clinics", index, *loc)
            line, column = mark(where, key=len(loc) == 1)
            problems.append(Problem(line, column, message, where))
    return problems


def _quote_problems(
    mark: Locate,
    plain: dict[str, Any],
    registry: Path,
    step: Counted | None = None,
    words: Words | None = None,
) -> list[Problem]:
    """Every quote its document, at hand beside ``registry``, does not bear out; each document
    read once (``words``: read already, for another part of the same registry).
    ``step(done, total)`` hears of each entry first: checking a large import's quotes is most
    of its wait."""
    words = words or words_beside(registry)
    problems = []
    for index, clinic in enumerate(plain["clinics"]):
        if step is not None:
            step(index, len(plain["clinics"]))
        for loc, message in quote_check(clinic, words)[0]:
            where = ("clinics", index, *loc)
            line, column = mark(where)
            problems.append(Problem(line, column, message, where))
    return problems


# A file with more unknown fields or terms than this has no typo or two but names of another
# kind: each is located without a guess at what it meant (guessing took 24 s for 80,000 unknown
# fields, 58 s for 120,000 unknown conditions, 8.7 s for 120,000 unknown names in covers).
MAX_GUESSES = 100
_UNKNOWN_NAMES = ("extra_forbidden", "enum")  # the errors "did you mean" answers


def _validation_problems(
    mark: Locate, details: list[ErrorDetails], *, guess: bool
) -> list[Problem]:
    """Each of pydantic's errors as a located problem. A list's unknown terms, not guessed at
    (a file of 120,000 words of another kind), share their field, its sentence and the list's
    place: those are found once for the list, not once for each term."""
    found = []
    shared: tuple[Any, ...] = ()  # the list's path as pydantic gives it, as the file has it,
    for detail in details:  # and the sentence before and after a term, or no sentence
        loc = detail["loc"]
        if guess or detail["type"] != "enum" or loc[-1].__class__ is not int:
            found.append(_validation_problem(mark, detail, guess=guess))
            continue
        if not shared or shared[0] != loc[:-1]:
            parent = _untagged(tuple(loc[:-1]))
            vocabulary = _vocabulary_at(parent)
            words = _unknown_term(vocabulary, language()) if vocabulary else None
            shared = (loc[:-1], parent, words)
        if shared[2] is None:
            found.append(_validation_problem(mark, detail, guess=guess))
            continue
        where = (*shared[1], loc[-1])
        line, column = mark(where)
        before, after = shared[2]
        found.append(Problem(line, column, before + _quoted(detail["input"]) + after, where))
    return found


def _validation_problem(mark: Locate, detail: ErrorDetails, *, guess: bool) -> Problem:
    kind = detail["type"]
    loc = _without_union_tags(tuple(detail["loc"]), keep_last=kind == "extra_forbidden")
    line, column = mark(loc, key=kind == "extra_forbidden")
    # a missing field too: the sentence names it, says it is missing
    why = explain(detail, loc, guess=guess)
    return Problem(line, column, why if loc else f"{_('top level')}: {why}", loc)


# pydantic names each member of a union in the path ("function-after[neutral(), …]",
# "dict[…]", "str"): no field of the registry is named so
_UNION_TAG = re.compile(r"[^\s\[]*[\[(-].*|str|int|float|bool|list|dict")


def _without_union_tags(loc: tuple[str | int, ...], *, keep_last: bool) -> tuple[str | int, ...]:
    """``loc`` with pydantic's names of union members left out, as the file's path reads
    (``clinics[0].sources[0].covers[0]``); the last part kept when it is a key the file wrote."""
    if loc and (keep_last or isinstance(loc[-1], int)):
        return _untagged(loc[:-1]) + loc[-1:]
    return _untagged(loc)


@functools.lru_cache(maxsize=4096)  # a file's many problems share few parents' paths
def _untagged(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    return tuple(part for part in loc if isinstance(part, int) or not _UNION_TAG.fullmatch(part))


def explain(
    detail: ErrorDetails, loc: tuple[str | int, ...], *, in_form: bool = False, guess: bool = True
) -> str:
    """A sentence for one pydantic error, with a "did you mean" where one helps.

    ``in_form``: for the editor's form, which shows a vocabulary's terms by their labels in a
    checklist: a misspelled term is named with the label it likely means, without the list
    of keys a file takes. Without ``guess`` an unknown field or term is only named."""
    kind = detail["type"]
    value = detail.get("input")
    context = detail.get("ctx") or {}
    if kind == "missing":  # said after the field's name
        # the form shows every field, empty or not: there, it is empty
        return _("is empty; fill it in") if in_form else _("is missing; add it")
    if kind in ("string_too_short", "string_pattern_mismatch") and value == "":
        return _("is empty; fill it in")
    if kind == "too_short" and isinstance(value, list) and not value:
        return _("needs at least one entry")
    if kind == "extra_forbidden":
        return _unknown_field(str(loc[-1]), loc[:-1], guess=guess)
    if kind == "enum":
        vocabulary = _vocabulary_at(loc)
        if vocabulary is not None:
            suggestions = vocabulary.suggest(str(value)) if guess else []
            if in_form:
                hint = _term_guess(vocabulary, suggestions[0], in_form) if suggestions else ""
                return _("unknown {noun} “{value}”{hint}").format(
                    noun=_(vocabulary.noun), value=_quoted(value), hint=hint
                )
            if not suggestions:  # the usual case of many: the sentence around it made once
                before, after = _unknown_term(vocabulary, language())
                return before + _quoted(value) + after
            hint = _term_guess(vocabulary, suggestions[0], in_form)
            return _("unknown {noun} “{value}”{hint} (valid: {valid})").format(
                noun=_(vocabulary.noun),
                value=_quoted(value),
                hint=hint,
                valid=_keys_listed(vocabulary),
            )
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return _('expected text, got the number {value}; quote it: "{value}"').format(value=value)
    if kind in ("string_type", "model_type", "list_type", "dict_type") and value is None:
        return _("is empty; give a value or remove the line")
    if kind == "literal_error" and loc == ("schema_version",):
        return _("unsupported schema_version {value}; this locator reads version 1").format(
            value=_as_written(value)
        )
    if kind == "literal_error" and loc[-1] == "state":
        return _("“{value}” is not a US state or territory code{value2}").format(
            value=_quoted(value), value2=_state_hint(value)
        )
    if kind in _RANGES:
        return _("{value} is out of range: {replace}").format(
            value=_as_written(value), replace=_expected(kind, context)
        )
    if kind == "value_error":
        return str(context.get("error", detail["msg"]))
    if kind == "string_pattern_mismatch" and isinstance(value, str) and bidi.held(value):
        return _(
            "“{value}” holds a character that reorders the text shown after it (it could "
            "make one name or address read as another); remove it"
        ).format(value=_quoted(value))
    if kind == "string_pattern_mismatch" and isinstance(value, str) and has_controls(value):
        return _(
            "“{value}” holds a control character; remove it (registry text is "
            "shown in terminals, spreadsheets and pages)"
        ).format(value=_quoted(value))
    if kind == "string_pattern_mismatch" and loc[-1] in ("website", "url"):
        if re.match(r"(?i)https?://", str(value)) and not re.match(r"https?://", str(value)):
            return _("“{value}” is not valid here: write http:// or https:// in lower case").format(
                value=_quoted(value)
            )
        fault = web_address_fault(str(value))
        if fault is not None:
            return _("“{value}” would not open the host it shows: {fault}").format(
                value=_quoted(value), fault=fault
            )
    if kind == "string_pattern_mismatch" and isinstance(value, str) and _BREAKS.search(value):
        return _(
            "“{value}” holds a line break or tab; write it on one line (this field is shown "
            "as one line, in lists and tables)"
        ).format(value=_quoted(value))
    if kind == "string_pattern_mismatch":
        return _("“{value}” is not valid here: {loc}").format(
            value=_quoted(value), loc=_pattern_hint(loc)
        )
    return _expected(kind, context) + (
        _(", got {value}").format(value=_as_written(value)) if _short(value) else ""
    )


_BREAKS = re.compile("[\t\n]")  # in text that is one line by nature (models.Line)

_RANGES = {
    "greater_than_equal": N_("should be greater than or equal to {ge}"),
    "less_than_equal": N_("should be less than or equal to {le}"),
    "greater_than": N_("should be greater than {gt}"),
    "less_than": N_("should be less than {lt}"),
}

# What a value of each pydantic error type should have been, in words of our catalog: pydantic's
# own messages are English only.
_EXPECTED = {
    **_RANGES,
    "date_type": N_("should be a date such as 2024-05-31"),
    "date_parsing": N_("should be a date such as 2024-05-31"),
    "date_from_datetime_parsing": N_("should be a date such as 2024-05-31"),
    "date_from_datetime_inexact": N_("should be a date such as 2024-05-31"),
    "datetime_type": N_("should be a date such as 2024-05-31"),
    "datetime_parsing": N_("should be a date such as 2024-05-31"),
    "datetime_from_date_parsing": N_("should be a date such as 2024-05-31"),
    "string_too_short": N_("should have at least {min_length} characters"),
    "string_too_long": N_("should have at most {max_length} characters"),
    "too_short": N_("should have at least {min_length} entries"),
    "too_long": N_("should have at most {max_length} entries"),
    "string_pattern_mismatch": N_("does not have the expected form"),
    "literal_error": N_("should be {expected}"),
    "enum": N_("should be {expected}"),
    "bool_type": N_("should be true or false"),
    "bool_parsing": N_("should be true or false"),
    "int_type": N_("should be a whole number"),
    "int_parsing": N_("should be a whole number"),
    "int_from_float": N_("should be a whole number"),
    "float_type": N_("should be a number"),
    "float_parsing": N_("should be a number"),
    "list_type": N_("should be a list"),
    "string_type": N_("should be text"),
    "dict_type": N_("should be a mapping of fields"),
    "model_type": N_("should be a mapping of fields"),
    "model_attributes_type": N_("should be a mapping of fields"),
    "extra_forbidden": N_("is not a field locator knows"),
    "missing": N_("is required"),
}


def _expected(kind: str, context: dict[str, Any]) -> str:
    """What the value should have been, for pydantic's error ``kind`` and its ``ctx``."""
    whole = {
        k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in context.items()
    }
    if " or " in str(whole.get("expected", "")):  # pydantic's "'a', 'b' or 'c'"
        words, last = str(whole["expected"]).rsplit(" or ", 1)
        whole["expected"] = _("{words} or {last}").format(words=words, last=last)
    return _(_EXPECTED.get(kind, N_("is not accepted here"))).format(**whole)


def _as_written(value: Any) -> str:
    """A short value as YAML writes it: true, not Python's True; text quoted as written."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"“{_quoted(value)}”" if isinstance(value, str) else repr(value)


def _short(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) and len(repr(value)) <= 60


def _state_hint(text: object) -> str:
    import us  # every county of every state: only for this hint

    found = us.states.lookup(str(text)) if isinstance(text, str) and text.strip() else None
    return (
        _(" (for {name} write {abbr})").format(name=found.name, abbr=found.abbr)
        if found
        else _(" such as UT")
    )


_PATTERN_HINTS = {
    "service_area": N_("write each place as 'City, ST' with a US state code, such as 'Sandy, UT'"),
    "id": N_("ids are lowercase words joined by hyphens, such as 'nortex-psychiatry-allen'"),
    "postal_code": N_('a ZIP code is 5 digits or ZIP+4, quoted: "84095" or "84095-1234"'),
    "website": N_("a web address starts with http:// or https://"),
    "url": N_("a web address starts with http:// or https://"),
    "email": N_("an email address looks like corrections@example.org"),
}


def _pattern_hint(loc: tuple[str | int, ...]) -> str:
    field = next(str(part) for part in reversed(loc) if isinstance(part, str))
    return _(_PATTERN_HINTS.get(field, N_("see clinics.schema.json for the expected form")))


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that holds the field at ``loc`` (``loc`` without the field name)."""
    model: type[BaseModel] = Registry
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        inner = None if field is None else _class_in(field.annotation, BaseModel)
        if inner is None:
            return None
        model = inner
    return model


def _class_in(annotation: Any, base: type[_T]) -> type[_T] | None:
    """The first subclass of ``base`` inside a type annotation (``list[X] | None`` gives X)."""
    if isinstance(annotation, type) and issubclass(annotation, base):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _class_in(argument, base)
        if found is not None:
            return found
    return None


@functools.cache  # listed once per vocabulary, not once per unknown term
def _term_guess(vocabulary: type[Term], key: str, in_form: bool) -> str:
    """The "did you mean" after an unknown term, by its name as the editor shows it: the form
    checks terms by their labels, so the label alone; a file is written with keys, so the key,
    with the label beside it where the label is more than the key written out (in Spanish,
    “anxiety” (Ansiedad))."""
    label = vocabulary(key).label
    if in_form:
        return did_you_mean([label])
    if label.casefold() == key.replace("_", " ").casefold():
        return did_you_mean([key])
    return _("; did you mean “{key}” ({label})?").format(key=key, label=label)


def _keys_listed(vocabulary: type[Term]) -> str:
    return ", ".join(term.value for term in vocabulary)


@functools.lru_cache(maxsize=64)
def _unknown_term(vocabulary: type[Term], _language: str) -> tuple[str, str]:
    """The sentence for an unknown term of ``vocabulary`` with no guess, before and after the
    term: made once per vocabulary and language, not once for each of 120,000 terms."""
    sentence = _("unknown {noun} “{value}”{hint} (valid: {valid})").format(
        noun=_(vocabulary.noun), value=_TERM, hint="", valid=_keys_listed(vocabulary)
    )
    before, _term, after = sentence.partition(_TERM)
    return before, after


_TERM = "\x00"  # where the term goes in a sentence made ahead


def _vocabulary_at(loc: tuple[str | int, ...]) -> type[Term] | None:
    return _vocabulary_of_field(_field_of(loc[:-1] if loc and isinstance(loc[-1], int) else loc))


@functools.lru_cache(maxsize=4096)  # a list's many unknown terms share its path
def _field_of(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """``loc`` without list positions: the field's path in the models."""
    return tuple(part for part in loc if not isinstance(part, int))


@functools.cache  # found once per field, not once per unknown term in it
def _vocabulary_of_field(field_loc: tuple[str | int, ...]) -> type[Term] | None:
    model = _model_at(field_loc[:-1])
    field = model.model_fields.get(str(field_loc[-1])) if model else None
    return _class_in(field.annotation, Term) if field else None


def _unknown_field(name: str, parent: tuple[str | int, ...], *, guess: bool) -> str:
    model = _model_at(parent) if guess else None
    known = list(model.model_fields) if model else []
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6) if known else []
    hint = did_you_mean(close) if close else ""
    listing = (
        _(" (known fields: {join})").format(join=", ".join(known)) if known and not close else ""
    )
    return _("unknown field “{name}”{hint}{listing}").format(
        name=one_line(name), hint=hint, listing=listing
    )


def _quoted(value: object) -> str:
    """A value from the registry as its sentence quotes it, in “ ”: as written, on one line."""
    return one_line(str(value))
