"""Text from a file or a user, quoted in a sentence: “as written”, each control character
said as ``\\u000a``, never as Python writes a value ('x', "it's", ['a', 'b'])."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

import pytest
from jsonschema import Draft202012Validator

from locator import json_text
from locator.cli.arguments import number, whole
from locator.cli.compare import _clinics_by_id
from locator.cli.parser import build_parser
from locator.cli.search_options import filters_of, search_parser
from locator.data.checking import check_registry
from locator.data.entry_fields import label_of
from locator.data.provenance import gaps
from locator.data.yaml_source import compose, read_tree
from locator.errors import PlaceNotFoundError, RegistryError, UnknownTermError, UsageError
from locator.geo.place import spelling_note
from locator.hsds.importing import _unplaced
from locator.hsds.reading import schema_problem
from locator.settings import Settings, _address_problem, _provider, as_json, settings_path
from locator.ui.entry_form import _fact_label
from tests.helpers.language import speaking
from tests.helpers.registry_texts import VALID

HOSTILE = "it's\n\x1b[2J"  # a quote mark Python's repr would switch to "…" for, a line, an escape
SHOWN = "“it's\\u000a\\u001b[2J”"


ESCAPED = HOSTILE.replace("\n", "\\n").replace("\x1b", "\\u001b")  # in JSON or YAML's "…"


def _json_twice() -> str:
    with pytest.raises(json_text.JsonTextError) as refused:
        json_text.loads(f'{{"{ESCAPED}": 1, "{ESCAPED}": 2}}')
    return str(refused.value)


def _yaml_problems(text: str) -> str:
    root, problems = compose(text)
    assert not problems
    return "\n".join(problem.message for problem in read_tree(root, text)[1])


def _yaml_key_twice() -> str:
    return _yaml_problems(f'"{ESCAPED}": 1\n"{ESCAPED}": 2\n')


def _yaml_tag() -> str:
    return _yaml_problems("!<it's> x\n")


def _hsds_office(key: str) -> str:
    address = {"address_type": "physical", key: HOSTILE}
    return "; ".join(_unplaced({"name": "x"}, {"addresses": [address]}))


SENTENCES: dict[str, tuple[Callable[[], str], str]] = {
    "a JSON name given twice": (_json_twice, f"{SHOWN} given twice"),
    "a YAML key given twice": (_yaml_key_twice, f"duplicate key {SHOWN} (first on line 1)"),
    "a YAML tag": (_yaml_tag, "the tag “it's” is not allowed here"),
    "a place's closest spelling": (lambda: spelling_note(HOSTILE), f"closest spelling to {SHOWN}"),
    "an imported office's state": (
        lambda: _hsds_office("state_province"),
        f"state {SHOWN} is not a US state",
    ),
    "an imported office's ZIP code": (
        lambda: _hsds_office("postal_code"),
        f"postal code {SHOWN} is not a US ZIP code",
    ),
    "no place matches": (
        lambda: str(PlaceNotFoundError("it's", [])),
        "no place matches “it's”; try a ZIP code",
    ),
    "an unknown term and the terms close to it": (
        lambda: str(
            UnknownTermError(
                "treatment", "it's", valid=["a", "b"], suggestions=["esketamine", "ketamine"]
            )
        ),
        "unknown treatment “it's”; did you mean “esketamine” or “ketamine”?",
    ),
}


def test_spanish_quotes_alike() -> None:
    with speaking("es"):
        assert f"clave repetida {SHOWN}" in _yaml_key_twice()
        assert f"escritura más parecida a {SHOWN}" == spelling_note(HOSTILE)
        assert "ningún lugar coincide con “it's”" in str(PlaceNotFoundError("it's", None))


def _registry_problems(old: str, new: str) -> str:
    """The problems ``locator validate`` says of VALID with ``old`` written as ``new``."""
    assert old in VALID
    with pytest.raises(RegistryError) as refused:
        check_registry(VALID.replace(old, new, 1).encode(), "r.yaml")
    return str(refused.value)


def _refused(say: Callable[[], object]) -> str:
    with pytest.raises((ValueError, argparse.ArgumentTypeError, UsageError)) as refused:
        say()
    return str(refused.value)


def _telehealth_to() -> str:
    args = search_parser().parse_args(["Sandy, UT", "--telehealth-to", HOSTILE])
    return _refused(lambda: filters_of(args))


REGISTRY_SENTENCES: dict[str, tuple[Callable[[], str], str]] = {
    "an unknown field": (
        lambda: _registry_problems("    conditions:", f'    "{ESCAPED}": 1\n    conditions:'),
        f"unknown field {SHOWN}",
    ),
    "an unknown field and the one close to it": (
        lambda: _registry_problems("    treatments:", "    treatmnets:"),
        "unknown field “treatmnets”; did you mean “treatments”?",
    ),
    "an unknown condition": (
        lambda: _registry_problems("[depression, anxiety]", f'["{ESCAPED}", anxiety]'),
        f"unknown condition {SHOWN}",
    ),
    "an unknown condition and the one close to it": (
        lambda: _registry_problems("[depression, anxiety]", "[depresion, anxiety]"),
        "unknown condition “depresion”; did you mean “depression”?",
    ),
    "an id given twice": (
        lambda: _registry_problems("id: second-clinic", "id: first-clinic"),
        "duplicate id “first-clinic” (also at line 4)",
    ),
    "a state": (
        lambda: _registry_problems("state: UT", f'state: "{ESCAPED}"'),
        f"{SHOWN} is not a US state or territory code",
    ),
    "a name with a control character": (
        lambda: _registry_problems("name: First Clinic", f'name: "{ESCAPED}"'),
        f"{SHOWN} holds a control character",
    ),
    "a settings scheme": (
        lambda: str(_address_problem({"scheme": HOSTILE})),
        f"the option scheme is {SHOWN}; it may be http or https",
    ),
    "a settings service": (
        lambda: _refused(lambda: _provider({"service": HOSTILE})),
        f"service {SHOWN} is not a geopy service name",
    ),
    "a setting's text": (lambda: as_json(HOSTILE), f"the text {SHOWN}"),
    "a whole number": (lambda: _refused(lambda: whole(HOSTILE)), f"{SHOWN} is not a whole number"),
    "a number": (lambda: _refused(lambda: number(HOSTILE)), f"{SHOWN} is not a number"),
    "a state to reach by telehealth": (_telehealth_to, f"such as UT, not {SHOWN}"),
    "an id no clinic has": (lambda: _compared(HOSTILE), f"no clinic has the id {SHOWN}"),
    "an id close to one": (
        lambda: _compared("first-clinc"),
        "no clinic has the id “first-clinc”; did you mean “first-clinic” or “second-clinic”?",
    ),
    "a key of the online provider": (
        lambda: _refused(lambda: _provider({"service": "nominatim", HOSTILE: 1})),
        f"unknown key {SHOWN}",
    ),
    "a setting locator does not know": (lambda: _settings_problem({HOSTILE: 1}), SHOWN),
    "the setting of a limit": (
        lambda: _settings_problem({"registry_limit_mb": HOSTILE}),
        "The setting “registry_limit_mb” in ",
    ),
    "a value a quote names that its field does not hold": (
        lambda: _gaps('treatments: [iv_ketamine_infusion, "it\'s"]'),
        "“it's” not in 'treatments'",
    ),
    "a field the editor does not know": (lambda: label_of((HOSTILE,)), SHOWN),
    "a key under a field the editor knows": (
        lambda: label_of(("name", HOSTILE)),
        f"Name: {SHOWN}",
    ),
    "a name ticked in the editor that is no field": (lambda: _fact_label(HOSTILE), SHOWN),
    "an id named twice to compare": (
        lambda: _refused(lambda: _command(["compare", HOSTILE, HOSTILE])),
        f"{SHOWN} was named twice",
    ),
    "an HSDS value not one of those allowed": (
        lambda: _schema_problem({"enum": ["physical", "postal"]}),
        f"found the text {SHOWN}",
    ),
    "an HSDS value another check refuses": (
        lambda: _schema_problem({"maxLength": 2}),
        f"the text {SHOWN} is not what HSDS allows here",
    ),
}


def _command(argv: list[str]) -> object:
    """Run the command ``argv`` names, as ``locator`` would once its arguments are read."""
    args = build_parser().parse_args(argv)
    return args.run(args)


def _schema_problem(schema: dict[str, object]) -> str:
    """What an HSDS import says of the text HOSTILE where ``schema`` refuses it."""
    return schema_problem(next(Draft202012Validator(schema).iter_errors(HOSTILE)))


def _compared(clinic_id: str) -> str:
    """What ``locator compare`` says of an id the registry does not have."""
    registry = check_registry(VALID.encode(), "r.yaml")
    return _refused(lambda: _clinics_by_id(registry, ["first-clinic", clinic_id]))


def _gaps(cover: str) -> str:
    """What the per-fact check says of VALID's first clinic with ``cover`` in its covers."""
    text = VALID.replace("covers: [name, address, treatments]", f"covers: [name, {{{cover}}}]")
    registry = check_registry(text.encode(), "r.yaml")
    return "; ".join(problem for _, problem in gaps(registry.clinics[0]))


def _settings_problem(data: dict[str, object]) -> str:
    """The sentence said of a settings file holding ``data``."""
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps(data), encoding="utf-8")
    return str(Settings.load().problem)


def said_as_written(said: Callable[[], str], expected: str) -> None:
    """The sentence names the text as written, between “ ”, on one line."""
    sentence = said()
    assert expected in sentence
    assert "\n" not in sentence
    assert "\x1b" not in sentence
    assert "'it" not in sentence
    assert '"it' not in sentence


@pytest.mark.parametrize("case", SENTENCES)
def test_text_quoted_in_a_sentence_is_shown_as_written_on_one_line(case: str) -> None:
    said_as_written(*SENTENCES[case])


@pytest.mark.parametrize("case", REGISTRY_SENTENCES)
def test_a_value_a_check_refuses_is_quoted_as_written_on_one_line(case: str) -> None:
    said_as_written(*REGISTRY_SENTENCES[case])


def test_spanish_quotes_a_refused_value_alike() -> None:
    with speaking("es"):
        assert "campo desconocido “treatmnets”; ¿quiso decir “treatments”?" in (
            _registry_problems("    treatments:", "    treatmnets:")
        )
        assert f"{SHOWN} no es un número entero" in _refused(lambda: whole(HOSTILE))


def test_a_files_guessed_term_is_named_as_the_editor_shows_it_too() -> None:
    """In Spanish the window said "¿quiso decir “anxiety”?" where the editor said “Ansiedad”:
    the key a file takes, now with the name the editor shows beside it."""
    with speaking("es"):
        said = _registry_problems("[depression, anxiety]", "[depression, anxiet]")
    assert "¿quiso decir “anxiety” (Ansiedad)?" in said
