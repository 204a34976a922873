"""The quick reader of registry YAML (locator.data.block_yaml) never answers otherwise than
libyaml with every value located (yaml_source) does: it gives the same plain data, or gives up
and leaves the file to libyaml. Mutations of real registries and generated documents probe
the edges of the layout it reads."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from locator.data import block_yaml
from locator.data.formatting import canonical
from locator.data.registry_slices import by_lines, by_positions
from locator.data.synthetic import synthetic_registry
from locator.data.yaml_source import compose, to_python
from tests.helpers.paths import REPO, TEST_REGISTRY
from tests.helpers.registry_texts import registry_yaml

# Characters that mean something to YAML, and some that only look as if they might.
TRICKY = "-?:,[]{}#&*!|>'\"%@` \n\t\\.+0123456789eEyYnNoO~_aZ\u00a0\u2028\ufeff\r"


def located(text: str) -> Any:
    """What the located reading gives, or a marker when it finds any problem."""
    root, problems = compose(text)
    if problems or root is None:
        return "refused"
    plain, problems = to_python(root, text)
    return "refused" if problems else plain


def agrees(text: str) -> bool:
    quick = block_yaml.read(text)
    return quick is None or quick == located(text)


def test_the_registries_shipped_and_generated_are_read_quickly_and_alike() -> None:
    texts = [
        (REPO / "clinics.yaml").read_text(encoding="utf-8"),
        TEST_REGISTRY.read_text(encoding="utf-8"),
        yaml.safe_dump(synthetic_registry(50), sort_keys=False, allow_unicode=True),
    ]
    texts.append(canonical(texts[-1]))
    for text in texts:
        quick = block_yaml.read(text)
        assert quick is not None
        assert quick == located(text)


def test_every_mutation_of_a_registry_reads_alike_or_is_left_to_libyaml() -> None:
    rng = random.Random(7)
    sources = [
        (REPO / "clinics.yaml").read_text(encoding="utf-8"),
        canonical(yaml.safe_dump(synthetic_registry(3), sort_keys=False)),
        yaml.safe_dump(synthetic_registry(3), sort_keys=False),
    ]
    for _ in range(3000):
        text = rng.choice(sources)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            change = rng.random()
            if change < 0.4:
                text = text[:at] + rng.choice(TRICKY) + text[at:]
            elif change < 0.7:
                text = text[:at] + text[at + 1 :]
            else:  # a line's indentation moved
                start = text.rfind("\n", 0, at) + 1
                text = text[:start] + " " * rng.randint(0, 3) + text[start:].lstrip(" ")
        assert agrees(text), text


def test_both_layouts_are_read_flat_and_a_line_moved_reads_alike_or_is_left() -> None:
    """Registries as ``yaml.safe_dump`` writes them (a list at its key's column) and as
    ``locator fmt`` does (two columns further) are read flat, a whole file at a time; with a
    line repeated (a key twice), dropped, moved or edited, the flat reading reads as libyaml
    does, or leaves the file to the line by line reading."""
    written = yaml.safe_dump(synthetic_registry(2), sort_keys=False, allow_unicode=True)
    rng = random.Random(5)
    read = 0
    for source in (written, canonical(written)):
        found = block_yaml._read_flat(source, None, None)
        assert found is not None
        assert found[0] == located(source)
        lines = source.split("\n")
        for _ in range(400):
            changed = list(lines)
            at, edit = rng.randrange(len(changed)), rng.random()
            if edit < 0.3:  # a line repeated somewhere
                changed.insert(at, rng.choice(lines))
            elif edit < 0.5:
                del changed[at]
            elif edit < 0.8:
                changed[at] = " " * rng.choice([0, 1, 2, 4, 6]) + changed[at].lstrip(" ")
            else:
                where = rng.randrange(len(changed[at]) + 1)
                changed[at] = changed[at][:where] + rng.choice(TRICKY) + changed[at][where:]
            text = "\n".join(changed)
            quick = block_yaml.read(text)
            if quick is not None:
                assert quick == located(text), text
                read += block_yaml._read_flat(text, None, None) is not None
    assert read > 300


def test_a_document_marker_or_directive_anywhere_is_left_to_libyaml() -> None:
    """A line starting a marker (``---``, ``...``) or a directive (``%``) ends or starts a
    document, or is refused: the flat reading, which checks for none, never takes one."""
    written = yaml.safe_dump(synthetic_registry(1), sort_keys=False, allow_unicode=True)
    for source in (written, canonical(written)):
        lines = source.split("\n")
        for marker in ("---", "... ", "%YAML 1.1", "---x"):
            for at in range(len(lines)):
                text = "\n".join([*lines[:at], marker, *lines[at:]])
                assert block_yaml._read_flat(text, None, None) is None, text
                assert agrees(text), text


def test_block_scalars_libyaml_ends_otherwise_are_left_to_it() -> None:
    """Two notes the quick reader once read otherwise: one ending the file with no line
    break, one followed by a line of spaces deeper than its text (libyaml keeps those)."""
    for text in [
        "a: |\n  text",
        "a: >\n  text",
        "a: |\n  x\n   \nb: 1\n",
        "a: >\n  x\n   \n\nb: 1\n",
        "a: |\n  x\n   \n",
    ]:
        assert block_yaml.read(text) is None, text
        assert located(text) != "refused", text
    assert block_yaml.read("a: |\n  x\n  \nb: 1\n") == {"a": "x\n", "b": 1}


scalars = st.one_of(
    st.text(alphabet=TRICKY, max_size=8),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)
keys = st.text(alphabet="abcyesnoNULLtrue_:#- '", min_size=1, max_size=6)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(keys, documents, min_size=1, max_size=4), flow=st.booleans())
def test_documents_as_yaml_writes_them_read_alike(data: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=None if flow else False, allow_unicode=True)
    assert agrees(text)  # (ruamel.yaml, for the canonical layout, fails on some: '-_')


def test_the_editor_cuts_a_file_into_clinics_by_lines_as_by_libyamls_positions() -> None:
    rng = random.Random(11)
    sources = [
        (REPO / "clinics.yaml").read_text(encoding="utf-8"),
        TEST_REGISTRY.read_text(encoding="utf-8"),
        yaml.safe_dump(synthetic_registry(4), sort_keys=False),
    ]
    sources.append(canonical(sources[-1]))
    cut = 0
    for number in range(800):
        text = sources[number % len(sources)]
        if number >= len(sources):  # the files as they are, then mutated
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(TRICKY + "\n\n\n") + text[at + 1 :]
        quick = block_yaml.read_with_clinic_lines(text)
        sliced = by_lines(text, *quick) if quick is not None else None
        if sliced is not None:
            cut += 1
            assert sliced == by_positions(text, "clinics.yaml"), text
    assert cut > 200  # most mutations leave the layout the quick reader reads


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from(TRICKY + "\U0001f600é\x00\x85\ud800")),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(value=st.dictionaries(st.text(max_size=5), json_values, max_size=4), plain=st.booleans())
def test_json_of_what_an_import_keeps_reads_alike(value: dict[str, Any], plain: bool) -> None:
    """A one-line JSON mapping (an import's ``hsds``), as the import writes it or as plain
    ``json.dumps`` does, is read as libyaml reads it, or left to libyaml."""
    written = registry_yaml({"clinics": [{"id": "a", "hsds": value}]})
    text = (
        written.replace(written.splitlines()[-1], f"    hsds: {json.dumps(value)}")
        if plain
        else written
    )
    assert agrees(text)


def test_an_imported_registry_is_read_quickly() -> None:
    kept = {
        "id": "x",
        "phones": [{"number": "555-0100", "extension": 12}],
        "note": "Añil \U0001f600",
    }
    text = registry_yaml({"schema_version": 1, "clinics": [{"id": "a", "name": "A", "hsds": kept}]})
    assert (
        block_yaml.read(text)
        == located(text)
        == {"schema_version": 1, "clinics": [{"id": "a", "name": "A", "hsds": kept}]}
    )


def test_a_number_with_an_exponent_an_import_keeps_reads_back_as_a_number() -> None:
    """JSON writes 1e+16 and 1e-05, which YAML 1.1 reads as text: what an import keeps under
    ``hsds`` is given back as the numbers the file held, by either reader."""
    kept = {"extent": [1e16, -1e-05, 1.5e16, 3.0], "note": "1e+16 stays text"}
    text = registry_yaml({"schema_version": 1, "clinics": [{"id": "a", "name": "A", "hsds": kept}]})
    assert (
        block_yaml.read(text)
        == located(text)
        == {"schema_version": 1, "clinics": [{"id": "a", "name": "A", "hsds": kept}]}
    )


def test_a_line_read_before_reads_alike_wherever_it_comes_again() -> None:
    """Lines the reader remembers (a key and its value, a list's item) are taken as read
    before only at their own indent, whole: not after a dash, not past a value going on."""
    cases = [
        "x:\n    b: 1\nz:\n  - a: 2\n    b: 1\n",  # after a dash, then alone
        "x:\n  - - a\n    - a\n  - a\n",  # an item after two dashes, then alone
        "x:\n  b: 1\nz:\n  c: 2\n  b: 1\n  b: 1\n",  # a key given twice
        "x:\n  b: 1\nz:\n  b: 1\n    b: 1\n",  # a value going on below
        "x:\n  b: 1\nz:\n  b\n",  # the key without its colon
        "x:\n  - a\n  - b\nz:\n- a\n-  a\n  - a\n",  # the same item at other indents
        "x:\n  b: 1\n\n  # a note\n  b: 1\n",  # past a blank line and a comment
    ]
    for text in cases:
        assert agrees(text), text
    assert block_yaml.read(cases[0]) == {"x": {"b": 1}, "z": [{"a": 2, "b": 1}]}
    assert block_yaml.read(cases[1]) == {"x": [["a", "a"], "a"]}


def test_a_long_list_is_read_once_when_the_flat_reading_gives_up_after_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long list on one line, then a line the flat reading leaves (a list in a list): the
    line-by-line reading takes the list already read (reading it again took
    0.3 s), and the same line written twice is still two lists."""
    terms = ", ".join(f"kind{index}" for index in range(2_000))
    line = f"  conditions: [{terms}]\n"
    text = f"a:\n{line}  nested:\n  - - x\nb:\n{line}"
    read: list[str] = []
    one_line = block_yaml._one_line

    def reading(value: str, depth: int) -> Any:
        read.append(value)
        return one_line(value, depth)

    monkeypatch.setattr(block_yaml, "_one_line", reading)
    data = block_yaml.read(text)
    assert data == located(text)
    assert data["a"]["conditions"] is not data["b"]["conditions"]
    assert sum(value.startswith("[kind0,") for value in read) == 2  # each line once
