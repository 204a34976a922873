"""The fields of a clinic entry as a form shows them: one table, one converter per kind.

Each :class:`FieldSpec` says where a value lives in the entry, what it is called in words, and
how it becomes what a form shows and back. A value a field cannot show exactly (a misspelled
term, a session length without its maximum, a source row with an extra key) is *not shown*:
the form leaves it as written, so nothing a maintainer typed by hand is lost (see ``shows``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from locator.data.vocabulary import Condition, Payment, Precision, Term, Treatment


class Kind(Enum):
    """How a field is shown: which widget, and which converter."""

    TEXT = "text"
    MULTILINE = "multiline"
    NUMBER = "number"
    LIST = "list"  # a line of text split at a separator
    MINUTES = "minutes"  # {min, max} written "40-60"
    TERMS = "terms"  # checkable labels of a vocabulary
    CHOICE = "choice"
    TABLE = "table"
    DATE = "date"


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
    hint: str = field(default="", compare=False)

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


def _minutes_out(spec: FieldSpec, value: Any) -> str:
    if value is None:
        return ""
    if not (isinstance(value, dict) and set(value) == {"min", "max"}):
        raise TypeError(value)
    low, high = value["min"], value["max"]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high)):
        raise TypeError(value)
    return f"{low}-{high}"


def _minutes_in(spec: FieldSpec, shown: str) -> dict[str, int] | str:
    text = shown.strip()
    if not text:
        return ""
    low, _, high = text.replace("\u2013", "-").partition("-")
    try:
        return {"min": int(low), "max": int(high or low)}
    except ValueError:
        return text


def _terms_out(spec: FieldSpec, value: Any) -> list[str]:
    if value is None:
        return []
    known = {term.value for term in spec.vocabulary or ()}
    if not isinstance(value, list) or len(set(map(str, value))) != len(value):
        raise TypeError(value)
    if not all(isinstance(item, str) and item in known for item in value):
        raise ValueError(value)
    return list(value)


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
        if not all(isinstance(row[k], str) for k in row):
            raise TypeError(row)
        rows.append([row.get(k) or "" for k in keys])
    return rows


def _table_in(spec: FieldSpec, shown: list[list[str]]) -> list[dict[str, str]]:
    keys = [key for key, _ in spec.columns]
    rows = []
    for cells in shown:
        row = {k: t.strip() for k, t in zip(keys, cells, strict=True) if t.strip()}
        if row:
            rows.append(row)
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
    return shown


_CONVERTERS: dict[Kind, tuple[Callable[[FieldSpec, Any], Any], Callable[[FieldSpec, Any], Any]]]
_CONVERTERS = {
    Kind.TEXT: (_text_out, _text_in),
    Kind.MULTILINE: (_text_out, _text_in),
    Kind.NUMBER: (_number_out, _number_in),
    Kind.LIST: (_list_out, _list_in),
    Kind.MINUTES: (_minutes_out, _minutes_in),
    Kind.TERMS: (_terms_out, _terms_in),
    Kind.CHOICE: (_choice_out, _choice_in),
    Kind.TABLE: (_table_out, _table_in),
    Kind.DATE: (_date_out, _date_in),
}


def _spec(path: str, label: str, kind: Kind = Kind.TEXT, **options: Any) -> FieldSpec:
    return FieldSpec(tuple(path.split(".")), label, kind, **options)


FIELDS: tuple[FieldSpec, ...] = (
    _spec("id", "Id"),
    _spec("name", "Name"),
    _spec("organization", "Organization"),
    _spec("affiliations", "Works with (comma-separated)", Kind.LIST, separator=", "),
    _spec("address.street", "Address: street"),
    _spec("address.city", "Address: city"),
    _spec("address.state", "Address: state"),
    _spec("address.postal_code", "Address: postal code"),
    _spec("location.latitude", "Latitude", Kind.NUMBER),
    _spec("location.longitude", "Longitude", Kind.NUMBER),
    _spec(
        "location.precision",
        "Location precision",
        Kind.CHOICE,
        choices=(("(no location)", None), *((t.label, t.value) for t in Precision)),
    ),
    _spec("location.source", "Coordinates from"),
    _spec("service_area", "Serves ('City, ST'; separated by ';')", Kind.LIST, separator="; "),
    _spec("conditions", "Treats", Kind.TERMS, vocabulary=Condition),
    _spec("treatments", "Offers", Kind.TERMS, vocabulary=Treatment),
    _spec("not_offered", "Says it does not offer", Kind.TERMS, vocabulary=Treatment),
    _spec("session_minutes", "Session minutes (e.g. 40-60)", Kind.MINUTES),
    _spec("typical_course", "Typical course"),
    _spec(
        "providers",
        "Providers",
        Kind.TABLE,
        columns=(
            ("name", "Name"),
            ("title", "Title (before)"),
            ("credentials", "Credentials (after)"),
        ),
    ),
    _spec("payment", "Payment", Kind.TERMS, vocabulary=Payment),
    _spec(
        "telehealth",
        "Telehealth",
        Kind.CHOICE,
        choices=(("not listed", None), ("yes", True), ("no", False)),
    ),
    _spec("phone", "Phone"),
    _spec("website", "Website"),
    _spec("notes", "Notes", Kind.MULTILINE),
    _spec(
        "sources",
        "Sources",
        Kind.TABLE,
        columns=(("document", "Document"), ("quote", "Exact quote")),
    ),
    _spec("last_verified", "Last verified", Kind.DATE),
)

BY_KEY = {spec.key: spec for spec in FIELDS}
_TOP_LABELS = {spec.path[0]: spec.label.split(":")[0] for spec in FIELDS}
_TOP_LABELS.update(address="Address", location="Location")


def label_of(path: tuple[str | int, ...]) -> str:
    """A field path in words: ``("location", "latitude")`` is "Latitude", ``("sources", 0,
    "quote")`` is "Sources, row 1: quote"; a key the form does not know is named as written."""
    names = [part for part in path if isinstance(part, str)]
    spec = BY_KEY.get(".".join(names[:2])) or BY_KEY.get(names[0]) if names else None
    if spec is None:
        return f"'{'.'.join(str(p) for p in path)}'" if path else "The entry"
    rows = [part for part in path if isinstance(part, int)]
    if rows and spec.kind is Kind.TABLE:
        column = dict(spec.columns).get(str(path[-1]), "") if len(path) > 2 else ""
        return f"{spec.label}, row {rows[0] + 1}" + (f": {column.lower()}" if column else "")
    if rows and spec.kind is Kind.TERMS:
        return f"{spec.label}, item {rows[0] + 1}"
    if len(names) > 2 or (len(names) == 2 and spec.path != tuple(names[:2])):
        return f"{_TOP_LABELS.get(names[0], names[0])}: '{'.'.join(names[1:])}'"
    return spec.label
