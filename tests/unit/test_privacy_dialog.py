"""Tools → Privacy offers to clear what locator keeps, and only that: a cache never made has
nothing to clear, and its button says so rather than clearing nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from locator.data import registry_cache
from locator.data.loader import load_registry
from locator.data.vocabulary import Precision
from locator.geo.online import GeocodeCache
from locator.geo.place import Place
from locator.settings import Settings
from locator.shortlists import Shortlists
from locator.ui.preferences import Preferences
from locator.ui.privacy_dialog import PrivacyDialog
from locator.ui.shared_settings import SharedSettings
from tests.helpers.paths import REPO

CACHES = {
    "Clear online lookup &cache": "answers of the online geocoder",
    "Clear &registry cache": "checked copies of registries, for fast start-up",
}
NOTHING = "Nothing of this kind is kept, so there is nothing to clear."


def _rows(qtbot: QtBot, tmp_path: Path) -> dict[str, tuple[QPushButton, str]]:
    """Each cache's Clear button and what its row says is kept."""
    dialog = PrivacyDialog(
        Preferences(tmp_path / "window.ini"),
        Shortlists(tmp_path / "shortlists.json"),
        SharedSettings(Settings()),
    )
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    rows = {}
    for button in dialog.findChildren(QPushButton):
        if button.text() in CACHES:
            said = labels[labels.index(f"<b>{_row_name(button.text())}</b>") + 1]
            rows[button.text()] = (button, said)
    assert set(rows) == set(CACHES)
    return rows


def _row_name(clear: str) -> str:
    return "Online lookup cache" if "online" in clear else "Registry cache"


def test_a_cache_never_made_offers_nothing_to_clear_and_says_why(
    qtbot: QtBot, tmp_path: Path
) -> None:
    for button, said in _rows(qtbot, tmp_path).values():
        assert not button.isEnabled()
        assert (said, button.toolTip()) == ("nothing kept", NOTHING)
    GeocodeCache().put(
        "127.0.0.1",
        "Sandy, UT",
        [Place("Sandy, UT", "Sandy, UT", 40.57, -111.88, Precision.CITY, "127.0.0.1")],
    )
    load_registry(REPO / "clinics.yaml")  # its checked copy kept for the next start
    for clear, (button, said) in _rows(qtbot, tmp_path).items():
        assert button.isEnabled()
        assert said == CACHES[clear]
        button.click()
        assert not button.isEnabled()
        assert button.toolTip() == NOTHING
    assert not GeocodeCache().kept()
    assert not registry_cache.kept()
