"""The registry's schema (version 1) as pydantic models.

One :class:`Clinic` is one provider presence: a site where a source gives one, otherwise a city
a provider says it serves. Lists of conditions and treatments hold what a source states; what
no source states is *not listed*, which is different from ``not_offered``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictStr,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError, SchemaValidator

from locator.data.bidi import ANY, neutral
from locator.data.hosts import AUTHORITY, web_address_fault
from locator.data.states import STATE_CODES
from locator.data.vocabulary import Condition, EntryKind, Language, Payment, Precision, Treatment
from locator.i18n import _
from locator.terminal import one_line

SCHEMA_VERSION = 1

# No control characters (newline and tab aside): registry text reaches terminals and exports.
# Text is shown with what would reorder it neutralised; a name to be read as it is (a
# document's, an address) holds none of it (locator.data.bidi).
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI = "".join(rf"\u{ord(c):04x}" for c in ANY)  # escaped: the JSON schema stays readable
_PRINTABLE = rf"^[^{_CONTROLS}]*$"
_CONTROL = re.compile(f"[{_CONTROLS}]")
# Such a character as json.dumps writes it (ASCII): escaped; an escaped backslash
# before b, f, r or u00 is found too, and is then looked at closer.
_CONTROLS_IN_JSON = ("\\u000", "\\u001", "\\u007f", "\\u008", "\\u009", "\\b", "\\f", "\\r")
Text = Annotated[
    StrictStr,
    StringConstraints(strip_whitespace=True, min_length=1, pattern=_PRINTABLE),
    AfterValidator(neutral),
]
# Text that is one line by nature (a name, a phone, a title: a label or a table's cell): no line
# break or tab either, which would begin a line of its own where it is printed ("First\nlocator:
# error: …"). Prose (a quote, notes, a description) is Text.
_ONE_LINE = r"\x00-\x1f\x7f-\x9f"
Line = Annotated[
    StrictStr,
    StringConstraints(strip_whitespace=True, min_length=1, pattern=rf"^[^{_ONE_LINE}]*$"),
    AfterValidator(neutral),
]
AsWritten = Annotated[
    StrictStr,
    StringConstraints(strip_whitespace=True, min_length=1, pattern=rf"^[^{_ONE_LINE}{_BIDI}]*$"),
]


def _printable_kept(kept: dict[str, Any]) -> dict[str, Any]:
    """``kept`` (what an HSDS import kept as the file wrote it) when none of its text holds a
    control character: a NUL written escaped in JSON (``\\u0000``) would else reach every
    terminal, spreadsheet and export that shows it. Looked for first in its JSON, in C (an
    import of 100,000 entries walked 50 million values in Python), then placed."""
    dumped = json.dumps(kept, default=str)  # searched for a few strings: no pattern, fast
    if not any(escape in dumped for escape in _CONTROLS_IN_JSON):
        return kept
    for where, value in _texts(kept, ""):
        if _CONTROL.search(value):
            reason = _(
                "“{value}” holds a control character; remove it (registry text is "
                "shown in terminals, spreadsheets and pages)"
            ).format(value=one_line(value))
            raise ValueError(f"{where}: {reason}")
    return kept


def _texts(found: Any, where: str) -> Iterator[tuple[str, str]]:
    """(where, text) for each text in ``found``, at its path ("contacts/0/name")."""
    if isinstance(found, str):
        yield where, found
    elif isinstance(found, dict):
        for key, value in found.items():
            yield from _texts(value, f"{where}/{key}" if where else str(key))
    elif isinstance(found, list):
        for index, item in enumerate(found):
            yield from _texts(item, f"{where}/{index}")


if TYPE_CHECKING:  # a Literal built at run time is beyond a type checker: it sees the text
    StateCode = str
else:  # checked by pydantic-core itself (no Python call per value): loading stays fast
    StateCode = Literal[STATE_CODES]
Place = Annotated[
    StrictStr,
    StringConstraints(pattern=rf"^[^,\x00-\x1f\x7f-\x9f{_BIDI}]+, (?:{'|'.join(STATE_CODES)})$"),
]
PostalCode = Annotated[StrictStr, StringConstraints(pattern=r"^[0-9]{5}(-[0-9]{4})?$")]
Slug = Annotated[StrictStr, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
# The host shown is the host opened (locator.data.hosts): no user name or password before it
# ("https://trusted.example@evil.example/" opens evil.example), no letters beyond ASCII, no
# backslash, no '%' escapes, no port but 1 to 65535.
_URL = rf"\s\x00-\x1f\x7f-\x9f{_BIDI}"


def _opens_host_shown(url: str) -> str:
    """``url`` when its host is the one a browser opens; an IPv4 address written as another
    number (``https://0x7f.1/``) fits the pattern and is refused here, as a mismatch of it."""
    if web_address_fault(url) is not None:
        raise PydanticCustomError(
            "string_pattern_mismatch", "String should match pattern '{pattern}'", {"pattern": ""}
        )
    return url


WebAddress = Annotated[
    StrictStr,
    StringConstraints(pattern=rf"^https?://{AUTHORITY}(?:[/?#][^{_URL}]*)?$"),
    AfterValidator(_opens_host_shown),
]


def field_named(key: str) -> str:
    """A field as a problem names it: :func:`locator.data.entry_fields.field_named`, the form's
    own names, read when a problem is said (that module reads this one)."""
    from locator.data.entry_fields import field_named as named

    return named(key)


class RegistryModel(BaseModel):
    """Base for registry models: unknown keys are errors, values are never coerced to text."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Address(RegistryModel):
    """A postal address; each part only when a source gives it."""

    street: Line | None = None
    city: Line | None = None
    state: StateCode | None = None
    postal_code: PostalCode | None = Field(
        default=None, description='ZIP or ZIP+4, quoted: "84095".'
    )


class Location(RegistryModel):
    """Where a clinic is placed on the map, and how precisely that is known.

    ``served_place`` marks coordinates that are not the clinic's: its source names no office,
    only places it serves (or, for an unnamed provider, where it is reported), and the entry
    stands at the centre of one of them so that it is still found by distance."""

    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    precision: Precision
    source: Line = Field(description="The gazetteer or geocoder the coordinates come from.")
    served_place: Place | None = Field(
        default=None,
        description="No office is listed: the coordinates are the centre of this place it "
        "serves, one of service_area ('City, ST').",
    )


class SessionLength(RegistryModel):
    """How long one treatment session lasts, in minutes, as a source states it."""

    min: int = Field(gt=0, le=24 * 60)
    max: int = Field(gt=0, le=24 * 60)

    @model_validator(mode="after")
    def _ordered(self) -> SessionLength:
        if self.min > self.max:
            raise ValueError(
                _("min ({min}) is greater than max ({max})").format(min=self.min, max=self.max)
            )
        return self


class UsdRange(RegistryModel):
    """A price in whole US dollars as a source states it: from ``min`` to ``max``."""

    min: int = Field(ge=0, le=1_000_000)
    max: int = Field(ge=0, le=1_000_000)

    @model_validator(mode="after")
    def _ordered(self) -> UsdRange:
        if self.min > self.max:
            raise ValueError(
                _("min ({min}) is greater than max ({max})").format(min=self.min, max=self.max)
            )
        return self


class Provider(RegistryModel):
    """A clinician a source names at the clinic."""

    name: Line
    title: Line | None = Field(default=None, description="As written before the name: Dr.")
    credentials: Line | None = Field(default=None, description="As written after it: PHNP, MD.")


class Document(RegistryModel):
    """A document the registry's quotes come from, as a reader can find and check it."""

    file: Line = Field(description="Its file name, as sources cite it.")
    title: Line | None = Field(default=None, description="Its own title or headline, as written.")
    description: Text | None = Field(
        default=None, description="What it is, in the registry's words, where it has no title."
    )
    publisher: Line | None = Field(
        default=None, description="Who published it, where the document names them."
    )
    url: WebAddress | None = Field(default=None, description="Where it can be read, if known.")
    read: dt.date | None = Field(default=None, description="When it was read for the registry.")

    @model_validator(mode="after")
    def _named(self) -> Document:
        if self.title is None and self.description is None:
            raise ValueError(_("a document needs its title, or a description where it has none"))
        return self


Cover = Line | dict[Line, list[Line]]


class Source(RegistryModel):
    """A seed document, a quote copied from it word for word, and the facts it supports.

    ``covers`` names each field the quote supports; a list field's values one by one where the
    quote says only some of them (``{treatments: [consultation]}``): a value then cites only
    the quotes that say it."""

    document: AsWritten
    quote: Text
    covers: list[Cover] = Field(
        default_factory=list,
        description="The clinic's fields this quote supports, by name (phone, name), or a list "
        "field with the values it says: {treatments: [consultation]}.",
    )

    @model_validator(mode="after")
    def _one_field_per_mapping(self) -> Source:
        for cover in self.covers:
            if isinstance(cover, dict) and len(cover) != 1:
                raise ValueError(
                    _(
                        "each entry of covers names one field: write {{treatments: "
                        "[consultation]}} and {{conditions: [anxiety]}} as two entries"
                    ).format()
                )
        return self

    _listed: Document | None = PrivateAttr(default=None)

    @property
    def listed(self) -> Document | None:
        """The registry's entry for the document, with its title, if the registry lists it."""
        return self._listed

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the fields this quote supports, in the order written."""
        return tuple(next(iter(c)) if isinstance(c, dict) else c for c in self.covers)

    def values(self, field: str) -> tuple[str, ...] | None:
        """The values of a list ``field`` this quote names; None when it supports the whole
        field (or none of it: see :attr:`fields`)."""
        for cover in self.covers:
            if isinstance(cover, dict) and field in cover:
                return tuple(cover[field])
        return None


class Inference(RegistryModel):
    """A value no source states, which the registry infers: shown as inferred, with why."""

    value: Line = Field(description="The inferred text as it stands in the fields: UT.")
    fields: list[Line] = Field(
        min_length=1, description="The fields that hold it: [address, service_area]."
    )
    reason: Text = Field(description="Why it is inferred, for readers: which gazetteer says so.")


class Clinic(RegistryModel):
    """One provider presence: a site, or a city the provider says it serves."""

    id: Slug = Field(description="Stable, unique, lowercase slug.")
    kind: EntryKind = Field(
        default=EntryKind.CLINIC,
        description="unnamed_provider: a source reports providers in an area but names none.",
    )
    name: Line
    organization: Line | None = Field(
        default=None, description="Shared by every presence of one organization."
    )
    affiliations: list[Line] = Field(
        default_factory=list, description="Other organizations a source says it works with."
    )
    address: Address | None = None
    location: Location | None = None
    service_area: list[Place] = Field(default_factory=list, description="'City, ST' each.")
    conditions: list[Condition] = Field(default_factory=list)
    treatments: list[Treatment] = Field(default_factory=list)
    not_offered: list[Treatment] = Field(
        default_factory=list, description="Only what a source says the clinic does not offer."
    )
    session_minutes: SessionLength | None = None
    typical_course: Text | None = None
    providers: list[Provider] = Field(default_factory=list)
    payment: list[Payment] = Field(default_factory=list)
    payment_not_accepted: list[Payment] = Field(
        default_factory=list, description="Only what a source says the clinic does not accept."
    )
    price_per_session: UsdRange | None = Field(
        default=None, description="One session, in US dollars: {min: 400, max: 750}."
    )
    price_per_series: UsdRange | None = Field(
        default=None, description="A whole series of sessions, in US dollars."
    )
    accepting_new_patients: StrictBool | None = Field(
        default=None, description="What a source says; needs new_patients_checked."
    )
    new_patients_checked: dt.date | None = Field(
        default=None, description="When someone checked whether it takes new patients."
    )
    spravato_rems_certified: StrictBool | None = Field(
        default=None, description="Certified under the Spravato (esketamine) REMS programme."
    )
    telehealth: StrictBool | None = None
    telehealth_states: list[StateCode] = Field(
        default_factory=list, description="States a telehealth provider serves: [UT, NV]."
    )
    languages: list[Language] = Field(
        default_factory=list, description="Languages a source says are spoken there."
    )
    wheelchair_accessible: StrictBool | None = None
    evening_hours: StrictBool | None = None
    weekend_hours: StrictBool | None = None
    driver_note: Text | None = Field(
        default=None, description="What a source says about needing a driver after treatment."
    )
    phone: Line | None = None
    website: WebAddress | None = None
    notes: Text | None = Field(
        default=None,
        description="Why the entry is listed this way: shown to patients only on request.",
    )
    inferred: list[Inference] = Field(
        default_factory=list, description="Values the registry infers: a state no source names."
    )
    hsds: Annotated[dict[Line, Any], AfterValidator(_printable_kept)] | None = Field(
        default=None,
        description="What an Open Referral HSDS import held that no other field can, as HSDS "
        "writes it (a partial service: attributes of unknown taxonomies…): an export gives "
        "it back.",
    )
    sources: list[Source] = Field(min_length=1)
    last_verified: dt.date = Field(
        description="When someone last checked the entry against its sources."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Clinic:
        if self.not_offered:
            both = sorted(set(self.treatments) & set(self.not_offered))
            if both:
                raise ValueError(
                    _("{join} cannot be both in {treatments} and in {not_offered}").format(
                        join=", ".join(both),
                        treatments=field_named("treatments"),
                        not_offered=field_named("not_offered"),
                    )
                )
        if self.payment_not_accepted:
            twice = sorted(set(self.payment) & set(self.payment_not_accepted))
            if twice:
                raise ValueError(
                    _("{join} cannot be both in {payment} and in {not_accepted}").format(
                        join=", ".join(twice),
                        payment=field_named("payment"),
                        not_accepted=field_named("payment_not_accepted"),
                    )
                )
        if (self.accepting_new_patients is None) != (self.new_patients_checked is None):
            raise ValueError(
                _(
                    "{accepting} and {checked} go together: whether it takes new patients, "
                    "and the date someone checked"
                ).format(
                    accepting=field_named("accepting_new_patients"),
                    checked=field_named("new_patients_checked"),
                )
            )
        if self.telehealth_states and self.telehealth is not True:
            raise ValueError(
                _("{states} needs {telehealth} to be yes (`telehealth: true`)").format(
                    states=field_named("telehealth_states"), telehealth=field_named("telehealth")
                )
            )
        if self.spravato_rems_certified and Treatment.ESKETAMINE_NASAL_SPRAY not in self.treatments:
            raise ValueError(
                _("{certified} needs `esketamine_nasal_spray` in {treatments}").format(
                    certified=field_named("spravato_rems_certified"),
                    treatments=field_named("treatments"),
                )
            )
        if self.kind is EntryKind.UNNAMED_PROVIDER:
            self._no_contact_facts()
        self._served_place_only()
        self._inferred_present()
        return self

    def _inferred_present(self) -> None:
        """An inference names fields that hold the inferred value: it marks them on screen."""
        for inference in self.inferred:
            for path in inference.fields:
                value: object = self
                for part in path.split("."):
                    value = getattr(value, part, None) if isinstance(value, BaseModel) else None
                if inference.value not in str(value or ""):
                    raise ValueError(
                        _("inferred “{value}”: {field} does not hold it").format(
                            value=one_line(inference.value), field=field_named(path)
                        )
                    )

    def _served_place_only(self) -> None:
        """A place it serves stands in for an office no source lists: never beside one."""
        served = self.location and self.location.served_place
        if not served:
            return
        if self.address is not None:
            raise ValueError(
                _(
                    "{served_place} says no office is listed, yet {address} is given: remove "
                    "{address}, or {served_place} if the source names an office"
                ).format(
                    served_place=field_named("location.served_place"),
                    address=field_named("address"),
                )
            )
        if served not in self.service_area:
            raise ValueError(
                _("{served_place} “{place}” is not in {service_area}").format(
                    served_place=field_named("location.served_place"),
                    place=one_line(served),
                    service_area=field_named("service_area"),
                )
            )

    def _no_contact_facts(self) -> None:
        """An unnamed provider is shown as "no one to contact": a way to reach someone on it
        would be hidden from users, or contradict that."""
        stated = [
            name
            for name, value in (
                ("organization", self.organization),
                ("providers", self.providers),
                ("phone", self.phone),
                ("website", self.website),
                ("address.street", self.address and self.address.street),
            )
            if value
        ]
        if stated:
            raise ValueError(
                _(
                    "an unnamed provider has no one to contact, yet {fields} is given: make the "
                    "entry a clinic (remove `kind: unnamed_provider`) or remove {fields}"
                ).format(fields=", ".join(field_named(name) for name in stated))
            )


EmailAddress = Annotated[
    StrictStr,
    StringConstraints(pattern=rf"^[^@{_URL}]+@[^@{_URL}]+\.[^@{_URL}]+$"),
]


class Maintainer(RegistryModel):
    """Who keeps this registry: where "Suggest a correction" sends its text."""

    name: Line | None = None
    email: EmailAddress | None = Field(default=None, description="Corrections open an email.")
    url: WebAddress | None = Field(
        default=None, description="Or a page (an issue tracker, a form) to paste them into."
    )

    @model_validator(mode="after")
    def _reachable(self) -> Maintainer:
        if self.email is None and self.url is None:
            raise ValueError(_("a maintainer needs an email or a url to send corrections to"))
        return self


class Registry(RegistryModel):
    """The whole registry file."""

    schema_version: Literal[1] = Field(description="The registry format; this locator reads 1.")
    maintainer: Maintainer | None = Field(
        default=None, description="Who keeps the registry; none means corrections go nowhere."
    )
    documents: list[Document] = Field(
        default_factory=list,
        description="The documents quoted, with titles; once listed, every cited one must be.",
    )
    clinics: list[Clinic]

    @model_validator(mode="after")
    def _documents_to_sources(self) -> Registry:
        """Each source learns its listed document, so that every screen can name it by its
        title without being handed the whole registry (an unlisted one is refused when the
        file is checked: see :mod:`locator.data.checking`)."""
        if self.documents:
            listed = {document.file: document for document in self.documents}
            for clinic in self.clinics:
                for source in clinic.sources:
                    source._listed = listed.get(source.document)
        return self

    def document(self, file: str) -> Document | None:
        """What the registry says of the cited document ``file``, if it lists it."""
        return next((document for document in self.documents if document.file == file), None)


_Model = TypeVar("_Model", bound=BaseModel)


def validated(model: type[_Model], data: Any, *, reorders: bool = True) -> _Model:
    """``model.model_validate(data)``; where no text in ``data`` can hold a character that
    reorders (``reorders`` False: :func:`locator.data.bidi.may_reorder` said so of the whole
    file it was read from), without :func:`neutral` called for each text, which would leave
    every one as it is (242,000 calls for 10,000 clinics)."""
    if reorders:
        return model.model_validate(data)
    found: _Model = _as_written(model).validate_python(data)
    return found


@functools.cache
def _as_written(model: type[BaseModel]) -> SchemaValidator:
    """``model``'s own validation with each :data:`Text` and :data:`Line` as it is: the same checks,
    the same models made, the same errors (a union's member is named without ``neutral``).

    pydantic-core takes a nested model's own validator, ``neutral`` and all, where the model
    has no validator of its own (an address), if the class says it is complete: each says it
    is not while this one is made. Nothing but the making of a validator reads that."""
    schema = _without_neutral(model.__pydantic_core_schema__)
    with _MAKING:
        nested = [kind for kind in _models_in(schema) if vars(kind).get("__pydantic_complete__")]
        try:
            for kind in nested:
                kind.__pydantic_complete__ = False
            return SchemaValidator(schema)
        finally:
            for kind in nested:
                kind.__pydantic_complete__ = True


_MAKING = threading.Lock()


def _models_in(schema: Any) -> set[type[BaseModel]]:
    """The model classes a core ``schema`` makes."""
    if isinstance(schema, list):
        return set().union(*map(_models_in, schema))
    if not isinstance(schema, dict):
        return set()
    found = {schema["cls"]} if schema.get("type") == "model" else set()
    return found.union(*map(_models_in, schema.values()))


def _without_neutral(schema: Any) -> Any:
    """A copy of pydantic's core ``schema`` with each call of :func:`neutral` left out."""
    if isinstance(schema, list):
        return [_without_neutral(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if schema.get("type") == "function-after" and schema["function"].get("function") is neutral:
        return _without_neutral(schema["schema"])
    return {key: _without_neutral(value) for key, value in schema.items()}
