"""Closed vocabularies of the registry: conditions, treatments, payment and location precision.

Each term has a stable key (what ``clinics.yaml`` holds) and a human label (what people read).
People may type either, in any case: :meth:`Term.parse` accepts both.
"""

from __future__ import annotations

import difflib
import re
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Self, overload

from locator.errors import UnknownTermError

if TYPE_CHECKING:  # pydantic is not imported just to name a few terms
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema


def _folded(text: str) -> str:
    """Fold case, hyphens, underscores and runs of spaces so "IV-ketamine  infusion" matches."""
    return re.sub(r"[\s_\-/]+", " ", text.strip().casefold())


class Term(StrEnum):
    """A vocabulary term: its value is the key, ``label`` the human-readable name."""

    label: str
    noun: ClassVar[str]  # what a term is called in messages: class Condition(Term, noun=...)

    def __init_subclass__(cls, *, noun: str = "term", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.noun = noun

    @overload
    def __new__(cls, key: str) -> Self: ...  # Condition("ptsd"): the term with that key

    @overload
    def __new__(cls, key: str, label: str) -> Self: ...  # a member's definition

    def __new__(cls, key: str, label: str | None = None) -> Self:
        # Only members' definitions come here: Enum answers a call with one key itself.
        if label is None:
            raise TypeError(f"the term {key!r} needs a label")
        term = str.__new__(cls, key)
        term._value_ = key
        term.label = label
        return term

    @classmethod
    def parse(cls, text: str) -> Self:
        """Return the term whose key or label matches ``text`` ignoring case and separators."""
        wanted = _folded(text)
        for term in cls:
            if wanted in (_folded(term.value), _folded(term.label)):
                return term
        raise UnknownTermError(cls, text)

    @classmethod
    def suggest(cls, text: str, limit: int = 3) -> list[str]:
        """Keys of the terms closest to ``text`` (by key or label), best first."""
        wanted = _folded(text)
        by_name: dict[str, str] = {}
        for term in cls:
            by_name.setdefault(_folded(term.value), term.value)
            by_name.setdefault(_folded(term.label), term.value)
        containing = [key for name, key in by_name.items() if len(wanted) > 2 and wanted in name]
        close = difflib.get_close_matches(wanted, list(by_name), n=limit * 2, cutoff=0.6)
        ranked = containing + [by_name[name] for name in close]
        return list(dict.fromkeys(ranked))[:limit]

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema: dict[str, Any] = handler(schema)
        json_schema = handler.resolve_ref_schema(json_schema)
        json_schema["enumDescriptions"] = [term.label for term in cls]
        return json_schema


class Condition(Term, noun="condition"):
    """What a source says a clinic treats."""

    DEPRESSION = "depression", "Depression"
    TREATMENT_RESISTANT_DEPRESSION = (
        "treatment_resistant_depression",
        "Treatment-resistant depression",
    )
    BIPOLAR_DEPRESSION = "bipolar_depression", "Bipolar depression"
    POSTPARTUM_DEPRESSION = "postpartum_depression", "Postpartum depression"
    SUICIDAL_IDEATION = "suicidal_ideation", "Suicidal thoughts"
    ANXIETY = "anxiety", "Anxiety"
    PTSD = "ptsd", "PTSD"
    OCD = "ocd", "OCD"
    CHRONIC_PAIN = "chronic_pain", "Chronic pain"
    MIGRAINE = "migraine", "Migraine"
    SUBSTANCE_USE = "substance_use", "Substance use disorders"
    EATING_DISORDERS = "eating_disorders", "Eating disorders"


class Treatment(Term, noun="treatment"):
    """What a source says a clinic offers (or, under ``not_offered``, does not)."""

    IV_KETAMINE_INFUSION = "iv_ketamine_infusion", "IV ketamine infusion"
    IM_KETAMINE_INJECTION = "im_ketamine_injection", "Intramuscular ketamine injection"
    ORAL_KETAMINE = "oral_ketamine", "Oral or sublingual ketamine"
    ESKETAMINE_NASAL_SPRAY = "esketamine_nasal_spray", "Esketamine nasal spray (Spravato)"
    KETAMINE_ASSISTED_PSYCHOTHERAPY = (
        "ketamine_assisted_psychotherapy",
        "Ketamine-assisted psychotherapy",
    )
    KETAMINE_ROUTE_NOT_STATED = "ketamine_route_not_stated", "Ketamine therapy (route not stated)"
    CONSULTATION = "consultation", "Consultation"
    AFTERCARE = "aftercare", "Aftercare and integration"
    AT_HOME_KETAMINE = "at_home_ketamine", "At-home ketamine (prescribed for home use)"


class Payment(Term, noun="payment"):
    """How a source says a clinic can be paid."""

    SELF_PAY = "self_pay", "Self-pay"
    INSURANCE = "insurance", "Insurance"
    MEDICARE = "medicare", "Medicare"
    MEDICAID = "medicaid", "Medicaid"
    VETERANS = "veterans", "VA / TRICARE"
    HSA_FSA = "hsa_fsa", "HSA or FSA"
    FINANCING = "financing", "Financing or payment plans"
    SUPERBILL = "superbill", "Superbill for out-of-network claims"


class Precision(Term, noun="precision"):
    """How precisely a location is known."""

    ADDRESS = "address", "Street address"
    POSTAL_CODE = "postal_code", "ZIP code centre"
    CITY = "city", "City centre"
    STATE = "state", "State centre"
