"""A value of a megabyte (a name, a street, a quote) on a page: cut at the one declared length
with "…", so a comparison or a referral summary is laid out at once; the data formats keep it
whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from locator.compare import ComparisonMatrix, Preparation
from locator.data.models import Clinic, Registry
from locator.presentation import LONGEST_ON_A_PAGE
from locator.referral import referral_html
from locator.ui.documents import write_pdf
from tests.helpers.pdf_text import pdf_pages
from tests.helpers.registry_texts import pick

# a megabyte of words: the first LONGEST_ON_A_PAGE characters are shown, then "…"
HUGE = " ".join(f"w{n:07d}" for n in range(120_000))
SHOWN = HUGE[:LONGEST_ON_A_PAGE].rstrip()
NOT_SHOWN = HUGE.split()[LONGEST_ON_A_PAGE // 9 + 2]  # a word past the cut


def swollen(registry: Registry, where: str) -> list[Clinic]:
    """Two clinics, the first with a megabyte of text in ``where``."""
    first, second = pick(registry, "nervana-medical-sandy", "nortex-psychiatry-allen")
    if where == "name":
        first = first.model_copy(update={"name": HUGE})
    elif where == "street":
        address = first.address.model_copy(update={"street": HUGE})
        first = first.model_copy(update={"address": address})
    else:
        source = first.sources[0].model_copy(update={"quote": HUGE})
        first = first.model_copy(update={"sources": [source, *first.sources[1:]]})
    return [first, second]


@pytest.mark.parametrize("where", ["name", "street", "quote"])
def test_a_comparison_shows_a_huge_value_cut_and_keeps_it_whole_in_its_data(
    registry: Registry, where: str, qapp: QApplication, tmp_path: Path
) -> None:
    matrix = ComparisonMatrix.of(swollen(registry, where), None, place="Sandy, UT")
    page = matrix.to_html()
    assert f"{SHOWN}…" in page
    assert NOT_SHOWN not in page
    assert len(page) < 100_000
    assert HUGE in matrix.to_csv()  # a spreadsheet keeps every character
    pdf = write_pdf(page, tmp_path / "comparison.pdf", landscape=True)
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    assert "…" in text
    assert NOT_SHOWN not in text


@pytest.mark.parametrize("where", ["name", "street", "quote"])
def test_a_referral_summary_shows_a_huge_value_cut(
    registry: Registry, where: str, qapp: QApplication, tmp_path: Path
) -> None:
    note = Preparation("J. Doe", HUGE)  # a pasted note is cut the same way
    page = referral_html(swollen(registry, where), prepared=note)
    assert page.count(f"{SHOWN}…") == 2
    assert NOT_SHOWN not in page
    text = " ".join(" ".join(pdf_pages(write_pdf(page, tmp_path / "referral.pdf"))).split())
    assert NOT_SHOWN not in text
