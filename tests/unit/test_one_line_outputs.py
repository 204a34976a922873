"""A line break in a value never begins a line of the command line's own: a clinic's name
with one is refused where the registry is read, and text that comes from elsewhere (an online
answer's place name) is printed on one line in the summary, the table and the facts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from locator.cli.answer_text import print_answer
from locator.data.loader import load_registry, parse_registry
from locator.data.models import Registry
from locator.data.vocabulary import Precision
from locator.errors import RegistryError
from locator.geo.place import Place
from locator.hsds.importing import import_checked
from locator.hsds.reading import HsdsError
from locator.search import ClinicIndex
from locator.text_table import text_table
from locator.units import Unit
from tests.helpers.language import speaking
from tests.helpers.registry_texts import VALID, made_text

FORGED = "locator: error:"
HSDS_EXAMPLE = Path(__file__).parents[1] / "data" / "hsds" / "service_full.json"


def forged_lines(*outputs: str) -> list[str]:
    return [line for output in outputs for line in output.splitlines() if line.startswith(FORGED)]


def problems_of(tmp_path: Path, text: str) -> list[str]:
    """What ``locator validate`` says of ``text`` as a registry, each problem without the path."""
    path = tmp_path / "clinics.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(path, use_cache=False)
    return [line.removeprefix(f"{path}:") for line in str(caught.value).splitlines()]


@pytest.mark.parametrize(
    ("written", "hostile", "said"),
    [
        ("name: First Clinic", 'name: "First\\nFORGED"', "5:11: clinics[0].name: “First"),
        ("{city: Sandy,", '{city: "Sandy\\nFORGED",', "6:21: clinics[0].address.city: “Sandy"),
        ("GeoNames 5781061", '"GeoNames\\nFORGED"', "11:15: clinics[0].location.source: “GeoNames"),
    ],
)
def test_a_one_line_field_with_a_line_break_is_refused_where_it_is_written(
    tmp_path: Path, written: str, hostile: str, said: str
) -> None:
    text = VALID.replace(written, hostile.replace("FORGED", FORGED), 1)
    assert problems_of(tmp_path, text) == [
        f"{said}\\u000a{FORGED}” holds a line break or tab; write it on one line (this field "
        "is shown as one line, in lists and tables)"
    ]


def test_a_tab_in_a_name_is_said_in_spanish_too(tmp_path: Path) -> None:
    text = VALID.replace("name: Second Clinic", 'name: "Second\\tClinic"')
    with speaking("es"):
        (problem,) = problems_of(tmp_path, text)
    assert problem.startswith("19:11: clinics[1].name: “Second\\u0009Clinic” tiene un salto")


def test_prose_keeps_its_line_breaks_and_the_schema_says_which_is_which(tmp_path: Path) -> None:
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID.replace('"A quote."', '"A quote,\\nover two lines."'), encoding="utf-8")
    assert load_registry(path, use_cache=False).clinics[0].sources[0].quote.count("\n") == 1
    properties = Registry.model_json_schema()["$defs"]["Clinic"]["properties"]
    assert "\\x00-\\x1f" in properties["name"]["pattern"]  # a line break and tab too
    assert "\\x00-\\x08\\x0b-\\x1f" in properties["notes"]["anyOf"][0]["pattern"]


def test_an_hsds_name_with_a_line_break_is_said_in_the_import_and_nothing_written(
    tmp_path: Path,
) -> None:
    service = json.loads(HSDS_EXAMPLE.read_text(encoding="utf-8"))
    service["name"] = f"Bell\n{FORGED} Clinic"
    source = tmp_path / "services.json"
    source.write_text(json.dumps([service]), encoding="utf-8")
    with pytest.raises(HsdsError) as refused:
        import_checked(source, tmp_path / "out.yaml", dt.date(2026, 12, 6))
    assert refused.value.problems[0].startswith(
        f"services.json: /0: name: “Bell\\u000a{FORGED} Clinic” holds a line break or tab"
    )
    assert sorted(tmp_path.iterdir()) == [source]


def test_the_answer_puts_each_value_on_its_line_whatever_line_breaks_it_holds(
    valid_registry: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # text the registry now refuses, as a registry read elsewhere or an online answer holds it
    registry = load_registry(valid_registry, use_cache=False)
    forging = {"name": f"First\n{FORGED} Clinic", "driver_note": f"Bring one.\n{FORGED} x"}
    clinics = [clinic.model_copy(update=forging) for clinic in registry.clinics]
    origin = Place("Sandy", f"Sandy\n{FORGED} UT", 40.59161, -111.8841, Precision.CITY)
    print_answer(ClinicIndex(clinics).nearest(origin, limit=10), Unit.MILES)
    shown = capsys.readouterr().out
    assert forged_lines(shown) == []
    assert f"First\\u000a{FORGED} Clinic" in shown  # said, on one line
    assert f"Sandy\\u000a{FORGED} UT" in shown


def test_a_table_cell_with_a_line_break_or_tab_stays_one_line_of_the_table() -> None:
    table = text_table(("name", "city"), [(f"First\n{FORGED}", "Sandy\tUT")])
    assert table.splitlines()[2] == f"First\\u000a{FORGED}  Sandy\\u0009UT"


def test_an_hsds_street_on_two_lines_is_kept_whole_and_given_back(tmp_path: Path) -> None:
    """Directories write a suite on a second line: the import goes on, the address unmapped."""
    service = json.loads(HSDS_EXAMPLE.read_text(encoding="utf-8"))
    [address] = service["service_at_locations"][0]["location"]["addresses"]
    address.update(address_1="1-30 Main Street\nSuite 4", address_type="physical")
    address.update(city="Sandy", state_province="UT", postal_code="84070")
    source = tmp_path / "services.json"
    source.write_text(json.dumps([service]), encoding="utf-8")
    made, _report = import_checked(source, tmp_path / "out.yaml", dt.date(2026, 12, 6))
    text = made_text(made)
    [clinic] = parse_registry(text.encode("utf-8")).clinics
    assert clinic.address is None or clinic.address.street is None
    assert "1-30 Main Street\\nSuite 4" in text
