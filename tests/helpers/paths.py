"""Where the tests find the repository, its test data and the installed command."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEST_REGISTRY = REPO / "tests" / "data" / "clinics.yaml"  # frozen: clinics.yaml may grow
SEEDS = REPO.parent / "shared" / "seeds"  # the originals, beside the checkout
SEED_COPY = REPO / "seeds"  # their copy, shipped beside clinics.yaml: the editor reads it
LOCATOR = Path(sys.executable).with_name("locator")
