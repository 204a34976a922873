"""The desktop app driven as a user would: real widgets, real QtWebEngine map, real channel."""

from __future__ import annotations

import csv
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from locator.data.paths import RegistryChoice, shipped_registry
from locator.shortlists import Shortlists
from locator.ui.main_window import MainWindow
from locator.ui.preferences import Preferences
from locator.ui.results_model import CLINIC_ROLE, TICK_COLUMN
from locator.ui.tasks import TaskRunner
from locator.ui.teardown import delete_now
from tests.test_validate_errors import VALID

NO_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"


def open_window(qtbot: QtBot, tmp_path: Path, registry: Path | None = None) -> MainWindow:
    choice = (
        RegistryChoice(registry, "test")
        if registry
        else RegistryChoice(shipped_registry(), "shipped", shipped=True)
    )
    window = MainWindow(
        choice,
        preferences=Preferences(tmp_path / "window.ini"),
        shortlists=Shortlists(tmp_path / "shortlists.json"),
        tiles_url=NO_TILES,
    )
    window.show()
    qtbot.waitUntil(lambda: window.map.ready and not window._loader.busy, timeout=30_000)
    return window


def close(window: MainWindow) -> None:
    delete_now(window)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, tmp_path)
    qtbot.waitUntil(
        lambda: window.index is not None and window.geocoding is not None, timeout=60_000
    )
    yield window
    close(window)


def search(qtbot: QtBot, window: MainWindow, place: str) -> None:
    previous = window.result
    window.search_bar.place.setText(place)
    qtbot.keyClick(window.search_bar.place, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.result is not previous or window.message.isVisible(), timeout=30_000
    )


def shown_ids(window: MainWindow) -> list[str]:
    proxy = window.proxy
    return [proxy.index(r, 1).data(CLINIC_ROLE).id for r in range(proxy.rowCount())]


def markers(window: MainWindow) -> int:
    return int(window.map.evaluate("locatorMap.markerCount()"))


def test_the_crisis_line_is_always_there(window: MainWindow) -> None:
    assert window.crisis.isVisible()
    assert "call or text 988" in window.crisis.text()
    assert "911" in window.crisis.text()
    assert "not medical advice" in window.crisis.text()


def test_before_a_search_the_map_shows_every_located_clinic(window: MainWindow) -> None:
    assert markers(window) == 8
    assert "9 clinics in the registry" in window.summary.text()


def test_search_sandy_orders_the_table_and_draws_the_markers(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, "Sandy, UT")
    ids = shown_ids(window)
    assert ids == [
        "nervana-medical-sandy",
        "ketamine-provider-sacramento",
        "ketamine-provider-buena-park",
        "nortex-psychiatry-frisco",
    ]
    assert window.proxy.index(0, 1).data() == "0.0 mi"
    qtbot.waitUntil(lambda: markers(window) == 4)
    assert window.map.evaluate("locatorMap.originLayer.getLayers().length") == 1
    assert window.unlocated_model.rowCount() == 1
    assert window.detail.clinic.id == "nervana-medical-sandy"  # the nearest is selected
    assert "Mind's Journey" in window.detail.browser.toPlainText()


def test_filters_narrow_the_results(qtbot: QtBot, window: MainWindow) -> None:
    window.search_bar.conditions.choose(["depression"])
    search(qtbot, window, "Sandy, UT")
    assert shown_ids(window) == ["nervana-medical-sandy"]
    assert "7 clinics left out because what you filtered on is not listed" in (
        window.summary.text()
    )
    qtbot.waitUntil(lambda: markers(window) == 1)
    window.search_bar.conditions.clear()
    search(qtbot, window, "Sandy, UT")
    assert len(shown_ids(window)) == 4


def test_a_marker_click_selects_its_row_through_the_channel(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, "Dallas, TX")
    qtbot.waitUntil(lambda: markers(window) == 4)
    window.map.evaluate("locatorMap.markers['ketamine-provider-sacramento'].fire('click'); true")
    qtbot.waitUntil(
        lambda: (
            window.detail.clinic is not None
            and window.detail.clinic.id == "ketamine-provider-sacramento"
        ),
        timeout=10_000,
    )
    current = window.table.currentIndex()
    assert current.data(CLINIC_ROLE).id == "ketamine-provider-sacramento"


def test_selecting_a_row_opens_its_popup_on_the_map(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "Dallas, TX")
    window.table.selectRow(1)
    name = window.proxy.index(1, 2).data()
    qtbot.waitUntil(
        lambda: (
            window.map.evaluate(
                "(document.querySelector('.locator-popup b') || {}).textContent || ''"
            )
            == name
        ),
        timeout=10_000,
    )


def test_miles_and_kilometres(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "Sandy, UT")
    assert window.proxy.index(1, 1).data() == "531 mi"
    window.search_bar.set_unit(window.search_bar.unit.itemData(1))
    assert window.proxy.index(1, 1).data() == "855 km"


def test_an_unknown_place_is_an_inline_message_and_keeps_the_results(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, "Sandy, UT")
    search(qtbot, window, "Sandyy Utahh")
    assert window.message.isVisible()
    assert "No place matches" in window.message.text()
    assert "Sandy, UT" in window.message.text()  # did you mean
    assert shown_ids(window)[0] == "nervana-medical-sandy"  # the last good results stay
    assert QApplication.activeModalWidget() is None  # no dialog


def test_place_suggestions_as_you_type_come_from_the_offline_gazetteer(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClicks(window.search_bar.place, "buena p")
    suggestions = window.search_bar.place.completer().model().stringList()
    assert suggestions[0] == "Buena Park, CA"


def test_keyboard_only_search_tick_and_compare(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_bar.place.hasFocus()
    search(qtbot, window, "Dallas, TX")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_Space)
    assert [c.id for c in window.ticked()] == ["nortex-psychiatry-dallas", "nervana-medical-sandy"]
    assert window.compare_button.isEnabled()


def test_compare_and_export_csv_and_pdf(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    search(qtbot, window, "Dallas, TX")
    assert not window.compare_button.isEnabled()
    for row in (0, 1):
        index = window.proxy.index(row, TICK_COLUMN)
        window.proxy.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert window.compare_button.isEnabled()
    dialog = window.compare()
    assert dialog is not None
    qtbot.addWidget(dialog)
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(2)]
    assert headers == ["NorTex Psychiatry", "Nervana Medical"]
    rows = [dialog.table.verticalHeaderItem(r).text() for r in range(dialog.table.rowCount())]
    assert "IV ketamine infusion ≠" in rows
    iv = rows.index("IV ketamine infusion ≠")
    assert [dialog.table.item(iv, c).text() for c in range(2)] == ["offered", "not listed"]
    anxiety = rows.index("Anxiety ≠")
    assert [dialog.table.item(anxiety, c).text() for c in range(2)] == ["not listed", "treats"]
    dialog.export(tmp_path / "compare.csv")
    table = list(csv.reader((tmp_path / "compare.csv").open(encoding="utf-8")))
    assert table[0][2:4] == headers
    assert any("call or text 988" in cell for row in table for cell in row)
    dialog.export(tmp_path / "compare.pdf")
    assert (tmp_path / "compare.pdf").read_bytes().startswith(b"%PDF")


def test_referral_summary_pdf(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    search(qtbot, window, "Sandy, UT")
    window.proxy.setData(
        window.proxy.index(0, TICK_COLUMN), Qt.CheckState.Checked.value,
        Qt.ItemDataRole.CheckStateRole,
    )  # fmt: skip
    html = window.referral_summary()
    assert "Nervana Medical" in html
    assert "Sandy, UT" in html
    assert "0.0 mi (straight-line)" in html
    assert "988" in html
    from locator.ui.documents import write_pdf

    write_pdf(html, tmp_path / "referral.pdf")
    assert (tmp_path / "referral.pdf").stat().st_size > 1000


def test_a_broken_registry_at_start_is_shown_and_the_app_still_runs(
    qtbot: QtBot, tmp_path: Path
) -> None:
    broken = tmp_path / "clinics.yaml"
    broken.write_text(VALID.replace("latitude: 40.59161", "latitude: 95"), encoding="utf-8")
    window = open_window(qtbot, tmp_path, broken)
    try:
        qtbot.waitUntil(window.message.isVisible, timeout=10_000)
        text = window.message.text()
        assert "The registry has problems" in text
        assert f"{broken}:8:17: clinics[0].location.latitude" in text
        assert "Open the file" in text
        search(qtbot, window, "Sandy, UT")
        assert "The registry is not loaded" in window.message.text()
    finally:
        close(window)


def test_the_last_search_and_unit_are_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path)
    window.search_bar.conditions.choose(["anxiety"])
    window.search_bar.set_unit(window.search_bar.unit.itemData(1))
    qtbot.waitUntil(
        lambda: window.index is not None and window.geocoding is not None, timeout=60_000
    )
    search(qtbot, window, "Sandy, UT")
    close(window)
    again = open_window(qtbot, tmp_path)
    try:
        assert again.search_bar.place.text() == "Sandy, UT"
        assert [t.value for t in again.search_bar.conditions.chosen()] == ["anxiety"]
        assert again.search_bar.chosen_unit.value == "km"
        again.preferences.remember_searches = False
    finally:
        close(again)
    third = open_window(qtbot, tmp_path)
    try:
        assert third.search_bar.place.text() == ""
    finally:
        close(third)


def test_shortlists_survive_a_restart(tmp_path: Path) -> None:
    Shortlists(tmp_path / "s.json").add("referrals for J.", "nervana-medical-sandy")
    again = Shortlists(tmp_path / "s.json")
    assert again.names() == ["referrals for J."]
    assert again.ids("referrals for J.") == ["nervana-medical-sandy"]


def test_a_newer_task_supersedes_an_older_one(qtbot: QtBot) -> None:
    runner = TaskRunner()
    delivered: list[str] = []
    release = threading.Event()

    def slow() -> str:
        release.wait(5)
        return "old"

    runner.run(slow, delivered.append, lambda error: delivered.append("error"))
    runner.run(lambda: "new", delivered.append, lambda error: delivered.append("error"))
    qtbot.waitUntil(lambda: delivered == ["new"], timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5_000)
    time.sleep(0.05)
    QCoreApplication.processEvents()
    assert delivered == ["new"]


@pytest.mark.parametrize("argv", [[], ["gui"]])
def test_bare_locator_and_locator_gui_open_the_window(
    qtbot: QtBot, tmp_path: Path, argv: list[str]
) -> None:
    from PySide6.QtCore import QTimer

    from locator.cli import main

    registry = tmp_path / "mine.yaml"
    registry.write_text(VALID, encoding="utf-8")
    seen: list[str] = []

    def close_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if windows and windows[0].isVisible() and windows[0].registry is not None:
            seen.append(str(windows[0].choice.path))
            windows[0].close()
        else:
            QTimer.singleShot(100, close_when_shown)

    QTimer.singleShot(100, close_when_shown)
    assert main([*argv, "--registry", str(registry)] if argv else []) == 0
    assert seen == [str(registry) if argv else str(shipped_registry())]


def test_online_lookups_are_asked_once_and_then_used(qtbot: QtBot, window: MainWindow) -> None:
    from locator.settings import OnlineProvider, Settings
    from tests.fake_nominatim import fake_nominatim

    with fake_nominatim() as (domain, behaviour):
        provider = OnlineProvider(
            options={"domain": domain, "scheme": "http"}, min_delay_seconds=0.0
        )
        Settings(online_provider=provider).save()
        search(qtbot, window, "350 E Main St, Sandy, UT 84070")
        assert window.result.origin.source == "offline"  # nothing was sent before asking
        assert behaviour.requests == []
        assert "Allow online lookups" in window.message.text()
        previous = window.result
        window.message.linkActivated.emit("online:on")
        qtbot.waitUntil(lambda: window.result is not previous, timeout=30_000)
        assert window.result.origin.source == domain
        assert window.result.origin.label == "350 East Main Street, Sandy, UT 84070"
        assert Settings.load().online_lookups is True
        search(qtbot, window, "10 Main St, Sandy, UT")
        assert "Allow online lookups" not in window.message.text()  # asked once


def test_the_base_map_is_explained_before_it_is_fetched(qtbot: QtBot, tmp_path: Path) -> None:
    from locator.settings import Settings

    window = MainWindow(
        RegistryChoice(shipped_registry(), "shipped", shipped=True),
        preferences=Preferences(tmp_path / "window.ini"),
        shortlists=Shortlists(tmp_path / "shortlists.json"),
    )
    window.show()
    try:
        qtbot.waitUntil(lambda: window.map.ready, timeout=30_000)
        assert "tile servers, which then see your internet address" in window.message.text()
        page = window.map.evaluate("document.documentElement.outerHTML")
        assert "tile.openstreetmap.org" not in page  # no tiles until the user says so
        window.message.linkActivated.emit("tiles:off")
        assert Settings.load().map_tiles is False
        assert not window.message.isVisible()
    finally:
        close(window)
