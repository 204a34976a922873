"""Each kind of bad registry gets a precise message at the right line and column."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from locator.data.checking import _validation_problem, _validation_problems
from locator.data.loader import MAX_REGISTRY_BYTES, load_registry
from locator.data.models import Registry, validated
from locator.data.yaml_source import Marks, compose, read_tree
from locator.errors import RegistryError
from tests.helpers.language import speaking
from tests.helpers.registry_texts import VALID


def problems_of(tmp_path: Path, text: str | bytes) -> list[str]:
    """The formatted problems ``locator validate`` would print for this file content."""
    path = tmp_path / "clinics.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    with pytest.raises(RegistryError) as caught:
        load_registry(path, use_cache=False)
    lines = str(caught.value).splitlines()
    assert len(lines) == len(caught.value.problems)
    prefix = f"{path}:"
    assert all(line.startswith(prefix) for line in lines)
    return [line.removeprefix(prefix) for line in lines]


def test_the_valid_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    registry = load_registry(path, use_cache=False)
    assert [clinic.id for clinic in registry.clinics] == ["first-clinic", "second-clinic"]
    assert registry.clinics[0].address.postal_code == "84070"


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    text = VALID.replace("    name: First Clinic\n", "    name: [First Clinic\n")
    assert problems_of(tmp_path, text) == [
        "6:12: YAML syntax error: a ',' or ']' was expected here "
        "(in the list in brackets that starts at line 5, column 11)"
    ]


def test_tab_indentation_lists_every_tabbed_line(tmp_path: Path) -> None:
    text = VALID.replace("    name: First Clinic", "\tname: First Clinic").replace(
        "    name: Second Clinic", "\tname: Second Clinic"
    )
    assert problems_of(tmp_path, text) == [
        "5:1: tab in indentation; YAML indents with spaces",
        "19:1: tab in indentation; YAML indents with spaces",
    ]


@pytest.mark.parametrize(
    "text", ["\tschema_version: 1\n", "schema_version: 1\nclinics:\n\t- id: x\n"]
)
def test_a_tab_starting_a_line_is_said_as_a_tab(tmp_path: Path, text: str) -> None:
    """Before a key or a list item the reader calls it a character no value starts with."""
    [problem] = problems_of(tmp_path, text)
    assert problem.endswith(":1: tab in indentation; YAML indents with spaces")


def test_a_key_past_libyamls_limit_is_said_as_too_long(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "schema_version: 1\n" + "k" * 1025 + ": 1\n") == [
        "2:1: YAML syntax error: a key may be at most 1,024 characters long (YAML's limit); "
        "shorten it"
    ]


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    data = VALID.encode().replace(b"Second Clinic", b"Second Cl\xe9nic")
    assert problems_of(tmp_path, data) == [
        "19:20: byte 0xe9 is not UTF-8 text; save the file as UTF-8"
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    (problem,) = problems_of(tmp_path, text)
    assert problem.startswith("1:1: the file is empty")


def test_wrong_top_level_type(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "- just\n- a list\n") == [
        "1:1: the top level must be a mapping with schema_version and clinics"
    ]


def test_missing_required_fields_are_all_reported(tmp_path: Path) -> None:
    text = VALID.replace("    name: Second Clinic\n", "").replace(
        "    last_verified: 2026-01-15\n", "", 1
    )
    problems = problems_of(tmp_path, text)
    assert "4:5: clinics[0].last_verified: is missing; add it" in problems
    assert "17:5: clinics[1].name: is missing; add it" in problems


def test_wrong_types(tmp_path: Path) -> None:
    text = VALID.replace("latitude: 40.59161", "latitude: north").replace(
        "conditions: [depression, anxiety]", "conditions: depression"
    )
    problems = problems_of(tmp_path, text)
    assert problems[0].startswith("8:17: clinics[0].location.latitude: ")
    assert "number" in problems[0]
    assert problems[1].startswith("12:17: clinics[0].conditions: ")
    assert "list" in problems[1]


def test_unquoted_zip_code_says_to_quote_it(tmp_path: Path) -> None:
    text = VALID.replace('postal_code: "84070"', "postal_code: 84070")
    assert problems_of(tmp_path, text) == [
        "6:52: clinics[0].address.postal_code: expected text, got the number 84070; "
        'quote it: "84070"'
    ]


@pytest.mark.parametrize("zip_code", ["02108", "01234"])
def test_zip_codes_read_differently_by_yaml_versions_are_refused(
    tmp_path: Path, zip_code: str
) -> None:
    text = VALID.replace('postal_code: "84070"', f"postal_code: {zip_code}")
    (problem,) = problems_of(tmp_path, text)
    assert problem.startswith(f"6:52: {zip_code} is read differently by YAML 1.1 and YAML 1.2")
    assert f'quote it ("{zip_code}")' in problem


def test_yaml11_booleans_are_refused(tmp_path: Path) -> None:
    text = VALID.replace(
        "    name: Second Clinic\n", "    name: Second Clinic\n    telehealth: yes\n"
    )
    (problem,) = problems_of(tmp_path, text)
    assert problem.startswith("20:17: yes means true or false in YAML 1.1 but text in YAML 1.2")


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("latitude: 40.59161", "latitude: 123.5", "8:17: clinics[0].location.latitude: 123.5"),
        (
            "longitude: -111.8841",
            "longitude: -190.0",
            "9:18: clinics[0].location.longitude: -190.0",
        ),
    ],
)
def test_out_of_range_coordinates(tmp_path: Path, field: str, value: str, expected: str) -> None:
    (problem,) = problems_of(tmp_path, VALID.replace(field, value))
    assert problem.startswith(expected + " is out of range")


def test_unknown_keys_suggest_the_field_meant(tmp_path: Path) -> None:
    text = VALID.replace("    treatments:", "    treatmnets:").replace(
        "precision: city", "precision: city\n      colour: blue"
    )
    problems = problems_of(tmp_path, text)
    assert problems[0].startswith("11:7: clinics[0].location.colour: unknown field “colour”")
    assert "known fields: latitude, longitude, precision, source" in problems[0]
    assert problems[1] == (
        "14:5: clinics[0].treatmnets: unknown field “treatmnets”; did you mean “treatments”?"
    )


def test_duplicate_yaml_keys_are_detected(tmp_path: Path) -> None:
    text = VALID.replace("    name: First Clinic\n", "    name: First Clinic\n    name: Other\n")
    assert problems_of(tmp_path, text) == [
        "6:5: duplicate key “name” (first on line 5); keep one of them"
    ]


def test_duplicate_ids_point_at_the_second(tmp_path: Path) -> None:
    text = VALID.replace("id: second-clinic", "id: first-clinic")
    assert problems_of(tmp_path, text) == [
        "18:9: clinics[1].id: duplicate id “first-clinic” (also at line 4); ids must be unique"
    ]


def test_unknown_vocabulary_values_suggest_a_term(tmp_path: Path) -> None:
    text = VALID.replace("[depression, anxiety]", "[depresion, anxiety]").replace(
        "[iv_ketamine_infusion]", "[iv_infusion]"
    )
    problems = problems_of(tmp_path, text)
    assert problems[0].startswith(
        "12:18: clinics[0].conditions[0]: unknown condition “depresion”; did you mean “depression”?"
    )
    assert problems[1].startswith(
        "13:18: clinics[0].treatments[0]: unknown treatment “iv_infusion”; "
        "did you mean “iv_ketamine_infusion”?"
    )


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    text = VALID + "\n".join(lines) + "\n"
    started = time.perf_counter()
    problems = problems_of(tmp_path, text)
    assert time.perf_counter() - started < 5  # expanded, it would be 9**10 strings
    aliases = [problem for problem in problems if "alias" in problem]
    assert aliases[0] == (
        "23:5: this anchored value is repeated by an alias (*a0); "
        "aliases are not allowed: write the value out"
    )
    assert len(aliases) == 9  # one for each anchored list, not one for each use


def test_python_object_tags_are_never_constructed(tmp_path: Path) -> None:
    text = VALID.replace("name: First Clinic", "name: !!python/object/apply:os.system [echo]")
    problems = problems_of(tmp_path, text)
    assert problems[0].startswith(
        "5:11: the tag “tag:yaml.org,2002:python/object/apply:os.system” is not allowed"
    )


def test_files_too_large_to_be_a_registry(tmp_path: Path) -> None:
    text = VALID + "#" * MAX_REGISTRY_BYTES
    (problem,) = problems_of(tmp_path, text)
    assert problem.startswith("1:1: the file is 256 MB; a registry may be at most 256 MB")


def test_a_registry_past_the_old_64_mb_limit_opens(tmp_path: Path) -> None:
    # a national directory of 100,000 entries is some 130 MB; here the size is a long comment
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID + "# " + "x" * (70 * 1024 * 1024) + "\n", encoding="utf-8")
    registry = load_registry(path, use_cache=False)
    assert [clinic.id for clinic in registry.clinics] == ["first-clinic", "second-clinic"]


def test_deep_nesting_is_an_error_not_a_crash(tmp_path: Path) -> None:
    text = VALID + "extra: " + "[" * 100_000 + "]" * 100_000 + "\n"
    (problem,) = problems_of(tmp_path, text)
    # placed at the 41st bracket inside the top level, where it goes too deep, never at 1:1
    assert problem == "23:48: the file nests more than 40 levels deep"


@pytest.mark.parametrize("levels", [45, 600])
def test_deep_block_nesting_is_placed_where_it_goes_too_deep(tmp_path: Path, levels: int) -> None:
    """Past some hundreds of levels the composer runs out of calls: the problem is still
    placed where the nesting passes 40 levels, as it is for a file that nests less."""
    nested = "".join("  " * (level + 1) + "a:\n" for level in range(levels))
    problems = problems_of(tmp_path, VALID + "extra:\n" + nested + "  " * (levels + 1) + "b\n")
    deep = [problem for problem in problems if "more than 40 levels deep" in problem]
    assert [problem[:6] for problem in deep] == ["64:83:"]


def test_unsupported_schema_version(tmp_path: Path) -> None:
    text = VALID.replace("schema_version: 1", "schema_version: 2")
    assert problems_of(tmp_path, text) == [
        "2:17: schema_version: unsupported schema_version 2; this locator reads version 1"
    ]


def test_problems_come_sorted_and_all_at_once(tmp_path: Path) -> None:
    text = (
        VALID.replace("id: second-clinic", "id: Second Clinic")
        .replace("latitude: 40.59161", "latitude: 91")
        .replace("state: UT", "state: Utah")
    )
    problems = problems_of(tmp_path, text)
    assert [problem.split(":")[0] for problem in problems] == ["6", "8", "18"]
    assert "for Utah write UT" in problems[0]
    assert "lowercase words joined by hyphens" in problems[2]


def test_last_verified_in_the_future(tmp_path: Path) -> None:
    text = VALID.replace("    last_verified: 2026-01-15\n", "    last_verified: 2999-01-01\n", 1)
    assert problems_of(tmp_path, text) == [
        "17:20: clinics[0].last_verified: 2999-01-01 is in the future"
    ]


def test_missing_file_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(RegistryError) as caught:
        load_registry(tmp_path / "nowhere.yaml")
    assert str(caught.value) == f"{tmp_path / 'nowhere.yaml'}:1:1: no such file"


def test_a_flood_of_problems_is_counted_whole_and_listed_to_a_thousand(tmp_path: Path) -> None:
    """1,200 unknown terms: each is a problem, but the message (what `locator validate`
    prints, and the import report lists) names the first 1,000 and how many more."""
    bogus = ", ".join(f"bogus{index}" for index in range(1200))
    text = VALID.replace("conditions: [depression, anxiety]", f"conditions: [{bogus}]")
    assert bogus in text
    path = tmp_path / "clinics.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(path, use_cache=False)
    assert len(caught.value.problems) == 1200
    said = str(caught.value).splitlines()
    assert len(said) == 1001
    assert "unknown condition “bogus999”" in said[999]
    assert said[-1] == "… and 200 more problems"


def test_a_list_of_unknown_terms_of_another_kind_is_named_without_guesses(
    tmp_path: Path,
) -> None:
    """Past a hundred unknown terms the file holds words of another kind, not a typo or two:
    each is located and named, with the terms a file takes, and no "did you mean" (guessing
    took 58 s for 120,000 of them)."""
    other = ", ".join(f"kind{index}" for index in range(150))
    text = VALID.replace("conditions: [depression, anxiety]", f"conditions: [depresion, {other}]")
    problems = problems_of(tmp_path, text)
    assert len(problems) == 151
    assert problems[0] == (
        "12:18: clinics[0].conditions[0]: unknown condition “depresion” (valid: depression, "
        "treatment_resistant_depression, bipolar_depression, postpartum_depression, "
        "suicidal_ideation, anxiety, ptsd, ocd, chronic_pain, migraine, substance_use, "
        "eating_disorders)"
    )
    assert not any("did you mean" in problem for problem in problems)


@pytest.mark.parametrize(
    ("replaced", "by", "said"),
    [
        (
            "[depression, anxiety]",
            "[depression, anxiety",
            "13:15: YAML syntax error: a ',' or ']' was expected here (in the list in "
            "brackets that starts at line 12, column 17)",
        ),
        (
            "    name: First Clinic",
            "    name: First Clinic\n    - x",
            "6:5: YAML syntax error: a key (name: value) was expected here (in the mapping "
            "that starts at line 4, column 5)",
        ),
        (
            "name: First Clinic",
            "name: First: Clinic",
            "5:16: YAML syntax error: a ': ' cannot come here; put text holding ': ' in "
            "quotation marks",
        ),
        ("name: First Clinic", "name: *nope", "5:11: YAML syntax error: this alias (*name) names"),
        (
            "name: First Clinic",
            "name: First\x07Clinic",
            "5:16: the character U+0007 cannot be in a registry (a control character); remove it",
        ),
    ],
)
def test_a_syntax_error_is_said_in_locators_words(
    tmp_path: Path, replaced: str, by: str, said: str
) -> None:
    """libyaml's own words ("did not find expected key", "unacceptable character #x0007 … in
    "<unicode string>", position 82") become a sentence a maintainer reads, at its place."""
    assert replaced in VALID
    (problem,) = problems_of(tmp_path, VALID.replace(replaced, by, 1))
    assert problem.startswith(said)


def test_a_syntax_error_is_said_in_spanish(tmp_path: Path) -> None:
    text = VALID.replace("[depression, anxiety]", "[depression, anxiety", 1)
    with speaking("es"):
        (problem,) = problems_of(tmp_path, text)
    assert problem == (
        "13:15: Error de sintaxis de YAML: aquí se esperaba ',' o ']' (en la lista entre "
        "corchetes que empieza en la línea 12, columna 17)"
    )


def test_an_anchor_given_twice_is_said_in_locators_words_in_both_languages(
    tmp_path: Path,
) -> None:
    """The composer's "found duplicate anchor; first occurrence … second occurrence" was
    shown as written, English inside the Spanish sentence."""
    text = VALID.replace("name: First Clinic", "name: &n First Clinic\n    organization: &n X", 1)
    (problem,) = problems_of(tmp_path, text)
    assert problem == (
        "6:19: YAML syntax error: the anchor &n is given a second time (first at line 5, "
        "column 11); anchors and aliases are not allowed in a registry: write the values out"
    )
    with speaking("es"):
        (problem,) = problems_of(tmp_path, text)
    assert problem == (
        "6:19: Error de sintaxis de YAML: el ancla &n se da por segunda vez (la primera en la "
        "línea 5, columna 11); en un registro no se permiten anclas ni alias: escriba los "
        "valores completos"
    )


# libyaml's words, and the pure-Python reader's (a file that may nest deeply is read by it)
_ENGLISH = re.compile(r"\b(found|expected|while|scanning|parsing|the|not|here|but|octet)\b")


@pytest.mark.parametrize(
    "text",
    [
        "%FOO bar\n---\nx: 1\n",
        "%YAML 1.1\n%YAML 1.1\n---\nx: 1\n",
        "x: !<foo 1\n",
        "x: !a!b 1\n",
        "x: &\n",
        "x: *\n",
        "x: |0\n  a\n",
        'x: "\\U0011FFFF"\n',
        'x: "\\xZZ"\n',
        "x:\n  - a\n - b\n",
        "x: 1\n--- \ny: 2\n",
        'x: "a\n---\nb"\n',
        "x: - a\n",
        "x: [a\n",
        "x: @a\n",
        "x: a # c\n'y\n",
        "[" * 60 + "\n",
        "a:\n" + "- [" * 30 + "\n- b",
        "x: &a 1\ny: &a 2\n" + "[" * 1000,
    ],
)
def test_every_reader_message_is_said_in_spanish_at_its_place(tmp_path: Path, text: str) -> None:
    """No libyaml or PyYAML wording reaches a Spanish reader; words locator does not know
    are said in its own general sentence."""
    with speaking("es"):
        (problem,) = problems_of(tmp_path, text)
    assert re.fullmatch(r"\d+:\d+: .+", problem)
    assert not _ENGLISH.search(problem), problem


@pytest.mark.parametrize(
    ("covers", "said"),
    [
        (
            "covers: [{name: 1}]",
            "15:65: clinics[0].sources[0].covers[0].name: should be a list, got 1",
        ),
        (
            "covers: [{name: [1]}]",
            "15:66: clinics[0].sources[0].covers[0].name[0]: expected text, got the number 1; "
            'quote it: "1"',
        ),
        ("covers: [true]", "15:58: clinics[0].sources[0].covers[0]: should be text, got true"),
        ("covers: [{1: [x]}]", "15:59: keys must be names, not the number 1"),
    ],
)
def test_a_wrong_entry_in_covers_is_said_once_in_the_files_words(
    tmp_path: Path, covers: str, said: str
) -> None:
    """An entry of ``covers`` is a field's name or a mapping of one: pydantic names both
    members of that union in its path ("covers[0].function-after[neutral(), …]"), and says
    each member's error, with Python's words ("True", "int 1")."""
    text = VALID.replace("covers: [name, address, treatments]", covers, 1)
    problems = problems_of(tmp_path, text)
    assert said in problems
    assert not any("function-after" in p or "dict[" in p or "{{" in p for p in problems)
    assert len([p for p in problems if "covers[0]" in p]) <= 1  # said once


@pytest.mark.parametrize(("anchored", "editable"), [(False, True), (True, False)])
def test_a_refused_file_opens_in_the_editor_unless_an_alias_repeats_a_value(
    tmp_path: Path, anchored: bool, editable: bool
) -> None:
    """Whether the editor can open a refused file to correct it comes from the same walk of
    the file that found its problems: aliases are what it could not write back."""
    text = VALID.replace("latitude: 40.59161", "latitude: 95")
    if anchored:
        text = text.replace("name: First Clinic", "name: &n First Clinic", 1)
        text = text.replace("name: Second Clinic", "name: *n", 1)
    path = tmp_path / "clinics.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(path, use_cache=False)
    assert caught.value.editable is editable


def test_a_refused_file_is_let_go_with_its_check(tmp_path: Path) -> None:
    """The check's frames (the file's whole node tree) are not kept by the error it raises:
    freed at once, not walked by the collector afterwards (0.15 s at 120,000 problems)."""
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID.replace("latitude: 40.59161", "latitude: 95"), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(path, use_cache=False)
    frames = []
    trace = caught.value.__traceback__
    while trace is not None:
        frames.append(trace.tb_frame.f_code.co_name)
        trace = trace.tb_next
    assert "check_registry" not in frames


def test_a_control_character_in_a_websites_host_is_said_visibly(tmp_path: Path) -> None:
    """A raw tab in the sentence read as a space: "the host good.example is not letters"."""
    text = VALID.replace(
        "    name: Second Clinic\n",
        '    name: Second Clinic\n    website: "https://good.example\\t/"\n',
    )
    (problem,) = problems_of(tmp_path, text)
    assert "the host good.example\\u0009 is not letters, digits" in problem, problem
    assert "\t" not in problem


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_lists_unknown_terms_said_together_read_as_each_said_alone(language: str) -> None:
    """A list's unknown terms share their field's sentence and the list's place, found once
    (120,000 of them took 2.5 s): each problem is the one it was, beside other kinds."""
    terms = ", ".join(f"kind{index}" for index in range(150))
    text = (
        VALID.replace("[depression, anxiety]", f"[depresion, anxiety, {terms}]")
        .replace("[iv_ketamine_infusion]", "[iv_infusion, spravato]")
        .replace("precision: city", "precision: town")
        .replace("latitude: 40.59161", "latitude: 95")
    )
    root, _problems = compose(text)
    plain = read_tree(root, text)[0]
    with pytest.raises(ValidationError) as refused:
        validated(Registry, plain)
    details = refused.value.errors(include_url=False)
    with speaking(language):
        for guess in (False, True):
            together = _validation_problems(Marks(root), details, guess=guess)
            alone = [_validation_problem(Marks(root), detail, guess=guess) for detail in details]
            assert together == alone
    assert len(together) == 155  # latitude, precision, 151 conditions, 2 treatments
