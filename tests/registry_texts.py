"""Registry texts that several test files use (a module, not a test file, so any may import it).

``VALID`` is a small valid registry: two clinics, the first with a location (Sandy, UT), the
second without one. Its line numbers are asserted by tests: change it only with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from locator.data.models import Clinic, Registry

VALID = """\
# a small registry
schema_version: 1
clinics:
  - id: first-clinic
    name: First Clinic
    address: {city: Sandy, state: UT, postal_code: "84070"}
    location:
      latitude: 40.59161
      longitude: -111.8841
      precision: city
      source: GeoNames 5781061
    conditions: [depression, anxiety]
    treatments: [iv_ketamine_infusion]
    sources:
      - document: seed.txt
        quote: "A quote."
    last_verified: 2026-01-15
  - id: second-clinic
    name: Second Clinic
    sources:
      - {document: seed.txt, quote: "Another quote."}
    last_verified: 2026-01-15
"""


def pick(registry: Registry, *ids: str) -> list[Clinic]:
    """The registry's clinics with these ids, in this order."""
    by_id = {clinic.id: clinic for clinic in registry.clinics}
    return [by_id[clinic_id] for clinic_id in ids]
