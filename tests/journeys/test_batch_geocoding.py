"""A coordinator geocodes a long list of places pasted from a spreadsheet, some of them junk:
the batch does not stop to work out a "did you mean" for every miss, and asks for them when
the misses are to be fixed."""

from __future__ import annotations

import json

from tests.helpers.cli import CliRunner

PASTED = "Sandy, UT\nSandyyyy, Utah\nxyzzy plugh\n84095\n"


def test_a_batch_names_its_misses_and_suggests_spellings_when_asked(run_cli: CliRunner) -> None:
    result = run_cli("geocode", "-", input=PASTED)
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [answer.get("label") for answer in answers] == [
        "Sandy, UT",
        None,
        None,
        "South Jordan, UT 84095",
    ]
    # each miss says so at once, without the slow search for a near spelling
    assert answers[1]["error"] == "no place matches “Sandyyyy, Utah”"
    assert answers[2]["error"] == "no place matches “xyzzy plugh”"

    misses = "".join(f"{answer['query']}\n" for answer in answers if "error" in answer)
    asked = run_cli("geocode", "--suggest", "-", input=misses)
    assert asked.returncode == 0, asked.stderr
    fixes = [json.loads(line)["error"] for line in asked.stdout.splitlines()]
    assert fixes[0] == "no place matches “Sandyyyy, Utah”; did you mean Sandy, UT?"
    assert fixes[1].startswith("no place matches “xyzzy plugh”")
