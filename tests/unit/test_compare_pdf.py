"""The comparison as a reader of its PDF sees it: marks, notes, whole words, no empty pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from locator.compare import ComparisonMatrix
from locator.data.models import Registry
from locator.errors import FileWriteError
from locator.ui.documents import default_page_size, write_pdf
from tests.helpers.pdf_text import pdf_pages, words
from tests.helpers.registry_texts import pick

A4 = QPageSize(QPageSize.PageSizeId.A4)
LETTER = QPageSize(QPageSize.PageSizeId.Letter)
# Four clinics whose comparison used to end on a page holding only the crisis line.
SPILLED = (
    "nortex-psychiatry-allen",
    "nortex-psychiatry-dallas",
    "ketamine-provider-buena-park",
    "neuroplasticity-md-clinic",
)


@pytest.fixture
def four(registry: Registry) -> ComparisonMatrix:
    clinics = pick(
        registry,
        "nervana-medical-sandy",
        "nortex-psychiatry-allen",
        "ketamine-provider-buena-park",
        "neuroplasticity-md-clinic",
    )
    return ComparisonMatrix.of(
        clinics,
        ["3.1 mi (straight-line)", "1,003 mi (straight-line)", "589 mi (straight-line)", "—"],
        place="South Jordan, UT 84095",
        created=dt.date(2026, 11, 22),
    )


@pytest.fixture
def us_locale(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def test_differing_rows_carry_the_mark_in_the_pdf(
    qapp: QApplication, four: ComparisonMatrix, tmp_path: Path
) -> None:
    write_pdf(four.to_html(), tmp_path / "c.pdf", landscape=True)
    text = " ".join(pdf_pages(tmp_path / "c.pdf")).replace("\r\n", " ").replace("\n", " ")
    assert "Facts marked ≠ differ" in text
    assert "Depression ≠" in text
    assert "Last verified ≠" not in text  # all four were checked on one day


def test_the_pdf_says_where_distances_are_measured_from(
    qapp: QApplication, four: ComparisonMatrix, tmp_path: Path
) -> None:
    write_pdf(four.to_html(), tmp_path / "c.pdf", landscape=True)
    text = " ".join(pdf_pages(tmp_path / "c.pdf")).replace("\r\n", " ")
    assert "Distances are straight-line from South Jordan, UT 84095" in text


@pytest.mark.parametrize("paper", [A4, LETTER], ids=["A4", "Letter"])
def test_no_page_holds_only_the_notice(
    qapp: QApplication, registry: Registry, tmp_path: Path, paper: QPageSize
) -> None:
    matrix = ComparisonMatrix.of(pick(registry, *SPILLED), created=dt.date(2026, 11, 22))
    write_pdf(matrix.to_html(), tmp_path / "c.pdf", landscape=True, page_size=paper)
    pages = pdf_pages(tmp_path / "c.pdf")
    assert "call or text 988" in pages[0].split("\n")[0], "the notice opens the document"
    for number, text in enumerate(pages, start=1):
        assert "988" in text, f"page {number} lacks the crisis line"
        assert "911" in text
        body = [line for line in text.splitlines() if "988" not in line and line.strip()]
        assert len(body) >= 5, f"page {number} holds little but the notice: {text!r}"
    assert "“" in pages[-1], "the last page carries the sources it follows on from"


@pytest.mark.parametrize("landscape", [True, False], ids=["landscape", "portrait"])
@pytest.mark.parametrize("paper", [A4, LETTER], ids=["A4", "Letter"])
def test_words_are_never_broken_across_lines(
    qapp: QApplication,
    four: ComparisonMatrix,
    tmp_path: Path,
    paper: QPageSize,
    landscape: bool,
) -> None:
    expected: set[str] = set()
    for title in four.titles:
        expected |= words(title)
    for row in four.rows:
        expected |= words(row.attribute)
        for cell in row.cells:
            expected |= words(cell.text)
    write_pdf(four.to_html(), tmp_path / "c.pdf", landscape=landscape, page_size=paper)
    assert expected - words(" ".join(pdf_pages(tmp_path / "c.pdf"))) == set()


@pytest.mark.parametrize(
    ("language", "country", "paper"),
    [
        (QLocale.Language.English, QLocale.Country.UnitedStates, QPageSize.PageSizeId.Letter),
        (QLocale.Language.Spanish, QLocale.Country.UnitedStates, QPageSize.PageSizeId.Letter),
        (QLocale.Language.English, QLocale.Country.UnitedKingdom, QPageSize.PageSizeId.A4),
        (QLocale.Language.German, QLocale.Country.Germany, QPageSize.PageSizeId.A4),
        (QLocale.Language.French, QLocale.Country.France, QPageSize.PageSizeId.A4),
    ],
)
def test_paper_follows_the_locale(
    language: QLocale.Language, country: QLocale.Country, paper: QPageSize.PageSizeId
) -> None:
    assert default_page_size(QLocale(language, country)).id() == paper


@pytest.mark.parametrize(
    ("lang", "paper"),
    [
        ("es_US.UTF-8", QPageSize.PageSizeId.Letter),
        ("en_GB.UTF-8", QPageSize.PageSizeId.A4),
        ("de_DE.UTF-8", QPageSize.PageSizeId.A4),
        ("C.UTF-8", QPageSize.PageSizeId.Letter),
        ("es", QPageSize.PageSizeId.Letter),  # a language names no country
    ],
)
def test_without_the_system_locale_the_one_named_decides_else_letter(
    monkeypatch: pytest.MonkeyPatch, lang: str, paper: QPageSize.PageSizeId
) -> None:
    """LANG names a locale the system lacks: the app runs in C.UTF-8, the paper still follows
    the country LANG names, and Letter, the directory's, when it names none."""
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.delenv("LC_PAPER", raising=False)
    monkeypatch.setenv("LANG", lang)
    assert default_page_size(QLocale.c()).id() == paper


def test_a_pdf_in_the_us_is_on_letter_paper(
    us_locale: None, four: ComparisonMatrix, tmp_path: Path
) -> None:
    write_pdf(four.to_html(), tmp_path / "c.pdf", landscape=True)
    document = QPdfDocument(None)
    document.load(str(tmp_path / "c.pdf"))
    size = document.pagePointSize(0)
    document.close()
    assert (round(size.width()), round(size.height())) == (792, 612)


def test_an_unwritable_place_is_a_sentence(
    qapp: QApplication, four: ComparisonMatrix, tmp_path: Path
) -> None:
    (tmp_path / "a file").write_text("x")
    with pytest.raises(FileWriteError, match=r"^Cannot write .*: part of its path is not a"):
        write_pdf(four.to_html(), tmp_path / "a file" / "c.pdf")


def test_each_cell_of_the_pdf_points_to_its_quote(
    qapp: QApplication, four: ComparisonMatrix, tmp_path: Path
) -> None:
    """A footnote per cell: the number after a value is the number of the quote that says it."""
    write_pdf(four.to_html(), tmp_path / "c.pdf", landscape=True)
    text = " ".join(" ".join(pdf_pages(tmp_path / "c.pdf")).split())
    depression = next(row for row in four.rows if row.attribute == "Depression")
    number = four.marks(depression.cells[0].quotes)
    assert number.isdigit()  # one quote says it
    assert f"treats [{number}]" in text
    quote = "We offer ketamine therapy for depression, anxiety and several other mental health"
    assert f"[{number}] “{quote}" in text
    assert "000_5c7c8aabd53983aa.txt" in text  # and the document it is from
    assert "A number in brackets after a value points to the source quote that says it." in text
