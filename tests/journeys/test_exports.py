"""A coordinator exports and prints what they compared, and reads the files back: every source
quote a footnote points to, on the paper of their country."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QWidget,
)

from locator.ui.export_dialog import ExportDialog
from tests.helpers.exporting import Answer, a_busy_machine, export_as, save_as
from tests.helpers.linked_data import linked_data
from tests.helpers.pdf_text import pdf_pages
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
COMPARE = "Compare clinics"


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
    with user.answering(export_as(user, "PDF"), save_as(user, target)):
        user.click("Export", within=window)
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
    with user.answering(export_as(user, "PDF"), save_as(user, target)):
        user.click("Export", within=window)
    user.wait(target.exists)
    document = QPdfDocument(None)
    document.load(str(target))
    size = document.pagePointSize(0)
    document.close()
    assert (round(size.width()), round(size.height())) == (792, 612)  # Letter, landscape


def offered_name(user: User, target: Path, names: list[str]) -> Answer:
    """A save dialog's answer that notes the name the dialog offers, then saves as ``target``."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        names.append(edit.text())
        save_as(user, target)(dialog)

    return answer


def test_the_comparison_as_html_and_markdown_for_a_patient_named_by_date_and_place(
    make_window: MakeWindow, tmp_path: Path, isolated_user_dirs: Path
) -> None:
    user = make_window()
    window = compare(user, "Dallas, TX", ["NorTex Psychiatry", "Nervana Medical"])
    today = dt.date.today().isoformat()
    names: list[str] = []
    for form, suffix in (("HTML (a page any browser opens)", ".html"), ("Markdown", ".md")):
        target = tmp_path / f"for-maria{suffix}"
        note = "Prefers mornings; call the clinic before sending."
        with user.answering(
            export_as(user, form, "Maria <Perez> & Co", note), offered_name(user, target, names)
        ):
            user.click("Export", within=window)
        user.wait(target.exists)
        text = target.read_text(encoding="utf-8")
        assert "NorTex Psychiatry" in text
        assert "call or text 988" in text
        if suffix == ".html":  # written as text, never as markup
            assert "Maria &lt;Perez&gt; &amp; Co" in text
        else:  # and as a person reads it in the file: no "&amp;"
            assert "Maria \\<Perez\\> & Co" in text
            assert "Mind's Journey & Nervana Medical" in text
            assert "&amp;" not in text
        assert "Prefers mornings; call the clinic before sending." in text
    assert names == [f"comparison {today} Dallas TX.html", f"comparison {today} Dallas TX.md"]
    kept = [p for p in isolated_user_dirs.rglob("*") if p.is_file()]
    for path in kept:  # the name went into the files and nowhere else
        assert "Maria" not in path.read_bytes().decode("utf-8", "replace"), path


def test_the_comparisons_page_tells_a_referral_system_each_clinic_as_data(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window(shipped=True)  # its Nervana Medical serves places in an inferred state
    window = compare(user, "Sandy, UT", ["NorTex Psychiatry", "Nervana Medical"])
    target = tmp_path / "compared.html"
    with user.answering(export_as(user, "HTML (a page any browser opens)"), save_as(user, target)):
        user.click("Export", within=window)
    user.wait(target.exists)
    clinics = {str(found["name"]): found for found in linked_data(target)[0]}
    assert clinics.keys() == {"NorTex Psychiatry", "Nervana Medical"}
    assert {found["@type"] for found in clinics.values()} == {"MedicalClinic"}
    # a name ("Psychiatry") is no source's word for a specialty: none is claimed
    assert "medicalSpecialty" not in clinics["NorTex Psychiatry"]
    assert "medicalSpecialty" not in clinics["Nervana Medical"]  # nothing names one
    # the state of the places Nervana serves is the registry's inference, and says so
    for area in clinics["Nervana Medical"]["areaServed"]:
        assert area["description"].startswith("UT is inferred, as no source names it")
    assert all("isAcceptingNewPatients" not in found for found in clinics.values())  # unsaid


def test_the_referral_summary_lists_each_quote_on_its_own_line_for_a_named_patient(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    user.search("Sandy, UT")
    names = user.column(FOUND, "Clinic")
    user.tick_box(FOUND, names.index("Nervana Medical"))
    user.tick_box(FOUND, names.index("NorTex Psychiatry"))
    target = tmp_path / "referral.pdf"
    offered: list[str] = []
    with user.answering(
        export_as(user, "PDF", "J. Doe", "Ask about evening sessions."),
        offered_name(user, target, offered),
    ):
        user.click("Referral summary (PDF)")
    user.wait(target.exists)
    assert offered == [f"referral {dt.date.today().isoformat()} Sandy UT.pdf"]
    pages = pdf_pages(target)
    assert len(pages) == 1, "two clinics fit one page"
    lines = [line.strip() for line in pages[0].splitlines()]
    assert "Prepared for: J. Doe" in lines
    assert "Coordinator's note: Ask about evening sessions." in lines
    quotes = [line for line in lines if re.match(r"\[\d+\] “", line)]
    # each clinic's quotes, numbered from 1, each starting a line of its own
    assert [line[:3] for line in quotes[:4]] == ["[1]", "[2]", "[3]", "[1]"], quotes


def test_the_places_a_clinic_serves_read_apart_in_the_window_and_every_export(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    window = compare(user, "Sandy, UT", ["Nervana Medical", "NorTex Psychiatry"])
    table = user.named("Comparison of the chosen clinics", QTableWidget)
    serves = next(
        r for r in range(table.rowCount()) if table.verticalHeaderItem(r).text() == "Serves"
    )
    column = user.column("Comparison of the chosen clinics", "Nervana Medical")
    served = "South Jordan, UT; Sandy, UT"  # each place keeps its comma, as in the details
    assert column[serves] == served
    for form, suffix in (
        ("CSV (a spreadsheet)", ".csv"),
        ("Markdown", ".md"),
        ("HTML (a page any browser opens)", ".html"),
    ):
        target = tmp_path / f"served{suffix}"
        with user.answering(export_as(user, form), save_as(user, target)):
            user.click("Export", within=window)
        user.wait(target.exists)
        text = target.read_text(encoding="utf-8-sig")
        assert served in text, form
        assert "South Jordan, UT, Sandy, UT" not in text, form


def prepared_as_offered(user: User, seen: list[tuple[str, str]]) -> Answer:
    """An answer for the export or print dialog: note who it is for and the note as offered,
    then cancel."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        seen.append((dialog.patient.text(), dialog.note.toPlainText()))
        user.press("Escape")

    return answer


def print_to_file(user: User, expected: Path) -> Answer:
    """An answer for the print dialog: choose Print to File (the last printer, Alt+N then
    End), check it offers ``expected`` (else nothing is printed, anywhere), and print."""

    def answer(dialog: QWidget) -> None:
        user.press("Alt+N")
        user.press("End")
        printers = user.focused()
        assert isinstance(printers, QComboBox)
        assert printers.currentText() == "Print to File (PDF)"
        field = next(f for f in dialog.findChildren(QLineEdit) if f.isVisible() and f.isEnabled())
        assert field.text() == str(expected)
        user.press("Return")

    return answer


def test_who_a_comparison_is_for_is_offered_again_while_it_is_open_and_never_kept(
    make_window: MakeWindow, tmp_path: Path, isolated_user_dirs: Path
) -> None:
    user = make_window()
    window = compare(user, "Dallas, TX", ["NorTex Psychiatry", "Nervana Medical"])
    folder = tmp_path / "for patients"
    folder.mkdir()
    exported = folder / "first.pdf"
    with user.answering(
        export_as(user, "PDF", patient="J. Doe", note="Call on Monday"), save_as(user, exported)
    ):
        user.click("Export", within=window)
    user.wait(exported.exists)
    seen: list[tuple[str, str]] = []
    with user.answering(prepared_as_offered(user, seen)):
        user.click("Print", within=window)  # not typed again for the printout
    assert seen == [("J. Doe", "Call on Monday")]

    user.click("Close", within=window)
    user.wait(lambda: not window.isVisible())
    user.click("Compare 2 ticked clinics")  # the same clinics, in a new window
    user.wait(lambda: any(w.windowTitle() == COMPARE and w.isVisible() for w in user.top_levels()))
    window = next(w for w in user.top_levels() if w.windowTitle() == COMPARE and w.isVisible())
    with user.answering(
        prepared_as_offered(user, seen)  # forgotten with the window closed
    ):
        user.click("Export", within=window)
    assert seen[-1] == ("", "")

    def print_for_a_roe(dialog: QWidget) -> None:
        user.type("A. Roe")
        user.press("Alt+R")

    # Print to File offers the name an export would, in the folder the export used
    printed = folder / f"comparison {dt.date.today().isoformat()} Dallas TX.pdf"
    with user.answering(print_for_a_roe, print_to_file(user, printed)):
        user.click("Print", within=window)
    user.wait(printed.exists)
    assert "Prepared for: A. Roe" in flat(" ".join(pdf_pages(printed)))
    with user.answering(prepared_as_offered(user, seen)):
        user.click("Export", within=window)  # and the printout's name is offered for export
    assert seen[-1] == ("A. Roe", "")
    # printed again: a name no file has, so that Print does not replace the first printout
    again = printed.with_name(f"{printed.stem} (2).pdf")
    with user.answering(lambda dialog: user.press("Alt+R"), print_to_file(user, again)):
        user.click("Print", within=window)
    user.wait(again.exists)
    user.click("Close", within=window)

    kept = [p for p in isolated_user_dirs.rglob("*") if p.is_file()]
    assert kept, "the settings are kept in the test's own folders"
    for path in kept:
        for name in (b"J. Doe", b"A. Roe"):
            assert name not in path.read_bytes(), f"{path} keeps a patient's name"


def test_a_clinic_with_a_megabyte_street_exports_its_comparison_cut(
    make_window: MakeWindow, registry_copy: Path, tmp_path: Path
) -> None:
    huge = " ".join(f"w{n:07d}" for n in range(120_000))  # a megabyte, planted in the registry
    text = registry_copy.read_text(encoding="utf-8")
    sandy = "address: {city: Sandy, state: UT}"
    assert sandy in text
    registry_copy.write_text(
        text.replace(sandy, f"address: {{street: '{huge}', city: Sandy, state: UT}}", 1),
        encoding="utf-8",
    )
    user = make_window()
    window = compare(user, "Sandy, UT", ["Nervana Medical", "NorTex Psychiatry"])
    target = tmp_path / "huge.pdf"
    with user.answering(export_as(user, "PDF"), save_as(user, target)):
        user.click("Export", within=window)
    user.wait(lambda: "Saved the comparison to" in user.texts())
    shown = flat(" ".join(pdf_pages(target)))
    assert "w0000000 w0000001" in shown
    assert "…" in shown
    assert "w0119999" not in shown  # the end of the street is cut off, with "…"


def test_an_export_in_progress_is_cancelled_and_the_old_file_is_untouched(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    window = compare(user, "Sandy, UT", ["Nervana Medical", "NorTex Psychiatry"])
    target = tmp_path / "comparison.pdf"
    with a_busy_machine():
        with user.answering(export_as(user, "PDF"), save_as(user, target)):
            user.click("Export", within=window)
        user.wait(lambda: "Saving the comparison…" in user.texts())
        target.write_bytes(b"last week's comparison")  # meanwhile, a file at that name
        user.click("Show only the facts that differ", within=window)  # the window answers
        assert user.button("Show only the facts that differ", within=window).isChecked()
        user.click("Cancel saving", within=window)
    user.wait(lambda: f"Cancelled: nothing was written to {target}." in user.texts())
    assert target.read_bytes() == b"last week's comparison"
    assert [p.name for p in tmp_path.glob("*.pdf*")] == ["comparison.pdf"]  # no part-file
    assert "Saving the comparison" not in user.texts()  # the strip is gone
    again = tmp_path / "again.pdf"
    with user.answering(export_as(user, "PDF"), save_as(user, again)):
        user.click("Export", within=window)  # and again, to the end
    user.wait(lambda: f"Saved the comparison to {again}." in user.texts())
    assert "Clinic comparison" in " ".join(pdf_pages(again))


def test_an_export_that_replaces_one_in_progress_can_be_cancelled_too(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    window = compare(user, "Sandy, UT", ["Nervana Medical", "NorTex Psychiatry"])
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    with a_busy_machine():
        with user.answering(export_as(user, "PDF"), save_as(user, first)):
            user.click("Export", within=window)
        user.wait(lambda: "Saving the comparison…" in user.texts())
        with user.answering(export_as(user, "PDF"), save_as(user, second)):
            user.click("Export", within=window)  # a second thought, while the first is made
        user.wait(lambda: "Saving the comparison…" in user.texts())
        user.click("Cancel saving", within=window)
    user.wait(lambda: "Cancelling…" not in user.texts() and "Cancelled:" in user.texts())
    assert not first.exists()
    assert not second.exists()


def answer_with(user: User, button: str, asked: list[str]) -> Answer:
    """An answer for a question: note what it says, then click ``button``."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        asked.append(dialog.text())
        user.click(button, within=dialog)

    return answer


def test_closing_the_compare_window_mid_export_asks_and_cancelling_keeps_the_old_file(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    window = compare(user, "Sandy, UT", ["Nervana Medical", "NorTex Psychiatry"])
    target = tmp_path / "comparison.pdf"
    asked: list[str] = []
    with a_busy_machine():
        with user.answering(export_as(user, "PDF"), save_as(user, target)):
            user.click("Export", within=window)
        user.wait(lambda: "Saving the comparison…" in user.texts())
        target.write_bytes(b"last week's comparison")  # meanwhile, a file at that name
        with user.answering(answer_with(user, "Wait", asked)):
            user.click("Close", within=window)
        assert window.isVisible()  # waiting: the window and its progress stay
        assert "Saving the comparison…" in user.texts()
        with user.answering(answer_with(user, "Cancel saving and close", asked)):
            user.click("Close", within=window)
        user.wait(lambda: not window.isVisible())
    assert (
        asked
        == [
            f"The comparison is still being saved to {target}. Wait for it, or cancel the saving "
            "and leave the file as it was?"
        ]
        * 2
    )
    user.wait(lambda: f"Cancelled: nothing was written to {target}." in user.texts())
    assert target.read_bytes() == b"last week's comparison"


def test_quitting_while_a_referral_summary_is_saved_asks_first(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    user.search("Sandy, UT")
    user.tick_box(FOUND, 0)
    target = tmp_path / "referral.pdf"
    asked: list[str] = []
    with a_busy_machine():
        with user.answering(export_as(user, "PDF"), save_as(user, target)):
            user.press("Ctrl+Shift+R")
        user.wait(lambda: "Saving the referral summary…" in user.texts())
        with user.answering(answer_with(user, "Wait", asked)):
            user.press("Ctrl+Q")
        assert user.window.isVisible()  # still there, still saving
        assert "Saving the referral summary…" in user.texts()
        with user.answering(answer_with(user, "Cancel saving and close", asked)):
            user.press("Ctrl+Q")
        user.wait(lambda: not user.window.isVisible())
    assert (
        asked
        == [
            f"The referral summary is still being saved to {target}. Wait for it, or cancel the "
            "saving and leave the file as it was?"
        ]
        * 2
    )
    QThreadPool.globalInstance().waitForDone()  # the export stops at its first step…
    user.look()
    assert not target.exists()  # …and writes nothing
