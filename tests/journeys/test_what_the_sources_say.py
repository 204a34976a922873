"""A patient and a coordinator read the registry locator ships: no place a provider only
serves is called its office, each value points to the quote that says it, a state the
registry infers says so, and each source is named by its title, never by a file name."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidget, QWidget

from tests.helpers.shortlist_answers import choose_in
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
DETAILS = "Clinic details"
COMPARISON = "Comparison of the chosen clinics"


def details(user: User) -> str:
    return " ".join(user.named(DETAILS).toPlainText().split())


def test_a_city_a_provider_serves_is_never_shown_as_its_office(make_window: MakeWindow) -> None:
    user = make_window(shipped=True)
    user.search("Dallas, TX")
    assert user.column(FOUND, "Clinic")[0] == "NorTex Psychiatry"
    where = user.column(FOUND, "Where")[0]
    assert where.startswith("serves Dallas, TX"), where
    assert "in Dallas" not in " ".join(user.texts())
    text = details(user)
    assert text.startswith("NorTex Psychiatry [1]")
    assert "Where office not listed" in text
    assert "Location placed at the centre of Dallas, TX, a place it serves (office not listed)" in (
        text
    )
    assert "Serves Allen, TX [1]; McKinney, TX [1]; Frisco, TX [1]; Dallas, TX [1]" in text
    assert "serves Dallas, TX (office not listed)" in text  # the distance, measured to it
    user.click_marker("nortex-psychiatry-dallas")
    user.wait(lambda: "NorTex Psychiatry" in user.popup_text())
    popup = " ".join(user.popup_text().split())
    assert "serves Dallas, TX (office not listed)" in popup
    assert "placed at the centre of Dallas, TX, a place it serves (office not listed)" in popup
    assert "Other places NorTex Psychiatry serves:" in popup


def test_each_value_points_only_to_the_quotes_that_say_it(make_window: MakeWindow) -> None:
    user = make_window(shipped=True)
    user.search("Frisco, TX")
    text = details(user)
    # "Schedule your consultation today" is quote 5; quotes 1 and 2 say ketamine therapy only
    assert "Offers Consultation [5], Ketamine therapy (route not stated) [1, 2]" in text
    assert "Providers Dr. Clayton L. Allison [2, 3], Brittany Huckaby, PHNP [2, 4]" in text
    assert "“Schedule your consultation today and take the first step toward better mental " in text
    assert "health.” supports: Offers (Consultation)" in text


def test_an_inferred_state_says_it_is_inferred(make_window: MakeWindow) -> None:
    user = make_window(shipped=True)
    user.search("Sandy, UT")
    assert user.column(FOUND, "Clinic")[0] == "Nervana Medical"
    text = details(user)
    assert "Serves South Jordan, UT [1, 3]; Sandy, UT [1, 3] (state inferred)" in text
    assert "placed at the centre of Sandy, UT (state inferred), a place it serves" in text
    assert "Treats Depression [2], Anxiety [2]" in text


def test_sources_are_named_by_their_titles_never_a_file_name(make_window: MakeWindow) -> None:
    user = make_window(shipped=True)
    user.search("Sacramento, CA")
    names = user.column(FOUND, "Clinic")
    user.click_cell(FOUND, names.index("Unnamed provider reported in this area: Sacramento, CA"))
    user.wait(lambda: details(user).startswith("Unnamed provider"))
    text = details(user)
    assert (
        "[1] “Unveiling the Science Behind Ketamine Therapy: How it Works to Treat Mental Health "
        "Disorders”, read December 1, 2026: “We will also touch upon" in text
    )
    assert "Where reported in Sacramento, CA" in text
    assert "supports: Reported in (Sacramento, CA)" in text  # never that it serves it
    assert "supports: Serves" not in text
    assert ".txt" not in text
    assert "003_" not in text
    # a coordinator compares two of them: the Sources row names documents as the details do
    user.search("Dallas, TX")
    names = user.column(FOUND, "Clinic")
    user.tick_box(FOUND, names.index("NorTex Psychiatry"))
    user.tick_box(FOUND, names.index("Nervana Medical"))
    user.click("Compare 2 ticked clinics")
    user.wait(lambda: any(w.windowTitle() == "Compare clinics" for w in user.top_levels()))
    compare = next(w for w in user.top_levels() if w.windowTitle() == "Compare clinics")
    table = user.named(COMPARISON, QTableWidget)
    labels = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    cells = {
        label: [table.item(r, c).text() for c in range(table.columnCount())]
        for r, label in enumerate(labels)
    }
    assert cells["Place"] == ["office not listed", "office not listed"]
    sources = cells[next(label for label in labels if label.startswith("Sources"))]
    assert sources[0] == (
        "Untitled article on ketamine and the brain that names NorTex Psychiatry, "
        "read December 1, 2026"
    )
    assert "Untitled article on the science behind ketamine treatment" in sources[1]
    assert all(".txt" not in cell for cell in sources)
    user.click_cell(COMPARISON, labels.index(next(x for x in labels if x.startswith("Consult"))), 0)
    source = user.named("Source of the selected cell")
    user.wait(lambda: "Source:" in source.text())
    assert "Schedule your consultation today" in source.text()
    assert "NorTex Psychiatry offers expert care" not in source.text()  # it does not say it
    compare.close()


def test_an_inferred_state_is_marked_wherever_the_place_is_shown(make_window: MakeWindow) -> None:
    """No source gives Nervana's state: the results' Where column, the map popup's list of its
    other places and a shortlist's preview each say the state is inferred."""
    user = make_window(shipped=True)
    user.search("Sandy, UT")
    where = user.column(FOUND, "Where")[0]
    assert where.startswith("serves Sandy, UT"), where
    assert where.endswith(", UT (state inferred)"), where
    user.click_marker("nervana-medical-sandy")
    user.wait(lambda: "Other places Nervana Medical serves:" in user.popup_text())
    popup = " ".join(user.popup_text().split())
    assert "South Jordan, UT (state inferred)" in popup, popup
    with user.answering(choose_in(user, "Utah")):
        user.press("Ctrl+D")  # Add ticked or selected clinics to a shortlist
    user.wait(lambda: "Added Nervana Medical to “Utah”." in user.texts())
    previews: list[str] = []

    def look_then_open(dialog: QWidget) -> None:
        previews.append(user.named("Clinics on this shortlist", QLabel).text())
        choose_in(user, "Utah")(dialog)

    with user.answering(look_then_open):
        user.press("Ctrl+L")
    assert previews == ["Nervana Medical (serves Sandy, UT (state inferred))"], previews


def test_an_unnamed_provider_is_reported_somewhere_never_said_to_serve(
    make_window: MakeWindow,
) -> None:
    """A source reports providers in Buena Park but names none: nobody there is said to
    serve a place, in the results or beside a clinic in Compare."""
    user = make_window(shipped=True)
    user.search("Buena Park, CA")
    names = user.column(FOUND, "Clinic")
    unnamed = names.index("Unnamed provider reported in this area: Buena Park, CA")
    where = user.column(FOUND, "Where")[unnamed]
    # the mark is about the place the source names, never the one the person typed
    assert where.startswith("reported in Buena Park, CA (state inferred) · reported in your"), where
    assert "serves" not in where
    user.tick_box(FOUND, unnamed)
    user.tick_box(FOUND, names.index("NorTex Psychiatry"))
    user.click("Compare 2 ticked clinics")
    user.wait(lambda: any(w.windowTitle() == "Compare clinics" for w in user.top_levels()))
    compare = next(w for w in user.top_levels() if w.windowTitle() == "Compare clinics")
    table = user.named(COMPARISON, QTableWidget)
    labels = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    assert "Serves" not in labels
    row = labels.index("Serves or reported in")
    cells = [table.item(row, c).text() for c in range(table.columnCount())]
    assert "reported in Buena Park, CA (state inferred)" in cells, cells
    assert any(cell.startswith("Allen, TX; McKinney, TX") for cell in cells), cells
    compare.close()
