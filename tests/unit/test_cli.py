"""The `locator` command as a user runs it: exit codes, messages, never a traceback."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from locator.data.loader import load_registry
from tests.helpers.cli import CliRunner
from tests.helpers.counting import counted
from tests.helpers.paths import LOCATOR, REPO
from tests.helpers.registry_texts import VALID


def test_help_lists_the_commands(run_cli: CliRunner) -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "validate" in result.stdout
    assert "schema" in result.stdout
    assert "988" in result.stdout


def _modules(result: subprocess.CompletedProcess[str]) -> set[str]:
    """The modules a run loaded, from Python's own ``-X importtime`` report."""
    lines = (line.rpartition("|")[2].strip() for line in result.stderr.splitlines())
    return {name for name in lines if name}


def _imported(result: subprocess.CompletedProcess[str]) -> set[str]:
    """The top-level packages a run loaded."""
    return {name.partition(".")[0] for name in _modules(result)}


def test_help_answers_without_loading_what_the_commands_need(run_cli: CliRunner) -> None:
    result = run_cli("--help", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0
    imported = _imported(result)
    assert "locator" in imported
    heavy = {"numpy", "pydantic", "yaml", "us", "geopy", "requests", "rapidfuzz", "babel"}
    assert not imported & (heavy | {"folium", "jinja2", "PySide6"}), sorted(imported)
    # What the commands' answers need, a third of the help's start (issue 25): logging (set
    # up once the arguments are read), dataclasses (and inspect under it), the user's
    # folders, the words of answers and the gazetteer's places.
    later = {"logging", "dataclasses", "inspect", "platformdirs", "importlib.resources"}
    later |= {"locator.presentation", "locator.drive_time", "locator.geo.place"}
    assert not _modules(result) & later, sorted(_modules(result) & later)


def test_nearest_loads_neither_the_map_nor_the_window(run_cli: CliRunner) -> None:
    result = run_cli("nearest", "Sandy, UT", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0
    imported = _imported(result)
    assert "numpy" in imported
    offline = {"geopy", "requests", "urllib3"}  # the online geocoders: not for a place it knows
    assert not imported & ({"folium", "branca", "jinja2", "PySide6"} | offline), sorted(imported)


def test_nearest_again_reads_the_registry_checked_the_first_time(run_cli: CliRunner) -> None:
    first = run_cli("--lang", "en", "nearest", "Sandy, UT")
    again = run_cli("--lang", "en", "nearest", "Sandy, UT", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert again.returncode == 0
    assert again.stdout == first.stdout
    imported = _imported(again)
    assert "pydantic" in imported
    # no YAML to parse, no county of every state, no CLDR data for numbers in English, no
    # guessing at a misspelled place it found as typed, no masked arrays (issue 25)
    unneeded = {"yaml", "us", "babel", "geopy", "requests", "rapidfuzz"}
    assert not imported & unneeded, sorted(imported)
    assert "numpy.ma" not in _modules(again)


def test_python_m_locator_is_the_same_command(run_cli: CliRunner) -> None:
    module = run_cli("--help", module=True)
    assert module.returncode == 0
    assert module.stdout == run_cli("--help").stdout
    assert "gui" in module.stdout


def test_validate_the_shipped_registry(run_cli: CliRunner) -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok: {counted(load_registry(REPO / 'clinics.yaml').clinics)}"


def test_validate_a_broken_file_prints_every_problem_with_the_path_as_given(
    tmp_path: Path,
    run_cli: CliRunner,
) -> None:
    (tmp_path / "bad.yaml").write_text(
        VALID.replace("latitude: 40.59161", "latitude: 95").replace("id: second", "id: Second"),
        encoding="utf-8",
    )
    result = run_cli("validate", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("bad.yaml:8:17: clinics[0].location.latitude: 95")
    assert lines[1].startswith("bad.yaml:18:9: clinics[1].id: ")
    assert lines[2] == "2 problems in bad.yaml"
    assert "Traceback" not in result.stderr


def test_validate_a_missing_file(tmp_path: Path, run_cli: CliRunner) -> None:
    result = run_cli("validate", "missing.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("missing.yaml:1:1: no such file")


def test_validate_follows_the_environment_variable(tmp_path: Path, run_cli: CliRunner) -> None:
    (tmp_path / "mine.yaml").write_text(VALID, encoding="utf-8")
    result = run_cli("validate", env={"LOCATOR_REGISTRY": str(tmp_path / "mine.yaml")})
    assert result.stdout.strip() == "ok: 2 providers (1 at 1 place, 1 with no listed location)"


def test_unknown_command_is_a_usage_error(run_cli: CliRunner) -> None:
    result = run_cli("valdate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_schema_prints_and_writes_the_json_schema(tmp_path: Path, run_cli: CliRunner) -> None:
    printed = run_cli("schema")
    assert printed.returncode == 0
    assert '"title": "locator clinic registry"' in printed.stdout
    written = run_cli("schema", "--output", str(tmp_path / "schema.json"))
    assert written.returncode == 0
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == printed.stdout


def test_nearest_json_for_scripts(run_cli: CliRunner) -> None:
    result = run_cli("nearest", "Sandy, UT", "--json", "--limit", "2", "--every-presence")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["origin"]["label"] == "Sandy, UT"
    assert [r["id"] for r in data["results"]] == [
        "nervana-medical-sandy",
        "nervana-medical-south-jordan",
    ]
    assert data["results"][1]["distance_miles"] == pytest.approx(3.1, abs=0.1)
    assert data["results"][0]["serves_origin"] is True
    assert data["unlocated"] == ["neuroplasticity-md-clinic"]
    assert "988" in data["notice"]


def test_nearest_within_a_radius_that_excludes_everything(run_cli: CliRunner) -> None:
    result = run_cli("nearest", "Reno, NV", "--within", "25", "--json")
    data = json.loads(result.stdout)
    assert result.returncode == 0
    assert data["results"] == []
    assert data["nearest_outside"]["id"] == "nervana-medical-south-jordan"  # a clinic to contact
    assert data["summary"].startswith("Nothing within 25 mi of Reno, NV; the nearest clinic is ")


def test_nearest_plain_output_shows_the_crisis_line(run_cli: CliRunner) -> None:
    result = run_cli("nearest", "75070", "--km")
    assert result.returncode == 0
    assert "NorTex Psychiatry" in result.stdout
    assert " km " in result.stdout
    assert "call or text 988" in result.stdout
    assert "straight-line" in result.stdout


def test_a_clinic_at_the_searched_city_centre_is_not_zero_miles_away(run_cli: CliRunner) -> None:
    result = run_cli("nearest", "Dallas, TX")
    assert result.returncode == 0, result.stderr
    assert "nearest: NorTex Psychiatry, which serves Dallas, TX (office not listed)" in (
        " ".join(result.stdout.split())
    )
    assert "0.0 mi" not in result.stdout


def test_nearest_unknown_filter_lists_the_valid_values(run_cli: CliRunner) -> None:
    result = run_cli("nearest", "Sandy, UT", "--treatment", "spravatto")
    assert result.returncode == 2
    assert "unknown treatment “spravatto”" in result.stderr
    assert "esketamine_nasal_spray" in result.stderr


def test_a_line_break_typed_into_a_filter_is_quoted_on_its_line(run_cli: CliRunner) -> None:
    result = run_cli("nearest", "Sandy, UT", "--condition", "pain\nlocator: done")
    assert result.returncode == 2
    assert "unknown condition “pain\\u000alocator: done”" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_nearest_unknown_place_exits_3(run_cli: CliRunner) -> None:
    assert run_cli("nearest", "Qwxzt Plorb").returncode == 3


def test_nearest_broken_registry_exits_1(tmp_path: Path, run_cli: CliRunner) -> None:
    (tmp_path / "bad.yaml").write_text("schema_version: 1\nclinics: {}\n", encoding="utf-8")
    result = run_cli("nearest", "Sandy, UT", "--registry", str(tmp_path / "bad.yaml"))
    assert result.returncode == 1
    assert "bad.yaml:2:10: clinics:" in result.stderr


def test_map_writes_a_standalone_page(tmp_path: Path, run_cli: CliRunner) -> None:
    result = run_cli("map", "Dallas, TX", "--output", "clinics.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "clinics.html").read_text(encoding="utf-8")
    assert "nortex-psychiatry-dallas" in page
    assert "<script src=" not in page


def test_compare_formats_and_unknown_ids(tmp_path: Path, run_cli: CliRunner) -> None:
    table = run_cli("compare", "nervana-medical-sandy", "nortex-psychiatry-allen")
    assert table.returncode == 0
    assert "Ketamine therapy (route not stated)" in table.stdout
    assert "988" in table.stdout
    banner = next(line for line in table.stdout.splitlines() if "“Exciting News!" in line)
    assert banner.endswith(" (cited in the notes behind “Why is this listed this way?”)")
    written = run_cli(
        "compare", "nervana-medical-sandy", "nortex-psychiatry-allen",
        "--format", "html", "--output", str(tmp_path / "c.html"),
    )  # fmt: skip
    assert written.returncode == 0
    assert "<table" in (tmp_path / "c.html").read_text(encoding="utf-8")
    unknown = run_cli("compare", "nervana-medical-sandy", "nortex-psyciatry-allen")
    assert unknown.returncode == 2
    assert "did you mean “nortex-psychiatry-allen”" in unknown.stderr
    single = run_cli("compare", "nervana-medical-sandy")
    assert single.returncode == 2


def test_an_id_named_many_times_is_one_column(run_cli: CliRunner) -> None:
    ids = ["nervana-medical-sandy", "nortex-psychiatry-allen"] * 500
    result = run_cli("compare", *ids, "--format", "csv")
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[1]
    assert header == "Clinic,id,nervana-medical-sandy,nortex-psychiatry-allen,"
    alone = run_cli("compare", "nervana-medical-sandy", "nervana-medical-sandy")
    assert alone.returncode == 2
    assert "“nervana-medical-sandy” was named twice: name at least two different" in alone.stderr


@pytest.mark.parametrize(
    ("distance", "why"),
    [
        ("nan", "is not a number"),
        ("inf", "is too large"),
        ("-inf", "is too large"),
        ("1e309", "is too large: give a finite number"),
    ],
)
def test_a_distance_that_is_no_number_is_refused(
    distance: str, why: str, run_cli: CliRunner
) -> None:
    result = run_cli("nearest", "Reno, NV", f"--within={distance}")
    assert result.returncode == 2
    assert f"argument --within: “{distance}” {why}" in result.stderr


@pytest.mark.parametrize(
    ("options", "farthest"), [(("1e29",), "12,437 mi"), (("1e308", "--km"), "20,016 km")]
)
@pytest.mark.parametrize("command", ["nearest", "map"])
def test_a_radius_beyond_any_distance_on_earth_is_refused(
    command: str, options: tuple[str, ...], farthest: str, run_cli: CliRunner, tmp_path: Path
) -> None:
    """It ended in "unexpected error (InvalidOperation…)"; 1e20 was said as "within
    100,000,000,000,000,000,000 mi"."""
    written = ("-o", str(tmp_path / "m.html")) if command == "map" else ()
    result = run_cli(command, "Sandy, UT", "--within", *options, *written)
    assert result.returncode == 2
    assert f"--within must be at most {farthest}: no two places on Earth" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("options", "nearest"), [(("1e-320",), "0.1 mi"), (("0.09", "--km"), "0.1 km")]
)
def test_a_radius_too_small_to_show_is_refused(
    options: tuple[str, ...], nearest: str, run_cli: CliRunner
) -> None:
    """ "--within 1e-320" was said as "within 0.0 mi"."""
    result = run_cli("nearest", "Sandy, UT", "--within", *options)
    assert result.returncode == 2
    assert f"--within must be at least {nearest}" in result.stderr


def test_compare_csv_to_standard_output_has_the_same_bytes_as_its_file(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    """Piped to a file or a spreadsheet, each row ends "\\r\\n", as in the file -o writes, and
    never with the text "\\u000d"."""
    ids = ("nervana-medical-sandy", "nortex-psychiatry-allen")
    written = run_cli("compare", *ids, "--format", "csv", "-o", str(tmp_path / "c.csv"))
    assert written.returncode == 0, written.stderr
    piped = subprocess.run(
        [str(LOCATOR), "compare", *ids, "--format", "csv"],
        capture_output=True, env=run_cli.environment(), cwd=REPO, check=True,
    )  # fmt: skip
    assert b"\\u000d" not in piped.stdout
    rows = piped.stdout.split(b"\r\n")
    assert rows[0] == b"group,attribute,Nervana Medical,NorTex Psychiatry,differs"
    assert rows[-1] == b""  # every row ends with the line end, the last one too
    assert piped.stdout == (tmp_path / "c.csv").read_bytes()


def _empty_lists(data: object, path: str = "") -> list[str]:
    """Where in ``data`` an empty list stands."""
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _empty_lists(value, f"{path}.{key}")]
    if isinstance(data, list):
        if not data:
            return [path]
        return [p for i, value in enumerate(data) for p in _empty_lists(value, f"{path}[{i}]")]
    return []


def test_json_says_null_for_what_is_not_listed_never_an_empty_list(run_cli: CliRunner) -> None:
    """A script reading [] would take it for "none": no conditions treated, no quote."""
    found = run_cli("nearest", "Boise, ID", "--json", "--every-presence")
    assert found.returncode == 0, found.stderr
    data = json.loads(found.stdout)
    nortex = next(r for r in data["results"] if r["id"] == "nortex-psychiatry-frisco")
    assert nortex["conditions"] is None  # its sources name no condition
    assert nortex["also_at"] is None  # every presence is a row of its own here
    assert nortex["payment"] is None
    assert data["unlocated"] == ["neuroplasticity-md-clinic"]
    assert _empty_lists(data) == []
    ids = ("nervana-medical-sandy", "nortex-psychiatry-allen", "neuroplasticity-md-clinic")
    compared = run_cli("compare", *ids, "--format", "json")
    assert compared.returncode == 0, compared.stderr
    matrix = json.loads(compared.stdout)
    place = next(r for r in matrix["rows"] if r["attribute"] == "Place")["cells"][2]
    assert place == {"kind": "not listed", "text": "location not listed", "sources": None}
    assert _empty_lists(matrix) == []


def test_an_output_file_that_cannot_be_written_is_a_sentence(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    target = tmp_path / "no such folder" / "schema.json"
    result = run_cli("schema", "--output", str(target))
    assert result.returncode == 2
    assert result.stderr == (
        f"locator: Cannot write {target}: its folder does not exist. "
        "Create the folder or choose another one.\n"
    )


def test_settings_are_written_to_the_isolated_config_folder(
    isolated_user_dirs: Path, run_cli: CliRunner
) -> None:
    result = run_cli("settings", "--online-lookups", "off")
    assert result.returncode == 0, result.stderr
    written = isolated_user_dirs / "xdg_config_home" / "locator" / "settings.json"
    assert json.loads(written.read_text(encoding="utf-8"))["online_lookups"] is False
    assert f"settings file: {written}" in result.stdout


def test_a_limit_gives_the_first_rows_of_the_whole_list(run_cli: CliRunner) -> None:
    """`--limit 3` near Sacramento: the first three rows of the whole list (both clinics, then
    the unnamed provider in Sacramento), in the JSON and in the table."""
    whole = json.loads(run_cli("nearest", "Sacramento, CA", "--json", "--limit", "20").stdout)
    three = json.loads(run_cli("nearest", "Sacramento, CA", "--json", "--limit", "3").stdout)
    ids = [row["id"] for row in whole["results"]]
    assert [row["kind"] for row in whole["results"]][:2] == ["clinic", "clinic"]
    assert [row["id"] for row in three["results"]] == ids[:3]
    table = run_cli("nearest", "Sacramento, CA", "--limit", "3").stdout
    assert table.count("Unnamed provider reported in this area") == 1  # not Buena Park's
    assert "≈ 379 mi" not in table  # Buena Park, the fourth row


def test_a_place_far_from_every_clinic_is_told_none_is_within_reach(run_cli: CliRunner) -> None:
    """Buena Park, CA: no clinic within 250 mi; the nearest named, and every result listed."""
    text = run_cli("nearest", "Buena Park, CA").stdout
    assert text.startswith(
        "No clinic within travel distance of Buena Park, CA. The nearest is ≈ 570 mi away "
        "(straight-line): "
        "Nervana Medical."
    )
    assert "near Buena Park" not in text
    data = json.loads(run_cli("nearest", "Buena Park, CA", "--json").stdout)
    assert data["travel_radius_miles"] == 250
    assert data["clinic_within_travel_radius"] is False
    assert [row["id"] for row in data["results"]][:2] == [
        "nervana-medical-south-jordan",
        "nortex-psychiatry-frisco",
    ]
    sandy = json.loads(run_cli("nearest", "Sandy, UT", "--json").stdout)
    assert sandy["clinic_within_travel_radius"] is True


def test_a_map_far_from_every_clinic_is_not_titled_near(tmp_path: Path, run_cli: CliRunner) -> None:
    result = run_cli("map", "Buena Park, CA", "--output", "far.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("No clinic within travel distance of Buena Park, CA.")
    page = (tmp_path / "far.html").read_text(encoding="utf-8")
    assert "<title>Clinics nearest Buena Park, CA</title>" in page


def test_json_says_where_no_office_is_listed_and_what_is_inferred(run_cli: CliRunner) -> None:
    result = run_cli("nearest", "Sandy, UT", "--json", "--limit", "1")
    assert result.returncode == 0, result.stderr
    (nervana,) = json.loads(result.stdout)["results"]
    assert nervana["city"] is None  # no office: no city to call its own
    assert nervana["served_place"] == "Sandy, UT"
    assert nervana["service_area"] == ["South Jordan, UT", "Sandy, UT"]
    (inferred,) = nervana["inferred"]
    assert inferred["value"] == "UT"
    assert "one South Jordan in the US" in inferred["reason"]
