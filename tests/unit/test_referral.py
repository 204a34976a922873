"""The referral summary as its reader sees it in the PDF: each thing said once, in plain words."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QApplication

from locator.data.models import Registry
from locator.referral import referral_html
from locator.ui.documents import write_pdf
from tests.helpers.pdf_text import pdf_pages
from tests.helpers.registry_texts import pick

THREE = ("nervana-medical-sandy", "ketamine-provider-sacramento", "neuroplasticity-md-clinic")


def summary_pages(registry: Registry, path: Path, paper: QPageSize | None = None) -> list[str]:
    html = referral_html(
        pick(registry, *THREE),
        searched="Sandy, UT",
        distances={
            "nervana-medical-sandy": "0.0 mi (straight-line)",
            "ketamine-provider-sacramento": "531 mi (straight-line)",
        },
        created=dt.date(2026, 11, 22),
    )
    write_pdf(html, path, page_size=paper)
    return [" ".join(page.split()) for page in pdf_pages(path)]


def sections(text: str) -> dict[str, str]:
    """Each clinic's part of the summary, by its heading's number."""
    parts = re.split(r"(?=\b[12]\. (?:Nervana|Neuroplasticity))", text)
    return {part[0]: part for part in parts if part[:1] in "12"}


@pytest.fixture
def text(qapp: QApplication, registry: Registry, tmp_path: Path) -> str:
    return " ".join(summary_pages(registry, tmp_path / "referral.pdf"))


def test_each_thing_is_said_once_in_plain_words(text: str) -> None:
    assert "(location not listed)" not in text
    assert "contact not listed" not in text
    by_clinic = sections(text)
    assert "Where Sandy, UT (approximate: city centre)" in by_clinic["1"]
    assert "Where Location not listed in the sources" in by_clinic["2"]
    assert text.count("Location not listed in the sources") == 1
    for number in ("1", "2"):
        assert "No phone or website is given in the sources" in by_clinic[number]
    assert "Treats Not listed in the sources" in by_clinic["2"]


def test_an_unnamed_provider_is_left_out_and_the_summary_says_so(text: str) -> None:
    assert "Sacramento" not in text
    assert "1 unnamed provider is left out: the source reports it but names no one to contact." in (
        text
    )
    assert "3." not in text  # the clinics are numbered 1 and 2


def test_it_says_where_distances_are_measured_from(text: str) -> None:
    assert "Distances are straight-line from Sandy, UT" in text
    assert "Distance 0.0 mi (straight-line)" in sections(text)["1"]
    assert "Not measured: no location in the sources" in sections(text)["2"]


def test_each_document_is_named_once_above_its_quotes(text: str) -> None:
    nervana = sections(text)["1"]
    assert nervana.count("000_5c7c8aabd53983aa.txt") == 1
    first_quote = nervana.index("Exciting News!")
    assert nervana.index("Sources") < nervana.index("000_5c7c8aabd53983aa.txt") < first_quote


@pytest.mark.parametrize(
    "paper",
    [QPageSize(QPageSize.PageSizeId.A4), QPageSize(QPageSize.PageSizeId.Letter)],
    ids=["A4", "Letter"],
)
def test_three_clinics_fit_one_page_with_the_notice(
    qapp: QApplication, registry: Registry, tmp_path: Path, paper: QPageSize
) -> None:
    pages = summary_pages(registry, tmp_path / "referral.pdf", paper)
    assert len(pages) == 1
    assert "locator is a directory, not medical advice" in pages[0]
    assert "call or text 988" in pages[0]
    assert "call 911" in pages[0]


def test_names_are_escaped(registry: Registry) -> None:
    clinic = pick(registry, "nervana-medical-sandy")[0]
    evil = clinic.model_copy(update={"name": "<b>x</b> & co"})
    html = referral_html([evil])
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt; &amp; co" in html
    assert "Distances are" not in html  # no search, no distances


def test_each_fact_carries_the_numbers_of_the_quotes_that_say_it(text: str) -> None:
    nervana = sections(text)["1"]
    assert "Treats Depression, Anxiety [3]" in nervana
    assert "Offers Ketamine therapy (route not stated) [2, 3]" in nervana
    assert "[3] “We offer ketamine therapy for depression, anxiety" in nervana
    assert "000_5c7c8aabd53983aa.txt [1] “" in nervana  # the document, heading its quotes
    assert "A number in brackets after a fact points to the source quote that says it." in text


def test_the_referral_names_the_search_it_was_prepared_from(registry: Registry) -> None:
    """Never "near": the clinics of a referral may be far from the place searched."""
    html = referral_html(
        pick(registry, "nervana-medical-sandy"),
        searched="Buena Park, CA",
        created=dt.date(2026, 1, 2),
    )
    assert "Prepared 2026-01-02 for a search from Buena Park, CA." in html
    assert "near Buena Park" not in html


@pytest.fixture(scope="module")
def shipped() -> Registry:
    """The registry locator ships: its entries cite per value, and keep quotes for notes."""
    from locator.data.loader import load_registry
    from locator.data.paths import shipped_registry

    return load_registry(shipped_registry(), use_cache=False)


def shipped_text(registry: Registry, path: Path) -> str:
    write_pdf(
        referral_html(pick(registry, "nervana-medical-sandy", "nortex-psychiatry-allen")), path
    )
    return " ".join(" ".join(pdf_pages(path)).split())


def test_a_quote_no_fact_points_to_says_where_it_is_cited(
    qapp: QApplication, shipped: Registry, tmp_path: Path
) -> None:
    text = shipped_text(shipped, tmp_path / "referral.pdf")
    banner = "provide even more services”"
    assert f"{banner} (cited in the notes behind “Why is this listed this way?”)" in text
    assert text.count("cited in the notes behind") == 1  # NorTex cites every quote for a fact


def test_every_quote_is_read_under_the_title_of_its_document(
    qapp: QApplication, shipped: Registry, tmp_path: Path
) -> None:
    """NorTex's quotes all come from one article: its title heads them, so the first quote is
    not read without its document (it used to follow only the last)."""
    text = shipped_text(shipped, tmp_path / "referral.pdf")
    nortex = text[text.index("2. NorTex Psychiatry") :]
    sources = nortex[nortex.index("Sources") :]
    title = "Untitled article on ketamine and the brain that names NorTex Psychiatry"
    assert sources.count(title) == 1
    assert sources.index(title) < sources.index("[1] “") < sources.index("[2] “")
