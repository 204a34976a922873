"""The practical fields (new patients, price, payment, routes, telehealth states, languages,
access, hours, driver): three states in the schema, the filters, the comparison, the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from locator.compare import ComparisonMatrix
from locator.data.entry_fields import BY_KEY
from locator.data.loader import parse_registry
from locator.data.schema import registry_json_schema
from locator.data.vocabulary import Feature, Language, Payment, Precision
from locator.errors import RegistryError
from locator.geo.place import Place
from locator.query import Filters
from locator.referral import referral_html
from locator.search import ClinicIndex
from locator.summary import summary
from tests.helpers.cli import CliRunner
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import PRACTICAL

SANDY = Place(
    "Sandy, UT", "Sandy, UT", 40.59161, -111.8841, Precision.CITY, city="Sandy", state="UT"
)
NEW_FIELDS = (
    "payment_not_accepted",
    "price_per_session",
    "price_per_series",
    "accepting_new_patients",
    "new_patients_checked",
    "spravato_rems_certified",
    "telehealth_states",
    "languages",
    "wheelchair_accessible",
    "evening_hours",
    "weekend_hours",
    "driver_note",
)


@pytest.fixture
def practical(tmp_path: Path) -> Path:
    path = tmp_path / "practical.yaml"
    path.write_text(PRACTICAL, encoding="utf-8")
    return path


def test_each_fact_is_stated_either_way_or_not_listed() -> None:
    wasatch, valley, canyon = parse_registry(PRACTICAL.encode()).clinics
    assert wasatch.accepting_new_patients is True
    assert str(wasatch.new_patients_checked) == "2026-11-01"
    assert (wasatch.price_per_session.min, wasatch.price_per_session.max) == (400, 750)
    assert wasatch.languages == [Language.ENGLISH, Language.SPANISH]
    assert wasatch.telehealth_states == ["UT", "NV"]
    assert wasatch.weekend_hours is False
    assert valley.accepting_new_patients is False
    assert valley.payment_not_accepted == [Payment.INSURANCE]
    for field in NEW_FIELDS:  # the third says nothing: every fact is "not listed"
        assert getattr(canyon, field) in (None, []), field


def test_the_json_schema_describes_the_new_fields_and_the_shipped_one_is_current() -> None:
    schema = json.loads(registry_json_schema())
    clinic = schema["$defs"]["Clinic"]["properties"]
    for field in NEW_FIELDS:
        assert field in clinic, field
    assert "spanish" in schema["$defs"]["Language"]["enum"]
    shipped = (REPO / "clinics.schema.json").read_text(encoding="utf-8")
    assert shipped == registry_json_schema(), "run: locator schema -o clinics.schema.json"


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        (
            "    new_patients_checked: 2026-11-01\n",
            "",
            "“Accepting new patients” (`accepting_new_patients`) and “New patients checked on” "
            "(`new_patients_checked`) go together",
        ),
        ("{min: 400, max: 750}", "{min: 750, max: 400}", "min (750) is greater than max (400)"),
        ("[english, spanish]", "[english, spansh]", "spanish"),
        ("telehealth_states: [UT, NV]", "telehealth_states: [UT, XX]", "telehealth_states[1]"),
        (
            "    telehealth: true\n",
            "    telehealth: false\n",
            "(`telehealth_states`) needs “Telehealth” (`telehealth`) to be yes "
            "(`telehealth: true`)",
        ),
        (
            "[iv_ketamine_infusion, esketamine_nasal_spray]",
            "[iv_ketamine_infusion]",
            "“Spravato REMS certified” (`spravato_rems_certified`) needs `esketamine_nasal_spray` "
            "in “Offers” (`treatments`)",
        ),
        (
            "    payment_not_accepted: [insurance]\n",
            "    payment: [insurance]\n    payment_not_accepted: [insurance]\n",
            "insurance cannot be both in “Payment” (`payment`) and in “Says it does not accept” "
            "(`payment_not_accepted`)",
        ),
        ("weekend_hours: false", "weekend_hours: sometimes", "weekend_hours"),
    ],
)
def test_a_wrong_practical_fact_is_named_at_its_line(before: str, after: str, message: str) -> None:
    assert before in PRACTICAL
    text = PRACTICAL.replace(before, after, 1)
    with pytest.raises(RegistryError) as raised:
        parse_registry(text.encode(), "practical.yaml")
    assert message in str(raised.value)
    assert "practical.yaml:" in str(raised.value)


def test_the_editor_shows_each_new_field_exactly_so_a_form_edit_keeps_it() -> None:
    for entry in yaml.safe_load(PRACTICAL)["clinics"]:
        for field in NEW_FIELDS:
            spec = BY_KEY[field]
            value = entry.get(field)
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            assert spec.shows(value), (field, value)
            if value is not None:
                assert spec.from_form(spec.to_form(value)) == value
    price = BY_KEY["price_per_session"]
    assert price.from_form("$400 \u2013 $1,000") == {"min": 400, "max": 1000}
    assert BY_KEY["accepting_new_patients"].from_form(None) is None  # "not listed": left out


def ids_and_left_out(filters: Filters) -> tuple[list[str], int]:
    index = ClinicIndex(parse_registry(PRACTICAL.encode()).clinics)
    result = index.nearest(SANDY, filters=filters, by_organization=False)
    return [match.clinic.id for match in result.matches], result.excluded_not_listed


WASATCH = "wasatch-infusions-sandy"


@pytest.mark.parametrize(
    ("filters", "found", "not_listed"),
    [
        (Filters(features=frozenset({Feature.WHEELCHAIR_ACCESSIBLE})), [WASATCH], 1),
        (Filters(features=frozenset({Feature.ACCEPTING_NEW_PATIENTS})), [WASATCH], 1),
        (Filters(features=frozenset({Feature.EVENING_HOURS})), [WASATCH], 2),
        (Filters(features=frozenset({Feature.WEEKEND_HOURS})), [], 2),  # one said no
        (Filters(payment=frozenset({Payment.INSURANCE})), [WASATCH], 1),
        (Filters(payment=frozenset({Payment.HSA_FSA})), [WASATCH], 2),
        (Filters(languages=frozenset({Language.SPANISH})), [WASATCH], 2),
        (Filters(telehealth_state="NV"), [WASATCH], 1),  # Draper said no telehealth
        (Filters(max_session_usd=500), [WASATCH], 2),  # a series price is not a session's
        (Filters(max_session_usd=300), [], 2),  # $400 is more: not counted as "not listed"
    ],
)
def test_not_listed_never_matches_and_is_counted(
    filters: Filters, found: list[str], not_listed: int
) -> None:
    assert ids_and_left_out(filters) == (found, not_listed)


def test_the_summary_says_what_was_asked_and_how_many_were_not_listed() -> None:
    index = ClinicIndex(parse_registry(PRACTICAL.encode()).clinics)
    filters = Filters(
        features=frozenset({Feature.ACCEPTING_NEW_PATIENTS}),
        languages=frozenset({Language.VIETNAMESE}),
        max_session_usd=600,
    )
    said = summary(index.nearest(SANDY, filters=filters))
    assert "accepting new patients" in said
    assert "speaking Vietnamese" in said
    assert "charging at most $600 a session" in said
    assert "2 providers left out because what you filtered on is not listed" in said


@pytest.mark.parametrize(
    ("feature", "label", "row", "phrase", "flag"),
    [
        (
            Feature.ACCEPTING_NEW_PATIENTS,
            "Accepting new patients",
            "New patients",
            "accepting new patients",
            "--accepting-new-patients",
        ),
        (
            Feature.WHEELCHAIR_ACCESSIBLE,
            "Wheelchair access",
            "Wheelchair access",
            "with wheelchair access",
            "--wheelchair",
        ),
        (
            Feature.EVENING_HOURS,
            "Evening hours",
            "Evening hours",
            "open in the evening",
            "--evening",
        ),
        (Feature.WEEKEND_HOURS, "Weekend hours", "Weekend hours", "open at weekends", "--weekend"),
        (
            Feature.SPRAVATO_REMS_CERTIFIED,
            "Spravato REMS certified",
            "Spravato REMS",
            "certified for Spravato (REMS)",
            "--rems",
        ),
    ],
    ids=["new patients", "wheelchair", "evening", "weekend", "REMS"],
)
def test_each_yes_or_no_fact_is_named_alike_wherever_it_is_shown(
    feature: Feature, label: str, row: str, phrase: str, flag: str
) -> None:
    """One declaration per fact: the filter menu and the editor, the rows where a clinic is
    shown, the summary of a search on it, the command line's option."""
    *_said, canyon = parse_registry(PRACTICAL.encode()).clinics  # no source says anything
    assert feature.label == label  # the More filters menu
    assert BY_KEY[feature.value].label == label  # the editor's row, on the clinic's own field
    assert row in {r.attribute for r in comparison().rows}
    result = ClinicIndex([canyon]).nearest(SANDY, filters=Filters(features=frozenset({feature})))
    assert summary(result).startswith(
        f"No clinic with a location in this registry is listed as {phrase}."
    )
    assert feature.flag == flag


def comparison() -> ComparisonMatrix:
    return ComparisonMatrix.of(parse_registry(PRACTICAL.encode()).clinics)


def test_the_comparison_has_a_row_per_fact_with_not_listed_apart_from_no() -> None:
    rows = {row.attribute: [cell.text for cell in row.cells] for row in comparison().rows}
    assert rows["New patients"] == [
        "accepting (checked 2026-11-01)",
        "not accepting (checked 2026-10-15)",
        "not listed",
    ]
    assert rows["Price per session"] == ["$400\u2013$750", "not listed", "not listed"]
    assert rows["Price per series"] == ["not listed", "$1,800\u2013$2,400", "not listed"]
    assert rows["Insurance"] == ["accepted", "not accepted", "not listed"]
    assert rows["Wheelchair access"] == ["yes", "no", "not listed"]
    assert rows["Weekend hours"] == ["no", "not listed", "not listed"]
    assert rows["Telehealth to"] == ["UT, NV", "not listed", "not listed"]
    assert rows["Languages"] == ["English, Spanish", "not listed", "not listed"]
    assert rows["Spravato REMS"] == ["certified", "not listed", "not listed"]
    assert rows["Driver after treatment"][1:] == ["not listed", "not listed"]
    assert rows["Esketamine nasal spray (Spravato)"] == ["offered", "not listed", "not listed"]
    assert rows["Intramuscular ketamine injection"] == ["not listed", "offered", "not listed"]


def test_exports_show_each_fact_and_say_not_listed() -> None:
    matrix = comparison()
    table = list(csv.reader(io.StringIO(matrix.to_csv())))
    by_attribute = {row[1]: row[2:5] for row in table}
    assert by_attribute["Wheelchair access"] == ["yes", "no", "not listed"]
    assert by_attribute["Price per session"] == ["$400\u2013$750", "not listed", "not listed"]
    page = matrix.to_html()
    assert "<td class='not_listed differs'>not listed</td>" in page
    assert "You will need someone to drive you home after each infusion." in page
    data = json.loads(matrix.to_json())
    wheelchair = next(row for row in data["rows"] if row["attribute"] == "Wheelchair access")
    assert [cell["kind"] for cell in wheelchair["cells"]] == [
        "offered",
        "not offered",
        "not listed",
    ]


def test_nearest_json_carries_each_fact_and_null_when_not_listed(
    run_cli: CliRunner, practical: Path
) -> None:
    result = run_cli("nearest", "Sandy, UT", "--registry", str(practical), "--json")
    assert result.returncode == 0, result.stderr
    found = {entry["id"]: entry for entry in json.loads(result.stdout)["results"]}
    wasatch, canyon = found[WASATCH], found["canyon-mind-care-murray"]
    assert wasatch["accepting_new_patients"] is True
    assert wasatch["new_patients_checked"] == "2026-11-01"
    assert wasatch["price_per_session_usd"] == {"min": 400, "max": 750}
    assert wasatch["telehealth_states"] == ["UT", "NV"]
    assert wasatch["languages"] == ["english", "spanish"]
    assert wasatch["weekend_hours"] is False
    assert found["valley-ketamine-draper"]["payment_not_accepted"] == ["insurance"]
    for field in (*NEW_FIELDS, "payment", "telehealth"):
        key = f"{field}_usd" if field.startswith("price_") else field  # the unit in the name
        assert key in canyon, key
        assert canyon[key] is None, key


def test_nearest_filters_by_the_new_options_and_prints_not_listed(
    run_cli: CliRunner, practical: Path
) -> None:
    result = run_cli(
        "nearest", "Sandy, UT", "--registry", str(practical), "--wheelchair", "--language", "es"
    )
    assert result.returncode != 0  # "es" is not a language's key or name
    assert "spanish" in result.stderr
    result = run_cli(
        "nearest",
        "Sandy, UT",
        "--registry",
        str(practical),
        "--wheelchair",
        "--language",
        "Spanish",
        "--payment",
        "insurance",
        "--telehealth-to",
        "nv",
        "--max-price",
        "450",
        "--accepting-new-patients",
        "--json",
    )
    data = json.loads(result.stdout)
    assert [entry["id"] for entry in data["results"]] == [WASATCH]
    assert data["excluded_not_listed"] == 1
    text = run_cli("nearest", "Sandy, UT", "--registry", str(practical)).stdout
    assert "Wasatch Infusions (Sandy, UT): Payment: Insurance, HSA or FSA; New patients: " in text
    assert "Wheelchair access: yes" in text
    assert "Canyon Mind Care (Murray, UT): not listed: Payment, New patients," in text
    bad = run_cli("nearest", "Sandy, UT", "--registry", str(practical), "--telehealth-to", "X")
    assert bad.returncode != 0
    assert "two-letter code" in bad.stderr


def test_clinics_that_list_no_practical_fact_share_one_not_listed_row_per_group() -> None:
    clinics = parse_registry(PRACTICAL.encode()).clinics
    canyon = clinics[2]
    other = canyon.model_copy(update={"id": "canyon-2", "name": "Canyon Two"})
    rows = {row.attribute: row for row in ComparisonMatrix.of([canyon, other]).rows}
    assert [cell.text for cell in rows["Practical facts"].cells] == ["not listed"] * 2
    assert [cell.text for cell in rows["Price and payment"].cells] == ["not listed"] * 2
    assert "Wheelchair access" not in rows
    assert "Payment" not in rows
    # as soon as one of them lists a fact, each fact of its group has its row
    rows = {row.attribute for row in ComparisonMatrix.of([clinics[0], canyon]).rows}
    assert {"Wheelchair access", "Driver after treatment", "Price per series"} <= rows


def test_the_referral_summary_gives_each_listed_fact_and_names_what_to_ask() -> None:
    wasatch, _valley, canyon = parse_registry(PRACTICAL.encode()).clinics
    page = referral_html([wasatch, canyon])
    assert "<th width='20%'>Wheelchair access</th><td>yes [3]</td>" in page
    assert "accepting (checked 2026-11-01) [2]" in page
    asked = "<th>Not listed (ask when calling)</th><td class='none'>"
    assert f"{asked}Price per series</td>" in page
    assert "<th>Practical facts</th><td class='none'>not listed</td>" in page  # Canyon's
