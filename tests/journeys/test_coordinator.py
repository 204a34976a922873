"""A referral coordinator compares clinics for someone else: searches, ticks, compares side by
side, exports and keeps named shortlists, all through what the window shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from tests.helpers.exporting import a_busy_machine, export_as, save_as
from tests.helpers.pdf_text import pdf_pages
from tests.helpers.shortlist_answers import choose_in
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
SUMMARY = "Search summary"


def row_of(user: User, clinic: str) -> int:
    return user.column(FOUND, "Clinic").index(clinic)


def pdf_saved_by(user: User, target: Path, action: Callable[[], object]) -> str:
    """Do ``action``, answer its export dialog (a PDF) and its save dialog with ``target``,
    and read back the PDF's text."""
    with user.answering(export_as(user), save_as(user, target)):
        action()
    user.wait(target.exists)
    return "\n".join(pdf_pages(target))


def test_compare_two_clinics_and_export_the_comparison(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    user.search("Dallas, TX")
    assert not user.button("Compare").isEnabled()
    user.tick_box(FOUND, row_of(user, "NorTex Psychiatry"))
    user.tick_box(FOUND, row_of(user, "Nervana Medical"))
    user.click("Compare 2 ticked clinics")
    user.wait(lambda: any(w.windowTitle() == "Compare clinics" for w in user.top_levels()))
    compare = next(w for w in user.top_levels() if w.windowTitle() == "Compare clinics")
    table = user.named("Comparison of the chosen clinics")
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["NorTex Psychiatry", "Nervana Medical"]
    assert "Dallas, TX" in user.texts()  # distances say where they are measured from
    target = tmp_path / "out" / "comparison.csv"
    target.parent.mkdir()
    with user.answering(export_as(user, "CSV (a spreadsheet)"), save_as(user, target)):
        user.click("Export", within=compare)
    user.wait(target.exists)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a spreadsheet reads UTF-8
    text = data.decode("utf-8-sig")
    assert "NorTex Psychiatry" in text
    assert "Dallas, TX" in text
    assert "988" in text
    compare.close()


def test_a_tick_follows_the_organization_to_its_other_presences(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Frisco, TX")
    user.tick_box(FOUND, row_of(user, "NorTex Psychiatry"))
    assert "Frisco, TX" in user.column(FOUND, "Where")[row_of(user, "NorTex Psychiatry")]
    user.search("Dallas, TX")
    row = row_of(user, "NorTex Psychiatry")
    assert user.column(FOUND, "Where")[row].startswith("Dallas, TX")
    assert user.ticked(FOUND)[row] is True


def test_a_referral_summary_for_the_ticked_clinics(make_window: MakeWindow, tmp_path: Path) -> None:
    user = make_window()
    user.search("Sandy, UT")
    user.tick_box(FOUND, row_of(user, "Nervana Medical"))
    user.tick_box(FOUND, row_of(user, "NorTex Psychiatry"))
    text = pdf_saved_by(
        user, tmp_path / "referral.pdf", lambda: user.click("Referral summary (PDF)")
    )
    assert "Nervana Medical" in text
    assert "NorTex Psychiatry" in text
    assert "Sandy, UT" in text
    assert "988" in text
    assert "location not listed (location not listed)" not in text
    user.wait(lambda: "Saved the referral summary" in user.texts())  # written once made


def test_a_referral_summary_being_saved_is_cancelled_and_nothing_written(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    user.search("Sandy, UT")
    user.tick_box(FOUND, row_of(user, "Nervana Medical"))
    target = tmp_path / "referral.pdf"
    with a_busy_machine():
        with user.answering(export_as(user), save_as(user, target)):
            user.click("Referral summary (PDF)")
        user.wait(lambda: "Saving the referral summary…" in user.texts())
        user.tick_box(FOUND, row_of(user, "NorTex Psychiatry"))  # the window answers
        assert user.ticked(FOUND)[row_of(user, "NorTex Psychiatry")] is True
        user.click("Cancel saving")
    user.wait(lambda: f"Cancelled: nothing was written to {target}." in user.texts())
    assert list(tmp_path.glob("*.pdf*")) == []


def test_named_shortlists_kept_opened_with_distances_edited_and_deleted(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Dallas, TX")
    user.click_cell(FOUND, row_of(user, "NorTex Psychiatry"))
    with user.answering(choose_in(user, "referrals for J.")):
        user.press("Ctrl+D")
    user.click_cell(FOUND, row_of(user, "Nervana Medical"))
    with user.answering(choose_in(user, "referrals for J.")):
        user.click("Add to shortlist")
    assert "Added Nervana Medical to “referrals for J.”" in user.texts()

    user.search("Sandy, UT")
    with user.answering(choose_in(user, "referrals for J.")):
        user.press("Ctrl+L")
    user.wait(lambda: "Shortlist “referrals for J.”" in user.named(SUMMARY).text())
    assert "distances from Sandy, UT" in user.named(SUMMARY).text()
    assert user.column(FOUND, "Clinic") == ["Nervana Medical", "NorTex Psychiatry"]
    assert user.column(FOUND, "Distance")[1].endswith("mi")  # distances kept
    assert user.ticked(FOUND) == [True, True]

    user.click_cell(FOUND, 1)
    user.menu("Shortlists", "Remove selected clinic from the shortlist")
    user.wait(lambda: user.column(FOUND, "Clinic") == ["Nervana Medical"])

    with user.answering(choose_in(user, "referrals for J."), choose_in(user, "J. referrals")):
        user.menu("Shortlists", "Rename a shortlist…")
    user.wait(lambda: "Shortlist “J. referrals”" in user.named(SUMMARY).text())

    def yes(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        user.click("Yes", within=dialog)

    with user.answering(choose_in(user, "J. referrals"), yes):
        user.menu("Shortlists", "Delete a shortlist…")
    user.wait(lambda: "Deleted the shortlist “J. referrals”" in user.texts())
    user.menu("Shortlists", "Open a shortlist…")
    assert "No shortlists yet" in user.texts()


def test_ctrl_e_exports_the_comparison_as_pdf_and_ctrl_p_offers_to_print(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window()
    user.search("Dallas, TX")
    user.press("Ctrl+E")
    assert "Tick 2 to 4 clinics" in user.texts()  # says what to do first
    user.tick_box(FOUND, 0)
    user.tick_box(FOUND, 1)
    text = pdf_saved_by(user, tmp_path / "comparison.pdf", lambda: user.press("Ctrl+E"))
    assert "≠" in text
    assert "Dallas, TX" in text
    assert "988" in text

    def cancel(dialog: QWidget) -> None:
        assert "Print" in dialog.windowTitle()
        user.press("Escape")

    user.wait(lambda: any(w.windowTitle() == "Compare clinics" for w in user.top_levels()))
    user.click_widget(user.named("Comparison of the chosen clinics"))  # back in the comparison
    with user.answering(cancel):
        user.press("Ctrl+P")
    compare = next(w for w in user.top_levels() if w.windowTitle() == "Compare clinics")
    user.click("Close", within=compare)
    user.wait(lambda: not compare.isVisible())
    with user.answering(cancel):  # and from the main window, by its File menu's shortcut
        user.press("Ctrl+P")


def test_suggesting_a_correction_says_what_to_do_with_it(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Sandy, UT")
    user.click("Suggest a correction")
    from PySide6.QtGui import QGuiApplication

    form = QGuiApplication.clipboard().text()
    assert "Entry id: nervana-medical-sandy" in form
    assert "send it to whoever keeps your copy of the registry" in user.texts()
    assert "names no contact for corrections" in user.texts()


def test_tab_leaves_the_comparison_for_its_buttons_and_alt_l_closes_it(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Dallas, TX")
    for row in range(3):
        user.tick_box(FOUND, row)
    user.press("Alt+M")  # Compare 3 ticked clinics
    user.wait(lambda: any(w.windowTitle() == "Compare clinics" for w in user.top_levels()))
    compare = next(w for w in user.top_levels() if w.windowTitle() == "Compare clinics")
    table = user.named("Comparison of the chosen clinics")
    user.click_widget(table)
    reached: list[str] = []
    for _ in range(8):
        user.press("Tab")
        focused = user.focused()
        if focused is table:
            break
        reached.append(focused.text().replace("&", ""))
    assert reached == ["Export…", "Print…", "Close", "Show only the facts that differ"], reached
    user.press("Shift+Tab")
    assert user.focused() is not table  # back to the buttons, not cell by cell
    user.press("Alt+L")  # Close, by its own letter
    user.wait(lambda: not compare.isVisible())


def test_clearing_every_shortlist_asks_first_and_then_says_none_is_kept(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Dallas, TX")
    with user.answering(choose_in(user, "referrals for J.")):
        user.press("Ctrl+D")

    def in_dialog(dialog: QWidget) -> str:
        return "\n".join(label.text() for label in dialog.findChildren(QLabel))

    def privacy(dialog: QWidget) -> None:
        assert "1 kept in" in in_dialog(dialog)
        assert "shortlists.json" in in_dialog(dialog)

        def keep_them(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            assert "Delete the shortlist “referrals for J.”?" in box.text()
            user.press("Return")  # the safe answer is the default

        with user.answering(keep_them):
            user.click("Clear shortlists", within=dialog)
        assert "shortlists.json" in in_dialog(dialog)  # nothing was cleared

        def clear_them(box: QWidget) -> None:
            user.click("Yes", within=box)

        with user.answering(clear_them):
            user.click("Clear shortlists", within=dialog)
        user.wait(lambda: "shortlists.json" not in in_dialog(dialog))
        assert "nothing kept" in in_dialog(dialog)
        assert not user.button("Clear shortlists", within=dialog).isEnabled()
        user.press("Alt+E")  # Close, by its own letter

    with user.answering(privacy):
        user.menu("Tools", "Privacy and stored data…")
    user.press("Ctrl+L")
    assert "No shortlists yet" in user.texts()


def test_adding_to_a_shortlist_while_a_search_runs_waits_for_its_results(
    make_window: MakeWindow,
) -> None:
    """Ctrl+D pressed before a search's results are in would offer the clinic of the search
    before, still on screen: it says the search is running, and once it is done adds the new
    search's clinic."""
    from locator.settings import OnlineProvider, Settings
    from tests.helpers.fake_nominatim import fake_nominatim

    with fake_nominatim() as (domain, behaviour):
        provider = OnlineProvider(options={"domain": domain, "scheme": "http"}, min_delay_seconds=0)
        Settings(map_tiles=False, online_lookups=True, online_provider=provider).save()
        user = make_window()
        user.search("Dallas, TX")
        behaviour.mode = "slow"  # the street address is held at the server a moment
        sent = len(behaviour.requests)
        user.press("Ctrl+F")
        user.type("350 E Main St, Sandy, UT 84070")
        user.press("Return")
        user.wait(lambda: len(behaviour.requests) > sent)
        user.press("Ctrl+D")  # no question opens: it would name a clinic in Dallas
        assert "The search is still running" in user.texts()
        user.wait_until_quiet()
        assert "350 East Main Street" in user.named(SUMMARY).text()
        nearest = user.column(FOUND, "Clinic")[0]
        with user.answering(choose_in(user, "Sandy")):
            user.press("Ctrl+D")
        assert f"Added {nearest}" in user.texts()
