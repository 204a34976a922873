"""The details pane: hovering a fact's quote number shows that quote and its document."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from locator.data.loader import parse_registry
from locator.data.models import Registry
from locator.data.vocabulary import Treatment
from locator.ui.detail_pane import DetailPane
from tests.helpers.registry_texts import PRACTICAL, pick


def nervana_with_quote_3(
    qtbot: QtBot, registry: Registry, height: int
) -> tuple[DetailPane, QPoint]:
    """A details pane ``height`` high showing Nervana Medical (Sandy), and where the quote
    number 3 (after what it treats) is drawn in its viewport."""
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.resize(600, height)
    (nervana,) = pick(registry, "nervana-medical-sandy")
    pane.show_clinic(nervana)
    pane.show()
    qtbot.waitExposed(pane)
    browser, viewport = pane.browser, pane.browser.viewport()
    spot = next(
        QPoint(x, y)
        for y in range(0, viewport.height(), 2)
        for x in range(0, viewport.width(), 2)
        if browser.anchorAt(QPoint(x, y)) == "#source-3"
    )
    return pane, spot


def test_hovering_a_quote_number_shows_the_quote(qtbot: QtBot, registry: Registry) -> None:
    pane, spot = nervana_with_quote_3(qtbot, registry, 700)
    viewport = pane.browser.viewport()
    hover = QHelpEvent(QEvent.Type.ToolTip, spot, viewport.mapToGlobal(spot))
    QApplication.sendEvent(viewport, hover)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == (
        "“We offer ketamine therapy for depression, anxiety and several other mental health "
        "conditions” (000_5c7c8aabd53983aa.txt)"
    )


def test_clicking_a_quote_number_scrolls_to_the_quote(qtbot: QtBot, registry: Registry) -> None:
    pane, spot = nervana_with_quote_3(qtbot, registry, 300)  # the quotes start below what shows
    browser, viewport = pane.browser, pane.browser.viewport()

    def quote_3_shows() -> bool:
        shown = {
            browser.cursorForPosition(QPoint(10, y)).block().text()
            for y in range(0, viewport.height(), 5)
        }
        return any(text.startswith("[3] 000_5c7c8aabd53983aa.txt") for text in shown)

    assert not quote_3_shows()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(quote_3_shows)


def test_what_is_not_offered_reads_as_a_label_then_not_offered(qtbot: QtBot) -> None:
    _wasatch, valley, _canyon = parse_registry(PRACTICAL.encode()).clinics
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_clinic(valley.model_copy(update={"not_offered": [Treatment.ORAL_KETAMINE]}))
    text = pane.browser.toPlainText()
    assert "Oral or sublingual ketamine (not offered)" in text
    assert "not Oral" not in text
    assert "Insurance (not accepted)" in text


def test_a_quote_names_the_rows_it_supports_as_the_details_label_them(
    qtbot: QtBot, registry: Registry
) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    (nervana,) = pick(registry, "nervana-medical-sandy")
    pane.show_clinic(nervana)
    text = pane.browser.toPlainText()
    supports = [line for line in text.splitlines() if "supports:" in line]
    assert any("Where" in line for line in supports)
    assert not any("Address" in line for line in supports)
