"""Text from a file or a user, quoted in a sentence: “as written”, each control character
said as ``\\u000a``, never as Python writes a value ('x', "it's", ['a', 'b'])."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from locator import json_text
from locator.data.yaml_source import compose, read_tree
from locator.errors import PlaceNotFoundError, UnknownTermError
from locator.geo.place import spelling_note
from locator.hsds.importing import _unplaced
from tests.helpers.language import speaking

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


@pytest.mark.parametrize("case", SENTENCES)
def test_text_quoted_in_a_sentence_is_shown_as_written_on_one_line(case: str) -> None:
    said, expected = SENTENCES[case]
    sentence = said()
    assert expected in sentence
    assert "\n" not in sentence
    assert "'it" not in sentence
    assert '"it' not in sentence


def test_spanish_quotes_alike() -> None:
    with speaking("es"):
        assert f"clave repetida {SHOWN}" in _yaml_key_twice()
        assert f"escritura más parecida a {SHOWN}" == spelling_note(HOSTILE)
        assert "ningún lugar coincide con “it's”" in str(PlaceNotFoundError("it's", None))
