"""A line break in a value never begins a line of the command line's own: a clinic's name
with one is refused where the registry is read, and text that comes from elsewhere (an online
answer's place name) is printed on one line in the summary, the table and the facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from locator.cli.answer_text import print_answer
from locator.data.loader import load_registry
from locator.data.vocabulary import Precision
from locator.geo.place import Place
from locator.search import ClinicIndex
from locator.text_table import text_table
from locator.units import Unit

FORGED = "locator: error:"


def forged_lines(*outputs: str) -> list[str]:
    return [line for output in outputs for line in output.splitlines() if line.startswith(FORGED)]


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
