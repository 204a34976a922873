"""The fields of a clinic entry as a form shows them: one table, one converter per kind.

Each :class:`FieldSpec` says where a value lives in the entry, what it is called in words, and
how it becomes what a form shows and back. A value a field cannot show exactly (a misspelled
term, a session length without its maximum, a source row with an extra key) is *not shown*:
the form leaves it as written, so nothing a maintainer typed by hand is lost (see ``shows``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from locator.data.provenance import value_label, value_named
from locator.data.vocabulary import (
    Condition,
    EntryKind,
    Feature,
    Language,
    Payment,
    Precision,
    Term,
    Topic,
    Treatment,
)
from locator.i18n import N_, _
from locator.terminal import one_line

# The most characters a one-line field holds (Qt's line edit cuts what is put in it there): a
# longer value is kept as written, not shown cut in a field whose edit would save it cut.
LONGEST_ON_ONE_LINE = 32_767


class Kind(Enum):
    """How a field is shown: which widget, and which converter."""

    TEXT = "text"
    MULTILINE = "multiline"
    NUMBER = "number"
    LIST = "list"  # a line of text split at a separator
    RANGE = "range"  # {min, max} written "40-60"
    TERMS = "terms"  # checkable labels of a vocabulary
    CHOICE = "choice"
    TABLE = "table"
    DATE = "date"
    OPTIONAL_DATE = "optional date"  # a date or nothing: a line of text, "2026-11-25" or empty


@dataclass(frozen=True)
class FieldSpec:
    """One field of the form: ``path`` in the entry (``("location", "latitude")``)."""

    path: tuple[str, ...]
    label: str
    kind: Kind
    separator: str = ""  # LIST: between items
    vocabulary: type[Term] | None = None  # TERMS
    choices: tuple[tuple[str, Any], ...] = ()  # CHOICE: (shown text, value)
    columns: tuple[tuple[str, str], ...] = ()  # TABLE: (key, heading)
    list_columns: frozenset[str] = frozenset()  # TABLE: columns holding a list, "a, b"
    hint: str = field(default="", compare=False)  # a tooltip: how to fill the field in

    @property
    def key(self) -> str:
        """The path as one dotted name, ``location.latitude``."""
        return ".".join(self.path)

    def value_in(self, entry: dict[str, Any]) -> Any:
        """The field's value in a plain entry; None when absent."""
        node: Any = entry
        for part in self.path:
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node

    def to_form(self, value: Any) -> Any:
        """What the form shows for ``value`` (text, keys, rows, a choice's value)."""
        return _CONVERTERS[self.kind][0](self, value)

    def from_form(self, shown: Any) -> Any:
        """The entry's value for what the form holds; None (leave it out) when empty."""
        value = _CONVERTERS[self.kind][1](self, shown)
        return None if value in ("", [], {}) else value

    def shows(self, value: Any) -> bool:
        """True when the form can show ``value`` exactly, so that a form edit keeps it."""
        if value in (None, "", [], {}):
            return True  # shown empty; left as written unless the field is edited
        if self.kind not in (Kind.MULTILINE, Kind.TERMS, Kind.TABLE) and (
            len(str(value)) > LONGEST_ON_ONE_LINE
        ):
            return False  # a one-line box would hold only its start
        try:
            return same_data(self.from_form(self.to_form(value)), value)
        except (TypeError, ValueError, AttributeError):
            return False


def same_data(a: Any, b: Any) -> bool:
    """Equal as data: 95 and 95.0 are, True and 1 are not."""
    if a is b:
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    return bool(a == b)


# converters: (to_form, from_form) by kind -------------------------------------------------


def _text_out(spec: FieldSpec, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _text_in(spec: FieldSpec, shown: str) -> str:
    return shown.strip()


def _number_out(spec: FieldSpec, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(value)
    return str(value)


def _number_in(spec: FieldSpec, shown: str) -> float | str:
    text = shown.strip()
    try:
        return float(text) if text else ""
    except ValueError:
        return text  # the schema check says what is wrong with it


def _list_out(spec: FieldSpec, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, list) or not all(
        isinstance(item, str) and spec.separator.strip() not in item for item in value
    ):
        raise TypeError(value)
    return spec.separator.join(value)


def _list_in(spec: FieldSpec, shown: str) -> list[str]:
    return [part.strip() for part in shown.split(spec.separator.strip()) if part.strip()]


def _range_out(spec: FieldSpec, value: Any) -> str:
    if value is None:
        return ""
    if not (isinstance(value, dict) and set(value) == {"min", "max"}):
        raise TypeError(value)
    low, high = value["min"], value["max"]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high)):
        raise TypeError(value)
    return f"{low}-{high}"


def _range_in(spec: FieldSpec, shown: str) -> dict[str, int] | str:
    text = shown.strip()
    if not text:
        return ""
    low, _, high = re.sub(r"[$,\s]", "", text).replace("\u2013", "-").partition("-")
    try:
        return {"min": int(low), "max": int(high or low)}
    except ValueError:
        return text


def _terms_out(spec: FieldSpec, value: Any) -> list[str]:
    # a misspelled term is shown too, ticked, beside the known ones (see ``unknown_terms``):
    # one typo never locks the whole list
    if value is None:
        return []
    if not isinstance(value, list) or len(set(map(str, value))) != len(value):
        raise TypeError(value)
    if not all(isinstance(item, str) for item in value):
        raise TypeError(value)
    return list(value)


def unknown_terms(spec: FieldSpec, keys: list[str]) -> list[tuple[str, str | None]]:
    """The keys a TERMS field holds that its vocabulary does not know, each with the known
    key it most likely means (None when nothing is close): "depresion" is "depression"."""
    vocabulary = spec.vocabulary
    if vocabulary is None:
        return []
    known = {term.value for term in vocabulary}
    return [(key, next(iter(vocabulary.suggest(key)), None)) for key in keys if key not in known]


def _terms_in(spec: FieldSpec, shown: list[str]) -> list[str]:
    return list(shown)


def _choice_out(spec: FieldSpec, value: Any) -> Any:
    if not any(same_data(value, choice) for _, choice in spec.choices):
        raise ValueError(value)
    return value


def _choice_in(spec: FieldSpec, shown: Any) -> Any:
    return shown


def _table_out(spec: FieldSpec, value: Any) -> list[list[str]]:
    if value is None:
        return []
    keys = [key for key, _ in spec.columns]
    if not isinstance(value, list):
        raise TypeError(value)
    rows = []
    for row in value:
        if not isinstance(row, dict) or not set(row) <= set(keys):
            raise TypeError(row)
        rows.append([_cell_out(spec, k, row[k]) if k in row else "" for k in keys])
    return rows


def _cell_out(spec: FieldSpec, key: str, value: Any) -> str:
    if key not in spec.list_columns:
        if not isinstance(value, str):
            raise TypeError(value)
        return value
    if not isinstance(value, list):
        raise TypeError(value)
    return ", ".join(_item_out(item) for item in value)


def _item_out(item: Any) -> str:
    """One item of a list cell: "name", or a field with the values it names, as a quote's
    covers names them: "treatments[consultation]", "service_area[Allen, TX; Frisco, TX]"."""
    if isinstance(item, str) and not set(item) & set(",[];"):
        return item
    if isinstance(item, dict) and len(item) == 1:
        ((field, values),) = item.items()
        if (
            isinstance(field, str)
            and not set(field) & set(",[];")
            and isinstance(values, list)
            and all(isinstance(v, str) and not set(v) & set("[];") for v in values)
        ):
            return f"{field}[{'; '.join(values)}]"
    raise TypeError(item)


_LIST_ITEM = re.compile(r"\s*([^,\[\]]+?)\s*(?:\[([^\]]*)\])?\s*(?:,|$)")


def list_keys(text: str) -> list[str]:
    """The items of a list cell as written, one string each ("treatments[consultation]")."""
    keys = []
    for found in _LIST_ITEM.finditer(text):
        name, values = found.group(1).strip(), found.group(2)
        if name:
            keys.append(name if values is None else f"{name}[{values}]")
    return keys


def _items_in(text: str) -> list[Any]:
    """The items of a list cell (:func:`_item_out` read back)."""
    items: list[Any] = []
    for key in list_keys(text):
        name, _bracket, values = key.partition("[")
        if not _bracket:
            items.append(name)
        else:
            items.append({name: [v.strip() for v in values[:-1].split(";") if v.strip()]})
    return items


def cover_label(key: str) -> str:
    """A covers item in the form's words: "Offers (Consultation)", "Serves (Allen, TX)"."""
    name, bracket, values = key.partition("[")
    if not bracket:
        return field_label(name)
    shown = "; ".join(value_label(name, v.strip()) for v in values[:-1].split(";") if v.strip())
    return _("{field} ({values})").format(field=field_label(name), values=shown)


def value_cover(field: str, key: str) -> str:
    """One value of a list field as a covers item names it: "treatments[consultation]"."""
    return f"{field}[{key}]"


def value_choice(field: str, key: str) -> str:
    """One value of a list field as the Supports checklist offers it: "Offers: Consultation"."""
    return value_named(field, key, field_label)


def each_value(keys: Sequence[str]) -> list[str]:
    """Covers items with each named value on its own, as the checklist ticks them:
    "treatments[consultation; aftercare]" is "treatments[consultation]", "treatments[aftercare]"."""
    found: list[str] = []
    for key in keys:
        name, bracket, values = key.partition("[")
        if not bracket:
            found.append(key)
            continue
        found += [value_cover(name, v.strip()) for v in values[:-1].split(";") if v.strip()]
    return found


def grouped(keys: Sequence[str]) -> list[str]:
    """:func:`each_value` undone: the values a quote names of one field in one covers item, at
    the place of the first, in the order ticked ("treatments[consultation; aftercare]")."""
    order: list[tuple[str, list[str] | None]] = []
    values: dict[str, list[str]] = {}
    for key in keys:
        name, bracket, value = key.partition("[")
        if not bracket:
            order.append((key, None))
        elif name in values:
            values[name].append(value[:-1])
        else:
            values[name] = [value[:-1]]
            order.append((name, values[name]))
    return [name if named is None else f"{name}[{'; '.join(named)}]" for name, named in order]


def _table_in(spec: FieldSpec, shown: list[list[str]]) -> list[dict[str, Any]]:
    keys = [key for key, _ in spec.columns]
    rows = []
    for cells in shown:
        row: dict[str, Any] = {}
        for key, text in zip(keys, cells, strict=True):
            if key in spec.list_columns:
                items = _items_in(text)
                if items:
                    row[key] = items
            elif text.strip():
                row[key] = text.strip()
        rows.append(row)  # an empty row stays: the check names its empty cells
    return rows


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_out(spec: FieldSpec, value: Any) -> str:
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, dt.date) else value
    if not isinstance(text, str) or not _DATE.fullmatch(text):
        raise TypeError(value)
    dt.date.fromisoformat(text)
    return text


def _date_in(spec: FieldSpec, shown: str) -> str:
    return shown.strip()


_CONVERTERS: dict[Kind, tuple[Callable[[FieldSpec, Any], Any], Callable[[FieldSpec, Any], Any]]]
_CONVERTERS = {
    Kind.TEXT: (_text_out, _text_in),
    Kind.MULTILINE: (_text_out, _text_in),
    Kind.NUMBER: (_number_out, _number_in),
    Kind.LIST: (_list_out, _list_in),
    Kind.RANGE: (_range_out, _range_in),
    Kind.TERMS: (_terms_out, _terms_in),
    Kind.CHOICE: (_choice_out, _choice_in),
    Kind.TABLE: (_table_out, _table_in),
    Kind.DATE: (_date_out, _date_in),
    Kind.OPTIONAL_DATE: (_date_out, _date_in),
}

# A fact a source may state either way, or not at all: "not listed" is never shown as "no".
_YES_NO = ((N_("not listed"), None), (N_("yes"), True), (N_("no"), False))


def _spec(path: str, label: str, kind: Kind = Kind.TEXT, **options: Any) -> FieldSpec:
    return FieldSpec(tuple(path.split(".")), label, kind, **options)


def _yes_no_rows(topic: Topic) -> list[FieldSpec]:
    """The rows of the yes-or-no practical facts about ``topic``: each one's field and label
    as :class:`Feature` declares them, so a new fact gets its row without an edit here."""
    return [
        _spec(feature.value, feature.english, Kind.CHOICE, choices=_YES_NO)
        for feature in Feature.about(topic)
    ]


FIELDS: tuple[FieldSpec, ...] = (
    _spec("id", N_("Id")),
    _spec(
        "kind",
        N_("Kind of entry"),
        Kind.CHOICE,
        choices=(
            (N_("Clinic"), None),
            (EntryKind.UNNAMED_PROVIDER.english, EntryKind.UNNAMED_PROVIDER.value),
        ),
    ),
    _spec("name", N_("Name")),
    _spec("organization", N_("Organization")),
    _spec("affiliations", N_("Works with (comma-separated)"), Kind.LIST, separator=", "),
    _spec("address.street", N_("Address: street")),
    _spec("address.city", N_("Address: city")),
    _spec("address.state", N_("Address: state")),
    _spec("address.postal_code", N_("Address: postal code")),
    _spec("location.latitude", N_("Latitude"), Kind.NUMBER),
    _spec("location.longitude", N_("Longitude"), Kind.NUMBER),
    _spec(
        "location.precision",
        N_("Location precision"),
        Kind.CHOICE,
        choices=((N_("(no location)"), None), *((t.english, t.value) for t in Precision)),
    ),
    _spec("location.source", N_("Coordinates from")),
    _spec(
        "location.served_place",
        N_("Stands at a place it serves ('City, ST'; office not listed)"),
        hint=N_(
            "Only for a provider whose office is not listed: the place it serves that its "
            "coordinates are the centre of, which is never shown as its office."
        ),
    ),
    _spec("service_area", N_("Serves ('City, ST'; separated by ';')"), Kind.LIST, separator="; "),
    _spec("conditions", N_("Treats"), Kind.TERMS, vocabulary=Condition),
    _spec("treatments", N_("Offers"), Kind.TERMS, vocabulary=Treatment),
    _spec("not_offered", N_("Says it does not offer"), Kind.TERMS, vocabulary=Treatment),
    _spec("session_minutes", N_("Session minutes (e.g. 40-60)"), Kind.RANGE),
    _spec("typical_course", N_("Typical course")),
    _spec(
        "providers",
        N_("Providers"),
        Kind.TABLE,
        columns=(
            ("name", N_("Name")),
            ("title", N_("Title (before)")),
            ("credentials", N_("Credentials (after)")),
        ),
    ),
    _spec("payment", N_("Payment"), Kind.TERMS, vocabulary=Payment),
    _spec("payment_not_accepted", N_("Says it does not accept"), Kind.TERMS, vocabulary=Payment),
    _spec("price_per_session", N_("Price per session in USD (e.g. 400-750)"), Kind.RANGE),
    _spec("price_per_series", N_("Price per series in USD (e.g. 1800-2400)"), Kind.RANGE),
    *_yes_no_rows(Topic.NEW_PATIENTS),
    _spec("new_patients_checked", N_("New patients checked on (YYYY-MM-DD)"), Kind.OPTIONAL_DATE),
    *_yes_no_rows(Topic.TREATMENT),
    _spec("telehealth", N_("Telehealth"), Kind.CHOICE, choices=_YES_NO),
    _spec(
        "telehealth_states",
        N_("Telehealth to states (e.g. UT, NV)"),
        Kind.LIST,
        separator=", ",
    ),
    _spec("languages", N_("Languages spoken"), Kind.TERMS, vocabulary=Language),
    *_yes_no_rows(Topic.VISIT),
    _spec("driver_note", N_("Driver after treatment (the source's words)")),
    _spec("phone", N_("Phone")),
    _spec("website", N_("Website")),
    _spec("notes", N_("Notes"), Kind.MULTILINE),
    _spec(
        "sources",
        N_("Sources"),
        Kind.TABLE,
        columns=(
            ("document", N_("Document")),
            ("quote", N_("Exact quote")),
            ("covers", N_("Supports")),
        ),
        list_columns=frozenset({"covers"}),
        hint=N_(
            "Supports: what each quote says, ticked in the list below the table while its row "
            "is selected."
        ),
    ),
    _spec("last_verified", N_("Last verified"), Kind.DATE),
)

BY_KEY = {spec.key: spec for spec in FIELDS}

# The form's sections, each by its name and its first field: a long form is reached by
# section, never only by scrolling
SECTIONS: tuple[tuple[str, str], ...] = (
    (N_("Clinic"), "id"),
    (N_("Address"), "address.street"),
    (N_("Care"), "service_area"),
    (N_("Payment"), "payment"),
    (N_("Visits"), Feature.about(Topic.NEW_PATIENTS)[0].value),
    (N_("Contact"), "phone"),
    (N_("Sources"), "sources"),
)
_TOP_LABELS = {spec.path[0]: spec.label.split(":")[0] for spec in FIELDS}
_TOP_LABELS.update(  # the name of a field without the form's typing hint
    address=N_("Address"),
    location=N_("Location"),
    affiliations=N_("Works with"),
    service_area=N_("Serves"),
    session_minutes=N_("Session minutes"),
    price_per_session=N_("Price per session"),
    price_per_series=N_("Price per series"),
    telehealth_states=N_("Telehealth to"),
    driver_note=N_("Driver after treatment"),
    new_patients_checked=N_("New patients checked on"),
)


def field_label(name: str) -> str:
    """A clinic's top-level field in words, without the form's typing hint: "Works with"."""
    return _(_TOP_LABELS.get(name, name.replace("_", " ")).split(" (")[0])


def field_named(key: str) -> str:
    """A field in a sentence that the editor and ``locator validate`` both show: its name on
    the form, in the reader's language, then its key as the file writes it, which a
    maintainer types: “Serves” (`service_area`)."""
    spec = BY_KEY.get(key)
    name = _(spec.label).split(" (")[0] if spec is not None else field_label(key)
    return _("“{name}” (`{key}`)").format(name=name, key=key)


def place_in_registry(where: tuple[str | int, ...], names: Sequence[str]) -> str:
    """A value's path in a registry in the editor's words: "Clinic 1 (Nervana Medical), Treats,
    item 1" for ``("clinics", 0, "conditions", 0)``; ``names`` are the clinics' names."""
    if len(where) < 2 or where[0] != "clinics" or not isinstance(where[1], int):
        from locator.data.yaml_source import field_path  # PyYAML: not at the window's start

        return field_path(where)  # not in a clinic (schema_version): named as written
    index = where[1]
    name = names[index] if index < len(names) else ""
    clinic = (
        _("Clinic {number} ({name})").format(number=index + 1, name=name)
        if name
        else _("Clinic {number}").format(number=index + 1)
    )
    return f"{clinic}, {label_of(where[2:])}" if where[2:] else clinic


def label_of(path: tuple[str | int, ...]) -> str:
    """A field path in words: ``("location", "latitude")`` is "Latitude", ``("sources", 0,
    "quote")`` is "Sources, row 1: quote"; a key the form does not know is named as written."""
    names = [part for part in path if isinstance(part, str)]
    spec = BY_KEY.get(".".join(names[:2])) or BY_KEY.get(names[0]) if names else None
    if spec is None:
        return f"“{one_line('.'.join(str(p) for p in path))}”" if path else _("The entry")
    rows = [part for part in path if isinstance(part, int)]
    if rows and spec.kind is Kind.TABLE:
        column = dict(spec.columns).get(names[1], "") if len(names) > 1 else ""
        row = _("{field}, row {row}").format(field=_(spec.label), row=rows[0] + 1)
        return row + (f": {_(column).split(' (')[0].lower()}" if column else "")
    if rows and spec.kind in (Kind.TERMS, Kind.LIST):  # a list's label without its hint
        field = _(spec.label).split(" (")[0]
        return _("{field}, item {item}").format(field=field, item=rows[0] + 1)
    if len(names) > 2 or (len(names) == 2 and spec.path != tuple(names[:2])):
        return f"{_(_TOP_LABELS.get(names[0], names[0]))}: “{one_line('.'.join(names[1:]))}”"
    return _(spec.label)
