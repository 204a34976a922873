"""What `locator validate` refuses in a registry that lists its documents, cites per value,
marks served places and inferred values: each a sentence at the line that is wrong, on a copy
of the bundled registry changed the way a maintainer's slip would change it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.cli import CliRunner
from tests.helpers.paths import REPO

BUNDLED = (REPO / "clinics.yaml").read_text("utf-8")
CONSULTATION = "          - treatments: [consultation]\n"
NORTEX_SAYS = (
    '          - service_area: ["Allen, TX", "McKinney, TX", "Frisco, TX", "Dallas, TX"]\n'
    "          - treatments: [ketamine_route_not_stated]\n"
)


def validate(tmp_path: Path, run_cli: CliRunner, text: str) -> str:
    """The problems `locator validate` gives for ``text``, beside the bundled documents."""
    path = tmp_path / "clinics.yaml"
    path.write_text(text, "utf-8")
    result = run_cli("validate", str(path))
    assert result.returncode == 1, result.stdout
    return result.stderr


@pytest.mark.parametrize(
    ("slip", "said"),
    [
        pytest.param(  # the only quote saying the consultation no longer names it
            lambda text: text.replace(CONSULTATION, "          - name\n"),
            "no quote says “consultation”",
            id="a value no quote names",
        ),
        pytest.param(  # NorTex's first quote claims the consultation it does not mention
            lambda text: text.replace(
                NORTEX_SAYS, NORTEX_SAYS.replace("_stated]", "_stated, consultation]")
            ),
            "the quote does not name consultation",
            id="a value its quote does not say",
        ),
        pytest.param(
            lambda text: text.replace(
                "  - file: 003_b2e65940e6fdd856.txt\n", "  - file: 003.txt\n"
            ),
            "003_b2e65940e6fdd856.txt is not listed under documents",
            id="a cited document not listed",
        ),
        pytest.param(
            lambda text: text.replace(
                "  - file: 004_f71cb5bc16bd7308.txt\n", "  - file: 003_b2e65940e6fdd856.txt\n"
            ),
            "003_b2e65940e6fdd856.txt is listed twice under documents",
            id="a document listed twice",
        ),
        pytest.param(
            lambda text: text.replace(
                "    organization: NorTex Psychiatry\n",
                "    organization: NorTex Psychiatry\n    address: {city: Allen, state: TX}\n",
                1,
            ),
            "“Stands at a place it serves” (`location.served_place`) says no office is listed, yet "
            "“Address” (`address`) is given",
            id="an office beside a served place",
        ),
        pytest.param(
            lambda text: text.replace('served_place: "Allen, TX"', 'served_place: "Plano, TX"'),
            "“Stands at a place it serves” (`location.served_place`) “Plano, TX” is not in "
            "“Serves” (`service_area`)",
            id="a served place it does not serve",
        ),
        pytest.param(
            lambda text: text.replace("      - value: CA\n", "      - value: NV\n"),
            "inferred “NV”: “Serves” (`service_area`) does not hold it",
            id="an inferred value no field holds",
        ),
    ],
)
def test_a_maintainers_slip_is_refused_with_a_sentence(
    tmp_path: Path, run_cli: CliRunner, slip: Callable[[str], str], said: str
) -> None:
    changed = slip(BUNDLED)
    assert changed != BUNDLED
    assert said in validate(tmp_path, run_cli, changed)
