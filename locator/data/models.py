"""The registry's schema (version 1) as pydantic models.

One :class:`Clinic` is one provider presence: a site where a source gives one, otherwise a city
a provider says it serves. Lists of conditions and treatments hold what a source states; what
no source states is *not listed*, which is different from ``not_offered``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    StringConstraints,
    model_validator,
)

from locator.data.bidi import ANY, neutral
from locator.data.states import STATES_AND_TERRITORIES
from locator.data.vocabulary import Condition, EntryKind, Language, Payment, Precision, Treatment
from locator.i18n import _

SCHEMA_VERSION = 1

STATE_CODES = tuple(state.abbr for state in STATES_AND_TERRITORIES)

# No control characters (newline and tab aside): registry text reaches terminals and exports.
# Text is shown with what would reorder it neutralised; a name to be read as it is (a
# document's, an address) holds none of it (locator.data.bidi).
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI = "".join(rf"\u{ord(c):04x}" for c in ANY)  # escaped: the JSON schema stays readable
_PRINTABLE = rf"^[^{_CONTROLS}]*$"
Text = Annotated[
    StrictStr,
    StringConstraints(strip_whitespace=True, min_length=1, pattern=_PRINTABLE),
    AfterValidator(neutral),
]
AsWritten = Annotated[
    StrictStr,
    StringConstraints(strip_whitespace=True, min_length=1, pattern=rf"^[^{_CONTROLS}{_BIDI}]*$"),
]
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
# No user name or password before the host: "https://trusted.example@evil.example/" opens
# evil.example.
_URL = rf"\s\x00-\x1f\x7f-\x9f{_BIDI}"
WebAddress = Annotated[
    StrictStr,
    StringConstraints(pattern=rf"^https?://[^/$.?#@{_URL}][^/?#@{_URL}]*(?:[/?#][^{_URL}]*)?$"),
]


class RegistryModel(BaseModel):
    """Base for registry models: unknown keys are errors, values are never coerced to text."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Address(RegistryModel):
    """A postal address; each part only when a source gives it."""

    street: Text | None = None
    city: Text | None = None
    state: StateCode | None = None
    postal_code: PostalCode | None = Field(
        default=None, description='ZIP or ZIP+4, quoted: "84095".'
    )


class Location(RegistryModel):
    """Where a clinic is placed on the map, and how precisely that is known."""

    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    precision: Precision
    source: Text = Field(description="The gazetteer or geocoder the coordinates come from.")


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

    name: Text
    title: Text | None = Field(default=None, description="As written before the name: Dr.")
    credentials: Text | None = Field(default=None, description="As written after it: PHNP, MD.")


class Source(RegistryModel):
    """A seed document, a quote copied from it word for word, and the facts it supports."""

    document: AsWritten
    quote: Text
    covers: list[Text] = Field(
        default_factory=list,
        description="The clinic's fields this quote supports, by name: treatments, phone, …",
    )


class Clinic(RegistryModel):
    """One provider presence: a site, or a city the provider says it serves."""

    id: Slug = Field(description="Stable, unique, lowercase slug.")
    kind: EntryKind = Field(
        default=EntryKind.CLINIC,
        description="unnamed_provider: a source reports providers in an area but names none.",
    )
    name: Text
    organization: Text | None = Field(
        default=None, description="Shared by every presence of one organization."
    )
    affiliations: list[Text] = Field(
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
    phone: Text | None = None
    website: WebAddress | None = None
    notes: Text | None = None
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
                    _("{join} cannot be both in treatments and in not_offered").format(
                        join=", ".join(both)
                    )
                )
        if self.payment_not_accepted:
            twice = sorted(set(self.payment) & set(self.payment_not_accepted))
            if twice:
                raise ValueError(
                    _("{join} cannot be both in payment and in payment_not_accepted").format(
                        join=", ".join(twice)
                    )
                )
        if (self.accepting_new_patients is None) != (self.new_patients_checked is None):
            raise ValueError(
                _(
                    "accepting_new_patients and new_patients_checked go together: whether "
                    "it takes new patients, and the date someone checked"
                )
            )
        if self.telehealth_states and self.telehealth is not True:
            raise ValueError(_("telehealth_states needs telehealth: true"))
        if self.spravato_rems_certified and Treatment.ESKETAMINE_NASAL_SPRAY not in self.treatments:
            raise ValueError(
                _("spravato_rems_certified needs esketamine_nasal_spray in treatments")
            )
        if self.kind is EntryKind.UNNAMED_PROVIDER:
            self._no_contact_facts()
        return self

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
                    "entry a clinic (remove kind: unnamed_provider) or remove {fields}"
                ).format(fields=", ".join(stated))
            )


EmailAddress = Annotated[
    StrictStr,
    StringConstraints(pattern=rf"^[^@{_URL}]+@[^@{_URL}]+\.[^@{_URL}]+$"),
]


class Maintainer(RegistryModel):
    """Who keeps this registry: where "Suggest a correction" sends its text."""

    name: Text | None = None
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
    clinics: list[Clinic]
