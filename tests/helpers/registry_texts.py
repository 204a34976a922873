"""Registry texts that several test files use (a module, not a test file, so any may import it).

``VALID`` is a small valid registry: two clinics, the first with a location (Sandy, UT), the
second without one. Its line numbers are asserted by tests: change it only with them.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from locator.data.models import Clinic, Registry
    from locator.hsds.importing import Made

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
      - {document: seed.txt, quote: "A quote.", covers: [name, address, treatments]}
      - {document: seed.txt, quote: "It treats depression and anxiety.", covers: [conditions]}
    last_verified: 2026-01-15
  - id: second-clinic
    name: Second Clinic
    sources:
      - {document: seed.txt, quote: "Another quote.", covers: [name]}
    last_verified: 2026-01-15
"""

# An entry for providers a source reports in South Jordan, UT, naming none: a clinics item.
UNNAMED_PROVIDER = """\
  - id: provider-south-jordan
    kind: unnamed_provider
    name: Ketamine provider, South Jordan (name not given in source)
    address: {city: South Jordan, state: UT}
    location: {latitude: 40.56217, longitude: -111.92966, precision: city, source: GeoNames 5781770}
    sources:
      - {document: c.txt, quote: "Providers in South Jordan.", covers: [name, address]}
    last_verified: 2026-01-15
"""

# The tour's registry: VALID with a latitude out of range and a misspelled key, with a comment.
TOUR = VALID.replace("latitude: 40.59161", "latitude: 95").replace(
    "    treatments: [iv_ketamine_infusion]\n",
    "    treatmnets: [iv_ketamine_infusion]  # spelled as the maintainer typed it\n",
)

# Three made-up clinics near Sandy, UT for the practical fields: the first states each of them
# one way, the second the other way, the third none (all "not listed").
PRACTICAL = """\
schema_version: 1
clinics:
  - id: wasatch-infusions-sandy
    name: Wasatch Infusions
    address: {city: Sandy, state: UT}
    location: {latitude: 40.59161, longitude: -111.8841, precision: city, source: test}
    treatments: [iv_ketamine_infusion, esketamine_nasal_spray]
    payment: [insurance, hsa_fsa]
    price_per_session: {min: 400, max: 750}
    accepting_new_patients: true
    new_patients_checked: 2026-11-01
    spravato_rems_certified: true
    telehealth: true
    telehealth_states: [UT, NV]
    languages: [english, spanish]
    wheelchair_accessible: true
    evening_hours: true
    weekend_hours: false
    driver_note: You will need someone to drive you home after each infusion.
    sources:
      - document: test.txt
        quote: "A made-up page for tests."
        covers: [name, address, treatments, payment, price_per_session]
      - document: test.txt
        quote: "We are accepting new patients (checked by phone)."
        covers: [accepting_new_patients, new_patients_checked, spravato_rems_certified]
      - document: test.txt
        quote: "Telehealth visits for Utah and Nevada residents."
        covers: [telehealth, telehealth_states, languages, wheelchair_accessible]
      - document: test.txt
        quote: "Open late on Thursdays; closed at weekends. Bring a driver."
        covers: [evening_hours, weekend_hours, driver_note]
    last_verified: 2026-11-01
  - id: valley-ketamine-draper
    name: Valley Ketamine
    address: {city: Draper, state: UT}
    location: {latitude: 40.52467, longitude: -111.86382, precision: city, source: test}
    treatments: [im_ketamine_injection, ketamine_assisted_psychotherapy]
    payment_not_accepted: [insurance]
    price_per_series: {min: 1800, max: 2400}
    accepting_new_patients: false
    new_patients_checked: 2026-10-15
    telehealth: false
    wheelchair_accessible: false
    sources:
      - document: test.txt
        quote: "Another made-up page for tests."
        covers: [name, address, treatments, payment_not_accepted, price_per_series]
      - document: test.txt
        quote: "Not taking new patients as of October; no telehealth; no ramp."
        covers: [accepting_new_patients, new_patients_checked, telehealth, wheelchair_accessible]
    last_verified: 2026-11-01
  - id: canyon-mind-care-murray
    name: Canyon Mind Care
    address: {city: Murray, state: UT}
    location: {latitude: 40.66689, longitude: -111.88799, precision: city, source: test}
    treatments: [oral_ketamine]
    sources:
      - {document: test.txt, quote: "A third made-up page.", covers: [name, address, treatments]}
    last_verified: 2026-11-01
"""


def pick(registry: Registry, *ids: str) -> list[Clinic]:
    """The registry's clinics with these ids, in this order."""
    by_id = {clinic.id: clinic for clinic in registry.clinics}
    return [by_id[clinic_id] for clinic_id in ids]


# Two made-up clinics for a search from Coupeville, WA: one on the same island (Oak Harbor), one
# across Admiralty Inlet (Port Townsend), where no drive time is estimated.
WHIDBEY = """\
schema_version: 1
clinics:
  - id: port-townsend-clinic
    name: Port Townsend Clinic
    address: {city: Port Townsend, state: WA}
    location: {latitude: 48.117, longitude: -122.7604, precision: city, source: test}
    sources:
      - {document: test.txt, quote: "A made-up page for tests.", covers: [name, address]}
    last_verified: 2026-11-01
  - id: oak-harbor-clinic
    name: Oak Harbor Clinic
    address: {city: Oak Harbor, state: WA}
    location: {latitude: 48.29316, longitude: -122.64322, precision: city, source: test}
    sources:
      - {document: test.txt, quote: "A made-up page for tests.", covers: [name, address]}
    last_verified: 2026-11-01
"""

# Made-up clinics at the far end of the trips issue 23 names: plain drives (Boise or Dallas to
# Sandy, UT; Buena Park to Sacramento, CA), a bridge (San Francisco to Oakland, CA) and a sound
# no bridge crosses (Seattle to Bremerton, WA). Each is placed at its city's offline centre.
TRIPS = """\
schema_version: 1
clinics:
""" + "".join(
    f"""\
  - id: {city.lower()}-test-clinic
    name: {city} Test Clinic
    address: {{city: {city}, state: {state}}}
    location: {{latitude: {latitude}, longitude: {longitude}, precision: city, source: test}}
    sources:
      - {{document: test.txt, quote: "A made-up page for tests.", covers: [name, address]}}
    last_verified: 2026-11-01
"""
    for city, state, latitude, longitude in (
        ("Sandy", "UT", 40.59161, -111.8841),
        ("Sacramento", "CA", 38.58157, -121.4944),
        ("Oakland", "CA", 37.80437, -122.2708),
        ("Bremerton", "WA", 47.56732, -122.63264),
    )
)


def alias_bomb(depth: int) -> str:
    """An unknown key of a clinic (at the clinics' indent) holding ten aliases of ten aliases,
    ``depth`` deep: 10 ** (depth + 1) values when each alias is followed."""
    lines = ["    extra:\n", "      a: &a [x, x, x, x, x, x, x, x, x, x]\n"]
    names = "abcdefghijklmnopqrstuvwxyz"[: depth + 1]
    for alias, anchor in itertools.pairwise(names):
        lines.append(f"      {anchor}: &{anchor} [{', '.join(['*' + alias] * 10)}]\n")
    return "".join(lines)


def registry_yaml(registry: Mapping[str, Any]) -> str:
    """A whole registry (its fields and ``clinics``) as YAML, as an import writes it: its
    head, then each entry."""
    from locator.hsds.registry_text import entry_yaml, registry_head

    head = registry_head({key: value for key, value in registry.items() if key != "clinics"})
    return head + "".join(map(entry_yaml, registry["clinics"]))


def made_text(made: Made) -> str:
    """The whole registry an import made, as text (a small one, to compare)."""
    return b"".join(made.chunks()).decode("utf-8")
