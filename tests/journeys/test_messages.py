"""Messages never get in the way of the results: they sit below them in a strip that changes
height only while the pointer is not over the rows, so one that comes or goes never moves a row
or a button under the pointer; the message on top is read whole with its links, in English and
Spanish at 800x600; a notice replaces the one before it, and goes with the next search instead
of piling up."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget

from locator.i18n import _
from tests.helpers.language import search, small_window_speaking
from tests.helpers.user import MakeWindow, User, visible

FOUND = "Clinics found, nearest first"
PHONE = "(801) 555-0142"


def with_a_phone(registry: Path) -> None:
    """The Sandy clinic of the test registry, with a phone number to copy."""
    text = registry.read_text(encoding="utf-8")
    sandy = "  - id: nervana-medical-sandy\n    name: Nervana Medical\n"
    assert sandy in text
    registry.write_text(text.replace(sandy, f'{sandy}    phone: "{PHONE}"\n', 1), "utf-8")


def break_two_values(registry: Path) -> None:
    """Two latitudes out of range: the registry's banner lists two problems."""
    text = registry.read_text(encoding="utf-8")
    for latitude in ("latitude: 40.59161", "latitude: 33.10317"):
        assert latitude in text
        text = text.replace(latitude, "latitude: 95")
    registry.write_text(text, "utf-8")


def message(user: User, kind: str) -> QLabel:
    """The message of ``kind`` ("registry", "search", "online-question", …), shown."""
    user.look()
    label = user.window.findChild(QLabel, f"message-{kind}")
    assert label is not None, f"no {kind} message"
    assert visible(label), f"no {kind} message in sight"
    return label


def follow(user: User, kind: str, href: str) -> None:
    """Click the link of the message of ``kind`` that goes to ``href``, by the text it shows."""
    shown = message(user, kind).text().split(f"href='{href}'>")[1].split("</a>")[0]
    user.click_link(shown, shown)


def in_sight_whole(user: User, kind: str) -> bool:
    """Whether the message of ``kind`` is in the strip's sight, whole: its text, every link in
    it and its ✕."""
    row = message(user, kind).parentWidget()
    strip = row.parentWidget().parentWidget().parentWidget()  # its rows, viewport, strip
    assert isinstance(strip, QScrollArea)
    sight = strip.viewport()
    return sight.rect().contains(QRect(row.mapTo(sight, QPoint(0, 0)), row.size()))


def in_part_in_sight(user: User, kind: str) -> bool:
    """Whether only a part of the message of ``kind`` is in the strip's sight: cut by its edge."""
    row = message(user, kind).parentWidget()
    sight = row.parentWidget().parentWidget()  # its rows, viewport
    drawn = QRect(row.mapTo(sight, QPoint(0, 0)), row.size())
    return sight.rect().intersects(drawn) and not sight.rect().contains(drawn)


def rows_on_screen(user: User, count: int) -> list[QPoint]:
    """Where the first ``count`` rows of the results are drawn, on the screen, and the bottom
    of the table and the buttons under it."""
    user.look()
    table = user.named(FOUND)
    cells = [table.model().index(row, 2) for row in range(count)]
    rows = [table.viewport().mapToGlobal(table.visualRect(cell).center()) for cell in cells]
    below = [user.button(text) for text in ("Compare", "Referral summary")]
    bottom = table.mapToGlobal(table.rect().bottomLeft())
    return [*rows, bottom, *(button.mapToGlobal(QPoint(0, 0)) for button in below)]


def test_a_notice_or_a_search_message_never_moves_the_rows(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    with_a_phone(registry_copy)
    user = make_window(size=(800, 600), tiles_question=True)  # a question is showing already
    user.search("Sandy, UT")
    before = rows_on_screen(user, 3)
    user.click("Copy phone")  # the first row, Nervana Medical in Sandy, is selected
    user.wait(lambda: f"Copied {PHONE}" in user.texts())
    assert rows_on_screen(user, 3) == before
    user.search("Xqzzy, UT")  # a typo: a message, and the results stay
    assert "No place matches" in user.texts()
    assert rows_on_screen(user, 3) == before
    user.click("✕")  # the message dismissed, the question comes back
    user.wait(lambda: "No place matches" not in user.texts())
    assert rows_on_screen(user, 3) == before


def test_a_newer_notice_replaces_the_older(make_window: MakeWindow, registry_copy: Path) -> None:
    with_a_phone(registry_copy)
    user = make_window(size=(800, 600))
    user.search("Sandy, UT")
    user.search("Xqzzy, UT")  # a typo: a message, and the results stay
    assert "No place matches" in user.texts()
    user.click("Copy phone")
    user.wait(lambda: f"Copied {PHONE}" in user.texts())
    assert "No place matches" not in user.texts()  # one message about what was just done


def test_a_notice_goes_with_the_next_search(make_window: MakeWindow, registry_copy: Path) -> None:
    with_a_phone(registry_copy)
    user = make_window()
    user.search("Sandy, UT")
    user.click("Copy phone")
    user.wait(lambda: f"Copied {PHONE}" in user.texts())
    user.search("84070")
    assert "Copied" not in user.texts()


@pytest.mark.parametrize("language", ["en_US", "es_US"])
def test_each_message_is_read_whole_with_its_links_at_800x600(
    make_window: MakeWindow, registry_copy: Path, speak: Callable[[str], None], language: str
) -> None:
    with small_window_speaking(make_window, speak, language) as user:
        user.point_at(user.named(_("Place to search near")))  # not over the rows
        assert in_sight_whole(user, "tiles-question")  # may the map go online?
        follow(user, "tiles-question", "tiles:off")
        search(user, "350 E Main St, Sandy, UT 84070")  # may a street address go online?
        assert in_sight_whole(user, "online-question")
        follow(user, "online-question", "online:off")
        assert in_sight_whole(user, "remember-question")  # may the search be kept?
        follow(user, "remember-question", "remember:off")
        search(user, "Sandyyyy, Utah, USA")  # a place that is none, with the one it may have been
        assert "href='place:" in message(user, "search").text()
        assert in_sight_whole(user, "search")
        break_two_values(registry_copy)
        user.wait(lambda: "open-registry:" in user.texts())
        assert message(user, "registry").text().count(f"{registry_copy}:") == 2  # two problems
        assert in_sight_whole(user, "registry")  # "Open the file at line …", "Edit it …"


def test_a_taller_message_waits_while_the_pointer_is_over_the_rows(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window(size=(800, 600))
    user.search("Sandy, UT")
    completions = QApplication.activePopupWidget()  # the place's, still open: put away
    if completions is not None:
        user.press("Escape", completions)  # the keys go to the list while it is open
    table = user.named(FOUND)
    user.point_at(table.viewport(), table.visualRect(table.model().index(1, 2)).center())
    before = rows_on_screen(user, 3)
    break_two_values(registry_copy)  # the banner needs more than two lines
    user.wait(lambda: "The registry has problems" in user.texts())
    assert rows_on_screen(user, 3) == before  # the row under the pointer stays put…
    assert not in_sight_whole(user, "registry")  # …and the banner scrolls meanwhile
    user.point_at(user.named("Place to search near"))  # the pointer leaves the rows
    user.wait(lambda: in_sight_whole(user, "registry"))
    assert rows_on_screen(user, 3) != before


def copy_phone(user: User) -> None:
    """ "Copy phone" for the clinic selected (the first near Sandy has one), then the pointer
    goes off the rows to read what the window says."""
    user.click("Copy phone")
    user.wait(lambda: f"Copied {PHONE}" in user.texts())
    completions = QApplication.activePopupWidget()  # the place's, still open: put away
    if completions is not None:
        user.press("Escape", completions)
    user.point_at(user.named("Place to search near"))  # not over the rows


def test_a_notice_and_a_question_that_fit_are_both_read_whole(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    with_a_phone(registry_copy)
    user = make_window(size=(1400, 900), tiles_question=True)  # may the map use OpenStreetMap?
    user.search("Sandy, UT")
    before = rows_on_screen(user, 3)
    copy_phone(user)
    user.wait(lambda: in_sight_whole(user, "notice"))
    assert in_sight_whole(user, "tiles-question")  # in sight too, with no scrolling
    assert rows_on_screen(user, 3) == before


def test_a_question_under_a_notice_waits_whole_never_cut(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    with_a_phone(registry_copy)
    user = make_window(size=(800, 600), tiles_question=True)  # the question takes two lines
    user.search("Sandy, UT")
    copy_phone(user)
    user.wait(lambda: in_sight_whole(user, "notice"))
    assert not in_sight_whole(user, "tiles-question")  # no room for both: it waits under
    assert not in_part_in_sight(user, "tiles-question")  # whole, or waiting under the notice
    sight = message(user, "notice").parentWidget().parentWidget().parentWidget()  # viewport
    user.wheel(sight, -1)  # a notch down, over the strip: the question, whole
    user.wait(lambda: in_sight_whole(user, "tiles-question"))


def test_a_message_out_of_date_goes_when_done_or_a_command_runs(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    with_a_phone(registry_copy)
    user = make_window()
    user.search("Sandy, UT")
    user.press("Ctrl+Shift+R")  # nothing ticked yet
    assert "Tick the clinics for the referral summary first" in user.texts()
    user.tick_box(FOUND, 0)
    assert "Tick the clinics for the referral summary first" not in user.texts()  # done
    user.press("Ctrl+E")  # one clinic ticked: Compare needs two
    assert "1 ticked now" in user.texts()
    seen_meanwhile: list[str] = []

    def read_then_cancel(dialog: QWidget) -> None:
        seen_meanwhile.append(user.texts())  # the window behind the summary's questions
        user.press("Escape")

    with user.answering(read_then_cancel):
        user.press("Ctrl+Shift+R")  # the summary can run: the reason about Compare is old
    user.wait(lambda: bool(seen_meanwhile))
    assert "ticked now" not in seen_meanwhile[0]  # it could run: the reason is gone
    assert "ticked now" not in user.texts()
    user.tick_box(FOUND, 1)
    user.click("Copy phone")  # Nervana Medical in Sandy, selected
    user.wait(lambda: f"Copied {PHONE}" in user.texts())
    user.click("Compare")  # the next command: what was copied before is old news
    user.wait(lambda: any(w.windowTitle() == "Compare clinics" for w in user.top_levels()))
    assert "Copied" not in user.texts()


def lines_cut_at_the_top(user: User) -> list[str]:
    """The lines of the messages shown that the top edge of the strip's sight cuts through
    (part of the line above it, part below), each as "kind: line n"."""
    user.look()
    strip = user.window.messages
    sight = strip.viewport()
    cut = []
    for label in sight.findChildren(QLabel):
        if not visible(label) or not label.objectName().startswith("message-"):
            continue
        spacing = label.fontMetrics().lineSpacing()
        text_top = label.mapTo(sight, QPoint(0, label.contentsRect().top())).y()
        for line in range(label.contentsRect().height() // spacing):
            top = text_top + line * spacing
            if top < 0 < top + spacing:
                cut.append(f"{label.objectName()}: line {line + 1}")
    return cut


def break_every_value(registry: Path) -> None:
    """Every latitude out of range: the registry's banner lists a problem for each."""
    text = registry.read_text(encoding="utf-8")
    registry.write_text(re.sub(r"latitude: [\d.]+", "latitude: 95", text), "utf-8")


def test_the_wheel_moves_the_messages_by_whole_lines(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    """A registry deep in folders with long names: its problems, each naming it, are more than
    the strip holds (a third of the window, here half a line more than a whole number of
    lines: the strip takes the whole lines). Each notch of the wheel moves them by whole
    lines, never leaving one cut through at the top, down to the last and back."""
    line = QFontMetrics(QApplication.font()).lineSpacing()
    strip = 14 * line + line // 2 + 8  # a row's margins, 4 pixels above and below its text
    folder = ("reviewed by the county " * 9).strip()  # a long name, words to wrap at
    deep = registry_copy.parent / folder / folder / folder
    deep.mkdir(parents=True)
    registry = deep / "clinics.yaml"
    registry.write_bytes(registry_copy.read_bytes())
    user = make_window(registry, size=(800, 3 * strip))
    break_every_value(registry)
    user.wait(lambda: "open-registry:" in user.texts())
    user.point_at(user.named("Place to search near"))  # not over the rows: the strip grows
    sight = user.window.messages.viewport()
    bar = user.window.messages.verticalScrollBar()
    user.wait(lambda: bar.maximum() > 0)  # more than the strip holds
    assert sight.height() == strip // line * line
    seen = []
    while bar.value() < bar.maximum():
        before = bar.value()
        user.wheel(sight, -1)
        user.wait(lambda: bar.value() != before)  # noqa: B023 - waited for here
        seen.append((bar.value(), lines_cut_at_the_top(user)))
    assert all(not cut for _value, cut in seen), seen
    shown = message(user, "registry")
    assert shown.mapTo(sight, QPoint(0, shown.height())).y() <= sight.height()  # its last line
    user.press("Ctrl+3")  # the keys to the details: the strip lays its rows out again
    assert not lines_cut_at_the_top(user), ("Ctrl+3", bar.value())
    bar.setValue(bar.maximum())  # its scroll bar dragged to the end
    assert not lines_cut_at_the_top(user), ("scroll bar", bar.value())
    while bar.value() > 0:
        before = bar.value()
        user.wheel(sight, 1)
        user.wait(lambda: bar.value() != before)  # noqa: B023 - waited for here
        assert not lines_cut_at_the_top(user), bar.value()
