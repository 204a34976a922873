"""`locator geocode` as a coordinator scripts it: JSON, batches and exit codes."""

from __future__ import annotations

import io
import json
import subprocess

import pytest

from locator.cli.geocode import batch_lines
from tests.helpers.cli import CliRunner
from tests.helpers.paths import LOCATOR


def test_json_prints_one_object(run_cli: CliRunner) -> None:
    result = run_cli("geocode", "--json", "sandy ut")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "query": "sandy ut",
        "latitude": 40.59161,
        "longitude": -111.8841,
        "label": "Sandy, UT",
        "precision": "city",
        "source": "offline",
    }


def test_all_prints_an_array_best_first(run_cli: CliRunner) -> None:
    answers = json.loads(run_cli("geocode", "--json", "--all", "Springfield").stdout)
    assert [answer["label"] for answer in answers[:3]] == [
        "Springfield, MO",
        "Springfield, MA",
        "Springfield, IL",
    ]


def test_a_note_is_included_when_one_applies(run_cli: CliRunner) -> None:
    answer = json.loads(run_cli("geocode", "--json", "Buena Prk CA").stdout)
    assert answer["label"] == "Buena Park, CA"
    assert answer["note"] == "closest spelling to “Buena Prk CA”"


def test_plain_output_is_readable(run_cli: CliRunner) -> None:
    result = run_cli("geocode", "84095")
    assert (
        result.stdout
        == "South Jordan, UT 84095  40.55410, -111.95390  (ZIP code centre, offline)\n"
    )


def test_no_match_exits_3_with_suggestions(run_cli: CliRunner) -> None:
    result = run_cli("geocode", "Sandyyy Utahh Placee")
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.startswith("locator: no place matches “Sandyyy Utahh Placee”")
    assert "Traceback" not in result.stderr


def test_batch_from_standard_input_goes_on_after_a_miss(run_cli: CliRunner) -> None:
    lines = "Sandy, UT\n\n  84095  \nxyzzy plugh\nBuena Prk CA\r\n"
    result = run_cli("geocode", "-", input=lines)
    assert result.returncode == 0
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [answer["query"] for answer in answers] == [
        "Sandy, UT",
        "  84095  ",
        "xyzzy plugh",
        "Buena Prk CA",
    ]
    assert answers[1]["label"] == "South Jordan, UT 84095"
    assert answers[2]["error"] == "no place matches “xyzzy plugh”"  # no "did you mean" asked
    assert answers[3]["label"] == "Buena Park, CA"


def test_places_as_people_paste_them(run_cli: CliRunner) -> None:
    pasted = {
        "Draper, UT, USA": "Draper, UT",
        "123 Main St, Sandy, Utah, USA": "Sandy, UT",
        "Bozeman, Montana, United States": "Bozeman, MT",
        "Provo, Uta": "Provo, UT",
        "Plano, Texsa": "Plano, TX",
        "Nashville, Tenessee": "Nashville, TN",
        "Helena MT": "Helena, MT",
        "Portland OR": "Portland, OR",
        "Ohio, USA": "Ohio",
        "84070 Sandy, UT": "Sandy, UT 84070",
        "\u201cSandy,\u00a0UT\u201d": "Sandy, UT",
    }
    result = run_cli("geocode", "-", input="\n".join(pasted) + "\n")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert {answer["query"]: answer["label"] for answer in answers} == pasted


def test_did_you_mean_stays_in_the_state_typed(run_cli: CliRunner) -> None:
    result = run_cli("geocode", "Sandyyyy, Utah, USA")
    assert result.returncode == 3
    assert "did you mean Sandy, UT?" in result.stderr
    assert "Sandy, OR" not in result.stderr


def test_a_batch_says_did_you_mean_only_when_asked(run_cli: CliRunner) -> None:
    quiet = run_cli("geocode", "-", input="Sandyyyy, Utah, USA\n")
    assert json.loads(quiet.stdout)["error"] == "no place matches “Sandyyyy, Utah, USA”"
    asked = run_cli("geocode", "--suggest", "-", input="Sandyyyy, Utah, USA\n")
    assert json.loads(asked.stdout)["error"].endswith("did you mean Sandy, UT?")
    single = run_cli("geocode", "Sandyyyy, Utah, USA")  # one query always suggests
    assert "did you mean Sandy, UT?" in single.stderr


def test_an_over_long_batch_line_is_said_and_the_batch_goes_on(run_cli: CliRunner) -> None:
    lines = "Sandy, UT\n" + "\0" * 3_000_000 + "\r\n" + "x" * 201 + "\n84095"
    result = run_cli("geocode", "-", input=lines)
    assert result.returncode == 0
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(result.stdout) < 2000  # the 3 MB line is not echoed
    assert answers[0]["label"] == "Sandy, UT"
    assert answers[1] == {
        "query": "\0" * 200 + "…",
        "error": "that is too long for a place (3,000,000 characters); "
        "type a ZIP code or 'City, ST'",
    }
    assert answers[2]["error"].startswith("that is too long for a place (201 characters)")
    assert answers[3]["label"] == "South Jordan, UT 84095"


def test_a_batch_holds_a_bounded_piece_of_a_line_without_end() -> None:
    class Endless(io.StringIO):
        """Standard input like /dev/zero, cut after 10 MB; remembers the longest read."""

        longest = 0

        def readline(self, size: int | None = -1, /) -> str:
            assert size is not None
            assert 0 < size <= 1 << 16
            self.longest = max(self.longest, size)
            return super().readline(size)

    stream = Endless("\0" * 10_000_000)
    assert [(text[-3:], length) for text, length in batch_lines(stream)] == [("\0\0…", 10_000_000)]
    assert stream.longest == 1 << 16


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_a_batch_line_that_is_not_utf_8_is_said_and_the_batch_goes_on(
    run_cli: CliRunner, locale: str
) -> None:
    """Its bytes were printed as lone surrogates ("\\udcff"), which no JSON reader takes as
    text, and the line was looked up."""
    result = subprocess.run(
        [str(LOCATOR), "geocode", "-"],
        input=b"San\xffdy, UT\n84070\n",
        capture_output=True,
        env=run_cli.environment({"LC_ALL": locale}),
        check=False,
    )
    assert result.returncode == 0
    first, second = (json.loads(line) for line in result.stdout.decode().splitlines())
    assert first == {
        "query": "San\ufffddy, UT",
        "error": "byte 0xff is not UTF-8 text; save the file as UTF-8",
    }
    assert second["label"] == "Sandy, UT 84070"
