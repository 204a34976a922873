"""Synthetic registries of any size, shaped like real entries, for benchmarks and tests.

Generated clinics are marked as such in their names and sources; they never reach a user.
"""

from __future__ import annotations

import random

from locator.data.vocabulary import Condition, Language, Payment, Treatment

_STATES = ("UT", "TX", "CA", "NY", "FL", "WA", "CO", "IL", "GA", "AZ")


def synthetic_clinic(index: int, rng: random.Random) -> dict[str, object]:
    """One plausible clinic entry as plain data (what YAML would load)."""
    state = rng.choice(_STATES)
    city = f"Town {index % 997}"
    clinic: dict[str, object] = {
        "id": f"synthetic-clinic-{index}",
        "name": f"Synthetic Clinic {index}",
        "organization": f"Synthetic Group {index % 50}",
        "address": {"city": city, "state": state, "postal_code": f"{10000 + index % 89999:05d}"},
        "location": {
            "latitude": round(rng.uniform(25.0, 49.0), 5),
            "longitude": round(rng.uniform(-124.0, -67.0), 5),
            "precision": "city",
            "source": "synthetic",
        },
        "service_area": [f"{city}, {state}"],
        "conditions": rng.sample([c.value for c in Condition], 3),
        "treatments": rng.sample([t.value for t in Treatment], 3),
        "session_minutes": {"min": 40, "max": 60},
        "providers": [{"name": f"Provider {index}", "title": "Dr."}],
        "payment": rng.sample([p.value for p in Payment], 2),
        "telehealth": rng.choice([True, False, None]),
        "phone": f"555-{index % 10000:04d}",
        "website": f"https://example.org/clinic/{index}",
        "last_verified": "2026-01-15",
    }
    clinic.update(_practical(state, clinic, rng))
    covers = [key for key, value in clinic.items() if key not in _EXEMPT and value is not None]
    clinic["sources"] = [
        {
            "document": "synthetic.txt",
            "quote": "A synthetic clinic generated for measuring the loader, not a real one.",
            "covers": covers,
        }
    ]
    return clinic


_EXEMPT = {"id", "location", "last_verified"}  # need no quote (see locator.data.provenance)


def _practical(state: str, clinic: dict[str, object], rng: random.Random) -> dict[str, object]:
    """The practical facts, each present in about half the clinics and either way when set."""
    payment = clinic["payment"]
    assert isinstance(payment, list)
    facts: dict[str, object] = {}
    if rng.random() < 0.5:
        low = rng.randrange(200, 900, 50)
        facts["price_per_session"] = {"min": low, "max": low + rng.choice((0, 100, 250))}
    if rng.random() < 0.5:
        facts["accepting_new_patients"] = rng.random() < 0.8
        facts["new_patients_checked"] = "2026-01-10"
    refused = [p.value for p in Payment if p.value not in payment]
    if rng.random() < 0.3:
        facts["payment_not_accepted"] = rng.sample(refused, 1)
    if clinic["telehealth"] is True:
        facts["telehealth_states"] = [state]
    if rng.random() < 0.5:
        facts["languages"] = ["english", *rng.sample([t.value for t in Language][1:], 1)]
    for key in ("wheelchair_accessible", "evening_hours", "weekend_hours"):
        if rng.random() < 0.5:
            facts[key] = rng.random() < 0.7
    if rng.random() < 0.2:
        facts["driver_note"] = "Arrange a ride home: do not drive until the next day."
    return facts


def synthetic_registry(count: int, seed: int = 0) -> dict[str, object]:
    """A registry document with ``count`` synthetic clinics, reproducible for a seed."""
    rng = random.Random(seed)
    return {"schema_version": 1, "clinics": [synthetic_clinic(i, rng) for i in range(count)]}
