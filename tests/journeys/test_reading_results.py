"""A patient reads the results and a clinic's details, in English and in Spanish, on a laptop
screen and a small one: every cell says what it means whole, the order is the one its arrow
says, a distance to a clinic placed at a city centre says it is approximate, and the details
put what is known first with the unknowns in one line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QStyle, QTableView

from locator.i18n import _
from locator.ui.main_window import MainWindow
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
DETAILS = "Clinic details"


def search(user: User, place: str) -> None:
    """Ctrl+F, the place, Enter, and wait until the status line (in its language) is quiet."""
    user.press("Ctrl+F")
    user.type(place)
    user.press("Return")
    user.wait(lambda: user.named(_("What locator is doing")).text() == "")
    user.wait_for_details()


def test_the_details_list_what_is_known_and_the_unknowns_in_one_line(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    search(user, "Sandy, UT")
    details = user.named(DETAILS).toPlainText()
    assert details.startswith("Nervana Medical")
    lines = details.splitlines()
    unknown = [line for line in lines if "not listed" in line.casefold()]
    assert len(unknown) == 1, unknown  # one line, not a row for each unknown
    assert unknown[0].startswith("Not listed (no source says): ")
    for fact in ("Session length", "Price per session", "Wheelchair access", "Contact"):
        assert fact in unknown[0]
        assert fact not in lines, f"{fact} has a row of its own though no source says it"
    assert "contact not listed" not in details
    assert "South Jordan, UT; Sandy, UT" in details  # places apart, each with its state
    assert "Depression, Anxiety" in details  # what is known keeps its row


def test_a_searchs_map_is_painted_before_its_details_and_hidden_it_is_not_waited_for(
    make_window: MakeWindow,
) -> None:
    """The details are the slowest part of showing results: a search's list and map come
    first, and the nearest clinic's details once the map has painted its markers. With the
    map hidden (F8, large details) there is no paint to wait for."""
    user = make_window()
    window = user.window
    assert isinstance(window, MainWindow)
    listed: list[str | None] = []  # the details' clinic the moment each result is listed
    window.searching.finished.connect(
        lambda *_: listed.append(window.detail.clinic and window.detail.clinic.name)
    )
    search(user, "Sandy, UT")
    assert user.named(DETAILS).toPlainText().startswith("Nervana Medical")
    search(user, "Dallas, TX")
    nearest = user.column(FOUND, "Clinic")[0]
    assert nearest != "Nervana Medical"
    assert user.named(DETAILS).toPlainText().startswith(nearest)
    assert listed == [None, "Nervana Medical"]  # the details still the search's before
    user.press("F8")
    search(user, "Sandy, UT")
    assert listed[-1] == "Nervana Medical"  # filled with the list


def test_an_unnamed_provider_lists_no_practical_facts_as_not_listed(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    search(user, "Sacramento, CA")  # Nervana first; the unnamed provider in Sacramento below
    names = user.column(FOUND, "Clinic")
    user.click_cell(FOUND, names.index("Unnamed provider reported in this area: Sacramento, CA"))
    user.wait(lambda: user.named(DETAILS).toPlainText().startswith("Unnamed provider"))
    details = user.named(DETAILS).toPlainText()
    assert "none: the source names no provider to contact" in details
    unknown = [line for line in details.splitlines() if line.startswith("Not listed")]
    assert unknown == ["Not listed (no source says): Treats"]  # no one to ask about the rest
    for fact in ("Payment", "New patients", "Wheelchair access", "Evening hours", "Spravato"):
        assert fact not in details


def test_the_map_popup_words_where_a_clinic_is_placed_as_the_details_do(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    search(user, "Sandy, UT")  # Nervana Medical, placed at Sandy's centre, is selected
    user.click_selected_marker()
    note = "approximate: city centre (serves South Jordan, UT; Sandy, UT)"
    user.wait(lambda: note in user.popup_text())  # polled while the popup opens
    assert note in user.named(DETAILS).toPlainText()  # the same words in both


def test_the_details_in_spanish_say_each_unknown_once(
    make_window: MakeWindow, speak: Callable[[str], None]
) -> None:
    speak("es_US")
    user = make_window(wait_ready=False)
    user.wait(lambda: user.named(_("Search summary")).text() != "")
    search(user, "Sandy, UT")
    details = user.named(_(DETAILS)).toPlainText()
    assert "Contacto: contacto" not in details.replace("\n", ": ")
    assert "contacto no consta" not in details
    assert sum("no consta" in line.casefold() for line in details.splitlines()) == 1


def cut_cells(user: User, name: str) -> list[str]:
    """The cells of a table whose text does not fit where it is drawn (elided or clipped),
    and a table wider than its view."""
    view = user.named(name, QTableView)
    user.look()
    model = view.model()
    shown = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    cut = []
    if sum(view.columnWidth(c) for c in shown) > view.viewport().width():
        cut.append(f"the table is wider than its view ({view.horizontalScrollBar().maximum()})")
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    for row in range(model.rowCount()):
        for column in shown:
            text = str(model.index(row, column).data() or "")
            rect = view.visualRect(model.index(row, column))
            room = QRect(0, 0, rect.width() - margin, 10_000)
            needed = view.fontMetrics().boundingRect(room, Qt.TextFlag.TextWordWrap, text)
            if needed.width() > room.width() or needed.height() > rect.height():
                cut.append(text)
    return cut


def miles(distance: str) -> float:
    """ "≈ 1,221 mi" as 1221, "same city" as 0."""
    if distance in ("same city", "misma ciudad"):
        return 0.0
    return float(distance.removeprefix("≈ ").removesuffix(" mi").replace(",", ""))


def click_header(user: User, name: str, title: str) -> None:
    """Click a column's title, as a person sorts by it."""
    view = user.named(name, QTableView)
    header = view.horizontalHeader()
    titles = [header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    section = titles.index(title)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    user.qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_the_distance_arrow_tells_the_order_and_unnamed_providers_come_apart(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    search(user, "Buena Park, CA")
    view = user.named(FOUND, QTableView)

    def groups() -> tuple[list[float], list[float]]:
        """The distances of the clinics, then of the unnamed providers, as listed."""
        names, distances = user.column(FOUND, "Clinic"), user.column(FOUND, "Distance")
        unnamed = [name.startswith("Unnamed provider") for name in names]
        assert unnamed == sorted(unnamed), f"clinics and unnamed providers mixed: {names}"
        return (
            [miles(d) for d, u in zip(distances, unnamed, strict=True) if not u],
            [miles(d) for d, u in zip(distances, unnamed, strict=True) if u],
        )

    assert view.horizontalHeader().sortIndicatorSection() == 1  # the arrow on Distance
    clinics, unnamed = groups()
    assert clinics == sorted(clinics)
    assert unnamed == sorted(unnamed)
    assert unnamed[0] == 0  # the unnamed provider in Buena Park itself, first of its group
    first_unnamed = view.model().index(len(clinics), 2)
    heard = first_unnamed.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "listed after the clinics, with no one to contact" in heard  # why it is below
    below = view.visualRect(first_unnamed).height()
    assert below > view.visualRect(view.model().index(len(clinics) + 1, 2)).height() + 10, (
        "no room for the heading of the unnamed providers"
    )

    click_header(user, FOUND, "Distance")  # farthest first, by number, still in groups
    assert view.horizontalHeader().sortIndicatorOrder() is Qt.SortOrder.DescendingOrder
    clinics, unnamed = groups()
    assert clinics == sorted(clinics, reverse=True)
    assert unnamed == sorted(unnamed, reverse=True)

    click_header(user, FOUND, "Treats")  # an arrow on any column sorts it
    treats = user.column(FOUND, "Treats")[: len(clinics)]
    assert treats == sorted(treats, key=str.casefold)


@pytest.mark.parametrize("size", [(1400, 900), (800, 600)])
def test_the_results_fit_the_window_and_no_cell_is_cut(
    make_window: MakeWindow, size: tuple[int, int]
) -> None:
    user = make_window(size=size)
    search(user, "Buena Park, CA")
    assert cut_cells(user, FOUND) == []
    assert cut_cells(user, "Clinics without a location") == []
    view = user.named(FOUND, QTableView)
    assert not view.isColumnHidden(2)  # the clinic's name, always
    if size == (1400, 900):
        assert not any(view.isColumnHidden(c) for c in range(6)), "a column left out"
    assert view.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways
    search(user, "Dallas, TX")
    assert view.horizontalScrollBar().value() == 0
    assert cut_cells(user, FOUND) == []


def test_a_distance_to_a_clinic_placed_at_a_city_centre_says_it_is_approximate(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    search(user, "Draper, UT")
    assert user.column(FOUND, "Clinic")[0] == "Nervana Medical"
    distance = user.column(FOUND, "Distance")[0]
    assert distance.startswith("≈ ")
    assert "." not in distance  # whole miles: a decimal would claim a precision nobody has
    view = user.named(FOUND, QTableView)
    tip = view.model().index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "(approximate: city centre)" in tip
    assert f"{distance} (approximate: city centre)" in user.named(DETAILS).toPlainText()
    assert f"nearest {distance} away" in user.named("Search summary").text()
    user.click_selected_marker()  # and in the marker's popup
    popup = "(function(){var p=document.querySelector('.locator-popup');return p?p.innerText:''})()"
    user.wait(lambda: f"{distance} away (straight-line)" in user.map(popup))


def test_in_spanish_on_a_small_screen_no_result_is_cut(
    make_window: MakeWindow, speak: Callable[[str], None]
) -> None:
    speak("es_US")
    user = make_window(wait_ready=False, size=(800, 600))
    user.wait(lambda: user.named(_("Search summary")).text() != "")
    search(user, "Buena Park, CA")
    found = _(FOUND)
    assert "misma ciudad" in user.column(found, _("Distance"))
    assert any(name.startswith("Proveedor sin nombre") for name in user.column(found, _("Clinic")))
    assert cut_cells(user, found) == []
