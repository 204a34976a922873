"""Closed vocabularies of the registry: conditions, treatments, payment, entry kinds, location
precision, languages and the yes-or-no practical facts.

Each term has a stable key (what ``clinics.yaml`` holds) and a human label (what people read,
in their language). People may type either, in any case: :meth:`Term.parse` accepts the key,
the English label and the label in the language in use.
"""

from __future__ import annotations

import difflib
import functools
import re
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Self, overload

from locator.errors import UnknownTermError
from locator.i18n import N_, _, language
from locator.terminal import one_line

if TYPE_CHECKING:  # pydantic is not imported just to name a few terms
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema


_LOWER_CASE_MID_SENTENCE = {"es"}


def _folded(text: str) -> str:
    """Fold case, hyphens, underscores and runs of spaces so "IV-ketamine  infusion" matches."""
    return re.sub(r"[\s_\-/]+", " ", text.strip().casefold())


class Term(StrEnum):
    """A vocabulary term: its value is the key, ``label`` the human-readable name."""

    english: str  # the label as written here, the catalog's key; ``label`` translates it
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
        term.english = label
        return term

    @property
    def label(self) -> str:
        """The human-readable name in the language in use ("Anxiety", "Ansiedad")."""
        return _(self.english)

    @property
    def running(self) -> str:
        """The label inside a sentence: "trata depresión y ansiedad", "habla inglés".

        Spanish writes these words in lower case mid-sentence; English keeps the label's
        capitals ("speaks Spanish"). Acronyms (TEPT) and names left as in English (Medicare)
        keep theirs.
        """
        label = self.label
        lowered = language() in _LOWER_CASE_MID_SENTENCE and label != self.english
        if lowered and label[1:2].islower():
            return label[0].lower() + label[1:]
        return label

    @classmethod
    def parse(cls, text: str) -> Self:
        """Return the term whose key or label matches ``text`` ignoring case and separators.

        The error quotes ``text`` on one line: a line break typed into ``--treatment`` would
        otherwise begin a line of its own that reads as locator's."""
        key = _names_of(cls, language()).get(_folded(text))
        if key is not None:
            return cls(key)
        raise UnknownTermError(
            cls.noun,
            one_line(text),
            valid=[term.value for term in cls],
            suggestions=cls.suggest(text),
        )

    @classmethod
    def suggest(cls, text: str, limit: int = 3) -> list[str]:
        """Keys of the terms closest to ``text`` (by key or label), best first."""
        wanted = _folded(text)
        by_name = _names_of(cls, language())
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
        json_schema["enumDescriptions"] = [term.english for term in cls]  # never translated
        return json_schema


@functools.cache  # once per vocabulary and language, not once per word looked up
def _names_of(vocabulary: type[Term], language_code: str) -> dict[str, str]:
    """Each term's key, English label and label in ``language_code`` (the one in use), folded,
    to the term's key; the first term to take a name keeps it."""
    by_name: dict[str, str] = {}
    for term in vocabulary:
        for name in (term.value, term.english, term.label):
            by_name.setdefault(_folded(name), term.value)
    return by_name


class Condition(Term, noun=N_("condition")):
    """What a source says a clinic treats."""

    DEPRESSION = "depression", N_("Depression")
    TREATMENT_RESISTANT_DEPRESSION = (
        "treatment_resistant_depression",
        N_("Treatment-resistant depression"),
    )
    BIPOLAR_DEPRESSION = "bipolar_depression", N_("Bipolar depression")
    POSTPARTUM_DEPRESSION = "postpartum_depression", N_("Postpartum depression")
    SUICIDAL_IDEATION = "suicidal_ideation", N_("Suicidal thoughts")
    ANXIETY = "anxiety", N_("Anxiety")
    PTSD = "ptsd", N_("PTSD")
    OCD = "ocd", N_("OCD")
    CHRONIC_PAIN = "chronic_pain", N_("Chronic pain")
    MIGRAINE = "migraine", N_("Migraine")
    SUBSTANCE_USE = "substance_use", N_("Substance use disorders")
    EATING_DISORDERS = "eating_disorders", N_("Eating disorders")


class Treatment(Term, noun=N_("treatment")):
    """What a source says a clinic offers (or, under ``not_offered``, does not)."""

    IV_KETAMINE_INFUSION = "iv_ketamine_infusion", N_("IV ketamine infusion")
    IM_KETAMINE_INJECTION = "im_ketamine_injection", N_("Intramuscular ketamine injection")
    ORAL_KETAMINE = "oral_ketamine", N_("Oral or sublingual ketamine")
    ESKETAMINE_NASAL_SPRAY = "esketamine_nasal_spray", N_("Esketamine nasal spray (Spravato)")
    KETAMINE_ASSISTED_PSYCHOTHERAPY = (
        "ketamine_assisted_psychotherapy",
        N_("Ketamine-assisted psychotherapy"),
    )
    KETAMINE_ROUTE_NOT_STATED = (
        "ketamine_route_not_stated",
        N_("Ketamine therapy (route not stated)"),
    )
    CONSULTATION = "consultation", N_("Consultation")
    AFTERCARE = "aftercare", N_("Aftercare and integration")
    AT_HOME_KETAMINE = "at_home_ketamine", N_("At-home ketamine (prescribed for home use)")


class Payment(Term, noun=N_("payment")):
    """How a source says a clinic can be paid."""

    SELF_PAY = "self_pay", N_("Self-pay")
    INSURANCE = "insurance", N_("Insurance")
    MEDICARE = "medicare", N_("Medicare")
    MEDICAID = "medicaid", N_("Medicaid")
    VETERANS = "veterans", N_("VA / TRICARE")
    HSA_FSA = "hsa_fsa", N_("HSA or FSA")
    FINANCING = "financing", N_("Financing or payment plans")
    SUPERBILL = "superbill", N_("Superbill for out-of-network claims")


class EntryKind(Term, noun=N_("kind")):
    """What an entry stands for: a clinic one can contact, or providers a source reports in an
    area without naming any (kept because the source mentions them, never shown as a clinic)."""

    CLINIC = "clinic", N_("Clinic")
    UNNAMED_PROVIDER = "unnamed_provider", N_("Unnamed provider reported in this area")


class Precision(Term, noun=N_("precision")):
    """How precisely a location is known."""

    ADDRESS = "address", N_("Street address")
    POSTAL_CODE = "postal_code", N_("ZIP code centre")
    CITY = "city", N_("City centre")
    STATE = "state", N_("State centre")


class Language(Term, noun=N_("language")):
    """A language a source says is spoken at the clinic (the most spoken in US homes, and ASL)."""

    ENGLISH = "english", N_("English")
    SPANISH = "spanish", N_("Spanish")
    MANDARIN = "mandarin", N_("Mandarin")
    CANTONESE = "cantonese", N_("Cantonese")
    TAGALOG = "tagalog", N_("Tagalog")
    VIETNAMESE = "vietnamese", N_("Vietnamese")
    ARABIC = "arabic", N_("Arabic")
    FRENCH = "french", N_("French")
    KOREAN = "korean", N_("Korean")
    RUSSIAN = "russian", N_("Russian")
    HAITIAN_CREOLE = "haitian_creole", N_("Haitian Creole")
    PORTUGUESE = "portuguese", N_("Portuguese")
    HINDI = "hindi", N_("Hindi")
    GERMAN = "german", N_("German")
    ASL = "american_sign_language", N_("American Sign Language")


class Topic(Enum):
    """What a yes-or-no practical fact is about, which says where it is listed among the other
    practical facts (prices, languages, …): the details, the JSON for scripts and the editor's
    rows each place a topic's facts once, in :class:`Feature`'s order, so a new fact needs no
    edit there."""

    NEW_PATIENTS = "new_patients"  # whether a first appointment can be had
    TREATMENT = "treatment"  # what the clinic is allowed to give
    VISIT = "visit"  # getting in and when: access, opening hours


class Feature(Term, noun=N_("fact")):
    """A yes-or-no practical fact, declared once: everything that names it derives from here.

    Its key is the clinic field that holds it (a search asks for "yes"); ``topic`` places it
    among the practical facts; ``label`` names the filter (the More filters menu) and the
    editor's row; ``row`` names it where a clinic is shown (details, comparison, referral,
    command line); ``phrase`` says the filter inside a sentence ("listed as open in the
    evening"); ``flag`` and ``flag_help`` are its option on the command line. The order of the
    members is the order of the filters, the options and the facts of one topic.
    """

    topic: Topic
    row: str
    phrase: str
    flag: str
    flag_help: str

    def __new__(
        cls, key: str, topic: Topic, label: str, row: str, phrase: str, flag: str, flag_help: str
    ) -> Self:
        feature = str.__new__(cls, key)
        feature._value_ = key
        feature.english, feature.topic = label, topic
        feature.row, feature.phrase = row, phrase
        feature.flag, feature.flag_help = flag, flag_help
        return feature

    @classmethod
    def about(cls, topic: Topic) -> list[Feature]:
        """The facts of ``topic``, in their declared order."""
        return [feature for feature in cls if feature.topic is topic]

    ACCEPTING_NEW_PATIENTS = (
        "accepting_new_patients",
        Topic.NEW_PATIENTS,
        N_("Accepting new patients"),
        N_("New patients"),
        N_("accepting new patients"),
        "--accepting-new-patients",
        N_("only clinics said to be accepting new patients"),
    )
    WHEELCHAIR_ACCESSIBLE = (
        "wheelchair_accessible",
        Topic.VISIT,
        N_("Wheelchair access"),
        N_("Wheelchair access"),
        N_("with wheelchair access"),
        "--wheelchair",
        N_("only clinics said to be wheelchair accessible"),
    )
    EVENING_HOURS = (
        "evening_hours",
        Topic.VISIT,
        N_("Evening hours"),
        N_("Evening hours"),
        N_("open in the evening"),
        "--evening",
        N_("only clinics said to open in the evening"),
    )
    WEEKEND_HOURS = (
        "weekend_hours",
        Topic.VISIT,
        N_("Weekend hours"),
        N_("Weekend hours"),
        N_("open at weekends"),
        "--weekend",
        N_("only clinics said to open at weekends"),
    )
    SPRAVATO_REMS_CERTIFIED = (
        "spravato_rems_certified",
        Topic.TREATMENT,
        N_("Spravato REMS certified"),
        N_("Spravato REMS"),
        N_("certified for Spravato (REMS)"),
        "--rems",
        N_("only clinics said to be certified for Spravato (esketamine) under its REMS"),
    )
