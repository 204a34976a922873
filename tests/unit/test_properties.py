"""Whatever the input, loading raises nothing but the registry's own error."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locator.data.loader import parse_registry
from locator.data.models import Registry
from locator.errors import RegistryError

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
yaml_shaped = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=10) | st.integers(), children, max_size=4)
    ),
    max_leaves=30,
)
clinic_keys = st.sampled_from(
    ["id", "name", "location", "latitude", "conditions", "sources", "quote", "last_verified"]
)
registry_shaped = st.fixed_dictionaries(
    {
        "schema_version": st.sampled_from([1, 2, "1", None]),
        "clinics": st.lists(st.dictionaries(clinic_keys, yaml_shaped, max_size=6), max_size=3),
    }
)


def _only_registry_errors(data: bytes) -> None:
    problems = []
    try:
        result: object = parse_registry(data)
    except RegistryError as error:
        result, problems = error, error.problems
    assert isinstance(result, Registry) or problems
    assert all(problem.line >= 1 and problem.column >= 1 for problem in problems)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    _only_registry_errors(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=200)
@given(st.binary())
def test_arbitrary_bytes(data: bytes) -> None:
    _only_registry_errors(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_shaped | registry_shaped)
def test_arbitrary_yaml_shaped_data(data: object) -> None:
    _only_registry_errors(yaml.safe_dump(data, allow_unicode=True).encode())
