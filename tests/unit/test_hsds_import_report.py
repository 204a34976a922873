"""`locator import` keeps what it can and says why: a value locator cannot hold is kept under
hsds and named, a service with no name is left out and named where it is, an entry with no
location says why, a problem is named in the HSDS file (never in a YAML not written), and a
file of other HSDS objects, or a registry too large, is one sentence."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from locator.data import loader
from locator.data.loader import load_registry
from locator.errors import FileWriteError
from locator.files import atomic_write
from locator.hsds.importing import import_checked
from locator.hsds.reading import HsdsError, read
from tests.helpers.cli import LOCATOR, CliRunner
from tests.helpers.hsds_packages import zip_example_package
from tests.helpers.language import speaking
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import made_text

EXAMPLES = REPO / "tests" / "data" / "hsds"


def _service(**changes: Any) -> dict[str, Any]:
    service: dict[str, Any] = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    return service | changes


def _cost(said: str) -> list[dict[str, Any]]:
    return [
        {"id": "1fdf4d39-3d80-484d-9f92-a8ffa08621e7", "option": "per session", "currency": "USD"}
        | {"amount_description": said}
    ]


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_price_locator_cannot_hold_is_kept_and_named(run_cli: CliRunner, tmp_path: Path) -> None:
    source = _write(
        tmp_path / "prices.json",
        [
            _service(id="a", name="Dear Clinic", cost_options=_cost("$9,999,999 per session")),
            _service(id="b", name="Backwards Clinic", cost_options=_cost("$800 to $400 a session")),
        ],
    )
    out = tmp_path / "prices.yaml"
    result = run_cli("--lang", "en", "import", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert (
        "2 prices locator cannot hold (over $1,000,000, or their high end below their low), "
        "kept under hsds: Dear Clinic: $9,999,999 per session; Backwards Clinic: $800 to $400 "
        "a session"
    ) in result.stderr
    clinics = load_registry(out).clinics
    assert [clinic.price_per_session for clinic in clinics] == [None, None]
    assert [c.hsds["cost_options"][0]["amount_description"] for c in clinics if c.hsds] == [
        "$9,999,999 per session",
        "$800 to $400 a session",
    ]


def test_a_service_with_no_name_is_left_out_and_named_where_it_is(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    source = _write(tmp_path / "two.json", {"contents": [_service(), _service(id="b", name="  ")]})
    out = tmp_path / "two.yaml"
    result = run_cli("--lang", "en", "import", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "1 service not imported, as it has no name: two.json: /contents/1" in result.stderr
    assert [clinic.name for clinic in load_registry(out).clinics] == ["Community Counselling"]

    package = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", package)
    services = package / "services.csv"
    services.write_text(
        services.read_text("utf-8").replace(",Community Counselling,", ",   ,"), "utf-8"
    )
    out = tmp_path / "p.yaml"
    result = run_cli("--lang", "en", "import", str(package), "-o", str(out))
    assert result.returncode == 1  # its one service left out: nothing to write
    assert result.stderr.splitlines() == [
        "package: no entry could be made of it",
        "1 service not imported, as it has no name: services.csv row 2",
        "5 rows no service in the package holds (they link to nothing, or to what no service "
        "holds), so no entry keeps them: attributes.csv row 2; metadata.csv row 2; "
        "taxonomy_terms.csv row 2; meta_table_descriptions.csv row 2; taxonomies.csv row 2",
        f"nothing to import from {package}; nothing was written",
    ]
    assert not out.exists()


def test_a_problem_of_the_entry_made_is_named_in_the_file_not_in_a_yaml(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    listed = json.loads((EXAMPLES / "service_list.json").read_text("utf-8"))
    listed["contents"][0]["name"] = "Bell\a Clinic"
    source = _write(tmp_path / "bell.json", listed)
    out = tmp_path / "bell.yaml"
    result = run_cli("--lang", "en", "import", str(source), "-o", str(out))
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith("bell.json: /contents/0: name: “Bell\\u0007 Clinic” holds a control")
    assert "bell.yaml" not in result.stderr.replace(f"{source}", "")  # no line of it named
    assert not out.exists()


def test_an_entry_that_has_no_location_says_why(run_cli: CliRunner, tmp_path: Path) -> None:
    physical = _service(id="b", name="Typed Clinic")
    office = physical["service_at_locations"][0]["location"]
    office["addresses"] = [office["addresses"][0] | {"address_type": "physical"}]
    virtual = _service(id="c", name="Online Clinic")
    virtual["service_at_locations"][0]["location"]["location_type"] = "virtual"
    source = _write(tmp_path / "places.json", [_service(), physical, virtual])
    result = run_cli("--lang", "en", "import", str(source), "-o", str(tmp_path / "p.yaml"))
    assert result.returncode == 0, result.stderr
    assert (
        "3 entries have no location, so no search by distance finds them: Community Counselling "
        "(latitude 100 is not on Earth; its address is a postal address, not the office's); "
        "Typed Clinic (latitude 100 is not on Earth; state “MyState” is not a US state; postal "
        "code “ABC 1234” is not a US ZIP code); Online Clinic (its location is virtual, not an "
        "office)"
    ) in result.stderr


def test_why_an_entry_has_no_location_names_the_field_in_spanish(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    source = _write(tmp_path / "places.json", [_service()])
    result = run_cli("--lang", "es", "import", str(source), "-o", str(tmp_path / "p.yaml"))
    assert result.returncode == 0, result.stderr
    assert "Community Counselling (latitud 100 no está en la Tierra;" in result.stderr


def test_a_registry_too_large_to_open_is_refused_before_anything_is_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(loader, "MAX_REGISTRY_BYTES", 4 * 1024 * 1024)
    source = _write(tmp_path / "big.json", [_service(id=str(n)) for n in range(400)])
    with pytest.raises(HsdsError) as refused:
        import_checked(source, tmp_path / "big.yaml", dt.date(2026, 12, 5))
    [problem] = refused.value.problems
    assert problem.startswith("big.json: the registry made from it would be ")
    assert "a registry may be at most 4 MB (the setting registry_limit_mb in " in problem


def test_organizations_with_no_services_are_nothing_to_import(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "organizations.yaml"
    source = EXAMPLES / "organization_list.json"
    result = run_cli("--lang", "en", "import", str(source), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "organization_list.json: a page of organizations with no services: nothing to import",
        f"nothing to import from {source}; nothing was written",  # a finding, not a problem
    ]
    assert not out.exists()


def test_a_package_is_imported_by_its_datapackage_json_and_its_quotes_check_beside_it(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    package = tmp_path / "county 211"
    shutil.copytree(EXAMPLES / "csv", package)
    result = run_cli("--lang", "en", "import", str(package / "datapackage.json"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "county 211.yaml"
    assert result.stdout == f"wrote {written.name}: 1 entry\n"
    [document] = load_registry(written).documents
    assert document.file == "county 211"
    assert document.description == "Open Referral HSDS package county 211, imported by locator"
    checked = run_cli("--lang", "en", "validate", str(written))
    assert checked.returncode == 0, checked.stderr
    assert "not at hand" not in checked.stderr  # the folder beside it is read
    text = written.read_text("utf-8").replace("name: Community Counselling", "name: Counseling")
    written.write_text(text, encoding="utf-8")
    checked = run_cli("--lang", "en", "validate", str(written))
    assert "the quote does not name Counseling, so it does not support 'name'" in checked.stderr


def test_schema_problems_and_rows_are_said_in_spanish(run_cli: CliRunner, tmp_path: Path) -> None:
    source = _write(tmp_path / "wrongtype.json", _service(minimum_age="twelve", status="open"))
    result = run_cli("--lang", "es", "import", str(source), "-o", str(tmp_path / "w.yaml"))
    assert (
        "wrongtype.json: /minimum_age: se esperaba un número, se encontró el texto “twelve”"
        in result.stderr
    )
    assert "wrongtype.json: /status: se esperaba uno de estos valores: active, " in result.stderr
    package = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", package)
    services = package / "services.csv"
    text = services.read_text("utf-8").replace(",active,", ",open,")
    services.write_text(text.replace(",Community Counselling,", ",,"), encoding="utf-8")
    result = run_cli("--lang", "es", "import", str(package), "-o", str(tmp_path / "p.yaml"))
    problems = result.stderr.splitlines()[:-1]
    assert len(problems) == 2
    assert all(line.startswith("services.csv fila 2:") for line in problems)


def test_numbers_that_are_not_finite_are_problems(run_cli: CliRunner, tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", package)
    locations = package / "locations.csv"
    locations.write_text(locations.read_text("utf-8").replace(",100,101,", ",nan,inf,"), "utf-8")
    result = run_cli("--lang", "en", "import", str(package), "-o", str(tmp_path / "p.yaml"))
    assert result.returncode == 1
    assert "locations.csv row 2:9: expected a number, found the text “nan”" in result.stderr
    assert "locations.csv row 2:10: expected a number, found the text “inf”" in result.stderr
    source = tmp_path / "nan.json"
    source.write_text(json.dumps(_service(minimum_age=float("nan"))), encoding="utf-8")
    result = run_cli("--lang", "en", "import", str(source), "-o", str(tmp_path / "n.yaml"))
    assert result.returncode == 1
    assert "nan.json: not JSON: NaN is not a number JSON allows" in result.stderr


def test_an_export_into_a_pipe_whose_reader_stops_names_no_folder(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    with subprocess.Popen(
        [str(LOCATOR), "--lang", "en", "export", "--format", "hsds", "-o", "/dev/stdout"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=run_cli.environment(),
        cwd=tmp_path,
    ) as export:
        assert export.stdout is not None
        assert export.stderr is not None
        export.stdout.read(100)  # as `| head -c 100` reads, then goes
        export.stdout.close()
        said = export.stderr.read().decode("utf-8")
    assert export.returncode == 141
    assert said == (
        "locator: Stopped writing into /dev/stdout: the program reading it stopped before the "
        "end.\n"
    )


def test_a_new_file_never_replaces_one_that_appeared_while_it_was_made(tmp_path: Path) -> None:
    target = tmp_path / "imported.yaml"

    def someone_else_writes() -> None:
        target.write_text("theirs\n", encoding="utf-8")

    with pytest.raises(FileWriteError, match="something is there now"):
        atomic_write(target, "ours\n", new_only=True, before_replace=someone_else_writes)
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert sorted(tmp_path.iterdir()) == [target]  # no temporary file left behind
    fresh = tmp_path / "fresh.yaml"
    atomic_write(fresh, "ours\n", new_only=True)
    assert fresh.read_text(encoding="utf-8") == "ours\n"


def test_each_missing_property_is_named_once(run_cli: CliRunner, tmp_path: Path) -> None:
    service = _service()
    del service["name"], service["status"]
    source = _write(tmp_path / "bare.json", service)
    result = run_cli("--lang", "es", "import", str(source), "-o", str(tmp_path / "b.yaml"))
    assert result.stderr.splitlines()[:2] == [
        "bare.json: /: falta “name”, que HSDS exige",
        "bare.json: /: falta “status”, que HSDS exige",
    ]


def test_the_quotes_of_a_zipped_package_are_checked_inside_the_zip(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A registry imported from a zip, the zip beside it: each quote is looked for in the
    zip's CSV cells, so one changed by hand is refused at its place, never a plain "ok"."""
    archive = tmp_path / "county 211.zip"
    zip_example_package(archive, folder="hsds/")
    result = run_cli("--lang", "en", "import", archive.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "county 211.yaml"
    checked = run_cli("--lang", "en", "validate", str(written))
    assert checked.returncode == 0, checked.stderr
    assert "not checked" not in checked.stderr + checked.stdout
    text = written.read_text("utf-8")
    assert "quote: Community Counselling" in text
    written.write_text(text.replace("quote: Community Counselling", "quote: Counseling"), "utf-8")
    checked = run_cli("--lang", "en", "validate", str(written))
    assert checked.returncode == 1
    assert "this quote is not in county 211.zip word for word" in checked.stderr


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "1,200 services not imported, as the file says they are not active"),
        ("es", "1,200 servicios no importados"),
    ],
)
def test_counts_are_grouped_as_the_language_writes_numbers(
    tmp_path: Path, language: str, said: str
) -> None:
    """A report of a large file writes 1,200, not 1200 (US Spanish groups as US English)."""
    from locator import i18n
    from locator.ui import window_text

    closed = [
        {"id": f"00000000-0000-4000-8000-{n:012d}", "name": f"Closed {n}", "status": "defunct"}
        for n in range(1200)
    ]
    source = tmp_path / "many.json"
    source.write_text(json.dumps({"contents": [*closed, _service()]}), encoding="utf-8")
    before = i18n.language()
    i18n.set_language(language)
    try:
        _made, report = import_checked(source, tmp_path / "many.yaml", dt.date(2026, 11, 20))
        [sentence] = [s for s in report.sentences() if "Closed 0" in s]
        read = window_text.import_read(2980, source)
    finally:
        i18n.set_language(before)
    assert sentence.startswith(said)
    assert sentence.endswith("… and 1,180 more" if language == "en" else "… y 1,180 más")
    assert read.startswith("2,980 ")


@pytest.mark.parametrize(
    ("language", "text", "said"),
    [
        ("en", '{"contents": [1, }', "line 1, column 18: not JSON: a value is missing"),
        ("es", '{"contents": [1, }', "línea 1, columna 18: no es JSON: falta un valor"),
        ("es", '{"name": "a\x01"}', "línea 1, columna 12: no es JSON: un carácter de control"),
        ("es", '{"name": "é" 1}', "línea 1, columna 14: no es JSON: falta una ','"),
        ("es", b'{"name": "\xff"}', "línea 1, columna 11: no es JSON: no es texto UTF-8"),
    ],
)
def test_a_file_that_is_not_json_is_said_where_in_locators_words(
    tmp_path: Path, language: str, text: str | bytes, said: str
) -> None:
    """Python's reader says "Expecting value" in English whatever the language: the import
    says what is wrong, where, in the person's language."""
    from locator import i18n

    source = tmp_path / "broken.json"
    source.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    before = i18n.language()
    i18n.set_language(language)
    try:
        with pytest.raises(HsdsError) as refused:
            import_checked(source, tmp_path / "broken.yaml", dt.date(2026, 11, 20))
    finally:
        i18n.set_language(before)
    [problem] = refused.value.problems
    assert problem.startswith(f"broken.json {said}"), problem
    assert "Expecting" not in problem


def test_a_file_whose_own_name_turns_text_around_imports_under_a_neutral_name(
    tmp_path: Path,
) -> None:
    """ "x\u202enosj.evil.json" reads "xlive.json…" turned: the registry names its source as
    the name is stored, a stand-in where the character was, and the report says so."""
    source = tmp_path / "x\u202enosj.evil.json"
    shutil.copy(EXAMPLES / "service_full.json", source)
    made, report = import_checked(source, tmp_path / "x.yaml", dt.date(2026, 11, 20))
    text = made_text(made)
    assert report.sentences()[0] == (
        "the file's name holds a character that would turn text around, so the registry "
        "names it x\ufffdnosj.evil.json as the source of its entries"
    )
    assert "\u202e" not in text
    [clinic] = loader.parse_registry(text.encode("utf-8"), provenance=True).clinics
    assert {source.document for source in clinic.sources} == {"x\ufffdnosj.evil.json"}


def test_an_imported_clinics_sources_name_the_file_and_place_in_the_readers_language(
    tmp_path: Path,
) -> None:
    """The file is the sources' document, read the day of the import; the details say
    "importado por locator" in Spanish, and the coordinates come from
    "sandy.json: 1-30 Main Street, Sandy, UT", never a location's UUID."""
    from locator import i18n
    from locator.presentation import coordinates_source, document_text

    service = _service()
    location = service["service_at_locations"][0]["location"]
    location |= {"latitude": 40.5649, "longitude": -111.8389}
    location["addresses"][0] |= {"state_province": "UT", "postal_code": "84070", "city": "Sandy"}
    location["addresses"][0]["address_type"] = "physical"
    source = _write(tmp_path / "sandy.json", service)
    made, _report = import_checked(source, tmp_path / "sandy.yaml", dt.date(2026, 11, 20))
    text = made_text(made)
    registry = loader.parse_registry(text.encode("utf-8"), provenance=True)
    [document] = registry.documents  # the imported file, read on the day of the import
    assert (document.file, document.read) == ("sandy.json", dt.date(2026, 11, 20))
    [clinic] = registry.clinics
    assert clinic.location is not None
    street = location["addresses"][0]["address_1"]
    assert clinic.location.source == f"sandy.json: {street}, Sandy, UT"
    before = i18n.language()
    i18n.set_language("es")
    try:
        shown = document_text(clinic.sources[0])
        assert coordinates_source(clinic.location.source) == f"sandy.json: {street}, Sandy, UT"
    finally:
        i18n.set_language(before)
    assert shown.startswith("archivo Open Referral HSDS sandy.json, importado por locator, ")


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            [
                "values.json: /services/0/name: expected text, found an object",
                "values.json: /services/0/description: expected text, found true",
                "values.json: /services/0/status: expected text, found null",
                "values.json: /services/0/status: expected one of active, inactive, defunct, "
                "temporarily closed; found null",
                "values.json: /services/0/minimum_age: expected a number, found a list",
                "values.json: /services/0/phones/0/number: expected text, found the number "
                "8015550100",
                "values.json: /services/0/phones/0: “id” is missing; HSDS requires it",
                "values.json: /services/1/minimum_age: expected a number, found the text "
                f"“{'x' * 59}…”",
            ],
        ),
        (
            "es",
            [
                "values.json: /services/0/name: se esperaba texto, se encontró un objeto",
                "values.json: /services/0/description: se esperaba texto, se encontró el valor "
                "true",
                "values.json: /services/0/status: se esperaba texto, se encontró el valor null",
                "values.json: /services/0/status: se esperaba uno de estos valores: active, "
                "inactive, defunct, temporarily closed; se encontró el valor null",
                "values.json: /services/0/minimum_age: se esperaba un número, se encontró una "
                "lista",
                "values.json: /services/0/phones/0/number: se esperaba texto, se encontró el "
                "número 8015550100",
                "values.json: /services/0/phones/0: falta “id”, que HSDS exige",
            ],
        ),
    ],
)
def test_schema_problems_are_said_in_locators_words_at_their_pointer(
    tmp_path: Path, language: str, said: list[str]
) -> None:
    """They were jsonschema's, in Python's terms ("{'a': 1} is not of type 'string'", "None
    no es del tipo string"): what was expected and what was found, in the reader's language."""
    service = _service(name={"a": 1}, description=True, status=None, minimum_age=[12])
    service["phones"] = [{"number": 8015550100}]
    aged = _service(minimum_age="x" * 1000)  # quoted in its first words
    source = _write(tmp_path / "values.json", {"services": [service, aged]})
    with speaking(language), pytest.raises(HsdsError) as refused:
        read(source)
    problems = refused.value.problems
    assert [line for line in said if line not in problems] == [], problems
    python = ("'", "None", "of type", "del tipo", "{")
    assert not [line for line in problems if any(word in line for word in python)], problems


def test_a_name_with_a_line_break_keeps_each_sentence_of_the_report_on_one_line(
    tmp_path: Path,
) -> None:
    source = _write(
        tmp_path / "breaks.json",
        [
            _service(id="a", name="Closed\nClinic", status="defunct"),
            _service(id="b", name="Dear Clinic", cost_options=_cost("$800 to $400\na session")),
        ],
    )
    _made, report = import_checked(source, tmp_path / "breaks.yaml", dt.date(2026, 12, 5))
    said = report.sentences()
    assert all("\n" not in sentence for sentence in said), said
    assert "not active: Closed\\u000aClinic (defunct)" in said[0]
    assert "kept under hsds: Dear Clinic: $800 to $400\\u000aa session" in "\n".join(said)


def test_the_progress_line_keeps_its_start_and_count_on_80_columns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It was cut from the left: "…entries and checking them … 19,840 of 20,000 services"
    lost the file's name and where the stage's words begin."""
    import io
    import sys

    from locator.cli import hsds_import
    from locator.hsds.importing import Stage

    class Terminal(io.StringIO):  # 80 columns: it says no size of its own
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Terminal())
    progress = hsds_import._Progress("registry.json")
    progress.stage(Stage.MAKING)
    progress.step(19_840, 20_000)
    line = sys.stderr.getvalue().split("\r")[-1].rstrip()
    assert line.startswith("Importing registry.json: making the registry's ")
    assert line.endswith("… 19,840 of 20,000 services")
    assert len(line) == 79


def test_the_progress_line_fits_its_columns_whatever_the_files_name() -> None:
    """Each CJK character takes two columns: counted as one, the line wrapped on a terminal."""
    from locator.hsds.progress import columns, importing_text

    name = "診療所" * 4 + ".json"  # 12 characters, 24 columns
    line = importing_text(name, "making", 19_840, 20_000, width=79)
    assert columns(line) <= 79  # a space before "…" let go of
    assert line.startswith(f"Importing {name}: making the")
    assert line.endswith("… 19,840 of 20,000 services")
    long_name = importing_text("診療所" * 30 + ".json", "making", 19_840, 20_000, width=79)
    assert columns(long_name) <= 79
