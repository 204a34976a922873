"""A street address given by a source reaches every place a clinic is shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote

import pytest

from locator.compare import ComparisonMatrix
from locator.data.models import Address, Clinic, Registry
from locator.presentation import GOOGLE_MAPS, OPENSTREETMAP, directions_url, full_address
from locator.referral import referral_html
from tests.helpers.cli import CliRunner
from tests.helpers.paths import TEST_REGISTRY
from tests.helpers.registry_texts import pick

STREET = "1 Example Way, Sandy, UT 84070"


@pytest.fixture
def with_street(registry: Registry) -> Clinic:
    (clinic,) = pick(registry, "nervana-medical-sandy")
    address = Address(street="1 Example Way", city="Sandy", state="UT", postal_code="84070")
    return clinic.model_copy(update={"address": address})


def test_the_full_address_and_directions_to_it(with_street: Clinic, registry: Registry) -> None:
    assert full_address(with_street) == STREET
    assert directions_url(with_street) == GOOGLE_MAPS.directions + quote(STREET)
    assert directions_url(with_street, OPENSTREETMAP) == OPENSTREETMAP.directions + quote(STREET)
    (at_city,) = pick(registry, "nortex-psychiatry-allen")
    assert full_address(at_city) == "Allen, TX"
    assert directions_url(at_city) is None  # a city centre is no place to drive to


def test_compare_and_referral_show_the_street(with_street: Clinic, registry: Registry) -> None:
    (other,) = pick(registry, "nortex-psychiatry-allen")
    matrix = ComparisonMatrix.of([with_street, other])
    assert STREET in matrix.to_csv()
    assert STREET in matrix.to_markdown()
    html = referral_html([with_street], searched=None, distances={}, created=dt.date(2026, 11, 22))
    assert STREET in html


def test_nearest_shows_the_street(tmp_path: Path, run_cli: CliRunner) -> None:
    registry = tmp_path / "clinics.yaml"
    text = TEST_REGISTRY.read_text(encoding="utf-8")
    street = 'address: {street: 1 Example Way, city: Sandy, state: UT, postal_code: "84070"}'
    registry.write_text(text.replace("address: {city: Sandy, state: UT}", street, 1))
    result = run_cli("nearest", "84070", "--registry", str(registry))
    assert result.returncode == 0, result.stderr
    assert "1 Example Way, Sandy, UT 84070" in result.stdout
