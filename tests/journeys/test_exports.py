"""A coordinator exports and prints what they compared, and reads the files back: every source
quote a footnote points to, on the paper of their country."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QWidget

from tests.helpers.pdf_text import pdf_pages
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
COMPARE = "Compare clinics"


def save_as(user: User, path: Path):
    """An answer for a save dialog: select the proposed name, type the path, press Enter."""

    def answer(dialog: QWidget) -> None:
        user.press("Ctrl+A")
        user.type(str(path))
        user.press("Return")

    return answer


def compare(user: User, place: str, clinics: list[str]) -> QWidget:
    """Search ``place``, tick ``clinics`` and open the Compare window."""
    user.search(place)
    names = user.column(FOUND, "Clinic")
    for clinic in clinics:
        user.tick_box(FOUND, next(i for i, name in enumerate(names) if name == clinic))
    user.click(f"Compare {len(clinics)} ticked clinics")
    user.wait(lambda: any(w.windowTitle() == COMPARE for w in user.top_levels()))
    return next(w for w in user.top_levels() if w.windowTitle() == COMPARE)


def flat(text: str) -> str:
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def test_a_three_clinic_pdf_carries_every_quote_its_footnotes_point_to(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    window = compare(
        user,
        "Sandy, UT",
        [
            "Nervana Medical",
            "Unnamed provider reported in this area: Sacramento, CA",
            "Unnamed provider reported in this area: Buena Park, CA",
        ],
    )
    target = tmp_path / "three.pdf"
    with user.answering(save_as(user, target)):
        user.click("Export PDF", within=window)
    user.wait(target.exists)
    text = flat(" ".join(pdf_pages(target)))
    marks = {int(n) for found in re.findall(r"\[([\d, ]+)\]", text) for n in found.split(",")}
    assert marks, "the values carry footnote numbers"
    for mark in marks:
        assert re.search(rf"\[{mark}\] “[^”]{{8}}", text), f"footnote [{mark}] has no quote"
    assert "Exciting News! Mind's Journey & Nervana Medical" in text
    assert "Ketamine treatment in Sacramento provides accessible and personalized care" in text


def test_without_the_system_locale_a_us_pdf_is_on_letter_paper(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LANG names a locale this system lacks, so the app runs in C.UTF-8 (as it sets LC_ALL)."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    user = make_window()
    window = compare(user, "Dallas, TX", ["NorTex Psychiatry", "Nervana Medical"])
    target = tmp_path / "letter.pdf"
    with user.answering(save_as(user, target)):
        user.click("Export PDF", within=window)
    user.wait(target.exists)
    document = QPdfDocument(None)
    document.load(str(target))
    size = document.pagePointSize(0)
    document.close()
    assert (round(size.width()), round(size.height())) == (792, 612)  # Letter, landscape
