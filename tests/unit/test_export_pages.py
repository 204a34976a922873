"""Every export and printout of 2, 3 and 4 clinics, on A4 and Letter, in English and Spanish,
read back from the PDF: each source quote a footnote points to is there, no page ends on a
heading, no page holds only its footer."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from locator.compare import ComparisonMatrix
from locator.data.models import Clinic, Registry
from locator.i18n import _, language, set_language
from locator.referral import referable, referral_html
from locator.ui.documents import PAGE_FOOTER, print_on, printer_for, write_pdf
from tests.helpers.pdf_text import pdf_pages
from tests.helpers.registry_texts import pick

PAPERS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
# The three of the report, whose exported PDF kept the "Sources" heading and lost the quotes.
THREE = ("nervana-medical-sandy", "ketamine-provider-buena-park", "neuroplasticity-md-clinic")
CLINICS = {2: THREE[:2], 3: THREE, 4: (*THREE, "nortex-psychiatry-allen")}
Writer = Callable[[list[Clinic], Path, QPageSize], None]


def distances(clinics: list[Clinic]) -> list[str]:
    return [f"{10 + 117 * n:,} mi (straight-line)" for n in range(len(clinics))]


def matrix_of(clinics: list[Clinic]) -> ComparisonMatrix:
    """As the Compare window has it: with the distances from the searched place."""
    return ComparisonMatrix.of(
        clinics, distances(clinics), place="Dallas, TX", created=dt.date(2026, 11, 22)
    )


def export_comparison(clinics: list[Clinic], path: Path, paper: QPageSize) -> None:
    write_pdf(matrix_of(clinics).to_html(), path, landscape=True, page_size=paper)


def print_comparison(clinics: list[Clinic], path: Path, paper: QPageSize) -> None:
    """As Print… does, to a PDF file as "Print to file" writes it."""
    printer = printer_for(landscape=True)
    printer.setPageSize(paper)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    print_on(printer, matrix_of(clinics).to_html())


def export_referral(clinics: list[Clinic], path: Path, paper: QPageSize) -> None:
    html = referral_html(
        clinics,
        searched="Dallas, TX",
        distances=dict(zip((c.id for c in clinics), distances(clinics), strict=True)),
        created=dt.date(2026, 11, 22),
    )
    write_pdf(html, path, page_size=paper)


@pytest.fixture(params=["en", "es"])
def tongue(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = language()
    set_language(request.param)
    yield request.param
    set_language(before)


def flat(text: str) -> str:
    """Text on one line; a word broken after its hyphen ("fast-⏎acting") is whole again."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("count", CLINICS)
@pytest.mark.parametrize("write", [export_comparison, print_comparison, export_referral])
def test_every_quote_a_footnote_points_to_is_printed(
    tongue: str, registry: Registry, tmp_path: Path, paper: str, count: int, write: Writer
) -> None:
    clinics = pick(registry, *CLINICS[count])
    path = tmp_path / "d.pdf"
    write(clinics, path, QPageSize(PAPERS[paper]))
    pages = pdf_pages(path)
    text = flat(" ".join(pages))
    shown = clinics if write is not export_referral else referable(clinics)
    for clinic in shown:
        for source in clinic.sources:
            assert flat(f"“{source.quote}”") in text, f"{clinic.id}: a quote is lost"
    for mark in {int(n) for n in re.findall(r"\[(\d+)[],]", text)}:
        assert f"[{mark}] “" in text, f"footnote [{mark}] points to no quote"
    first_word = _(PAGE_FOOTER).split()[0] + " "
    for number, page in enumerate(pages, start=1):
        body = [line.strip() for line in page[: page.rfind(first_word)].splitlines()]
        body = [line for line in body if line]
        assert len(body) >= 3, f"page {number} holds next to nothing: {body!r}"
        heading = body[-1] == _("Sources") or re.fullmatch(r"\d+\. \S.*", body[-1])
        assert not heading, f"page {number} ends on a heading: {body[-1]!r}"
        if _("Sources") in body:  # the heading keeps its first quote with it
            after = body[body.index(_("Sources")) :]
            assert any(re.match(r"\[\d+\] “", line) for line in after), f"page {number}"
