"""Every window opens inside the screen with its buttons on it: on an 800x600 screen, and on a
1366x768 laptop whose panel leaves 740 pixels of height."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitterHandle, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from locator.i18n import _
from locator.settings import settings_path
from locator.shortlists import shortlists_path
from tests.helpers.language import search, small_window_speaking, speaking, wait_quiet, wait_ready
from tests.helpers.screen import available_area, on_screen
from tests.helpers.user import MakeWindow, User, plain
from tests.journeys.test_leaving_locator import with_street_and_website

FOUND = "Clinics found, nearest first"
UNLOCATED = "Clinics without a location"


def titled(user: User, start: str) -> QWidget:
    user.wait(lambda: any(w.windowTitle().startswith(start) for w in user.top_levels()))
    return next(w for w in user.top_levels() if w.windowTitle().startswith(start))


@pytest.mark.parametrize("area", [(800, 600), (1366, 740)], ids=["800x600", "laptop"])
def test_every_window_opens_inside_the_screen_with_its_buttons_on_it(
    make_window: MakeWindow, qtbot: QtBot, area: tuple[int, int]
) -> None:
    with available_area(qtbot, *area) as screen:
        user = make_window(size=None)  # as it first opens on this screen
        on_screen(user, user.window, screen, ["Search"])
        user.search("Dallas, TX")
        user.tick_box(FOUND, 0)
        user.tick_box(FOUND, 1)
        on_screen(user, user.window, screen, ["Compare 2 ticked clinics", "Add to shortlist"])

        user.click("Compare 2 ticked clinics")
        compare = titled(user, "Compare clinics")
        on_screen(user, compare, screen, ["Export", "Print", "Close"])
        user.click("Close", within=compare)

        user.press("Ctrl+Shift+E")
        editor = titled(user, "Edit registry")
        on_screen(user, editor, screen, ["Save", "Close"])
        user.click("Close", within=editor)

        def privacy(dialog: QWidget) -> None:
            on_screen(user, dialog, screen, ["Clear shortlists", "Close"])
            user.click("Close", within=dialog)

        with user.answering(privacy):
            user.menu("Tools", "Privacy and stored data…")

        def shortcuts(dialog: QWidget) -> None:  # its last rows scroll above OK
            on_screen(user, dialog, screen, ["OK"])
            user.click("OK", within=dialog)

        with user.answering(shortcuts):
            user.press("F1")


@pytest.mark.parametrize("language", ["en_US", "es_US"], ids=["en", "es"])
def test_every_privacy_sentence_is_read_whole_at_800x600_beside_files_not_used(
    make_window: MakeWindow, qtbot: QtBot, speak: Callable[[str], None], language: str
) -> None:
    """A damaged shortlists file and a settings file naming an option locator cannot use:
    Privacy names both, by their long paths, and every sentence of it is read whole on an
    800x600 screen, the rest scrolling above its Close button."""
    shortlists_path().parent.mkdir(parents=True, exist_ok=True)
    shortlists_path().write_text("{damaged", encoding="utf-8")
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(
        json.dumps({"online_provider": {"options": {"timeout": 99}}}), encoding="utf-8"
    )
    speak(language)
    read: list[str] = []
    with speaking(language[:2]), available_area(qtbot, 800, 600) as screen:
        user = make_window(size=None, wait_ready=False)
        wait_ready(user)  # by the names the window has in its language

        def privacy(dialog: QWidget) -> None:
            on_screen(user, dialog, screen, [plain(_("Clos&e"))])
            pane = dialog.findChild(QScrollArea)
            for label in dialog.findChildren(QLabel):
                pane.ensureWidgetVisible(label)
                user.look()
                right = label.mapTo(pane.viewport(), QPoint(label.width(), 0)).x()
                assert right <= pane.viewport().width(), label.text()  # no word cut at the side
                assert label.minimumSizeHint().width() <= label.width(), label.text()
                assert label.height() >= label.heightForWidth(label.width()), label.text()
                read.append(label.text().replace("\u200b", ""))
            user.click(plain(_("Clos&e")), within=dialog)

        with user.answering(privacy):
            user.menu(plain(_("&Tools")), plain(_("&Privacy and stored data…")))
    said = "\n".join(read)
    assert f"{shortlists_path()} " in said
    assert f"{settings_path()}" in said


@pytest.mark.parametrize("language", ["en_US", "es_US"])
def test_at_800x600_the_results_have_room_after_a_search(
    make_window: MakeWindow, speak: Callable[[str], None], language: str
) -> None:
    with small_window_speaking(make_window, speak, language) as user:
        for place in ("Xqzzy, UT", "Dallas, TX", "Xqzzy, UT"):  # a question, a message
            search(user, place)
        user.look()
        summary = user.named(_("Search summary"))
        table = user.named(_(FOUND))
        place = user.named(_("Place to search near"))
    assert summary.height() < 2 * summary.fontMetrics().lineSpacing()  # one line
    said = summary.accessibleDescription()
    assert "Dallas, TX" in said  # read whole, and shown cut…
    assert said == summary.text()
    assert summary.toolTip() == said  # …with the whole in its tooltip
    row = table.verticalHeader().defaultSectionSize()
    assert table.viewport().height() >= 5 * row
    place.setFocus()
    user.press("Tab")
    while user.focused() is not summary:  # the search controls, then the summary
        assert user.focused() is not table, "Tab passed the summary by"
        user.press("Tab")
    user.look()  # every line of it in sight while it has the keys, none cut with "…"
    area = summary.contentsRect()
    wrapped = summary.fontMetrics().boundingRect(area, Qt.TextFlag.TextWordWrap, said)
    assert wrapped.height() > summary.fontMetrics().lineSpacing()  # more than one line…
    assert wrapped.height() <= area.height(), (wrapped, area)  # …all shown
    user.press("Tab")
    assert user.focused() is table
    user.look()
    assert summary.height() < 2 * summary.fontMetrics().lineSpacing()  # one line again


def rows_in_sight(user: User, name: str) -> int:
    """How many rows of the table ``name`` are drawn whole in its visible part."""
    user.look()
    table = user.named(name)
    sight = table.viewport().rect()
    cells = (table.model().index(row, 2) for row in range(table.model().rowCount()))
    return sum(sight.contains(table.visualRect(cell)) for cell in cells)


def test_a_tall_window_shows_more_clinics_without_a_location(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    text = registry_copy.read_text(encoding="utf-8")
    unlocated = text[text.index("  - id: neuroplasticity-md-clinic\n") :]
    for n in range(2, 6):  # five without a location
        copy = unlocated.replace("md-clinic", f"md-clinic-{n}", 1)
        text += copy.replace("name: Neuroplasticity MD Clinic", f"name: Clinic {n}", 1)
    registry_copy.write_text(text, "utf-8")
    tall = make_window(size=(1400, 900))
    tall.search("Sandy, UT")
    assert len(tall.table(UNLOCATED)) == 5
    in_tall = rows_in_sight(tall, UNLOCATED)
    assert in_tall >= 4  # the room is there: they take it
    small = make_window(size=(800, 600))
    small.search("Sandy, UT")
    table = small.named(FOUND)
    assert 2 <= rows_in_sight(small, UNLOCATED) < in_tall  # the clinics found keep their room
    row = table.verticalHeader().defaultSectionSize()
    assert table.viewport().height() >= 5 * row


def test_the_summary_is_selected_with_the_mouse_though_cut(make_window: MakeWindow) -> None:
    user = make_window(size=(800, 600))
    user.search("Dallas, TX")
    user.look()
    summary = user.named("Search summary")
    assert summary.toolTip() == summary.text()  # cut with "…", whole in its tooltip
    first = summary.text().split()[0]
    where = QPoint(summary.fontMetrics().horizontalAdvance(first) // 2, summary.height() // 2)
    user.qtbot.mouseDClick(summary, Qt.MouseButton.LeftButton, pos=where)  # a word
    assert summary.selectedText() == first


def test_in_spanish_the_map_and_its_popup_speak_spanish(
    make_window: MakeWindow, speak: Callable[[str], None]
) -> None:
    with small_window_speaking(make_window, speak, "es_US") as user:
        search(user, "Sandy, UT")
        found = _(FOUND)
        user.click_cell(found, user.column(found, _("Clinic")).index("Nervana Medical"), 2)
        user.click_selected_marker()
        user.wait(lambda: user.popup_text() != "")
        popup = user.popup_text()
        legend = user.map("document.querySelector('.locator-legend').innerText")
    for words in ("Nervana Medical", "Trata:", "Ofrece:", "Contacto:", "ubicación aproximada"):
        assert words in popup
    for english in ("Treats:", "Offers:", "Contact:", "approximate"):
        assert english not in popup
    assert "Leyenda" in legend
    assert "Legend" not in legend


def test_a_window_reopened_after_quitting_is_on_the_screen_whole(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    # with no window manager, the tiles question under the map, as the tour found it
    with available_area(qtbot, 800, 600) as screen:
        user = make_window(size=None, tiles_question=True)
        on_screen(user, user.window, screen, ["Search"])
        for _start in range(2):  # reopened with the same settings, twice: it does not creep
            user.press("Ctrl+Q")
            qtbot.waitUntil(user.window.isHidden)
            user = make_window(size=None, tiles_question=True)
            on_screen(user, user.window, screen, ["Search"])
            status = user.window.statusBar()
            drawn = QRect(status.mapToGlobal(QPoint(0, 0)), status.size())
            assert screen.contains(drawn), f"the status bar at {drawn} is off {screen}"


def lines_in_sight(pane: QTextBrowser) -> int:
    """How many lines of text the pane shows whole at once: the lines of its document laid
    out inside its visible part (a table row's heading and value, side by side, are one)."""
    layout = pane.document().documentLayout()
    shift = pane.verticalScrollBar().value()
    sight = pane.viewport().rect()
    tops: set[int] = set()
    block = pane.document().begin()
    while block.isValid():
        box = layout.blockBoundingRect(block)
        lines = block.layout()
        for n in range(lines.lineCount()):
            line = lines.lineAt(n).rect().translated(box.topLeft())
            top, bottom = round(line.top()) - shift, round(line.bottom()) - shift
            if sight.top() <= top and bottom <= sight.bottom():
                tops.add(top)
        block = block.next()
    return len(tops)


def test_at_800x600_a_patient_reads_the_details_by_keyboard_in_room_of_their_own(
    make_window: MakeWindow, speak: Callable[[str], None]
) -> None:
    with small_window_speaking(make_window, speak, "es_US") as user:
        search(user, "84070")
        user.press("Ctrl+3")  # View → Details
        details = user.focused()
        assert isinstance(details, QTextBrowser)
        user.look()
        under_the_map = lines_in_sight(details)
        map_view = user.named(_("Map of the clinics found"))
        user.press("F8")  # View → Large details (map hidden)
        user.look()
        large = lines_in_sight(details)
        bottom = details.mapTo(user.window, details.rect().bottomLeft()).y()
        hidden = not map_view.isVisible()
        ticked = user.find_action(plain(_("&View")), plain(_("&Large details (map hidden)")))
        ticked_then = ticked.isChecked()
        still_reading = user.focused() is details
        shown = details.toPlainText()
        user.press("Ctrl+2")  # to the map: it comes back, the details under it again
        user.look()
        map_back, back_under = map_view.isVisible(), lines_in_sight(details)
    assert under_the_map <= 5  # the keyhole the patient met
    assert large >= 12  # a reading area: a dozen lines and more at once
    assert bottom < user.window.statusBar().y()  # all of it in the window, above its status line
    assert hidden
    assert ticked_then
    assert still_reading
    assert "Nervana Medical" in shown
    assert "Dónde" in shown
    assert map_back
    assert back_under == under_the_map
    assert not ticked.isChecked()


def drag_the_bar_above_the_details(user: User, pixels: int) -> None:
    """Drag the bar between the map and the details up by ``pixels``, with the mouse."""
    bar = next(
        handle
        for handle in user.window.findChildren(QSplitterHandle)
        if handle.orientation() is Qt.Orientation.Vertical and handle.isVisible()
    )
    middle = bar.rect().center()
    QTest.mousePress(bar, Qt.MouseButton.LeftButton, pos=middle)
    QTest.mouseMove(bar, middle - QPoint(0, pixels))
    QTest.mouseRelease(bar, Qt.MouseButton.LeftButton, pos=middle - QPoint(0, pixels))


def test_a_mouse_gives_the_details_more_room_and_the_next_start_keeps_it(
    make_window: MakeWindow,
) -> None:
    user = make_window(size=(800, 600))
    user.search("84070")
    user.look()
    details = user.named("Clinic details", QTextBrowser)
    before = lines_in_sight(details)
    drag_the_bar_above_the_details(user, 150)
    user.look()
    dragged = lines_in_sight(details)
    user.press("Ctrl+Q")
    user.qtbot.waitUntil(user.window.isHidden)
    again = make_window(size=(800, 600))
    again.search("84070")
    again.look()
    kept = lines_in_sight(again.named("Clinic details", QTextBrowser))
    assert before <= 5
    assert dragged >= before + 5
    assert kept == dragged


def test_a_map_made_short_by_the_mouse_keeps_its_zoom_buttons_clear(
    make_window: MakeWindow,
) -> None:
    user = make_window(size=(800, 600))
    user.search("84070")
    drag_the_bar_above_the_details(user, 300)
    user.wait_map_laid_out()
    user.look()
    boxes = json.loads(
        user.map(
            "JSON.stringify(locatorMap.controlRects().map(function (r) {"
            " return [r.name.indexOf('leaflet-control-zoom') >= 0, r.top, r.bottom,"
            " r.left, r.right]; }))"
        )
    )
    zoom = next(box for box in boxes if box[0])
    assert zoom[2] <= user.named("Map of the clinics found").height()  # both buttons whole
    for box in boxes:
        if box is not zoom and box[3] < zoom[4]:  # in its column: the legend, the scale
            assert box[1] >= zoom[2] or box[2] <= zoom[1], f"a control covers the zoom: {box}"


@pytest.mark.parametrize("language", ["en_US", "es_US"], ids=["en", "es"])
def test_at_800x600_every_button_of_the_details_is_whole_in_sight(
    make_window: MakeWindow, speak: Callable[[str], None], registry_copy: Path, language: str
) -> None:
    """The website's button names its host: in Spanish the details' buttons then wrap to three
    rows at 800x600, and the last ran under the messages strip, "Agregar a una lista…" half
    covered."""
    with_street_and_website(registry_copy)
    with small_window_speaking(make_window, speak, language) as user:
        search(user, "Sandy, UT")
        user.click_cell(_(FOUND), user.column(_(FOUND), _("Clinic")).index("Nervana Medical"), 2)
        wait_quiet(user)
        user.look()
        pane = user.window.detail
        strip = user.window.messages
        below = QRect(strip.mapTo(user.window, QPoint(0, 0)), strip.size())
        buttons = (pane.website, pane.phone, pane.directions, pane.correction, pane.shortlist)
        rows = {button.y() for button in buttons}
        for button in buttons:
            drawn = QRect(button.mapTo(user.window, QPoint(0, 0)), button.size())
            name = plain(button.text())
            assert button.visibleRegion().boundingRect() == button.rect(), f"{name} is cut"
            assert not drawn.intersects(below), f"{name} at {drawn} is under the strip {below}"
    assert "(example.org)" in plain(pane.website.text())
    assert len(rows) == 3 or language == "en_US"  # Spanish: three rows, as the tour found them
