"""Every page's footer as a reader sees it: the whole crisis line, never under the page number,
and no heading left alone at the foot of a page, in each language and on A4 and Letter."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QApplication

from locator.compare import ComparisonMatrix
from locator.data.models import Registry
from locator.i18n import _, language, set_language
from locator.referral import referral_html
from locator.ui.documents import PAGE_FOOTER, write_pdf
from tests.helpers.pdf_text import pdf_pages, text_boxes
from tests.helpers.registry_texts import pick

PAPERS = [QPageSize(QPageSize.PageSizeId.A4), QPageSize(QPageSize.PageSizeId.Letter)]
CLINICS = (
    "nortex-psychiatry-allen",
    "nortex-psychiatry-dallas",
    "ketamine-provider-buena-park",
    "neuroplasticity-md-clinic",
)
# Three whose Spanish comparison used to leave "Fuentes" alone at the foot of page 1.
SOURCES_ALONE = (
    "neuroplasticity-md-clinic",
    "nervana-medical-sandy",
    "ketamine-provider-buena-park",
)


@pytest.fixture(params=["es", "en"])
def tongue(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = language()
    set_language(request.param)
    yield request.param
    set_language(before)


def comparison(
    registry: Registry, path: Path, paper: QPageSize, clinics: tuple[str, ...] = CLINICS
) -> None:
    matrix = ComparisonMatrix.of(pick(registry, *clinics), created=dt.date(2026, 11, 22))
    write_pdf(matrix.to_html(), path, landscape=True, page_size=paper)


def referral(registry: Registry, path: Path, paper: QPageSize) -> None:
    html = referral_html(pick(registry, *CLINICS[:3]), created=dt.date(2026, 11, 22))
    write_pdf(html, path, page_size=paper)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("paper", PAPERS, ids=["A4", "Letter"])
@pytest.mark.parametrize("document", [comparison, referral])
def test_each_page_carries_the_whole_crisis_line_clear_of_the_page_number(
    tongue: str,
    registry: Registry,
    tmp_path: Path,
    paper: QPageSize,
    document: Callable[[Registry, Path, QPageSize], None],
) -> None:
    path = tmp_path / "d.pdf"
    document(registry, path, paper)
    crisis = flat(_(PAGE_FOOTER))
    assert "988" in crisis
    assert "911" in crisis
    pages = pdf_pages(path)
    for number, text in enumerate(pages, start=1):
        footer = flat(text[text.rfind(crisis.split()[0] + " ") :])
        assert footer.startswith(crisis), f"page {number}: the crisis line is cut: {footer!r}"
    page_word = _("page {value} of {pages}").split()[0]
    lines = text_boxes(path, crisis.split()[-1])  # the line's end, "911."
    numbers = text_boxes(path, f"{page_word} ")
    for number, (end, page) in enumerate(zip(lines, numbers, strict=True), start=1):
        assert not end.isEmpty(), f"page {number} lacks 911"
        assert not page.isEmpty(), f"page {number} lacks its number"
        assert not end.intersects(page), f"page {number}: 911 is printed over by the number"
        assert end.bottom() <= page.top() or end.right() <= page.left()


@pytest.mark.parametrize("paper", PAPERS, ids=["A4", "Letter"])
def test_no_heading_is_left_alone_at_the_foot_of_a_page(
    tongue: str, registry: Registry, tmp_path: Path, paper: QPageSize
) -> None:
    writers = {
        "comparison": lambda path: comparison(registry, path, paper, SOURCES_ALONE),
        "referral": lambda path: referral(registry, path, paper),
    }
    for name, write in writers.items():
        path = tmp_path / f"{name}.pdf"
        write(path)
        first_word = _(PAGE_FOOTER).split()[0] + " "
        for number, text in enumerate(pdf_pages(path), start=1):
            body = [line.strip() for line in text[: text.rfind(first_word)].splitlines()]
            last = [line for line in body if line][-1]
            heading = last == _("Sources") or re.fullmatch(r"\d+\. \S.*", last)
            assert not heading, f"{name} page {number} ends on a heading: {last!r}"
