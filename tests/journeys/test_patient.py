"""A patient looks for a provider near them: types a place, reads the results, the map and the
details, changes how far they would travel and what they need, and is never left guessing."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from tests.helpers.user import MakeWindow, plain

FOUND = "Clinics found, nearest first"
SUMMARY = "Search summary"
ACTIVITY = "What locator is doing"


def test_the_crisis_line_and_the_disclaimer_are_always_on_screen(make_window: MakeWindow) -> None:
    user = make_window()
    crisis = user.named("Crisis resources").text()
    assert "call or text 988" in crisis
    assert "911" in crisis
    assert "not medical advice" in crisis
    user.search("Sandy, UT")
    assert user.named("Crisis resources").isVisible()


def test_a_patient_finds_the_nearest_clinic_and_reads_about_it(make_window: MakeWindow) -> None:
    user = make_window()
    assert user.map("locatorMap.markerCount()") == 8  # before a search: every located clinic
    user.search("Sandy, UT")
    assert user.column(FOUND, "Clinic")[0] == "Nervana Medical"
    assert user.column(FOUND, "Distance")[0] == "same city"
    summary = user.named(SUMMARY).text()
    assert "nearest in Sandy, UT (approximate)" in summary
    assert "0.0 mi" not in summary
    details = user.named("Clinic details").toPlainText()
    assert "Nervana Medical" in details
    assert "Mind's Journey" in details
    assert "Sources" in details
    user.wait(lambda: user.map("locatorMap.markerCount()") == 4)
    assert user.table("Clinics without a location")[0][2] == "Neuroplasticity MD Clinic"


def test_a_misspelled_place_is_understood_and_said_plainly(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Drapr Utah")
    summary = user.named(SUMMARY).text()
    assert "Draper, UT" in summary
    assert "No place is called “Drapr Utah”; showing <b>Draper, UT</b>" in user.texts()
    assert "&#" not in user.texts()
    assert "&amp;" not in user.texts()


def test_a_place_pasted_from_a_web_map_is_found_and_a_wrong_one_is_answered_in_its_state(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("123 Main St, Draper, Utah, USA")
    assert "Draper, UT" in user.named(SUMMARY).text()
    user.search("Provo, Uta")
    assert "No place is called “Provo, Uta”; showing <b>Provo, UT</b>" in user.texts()
    user.search("Sandyyyy, Utah, USA")
    assert "Did you mean <a href='place:Sandy, UT'>Sandy, UT</a>?" in user.texts()
    assert "Sandy, OR" not in user.texts()
    user.click_link("No place matches", "Sandy, UT")
    user.wait(lambda: "nearest in Sandy, UT" in user.named(SUMMARY).text())


def test_changing_distance_units_or_filters_searches_again(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Dallas, TX")
    assert len(user.column(FOUND, "Clinic")) == 4
    user.press("Alt+W")  # Within: the radius list
    assert user.focused() is user.named("Search radius")
    user.press("Down")  # 10 mi
    user.wait(lambda: "within 10 mi of Dallas, TX" in user.named(SUMMARY).text())
    assert user.column(FOUND, "Clinic") == ["NorTex Psychiatry"]
    user.press("Alt+U")
    user.press("Down")  # km
    user.wait(lambda: "within 10 km of Dallas, TX" in user.named(SUMMARY).text())
    assert user.named("Search radius").currentText() == "10 km"
    user.press("Alt+W")
    user.press("Up")  # any distance
    user.wait(lambda: len(user.column(FOUND, "Clinic")) == 4)
    said = user.named(SUMMARY).text()
    assert "within travel distance of Dallas, TX" in said  # no radius was chosen
    assert " km of " not in said
    assert " mi of " not in said
    assert "km" in user.column(FOUND, "Distance")[1]
    assert user.named(ACTIVITY).text() == ""  # nothing left in the status line


def test_filters_by_keyboard_narrow_the_results_and_say_what_was_left_out(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Sandy, UT")

    def choose_depression(menu: QWidget) -> None:
        user.press("Down", menu)  # Depression is the first condition
        user.press("Return", menu)

    with user.answering(choose_depression):
        user.press("Alt+C")  # the Conditions button opens its menu of checkable conditions
    left_out = "left out because what you filtered on is not listed"
    user.wait(lambda: left_out in user.named(SUMMARY).text())
    assert user.column(FOUND, "Clinic") == ["Nervana Medical"]
    assert plain(user.named("Conditions filter").text()) == "Conditions (1)"


def test_an_unknown_place_says_what_to_do_and_keeps_the_last_results(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Sandy, UT")
    before = user.column(FOUND, "Clinic")
    user.search("Xqzzy, UT")
    message = user.texts()
    assert "No place matches" in message
    assert "Xqzzy, UT" in message
    assert "Try a ZIP code" in message
    assert "results shown are from your last search" in message
    assert user.column(FOUND, "Clinic") == before
    user.search("84070")
    assert "No place matches" not in user.texts()


def test_far_from_every_clinic_the_searched_place_stays_on_the_map(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Boise, ID")
    summary = user.named(SUMMARY).text()
    assert "This registry covers" in summary
    user.wait(lambda: user.map("locatorMap.markerCount()") > 0)
    in_view = user.map(
        "(function(){var o=locatorMap.originLayer.getLayers()[0].getLatLng();"
        "return locatorMap.map.getBounds().contains(o);})()"
    )
    assert in_view is True


def test_a_clinic_570_miles_away_is_not_said_to_be_near(make_window: MakeWindow) -> None:
    """Buena Park, CA: no clinic within the 250 mi a person would travel. The summary says so
    and names the nearest; the results are still listed, nearest first, under it."""
    user = make_window()
    user.search("Buena Park, CA")
    summary = user.named(SUMMARY).text()
    assert summary.startswith(
        "No clinic within travel distance of Buena Park, CA. The nearest is ≈ 570 mi away "
        "(straight-line): "
        "Nervana Medical."
    )
    assert " near " not in summary
    clinics = user.column(FOUND, "Clinic")
    assert clinics[:2] == ["Nervana Medical", "NorTex Psychiatry"]
    assert user.column(FOUND, "Distance")[:2] == ["≈ 570 mi", "≈ 1,221 mi"]


def test_the_base_map_question_stays_until_it_is_answered(make_window: MakeWindow) -> None:
    user = make_window(tiles_question=True)
    assert "Use OpenStreetMap" in user.texts()
    user.search("Xqzzy, UT")  # a search message comes…
    assert "No place matches" in user.texts()
    assert "Use OpenStreetMap" in user.texts()  # …and the question stays
    user.search("Sandy, UT")  # the search message goes…
    assert "No place matches" not in user.texts()
    assert "Use OpenStreetMap" in user.texts()  # …and the question still stays
    user.click_link("OpenStreetMap", "Keep locator's map")
    user.wait(lambda: "Use OpenStreetMap" not in user.texts())


def test_a_click_on_a_marker_selects_its_clinic_and_a_row_highlights_its_marker(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Fresno, CA")  # between the Sacramento and the Buena Park providers
    user.wait(lambda: user.map("locatorMap.markerCount()") == 4)
    names = user.column(FOUND, "Clinic")
    row = next(i for i, name in enumerate(names) if name.startswith("Unnamed provider"))
    provider = names[row]  # listed after the clinics, though nearer
    assert provider not in user.named("Clinic details").toPlainText()  # the first row is shown
    place = "buena-park" if "Buena Park" in provider else "sacramento"
    clinic_id = f"ketamine-provider-{place}"
    user.click_marker(clinic_id)
    user.wait(lambda: user.named(FOUND).currentIndex().row() == row)
    assert provider in user.named("Clinic details").toPlainText()
    user.click_cell(FOUND, 0)
    highlighted = "locatorMap.marker(locatorMap.selectedId()).getTooltip().getContent()"
    user.wait(lambda: user.map(highlighted) == names[0])


def test_places_are_suggested_as_you_type_from_the_offline_gazetteer(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    popup = user.suggestions("buena p")
    assert popup.model().index(0, 0).data() == "Buena Park, CA"
    user.press("Down", popup)
    user.press("Return", popup)
    user.wait(lambda: "within travel distance of Buena Park, CA" in user.named(SUMMARY).text())


def test_the_last_search_and_the_unit_are_remembered_unless_the_user_says_not_to(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.press("Alt+U")
    user.press("Down")  # km
    user.search("Sandy, UT")
    user.click_link("Keep your last search", "Keep it")
    user.menu("File", "Quit")
    again = make_window()
    assert again.named("Place to search near").text() == "Sandy, UT"
    assert again.named("Distance unit").currentText() == "km"
    # and it runs again, in km
    again.wait(lambda: "within travel distance of Sandy, UT" in again.named(SUMMARY).text())
    assert again.column(FOUND, "Distance")[1].endswith(" km")

    def do_not_remember(dialog: QWidget) -> None:
        user.click("Remember my last search", within=dialog)
        user.click("Close", within=dialog)

    with again.answering(do_not_remember):
        again.menu("Tools", "Privacy and stored data…")
    again.menu("File", "Quit")
    third = make_window()
    assert third.named("Place to search near").text() == ""


def test_online_lookups_are_asked_for_once_and_then_used(make_window: MakeWindow) -> None:
    from locator.settings import OnlineProvider, Settings
    from tests.helpers.fake_nominatim import fake_nominatim

    with fake_nominatim() as (domain, behaviour):
        provider = OnlineProvider(options={"domain": domain, "scheme": "http"}, min_delay_seconds=0)
        Settings(map_tiles=False, online_provider=provider).save()
        user = make_window()
        user.search("350 E Main St, Sandy, UT 84070")
        assert behaviour.requests == []  # nothing was sent before asking
        assert "Sandy, UT 84070" in user.named(SUMMARY).text()
        assert "Allow online lookups" in user.texts()
        user.click_link(f"go to {domain}.", "Allow online lookups")  # the settings' server
        user.wait(lambda: "350 East Main Street" in user.named(SUMMARY).text())
        assert len(behaviour.requests) == 1
        assert "Allow online lookups" not in user.texts()
        user.search("10 Main St, Sandy, UT")
        assert "Allow online lookups" not in user.texts()  # asked once


def test_no_map_tiles_are_fetched_before_the_user_allows_them(make_window: MakeWindow) -> None:
    user = make_window(tiles_question=True)
    asked = (  # one honest question: locator's own map is what shows until then
        "Use OpenStreetMap's street map? Its servers would see your internet address and the "
        "area you view."
    )
    assert asked in user.texts()
    assert "tile.openstreetmap.org" not in user.map("document.documentElement.outerHTML")
    user.click_link("OpenStreetMap", "Keep locator's map")
    user.wait(lambda: "Its servers would see" not in user.texts())

    def privacy(dialog: QWidget) -> None:  # the switch has the same name, and says no more
        switches = [plain(box.text()) for box in dialog.findChildren(QCheckBox)]
        assert "Use OpenStreetMap's street map" in switches
        said = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert "whenever you are online" not in said
        assert "locator's own, drawn offline" in said
        user.click("Close", within=dialog)

    with user.answering(privacy):
        user.menu("Tools", "Privacy and stored data…")


def test_with_the_base_map_allowed_but_no_internet_a_note_says_so(make_window: MakeWindow) -> None:
    user = make_window(tiles_question=True)
    user.click_link("OpenStreetMap", "Use OpenStreetMap")
    user.wait(lambda: "Its servers would see" not in user.texts())
    note = "The street map needs an internet connection"
    user.wait(lambda: note in user.map("document.body ? document.body.textContent : ''"))
    user.wait(lambda: user.map("locatorMap.markerCount()") == 8)  # the clinics still show
    user.search("Frisco, TX")
    user.click_selected_marker()  # the nearest clinic's popup opens…
    user.wait(lambda: "NorTex Psychiatry" in user.map(POPUP))
    user.wait(lambda: user.map(NOTE_SHOWN) is True)  # …and the note still shows, whole
    assert user.map(POPUP_SCROLLS) is False


POPUP = "(document.querySelector('.leaflet-popup-content') || {}).textContent || ''"
POPUP_SCROLLS = "Boolean(document.querySelector('.leaflet-popup-scrolled'))"
# What shows at the note's corners and middle is the note (not a popup, nor the map).
NOTE_SHOWN = """(function () {
  var note = document.querySelector('.locator-note');
  if (!note || getComputedStyle(note).visibility !== 'visible') { return false; }
  var r = note.getBoundingClientRect();
  return [[r.left + 2, r.top + 2], [r.right - 2, r.bottom - 2],
          [(r.left + r.right) / 2, (r.top + r.bottom) / 2]].every(function (p) {
    var shown = document.elementFromPoint(p[0], p[1]);
    return Boolean(shown && shown.closest('.locator-note'));
  });
})()"""


def test_a_popup_shows_whole_without_a_scrollbar_of_its_own(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Frisco, TX")
    user.click_selected_marker()
    user.wait(lambda: "Contact: not listed" in user.map(POPUP))
    assert "NorTex Psychiatry" in user.map(POPUP)
    assert user.map(POPUP_SCROLLS) is False


def test_a_filter_no_clinic_nearby_matches_is_answered_about_the_filter(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("75070")  # McKinney, TX: clinics nearby, none listed as treating PTSD
    user.press("Alt+W")
    user.press("Down")
    user.press("Down")  # 25 mi
    user.wait(lambda: "within 25 mi of McKinney, TX" in user.named(SUMMARY).text())

    def choose_ptsd(menu: QWidget) -> None:
        for _ in range(7):  # PTSD is the seventh condition
            user.press("Down", menu)
        user.press("Return", menu)

    with user.answering(choose_ptsd):
        user.press("Alt+C")
    listed = "No clinic with a location in this registry is listed as treating PTSD."
    user.wait(lambda: listed in user.named(SUMMARY).text())
    assert "This registry covers" not in user.named(SUMMARY).text()  # McKinney is covered


def deepest_brackets(text: str) -> int:
    depth = deepest = 0
    for character in text:
        depth += {"(": 1, ")": -1}.get(character, 0)
        deepest = max(deepest, depth)
    return deepest


def test_a_street_address_searched_offline_says_where_it_was_placed_plainly(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("350 E Main St, Sandy, UT 84070")
    summary = user.named(SUMMARY).text()
    assert "street address located at its ZIP code" in summary
    assert deepest_brackets(summary) == 1, summary  # no brackets inside brackets


def test_offline_the_map_still_shows_where_the_clinics_are(make_window: MakeWindow) -> None:
    user = make_window()  # street-map tiles kept off, as they are until the user allows them

    def names() -> set[str]:
        return set(json.loads(user.map("JSON.stringify(locatorMap.baseMap.labels().map("
                                       "function (label) { return label.name; }))")))  # fmt: skip

    user.search("Draper, UT")
    user.wait(lambda: user.map("locatorMap.markerCount()") == 4)
    assert user.map("locatorMap.baseMap.shown()") is True
    valley = {"Sandy", "South Jordan", "Riverton", "Herriman", "Bluffdale", "Midvale", "White City",
              "Sandy Hills", "West Jordan", "Lehi", "Alpine", "Highland", "Murray"}  # fmt: skip
    assert len(valley & names()) >= 3, names()  # the towns around the searched place, by name
    assert user.map("locatorMap.baseMap.counts().us") >= 1  # land under the markers
    credits = "document.querySelector('.leaflet-control-attribution').textContent"
    assert "US Census Bureau, Natural Earth" in user.map(credits)
    assert user.map("locatorMap.baseMap.counts().counties") >= 1  # Salt Lake and Utah counties
